"""The claim pages through Datasette's test client, on the generated multi-outlet corpus."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

pytest.importorskip("datasette", reason="the UI needs `pip install datasette`")

from claims_corpus import analyses  # noqa: E402
from quidixit.store import Store  # noqa: E402
from quidixit.ui import make_datasette  # noqa: E402
from quidixit.ui.claim_views import claim_timeline, side_by_side  # noqa: E402


def run(coro):
    return asyncio.run(coro)


@pytest.fixture(scope="module")
def claims_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("ui-claims") / "claims.db"
    with Store(path) as store:
        store.write_batch(analyses())
    return path


@pytest.fixture(scope="module")
def ds(claims_db):
    d = make_datasette(claims_db)
    run(d.invoke_startup())
    return d


def dupont_claim(path) -> str:
    with sqlite3.connect(path) as c:
        return c.execute("SELECT id FROM claims WHERE speaker_name = 'Jean Dupont' AND n_articles > 1").fetchone()[0]


def test_claims_list(ds, claims_db):
    r = run(ds.client.get("/claims"))
    assert r.status_code == 200
    assert "Most reported" in r.text and "Possible misquotes" in r.text
    assert dupont_claim(claims_db) in r.text
    data = run(ds.client.get("/claims.json")).json()
    assert [c["outlets"] for c in data["top"]] == [3]
    assert len(data["misquotes"]) == 1


def test_claim_page(ds, claims_db):
    cid = dupont_claim(claims_db)
    r = run(ds.client.get(f"/claims/{cid}"))
    assert r.status_code == 200
    assert r.text.count('class="qx-variant') == 2  # the cut and the altered word; the elision change is no variant
    assert r.text.count('class="qx-variant qx-misquote"') == 1
    assert '<mark class="qx-chg">promesses</mark>' in r.text and '<mark class="qx-chg">engagements</mark>' in r.text
    assert "qx-dot-first" in r.text and "Le Monde, 2024-03-05" in r.text
    j = run(ds.client.get(f"/claims/{cid}.json")).json()
    assert j["first"]["outlet"] == "Le Monde" and j["outlets"] == 3


def test_missing_claim_is_404(ds):
    assert run(ds.client.get("/claims/nope")).status_code == 404


def test_article_says_also_reported_by(ds, claims_db):
    r = run(ds.client.get("/articles/lemonde-1"))
    assert "also reported by 2 other outlets" in r.text
    assert f'/claims/{dupont_claim(claims_db)}"' in r.text
    r = run(ds.client.get("/articles/figaro-1"))
    assert "also reported by 2 other outlets · possible misquote" in r.text


def test_old_store_without_claim_tables_still_serves(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.write_batch(analyses()[:1])
        store.conn.execute("DROP TABLE claim_statements")
        store.conn.execute("DROP TABLE claims")
    d = make_datasette(path)
    assert run(d.client.get("/articles/lemonde-1")).status_code == 200
    assert run(d.client.get("/claims")).status_code == 200


def test_side_by_side_marks():
    p = side_by_side("Nous irons au bout, vraiment.", "nous irons jusqu'au bout")
    assert [x["mark"] for x in p["right"] if x["mark"]] == ["changed"]
    assert any(x["mark"] == "cut" and "vraiment" in x["text"] for x in p["left"])


def test_timeline_rows_and_undated():
    sts = [
        {"statement_id": "a", "outlet": "A", "published": "2024-01-01", "level": "verbatim", "kind": "direct", "article_id": "1"},
        {"statement_id": "b", "outlet": "B", "published": "2024-01-11", "level": "verbatim", "kind": "direct", "article_id": "2"},
        {"statement_id": "c", "outlet": "A", "published": None, "level": "paraphrase", "kind": "indirect", "article_id": "3"},
    ]
    t = claim_timeline(sts, "a")
    assert [lab["text"] for lab in t["labels"]] == ["A", "B"]
    xs = [d["x"] for d in t["dots"]]
    assert xs[0] == t["left"] and xs[1] == t["right"] and xs[2] > t["right"]
    assert [d["first"] for d in t["dots"]] == [True, False, False]
    assert [tick["text"] for tick in t["ticks"]] == ["2024-01-01", "2024-01-11", "no date"]
