"""The scorer (quidixit.evaluate) and `quidixit evaluate`.

Small hand-made cases, one per rule, then the same numbers as the team's
reference scorer (../shared/tools/score.py) on the annotated corpora with
perturbed and real system outputs (skipped when ../shared is absent), and the
reference's numbers recorded on the in-repo Wikinews gold (no ../shared needed).
"""

from __future__ import annotations

import copy
import importlib.util
import json
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from quidixit.cli import main as cli
from quidixit.evaluate import Report, score

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "tools" / "score.py"
ASFALDA = SHARED / "data" / "annotated" / "asfalda-sequoia-fr.jsonl"
SHARED_WIKINEWS = SHARED / "data" / "annotated" / "wikinews-fr-full.jsonl"
EXAMPLE_GOLD = ROOT / "eval" / "gold" / "sana-lavrov-2017-fr.gold.jsonl"
WIKINEWS_GOLD = ROOT / "eval" / "gold" / "wikinews-fr-full.gold.jsonl"

needs_shared = pytest.mark.skipif(
    not (REFERENCE.exists() and ASFALDA.exists()),
    reason=f"the shared data ({SHARED}) is absent: reference scorer and annotated corpus not found",
)


# ------------------------------------------------------------------ helpers
def span(text: str, s: str, nth: int = 0) -> list[int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(s, i + 1)
    return [i, i + len(s)]


def gold_st(text, content, cue=None, speaker=None, quoted=None, name=None):
    d = {
        "content": [span(text, c) for c in ([content] if isinstance(content, str) else content)],
        "cue": [span(text, cue)] if cue else [],
        "speaker": [span(text, speaker)] if speaker else [],
    }
    if quoted is not None:
        d["has_quote_mark"] = quoted
    if name:
        d["speaker_name"] = name
    return d


def pred_st(text, content, cue=None, speaker=None, name=None, kind="indirect"):
    a, b = span(text, content)
    d = {"kind": kind, "content": {"start": a, "end": b, "text": text[a:b]}, "cue": None, "speaker": None}
    if cue:
        a, b = span(text, cue)
        d["cue"] = {"start": a, "end": b, "text": cue}
    if speaker:
        a, b = span(text, speaker)
        d["speaker"] = {"start": a, "end": b, "text": speaker, "name": name or speaker}
    return d


T1 = "Le ministre a affirmé que la réforme des retraites sera votée avant la fin de l'année prochaine."
CONTENT1 = "que la réforme des retraites sera votée avant la fin de l'année prochaine"


def one(text, golds, preds, scope="full"):
    return score([{"id": "a", "text": text, "scope": scope, "statements": golds}], [{"id": "a", "statements": preds}])


def m(report: Report, level="0.5"):
    return report.metrics[level]


# ------------------------------------------------------------------ rules, one by one
def test_perfect_match_at_every_level():
    r = one(T1, [gold_st(T1, CONTENT1, "a affirmé", "Le ministre", False)], [pred_st(T1, CONTENT1, "a affirmé", "Le ministre")])
    for level in ("0.3", "0.5", "0.8", "exact"):
        assert (m(r, level).precision, m(r, level).recall, m(r, level).f1) == (1.0, 1.0, 1.0)
    assert m(r).speaker_acc == 1.0 and m(r).cue_acc == 1.0 and m(r).recall_indirect == 1.0


def test_leading_que_is_not_counted():
    # gold with "que", prediction without: same tokens, and equal for "exact" too
    r = one(T1, [gold_st(T1, CONTENT1)], [pred_st(T1, CONTENT1[4:])])
    assert m(r, "0.8").matched == 1 and m(r, "exact").matched == 1


def test_qu_apostrophe_is_dropped_but_a_lone_que_is_kept():
    t = "Il a dit qu'il viendrait. Il a répondu que."
    r = one(t, [gold_st(t, "qu'il viendrait")], [pred_st(t, "il viendrait")])
    assert m(r, "0.8").matched == 1 and m(r, "exact").matched == 1
    r = one(t, [gold_st(t, "que")], [pred_st(t, "que")])
    assert m(r, "0.8").matched == 1  # the only token: kept


def test_a_token_is_held_when_half_covered():
    t = "Elle a déclaré : nous reviendrons."
    s, e = span(t, "nous reviendrons")
    # prediction cuts "reviendrons" (11 chars) after 6 chars: more than half, held
    pred = {"kind": "direct", "content": {"start": s, "end": s + 11, "text": t[s : s + 11]}, "cue": None, "speaker": None}
    assert m(one(t, [gold_st(t, "nous reviendrons")], [pred]), "0.8").matched == 1
    # after 5 chars: less than half, not held: 1 of 2 tokens
    pred["content"] = {"start": s, "end": s + 10, "text": t[s : s + 10]}
    r = one(t, [gold_st(t, "nous reviendrons")], [pred])
    assert m(r, "0.5").matched == 1 and m(r, "0.8").matched == 0


def test_thresholds_on_partial_overlap():
    t = "Selon le rapport, la croissance ralentira nettement en 2024 dans toute la zone euro."
    g = [gold_st(t, "la croissance ralentira nettement en 2024 dans toute la zone euro")]  # 11 tokens
    r = one(t, g, [pred_st(t, "la croissance ralentira nettement en 2024")])  # 6 of 11: 0.545
    assert [m(r, k).matched for k in ("0.3", "0.5", "0.8", "exact")] == [1, 1, 0, 0]
    r = one(t, g, [pred_st(t, "la croissance ralentira nettement")])  # 4 of 11: 0.36
    assert [m(r, k).matched for k in ("0.3", "0.5", "0.8", "exact")] == [1, 0, 0, 0]
    assert m(r, "0.8").precision == 0.0 and m(r, "0.8").f1 == 0.0


def test_ratio_divides_by_the_longer_side():
    t = "Selon le rapport, la croissance ralentira nettement en 2024 dans toute la zone euro."
    r = one(t, [gold_st(t, "la croissance ralentira")], [pred_st(t, "la croissance ralentira nettement en 2024 dans toute la zone euro")])
    assert m(r, "0.3").matched == 0  # 3 / 11


def test_exact_ignores_quote_marks_spaces_and_final_punctuation():
    t = "Il a lancé : « Nous ne  céderons pas. » Puis il est parti."
    r = one(t, [gold_st(t, "Nous ne  céderons pas", quoted=True)], [pred_st(t, "« Nous ne  céderons pas. »", kind="direct")])
    assert m(r, "exact").matched == 1 and m(r, "exact").recall_direct == 1.0
    r = one(t, [gold_st(t, "Nous ne  céderons pas", quoted=True)], [pred_st(t, "Nous ne  céderons pas. » Puis")])
    assert m(r, "exact").matched == 0 and m(r, "0.5").matched == 1


def test_discontinuous_gold_content_and_predicted_spans():
    t = '"Tout simplement", a précisé Roger Thiriot, "parce que l\'histoire est longue.'
    g = gold_st(t, ['"Tout simplement"', '"parce que l\'histoire est longue.'], "a précisé", "Roger Thiriot", True)
    a = span(t, "Tout simplement")
    b = span(t, "parce que l'histoire est longue")
    pred = {"kind": "direct", "content": {"start": a[0], "end": b[1], "text": t[a[0] : b[1]], "spans": [b, a]},
            "cue": None, "speaker": {"start": 0, "end": 1, "text": '"', "name": "M. Thiriot"}}
    r = one(t, [g], [pred])
    assert m(r, "0.8").matched == 1 and m(r, "exact").matched == 1
    assert m(r).speaker_acc == 1.0  # by name: "Thiriot"
    assert m(r).cue_acc == 0.0 and m(r).cue_n == 1
    # inner punctuation is kept for "exact": a gold fragment ending in a comma differs
    g["content"][0] = span(t, '"Tout simplement",')
    r = one(t, [g], [pred])
    assert m(r, "0.8").matched == 1 and m(r, "exact").matched == 0


def test_one_to_one_greedy_by_ratio():
    t = "Selon le rapport, la croissance ralentira nettement en 2024 dans toute la zone euro."
    g = [gold_st(t, "la croissance ralentira nettement en 2024 dans toute la zone euro")]
    preds = [pred_st(t, "la croissance ralentira nettement"), pred_st(t, "la croissance ralentira nettement en 2024 dans toute la zone euro")]
    r = one(t, g, preds)
    assert (m(r, "0.3").precision, m(r, "0.3").recall, m(r, "0.3").matched) == (0.5, 1.0, 1)
    assert m(r, "0.8").matched == 1  # the better prediction took the gold


def test_speaker_by_span_overlap_or_by_last_capitalised_word():
    t = "M. Sergueï Lavrov a affirmé que les terroristes constituent un danger. Le ministre est à Moscou."
    g = [gold_st(t, "que les terroristes constituent un danger", "a affirmé", "M. Sergueï Lavrov")]
    ok_span = pred_st(t, "les terroristes constituent un danger", speaker="Lavrov", name="X")
    ok_name = pred_st(t, "les terroristes constituent un danger", speaker="Le ministre", name="sergueï LAVROV")
    bad = pred_st(t, "les terroristes constituent un danger", speaker="Le ministre", name="le ministre russe")
    none = pred_st(t, "les terroristes constituent un danger")
    assert [m(one(t, g, [p])).speaker_acc for p in (ok_span, ok_name, bad, none)] == [1.0, 1.0, 0.0, 0.0]
    # without a name, the predicted text is used
    no_name = copy.deepcopy(bad)
    no_name["speaker"].update(name=None, text="Lavrov, le ministre")
    assert m(one(t, g, [no_name])).speaker_acc == 1.0
    # a word, not a substring: "Lavrovienne" does not hold "Lavrov"
    bad["speaker"]["name"] = "la diplomatie lavrovienne"
    assert m(one(t, g, [bad])).speaker_acc == 0.0


def test_speaker_name_of_the_gold_counts_too():
    t = "Le communiqué ajoute que les avions ont été détournés vers le nord."
    g = [gold_st(t, "que les avions ont été détournés vers le nord", "ajoute", "Le communiqué", name="ministère de la Défense")]
    p = pred_st(t, "les avions ont été détournés vers le nord", speaker="Le communiqué", name="ministère russe de la Défense")
    p["speaker"].update(start=None, end=None)  # no span: judged by name only
    assert m(one(t, g, [p])).speaker_acc == 1.0


def test_gold_without_speaker_or_cue_is_counted_apart():
    t = "Il a été annoncé que le pont serait fermé pendant deux mois."
    g = [gold_st(t, "que le pont serait fermé pendant deux mois")]
    r = one(t, g, [pred_st(t, "le pont serait fermé pendant deux mois", "a été annoncé", "Il")])
    assert m(r).speaker_acc is None and m(r).matched_gold_without_speaker == 1
    assert m(r).cue_acc is None and m(r).matched_gold_without_cue == 1
    assert r.counts.gold_without_speaker == 1 and r.counts.gold_without_cue == 1


def test_recall_only_articles_give_no_precision():
    t = "Le ministre a dit qu'il partirait demain, et la porte-parole a annoncé une réforme."
    g = [gold_st(t, "qu'il partirait demain", "a dit")]
    r = one(t, g, [pred_st(t, "qu'il partirait demain"), pred_st(t, "une réforme")], scope="recall")
    assert (m(r).precision, m(r).recall, m(r).f1, m(r).recall_full) == (None, 1.0, None, None)
    assert "recall-only gold: precision and F1 are not defined" in r.render()


def test_precision_on_full_articles_recall_on_all():
    t = "Le ministre a dit qu'il partirait demain, et la porte-parole a annoncé une réforme."
    gold = [
        {"id": "full", "text": t, "scope": "full", "statements": [gold_st(t, "qu'il partirait demain")]},
        {"id": "rec", "text": t, "scope": "recall", "statements": [gold_st(t, "une réforme")]},
    ]
    system = [
        {"id": "full", "statements": [pred_st(t, "qu'il partirait demain"), pred_st(t, "une réforme")]},
        {"id": "rec", "statements": [pred_st(t, "une réforme"), pred_st(t, "qu'il partirait demain")]},
    ]
    r = score(gold, system)
    assert (m(r).precision, m(r).recall, m(r).recall_full) == (0.5, 1.0, 1.0)
    assert "R_full" in r.render()


def test_empty_system_and_missing_articles():
    r = one(T1, [gold_st(T1, CONTENT1)], [])
    assert (m(r).precision, m(r).recall, m(r).f1) == (0.0, 0.0, 0.0)
    r = score([{"id": "a", "text": T1, "statements": [gold_st(T1, CONTENT1)]}], [{"id": "b", "statements": []}])
    assert r.counts.articles_missing_in_system == 1 and r.warnings.system_articles_not_in_gold == 1
    assert r.counts.articles_full == 1  # scope defaults to full


def test_recall_by_quote_mark():
    t = "« Nous partirons », a dit le maire. Il a ajouté que la ville paierait."
    g = [gold_st(t, "Nous partirons", "a dit", "le maire", True), gold_st(t, "que la ville paierait", "a ajouté", "Il", False)]
    r = one(t, g, [pred_st(t, "Nous partirons", kind="direct")])
    assert (m(r).recall_direct, m(r).recall_indirect) == (1.0, 0.0)
    assert (r.counts.gold_direct, r.counts.gold_indirect) == (1, 1)


def test_bad_predictions_are_warned_and_clamped():
    t = "Il a dit que tout irait bien."
    g = [gold_st(t, "que tout irait bien")]
    preds = [
        {"kind": "indirect", "content": None},
        {"kind": "indirect", "content": {"start": span(t, "tout")[0], "end": 999, "text": "tout irait bien."}},
        {"kind": "indirect", "content": {"start": 0, "end": 2, "text": "autre chose"}},
    ]
    r = score([{"id": "a", "text": t, "statements": g}], [{"id": "a", "statements": preds[:2]}, {"id": "a", "statements": preds[2:]}])
    w = r.warnings
    assert (w.pred_statements_without_content, w.pred_offsets_out_of_range, w.pred_text_differs_from_offsets, w.duplicate_system_ids) == (1, 1, 1, 1)
    assert r.counts.pred == 2 and m(r, "exact").matched == 1


def test_to_dict_has_the_reference_layout():
    d = one(T1, [gold_st(T1, CONTENT1)], []).to_dict()
    assert list(d) == ["counts", "warnings", "metrics", "gold", "system"]
    assert list(d["metrics"]) == ["0.3", "0.5", "0.8", "exact"]
    assert "speaker_name_acc" not in d["metrics"]["0.5"]  # only with names=True, as the reference's --names
    json.dumps(d)


# ------------------------------------------------------------------ names (the reference's --names)
NAMES_T = "Serguei Lavrov a affirmé que la paix viendra. Selon les manifestants, rien ne change."


def names_gold():
    t = NAMES_T
    return [
        gold_st(t, "la paix viendra", "a affirmé", "Serguei Lavrov", name="Serguei Lavrov"),
        gold_st(t, "rien ne change", "Selon", "les manifestants", name="les manifestants"),
    ]


def named(content, name, text="il", where=(0, 2)):
    st = pred_st(NAMES_T, content)
    st["speaker"] = {"start": where[0], "end": where[1], "text": text, "name": name}
    return st


@pytest.mark.parametrize(
    "first, second, right",
    [
        ("Lavrov", "manifestants", 2),
        ("Poutine", "il", 0),  # the span (0, 2) overlaps "Serguei Lavrov": speaker_acc is 1, the name is wrong
        ("M. Serguei Lavrov", "des manifestants en colère", 2),
        ("lavrov", "les MANIFESTANTS", 2),  # case-insensitive
        ("Lavrovienne", "manif", 0),  # a word, not a substring
    ],
)
def test_speaker_name_rule(first, second, right):
    r = score(
        [{"id": "a", "text": NAMES_T, "statements": names_gold()}],
        [{"id": "a", "statements": [named("la paix viendra", first), named("rien ne change", second)]}],
        names=True,
    )
    assert (m(r).speaker_name_acc, m(r).speaker_name_n) == (right / 2, 2)
    if first == "Poutine":
        assert m(r).speaker_acc == 0.5  # "il" overlaps the gold mention of the first statement


def test_speaker_name_falls_back_to_the_mention_text():
    st = named("la paix viendra", None, text="Lavrov")
    r = one(NAMES_T, names_gold()[:1], [st])
    assert m(r).speaker_name_acc is None  # names not asked for
    r = score([{"id": "a", "text": NAMES_T, "statements": names_gold()[:1]}], [{"id": "a", "statements": [st]}], names=True)
    assert (m(r).speaker_name_acc, m(r).speaker_name_n) == (1.0, 1)


def test_speaker_name_needs_a_long_word_when_the_gold_has_no_capital():
    t = "On dit que la ville paierait. Un élu a répondu que non."
    g = [gold_st(t, "que la ville paierait", "dit", "On", name="on"), gold_st(t, "que non", "a répondu", "Un élu", name="un élu")]
    p = [pred_st(t, "la ville paierait", speaker="On", name="on"), pred_st(t, "non", speaker="Un élu", name="un élu")]
    r = score([{"id": "a", "text": t, "statements": g}], [{"id": "a", "statements": p}], names=True)
    # no capital and no word of four letters or more: nothing can name these speakers
    assert (m(r).speaker_name_acc, m(r).speaker_name_n, m(r).speaker_acc) == (0.0, 2, 1.0)


def test_speaker_name_judged_on_pairs_at_half_overlap_with_a_gold_name():
    t = "Selon le rapport, la croissance ralentira nettement en 2024 dans toute la zone euro. Il a été dit que tout irait bien."
    g = [
        gold_st(t, "la croissance ralentira nettement en 2024 dans toute la zone euro", "Selon", "le rapport", name="le rapport"),
        gold_st(t, "que tout irait bien"),  # no speaker_name: not judged
    ]
    short = pred_st(t, "la croissance ralentira nettement", speaker="le rapport")  # 4 of 11 tokens: matched at 0.3 only
    rest = pred_st(t, "tout irait bien", speaker="Il", name="Il")
    r = score([{"id": "a", "text": t, "statements": g}], [{"id": "a", "statements": [short, rest]}], names=True)
    assert m(r, "0.3").matched == 2 and m(r).matched == 1
    assert (m(r).speaker_name_acc, m(r).speaker_name_n) == (None, 0)
    d = r.to_dict()["metrics"]
    assert d["0.5"]["speaker_name_n"] == 0 and d["0.5"]["speaker_name_acc"] is None
    assert all("speaker_name_n" not in d[level] for level in ("0.3", "0.8", "exact"))


# ------------------------------------------------------------------ recall by gold kind
def test_recall_by_gold_kind():
    t = "« Nous partirons », a dit le maire. Il a ajouté que la ville paierait. Selon lui, tout ira bien."
    g = [
        dict(gold_st(t, "Nous partirons", "a dit", "le maire", True, name="le maire"), kind="direct"),
        dict(gold_st(t, "que la ville paierait", "a ajouté", "Il", False, name="le maire"), kind="indirect"),
        dict(gold_st(t, "tout ira bien", "Selon", "lui", False, name="le maire"), kind="according_to"),
    ]
    p = [pred_st(t, "Nous partirons", speaker="le maire", kind="direct"), pred_st(t, "tout ira bien", speaker="lui", name="lui")]
    r = score([{"id": "a", "text": t, "statements": g}], [{"id": "a", "statements": p}], names=True)
    assert list(r.by_kind) == ["direct", "indirect", "according_to"]  # the order of KINDS
    assert [(k, v.gold, v.recall("0.5")) for k, v in r.by_kind.items()] == [
        ("direct", 1, 1.0), ("indirect", 1, 0.0), ("according_to", 1, 1.0)
    ]
    assert r.by_kind["according_to"].speaker_name_acc == 0.0 and r.by_kind["direct"].speaker_name_acc == 1.0
    d = r.to_dict()["by_kind"]
    assert d["indirect"] == {
        "gold": 1,
        "matched": {"0.3": 0, "0.5": 0, "0.8": 0, "exact": 0},
        "recall": {"0.3": 0.0, "0.5": 0.0, "0.8": 0.0, "exact": 0.0},
        "speaker_name_acc": None,
        "speaker_name_n": 0,
    }
    lines = r.render().splitlines()
    assert lines[-5].startswith("at >=0.5: speaker name right on 0.500 of 2 pairs")
    assert lines[-4].split() == ["recall", "by", "gold", "kind", "n", ">=0.3", ">=0.5", ">=0.8", "exact", "name_acc", "n_name"]
    assert lines[-1].split() == ["according_to", "1", "1.000", "1.000", "1.000", "1.000", "0.000", "1"]
    # without kinds in the gold there is no breakdown, and the layout is the reference's
    r = one(T1, [gold_st(T1, CONTENT1)], [])
    assert r.by_kind == {} and "by_kind" not in r.to_dict() and "recall by gold kind" not in r.render()


def test_markdown_table():
    from quidixit.evaluate import markdown_table

    t = "« Nous partirons », a dit le maire. Il a ajouté que la ville paierait."
    g = [
        dict(gold_st(t, "Nous partirons", "a dit", "le maire", True, name="le maire"), kind="direct"),
        dict(gold_st(t, "que la ville paierait", "a ajouté", "Il", False, name="le maire"), kind="indirect"),
    ]
    full = score([{"id": "a", "text": t, "statements": g}], [{"id": "a", "statements": [pred_st(t, "Nous partirons", speaker="le maire")]}], names=True)
    recall_only = score([{"id": "a", "text": t, "scope": "recall", "statements": g}], [])
    table = markdown_table([("full", full), ("recall", recall_only)], label="system", extra=["docs/s"], extra_cells=[["12"], ["≥100k"]])
    head, rule, one_row, two_row = table.splitlines()
    assert head.startswith("| system | docs / statements | ≥0.3 P / R / F1 | ≥0.5 P / R / F1 | ≥0.8 P / R / F1 | exact P / R / F1 |")
    assert head.endswith("| R@0.5 direct | R@0.5 mixed | R@0.5 indirect | R@0.5 according_to | R@0.5 headline | docs/s |")
    assert rule == "|" + "---|" * 14
    assert one_row == (
        "| full | 1 / 2 (full) | 1.000 / 0.500 / 0.667 | 1.000 / 0.500 / 0.667 | 1.000 / 0.500 / 0.667 "
        "| 1.000 / 0.500 / 0.667 | 1.000 (1) | 1.000 (1) | 1.000 (1) | – | 0.000 (1) | – | – | 12 |"
    )
    assert two_row.startswith("| recall | 1 / 2 (recall-only) | – / 0.000 / – |") and "| – | 0.000 (1) |" in two_row


# ------------------------------------------------------------------ same numbers as the reference scorer
def _reference():
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _load(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def perturbed(gold: list[dict], seed: int = 0) -> list[dict]:
    """A system output made from the gold with every kind of error a system makes."""
    rnd = random.Random(seed)
    out = []
    for g in gold:
        text, n = g["text"], len(g["text"])
        toks = [mm.span() for mm in re.finditer(r"\w+", text)]
        preds = []
        for st in g["statements"]:
            roll = rnd.random()
            if roll < 0.12:
                continue  # missed
            spans = sorted(st["content"])
            s, e = spans[0][0], spans[-1][1]
            if roll < 0.5:
                s += rnd.choice([0, 0, 1, 2, 5, -3])  # cut into / around tokens
                e += rnd.choice([0, 0, -1, -4, 3, 15, -30])
            s, e = max(0, min(s, n)), max(0, min(e, n))
            content = {"start": s, "end": e, "text": text[s:e]}
            if len(spans) > 1 and rnd.random() < 0.5:
                content["spans"] = [list(x) for x in spans]
            p = {"kind": "direct" if st.get("has_quote_mark") else "indirect", "content": content, "cue": None, "speaker": None}
            if st["cue"] and rnd.random() < 0.8:
                a, b = st["cue"][0]
                if rnd.random() < 0.2:
                    a, b = toks[0]  # a wrong cue
                p["cue"] = {"start": a, "end": b, "text": text[a:b], "lemma": "dire"}
            r2 = rnd.random()
            if st["speaker"] and r2 < 0.5:
                a, b = st["speaker"][0]
                p["speaker"] = {"start": a, "end": b, "text": text[a:b], "name": text[a:b]}
            elif st["speaker"] and r2 < 0.7:
                a, b = st["speaker"][0]
                p["speaker"] = {"start": None, "end": None, "text": "", "name": "M. " + text[a:b].upper()}
            elif r2 < 0.85:
                a, b = toks[-1]
                p["speaker"] = {"start": a, "end": b, "text": text[a:b], "name": None}
            if st.get("speaker_name") and rnd.random() < 0.4:  # resolved to the gold name, or to a wrong one
                name = st["speaker_name"] if rnd.random() < 0.7 else "Jean Dupont"
                p["speaker"] = dict(p["speaker"] or {"start": None, "end": None, "text": ""}, name=name)
            preds.append(p)
        for _ in range(rnd.choice([0, 0, 1, 2])):  # spurious ones
            i = rnd.randrange(len(toks))
            j = min(len(toks) - 1, i + rnd.randrange(1, 12))
            preds.append({"kind": "direct", "content": {"start": toks[i][0], "end": toks[j][1], "text": text[toks[i][0]:toks[j][1]]}, "cue": None, "speaker": None})
        rnd.shuffle(preds)
        if rnd.random() < 0.05:
            continue  # article missing
        out.append({"id": g["id"], "statements": preds})
    # the odd ones: bad offsets, no content, a wrong text, a duplicate id, an unknown id
    out[0]["statements"].append({"kind": "direct", "content": {"start": -5, "end": 10 ** 6, "text": "x"}})
    out[1]["statements"].append({"kind": "direct", "content": {"text": "no offsets"}})
    out.append({"id": out[2]["id"], "statements": [{"kind": "direct", "content": {"start": 0, "end": 3, "text": "???"}}]})
    out.append({"id": "not-in-gold", "statements": []})
    return out


def _same(ref, gold, system):
    expected = ref.evaluate(copy.deepcopy(gold), copy.deepcopy(system))
    got = score(gold, system).to_dict()
    for key in ("counts", "warnings", "metrics"):
        assert got[key] == expected[key], key


def _reference_cli(ref, capsys, *argv):
    """What the reference scorer prints for these arguments (its main, in this process)."""
    ref.main(["score.py", *map(str, argv)])
    return capsys.readouterr().out


def _same_as_reference_cli(ref, capsys, gold_path, sys_path):
    """`quidixit evaluate GOLD SYS --names [--json]` against `score.py GOLD SYS --names [--json]`."""
    expected = json.loads(_reference_cli(ref, capsys, gold_path, sys_path, "--names", "--json"))
    result = CliRunner().invoke(cli, ["evaluate", str(gold_path), str(sys_path), "--names", "--json"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.output)
    for key in ("counts", "warnings", "metrics", "system"):
        assert got[key] == expected[key], key
    assert "speaker_name_acc" in got["metrics"]["0.5"]
    # the text: the reference's lines first, then our recall by gold kind
    expected_text = _reference_cli(ref, capsys, gold_path, sys_path, "--names")
    result = CliRunner().invoke(cli, ["evaluate", str(gold_path), str(sys_path), "--names"])
    assert result.output.startswith(expected_text)
    return got


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@needs_shared
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_same_numbers_as_reference_on_asfalda_perturbed(seed):
    ref, gold = _reference(), _load(ASFALDA)
    _same(ref, gold, perturbed(gold, seed))


@needs_shared
def test_same_numbers_as_reference_with_full_articles():
    ref, gold = _reference(), _load(ASFALDA)
    mixed = [dict(g, scope="full" if i % 2 else "recall") for i, g in enumerate(gold)]
    _same(ref, mixed, perturbed(mixed, 7))
    full = [dict(g, scope="full") for g in gold]
    _same(ref, full, perturbed(full, 8))
    _same(ref, full, [])


@needs_shared
def test_reference_selftest_cases(capsys):
    """The reference's own self-tests, with our scorer swapped in."""
    ref = _reference()
    ref.evaluate = lambda g, s: score(g, s).to_dict()
    assert ref.selftest()

    def name_accuracy(g, s):
        mm = score(g, s, names=True).metrics["0.5"]
        return round((mm.speaker_name_acc or 0) * mm.speaker_name_n), mm.speaker_name_n

    ref.name_accuracy = name_accuracy
    assert ref.selftest_names()


@pytest.mark.skipif(not (REFERENCE.exists() and SHARED_WIKINEWS.exists()), reason=f"the shared data ({SHARED}) is absent")
@pytest.mark.parametrize("seed", [0, 1, 2, 11])
def test_same_numbers_as_reference_with_names_on_wikinews(seed, tmp_path, capsys):
    ref, gold = _reference(), _load(SHARED_WIKINEWS)
    sys_path = _write_jsonl(tmp_path / "sys.jsonl", perturbed(gold, seed))
    got = _same_as_reference_cli(ref, capsys, SHARED_WIKINEWS, sys_path)
    assert got["metrics"]["0.5"]["speaker_name_n"] > 50
    if seed == 11:  # the numbers recorded for test_reference_numbers_on_the_in_repo_gold
        assert _pinned(got) == WIKINEWS_SEED11


@needs_shared
def test_cli_prints_the_reference_table(tmp_path, capsys):
    ref, gold = _reference(), _load(ASFALDA)
    mixed = [dict(g, scope="full" if i % 3 == 0 else "recall") for i, g in enumerate(gold)]
    gold_path, sys_path = tmp_path / "gold.jsonl", tmp_path / "sys.jsonl"
    gold_path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in mixed), encoding="utf-8")
    sys_path.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in perturbed(mixed, 3)), encoding="utf-8")
    ref.main(["score.py", str(gold_path), str(sys_path)])
    expected = capsys.readouterr().out
    result = CliRunner().invoke(cli, ["evaluate", str(gold_path), str(sys_path)])
    assert result.exit_code == 0, result.output
    assert result.output == expected
    ref.main(["score.py", str(gold_path), str(sys_path), "--json"])
    expected = json.loads(capsys.readouterr().out)
    result = CliRunner().invoke(cli, ["evaluate", str(gold_path), str(sys_path), "--json"])
    assert json.loads(result.output) == expected


