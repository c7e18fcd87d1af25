"""French output is unchanged by the move of French into its pack (issue 14).

tests/fixtures/fr/wikinews-fr-54c3c17.sys.jsonl is the system output, record by record, of commit
54c3c17 (the last one before lang/XX packs) on 15 of the 50 Wikinews articles of
eval/gold/wikinews-fr-full.gold.jsonl (Wikinews, CC BY 2.5: the texts are read from the gold file,
the snapshot holds only ids and statements), chosen to hold every kind the body text gives (56
direct, 33 indirect, 13 according_to, 12 mixed; headlines come from titles, which
``quidixit evaluate`` does not pass: the French golden test covers them). The records are made as
``quidixit evaluate GOLD --save-system`` makes them (:func:`quidixit.evaluate.system_records`).

Changed on purpose since (each regenerated, and said in its commit): article 45644, the inverted
incise "…, affirme Rami Abd al-Rahman de l'Observatoire …" no longer takes the speaker's apposition
as a second content piece (the move itself was byte-identical on all 50 articles and on FreSaDa);
article 44527 (fifth session), "Selon des conclusions d'analyses ayant été effectuées dans un
laboratoire en Suisse, …" and 44772 "… selon un sondage publié dans le quotidien espagnol El Pais, …":
the participial phrase is part of the source, no longer of the content; article 44999, "Arnaud
Montebourg reconnait tout de même qu'il faut …" gains its statement ("même" ends an adverb there);
article 44510 gains "elle dévoile que …" (Human Rights Watch) and "Les témoignages des anciens détenus
rapportent que …" (dévoiler is a cue verb, témoignage a document noun); 44772 again: "…mal-formé ».Pour le
collectif …" is two sentences (a period glued to the next one is a token), and "un sondage publié dans
…" is a document of its own, not the last speaker's; 45644 again: "Selon l'AFP, le Conseil national syrien
… a appelé à …" is the Council's statement only, and "confirmée de source indépendante" is no source.

When a change to French output is intended, regenerate the snapshot (and say so in the commit):

    PYTHONPATH=src .venv/bin/python -c "import json;from quidixit.evaluate import system_records as s;P='tests/fixtures/fr/wikinews-fr-54c3c17.sys.jsonl';ids=[json.loads(l)['id'] for l in open(P)];g={(r:=json.loads(l))['id']:r for l in open('eval/gold/wikinews-fr-full.gold.jsonl')};open(P,'w').writelines(json.dumps(r,ensure_ascii=False)+'\\n' for r in s([g[i] for i in ids])[0])"
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "tests" / "fixtures" / "fr" / "wikinews-fr-54c3c17.sys.jsonl"
GOLD = ROOT / "eval" / "gold" / "wikinews-fr-full.gold.jsonl"

EXPECTED = [json.loads(line) for line in SNAPSHOT.read_text(encoding="utf-8").splitlines()]
GOLD_BY_ID = {r["id"]: r for r in map(json.loads, GOLD.read_text(encoding="utf-8").splitlines())}


def test_snapshot_is_consistent():
    assert len(EXPECTED) == 15 and len({r["id"] for r in EXPECTED}) == 15
    kinds = {s["kind"] for r in EXPECTED for s in r["statements"]}
    assert kinds == {"direct", "indirect", "mixed", "according_to"}
    for rec in EXPECTED:
        text = GOLD_BY_ID[rec["id"]]["text"]  # the snapshot's offsets index the gold file's texts
        for st in rec["statements"]:
            c = st["content"]
            assert text[c["start"] : c["end"]] == c["text"], (rec["id"], c)
            if st.get("speaker") and st["speaker"].get("start") is not None:
                assert text[st["speaker"]["start"] : st["speaker"]["end"]] == st["speaker"]["text"]


@pytest.fixture(scope="module")
def current():
    from quidixit.evaluate import system_records

    records, failures = system_records([GOLD_BY_ID[r["id"]] for r in EXPECTED], workers=1, lang="fr")
    assert not failures, failures
    # as --save-system writes them: through JSON
    return {r["id"]: json.loads(json.dumps(r, ensure_ascii=False)) for r in records}


def _lines(statements: list[dict]) -> list[str]:
    return [json.dumps(s, ensure_ascii=False, sort_keys=True) for s in statements]


@pytest.mark.slow
@pytest.mark.parametrize("expected", EXPECTED, ids=[r["id"] for r in EXPECTED])
def test_french_output_is_byte_identical(current, expected):
    got = current[expected["id"]]
    want_line = json.dumps(expected, ensure_ascii=False)
    got_line = json.dumps(got, ensure_ascii=False)
    if got_line != want_line:
        diff = "\n".join(difflib.unified_diff(_lines(expected["statements"]), _lines(got["statements"]), "54c3c17", "now", lineterm="", n=0))
        pytest.fail(
            f"article {expected['id']}: French output changed ({len(expected['statements'])} statements before, "
            f"{len(got['statements'])} now); one statement a line:\n{diff}\n"
            "If the change is intended, regenerate the snapshot (see this module's docstring)."
        )
