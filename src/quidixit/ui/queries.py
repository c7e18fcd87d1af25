"""The reads behind the UI pages: plain functions over a read-only sqlite3
connection to a quidixit store (schema: :data:`quidixit.store.SCHEMA`).

Each returns JSON-ready dicts and lists; the views run them in Datasette's
read threads (``Database.execute_fn``) and hand them to templates, JSON or CSV.
"""

from __future__ import annotations

import re
import sqlite3
import time
from typing import Any, Sequence

from .. import search as qsearch
from ..errors import UsageError
from ..rows import RECORD_COLUMNS
from ..store import tallies

__all__ = [
    "STATEMENT_FIELDS",
    "Filters",
    "fts_query",
    "search",
    "article",
    "speaker",
    "speakers_index",
    "outlet",
    "corpus_stats",
    "read_only_store",
    "outlets_index",
    "overview",
]

# The columns of every statement list in CSV (search hits, speaker and outlet pages):
# the one layout of a statement, quidixit.rows.RECORD_COLUMNS.
STATEMENT_FIELDS = RECORD_COLUMNS

from ..search import MARK_CLOSE, MARK_OPEN  # noqa: E402


def _rows(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _one(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
    rows = _rows(conn.execute(sql, params))
    return rows[0] if rows else None


def fts_query(q: str) -> str:
    """User text -> a safe FTS5 query, exactly as ``quidixit search`` reads it."""
    return qsearch.fts_query(q or "")


def read_only_store(conn: sqlite3.Connection):
    """A :class:`~quidixit.store.Store` over an already open read-only connection,
    so that the corpus API (``corpus.stats`` ...) can run on Datasette's
    immutable connections. Opening ``Store(path)`` would migrate and set WAL
    mode, i.e. write; this never does."""
    from ..store import Store

    store = Store.__new__(Store)
    store.path = "(read-only)"
    store.conn = conn
    store.version = None
    store._outlets = {}
    store.defer_claims = True
    return store


class Filters:
    """The search page's filters, from query-string arguments: ``values`` as the page
    shows them (``q``, ``speaker``, ``from``, ``to``, …) and ``search``, the
    :class:`quidixit.search.Filters` that the CLI and the API use too."""

    KEYS = tuple(qsearch.Filters.ARGS)

    def __init__(self, args: dict[str, str]):
        self.values = {k: (args.get(k) or "").strip() for k in self.KEYS}
        self.values["from"] = _date(self.values["from"])
        self.values["to"] = _date(self.values["to"])
        self.error: str | None = None  # why the search refuses these filters (an unknown kind): a 400
        try:
            self.search = qsearch.Filters.from_args(self.values)
        except UsageError as err:
            self.error = str(err)
            self.search = qsearch.Filters()

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def active(self) -> dict[str, str]:
        return {k: v for k, v in self.values.items() if v}


def _date(s: str) -> str:
    s = s.strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s):
        return ""
    try:
        qsearch.date_bounds(s, None)
    except Exception:  # 2012-13: not a date, left out as any other malformed bound
        return ""
    return s


def split_marks(text: str | None) -> list[dict[str, Any]]:
    """Text with FTS markers -> [{"text": ..., "match": bool}] pieces."""
    out = []
    for part in re.split(f"({MARK_OPEN}[^{MARK_CLOSE}]*{MARK_CLOSE})", text or ""):
        if not part:
            continue
        if part.startswith(MARK_OPEN):
            out.append({"text": part[1:-1], "match": True})
        else:
            out.append({"text": part, "match": False})
    return out


def search(conn: sqlite3.Connection, filters: Filters, *, limit: int = 50, offset: int = 0,
           facets: bool = True, facet_size: int = 12, after: tuple | None = None) -> dict[str, Any]:
    """Statements matching ``filters`` through :func:`quidixit.search.search` (the one
    search: best FTS matches first when the words match at most ``RANK_MAX`` statements,
    else newest first), with the total (counted up to :data:`COUNT_MAX`; past it
    ``total_is_lower_bound``) and facet counts under the same filters; ``order`` is
    ``"rank"`` or ``"date"``."""
    try:
        return _search(conn, filters, limit=limit, offset=offset, facets=facets, facet_size=facet_size, after=after)
    except UsageError:
        if not filters["q"] or after is not None:
            raise
        # an FTS5 syntax the parser let through: search the words literally
        filters.values["q"] = " ".join('"' + w.replace('"', "") + '"' for w in filters["q"].split() if w.replace('"', ""))
        filters.search = qsearch.Filters.from_args(filters.values)
        return _search(conn, filters, limit=limit, offset=offset, facets=facets, facet_size=facet_size)


def _search(conn, filters: Filters, *, limit: int, offset: int, facets: bool, facet_size: int,
            after: tuple | None = None) -> dict[str, Any]:
    f = filters.search
    rank = qsearch.ranked(conn, f)
    hits = qsearch.search(conn, f, limit=limit, offset=offset, highlight=True, after=after)
    for h in hits:
        marked = h.pop("marked", None)
        h["pieces"] = split_marks(marked) if marked is not None else [{"text": h["content_text"], "match": False}]
    if facets or offset or after or len(hits) >= limit:
        total = qsearch.count(conn, f, at_most=COUNT_MAX)
    else:
        total = len(hits)
    more = total == COUNT_MAX + 1  # counting stopped there: "more than COUNT_MAX" (a precomputed count is exact)
    out: dict[str, Any] = {"filters": filters.active(), "total": COUNT_MAX if more else total, "total_is_lower_bound": more,
                           "order": "rank" if rank else "date", "offset": offset, "limit": limit, "hits": hits}
    if facets:
        big = bool(f.active()) and total > FACET_MAX_MATCHES  # would only run out of time: not tried
        out["facets"] = _facets(conn, filters, facet_size, skip=big)
        out["dates"] = None if big else _dates(conn, f)
    return out


def _dates(conn, f: qsearch.Filters) -> dict[str, Any] | None:
    """The first and last date under the filters (None when counting them would take
    longer than :data:`FACET_TIME_LIMIT`)."""
    if not f.active():  # two index lookups
        first = conn.execute("SELECT min(published) FROM statements").fetchone()[0]
        last = conn.execute("SELECT max(published) FROM statements").fetchone()[0]
    else:
        sql, params, _ = qsearch._sql(conn, f, "min(s.published), max(s.published)", order=False)
        deadline = time.monotonic() + FACET_TIME_LIMIT
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        try:
            first, last = conn.execute(sql, params).fetchone()
        except sqlite3.OperationalError as err:
            if "interrupt" not in str(err):
                raise
            return None
        finally:
            conn.set_progress_handler(None, 0)
    return {"first": (first or "")[:10] or None, "last": (last or "")[:10] or None}


_FACETS = {  # facet -> (value, label) expressions over s (statements), sp (speakers), o (outlets)
    "speaker": ("s.speaker_id", "sp.name", "AND s.speaker_id IS NOT NULL"),
    "outlet": ("o.name", "o.name", "AND o.name IS NOT NULL"),
    "kind": ("s.kind", "s.kind", ""),
    "speaker_type": ("coalesce(s.speaker_type, 'none')", "coalesce(s.speaker_type, 'none')", ""),
}


FACET_TIME_LIMIT = 0.08  # seconds the facets and date range of one filtered page may take; past it they are left out
FACET_MAX_MATCHES = qsearch.RANK_MAX  # a filtered page with more hits than this is not faceted (nor its dates)
COUNT_MAX = qsearch.RANK_MAX  # a filtered search counts its matches up to this, then says "more than 1,000"


def _facets(conn, filters: Filters, size: int, *, skip: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Facet counts under the filters. With no filter they come from the precomputed
    counts; with filters they are counted, within :data:`FACET_TIME_LIMIT` for all of
    them: a facet that would take longer (a filter that matches most of a big corpus)
    is an empty list and its name is in ``out["_skipped"]``, so that one page never
    holds a server thread for seconds."""
    f = filters.search
    out: dict[str, Any] = {}
    skipped = []
    deadline = time.monotonic() + FACET_TIME_LIMIT
    for name, (value, label, extra) in _FACETS.items():
        if not f.active():  # the whole corpus: precomputed counts, never a scan
            rows = _corpus_facet(conn, name, size)
        elif skip:
            rows = []
            skipped.append(name)
        else:
            sql, params, _ = qsearch._sql(conn, f, f"{value} AS value, {label} AS label, count(*) AS n", order=False)
            sql += (" WHERE 1" if " WHERE " not in sql else "") + f" {extra} GROUP BY {value} ORDER BY n DESC, label LIMIT ?"
            conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
            try:
                rows = conn.execute(sql, [*params, size]).fetchall()
            except sqlite3.OperationalError as err:
                if "interrupt" not in str(err):
                    raise
                rows = []
                skipped.append(name)
            finally:
                conn.set_progress_handler(None, 0)
        out[name] = [{"value": r[0], "label": r[1], "count": r[2], "selected": filters[name] == str(r[0])} for r in rows]
    out["_skipped"] = skipped
    return out


def _corpus_facet(conn, name: str, size: int) -> list[tuple]:
    if name == "speaker":
        return conn.execute("SELECT id, name, n_statements FROM speakers ORDER BY n_statements DESC, name LIMIT ?",
                            (size,)).fetchall()
    if name == "outlet":
        return conn.execute(
            "SELECT o.name, o.name, c.n FROM counts c JOIN outlets o ON c.value = CAST(o.id AS TEXT) "
            "WHERE c.facet = 'outlet' AND c.n > 0 ORDER BY c.n DESC, o.name LIMIT ?", (size,)).fetchall()
    return conn.execute("SELECT value, value, n FROM counts WHERE facet = ? AND n > 0 ORDER BY n DESC, value LIMIT ?",
                        (name, size)).fetchall()


def outlet_names(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    """``{outlets.id as text: name}`` of the outlets among ``ids`` (tally values)."""
    ids = [i for i in ids if i]
    if not ids:
        return {}
    rows = conn.execute(f"SELECT CAST(id AS TEXT), name FROM outlets WHERE id IN ({', '.join('?' * len(ids))})",
                        [int(i) for i in ids]).fetchall()
    return {r[0]: r[1] for r in rows}


def statements_of_article(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    return _rows(conn.execute(
        "SELECT s.*, sp.name AS speaker FROM statements s LEFT JOIN speakers sp ON sp.id = s.speaker_id "
        "WHERE s.article_id = ? ORDER BY s.field != 'title', s.content_start, s.content_end, s.idx",
        (article_id,),
    ))


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """The article row (with its outlet's name) and its statements, in text order."""
    row = _one(
        conn,
        "SELECT a.*, o.name AS outlet FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?",
        (article_id,),
    )
    if row is None:
        return None
    row.pop("outlet_id", None)
    statements = statements_of_article(conn, article_id)
    from ..rows import analysis_from_rows
    from ..voice import voice_share

    voice = voice_share(analysis_from_rows(row, sorted(statements, key=lambda s: s["idx"])))
    return {"article": row, "statements": statements, "voice": voice.to_dict(), "voice_line": voice.line()}


def speaker(conn: sqlite3.Connection, speaker_id: str, *, limit: int = 100, offset: int = 0,
            after: tuple | None = None) -> dict[str, Any] | None:
    """One corpus-wide speaker: aliases, roles, statements per month, outlets, statements
    (newest first, through the one search: ``offset``, or by keyset ``after`` the
    :func:`quidixit.search.cursor` of the page before's last)."""
    sp = _one(conn, "SELECT * FROM speakers WHERE id = ?", (speaker_id,))
    if sp is None:
        return None
    aliases = _rows(conn.execute(
        "SELECT alias, type, n_statements FROM speaker_aliases WHERE speaker_id = ? ORDER BY n_statements DESC, alias",
        (speaker_id,),
    ))
    roles = _rows(conn.execute(
        "SELECT role, n_statements FROM speaker_roles WHERE speaker_id = ? ORDER BY n_statements DESC, role", (speaker_id,)
    ))
    # counts kept by the writer (quidixit.store.tallies): the same cost for a speaker quoted 7,000 times as once
    counts = tallies(conn, "speaker", speaker_id, ("month", "kind", "outlet"))
    months = sorted(({"month": r[1], "n": r[2]} for r in counts if r[0] == "month" and r[1]), key=lambda m: m["month"])
    kinds = [{"kind": r[1], "n": r[2]} for r in counts if r[0] == "kind"]
    names = outlet_names(conn, [r[1] for r in counts if r[0] == "outlet"])
    outlets = sorted(({"outlet": names[r[1]], "n": r[2], "articles": r[3]} for r in counts if r[0] == "outlet" and r[1] in names),
                     key=lambda o: (-o["n"], o["outlet"]))
    statements = qsearch.search(conn, qsearch.Filters(speaker=speaker_id), limit=limit, offset=offset, after=after)
    return {
        "speaker": sp, "aliases": aliases, "roles": roles, "months": months, "outlets": outlets,
        "kinds": kinds, "statements": statements, "offset": offset, "limit": limit,
    }


def speakers_index(conn: sqlite3.Connection, *, limit: int = 200, type: str | None = None,
                   query: str | None = None) -> list[dict[str, Any]]:
    """The most quoted speakers (named ones only: see ``quidixit.store.is_named``), of
    ``type`` and with a name containing ``query`` when given; as ``quidixit speakers``."""
    from ..corpus import speakers

    rows = speakers(read_only_store(conn), limit, type=type or None, query=query or None)
    return [{"id": r["id"], "name": r["name"], "type": r["type"], "n_statements": r["statements"],
             "n_articles": r["articles"], "aliases": r["aliases"], "roles": r["roles"]} for r in rows]


def corpus_stats(conn: sqlite3.Connection, *, top: int = 15) -> dict[str, Any]:
    """``quidixit.corpus.stats`` (the numbers of ``quidixit stats``) on this connection."""
    from ..corpus import stats

    return stats(read_only_store(conn), top=top)


def outlet(conn: sqlite3.Connection, name: str, *, profile: dict[str, Any] | None = None, top: int = 15,
           limit: int = 50, offset: int = 0, after: tuple | None = None) -> dict[str, Any] | None:
    """The sourcing profile of one outlet, as ``corpus.stats`` computes it (kinds,
    anonymous share, person/organization/document shares, top speakers), with
    the counts behind the shares, speaker ids for links, articles per month and
    the outlet's statements (paged as :func:`speaker`'s). ``profile`` is ``corpus_stats(conn)`` when the caller
    has it cached (the store is immutable while served)."""
    row = _one(conn, "SELECT id, name FROM outlets WHERE name = ?", (name,))
    if row is None:
        return None
    oid = row["id"]
    profile = profile if profile is not None else corpus_stats(conn, top=top)
    p = next((o for o in profile["outlets"] if o["outlet"] == name), None)
    if p is None:
        return None
    n = p["statements"]
    # counts kept by the writer (quidixit.store.tallies), never counted over the outlet's statements here
    types = {r[1]: r[2] for r in tallies(conn, "outlet", oid, ("speaker_type",))}
    from ..corpus import top_speakers, voice_by_month

    speakers = top_speakers(conn, oid, top)
    months = sorted(({"month": r[1], "n": r[2]} for r in tallies(conn, "outlet", oid, ("month",)) if r[1]),
                    key=lambda m: m["month"])
    statements = qsearch.search(conn, qsearch.Filters(outlet=row["name"]), limit=limit, offset=offset, after=after)
    per_month = voice_by_month(conn, oid)
    return {
        "outlet": row["name"],
        "n_articles": p["articles"],
        "n_statements": n,
        "statements_per_article": p["statements_per_article"],
        "kinds": {k: {"share": v, "n": round(v * n)} for k, v in p["kinds"].items()},
        "anonymous_share": p["anonymous"],
        "speaker_type_shares": p["speaker_types"],
        "speaker_types": types,
        "top_speakers": [{k: d[k] for k in ("name", "n", "id", "type")} for d in speakers],
        "articles_per_month": months,
        "voice": p.get("voice") or {},  # quidixit.voice: verbatim, paraphrase and own-voice shares of its text
        "voice_per_month": per_month,
        "statements": statements,
        "offset": offset,
        "limit": limit,
    }


def outlets_index(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every outlet with its articles and statements (kept by the writer: ``tallies``)."""
    out = []
    for oid, name in conn.execute("SELECT id, name FROM outlets").fetchall():
        rows = tallies(conn, "outlet", oid, ("month", "kind"))
        out.append({"name": name, "n_articles": sum(r[2] for r in rows if r[0] == "month"),
                    "n_statements": sum(r[2] for r in rows if r[0] == "kind")})
    return sorted(out, key=lambda o: (-o["n_articles"], o["name"]))


def overview(conn: sqlite3.Connection) -> dict[str, Any]:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "statements": one("SELECT coalesce((SELECT n FROM counts WHERE facet = '' AND value = ''), 0)"),  # kept by the writer
        "speakers": one("SELECT count(*) FROM speakers"),
        "outlets": one("SELECT count(*) FROM outlets"),
    }
