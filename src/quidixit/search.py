"""The one search over a store: the web UI, ``quidixit search`` and
:func:`quidixit.corpus.search` all call :func:`search` with the same
:class:`Filters`, so that the same filters give the same rows everywhere.

    >>> from quidixit.search import Filters, search
    >>> f = Filters(text="ministre russe", since="2012-06", until="2012-06")
    >>> rows = search(conn, f, limit=20)            # doctest: +SKIP

Filters (all optional, all combined with AND):

- ``text``: full-text words over the statement's content, its speaker (the name
  extracted and the corpus speaker's name), the speaker's role, the cue and the
  article's title; accent- and case-insensitive (:func:`fts_query` syntax:
  all words required, ``"a phrase"``, ``prefix*``, ``OR``, ``NOT``);
- ``speaker``: a speaker id, or any name of a speaker ("Lavrov", "Sergueï Lavrov");
- ``speaker_type``: ``person``, ``organization``, … or ``none`` (no speaker);
- ``outlet``: the outlet's name (case-insensitive);
- ``kind``: one of :data:`quidixit.model.KINDS`;
- ``since``/``until``: the article's publication date, a day, month or year, both
  inclusive (:func:`quidixit.dates.date_bounds`: ``until="2012-06"`` keeps all of June).

Order. Without text, the newest first (``statements_published`` index), statements
of one article in their order. With text, it depends on how many statements the
words match (:func:`ranked`, which counts at most :data:`RANK_MAX` + 1 of them):

- at most :data:`RANK_MAX`: best full-text match first (bm25), then the newest;
- more: the newest first, by day (newest day first; within a day, in the order
  they were stored), read backwards from the full-text index, which is kept in
  date order (``statements_fts`` rowid: :data:`quidixit.store.FTS_DAY`). Ranking
  tens of thousands of matches of a common word would score every one of them on
  every request; this reads only the page asked for, and pages by keyset (``after``). A hit is a dict with the columns of
:data:`quidixit.rows.RECORD_COLUMNS` (the one layout of a statement in CSV)
plus ``content`` and ``cue`` (short names of ``content_text`` and ``cue_text``).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass, replace
from typing import Any, Mapping

from .dates import date_bounds
from .errors import Errors, UsageError
from .model import KINDS

__all__ = ["Filters", "fts_query", "search", "count", "cursor", "ranked", "speaker_ids", "RANK_MAX",
           "MARK_OPEN", "MARK_CLOSE", "HIT_SELECT"]

RANK_MAX = 1000  # a text search whose words match more statements than this gives the newest first, unranked

MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # FTS highlight() markers

HIT_SELECT = """
    s.id AS id, s.article_id AS article_id, s.idx AS idx, s.kind AS kind, s.field AS field,
    s.content_start AS content_start, s.content_end AS content_end, s.content_text AS content_text,
    s.content_spans AS content_spans, s.cue_start AS cue_start, s.cue_end AS cue_end, s.cue_text AS cue_text,
    s.cue_lemma AS cue_lemma, s.speaker_start AS speaker_start, s.speaker_end AS speaker_end,
    s.speaker_text AS speaker_text, s.speaker_name AS speaker_name, s.speaker_type AS speaker_type,
    s.speaker_role AS speaker_role, s.confidence AS confidence, s.speaker_id AS speaker_id,
    coalesce(sp.name, s.speaker_name) AS speaker, o.name AS outlet, s.published AS published,
    a.title AS title, a.url AS url, a.source AS source,
    s.content_text AS content, s.cue_text AS cue
"""
_JOINS = ("JOIN articles a ON a.id = s.article_id LEFT JOIN outlets o ON o.id = a.outlet_id "
          "LEFT JOIN speakers sp ON sp.id = s.speaker_id")


@dataclass(frozen=True)
class Filters:
    """What to search for; every field optional (see the module)."""

    text: str | None = None
    speaker: str | None = None
    speaker_type: str | None = None
    outlet: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None

    # the UI's query-string names of the fields
    ARGS = {"q": "text", "speaker": "speaker", "speaker_type": "speaker_type", "outlet": "outlet",
            "kind": "kind", "from": "since", "to": "until"}

    def __post_init__(self) -> None:
        for k, v in asdict(self).items():
            object.__setattr__(self, k, (v.strip() or None) if isinstance(v, str) else v)
        if self.kind is not None and self.kind not in KINDS:
            raise UsageError(Errors.QX401.format(message=f"Unknown kind {self.kind!r}; use one of {', '.join(KINDS)}."))
        date_bounds(self.since, self.until)  # QX403 for a bound that is not a date

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> "Filters":
        """From the UI's query-string arguments (``q``, ``speaker``, ``from``, ``to``, …)."""
        return cls(**{field: (args.get(arg) or None) for arg, field in cls.ARGS.items()})

    def active(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}

    def without(self, *names: str) -> "Filters":
        return replace(self, **{n: None for n in names})


