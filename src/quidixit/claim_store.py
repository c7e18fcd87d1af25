"""The claim tables of the store, kept up to date by the store's single writer.

    claims            one row per claim: speaker, canonical text, first appearance, counts, date span
    claim_statements  one row per statement that has a speaker: its claim, level, variant/misquote, differences

:func:`update` runs inside :meth:`quidixit.store.Store.write_batch`'s transaction:
the speakers a batch touches are re-clustered with :func:`quidixit.claim_clusters.cluster`
(every statement of those speakers, so a claim is always complete), their claims
keep the ids they had (a new statement joins an existing claim or starts one; two
claims that a new statement bridges keep the older id). :func:`rebuild` does the
whole store at once (migration, or a store written without ``datasketch``).
Readers (:func:`quidixit.corpus.claims`, the UI) only read these tables.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Iterable, Sequence

from .claim_clusters import ClaimSettings, StatementRef, cluster, speaker_block

__all__ = ["SCHEMA", "available", "statements_for_claims", "update", "rebuild", "write_claims"]

SCHEMA = """
CREATE TABLE claims (
    id TEXT PRIMARY KEY,               -- quidixit.claim_clusters.claim_id of its first canonical statement: stable
    speaker TEXT NOT NULL,             -- the blocking key: speakers.id, or 'name:' + speaker_key
    speaker_id TEXT,                   -- speakers.id when linked
    speaker_name TEXT,
    text TEXT NOT NULL,                -- canonical text: the earliest verbatim version
    canonical_statement_id TEXT NOT NULL,
    first_statement_id TEXT NOT NULL,  -- first appearance (earliest published)
    first_article_id TEXT,
    first_outlet TEXT,
    first_published TEXT,
    first_reason TEXT,                 -- why it is first; ties spelled out
    n_statements INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    n_outlets INTEGER NOT NULL,
    n_misquotes INTEGER NOT NULL,
    since TEXT,                        -- ISO dates of the earliest and latest dated statement
    until TEXT
);
CREATE INDEX claims_outlets ON claims(n_outlets DESC, n_statements DESC);
CREATE INDEX claims_speaker ON claims(speaker);
CREATE INDEX claims_misquotes ON claims(n_misquotes) WHERE n_misquotes > 0;
CREATE TABLE claim_statements (
    statement_id TEXT PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
    claim_id TEXT NOT NULL,
    speaker TEXT NOT NULL,
    level TEXT NOT NULL,               -- verbatim, paraphrase
    variant INTEGER NOT NULL DEFAULT 0,
    misquote INTEGER NOT NULL DEFAULT 0,
    similarity REAL,
    quoted TEXT,                       -- the words compared (a mixed statement's quoted stretches)
    differences TEXT                   -- JSON [{op, canonical, variant, cut}]
);
CREATE INDEX claim_statements_claim_id ON claim_statements(claim_id);
CREATE INDEX claim_statements_speaker ON claim_statements(speaker);
"""

_ROWS = """
SELECT s.id, s.article_id, s.kind, s.content_text, s.speaker_name, s.speaker_type, s.speaker_id,
       o.name AS outlet, a.published
FROM statements s JOIN articles a ON a.id = s.article_id LEFT JOIN outlets o ON o.id = a.outlet_id
"""


def available() -> bool:
    """Whether ``datasketch`` (the MinHash of the verbatim level) is installed."""
    try:
        import datasketch  # noqa: F401
    except ImportError:
        return False
    return True


def _ref(r) -> StatementRef | None:
    block = speaker_block(r["speaker_id"], r["speaker_name"], r["speaker_type"])
    if block is None:
        return None
    return StatementRef(r["id"], r["article_id"], block, r["speaker_name"], r["kind"], r["content_text"],
                        r["outlet"], r["published"])


def statements_for_claims(conn: sqlite3.Connection, where: str = "", params: Sequence = ()) -> list[StatementRef]:
    """The store's statements as :class:`~quidixit.claim_clusters.StatementRef` (those with a speaker key)."""
    out = []
    for r in conn.execute(_ROWS + where, params):
        ref = _ref(r)
        if ref is not None:
            out.append(ref)
    return out


def write_claims(conn: sqlite3.Connection, claims, speaker_ids: dict[str, str | None] | None = None) -> None:
    """Insert (or replace) claims and their member rows."""
    for c in claims:
        f = c.first
        sid = c.speaker if not c.speaker.startswith("name:") else None
        conn.execute(
            "INSERT OR REPLACE INTO claims (id, speaker, speaker_id, speaker_name, text, canonical_statement_id, "
            "first_statement_id, first_article_id, first_outlet, first_published, first_reason, n_statements, "
            "n_articles, n_outlets, n_misquotes, since, until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (c.id, c.speaker, sid, c.speaker_name, c.text, c.canonical_statement_id, f.statement_id, f.article_id,
             f.outlet, f.published, c.first_reason, len(c.members), c.articles, c.outlets, c.misquotes, c.since, c.until),
        )
        conn.executemany(
            "INSERT OR REPLACE INTO claim_statements (statement_id, claim_id, speaker, level, variant, misquote, "
            "similarity, quoted, differences) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(m.statement_id, c.id, c.speaker, m.level, int(m.variant), int(m.misquote), m.similarity,
              m.text if m.level == "verbatim" else None,
              json.dumps([d.__dict__ for d in m.differences], ensure_ascii=False) if m.differences else None)
             for m in c.members],
        )


