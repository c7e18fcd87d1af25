"""The UI with an unresolved speaker (``name`` None: its mention is shown, marked
unresolved) and a statement found in the article's title (``field`` "title")."""

from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("datasette", reason="the UI needs `pip install datasette`")

from quidixit.model import Analysis, Article, Content, Cue, Speaker, Statement  # noqa: E402
from quidixit.store import Store  # noqa: E402
from quidixit.ui import make_datasette  # noqa: E402

TITLE = "Martin : « La grève continuera jusqu'au bout »"
TEXT = "Ils ont affirmé que la grève continuerait. Paul Martin, délégué syndical, a dit vouloir tenir."


def _analysis() -> Analysis:
    i = TITLE.index("La grève")
    headline = Statement("headline", Content(i, i + 39, TITLE[i : i + 39]), None,
                         Speaker(0, 6, "Martin", "Paul Martin", "person"), 0.8, "title")
    j = TEXT.index("la grève")
    unresolved = Statement("indirect", Content(j, j + 21, TEXT[j : j + 21]), Cue(4, 15, "ont affirmé", "affirmer"),
                           Speaker(0, 3, "Ils", None, "unknown"), 0.85)
    return Analysis(Article(text=TEXT, id="art-greve", title=TITLE, outlet="exemple.fr", published="2024-03-01"),
                    (headline, unresolved))


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    path = tmp_path_factory.mktemp("ui-unresolved") / "corpus.db"
    with Store(path) as store:
        store.write_batch([_analysis()], store.start_run(["test"]))
    d = make_datasette(path)
    asyncio.run(d.invoke_startup())
    return d


def get(ds, path):
    return asyncio.run(ds.client.get(path))


def test_article_page_shows_the_mention_of_an_unresolved_speaker(ds):
    r = get(ds, "/articles/art-greve")
    assert r.status_code == 200, r.text[:500]
    assert "“Ils” (unresolved)" in r.text
    assert "None" not in r.text


def test_search_hit_of_an_unresolved_speaker(ds):
    r = get(ds, "/search?q=continuerait")
    assert r.status_code == 200, r.text[:500]
    assert "“Ils” (unresolved)" in r.text


def test_title_statement_is_highlighted_in_the_title(ds):
    r = get(ds, "/articles/art-greve")
    title = r.text.split('<h1 class="qx-article-title">', 1)[1].split("</h1>", 1)[0]
    assert 'class="qx-st qx-k-headline' in title
    assert "La grève continuera jusqu&#39;au bout" in title or "La grève continuera jusqu'au bout" in title
    side = r.text.split('aria-label="statements in this article"', 1)[1]
    assert "Paul Martin" in side and "(title)" in side
