"""Issue 10: the numbers the pages show come from counts the writer keeps (``counts``,
``speakers.n_statements``, ``tallies``), never from counting the corpus on a request;
they are the numbers a direct COUNT over the statements gives. Every speaker, every
outlet, the outlets page and the search page's facets, through Datasette's client on
the UI test store and on a store whose articles were analysed again."""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import replace
from urllib.parse import quote

import pytest

pytest.importorskip("datasette", reason="the UI needs `pip install datasette`")

from quidixit.store import Store, connect, migrate  # noqa: E402
from quidixit.ui import make_datasette  # noqa: E402

from .conftest import build_store, sample_analyses  # noqa: E402


def run(coro):
    return asyncio.run(coro)


@pytest.fixture(scope="module", params=["ingested", "reanalysed", "version 6"])
def served(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("counts") / "c.db"
    if request.param == "version 6":  # served as it is, not migrated: the pages count what the store does not keep
        conn = connect(path)
        migrate(conn, to=6)
        store = Store.__new__(Store)
        store.path, store.conn, store.version, store._outlets, store.defer_claims = str(path), conn, 6, {}, True
        assert store.write_batch(sample_analyses())["new"] == len(sample_analyses())
        conn.close()
    else:
        build_store(path)
    if request.param == "reanalysed":  # every article's statements replaced: other speakers, other kinds
        with Store(path) as s:
            again = []
            for an in sample_analyses():
                sts = tuple(replace(st, kind="according_to", speaker=replace(st.speaker, name="Jean Nouveau"))
                            if st.speaker and i % 2 == 0 else st for i, st in enumerate(an.statements))
                again.append(replace(an, statements=sts[: max(1, len(sts) - 1)]))
            assert s.write_batch(again, replace=True)["replaced"] == len(again)
    ds = make_datasette(path)
    run(ds.invoke_startup())
    return ds, path


def get(ds, path):
    r = run(ds.client.get(path))
    assert r.status_code == 200, (path, r.status_code)
    return r.json()


def test_every_speaker_page_shows_the_counted_numbers(served):
    ds, path = served
    c = sqlite3.connect(path)
    speakers = [r[0] for r in c.execute("SELECT id FROM speakers")]
    assert len(speakers) >= 3
    for sid in speakers:
        d = get(ds, f"/speakers/{quote(sid)}.json")
        assert d["speaker"]["n_statements"] == c.execute("SELECT count(*) FROM statements WHERE speaker_id = ?",
                                                         (sid,)).fetchone()[0]
        assert [(m["month"], m["n"]) for m in d["months"]] == [tuple(r) for r in c.execute(
            "SELECT substr(published, 1, 7), count(*) FROM statements WHERE speaker_id = ? AND published IS NOT NULL "
            "GROUP BY 1 ORDER BY 1", (sid,))]
        assert sorted((k["kind"], k["n"]) for k in d["kinds"]) == sorted(tuple(r) for r in c.execute(
            "SELECT kind, count(*) FROM statements WHERE speaker_id = ? GROUP BY 1", (sid,)))
        assert sorted((o["outlet"], o["n"], o["articles"]) for o in d["outlets"]) == sorted(tuple(r) for r in c.execute(
            "SELECT o.name, count(*), count(DISTINCT s.article_id) FROM statements s JOIN articles a ON a.id = s.article_id "
            "JOIN outlets o ON o.id = a.outlet_id WHERE s.speaker_id = ? GROUP BY 1", (sid,)))


def test_every_outlet_page_and_the_outlets_page_show_the_counted_numbers(served):
    ds, path = served
    c = sqlite3.connect(path)
    index = {o["name"]: o for o in get(ds, "/outlets.json")["outlets"]}
    for oid, name in c.execute("SELECT id, name FROM outlets").fetchall():
        n = c.execute("SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article_id WHERE a.outlet_id = ?",
                      (oid,)).fetchone()[0]
        arts = c.execute("SELECT count(*) FROM articles WHERE outlet_id = ?", (oid,)).fetchone()[0]
        assert (index[name]["n_statements"], index[name]["n_articles"]) == (n, arts)
        if not arts:
            continue
        d = get(ds, f"/outlets/{quote(name)}.json")
        assert (d["n_statements"], d["n_articles"]) == (n, arts)
        assert d["speaker_types"] == {r[0]: r[1] for r in c.execute(
            "SELECT coalesce(s.speaker_type, 'none'), count(*) FROM statements s JOIN articles a ON a.id = s.article_id "
            "WHERE a.outlet_id = ? GROUP BY 1", (oid,))}
        assert {k: v["n"] for k, v in d["kinds"].items() if v["n"]} == {r[0]: r[1] for r in c.execute(
            "SELECT s.kind, count(*) FROM statements s JOIN articles a ON a.id = s.article_id WHERE a.outlet_id = ? "
            "GROUP BY 1", (oid,))}
        assert [(m["month"], m["n"]) for m in d["articles_per_month"]] == [tuple(r) for r in c.execute(
            "SELECT substr(published, 1, 7), count(*) FROM articles WHERE outlet_id = ? AND published IS NOT NULL "
            "GROUP BY 1 ORDER BY 1", (oid,))]
        assert [(s["id"], s["n"]) for s in d["top_speakers"]] == [tuple(r) for r in c.execute(
            "SELECT sp.id, count(*) AS k FROM statements s JOIN articles a ON a.id = s.article_id "
            "JOIN speakers sp ON sp.id = s.speaker_id WHERE a.outlet_id = ? GROUP BY sp.id ORDER BY k DESC, sp.name "
            "LIMIT 15", (oid,))]
        assert [s["id"] for s in d["statements"]] == [r[0] for r in c.execute(
            "SELECT s.id FROM statements s JOIN articles a ON a.id = s.article_id WHERE a.outlet_id = ? "
            "ORDER BY s.published DESC, s.article_id, s.idx LIMIT 50", (oid,))]


def test_the_search_page_totals_and_facets_are_the_counted_ones(served):
    ds, path = served
    c = sqlite3.connect(path)
    d = get(ds, "/search.json")
    assert d["total"] == c.execute("SELECT count(*) FROM statements").fetchone()[0]
    assert {f["value"]: f["count"] for f in d["facets"]["kind"]} == dict(
        c.execute("SELECT kind, count(*) FROM statements GROUP BY 1").fetchall())
    assert {f["value"]: f["count"] for f in d["facets"]["speaker"]} == dict(c.execute(
        "SELECT speaker_id, count(*) AS k FROM statements WHERE speaker_id IS NOT NULL GROUP BY 1 ORDER BY k DESC LIMIT 12"
    ).fetchall())
    assert {f["value"]: f["count"] for f in d["facets"]["outlet"]} == dict(c.execute(
        "SELECT o.name, count(*) FROM statements s JOIN articles a ON a.id = s.article_id JOIN outlets o ON o.id = a.outlet_id "
        "GROUP BY 1").fetchall())


@pytest.fixture(scope="module")
def deep(tmp_path_factory):
    """One speaker quoted 130 times in two outlets (some articles undated): three pages."""
    from quidixit.model import Analysis, Article, Content, Cue, Speaker, Statement

    arts = []
    for i in range(65):
        text = f"« Premier point {i} », a dit Paul Dupont. « Second point {i} », a dit Paul Dupont."
        sts = tuple(Statement("direct", Content(text.index(p), text.index(p) + len(p), p), Cue(0, 5, "a dit", "dire"),
                              Speaker(text.index("Paul", text.index(p)), text.index("Paul", text.index(p)) + 11,
                                      "Paul Dupont", "Paul Dupont", "person", None))
                    for p in (f"Premier point {i}", f"Second point {i}"))
        arts.append(Analysis(Article(text, id=f"d{i:03d}", outlet=("lemonde.fr", "sana.sy")[i % 5 == 0],
                                     published=None if i % 9 == 4 else f"2020-{1 + i % 12:02d}-{1 + i % 3:02d}"), sts))
    path = tmp_path_factory.mktemp("deep") / "d.db"
    with Store(path) as s:
        s.write_batch(arts)
    ds = make_datasette(path, page_cache_mb=0)
    run(ds.invoke_startup())
    return ds, path


@pytest.mark.parametrize("page", ["speaker", "outlet"])
def test_speaker_and_outlet_pages_by_keyset_are_their_numbered_pages(deep, page):
    ds, path = deep
    c = sqlite3.connect(path)
    if page == "speaker":
        (sid,) = c.execute("SELECT id FROM speakers").fetchone()
        base, where, args = f"/speakers/{sid}", "s.speaker_id = ?", [sid]
    else:
        base, where, args = "/outlets/lemonde.fr", "s.outlet_id = (SELECT id FROM outlets WHERE name = ?)", ["lemonde.fr"]
    expected = [r[0] for r in c.execute(f"SELECT s.id FROM statements s WHERE {where} "
                                        "ORDER BY s.published DESC, s.article_id, s.idx", args)]
    assert len(expected) > 100
    numbered = [s["id"] for n in (1, 2, 3) for s in get(ds, f"{base}.json?_page={n}")["statements"]]
    keyset, url = [], f"{base}.json"
    for _ in range(5):
        d = get(ds, url)
        keyset += [s["id"] for s in d["statements"]]
        if not d["next"]:
            break
        url = f"{base}.json?_after={quote(d['next'])}"
    assert numbered == keyset == expected
    html = run(ds.client.get(base)).text
    assert "_after=" in html and 'rel="next"' in html  # the next link is the keyset one
