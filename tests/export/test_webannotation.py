"""W3C Web Annotation (issue 13): every TextQuoteSelector.exact is the text at its TextPositionSelector,
in code points and, through the UTF-16 offsets, as JavaScript reads it (characters outside the BMP too)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from quidixit.cli import main
from quidixit.export import webannotation
from quidixit.model import Analysis, Article, Content, Cue, Speaker, Statement

pytestmark = pytest.mark.slow


def _targets(a: dict) -> list[dict]:
    return a["target"] if isinstance(a["target"], list) else [a["target"]]


def _js_slice(text: str, start: int, end: int) -> str:
    """``text.slice(start, end)`` in JavaScript: UTF-16 code units."""
    units = text.encode("utf-16-le")
    return units[2 * start:2 * end].decode("utf-16-le")


def test_every_quote_is_the_text_at_its_position(store, analyses, tmp_path):
    r = CliRunner().invoke(main, ["export", "--format", "webannotation", "--parts", "-o", str(tmp_path / "a.jsonld"),
                                  "--db", store], catch_exceptions=False)
    assert r.exit_code == 0
    doc = json.loads((tmp_path / "a.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection" and doc["total"] == len(doc["first"]["items"])
    texts = {}
    for an in analyses:
        key = an.article.url or f"urn:quidixit:article:{an.article.id}"
        texts[key] = an.article
    n_statements = sum(len(an.statements) for an in analyses)
    statements = [a for a in doc["first"]["items"] if a["motivation"] == "classifying"]
    assert len(statements) == n_statements and len(doc["first"]["items"]) > 2 * n_statements
    astral = 0
    for a in doc["first"]["items"]:
        assert a["type"] == "Annotation" and a["id"].startswith("urn:quidixit:statement:")
        for t in _targets(a):
            art = texts[t["source"]]
            text = art.title if t.get("qx:field") == "title" else art.text
            quote, pos = t["selector"]
            assert (quote["type"], pos["type"]) == ("TextQuoteSelector", "TextPositionSelector")
            assert quote["exact"] == text[pos["start"]:pos["end"]] != ""
            assert text[:pos["start"]].endswith(quote["prefix"]) and text[pos["end"]:].startswith(quote["suffix"])
            assert _js_slice(text, pos["qx:utf16Start"], pos["qx:utf16End"]) == quote["exact"]
            astral += pos["qx:utf16Start"] != pos["start"]
    assert astral > 0  # the emoji article: positions after "🌍" differ between code points and UTF-16


def test_one_annotation_per_statement_with_kind_and_speaker():
    text = "🌍 « Nous partirons, a dit le maire, et vite. »"
    st = Statement("direct", Content(4, 44, text[4:44], ((4, 18), (34, 44))), Cue(20, 25, "a dit", "dire"),
                   Speaker(26, 34, "le maire", "maire", "person"))
    (a,) = webannotation.annotations(Analysis(Article(text=text, url="https://example.org/a").with_id(), (st,)))
    assert a["@context"] == ["http://www.w3.org/ns/anno.jsonld", {"qx": "urn:quidixit:vocab#"}]
    assert [b["purpose"] for b in a["body"]] == ["classifying", "identifying", "describing"]
    assert a["body"][0]["value"] == "direct" and a["body"][1]["value"] == "maire"
    first, second = a["target"]  # the content's two pieces
    assert first["source"] == "https://example.org/a"
    assert first["selector"][0]["exact"] == "Nous partirons" and second["selector"][0]["exact"] == ", et vite."
    assert (first["selector"][1]["start"], first["selector"][1]["qx:utf16Start"]) == (4, 5)
