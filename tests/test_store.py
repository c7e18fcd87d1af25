"""The SQLite store: schema, foreign keys, FTS, speaker merging, migrations, batches.

Real SQLite files in tmp_path; Analysis objects built by hand, so nothing here
depends on the spaCy model or the extractor.
"""

from __future__ import annotations

import itertools
import sqlite3

import pytest

from quidixit.errors import StoreError
from quidixit.model import Analysis, Article, Content, Cue, Failure, Skipped, Speaker, Statement
from quidixit.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Store,
    connect,
    default_path,
    merge_speakers,
    migrate,
    speaker_id,
    speaker_key,
)


def st(content: str, name: str | None = None, *, kind: str = "direct", start: int = 0, typ: str = "person",
       role: str | None = None) -> Statement:
    speaker = Speaker(0, len(name), name, name, typ, role) if name else None
    return Statement(kind, Content(start, start + len(content), content), Cue(0, 5, "a dit", "dire"), speaker)


def analysis(text: str, *statements: Statement, outlet: str | None = "SANA", published: str | None = "2017-06-01",
             **kw) -> Analysis:
    # offsets must differ between statements of one article (they make the statement id)
    sts = tuple(Statement(s.kind, Content(i * 10, i * 10 + 5, s.content.text), s.cue, s.speaker) for i, s in enumerate(statements))
    return Analysis(Article(text=text, outlet=outlet, published=published, **kw).with_id(), sts)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "corpus.db") as s:
        yield s


def q(store: Store, sql: str, *args) -> list[tuple]:
    return [tuple(r) for r in store.conn.execute(sql, args)]


def speakers_of(store: Store) -> dict[str, list[str]]:
    """{speaker name: sorted aliases}"""
    out: dict[str, list[str]] = {}
    for r in store.conn.execute("SELECT s.name, a.alias FROM speakers s JOIN speaker_aliases a ON a.speaker_id = s.id ORDER BY a.alias"):
        out.setdefault(r[0], []).append(r[1])
    return out


# --------------------------------------------------------------------------- schema


def test_schema_tables_version_and_wal(store):
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "statements", "speakers", "speaker_aliases", "speaker_roles", "outlets", "runs", "errors",
            "skipped", "statements_fts", "articles_fts"} <= tables
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_foreign_keys_declared(store):
    def fks(table):
        return {(r["from"], r["table"]) for r in store.conn.execute(f"PRAGMA foreign_key_list({table})")}

    assert fks("articles") == {("outlet_id", "outlets"), ("run_id", "runs")}
    assert fks("statements") == {("article_id", "articles"), ("speaker_id", "speakers")}
    assert fks("speaker_aliases") == {("speaker_id", "speakers")}
    assert fks("speaker_roles") == {("speaker_id", "speakers")}
    assert fks("errors") == {("run_id", "runs")}
    assert fks("skipped") == {("run_id", "runs")}


def test_statement_columns_are_the_interchange_rows(store):
    from quidixit.rows import STATEMENT_COLUMNS

    cols = [r["name"] for r in store.conn.execute("PRAGMA table_info(statements)")]
    assert cols == [*STATEMENT_COLUMNS, "speaker_id", "published", "outlet_id"]  # + the corpus speaker, the article date and outlet


def test_foreign_keys_enforced(store):
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(
            "INSERT INTO statements (id, article_id, idx, kind, content_start, content_end, content_text) "
            "VALUES ('s', 'no-such-article', 0, 'direct', 0, 1, 'x')")


def test_default_path(monkeypatch):
    monkeypatch.delenv("QUIDIXIT_DB", raising=False)
    assert default_path() == "quidixit.db"
    monkeypatch.setenv("QUIDIXIT_DB", "/data/news.db")
    assert default_path() == "/data/news.db"


def test_missing_store_is_not_created_on_read(tmp_path):
    with pytest.raises(StoreError) as e:
        Store(tmp_path / "nope.db", create=False)
    assert e.value.code == "QX303"
    assert not (tmp_path / "nope.db").exists()


