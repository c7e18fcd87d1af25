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
CREATE INDEX claims_outlets ON claims(n_outlets DESC, n_articles DESC, n_statements DESC);
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
    reference_id TEXT,                 -- the version its differences are counted against (the canonical one, else the fullest)
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
            "similarity, quoted, reference_id, differences) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(m.statement_id, c.id, c.speaker, m.level, int(m.variant), int(m.misquote), m.similarity,
              m.text if m.level == "verbatim" else None, m.reference,
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
    return _recluster(conn, sorted(blocks | old_blocks), settings, set(ids))


def _in_window(refs: Sequence[StatementRef], new_ids: set[str], days: int) -> set[str] | None:
    """The statements within ``days`` of a new one (undated ones always); None: all of them
    (a new statement without a date can join any)."""
    import bisect

    from .claim_clusters import published_date

    def day(r):
        d = published_date(r.published)
        return None if d is None else (d.date() if hasattr(d, "hour") else d)

    new_days = []
    for r in refs:
        if r.statement_id in new_ids:
            d = day(r)
            if d is None:
                return None
            new_days.append(d.toordinal())
    new_days.sort()
    keep = set()
    for r in refs:
        d = day(r)
        if d is None:
            keep.add(r.statement_id)
            continue
        k = bisect.bisect_left(new_days, d.toordinal() - days)
        if k < len(new_days) and new_days[k] <= d.toordinal() + days:
            keep.add(r.statement_id)
    return keep


def _recluster(conn: sqlite3.Connection, blocks: Sequence[str], settings: ClaimSettings | None,
               new_ids: set[str] | None = None) -> int:
    """Rewrite the claims of ``blocks``. With ``new_ids`` (an incremental update) only the
    statements within the date window of a new one are clustered again, with every member
    of the claims they are in: nothing else can gain a link, so the rest stays as it is."""
    settings = settings or ClaimSettings()
    n = 0
    for i in range(0, len(blocks), 200):
        part = list(blocks[i:i + 200])
        where, params = _block_where(part)
        refs = statements_for_claims(conn, where, params)
        # members that were filed under these blocks (also those whose speaker has moved since)
        marks = ", ".join("?" * len(part))
        known, filed_as = {}, {}
        for r in conn.execute(f"SELECT statement_id, claim_id, speaker FROM claim_statements WHERE speaker IN ({marks})", part):
            known[r[0]], filed_as[r[0]] = r[1], r[2]
        for r in refs:
            if r.statement_id not in known:
                row = conn.execute("SELECT claim_id, speaker FROM claim_statements WHERE statement_id = ?",
                                   (r.statement_id,)).fetchone()
                if row:
                    known[r.statement_id], filed_as[r.statement_id] = row[0], row[1]
        keep = _in_window(refs, new_ids, settings.window_days) if new_ids else None
        if keep is not None:
            moved = {r.statement_id for r in refs if r.statement_id in filed_as and filed_as[r.statement_id] != r.speaker}
            keep |= moved
            touched = {known[s] for s in keep if s in known}
            refs = [r for r in refs if r.statement_id in keep or known.get(r.statement_id) in touched]
        old_claims = {known[r.statement_id] for r in refs if r.statement_id in known}
        if keep is None:
            old_claims |= set(known.values())
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


# ------------------------------------------------------------------ reading


def _check_date(name: str, value: str | None) -> str | None:
    import re

    from .errors import Errors, UsageError

    if value is None or value == "":
        return None
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise UsageError(Errors.QX401.format(
            message=f"Bad --{name} date {value!r}: give a day, a month or a year in ISO form (2017-05-03, 2017-05, 2017)."))
    return value


