"""The export formats from the command line (issue 13): `quidixit extract --format FORMAT` writes what
`quidixit export` writes from a store; usage errors are coded."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from click.testing import CliRunner

from quidixit.cli import main
from quidixit.store import Store

SAMPLE = resources.files("quidixit") / "data" / "sample" / "sana-lavrov-2017-fr.txt"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.slow
def test_extract_writes_the_export_formats(tmp_path):
    src = tmp_path / "sana-lavrov-2017-fr.txt"
    src.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    r = invoke("extract", src, "--format", "webannotation", "--no-language-check")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["type"] == "AnnotationCollection" and doc["total"] > 10
    r = invoke("extract", src, "--format", "brat", "-o", tmp_path / "brat", "--no-language-check")
    assert r.exit_code == 0
    assert sorted(p.suffix for p in (tmp_path / "brat").iterdir()) == [".ann", ".conf", ".txt"]
    r = invoke("extract", src, "--format", "labelstudio", "-o", tmp_path / "ls.json", "--no-language-check")
    assert r.exit_code == 0 and (tmp_path / "ls.config.xml").exists()
    assert len(json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))) == 1


def test_usage_errors_are_coded(tmp_path):
    r = CliRunner().invoke(main, ["extract", str(SAMPLE), "--format", "jsonl", "-o", str(tmp_path / "x")])
    assert r.exit_code == 2 and r.stderr.startswith("error: [QX401] --output goes with an export format")
    r = CliRunner().invoke(main, ["extract", str(SAMPLE), "--format", "brat"])
    assert r.exit_code == 2 and r.stderr == "error: [QX401] --format brat writes a folder: pass --output DIR.\n"
    db = tmp_path / "c.db"
    Store(db).close()
    r = CliRunner().invoke(main, ["export", "--format", "brat", "-o", "-", "--db", str(db)])
    assert r.exit_code == 2 and r.stderr == (
        "Error: [QX306] Cannot export as 'brat': brat files go into a folder; pass -o DIR.\n")
    r = CliRunner().invoke(main, ["export", "--format", "claimreview", "-o", "-", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 1 and r.stderr.startswith("Error: [QX303]")
    assert not (tmp_path / "none.db").exists()
