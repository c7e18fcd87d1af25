"""Issue 10: a word search never ranks or sorts every match of a common word on a request.

Words that match at most ``RANK_MAX`` statements are ranked (bm25); more, and the hits
come newest first, read backwards from the full-text index (kept in date order since
schema 6), a page at a time, by keyset. On a real SQLite file and the real server."""

from __future__ import annotations

import json
import sqlite3
import urllib.request
from urllib.parse import quote

import pytest

from quidixit import corpus
from quidixit.model import Analysis, Article, Content, Cue, Speaker, Statement
from quidixit.search import RANK_MAX, Filters, count, cursor, ranked, search
from quidixit.store import FTS_DAY, SCHEMA_VERSION, STATEMENT_OF_FTS, Store, _migrate_v6, connect, migrate

N_ARTICLES = RANK_MAX // 2 + 60  # 2 statements an article that say "commun": more than RANK_MAX


def analyses(n: int = N_ARTICLES, start: int = 0):
    out = []
    for i in range(start, start + n):
        text = f"Paul Dupont{i} a dit que le bien commun {i} compte. Selon Anne Martin{i}, le mot commun {i} revient."
        sts = []
        for content, name in ((f"le bien commun {i} compte", f"Paul Dupont{i}"), (f"le mot commun {i} revient", f"Anne Martin{i}")):
            c0 = text.index(content)
            s0 = text.index(name)
            sts.append(Statement("indirect", Content(c0, c0 + len(content), content), Cue(0, 0, "", "dire"),
                                 Speaker(s0, s0 + len(name), name, name, "person", None)))
        rare = " Un mot rare." if i % 97 == 0 else ""
        # dates out of storage order: the store cannot lean on insertion order
        published = None if i % 50 == 7 else f"20{10 + (i * 7) % 13:02d}-{1 + (i * 5) % 12:02d}-{1 + i % 28:02d}"
        out.append(Analysis(Article(text + rare, id=f"a{i:04d}", title=f"Titre {i}" + (" rare" if rare else ""),
                                    outlet=("lemonde.fr", "sana.sy")[i % 2], published=published), tuple(sts)))
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("order") / "o.db"
    with Store(path) as s:
        s.write_batch(analyses())
    return path


def ids(rows):
    return [r["id"] for r in rows]


def by_day(rows):
    return [(r["published"] or "")[:10] for r in rows]


def test_a_common_word_gives_the_newest_first_and_a_rare_one_is_ranked(db):
    conn = connect(db)
    common, rare = Filters(text="commun"), Filters(text="rare")
    assert count(conn, common) == 2 * N_ARTICLES > RANK_MAX
    assert not ranked(conn, common) and ranked(conn, rare)
    rows = search(conn, common, limit=None)
    assert len(rows) == 2 * N_ARTICLES
    days = by_day(rows)
    assert days == sorted(days, reverse=True)  # newest day first, undated last
    assert days[-1] == "" and days[0] > "2022"
    # within a day, in the order stored: an article's statements in their order
    first = [(r["article_id"], r["idx"]) for r in rows if r["article_id"] == rows[0]["article_id"]]
    assert [i for _, i in first] == sorted(i for _, i in first)
    # the rare word: best match first (the title says it, the content does not)
    assert {r["article_id"] for r in search(conn, rare, limit=None)} == {f"a{i:04d}" for i in range(0, N_ARTICLES, 97)}


def test_keyset_pages_of_a_word_search_are_its_offset_pages(db):
    conn = connect(db)
    for f in (Filters(text="commun"), Filters(text="commun", outlet="sana.sy"), Filters(text="commun", since="2015")):
        everything = search(conn, f, limit=None)
        pages, after = [], None
        while True:
            page = search(conn, f, limit=97, after=after) if after else search(conn, f, limit=97)
            if not page:
                break
            pages += page
            after = cursor(page[-1])
        assert ids(pages) == ids(everything), f
        assert ids(search(conn, f, limit=50, offset=150)) == ids(everything[150:200]), f
    with pytest.raises(Exception):  # a ranked search pages by number
        search(conn, Filters(text="rare"), limit=3, after=("2012", "a0000", 0))


def test_a_word_search_page_never_reads_all_the_matches(db):
    conn = sqlite3.connect(f"file:{db}?immutable=1", uri=True)
    conn.row_factory = sqlite3.Row
    f = Filters(text="commun")

    def steps(fn) -> int:
        n = [0]

        def tick():
            n[0] += 1
            return 0

        conn.set_progress_handler(tick, 100)
        try:
            fn()
        finally:
            conn.set_progress_handler(None, 0)
        return n[0]

    decide = steps(lambda: ranked(conn, f))  # counts at most RANK_MAX + 1 matches, on the index alone
    page = steps(lambda: search(conn, f, limit=20, highlight=True)) - decide
    at = cursor(search(conn, f, limit=600)[-1])
    deep = steps(lambda: search(conn, f, limit=20, after=at)) - decide
    full = steps(lambda: search(conn, f, limit=None, highlight=True)) - decide
    assert page * 10 < full and deep < 2 * page + 5, (decide, page, deep, full)
    # and no sort of the matches in the plan
    from quidixit.search import _sql

    sql, params, _ = _sql(conn, f, "s.id", order=True, highlight=True)
    plan = " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql + " LIMIT 50", params))
    assert "TEMP B-TREE" not in plan, plan


