"""The examples of docs/format.md are what the code writes for the example article (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quidixit.export import brat, claimreview, labelstudio, webannotation
from quidixit.model import Analysis, Article
from quidixit.voice import voice_share

from .conftest import SAMPLE

pytestmark = pytest.mark.slow

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "format.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def example():
    import quidixit

    text = (SAMPLE / "sana-lavrov-2017-fr.txt").read_text(encoding="utf-8")
    return quidixit.analyze(Article(text=text, outlet="SANA", published="2017", source="sana-lavrov-2017-fr.txt"))


def test_the_examples_are_the_example_articles(example):
    assert example.statements[1].cue.text == "a affirmé"
    one = Analysis(example.article, (example.statements[1],))
    (a,) = webannotation.annotations(one)
    quote, pos = a["target"]["selector"]
    assert f'"id": "{a["id"]}"' in DOCS and f'"source": "{a["target"]["source"]}"' in DOCS
    assert json.dumps({k: quote[k] for k in ("prefix", "suffix")}, ensure_ascii=False)[1:-1] in DOCS
    assert json.dumps(pos)[1:-1] in DOCS
    (d,) = claimreview.drafts([one])
    assert f'"claimReviewed": "{d["claimReviewed"]}"' in DOCS
    assert json.dumps(d["itemReviewed"]["author"], ensure_ascii=False) in DOCS
    ann = brat.ann_text(Analysis(example.article, example.statements[:2])).splitlines()
    block = DOCS.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    assert block == ann[len(ann) - len(block):]
    regions = labelstudio.task(one)["predictions"][0]["result"]
    assert all(json.dumps(r["value"]["start"]) in DOCS for r in regions if "value" in r)
    assert '"value": {"start": 157, "end": 171, "text": "Serguei Lavrov", "labels": ["speaker"]}' in DOCS
    v = voice_share(example)
    assert f"{v.chars:,} characters, {v.attributed:,} attributed — \"{v.line()}\"" in DOCS.replace("\n", " ")