_FTS_TOKEN = re.compile(r'"[^"]*"?|\S+')


def fts_query(query: str) -> str:
    """A user query as a safe FTS5 query: words are ANDed, "quoted phrases" kept,
    ``prefix*`` kept, OR / NOT / AND kept as operators; everything else quoted so
    that "Etats-Unis" or "l'ONU" cannot be read as syntax."""
    parts = []
    for tok in _FTS_TOKEN.findall(query or ""):
        if tok in ("AND", "OR", "NOT"):
            parts.append(tok)
        elif tok.startswith('"'):
            inner = tok.strip('"')
            if inner.strip():
                parts.append('"' + inner.replace('"', '""') + '"')
        elif tok.endswith("*") and tok.strip("*"):
            parts.append('"' + tok.rstrip("*").replace('"', '""') + '"*')
        elif tok.strip("*"):
            parts.append('"' + tok.replace('"', '""') + '"')
    # an operator cannot start or end a query, nor follow another one
    out: list[str] = []
    for p in parts:
        if p in ("AND", "OR", "NOT") and (not out or out[-1] in ("AND", "OR", "NOT")):
            continue
        out.append(p)
    while out and out[-1] in ("AND", "OR", "NOT"):
        out.pop()
    return " ".join(out)


def speaker_ids(conn: sqlite3.Connection, speaker: str) -> list[str]:
    """The corpus speakers ``speaker`` names: itself when it is a speaker id, else every
    speaker with that name as an alias, else every speaker whose name ends with it."""
    from .store import speaker_key

    if conn.execute("SELECT 1 FROM speakers WHERE id = ?", (speaker,)).fetchone():
        return [speaker]
    k = speaker_key(speaker)
    ids = [r[0] for r in conn.execute("SELECT DISTINCT speaker_id FROM speaker_aliases WHERE key = ?", (k,))]
    if not ids:  # not a name seen as such: every speaker whose name ends with it ("Lavrov" when ambiguous)
        ids = [r[0] for r in conn.execute("SELECT id FROM speakers WHERE key = ? OR key LIKE ?", (k, "% " + k))]
    return ids


def where(conn: sqlite3.Connection, f: Filters) -> tuple[list[str], list[Any]]:
    """SQL conditions (on ``s`` = statements) and their parameters for every filter but ``text``."""
    clauses: list[str] = []
    params: list[Any] = []
    if f.speaker:
        ids = speaker_ids(conn, f.speaker)
        if ids == [f.speaker]:  # a speaker id: its statements newest first from statements_speaker_published, unsorted
            clauses.append("s.speaker_id = ?")
            params.append(f.speaker)
        else:  # a name: its speakers, and the statements that carry the name without a speaker
            clauses.append(f"(s.speaker_id IN ({', '.join('?' * len(ids))}) OR s.speaker_name = ?)" if ids
                           else "s.speaker_name = ?")
            params.extend([*ids, f.speaker])
    if f.speaker_type:
        if f.speaker_type == "none":
            clauses.append("s.speaker_type IS NULL")
        else:
            clauses.append("s.speaker_type = ?")
            params.append(f.speaker_type)
    if f.outlet:
        ids = [r[0] for r in conn.execute("SELECT id FROM outlets WHERE name = ? COLLATE NOCASE", (f.outlet,))]
        if conn.execute("PRAGMA user_version").fetchone()[0] >= 7:  # statements.outlet_id: newest first from its index
            clauses.append(f"s.outlet_id IN ({', '.join('?' * len(ids))})" if ids else "0")
            params.extend(ids)
        else:
            clauses.append("s.article_id IN (SELECT id FROM articles WHERE outlet_id IN "
                           "(SELECT id FROM outlets WHERE name = ? COLLATE NOCASE))")
            params.append(f.outlet)
    if f.kind:
        clauses.append("s.kind = ?")
        params.append(f.kind)
    low, high = date_bounds(f.since, f.until)
    if low:
        clauses.append("s.published >= ?")
        params.append(low)
    if high:
        clauses.append("s.published < ?")
        params.append(high)
    return clauses, params


def _keyed(conn: sqlite3.Connection) -> bool:
    """Whether the store's full-text index is in date order (schema 6 and later)."""
    return conn.execute("PRAGMA user_version").fetchone()[0] >= 6


