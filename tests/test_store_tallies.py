"""Issue 10: the counts the pages show (``tallies``, schema 7) are kept by the writer, in
the same transaction as the rows they count, and stay equal to a direct count: after
ingest (speakers merging across batches), after re-analysis, after deleting an article,
and after a migration from schema 6. On a real SQLite file."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from quidixit.corpus import stats, voice
from quidixit.model import Analysis, Article, Content, Cue, Speaker, Statement
from quidixit.rows import analysis_from_rows
from quidixit.store import SCHEMA_VERSION, TALLIES_COUNTED, Store, connect, migrate, refill_tallies, voice_json

OUTLETS = ("lemonde.fr", "sana.sy", None)


def analysis(i: int, names: tuple[str, ...], *, kinds: tuple[str, ...] = ("direct", "indirect"),
             published: str | None = "auto", outlet: str | None = "auto") -> Analysis:
    """One article whose statements are said by ``names`` (a name may come back: two
    statements of one speaker in one article), of ``kinds`` in turn."""
    parts, sts, pos = [], [], 0
    for k, name in enumerate(names):
        kind = kinds[k % len(kinds)]
        said = f"la phrase {i}-{k} compte"
        para = f"« {said} », a dit {name}."
        parts.append(para)
        text = " ".join(parts)
        c0 = pos + para.index(said)
        s0 = pos + para.index(name)
        q0 = pos + para.index("a dit")
        sts.append(Statement(kind, Content(c0, c0 + len(said), said), Cue(q0, q0 + 5, "a dit", "dire"),
                             Speaker(s0, s0 + len(name), name, name, "person" if name[0].isupper() else None, None)))
        pos = len(text) + 1
    if published == "auto":
        published = None if i % 7 == 3 else f"20{12 + i % 3}-{1 + i % 12:02d}-{1 + i % 27:02d}"
    if outlet == "auto":
        outlet = OUTLETS[i % 3]
    return Analysis(Article(" ".join(parts), id=f"t{i:03d}", title=f"Titre {i}", outlet=outlet, published=published),
                    tuple(sts))


def corpus(n: int = 40) -> list[Analysis]:
    people = ("Lavrov", "Sergueï Lavrov", "Anne Martin", "Paul Dupont", "il", "Martin")
    return [analysis(i, tuple(people[(i + k) % len(people)] for k in range(1 + i % 4))) for i in range(n)]


def kept(conn) -> list[tuple]:
    return sorted(tuple(r) for r in conn.execute("SELECT owner, id, facet, value, n, articles FROM tallies"))


def counted(conn) -> list[tuple]:
    return sorted(tuple(r) for r in conn.execute(f"SELECT * FROM ({TALLIES_COUNTED}) WHERE n > 0 OR articles > 0"))


def assert_tallies_right(conn) -> None:
    k, c = kept(conn), counted(conn)
    assert k, "no tallies at all"
    assert k == c, (sorted(set(k) - set(c))[:5], sorted(set(c) - set(k))[:5])


def test_tallies_after_ingest_in_batches_as_speakers_merge(tmp_path):
    path = tmp_path / "t.db"
    arts = corpus()
    with Store(path) as s:
        for j in range(0, len(arts), 7):  # "Lavrov" alone first, then merged into "Sergueï Lavrov"
            s.write_batch(arts[j:j + 7])
            assert_tallies_right(s.conn)
    conn = connect(path)
    lavrov = conn.execute("SELECT id FROM speakers WHERE name = 'Sergueï Lavrov'").fetchone()[0]
    months = {r[0]: r[1] for r in conn.execute(
        "SELECT value, n FROM tallies WHERE owner = 'speaker' AND id = ? AND facet = 'month'", (lavrov,))}
    direct = {r[0]: r[1] for r in conn.execute(
        "SELECT coalesce(substr(published, 1, 7), ''), count(*) FROM statements WHERE speaker_id = ? GROUP BY 1", (lavrov,))}
    assert months == direct and sum(months.values()) > 10  # "Lavrov"'s statements count for him too
    # the speaker's outlets: statements and distinct articles, as counted
    outlets = {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT value, n, articles FROM tallies WHERE owner = 'speaker' AND id = ? AND facet = 'outlet'", (lavrov,))}
    assert outlets == {str(r[0] or ""): (r[1], r[2]) for r in conn.execute(
        "SELECT a.outlet_id, count(*), count(DISTINCT a.id) FROM statements s JOIN articles a ON a.id = s.article_id "
        "WHERE s.speaker_id = ? GROUP BY 1", (lavrov,))}
    assert any(n > a for n, a in outlets.values())  # two statements in one article: one article
    # a pronoun is no speaker: no tallies of its own, but its outlet counts its statements
    assert conn.execute("SELECT count(*) FROM statements WHERE speaker_name = 'il' AND speaker_id IS NULL").fetchone()[0]
    # statements.outlet_id is the article's
    assert conn.execute("SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article_id "
                        "WHERE s.outlet_id IS NOT a.outlet_id").fetchone()[0] == 0


def test_tallies_after_reanalysis_that_changes_speakers_kinds_and_voice(tmp_path):
    path = tmp_path / "r.db"
    arts = corpus()
    with Store(path) as s:
        s.write_batch(arts)
        before = kept(s.conn)
        # the same articles analysed again: other speakers, other kinds, fewer statements
        again = [Analysis(a.article, tuple(
                     replace(st, kind="according_to", speaker=replace(st.speaker, name=("Paul Dupont", "Claire Durand")[k % 2]))
                     for k, st in enumerate(a.statements[: 1 + i % 2])))
                 for i, a in enumerate(arts) if i % 3 == 0]
        out = s.write_batch(again, replace=True)
        assert out["replaced"] == len(again)
        assert_tallies_right(s.conn)
        assert kept(s.conn) != before
        # replacing with the same analysis twice changes nothing (idempotent)
        now = kept(s.conn)
        s.write_batch(again, replace=True)
        assert kept(s.conn) == now
    conn = connect(path)
    durand = conn.execute("SELECT id FROM speakers WHERE name = 'Claire Durand'").fetchone()[0]
    assert {tuple(r) for r in conn.execute(
        "SELECT value, n FROM tallies WHERE owner = 'speaker' AND id = ? AND facet = 'kind'", (durand,))} == \
        {("according_to", sum(1 for a in again for st in a.statements if st.speaker.name == "Claire Durand"))}
    # articles.voice is the voice share of the article as now stored
    for r in conn.execute("SELECT * FROM articles").fetchall():
        sts = [dict(x) for x in conn.execute("SELECT * FROM statements WHERE article_id = ? ORDER BY idx", (r["id"],))]
        assert r["voice"] == voice_json(analysis_from_rows(dict(r), sts))


def test_deleting_an_article_takes_its_counts_away(tmp_path):
    with Store(tmp_path / "d.db") as s:
        s.write_batch(corpus(12))
        s.conn.execute("DELETE FROM articles WHERE id IN ('t004', 't005')")
        assert_tallies_right(s.conn)
        assert s.conn.execute("SELECT sum(n) FROM tallies WHERE owner = 'outlet' AND facet = 'kind'").fetchone()[0] == \
            s.count("statements")


def test_refill_gives_what_the_triggers_kept(tmp_path):
    with Store(tmp_path / "f.db") as s:
        s.write_batch(corpus(20))
        before = kept(s.conn)
        refill_tallies(s.conn)
        assert kept(s.conn) == before


def test_a_version_6_store_is_migrated_with_its_counts(tmp_path):
    path = tmp_path / "v6.db"
    conn = connect(path)
    migrate(conn, to=6)
    store = Store.__new__(Store)  # the writer on a version-6 store: no tallies, no articles.voice
    store.path, store.conn, store.version, store._outlets, store.defer_claims = str(path), conn, 6, {}, True
    out = store.write_batch(corpus())
    assert out["new"] == 40 and not out["failures"]
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'tallies'").fetchone()
    conn.close()
    with Store(path) as s:
        assert s.version == SCHEMA_VERSION == 7
        assert_tallies_right(s.conn)
        assert s.conn.execute("SELECT count(*) FROM articles WHERE voice IS NULL").fetchone()[0] == 0
        assert s.conn.execute("SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article_id "
                              "WHERE s.outlet_id IS NOT a.outlet_id").fetchone()[0] == 0
        s.write_batch([analysis(100, ("Sergueï Lavrov",))])  # and the triggers go on from there
        assert_tallies_right(s.conn)


def test_stats_from_the_tallies_are_the_counted_ones(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as s:
        s.write_batch(corpus())
    st = stats(path, top=3)
    conn = connect(path)
    for o in st["outlets"]:
        where = ("a.outlet_id IS NULL" if o["outlet"] == "(no outlet)" else "1" if o["outlet"] == "(all)"
                 else "a.outlet_id = (SELECT id FROM outlets WHERE name = ?)")
        args = [o["outlet"]] if "?" in where else []
        n = conn.execute(f"SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article_id WHERE {where}",
                         args).fetchone()[0]
        arts = conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", args).fetchone()[0]
        assert (o["statements"], o["articles"]) == (n, arts), o["outlet"]
        top = conn.execute(
            f"SELECT sp.name, count(*) AS k FROM statements s JOIN articles a ON a.id = s.article_id "
            f"JOIN speakers sp ON sp.id = s.speaker_id WHERE {where} GROUP BY sp.id ORDER BY k DESC, sp.name LIMIT 3",
            args).fetchall()
        assert o["top_speakers"] == [(r[0], r[1]) for r in top], o["outlet"]
    # the voice shares are those computed from the articles' text
    by_outlet = {r["outlet"]: {k: v for k, v in r.items() if k not in ("outlet", "period")} for r in voice(path)}
    assert {o["outlet"]: o["voice"] for o in st["outlets"]} == by_outlet


def test_the_page_counts_cost_the_same_for_a_big_speaker(tmp_path):
    """The speaker's months, kinds and outlets are read from ``tallies`` (an index seek),
    never counted over their statements."""
    from quidixit.ui import queries

    path = tmp_path / "b.db"
    with Store(path) as s:
        s.write_batch(corpus())
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    sid = conn.execute("SELECT id FROM speakers ORDER BY n_statements DESC LIMIT 1").fetchone()[0]
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    queries.speaker(conn, sid, limit=5)
    conn.set_trace_callback(None)
    grouped = [q for q in seen if "GROUP BY" in q.upper()]
    assert not grouped, grouped
    assert any("FROM tallies" in q for q in seen)