def _block_where(blocks: Sequence[str]) -> tuple[str, list]:
    ids = [b for b in blocks if not b.startswith("name:")]
    keys = [b[5:] for b in blocks if b.startswith("name:")]
    clauses, params = [], []
    if ids:
        clauses.append(f"s.speaker_id IN ({', '.join('?' * len(ids))})")
        params += ids
    if keys:  # names the store did not link: rare (an empty key); matched through the aliases' keys
        clauses.append(f"(s.speaker_id IS NULL AND s.speaker_name IN (SELECT alias FROM speaker_aliases "
                       f"WHERE key IN ({', '.join('?' * len(keys))})))")
        params += keys
    return " WHERE " + " OR ".join(clauses), params


def update(conn: sqlite3.Connection, statement_ids: Iterable[str], settings: ClaimSettings | None = None) -> int:
    """Re-cluster the speakers of ``statement_ids`` (just written) and rewrite their claims.
    Runs in the caller's transaction. Returns how many claims were written."""
    ids = list(statement_ids)
    blocks: set[str] = set()
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        for r in conn.execute(_ROWS + f" WHERE s.id IN ({', '.join('?' * len(part))})", part):
            ref = _ref(r)
            if ref is not None:
                blocks.add(ref.speaker)
    # statements whose speaker moved (an alias merged into another speaker) leave their old block
    old_blocks: set[str] = set()
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        old_blocks.update(r[0] for r in conn.execute(
            f"SELECT DISTINCT cs.speaker FROM claim_statements cs JOIN statements s ON s.id = cs.statement_id "
            f"WHERE s.id IN ({', '.join('?' * len(part))})", part))
    return _recluster(conn, sorted(blocks | old_blocks), settings)


def _recluster(conn: sqlite3.Connection, blocks: Sequence[str], settings: ClaimSettings | None) -> int:
    n = 0
    for i in range(0, len(blocks), 200):
        part = list(blocks[i:i + 200])
        where, params = _block_where(part)
        refs = statements_for_claims(conn, where, params)
        # members that were filed under these blocks (also those whose speaker has moved since)
        marks = ", ".join("?" * len(part))
        known = {r[0]: r[1] for r in conn.execute(
            f"SELECT statement_id, claim_id FROM claim_statements WHERE speaker IN ({marks})", part)}
        for r in refs:
            if r.statement_id not in known:
                row = conn.execute("SELECT claim_id FROM claim_statements WHERE statement_id = ?", (r.statement_id,)).fetchone()
                if row:
                    known[r.statement_id] = row[0]
        old_claims = set(known.values())
        conn.execute(f"DELETE FROM claim_statements WHERE speaker IN ({marks})", part)
        ref_ids = [r.statement_id for r in refs]
        for j in range(0, len(ref_ids), 500):
            chunk = ref_ids[j:j + 500]
            conn.execute(f"DELETE FROM claim_statements WHERE statement_id IN ({', '.join('?' * len(chunk))})", chunk)
        claims = cluster(refs, settings, ids=known)
        write_claims(conn, claims)
        n += len(claims)
        gone = sorted(old_claims - {c.id for c in claims})
        for j in range(0, len(gone), 500):
            chunk = gone[j:j + 500]
            conn.execute(f"DELETE FROM claims WHERE id IN ({', '.join('?' * len(chunk))}) AND NOT EXISTS "
                         "(SELECT 1 FROM claim_statements cs WHERE cs.claim_id = claims.id)", chunk)
    return n


def rebuild(conn: sqlite3.Connection, settings: ClaimSettings | None = None) -> int:
    """Every claim of the store from scratch, keeping the ids claims already have.
    Runs in the caller's transaction; returns how many claims were written."""
    known = {r[0]: r[1] for r in conn.execute("SELECT statement_id, claim_id FROM claim_statements")}
    refs = statements_for_claims(conn)
    conn.execute("DELETE FROM claim_statements")
    conn.execute("DELETE FROM claims")
    claims = cluster(refs, settings, ids=known)
    write_claims(conn, claims)
    return len(claims)
