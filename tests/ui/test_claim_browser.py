"""The claim page in a real browser (Debian's Chromium through Playwright), from an
article's "also reported by" link. Saves docs/screenshots/claim.png."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims_corpus import analyses
from quidixit.store import Store

from ._server import running_server
from .test_browser import CHROMIUM, SHOTS, browser, page  # noqa: F401  (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium) "
                              "or QUIDIXIT_CHROMIUM=/path/to/chromium"),
]


@pytest.fixture(scope="module")
def claims_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("ui-claims-browser") / "claims.db"
    with Store(path) as store:
        store.write_batch(analyses())
    with running_server(path) as base:
        yield base


def test_article_to_claim_page(page, claims_server):  # noqa: F811
    page.goto(claims_server + "/articles/figaro-1")
    link = page.locator(".qx-side a.qx-also")
    assert link.inner_text() == "also reported by 2 other outlets · possible misquote"
    link.click()
    page.wait_for_url("**/claims/*")
    assert page.locator("h1").inner_text().startswith("« Nous ne céderons rien")
    assert "Le Monde, 2024-03-05" in page.locator(".qx-first").inner_text()
    # timeline: one row per outlet, one dot per statement, the first one marked
    svg = page.locator(".qx-claim-timeline svg")
    assert svg.locator("g.qx-dot").count() == 4
    assert svg.locator("g.qx-dot-first").count() == 1
    assert "first appearance" in svg.locator("g.qx-dot-first title").text_content()
    assert svg.locator("g.qx-dot-misquote").count() == 1
    # the variants side by side, the changed word highlighted on both sides
    misquote = page.locator(".qx-variant.qx-misquote")
    assert misquote.count() == 1
    assert misquote.locator(".qx-ref mark.qx-chg").inner_text() == "engagements"
    assert misquote.locator(".qx-var mark.qx-chg").inner_text() == "promesses"
    assert "Le Figaro" in misquote.locator(".qx-var").inner_text()
    # side by side: the two versions sit next to each other at this width
    ref_box = misquote.locator(".qx-ref").bounding_box()
    var_box = misquote.locator(".qx-var").bounding_box()
    assert var_box["x"] > ref_box["x"] + ref_box["width"] - 1 and abs(var_box["y"] - ref_box["y"]) < 2
    cut = page.locator(".qx-variant:not(.qx-misquote)")
    assert cut.count() == 1 and cut.locator("mark.qx-chg").count() == 0 and cut.locator(".qx-cutw").count() >= 1
    page.screenshot(path=str(SHOTS / "claim.png"), full_page=True)

    # the lists of claims
    page.goto(claims_server + "/claims")
    assert page.locator("#most-reported + table tbody tr").count() == 1
    assert page.locator("#misquotes + table tbody tr").count() == 1
    page.locator("#misquotes + table a", has_text="Nous ne céderons").click()
    page.wait_for_url("**/claims/*")