# --------------------------------------------------------------------------- writing


def test_write_batch_article_statements_and_outlet(store):
    an = analysis("Le ministère a dit ceci.", st("ceci", "Serguei Lavrov", role="ministre"), st("cela", None, kind="according_to"),
                  url="https://sana.sy/1", meta={"external_id": "42", "author": "R.F."})
    run = store.start_run(["a.jsonl"])
    out = store.write_batch([an], run)
    assert (out["new"], out["present"], out["statements"]) == (1, 0, 2)
    a = store.conn.execute("SELECT a.*, o.name AS outlet FROM articles a JOIN outlets o ON o.id = a.outlet_id").fetchone()
    assert (a["id"], a["external_id"], a["outlet"], a["run_id"], a["n_statements"]) == (an.article.id, "42", "SANA", run, 2)
    assert a["boilerplate"] == "[]" and a["scare_quotes"] == "[]"
    rows = store.conn.execute("SELECT kind, content_text, speaker_name, speaker_id FROM statements ORDER BY idx").fetchall()
    assert [tuple(r) for r in rows] == [("direct", "ceci", "Serguei Lavrov", speaker_id("serguei lavrov")),
                                        ("according_to", "cela", None, None)]
    assert q(store, "SELECT role, n_statements FROM speaker_roles") == [("ministre", 1)]


def test_write_batch_is_idempotent(store):
    batch = [analysis("Un.", st("un", "A B")), analysis("Deux.", st("deux", "A B"))]
    store.write_batch(batch)
    again = store.write_batch(batch)
    assert (again["new"], again["present"], again["statements"]) == (0, 2, 0)
    assert store.count("articles") == 2 and store.count("statements") == 2
    assert store.conn.execute("SELECT n_statements FROM speakers").fetchone()[0] == 2


def test_failures_and_skipped_recorded_once(store):
    f = Failure("bad.txt", "[QX103] bad.txt looks binary", "read", None, "QX103")
    s = Skipped("en.txt", "language", "en", "abc")
    run1 = store.start_run()
    store.write_batch([f, s], run1)
    run2 = store.start_run()
    store.write_batch([f, s], run2)
    assert [tuple(r) for r in store.conn.execute("SELECT run_id, source, stage, code FROM errors")] == [(run2, "bad.txt", "read", "QX103")]
    assert [tuple(r) for r in store.conn.execute("SELECT source, reason, language FROM skipped")] == [("en.txt", "language", "en")]


def test_an_article_that_cannot_be_stored_is_an_error_and_the_batch_goes_on(store):
    good = analysis("Bon.", st("bon", "A B"))
    bad = Analysis(Article(text=None, id="bad1", source="x.jsonl:3"), ())  # type: ignore[arg-type]
    out = store.write_batch([bad, good])
    assert (out["new"], out["failed"]) == (1, 1)
    err = store.conn.execute("SELECT source, article_id, stage, code, message FROM errors").fetchone()
    assert tuple(err)[:4] == ("x.jsonl:3", "bad1", "store", "QX304")
    assert err["message"].startswith("[QX304] x.jsonl:3: could not store the article (NOT NULL constraint failed: articles.text)")
    assert store.count("articles") == 1


def test_an_article_with_a_lone_surrogate_is_an_error_and_the_batch_goes_on(store):
    """Issue 11: a surrogate that reached the store (an Article built by hand) is a QX304
    row, stored with the surrogate escaped; the other articles of the batch are written."""
    good = analysis("Bon.", st("bon", "A B"))
    bad = Analysis(Article(text="a\ud800b", id="bad2", source="caf\udce9.txt"), ())
    out = store.write_batch([bad, Skipped("s\udcff", "language", "en"), good])
    assert (out["new"], out["failed"], out["skipped"]) == (1, 1, 1)
    err = store.conn.execute("SELECT source, code, message FROM errors").fetchone()
    assert (err["source"], err["code"]) == ("caf\\udce9.txt", "QX304")
    assert err["message"].startswith("[QX304] caf\\udce9.txt: could not store the article ('utf-8' codec can't encode")
    assert store.conn.execute("SELECT source FROM skipped").fetchone()[0] == "s\\udcff"
    assert store.count("articles") == 1