def test_count_can_stop_early(db):
    conn = connect(db)
    assert count(conn, Filters(text="commun"), at_most=100) == 101
    assert count(conn, Filters(text="commun", outlet="sana.sy"), at_most=100) == 101
    assert count(conn, Filters(text="rare"), at_most=100) == len(search(conn, Filters(text="rare"), limit=None))
    assert count(conn, Filters(), at_most=100) == 2 * N_ARTICLES  # precomputed: exact


def test_the_full_text_index_follows_the_statements(tmp_path):
    """Writes, relinks, date changes and deletes keep statements_fts one row per statement."""
    path = tmp_path / "f.db"
    with Store(path) as s:
        s.write_batch(analyses(40))
        c = s.conn

        def consistent():
            joined = c.execute(f"SELECT count(*) FROM statements_fts JOIN statements s ON s.rowid = {STATEMENT_OF_FTS} "
                               "WHERE statements_fts.content_text = s.content_text").fetchone()[0]
            return joined == c.execute("SELECT count(*) FROM statements").fetchone()[0] == \
                c.execute("SELECT count(*) FROM statements_fts").fetchone()[0]

        assert consistent()
        c.execute("UPDATE statements SET published = '1999-01-01' WHERE article_id = 'a0003'")
        c.execute("UPDATE statements SET speaker_id = NULL WHERE article_id = 'a0004'")
        c.execute("DELETE FROM articles WHERE id = 'a0005'")
        assert consistent()
        days = {r[0] for r in c.execute(f"SELECT statements_fts.rowid / {FTS_DAY} FROM statements_fts JOIN statements s "
                                        f"ON s.rowid = {STATEMENT_OF_FTS} WHERE s.article_id = 'a0003'")}
        assert days == {19990101}  # moved with its date
        s.write_batch(analyses(5, start=40))
        assert consistent()


def test_a_store_before_schema_6_is_migrated_with_the_same_hits(tmp_path):
    path = tmp_path / "v5.db"
    conn = connect(path)
    migrate(conn, to=5)
    store = Store.__new__(Store)  # the writer on a version-5 store (its triggers, plain FTS rowids)
    store.path, store.conn, store.version, store._outlets, store.defer_claims = str(path), conn, 5, {}, False
    store.write_batch(analyses(30))
    old = {q: ids(search(conn, Filters(text=q), limit=None)) for q in ("commun", "rare", "Dupont3")}
    assert all(old.values())  # the writer of version 5 stored them
    conn.close()
    with Store(path) as s:
        assert s.version == SCHEMA_VERSION
        for q, rows in old.items():
            new = ids(search(s.conn, Filters(text=q), limit=None))
            assert sorted(new) == sorted(rows), q
    assert _migrate_v6.__doc__


@pytest.fixture(scope="module")
def server(db):
    from tests.ui._server import running_server

    with running_server(db) as base:
        yield base


def get(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.load(r)


def test_ui_pages_a_common_word_by_keyset_with_the_rows_of_the_cli_and_api(db, server):
    rows = ids(corpus.search(db, "commun", limit=None))
    d = get(f"{server}/search.json?q=commun")
    # counted up to RANK_MAX only: "more than 1,000"
    assert d["order"] == "date" and d["total"] == RANK_MAX < len(rows) and d["total_is_lower_bound"]
    got = [h["id"] for h in d["hits"]]
    while d["next"]:
        d = get(f"{server}/search.json?q=commun&_after={quote(d['next'])}")
        got += [h["id"] for h in d["hits"]]
    assert got == rows
    assert get(f"{server}/search.json?q=rare")["order"] == "rank"
    with urllib.request.urlopen(f"{server}/search?q=commun", timeout=30) as r:
        html = r.read().decode()
    assert "newest first: too many matches to rank them" in html and "_after=" in html
    assert "More than <strong>1,000</strong> statements" in html


def test_a_big_run_leaves_the_full_text_index_in_one_segment(tmp_path):
    def segments(conn):
        return conn.execute("SELECT count(DISTINCT segid) FROM statements_fts_idx").fetchone()[0]

    with Store(tmp_path / "m.db") as s:
        run = s.start_run()
        arts = analyses(60)
        for j in range(0, 60, 6):
            s.write_batch(arts[j:j + 6], run)
        assert segments(s.conn) > 1
        s.finish_run(run, {"statements": 120})  # the whole store: merged
        assert segments(s.conn) == 1
        hits = ids(search(s.conn, Filters(text="commun"), limit=None))
        run = s.start_run()
        s.write_batch(analyses(2, start=60), run)
        s.finish_run(run, {"statements": 4})  # a small run: left to FTS5's automerge
        assert segments(s.conn) > 1
        after = ids(search(s.conn, Filters(text="commun"), limit=None))
        assert len(after) == len(hits) + 4 and set(hits) < set(after)
