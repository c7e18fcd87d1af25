"""Label Studio pre-annotations (issue 13): tasks checked against the labelling config and the documented
task format (predictions[].result[] of labels, per-region choices and textarea, relations)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from quidixit.cli import main
from quidixit.export.labelstudio import CONFIG, check_task, task
from quidixit.model import KINDS, Analysis, Article, Content, Cue, Speaker, Statement

pytestmark = pytest.mark.slow


def test_tasks_of_the_store_fit_the_config(store, analyses, tmp_path):
    out = tmp_path / "tasks.json"
    r = CliRunner().invoke(main, ["export", "--format", "labelstudio", "-o", str(out), "--db", store],
                           catch_exceptions=False)
    assert r.exit_code == 0 and r.stderr == f"Wrote 8 Label Studio tasks to {out}.\n"
    config = (tmp_path / "tasks.config.xml").read_text(encoding="utf-8")
    assert config == CONFIG
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert len(tasks) == len(analyses)
    for t, an in zip(tasks, analyses):
        assert check_task(t, config) == []
        assert t["data"]["text"] == an.article.text and t["data"]["qx_id"] == an.article.id
        (pred,) = t["predictions"]
        regions = [r for r in pred["result"] if r["type"] == "labels" and r["value"]["labels"][0] in KINDS]
        assert len(regions) >= sum(1 for s in an.statements if s.field == "text")


def test_the_config_declares_what_the_results_use():
    root = ET.fromstring(CONFIG)
    assert [el.get("value") for el in root.iter("Label")] == [*KINDS, "cue", "speaker"]
    assert {el.get("value") for el in root.iter("Relation")} == {"said", "introduces", "continues"}
    assert root.find("Text").get("value") == "$text"


def test_one_statement_as_regions_and_relations():
    text = "« Nous partirons, a dit le maire, et vite. »"
    st = Statement("direct", Content(2, 42, text[2:42], ((2, 16), (32, 42))), Cue(18, 23, "a dit", "dire"),
                   Speaker(24, 32, "le maire", "maire", "person"))
    t = task(Analysis(Article(text=text).with_id(), (st,)))
    res = t["predictions"][0]["result"]
    labels = [(r["id"], r["value"]["labels"][0], r["value"]["text"]) for r in res if r["type"] == "labels"]
    assert labels == [("r1", "direct", "Nous partirons"), ("r2", "direct", ", et vite."), ("r3", "speaker", "le maire"),
                      ("r4", "cue", "a dit")]
    assert [(r["from_id"], r["to_id"], r["labels"]) for r in res if r["type"] == "relation"] == [
        ("r1", "r2", ["continues"]), ("r3", "r1", ["said"]), ("r3", "r2", ["said"]),
        ("r4", "r1", ["introduces"]), ("r4", "r2", ["introduces"])]
    per_region = {r["from_name"]: r["value"] for r in res if r.get("id") == "r3" and r["type"] != "labels"}
    assert per_region["speaker_type"]["choices"] == ["person"] and per_region["speaker_name"]["text"] == ["maire"]
    assert check_task(t) == []
    broken = json.loads(json.dumps(t))
    broken["predictions"][0]["result"][0]["value"]["labels"] = ["quote"]
    assert check_task(broken) == ["result r1: labels ['quote'] not declared in <Labels>"]