def test_a_stored_article_clears_its_earlier_error(store):
    good = analysis("Bon.", st("bon", "A B"))
    store.write_batch([Failure("x", "[QX104] empty", "read", good.article.id, "QX104")])
    store.write_batch([good])
    assert store.count("errors") == 0


# --------------------------------------------------------------------------- full-text search


def test_fts_is_accent_and_case_insensitive(store):
    store.write_batch([analysis("Le ministère des Affaires étrangères a parlé.", st("Le ministère a tranché", "Sergueï Lavrov"))])

    def hits(table, q):
        return store.conn.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (q,)).fetchone()[0]

    assert hits("statements_fts", "ministere") == 1
    assert hits("statements_fts", "MINISTÈRE") == 1
    assert hits("statements_fts", "speaker:serguei") == 1
    assert hits("articles_fts", "etrangeres") == 1
    assert hits("statements_fts", "content_text:etrangeres") == 0


# --------------------------------------------------------------------------- speaker merging: the rules


def test_speaker_key():
    assert speaker_key("Sergueï  LAVROV") == "serguei lavrov"
    assert speaker_key("M. Lavrov") == "lavrov"
    assert speaker_key("Mme Anne Hidalgo") == "anne hidalgo"
    assert speaker_key("Jean-Yves Le Drian") == "jean-yves le drian"


def names(*items):
    return [(n, t, 1) for n, t in items]


def test_merge_accents_and_case():
    m = merge_speakers(names(("Serguei Lavrov", "person"), ("Sergueï Lavrov", "person"), ("SERGUEI LAVROV", "person")))
    assert set(m.values()) == {"serguei lavrov"}


def test_merge_surname_into_the_single_full_name():
    m = merge_speakers(names(("Lavrov", "person"), ("Serguei Lavrov", "person"), ("Sergueï Lavrov", "person")))
    assert m == {"Lavrov": "serguei lavrov", "Serguei Lavrov": "serguei lavrov", "Sergueï Lavrov": "serguei lavrov"}


def test_surname_shared_by_two_full_names_stays_apart():
    m = merge_speakers(names(("Lavrov", "person"), ("Serguei Lavrov", "person"), ("Ivan Lavrov", "person")))
    assert m == {"Lavrov": "lavrov", "Serguei Lavrov": "serguei lavrov", "Ivan Lavrov": "ivan lavrov"}


def test_longer_endings_chain():
    m = merge_speakers(names(("Jean-Yves Le Drian", "person"), ("Le Drian", "person"), ("M. Le Drian", "unknown")))
    assert set(m.values()) == {"jean-yves le drian"}


def test_organisations_do_not_merge_by_ending():
    m = merge_speakers(names(("Nations unies", "organization"), ("Organisation des Nations unies", "organization")))
    assert m == {"Nations unies": "nations unies", "Organisation des Nations unies": "organisation des nations unies"}


def test_first_name_alone_does_not_merge():
    assert merge_speakers(names(("Serguei", "person"), ("Serguei Lavrov", "person")))["Serguei"] == "serguei"


def test_merge_does_not_depend_on_order():
    items = names(("Lavrov", "person"), ("Serguei Lavrov", "person"), ("Sergueï Lavrov", "person"), ("Ivan Lavrov", "person"),
                  ("Le Drian", "person"), ("Jean-Yves Le Drian", "person"))
    results = {tuple(sorted(merge_speakers(list(p)).items())) for p in itertools.permutations(items)}
    assert len(results) == 1


# --------------------------------------------------------------------------- speaker merging: in the store