def _fts_join(conn) -> str:
    from .store import STATEMENT_OF_FTS

    # CROSS JOIN: the full-text match is the outer loop, never probed once per statement
    on = STATEMENT_OF_FTS if _keyed(conn) else "statements_fts.rowid"
    return f"statements_fts CROSS JOIN statements s ON s.rowid = {on}"


def ranked(conn: sqlite3.Connection, f: Filters) -> bool:
    """Whether a search ranks its hits: it has words and they match at most
    :data:`RANK_MAX` statements (counted on the full-text index alone, at most
    ``RANK_MAX + 1`` of them, whatever the other filters)."""
    match = fts_query(f.text or "")
    if not match:
        return False
    try:
        # backwards, as the pages read it: new statements scatter over the index's segments (they are
        # in date order, not in the order stored), and a forward scan can read all of a segment
        n = conn.execute("SELECT count(*) FROM (SELECT 1 FROM statements_fts WHERE statements_fts MATCH ? "
                         "ORDER BY rowid DESC LIMIT ?)",
                         (match, RANK_MAX + 1)).fetchone()[0]
    except sqlite3.OperationalError as err:
        if "fts5" in str(err) or "syntax" in str(err):
            raise UsageError(Errors.QX305.format(query=f.text, reason=err)) from err
        raise
    return n <= RANK_MAX


def _sql(conn, f: Filters, select: str, *, order: bool, highlight: bool = False,
         rank: bool | None = None) -> tuple[str, list[Any], str]:
    clauses, params = where(conn, f)
    match = fts_query(f.text or "")
    if match:
        hl = f", highlight(statements_fts, 0, char(2), char(3)) AS marked" if highlight else ""
        frm = _fts_join(conn)
        clauses.insert(0, "statements_fts MATCH ?")
        params.insert(0, match)
        if rank is None and order:
            rank = ranked(conn, f)
        if rank:
            order_by = "statements_fts.rank, s.published DESC, s.article_id, s.idx"
        elif _keyed(conn):
            order_by = "statements_fts.rowid DESC"  # the index's own order: newest day first
        else:  # a store before schema 6, served as it is: sorts all its matches
            order_by = "s.published DESC, s.article_id, s.idx"
        select = select + hl
    else:
        frm = "statements s"
        order_by = "s.published DESC, s.article_id, s.idx"
    sql = f"SELECT {select} FROM {frm} " + (_JOINS if "sp." in select or "a." in select or "o." in select else "")
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    if order:
        sql += f" ORDER BY {order_by}"
    return sql, params, match


def _run(conn, sql: str, params: list[Any], match: str, text: str | None) -> list[dict[str, Any]]:
    try:
        cur = conn.execute(sql, params)
    except sqlite3.OperationalError as err:
        if match and ("fts5" in str(err) or "syntax" in str(err)):
            raise UsageError(Errors.QX305.format(query=text, reason=err)) from err
        raise
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def cursor(row: Mapping[str, Any]) -> tuple[str | None, str, int]:
    """Where a hit stands in the date order: what :func:`search` takes as ``after``."""
    return (row["published"], row["article_id"], int(row["idx"]))


def search(conn: sqlite3.Connection, f: Filters, *, limit: int | None = 20, offset: int = 0,
           highlight: bool = False, after: tuple[str | None, str, int] | None = None) -> list[dict[str, Any]]:
    """The statements matching ``f``, in the module's order; ``limit=None`` for all.
    With ``highlight``, hits of a text search carry ``marked``: the content with each
    matching word between :data:`MARK_OPEN` and :data:`MARK_CLOSE`.

    ``after`` (the :func:`cursor` of the last hit of a page; not for a ranked text
    search, which pages by ``offset``) gives the next ``limit`` hits by keyset: index
    seeks (``statements_published``, or the full-text index in date order), however
    deep the page, where ``offset`` would step over every hit before it. The rows
    are those ``offset`` gives."""
    rank = ranked(conn, f)
    if after is not None:
        if rank:
            raise UsageError(Errors.QX401.format(
                message=f"A text search that matches at most {RANK_MAX} statements is ranked and pages by number "
                        "(offset), not after a hit."))
        if fts_query(f.text or ""):
            return _text_after(conn, f, after, limit, highlight)
        return _after(conn, f, after, limit if limit is not None else -1)
    if not fts_query(f.text or "") and limit is not None:
        # the page's rows first, from the index alone; their columns and joins for those rows only
        inner, params, _ = _sql(conn, f, "s.rowid", order=True)
        sql = (f"SELECT {HIT_SELECT} FROM statements s {_JOINS} WHERE s.rowid IN ({inner} LIMIT ? OFFSET ?) "
               "ORDER BY s.published DESC, s.article_id, s.idx")
        return _run(conn, sql, [*params, int(limit), int(offset)], "", None)
    sql, params, match = _sql(conn, f, HIT_SELECT, order=True, highlight=highlight, rank=rank)
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    elif offset:
        sql += " LIMIT -1 OFFSET ?"
        params.append(int(offset))
    return _run(conn, sql, params, match, f.text)


