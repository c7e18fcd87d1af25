"""brat standoff out and back (issue 13): export -> import-brat -> evaluate scores the store's own
statements perfectly; the files follow brat's format and the annotation.conf."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from quidixit.cli import main
from quidixit.errors import UsageError
from quidixit.evaluate import LEVELS, analysis_record, load_jsonl, score
from quidixit.export import brat
from quidixit.model import Analysis, Article, Content, Cue, Speaker, Statement

pytestmark = pytest.mark.slow


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_export_import_evaluate_gives_one_everywhere(store, analyses, tmp_path):
    r = invoke("export", "--format", "brat", "-o", tmp_path / "brat", "--db", store)
    assert r.exit_code == 0 and r.stderr == f"Wrote 8 articles to {tmp_path / 'brat'}.\n"
    r = invoke("import-brat", tmp_path / "brat", "-o", tmp_path / "gold.jsonl")
    assert r.exit_code == 0 and r.stderr == f"Wrote 8 gold articles to {tmp_path / 'gold.jsonl'}.\n"
    with open(tmp_path / "system.jsonl", "w", encoding="utf-8") as f:
        for an in analyses:
            f.write(json.dumps(analysis_record(an), ensure_ascii=False) + "\n")
    r = invoke("evaluate", tmp_path / "gold.jsonl", tmp_path / "system.jsonl", "--json", "--names")
    assert r.exit_code == 0
    report = json.loads(r.stdout)
    n = sum(len(analysis_record(an)["statements"]) for an in analyses)
    assert report["counts"]["gold"] == report["counts"]["pred"] == n > 30
    for level in LEVELS:
        m = report["metrics"][level]
        assert (m["precision"], m["recall"], m["f1"]) == (1.0, 1.0, 1.0), level
        assert m["speaker_acc"] == m["cue_acc"] == 1.0, level
    assert set(report["by_kind"]) >= {"direct", "indirect", "headline"}
    gold = {g["id"]: g for g in load_jsonl(tmp_path / "gold.jsonl")}
    for an in analyses:  # kinds, speaker names and types come back too, statement by statement
        system = analysis_record(an)["statements"]
        back = gold[an.article.id]["statements"]
        assert [s["kind"] for s in back] == [s["kind"] for s in system]
        assert [s.get("speaker_name") for s in back] == [(s["speaker"] or {}).get("name") for s in system]
        assert [s.get("speaker_type") for s in back] == [(s["speaker"] or {}).get("type") for s in system]


def test_ann_lines_follow_the_standoff_format(analyses, tmp_path):
    brat.write(analyses, tmp_path)
    conf = (tmp_path / "annotation.conf").read_text(encoding="utf-8")
    assert re.search(r"^\[entities\]\nContent\nCue\nSpeaker\n", conf, re.M)
    assert "Kind\tArg:Content, Value:direct|indirect|mixed|according_to|headline" in conf
    for an in analyses:
        base = brat.article_files(an)
        text = (tmp_path / f"{base}.txt").read_bytes().decode("utf-8")
        assert text == an.article.text
        entities = {}
        for line in (tmp_path / f"{base}.ann").read_text(encoding="utf-8").splitlines():
            ident, rest = line.split("\t", 1)
            if ident[0] == "T":
                head, surface = rest.split("\t")
                label, where = head.split(" ", 1)
                spans = [tuple(map(int, p.split())) for p in where.split(";")]
                assert label in {"Content", "Cue", "Speaker"}
                assert surface == " ".join(text[s:e] for s, e in spans).replace("\n", " ")
                entities[ident] = label
            elif ident[0] == "R":
                kind, a1, a2 = rest.rstrip("\t").split(" ")
                assert (kind, entities[a1[5:]], entities[a2[5:]]) in {("Said", "Speaker", "Content"),
                                                                     ("Introduces", "Cue", "Content")}
            elif ident[0] == "A":
                name, target, value = rest.split(" ")
                assert entities[target] == {"Kind": "Content", "SpeakerType": "Speaker"}[name]
            else:
                assert ident[0] == "#" and rest.startswith("AnnotatorNotes T")


def test_a_split_content_is_one_discontinuous_annotation(tmp_path):
    text = "« Nous partirons, a dit le maire, et vite. »"
    a, b = (2, 16), (32, 42)  # "Nous partirons" and ", et vite."
    st = Statement("direct", Content(2, 42, text[2:42], (a, b)), Cue(18, 23, "a dit", "dire"),
                   Speaker(24, 32, "le maire", "maire", "person"))
    an = Analysis(Article(text=text).with_id(), (st,))
    ann = brat.ann_text(an)
    assert ann.splitlines()[0] == "T1\tContent 2 16;32 42\tNous partirons , et vite."
    brat.write([an], tmp_path)
    (gold,) = brat.read_gold(tmp_path)
    assert gold["statements"] == [{"content": [[2, 16], [32, 42]], "cue": [[18, 23]], "speaker": [[24, 32]],
                                   "kind": "direct", "has_quote_mark": True, "speaker_name": "maire",
                                   "speaker_type": "person"}]


def test_an_annotation_whose_text_was_changed_is_a_coded_error(analyses, tmp_path):
    brat.write(analyses[:1], tmp_path)
    ann = next(tmp_path.glob("*.ann"))
    shifted = re.sub(r"^(T1\tContent )(\d+)", lambda m: m.group(1) + str(int(m.group(2)) + 1),
                     ann.read_text(encoding="utf-8"), count=1)  # the first content, one character later
    ann.write_text(shifted, encoding="utf-8")
    with pytest.raises(UsageError, match=r"^\[QX402\] .*\.ann line 1: the text .* is not what the offsets give"):
        list(brat.read_gold(tmp_path))
    r = CliRunner().invoke(main, ["import-brat", str(tmp_path), "-o", "-"])
    assert r.exit_code == 2 and r.stderr.startswith("Error: [QX402]")