def test_store_merges_across_batches_and_splits_when_ambiguous(store):
    store.write_batch([analysis("1", st("a", "Lavrov"))])
    assert speakers_of(store) == {"Lavrov": ["Lavrov"]}
    store.write_batch([analysis("2", st("b", "Serguei Lavrov"), st("c", "Sergueï Lavrov", role="ministre russe"))])
    assert speakers_of(store) == {"Sergueï Lavrov": ["Lavrov", "Serguei Lavrov", "Sergueï Lavrov"]}
    sp = store.conn.execute("SELECT id, n_statements, n_articles FROM speakers").fetchone()
    assert tuple(sp) == (speaker_id("serguei lavrov"), 3, 2)
    assert store.conn.execute("SELECT count(*) FROM statements WHERE speaker_id = ?", (sp["id"],)).fetchone()[0] == 3
    store.write_batch([analysis("3", st("d", "Ivan Lavrov"))])
    assert speakers_of(store) == {"Lavrov": ["Lavrov"], "Sergueï Lavrov": ["Serguei Lavrov", "Sergueï Lavrov"],
                                  "Ivan Lavrov": ["Ivan Lavrov"]}
    counts = dict(q(store, "SELECT name, n_statements FROM speakers"))
    assert counts == {"Lavrov": 1, "Sergueï Lavrov": 2, "Ivan Lavrov": 1}
    assert q(store, "PRAGMA foreign_key_check") == []


def test_store_speakers_same_in_one_batch_or_many(tmp_path):
    batch = [analysis("1", st("a", "Lavrov")), analysis("2", st("b", "Serguei Lavrov")), analysis("3", st("c", "Ivan Lavrov")),
             analysis("4", st("d", "une source diplomatique", typ="anonymous"))]
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "many.db") as many:
        one.write_batch(batch)
        for an in reversed(batch):
            many.write_batch([an])
        sql = "SELECT id, name, n_statements FROM speakers ORDER BY id"
        assert q(one, sql) == q(many, sql)
        sql = "SELECT id, speaker_id FROM statements ORDER BY id"
        assert q(one, sql) == q(many, sql)
        # anonymous speakers are not corpus-wide speakers
        assert one.conn.execute("SELECT count(*) FROM speakers").fetchone()[0] == 3


# --------------------------------------------------------------------------- migrations


def test_v1_store_is_migrated_on_open(tmp_path):
    path = tmp_path / "old.db"
    conn = connect(path)
    assert migrate(conn, to=1) == 1
    conn.execute("INSERT INTO articles (id, text) VALUES ('a1', 'Le ministère a parlé.')")
    conn.execute("INSERT INTO statements (id, article_id, idx, kind, content_start, content_end, content_text) "
                 "VALUES ('s1', 'a1', 0, 'direct', 3, 12, 'ministère')")
    conn.close()
    with Store(path) as s:
        assert s.version == SCHEMA_VERSION
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        # version 2 built the full-text index over the rows version 1 had
        assert s.conn.execute("SELECT rowid FROM statements_fts WHERE statements_fts MATCH 'ministere'").fetchall() != []
        assert s.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'ministere'").fetchall() != []


def test_v2_runs_get_a_status(tmp_path):
    path = tmp_path / "v2.db"
    conn = connect(path)
    assert migrate(conn, to=2) == 2
    conn.execute("INSERT INTO runs (started, finished) VALUES ('2024-01-01', '2024-01-01'), ('2024-01-02', NULL)")
    conn.close()
    with Store(path) as s:
        assert q(s, "SELECT status, error FROM runs ORDER BY id") == [("finished", None), ("running", None)]


def test_newer_store_is_refused(tmp_path):
    path = tmp_path / "new.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError) as e:
        Store(path)
    assert e.value.code == "QX302"
    assert f"schema version {SCHEMA_VERSION + 1}, newer than this quidixit ({SCHEMA_VERSION})" in str(e.value)