def _members(conn: sqlite3.Connection, claim_ids: Sequence[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {c: [] for c in claim_ids}
    for i in range(0, len(claim_ids), 500):
        part = list(claim_ids[i:i + 500])
        for r in conn.execute(
            "SELECT cs.claim_id, cs.statement_id, s.article_id, o.name AS outlet, a.published, s.kind, s.idx, "
            "s.content_text, cs.quoted, cs.reference_id, cs.level, cs.variant, cs.misquote, cs.similarity, cs.differences, a.title "
            "FROM claim_statements cs JOIN statements s ON s.id = cs.statement_id JOIN articles a ON a.id = s.article_id "
            f"LEFT JOIN outlets o ON o.id = a.outlet_id WHERE cs.claim_id IN ({', '.join('?' * len(part))})",
            part,
        ):
            out[r["claim_id"]].append({
                "statement_id": r["statement_id"], "article_id": r["article_id"], "outlet": r["outlet"],
                "published": r["published"], "kind": r["kind"], "level": r["level"],
                "text": r["quoted"] if r["quoted"] is not None else r["content_text"],
                "variant": bool(r["variant"]), "misquote": bool(r["misquote"]),
                "similarity": r["similarity"], "differences": json.loads(r["differences"]) if r["differences"] else [],
                "idx": r["idx"], "title": r["title"], "reference": r["reference_id"],
            })
    from .claim_clusters import published_date

    def order(m):
        d = published_date(m["published"])
        day = d.date() if hasattr(d, "date") and callable(d.date) else d
        return (day is None, str(day or ""), str(d or ""), m["outlet"] or "\uffff", m["article_id"], m["statement_id"])

    for ms in out.values():
        ms.sort(key=order)
    return out


def _record(row, members: list[dict], *, full: bool = False) -> dict:
    first = next((m for m in members if m["statement_id"] == row["first_statement_id"]), None)
    sts = [{k: m[k] for k in ("statement_id", "article_id", "outlet", "published", "kind", "text", "variant")}
           | ({k: m[k] for k in ("level", "misquote", "differences", "similarity", "idx", "title", "reference")} if full else
              {"level": m["level"], "misquote": m["misquote"]})
           for m in members]
    return {
        "id": row["id"],
        "speaker": row["speaker_name"],
        "speaker_id": row["speaker_id"],
        "text": row["text"],
        "outlets": row["n_outlets"],
        "articles": row["n_articles"],
        "since": row["since"],
        "until": row["until"],
        "misquotes": row["n_misquotes"],
        "first": {"article_id": row["first_article_id"], "outlet": row["first_outlet"],
                  "published": row["first_published"], "statement_id": row["first_statement_id"],
                  "reason": row["first_reason"], "kind": first["kind"] if first else None},
        "statements": sts,
    }


def claims(conn: sqlite3.Connection, *, speaker_ids: Sequence[str] | None = None, min_outlets: int = 0,
           min_articles: int = 2, since: str | None = None, until: str | None = None, misquotes: bool = False,
           limit: int | None = None, offset: int = 0, full: bool = False) -> list[dict]:
    """Claims as JSON-ready dicts (the JSONL shape of ``quidixit claims``), most outlets first."""
    since, until = _check_date("since", since), _check_date("until", until)
    where, args = ["n_outlets >= ?", "n_articles >= ?"], [int(min_outlets), int(min_articles)]
    if speaker_ids is not None:
        where.append(f"speaker IN ({', '.join('?' * len(speaker_ids))})" if speaker_ids else "0")
        args += list(speaker_ids)
    if since:
        where.append("until >= ?")
        args.append(since)
    if until:
        where.append("substr(since, 1, ?) <= ?")
        args += [len(until), until]
    if misquotes:
        where.append("n_misquotes > 0")
    sql = ("SELECT * FROM claims WHERE " + " AND ".join(where)
           + " ORDER BY n_outlets DESC, n_articles DESC, n_statements DESC, since, id" + (" LIMIT ? OFFSET ?" if limit else ""))
    if limit:
        args += [int(limit), int(offset)]
    rows = conn.execute(sql, args).fetchall()
    members = _members(conn, [r["id"] for r in rows])
    return [_record(r, members[r["id"]], full=full) for r in rows]


def claim(conn: sqlite3.Connection, claim_id: str) -> dict | None:
    """One claim with everything about its members (levels, differences, similarity)."""
    row = conn.execute("SELECT * FROM claims WHERE id = ?", (claim_id,)).fetchone()
    if row is None:
        return None
    return _record(row, _members(conn, [claim_id])[claim_id], full=True)


def claims_of_article(conn: sqlite3.Connection, article_id: str) -> dict[str, dict]:
    """{statement id: {claim_id, outlets, others}} for the article's statements whose claim
    is also reported by other articles (``others``: how many other outlets)."""
    out = {}
    for r in conn.execute(
        "SELECT cs.statement_id, c.id, c.n_outlets, c.n_articles, c.n_misquotes, cs.misquote, "
        "(SELECT count(DISTINCT a2.outlet_id) FROM claim_statements c2 JOIN statements s2 ON s2.id = c2.statement_id "
        " JOIN articles a2 ON a2.id = s2.article_id WHERE c2.claim_id = c.id AND a2.outlet_id IS NOT "
        " (SELECT outlet_id FROM articles WHERE id = ?)) AS others "
        "FROM statements s JOIN claim_statements cs ON cs.statement_id = s.id JOIN claims c ON c.id = cs.claim_id "
        "WHERE s.article_id = ? AND c.n_articles > 1",
        (article_id, article_id),
    ):
        out[r[0]] = {"claim_id": r[1], "outlets": r[2], "articles": r[3], "others": r[6], "misquote": bool(r[5]),
                     "claim_misquotes": r[4]}
    return out
