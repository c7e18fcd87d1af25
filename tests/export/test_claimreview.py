"""schema.org ClaimReview drafts (issue 13): the fields Google's fact-check markup requires are all
there, what only a fact-checker can fill is marked, and the claim is described from the store."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from quidixit.cli import main
from quidixit.export.claimreview import TO_FILL, author_type, drafts
from quidixit.model import Analysis, Article, Content, Cue, Speaker, Statement

pytestmark = pytest.mark.slow


def test_drafts_from_the_store_carry_the_required_fields(store, analyses, tmp_path):
    r = CliRunner().invoke(main, ["export", "--format", "claimreview", "-o", str(tmp_path / "c.json"), "--db", store],
                           catch_exceptions=False)
    assert r.exit_code == 0
    items = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert 0 < len(items) <= sum(len(an.statements) for an in analyses)
    outlets = {an.article.outlet for an in analyses}
    for d in items:
        assert (d["@context"], d["@type"]) == ("https://schema.org", "ClaimReview")
        for key in ("claimReviewed", "reviewRating", "url", "author", "datePublished", "itemReviewed"):
            assert d[key], key
        assert d["reviewRating"]["@type"] == "Rating" and d["reviewRating"]["alternateName"].startswith(TO_FILL)
        assert d["url"].startswith(TO_FILL)
        claim = d["itemReviewed"]
        assert claim["@type"] == "Claim"
        assert claim["firstAppearance"] == claim["appearance"][0]
        for work in claim["appearance"]:
            assert work["@type"] == "CreativeWork" and work["url"]
            assert work["publisher"]["@type"] == "Organization" and work["publisher"]["name"] in outlets
        if "author" in claim:
            assert claim["author"]["@type"] in ("Person", "Organization") and claim["author"]["name"]
        assert claim["datePublished"] == claim["firstAppearance"]["datePublished"]
    lavrov = [d for d in items if d["itemReviewed"].get("author", {}).get("name") == "Serguei Lavrov"]
    assert len(lavrov) > 3 and {d["itemReviewed"]["author"]["@type"] for d in lavrov} == {"Person"}
    assert {"@type": "Person", "name": "Serguei Lavrov", "jobTitle": "ministre russe des Affaires étrangères"} in [
        d["itemReviewed"]["author"] for d in lavrov]


def test_one_claim_in_two_outlets_is_one_draft_with_both_appearances():
    def said(outlet: str, date: str, text: str) -> Analysis:
        content = text.strip("«» .")
        at = text.index(content)
        return Analysis(Article(text=text, outlet=outlet, published=date, url=f"https://example.org/{outlet}").with_id(), (
            Statement("direct", Content(at, at + len(content), content), Cue(0, 0, "", ""),
                      Speaker(0, 0, "", "Emmanuel Macron", "person", "président")),))

    items = drafts([said("B", "2018-03-11", "« Nous ne céderons pas. »"),
                    said("A", "2018-03-10", "« nous ne  céderons pas »")], date="2018-03-12")
    (d,) = items
    assert d["datePublished"] == "2018-03-12"
    assert d["claimReviewed"] == "nous ne  céderons pas"  # as the first appearance words it
    assert [w["publisher"]["name"] for w in d["itemReviewed"]["appearance"]] == ["A", "B"]
    assert d["itemReviewed"]["firstAppearance"]["url"] == "https://example.org/A"
    assert d["itemReviewed"]["datePublished"] == "2018-03-10"


def test_author_types():
    assert [author_type(t) for t in ("person", "anonymous", "unknown", "organization", "document", "group")] == [
        "Person", "Person", "Person", "Organization", "Organization", "Organization"]
