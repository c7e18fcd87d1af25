"""The analyst's UI in a real browser: Debian's Chromium driven by Playwright
over ``quidixit serve`` on a loopback port. Saves the screenshots of
docs/screenshots/. Run with ``pytest -m browser tests/ui``."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ._server import running_server

CHROMIUM = os.environ.get("QUIDIXIT_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium) "
                              "or QUIDIXIT_CHROMIUM=/path/to/chromium"),
]
playwright_api = pytest.importorskip("playwright.sync_api", reason="browser tests need `pip install playwright`")

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(store_path):
    with running_server(store_path) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page that may only talk to 127.0.0.1; anything else is blocked and fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    outside: list[str] = []
    dialogs: list[str] = []

    def guard(route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1",) or route.request.url.startswith(("data:", "about:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.outside, pg.dialogs = outside, dialogs
    yield pg
    context.close()
    assert not outside, f"the page tried to reach beyond loopback: {outside}"
    assert not dialogs, f"a dialog fired: {dialogs}"


def _statements(store_path, article_id):
    conn = sqlite3.connect(store_path)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute(
        "SELECT idx, kind, field, content_text, content_spans, speaker_id FROM statements WHERE article_id = ? ORDER BY idx",
        (article_id,))]
    conn.close()
    return rows


def test_search_speaker_then_article_speaker_outlet(page, server, store_path):
    page.goto(server + "/")
    page.fill("#qx-q", "Borne")
    page.press("#qx-q", "Enter")
    page.wait_for_url("**/search?q=Borne*")
    hits = page.locator(".qx-hit")
    assert hits.count() >= 3
    assert "Nous ne reculerons pas" in page.locator(".qx-hits").inner_text()
    assert page.locator(".qx-facets").get_by_text("Élisabeth Borne").count() >= 1
    page.screenshot(path=str(SHOTS / "search.png"), full_page=True)

    # open the Le Monde article from its hit
    page.locator(".qx-hit", has_text="Nous ne reculerons pas").locator("a.qx-article-link").click()
    page.wait_for_url("**/articles/art-lemonde-1*")
    _check_article(page, store_path, "art-lemonde-1")
    page.locator('.qx-side a[data-goto="2"]').click()
    assert "qx-focus" in page.locator('[data-st~="2"]').first.get_attribute("class")
    page.screenshot(path=str(SHOTS / "article.png"), full_page=True)

    # the speaker page, from the side list
    page.locator(".qx-side li", has_text="Élisabeth Borne").first.get_by_text("speaker page").click()
    page.wait_for_url("**/speakers/*")
    assert page.locator("h1").inner_text() == "Élisabeth Borne"
    facts = page.locator(".qx-facts").inner_text()
    assert "Borne" in facts and "Première ministre" in facts
    assert page.locator(".qx-chart svg rect.qx-bar").count() >= 2  # the timeline has bars
    assert page.locator(".qx-hit").count() == 4
    page.screenshot(path=str(SHOTS / "speaker.png"), full_page=True)

    # and an outlet that quotes them
    page.locator(".qx-chart a, .qx-hit a", has_text="lemonde.fr").first.click()
    page.wait_for_url("**/outlets/lemonde.fr*")
    assert page.locator("h1").inner_text() == "lemonde.fr"
    assert page.locator(".qx-chart svg").count() >= 3
    assert "Élisabeth Borne" in page.locator(".qx-table").inner_text()
    page.screenshot(path=str(SHOTS / "outlet.png"), full_page=True)


def _check_article(page, store_path, article_id):
    """Every stored statement is in the side list and highlighted with exactly its text."""
    stored = _statements(store_path, article_id)
    assert page.locator(".qx-side li").count() == len(stored)
    for s in stored:
        if s["content_spans"]:
            continue  # split contents: pieces checked by their boundaries in test_pages
        pieces = page.locator(f'[data-st~="{s["idx"]}"]').all_inner_texts()
        assert "".join(pieces) == s["content_text"], s
        assert page.locator(f"#st-{s['idx']}").count() == 1
    assert page.locator(".qx-st").count() >= len(stored)


def test_nested_statements(page, server, store_path):
    page.goto(server + "/articles/art-figaro-1")
    _check_article(page, store_path, "art-figaro-1")
    nested = page.locator(".qx-nested")
    assert nested.count() >= 1 and "compromis" in nested.first.inner_text()
    # the headline statement is highlighted in the title
    assert page.locator("h1 .qx-st").inner_text() == "rien n'est joué"


def test_hostile_text_renders_as_text(page, server, store_path):
    page.goto(server + "/articles/art-hostile")
    main = page.locator("main")
    text = page.locator("#qx-text").inner_text()
    assert "<script>alert(1)</script>" in text
    assert '"><img src=x onerror=alert(1)>' in text
    assert main.locator("img").count() == 0
    assert main.locator("script").count() == 0
    assert main.locator("b").count() == 0  # the speaker's "<b>" stays text too
    assert "<script>alert(2)</script>" in page.locator("h1").inner_text()
    assert page.locator('a[href^="javascript:"]').count() == 0
    _check_article(page, store_path, "art-hostile")
    # the same strings through search, speaker and outlet pages
    page.goto(server + "/search?q=" + "alert")
    assert page.locator("main img").count() == 0
    page.locator(".qx-hit a").first.click()
    assert page.locator("main img").count() == 0
    page.goto(server + "/search?q=%3Cscript%3Ealert(5)%3C/script%3E%22%3E%3Cimg%20src=x%20onerror=alert(6)%3E")
    assert page.locator("main img").count() == 0
    assert page.locator("#qx-q").input_value().startswith("<script>")
    # the page fixture asserts that no dialog fired


def test_keyboard_and_phone_width(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    try:
        for path in ("/search?q=Borne", "/articles/art-lemonde-1", "/outlets/lemonde.fr", "/speakers"):
            page.goto(server + path)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{path} scrolls sideways on a phone ({overflow}px)"
        page.goto(server + "/articles/art-lemonde-1")
        page.screenshot(path=str(SHOTS / "article-phone.png"), full_page=False)
        # keyboard: tab to the first statement in the side list and follow it with Enter
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('data-goto')") is not None:
                break
        else:
            pytest.fail("no statement link reachable with Tab")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("", "none"), "focused link has no visible outline"
        n = page.evaluate("document.activeElement.getAttribute('data-goto')")
        page.keyboard.press("Enter")
        assert page.url.endswith(f"#st-{n}")
        assert page.locator(f'[data-st~="{n}"]').first.evaluate("el => el.classList.contains('qx-focus')")
    finally:
        context.close()


@pytest.mark.slow
def test_real_extractor_sample(page, sample_store):
    """Over a store built by the real extractor from the bundled sample: search the
    most quoted speaker, open their first article, compare highlights with the store."""
    conn = sqlite3.connect(sample_store)
    row = conn.execute("SELECT id, name FROM speakers WHERE type = 'person' ORDER BY n_statements DESC, name LIMIT 1").fetchone()
    conn.close()
    if row is None:
        pytest.skip("the extractor found no person speaker in the sample")
    with running_server(sample_store) as base:
        page.goto(base + "/")
        page.fill("#qx-q", row[1])
        page.press("#qx-q", "Enter")
        page.wait_for_url("**/search?q=*")
        assert page.locator(".qx-hit").count() >= 1
        page.locator(".qx-hit a.qx-article-link").first.click()
        page.wait_for_url("**/articles/*")
        article_id = page.url.split("/articles/")[1].split("#")[0]
        _check_article(page, sample_store, article_id)
        page.locator(".qx-meta a, .qx-side a", has_text="speaker page").first.click()
        page.wait_for_url("**/speakers/*")
        assert page.locator("h1").inner_text()