def _text_after(conn, f: Filters, after: tuple[str | None, str, int], limit: int | None,
                highlight: bool) -> list[dict[str, Any]]:
    """The next hits of an unranked text search after the hit ``after``: the full-text
    index read backwards from that statement's key."""
    from .store import fts_key_sql

    _published, article, idx = after
    if not _keyed(conn):  # an old store: no key to seek to
        hits = search(conn, f, limit=None, highlight=highlight)
        at = next((i for i, h in enumerate(hits) if (h["article_id"], int(h["idx"])) == (article, int(idx))), None)
        rest = hits[at + 1:] if at is not None else []
        return rest if limit is None else rest[:limit]
    row = conn.execute(f"SELECT {fts_key_sql('s')} FROM statements s WHERE s.article_id = ? AND s.idx = ?",
                       (article, int(idx))).fetchone()
    if row is None:
        raise UsageError(Errors.QX401.format(message=f"No statement {idx} in article {article!r} to page after."))
    sql, params, match = _sql(conn, f, HIT_SELECT, order=False, highlight=highlight, rank=False)
    sql += " AND statements_fts.rowid < ? ORDER BY statements_fts.rowid DESC LIMIT ?"
    params += [row[0], -1 if limit is None else int(limit)]
    return _run(conn, sql, params, match, f.text)


def _after(conn, f: Filters, after: tuple[str | None, str, int], limit: int) -> list[dict[str, Any]]:
    published, article, idx = after
    clauses, params = where(conn, f)
    pieces, args = [], []

    def piece(cond: str, cond_args: list[Any], order: str) -> None:
        w = " AND ".join([*clauses, cond])
        pieces.append(f"SELECT * FROM (SELECT {HIT_SELECT} FROM statements s {_JOINS} WHERE {w} ORDER BY {order} LIMIT ?)")
        args.extend([*params, *cond_args, limit])

    if published is not None:  # the rest of this date, then older dates, then the undated
        piece("s.published = ? AND (s.article_id, s.idx) > (?, ?)", [published, article, idx], "s.article_id, s.idx")
        piece("s.published < ?", [published], "s.published DESC, s.article_id, s.idx")
        piece("s.published IS NULL", [], "s.article_id, s.idx")
    else:
        piece("s.published IS NULL AND (s.article_id, s.idx) > (?, ?)", [article, idx], "s.article_id, s.idx")
    sql = " UNION ALL ".join(pieces) + " ORDER BY published DESC, article_id, idx LIMIT ?"
    cur = conn.execute(sql, [*args, limit])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def count(conn: sqlite3.Connection, f: Filters, *, at_most: int | None = None) -> int:
    """How many statements match ``f``. With no filter, or one on kind, speaker type or
    outlet only, read from the precomputed ``counts`` table (kept by the writer), exact.
    Otherwise counted; with ``at_most``, the counting stops past it: ``at_most + 1``
    then means "more than ``at_most``"."""
    active = f.active()
    if set(active) <= {"kind", "speaker_type", "outlet"} and len(active) <= 1:
        if not active:
            row = conn.execute("SELECT n FROM counts WHERE facet = '' AND value = ''").fetchone()
        elif "outlet" in active:
            row = conn.execute(
                "SELECT sum(n) FROM counts WHERE facet = 'outlet' AND value IN "
                "(SELECT CAST(id AS TEXT) FROM outlets WHERE name = ? COLLATE NOCASE)", (f.outlet,)).fetchone()
        else:
            (facet, value), = active.items()
            row = conn.execute("SELECT n FROM counts WHERE facet = ? AND value = ?", (facet, value)).fetchone()
        return int(row[0] or 0) if row else 0
    match = fts_query(f.text or "")
    if set(active) == {"text"} and match:  # the full-text index alone
        sql, params = "SELECT 1 FROM statements_fts WHERE statements_fts MATCH ? ORDER BY rowid DESC", [match]
    else:
        sql, params, match = _sql(conn, f, "1", order=False)
    if at_most is not None:
        sql += " LIMIT ?"
        params = [*params, at_most + 1]
    return int(_run(conn, f"SELECT count(*) AS n FROM ({sql})", params, match, f.text)[0]["n"])