def test_cli_clean_error_on_bad_gold(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(bad), str(bad)])
    assert result.exit_code == 1
    assert "[QX401]" in result.output and "needs an 'id' and a string 'text'" in result.output


# ------------------------------------------------------------------ the example article's gold
@pytest.mark.skipif(not (SHARED / "corpus").exists(), reason="../shared/corpus is absent")
def test_example_gold_is_up_to_date(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "g.jsonl"
    subprocess.run([sys.executable, str(ROOT / "eval" / "make_gold_example.py"), "--out", str(out)], check=True, capture_output=True)
    assert out.read_text(encoding="utf-8") == EXAMPLE_GOLD.read_text(encoding="utf-8")


def test_example_gold_spans_point_at_their_strings():
    rec = _load(EXAMPLE_GOLD)[0]
    text = rec["text"]
    assert rec["scope"] == "full" and len(rec["statements"]) == 12
    for st in rec["statements"]:
        assert all(text[a:b].strip() == text[a:b] and text[a:b] for a, b in st["content"] + st["speaker"] + st["cue"])


# ------------------------------------------------------------------ the in-repo Wikinews gold (no ../shared needed)
# What the reference scorer (`score.py GOLD SYS --names --json`) gave on 2026-12-01 for
# perturbed(WIKINEWS_GOLD, 11); test_same_numbers_as_reference_with_names_on_wikinews checks it again.
WIKINEWS_SEED11 = {
    "counts": {"gold": 228, "pred": 237, "articles_missing_in_system": 2},
    "matched": {"0.3": 196, "0.5": 195, "0.8": 181, "exact": 128},
    "speaker_n": 193, "cue_n": 177, "speaker_name_n": 193, "speaker_name_acc": 0.559585,
}


def _pinned(report: dict) -> dict:
    c, mt = report["counts"], report["metrics"]
    return {
        "counts": {k: c[k] for k in ("gold", "pred", "articles_missing_in_system")},
        "matched": {level: mt[level]["matched"] for level in mt},
        "speaker_n": mt["0.5"]["speaker_n"], "cue_n": mt["0.5"]["cue_n"],
        "speaker_name_n": mt["0.5"]["speaker_name_n"], "speaker_name_acc": round(mt["0.5"]["speaker_name_acc"], 6),
    }


def test_in_repo_wikinews_gold():
    gold = _load(WIKINEWS_GOLD)
    assert len(gold) == 50 and all(g["scope"] == "full" for g in gold)
    kinds = [st["kind"] for g in gold for st in g["statements"]]
    assert {k: kinds.count(k) for k in set(kinds)} == {"direct": 83, "mixed": 66, "indirect": 46, "according_to": 33}
    for g in gold:
        text = g["text"]
        for st in g["statements"]:
            assert st["content"] and all(0 <= a < b <= len(text) for a, b in st["content"] + st["cue"] + st["speaker"])
    assert (ROOT / "eval" / "gold" / "README.md").read_text(encoding="utf-8").count("CC BY 2.5") >= 2
    assert (ROOT / "eval" / "gold" / "CONVENTIONS.md").exists()


def test_in_repo_gold_as_its_own_system_scores_one(tmp_path):
    gold = _load(WIKINEWS_GOLD)
    system = [
        {"id": g["id"], "statements": [
            {"kind": st["kind"],
             "content": {"start": st["content"][0][0], "end": st["content"][-1][1],
                         "text": g["text"][st["content"][0][0]:st["content"][-1][1]],
                         "spans": st["content"]},
             "cue": None,
             "speaker": {"start": None, "end": None, "text": "", "name": st["speaker_name"]}}
            for st in g["statements"]]}
        for g in gold
    ]
    r = score(gold, system, names=True)
    for level in ("0.3", "0.5", "0.8"):
        assert (m(r, level).precision, m(r, level).recall, m(r, level).f1) == (1.0, 1.0, 1.0), level
    # every named speaker is found by name, but for "on", which no name can match (no capital, no long word)
    assert m(r).speaker_name_n == 225 and round(m(r).speaker_name_acc * 225) == 224
    assert all(k.recall("0.5") == 1.0 for k in r.by_kind.values())


def test_reference_numbers_on_the_in_repo_gold(tmp_path):
    """Our CLI on the in-repo gold gives the numbers the reference scorer gave (recorded above)."""
    gold = _load(WIKINEWS_GOLD)
    sys_path = _write_jsonl(tmp_path / "sys.jsonl", perturbed(gold, 11))
    result = CliRunner().invoke(cli, ["evaluate", str(WIKINEWS_GOLD), str(sys_path), "--names", "--json"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.output)
    assert _pinned(got) == WIKINEWS_SEED11
    assert list(got["by_kind"]) == ["direct", "mixed", "indirect", "according_to"]
    assert sum(k["matched"]["0.5"] for k in got["by_kind"].values()) == got["metrics"]["0.5"]["matched"]


# ------------------------------------------------------------------ with the extractor (needs the model)
@pytest.mark.slow
@needs_shared
def test_extractor_output_scored_alike(tmp_path, capsys):
    from quidixit.evaluate import system_records

    ref = _reference()
    for gold_path in (ASFALDA, EXAMPLE_GOLD):
        gold = _load(gold_path)
        system, failures = system_records(gold)
        assert not failures
        _same(ref, gold, system)
    gold = _load(WIKINEWS_GOLD)
    system, failures = system_records(gold)
    assert not failures
    _same_as_reference_cli(ref, capsys, WIKINEWS_GOLD, _write_jsonl(tmp_path / "sys.jsonl", system))


@pytest.mark.slow
def test_cli_runs_the_extractor_on_the_example(tmp_path):
    saved = tmp_path / "sys.jsonl"
    result = CliRunner().invoke(cli, ["evaluate", str(EXAMPLE_GOLD), "--save-system", str(saved), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["counts"]["gold"] == 12 and report["counts"]["articles_full"] == 1
    assert [json.loads(line)["id"] for line in saved.read_text(encoding="utf-8").splitlines()] == ["sana-lavrov-2017-fr"]
    # scoring the saved output gives the same numbers
    again = CliRunner().invoke(cli, ["evaluate", str(EXAMPLE_GOLD), str(saved), "--json"])
    assert json.loads(again.output)["metrics"] == report["metrics"]