def test_incremental_speaker_counts_equal_a_full_recount(store):
    names = ["Lavrov", "Serguei Lavrov", "Emmanuel Macron", "Macron", "Ivan Lavrov", "le gouvernement"]
    for b in range(6):
        batch = []
        for i in range(4):
            n1, n2 = names[(b + i) % 6], names[(b * i) % 6]
            batch.append(analysis(f"{b}-{i}", st("x", n1, role="ministre" if i % 2 else None), st("y", n2, role="président")))
        store.write_batch(batch)
    counted = q(store, "SELECT speaker_id, count(*), count(DISTINCT article_id) FROM statements "
                       "WHERE speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY speaker_id")
    assert q(store, "SELECT id, n_statements, n_articles FROM speakers ORDER BY id") == counted
    roles = q(store, "SELECT speaker_id, speaker_role, count(*) FROM statements WHERE speaker_id IS NOT NULL "
                     "AND speaker_role IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2")
    assert q(store, "SELECT speaker_id, role, n_statements FROM speaker_roles ORDER BY 1, 2") == roles


def test_unresolved_speaker_gets_no_speaker_entity_and_keeps_its_mention(store):
    from quidixit import corpus

    text = "Ils ont affirmé que la grève continuerait. Paul Martin a dit cela."
    unresolved = Statement("indirect", Content(20, 41, text[20:41]), Cue(4, 15, "ont affirmé", "affirmer"),
                           Speaker(0, 3, "Ils", None, "unknown"))
    named = Statement("direct", Content(60, 64, "cela"), Cue(55, 59, "a dit", "dire"),
                      Speaker(43, 54, "Paul Martin", "Paul Martin", "person"))
    an = Analysis(Article(text=text, outlet="SANA").with_id(), (unresolved, named))
    out = store.write_batch([an], store.start_run(["a.jsonl"]))
    assert (out["new"], out["statements"]) == (1, 2)
    rows = q(store, "SELECT speaker_text, speaker_name, speaker_type, speaker_id FROM statements ORDER BY idx")
    assert rows == [("Ils", None, "unknown", None), ("Paul Martin", "Paul Martin", "person", speaker_id("paul martin"))]
    assert q(store, "SELECT name FROM speakers") == [("Paul Martin",)]
    assert q(store, "SELECT alias FROM speaker_aliases") == [("Paul Martin",)]
    hits = corpus.search(store, "grève")
    assert [(h["speaker"], h["speaker_text"], h["speaker_id"]) for h in hits] == [(None, "Ils", None)]
    (back,) = corpus.analyses(store)
    assert back.statements == an.statements and back.statements[0].speaker.name is None


# --------------------------------------------------------------------------- a busy store (issue 11)


def test_a_busy_store_is_qx307_with_a_hint_and_the_run_says_it_failed(tmp_path):
    path = tmp_path / "busy.db"
    with Store(path, busy_timeout=0.2) as store:
        run_id = store.start_run(["a.jsonl"])
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process (here: connection) holds the write lock
        try:
            for write in (lambda: store.write_batch([analysis("Bon.", st("bon", "A B"))], run_id),
                          lambda: store.start_run(["b.jsonl"]),
                          lambda: store.finish_run(run_id, {"read": 1})):
                with pytest.raises(StoreError) as e:
                    write()
                assert e.value.code == "QX307"
                assert str(e.value).startswith(f"[QX307] The store {path} is busy: another process held its write lock "
                                               "for more than 0.2 s. The store has one writer at a time: wait until")
            assert store.fail_run(run_id, {"read": 1}, str(e.value)) is False  # still locked: stays 'running'
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert store.fail_run(run_id, {"read": 1}, str(e.value)) is True
        row = store.conn.execute("SELECT status, finished, n_read, error FROM runs WHERE id = ?", (run_id,)).fetchone()
        assert tuple(row)[:3] == ("failed", None, 1) and row["error"].startswith("[QX307]")
        assert store.count("articles") == 0 and store.count("runs") == 1
        store.write_batch([analysis("Bon.", st("bon", "A B"))], run_id)  # free again: writes go through
        assert store.count("articles") == 1


def test_opening_a_store_that_needs_a_migration_while_busy_is_qx307(tmp_path):
    path = tmp_path / "old.db"
    conn = connect(path)
    migrate(conn, to=1)
    conn.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as e:
            Store(path, busy_timeout=0.1)
        assert e.value.code == "QX307"
    finally:
        conn.execute("ROLLBACK")
        conn.close()
