"""Build a corpus store from sources, and query it.

    >>> from quidixit import corpus
    >>> summary = corpus.ingest(["articles.jsonl"], db="quidixit.db", workers=2)
    >>> print(summary)
    Read 40 documents: 38 new, 0 already present, 1 skipped (language), 1 failed; 312 statements written.
    >>> corpus.search("quidixit.db", "ministère", speaker="Lavrov", limit=5)
    [{'id': ..., 'kind': 'direct', 'speaker': 'Serguei Lavrov', 'content': ..., ...}]

``ingest`` reads, drops what the store already holds *before* extraction,
analyses the rest in worker processes (:func:`quidixit.run.local.run`) and
writes from this process only (one writer), one transaction per batch. It is
idempotent and resumable: run it again after a crash and it finishes the job.
"""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from .csvfile import write_csv
from .errors import Errors, StoreError, UsageError
from .read._common import ReadStats
from .model import KINDS, Analysis, Article, Failure, Skipped
from .rows import RECORD_COLUMNS, STATEMENT_COLUMNS, analysis_from_rows
from .run.local import DEFAULT_TIME_LIMIT
from .model import text_key, url_key
from .store import Store, _stored_as, connect, default_path, speaker_key, tallies
from .voice import UNDATED, VoiceShare, pooled

__all__ = [
    "IngestSummary",
    "ingest",
    "search",
    "speakers",
    "stats",
    "voice",
    "export",
    "EXPORT_COLUMNS",
    "EXPORT_FORMATS",
    "claims",
    "export_claims",
]

EXPORT_FORMATS = ("jsonl", "csv", "parquet", "webannotation", "claimreview", "labelstudio", "brat")  # the last four: quidixit.export
# statement rows (rows.STATEMENT_COLUMNS) + the resolved speaker + where the article comes from
EXPORT_COLUMNS = RECORD_COLUMNS + ("claim_id",)  # and the statement's claim (docs/claims.md)


# --------------------------------------------------------------------------- ingest


@dataclass
class IngestSummary:
    """What an ingest did. ``ok`` is False when any document failed."""

    db: str
    run_id: int
    read: int = 0  # documents the readers gave (articles, skipped, unreadable)
    new: int = 0  # articles analysed and stored by this run
    present: int = 0  # already in the store (or twice in the sources): not analysed again
    skipped: int = 0  # not analysed on purpose (language)
    failed: int = 0  # recorded in the errors table
    statements: int = 0  # statements written by this run
    reanalyzed: int = 0  # stored articles analysed again (ingest --reanalyze): their statements replaced
    bad_dates: int = 0  # articles whose date could not be read (stored with published NULL)
    left_out: int = 0  # files of a folder not read as articles (README, LICENSE, ...)
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("read", "new", "present", "skipped", "failed", "statements")}

    def __str__(self) -> str:
        out = (
            f"Read {self.read} documents: {self.new} new, {self.present} already present, "
            f"{self.skipped} skipped (language), {self.failed} failed; "
            f"{self.statements} statements written."
        )
        notes = []
        if self.reanalyzed:
            notes.append(f"{self.reanalyzed} stored article{'s' if self.reanalyzed != 1 else ''} analysed again "
                         "by this extractor version (statements replaced)")
        if self.bad_dates:
            notes.append(f"{self.bad_dates} date{'s' if self.bad_dates != 1 else ''} could not be read "
                         "(stored as NULL, the raw string in meta.published_raw)")
        if self.left_out:
            notes.append(f"{self.left_out} file{'s' if self.left_out != 1 else ''} left out as not articles "
                         "(README, LICENSE, ...)")
        return out + "".join(f"\n  note: {n}." for n in notes)


def _read(sources: Iterable[Any], format: str | None, languages: tuple[str, ...], detect_language: bool,
          stats: ReadStats | None = None):
    """Articles, Skipped and Failures: paths through :func:`quidixit.read.read_sources`,
    Article objects as given (Skipped when their language is not wanted)."""
    from .read import read_sources
    from .read.normalise import normalise_article

    for src in sources:
        if isinstance(src, Article):
            if src.language and languages and src.language not in languages:
                a = src.with_id()
                yield Skipped(a.source or a.id or "?", "language", src.language, a.id)
            else:
                yield normalise_article(src, stats)
        elif isinstance(src, (Failure, Skipped)):
            yield src
        else:
            yield from read_sources([src], format=format, languages=languages, detect_language=detect_language,
                                    stats=stats)


def ingest(
    sources: Iterable[Any],
    db: str | Path | None = None,
    *,
    workers: int = 1,
    format: str | None = None,
    progress: bool = True,
    batch_size: int = 64,
    commit_every: float = 2.0,
    model: str | None = None,
    languages: tuple[str, ...] | None = None,
    detect_language: bool = True,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    reanalyze: bool = False,
    lang: str | None = None,
    slice_bytes: int | None = None,
) -> IngestSummary:
    """Read ``sources`` (paths, or Article objects), analyse what is new, store it.

    Each article is analysed in its own language (given by the input or detected) when a
    language pack supports it; articles in other languages are skipped (QX109). ``lang``
    forces one language for all (``languages`` then defaults to keeping every article).

    With ``workers > 1`` and paths as ``sources``, each worker reads, cleans,
    detects the language of and analyses a shard at a time (a file, or a slice of
    at most ``slice_bytes`` of a WARC or plain JSONL file, smaller for a small file so
    that every worker has several: :mod:`quidixit.read.shards`), and this process
    only writes.

    With ``reanalyze``, also analyse again every stored article whose
    ``extractor_version`` is not this quidixit's
    (:func:`quidixit.about.extractor_version`) and replace its statements;
    ``sources`` may then be empty. Like ingest, it is idempotent (a second run
    finds nothing to do) and resumable (each batch commits with the new version,
    so a run stopped half-way leaves only the rest to do).

    One transaction per batch of ``batch_size`` results (or every
    ``commit_every`` seconds, whichever comes first); an article and its
    statements are always in the same transaction. Documents that fail are
    recorded in the ``errors`` table and the run goes on; one whose extraction
    takes more than ``time_limit`` seconds is stopped (QX151). When the store
    stays locked by another writer, QX307 is raised and the run row records
    ``status = 'failed'`` (when it can be written at all).
    """
    if languages is None:
        from .languages import SUPPORTED_LANGUAGES

        languages = None if lang else SUPPORTED_LANGUAGES  # --lang: every article, in that language
    else:
        languages = tuple(languages)
    from .run.local import ShardDone, run, run_shards, warm_up

    if isinstance(sources, (str, Path)):
        sources = [sources]
    if workers > 1:
        warm_up()  # the workers' imports, in the forkserver, while the store opens
    path = str(db if db is not None else default_path())
    store = Store(path)
    if isinstance(sources, (list, tuple)):
        names = [str(s) for s in sources if not isinstance(s, (Article, Failure, Skipped))]
        if len(names) < len(sources):
            names.append(f"<{len(sources) - len(names)} objects>")
    else:  # a generator: consumed lazily, never listed
        names = ["<iterable>"]
    run_id = store.start_run(names, model=model, workers=workers)
    summary = IngestSummary(db=path, run_id=run_id)
    started = time.monotonic()
    bar = _Progress(progress)

    lookup = max(1, min(256, batch_size))  # ids checked against the store per query

    def todo() -> Iterator[Article | Failure | Skipped]:
        # A separate read connection: with workers > 1 this generator runs in the pool's feeder thread.
        reader = connect(path)
        try:
            yield from unseen(_read(sources, format, languages, detect_language, read_stats), reader, pre, lookup)
        finally:
            reader.close()

    def stale() -> Iterator[Article]:
        """Stored articles analysed by another extractor version, in storage order."""
        from .about import extractor_version

        reader = connect(path)
        version = extractor_version()
        last = 0
        try:
            while True:
                rows = reader.execute(
                    "SELECT a.rowid AS rid, a.*, o.name AS outlet FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id "
                    "WHERE a.rowid > ? AND a.extractor_version IS NOT ? ORDER BY a.rowid LIMIT ?",
                    (last, version, lookup)).fetchall()
                if not rows:
                    return
                for r in rows:
                    last = r["rid"]
                    yield analysis_from_rows(dict(r)).article
        finally:
            reader.close()

    # counted by todo(), which may run in another thread: merged into the summary at the end
    pre = {"read": 0, "present": 0}
    read_stats = ReadStats()
    batch: list = []
    last = time.monotonic()

    def flush() -> None:
        nonlocal last
        if batch:
            out = store.write_batch(batch, run_id, replace=reanalyze)
            summary.reanalyzed += out["replaced"]
            for k in ("new", "present", "statements", "skipped", "failed"):
                setattr(summary, k, getattr(summary, k) + out[k])
            summary.failures.extend(out["failures"])
            batch.clear()
        last = time.monotonic()
        bar.pending(summary, pre["present"])

    def tally() -> None:
        summary.read += pre["read"]
        summary.present += pre["present"]
        summary.bad_dates += read_stats.warnings.get("date", 0)
        summary.left_out += sum(read_stats.left_out.values())
        summary.seconds = time.monotonic() - started

    try:
        with bar:
            if _shardable(sources, workers, reanalyze):  # reading, cleaning, language detection in the workers too
                from .read.shards import SLICE_BYTES, plan_shards

                shards = plan_shards(sources, format=format, stats=read_stats, slice_bytes=slice_bytes or SLICE_BYTES,
                                     workers=workers)
                results = run_shards(shards, workers=workers,
                                     store=path, format=format, languages=languages,
                                     detect_language=detect_language, lang=lang, model=model,
                                     chunk_size=min(32, batch_size), time_limit=time_limit)
            else:
                work = itertools.chain(todo(), stale()) if reanalyze else todo()
                results = run(work, workers=workers, lang=lang, model=model, chunk_size=min(32, batch_size),
                              time_limit=time_limit)
            for result in results:
                if isinstance(result, ShardDone):
                    pre["read"] += result.read
                    pre["present"] += result.present
                    if result.stats is not None:
                        read_stats.merge(result.stats)
                    continue
                batch.append(result)
                bar.pending(summary, len(batch) + pre["present"])
                if len(batch) >= batch_size or time.monotonic() - last >= commit_every:
                    flush()
            flush()
    except BaseException as err:  # the run row says it failed (a busy store, Ctrl-C, ...), never "finished"
        tally()
        try:
            store.fail_run(run_id, summary.counts(), str(err) or type(err).__name__)
        finally:
            store.close()
        raise
    tally()
    try:
        store.finish_run(run_id, summary.counts())
    finally:
        store.close()
    return summary


def _shardable(sources: Any, workers: int, reanalyze: bool) -> bool:
    """Whether the workers can read ``sources`` themselves: paths to files or folders
    (not stdin, not Article objects), more than one worker, no reanalysis."""
    return (workers > 1 and not reanalyze and isinstance(sources, (list, tuple))
            and all(isinstance(s, (str, Path)) and str(s) != "-" for s in sources))


def unseen(items: Iterable[Article | Failure | Skipped], reader: sqlite3.Connection, counts: dict[str, int],
           lookup: int = 64) -> Iterator[Article | Failure | Skipped]:
    """``items`` less the articles the store (``reader``, a read connection) already holds
    and those seen earlier in ``items`` (same id, same URL or same text); ``counts["read"]``
    and ``counts["present"]`` are counted on the way. Ids are looked up ``lookup`` at a time."""
    seen: set[str] = set()  # ids, URL and text keys of the articles let through
    it = iter(items)
    while True:
        chunk = [x for _, x in zip(range(lookup), it)]
        if not chunk:
            return
        chunk = [x.with_id() if isinstance(x, Article) else x for x in chunk]
        have = _present(reader, [x.id for x in chunk if isinstance(x, Article)])
        for x in chunk:
            counts["read"] += 1
            if isinstance(x, Article):
                # one article once, whatever the reader: same id, same URL or same text
                keys = {x.id, "text:" + text_key(x.text, x.title)}
                if x.url:
                    keys.add("url:" + (url_key(x.url) or ""))
                if x.id in have or keys & seen or _stored_as(reader, x) is not None:
                    counts["present"] += 1
                    continue
                seen.update(keys)
            yield x


def _present(conn: sqlite3.Connection, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        found.update(r[0] for r in conn.execute(f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(part))})", part))
    return found


class _Progress:
    """A rich progress line on stderr: documents done, documents/s, errors so far."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._p = None
        self._t0 = time.monotonic()

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._p = Progress(
                SpinnerColumn(),
                TextColumn("{task.completed} documents"),
                TextColumn("{task.fields[rate]:.1f} docs/s"),
                TextColumn("{task.fields[new]} new · {task.fields[present]} present · {task.fields[errors]} errors"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
            )
            self._p.__enter__()
            self._task = self._p.add_task("ingest", total=None, rate=0.0, new=0, present=0, errors=0)
        self._t0 = time.monotonic()
        return self

    def __exit__(self, *exc):
        if self._p is not None:
            self._p.__exit__(*exc)

    def pending(self, s: IngestSummary, n: int) -> None:
        if self._p is not None:
            self._update(s, s.new + s.present + s.skipped + s.failed + n)

    def _update(self, s: IngestSummary, done: int) -> None:
        dt = max(time.monotonic() - self._t0, 1e-6)
        self._p.update(self._task, completed=done, rate=done / dt, new=s.new, present=s.present, errors=s.failed)


# --------------------------------------------------------------------------- queries


def _open(db: str | Path | Store | None) -> tuple[Store, bool]:
    if isinstance(db, Store):
        return db, False
    return Store(db if db is not None else default_path(), create=False), True


class _Opened:
    def __init__(self, db):
        self.store, self.owned = _open(db)

    def __enter__(self) -> sqlite3.Connection:
        return self.store.conn

    def __exit__(self, *exc):
        if self.owned:
            self.store.close()


from .search import fts_query  # noqa: E402  (re-exported: the one query syntax)


def search(
    db: str | Path | Store | None,
    query: str | None = None,
    *,
    speaker: str | None = None,
    speaker_type: str | None = None,
    outlet: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = 20,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Statements matching ``query`` (full text over content, speaker, role, cue and
    title, accent- and case-insensitive), best match first; with no query, the most
    recent first. ``since``/``until``: the article's publication date, a day, a month
    or a year, both inclusive (``until="2017"`` keeps all of 2017). The one search of
    quidixit: :func:`quidixit.search.search`, which the web UI calls too."""
    from .search import Filters, search as run_search

    filters = Filters(text=query, speaker=speaker, speaker_type=speaker_type, outlet=outlet, kind=kind,
                      since=since, until=until)
    with _Opened(db) as conn:
        try:
            return run_search(conn, filters, limit=limit, offset=offset)
        except sqlite3.OperationalError as err:
            raise StoreError(Errors.QX301.format(path=getattr(db, "path", db), reason=err)) from err


def speakers(db: str | Path | Store | None, limit: int | None = 20, *, type: str | None = None,
             query: str | None = None) -> list[dict[str, Any]]:
    """The most quoted speakers: statements, articles, aliases and roles (most frequent
    first); only those of ``type``, and those with a name or alias containing ``query``
    (accents and case do not matter: "lavrov", "Sergueï")."""
    with _Opened(db) as conn:
        sql = "SELECT id, name, type, n_statements, n_articles FROM speakers"
        where: list[str] = []
        args: list[Any] = []
        if type:
            where.append("type = ?")
            args.append(type)
        key = speaker_key(query) if query else ""
        if len(key) >= 3 and conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'speaker_aliases_fts'").fetchone():
            # the trigram index: a phrase of the key's trigrams is the key as a substring
            where.append("id IN (SELECT a.speaker_id FROM speaker_aliases_fts f JOIN speaker_aliases a ON a.rowid = f.rowid "
                         "WHERE speaker_aliases_fts MATCH ?)")
            args.append('"' + key.replace('"', '""') + '"')
        elif key:  # one or two letters (no trigram), or a store before version 7
            where.append("id IN (SELECT speaker_id FROM speaker_aliases WHERE instr(key, ?) > 0)")
            args.append(key)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY n_statements DESC, name"
        if limit:
            sql += " LIMIT ?"
            args.append(int(limit))
        rows = conn.execute(sql, args).fetchall()
        aliases: dict[str, list[str]] = {}
        roles: dict[str, list[str]] = {}
        for i in range(0, len(rows), 500):  # the aliases and roles of 500 speakers in two queries, not 1,000
            ids = [r["id"] for r in rows[i:i + 500]]
            marks = ", ".join("?" * len(ids))
            for sid, alias in conn.execute(f"SELECT speaker_id, alias FROM speaker_aliases WHERE speaker_id IN ({marks}) "
                                           "ORDER BY speaker_id, n_statements DESC, alias", ids):
                aliases.setdefault(sid, []).append(alias)
            for sid, role in conn.execute(f"SELECT speaker_id, role FROM speaker_roles WHERE speaker_id IN ({marks}) "
                                          "ORDER BY speaker_id, n_statements DESC, role", ids):
                roles.setdefault(sid, []).append(role)
        return [{"id": r["id"], "name": r["name"], "type": r["type"], "statements": r["n_statements"],
                 "articles": r["n_articles"], "aliases": aliases.get(r["id"], []), "roles": roles.get(r["id"], [])}
                for r in rows]


NO_OUTLET = "(no outlet)"


def stats(db: str | Path | Store | None, *, top: int = 5) -> dict[str, Any]:
    """Per outlet (and for the whole corpus, ``outlet="(all)"``): articles, statements
    per article, share of each kind, share of anonymous speakers, share of
    person / organization / document speakers, the top speakers, and the voice
    share (``"voice"``, see :func:`voice`). Read from the counts the writer keeps
    (:func:`quidixit.store.tallies`): the same cost for a corpus of any size."""
    with _Opened(db) as conn:
        outlets = [(str(r[0]), r[1]) for r in conn.execute("SELECT id, name FROM outlets")] + [("", NO_OUTLET)]
        per: dict[str, dict] = {}
        for oid, name in outlets:
            rows = tallies(conn, "outlet", oid or None, ("month", "kind", "speaker_type", *VOICE_FACETS))
            arts = sum(r[2] for r in rows if r[0] == "month")
            if not arts:
                continue
            per[name] = {"articles": arts, "kinds": {r[1]: r[2] for r in rows if r[0] == "kind"},
                         "types": {r[1]: r[2] for r in rows if r[0] == "speaker_type"},
                         "voice": pooled(_voice_of(rows).values()),
                         "top": [(d["name"], d["n"]) for d in top_speakers(conn, oid or None, top)]}
        everyone = [(r[0], r[1]) for r in conn.execute(
            "SELECT id, n_statements FROM speakers WHERE n_statements > 0 ORDER BY n_statements DESC, name LIMIT ?", (top,))]
        top_all = _names(conn, everyone)
    order = sorted(per, key=lambda o: (o == NO_OUTLET, -per[o]["articles"], o))
    every: dict[str, Any] = {"articles": 0, "kinds": {}, "types": {}, "top": top_all,
                             "voice": pooled(per[o]["voice"] for o in order)}
    for o in order:
        every["articles"] += per[o]["articles"]
        for key in ("kinds", "types"):
            for k, n in per[o][key].items():
                every[key][k] = every[key].get(k, 0) + n
    result = []
    for o, d in [*((o, per[o]) for o in order), ("(all)", every)]:
        n, n_art = sum(d["kinds"].values()), d["articles"]

        def share(x: int) -> float:
            return round(x / n, 3) if n else 0.0

        result.append({
            "outlet": o,
            "articles": n_art,
            "statements": n,
            "statements_per_article": round(n / n_art, 2) if n_art else 0.0,
            "kinds": {k: share(d["kinds"].get(k, 0)) for k in KINDS},
            "anonymous": share(d["types"].get("anonymous", 0)),
            "speaker_types": {t: share(d["types"].get(t, 0)) for t in ("person", "organization", "document")},
            "top_speakers": sorted(d["top"], key=lambda kv: (-kv[1], kv[0]))[:top],
            "voice": d["voice"].to_dict() if d["voice"].articles else {},
        })
    return {"articles": every["articles"], "statements": sum(every["kinds"].values()), "outlets": result}


VOICE_FACETS = ("voice", *(f"voice:{k}" for k in KINDS))  # the voice share's tallies (quidixit.store)


def _voice_of(rows: Iterable[Any]) -> dict[str, VoiceShare]:
    """Voice shares per month ('' undated) from an outlet's ``voice`` tallies."""
    chars: dict[str, int] = {}
    articles: dict[str, int] = {}
    kinds: dict[str, dict[str, int]] = {}
    for facet, month, n, arts in rows:
        if facet == "voice":
            chars[month], articles[month] = n, arts
        elif facet.startswith("voice:"):
            kinds.setdefault(month, {})[facet[len("voice:"):]] = n
    return {m: VoiceShare(chars=chars[m], kinds=kinds.get(m, {}), articles=articles[m]) for m in chars}


def voice_by_month(conn: sqlite3.Connection, outlet_id: int | None) -> list[dict[str, Any]]:
    """The voice share of one outlet's articles per month (``period``; "(undated)" last),
    as :func:`voice` gives it with ``period="month"``, from the counts the writer keeps."""
    months = _voice_of(tallies(conn, "outlet", outlet_id, VOICE_FACETS))
    return [{"period": m or UNDATED, **months[m].to_dict()} for m in sorted(months, key=lambda m: (m == "", m))]


def _names(conn: sqlite3.Connection, counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """``(speaker id, n)`` -> ``(speaker name, n)``."""
    if not counts:
        return []
    marks = ", ".join("?" * len(counts))
    names = {r[0]: r[1] for r in conn.execute(f"SELECT id, name FROM speakers WHERE id IN ({marks})", [i for i, _ in counts])}
    return [(names[i], n) for i, n in counts if i in names]


def top_speakers(conn: sqlite3.Connection, outlet_id: int | None, top: int) -> list[dict[str, Any]]:
    """The ``top`` speakers an outlet quotes most: ``id``, ``name``, ``type``, ``n``, most
    first, ties by name (those tied with the last one are read too, to choose among them)."""
    rows = tallies(conn, "outlet", outlet_id, ("speaker",), limit=top)
    if len(rows) == top and rows:
        rows = tallies(conn, "outlet", outlet_id, ("speaker",), min_n=rows[-1][2])
    if not rows:
        return []
    n = {r[1]: r[2] for r in rows}
    sp = conn.execute(f"SELECT id, name, type FROM speakers WHERE id IN ({', '.join('?' * len(n))})", list(n)).fetchall()
    out = [{"id": r[0], "name": r[1], "type": r[2], "n": n[r[0]]} for r in sp]
    return sorted(out, key=lambda d: (-d["n"], d["name"]))[:top]


# --------------------------------------------------------------------------- voice share


def voice(db: str | Path | Store | None, *, period: str | None = None, outlet: str | None = None) -> list[dict[str, Any]]:
    """The voice share (:mod:`quidixit.voice`) pooled per outlet, and per period when ``period``
    is "year", "month" or "day" (from the publication date; "(undated)" when it cannot be read).

    One row per outlet (and period), then ``outlet="(all)"`` (per period too): ``outlet``,
    ``period`` (None without ``period``) and the keys of :meth:`VoiceShare.to_dict`
    (``articles``, ``chars``, ``attributed``, ``verbatim``, ``paraphrase``, ``own``,
    ``kinds``: shares of the counted characters)."""
    from .voice import PERIODS, period_of, pooled, voice_share

    if period is not None and period not in PERIODS:
        raise UsageError(Errors.QX401.format(message=f"Unknown period {period!r}; use one of {', '.join(PERIODS)}."))
    groups: dict[tuple[str, str | None], list] = {}
    for an in analyses(db):
        name = an.article.outlet or NO_OUTLET
        if outlet is not None and name.lower() != outlet.lower():
            continue
        when = period_of(an.article.published, period) if period else None
        share = voice_share(an)
        for key in ((name, when), ("(all)", when)):
            groups.setdefault(key, []).append(share)
    order = sorted(groups, key=lambda k: (k[0] == "(all)", k[0] == NO_OUTLET, k[0], k[1] == "(undated)", k[1] or ""))
    return [{"outlet": o, "period": p, **pooled(groups[(o, p)]).to_dict()} for o, p in order]


# --------------------------------------------------------------------------- export


def analyses(db: str | Path | Store | None) -> Iterator[Analysis]:
    """Every stored article with its statements, as :class:`Analysis` objects, in storage order."""
    with _Opened(db) as conn:
        cur = conn.execute(
            "SELECT a.*, o.name AS outlet FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id ORDER BY a.rowid")
        for a in cur:
            sts = conn.execute("SELECT * FROM statements WHERE article_id = ? ORDER BY idx", (a["id"],))
            yield analysis_from_rows(dict(a), [dict(r) for r in sts])


def statement_records(db: str | Path | Store | None) -> Iterator[dict[str, Any]]:
    """Flat statement rows (``EXPORT_COLUMNS``) joined with their speaker and article."""
    cols = ", ".join(f"s.{c}" for c in STATEMENT_COLUMNS)
    with _Opened(db) as conn:
        for r in conn.execute(
            f"SELECT {cols}, s.speaker_id, sp.name AS speaker, o.name AS outlet, a.published, a.title, a.url, a.source, "
            "cs.claim_id FROM statements s JOIN articles a ON a.id = s.article_id LEFT JOIN outlets o ON o.id = a.outlet_id "
            "LEFT JOIN speakers sp ON sp.id = s.speaker_id LEFT JOIN claim_statements cs ON cs.statement_id = s.id "
            "ORDER BY a.rowid, s.idx"
        ):
            yield dict(r)


def export(db: str | Path | Store | None, path: str | Path, format: str = "jsonl", *, with_text: bool = True,
           parts: bool = False) -> int:
    """Write the store to ``path`` ("-" for stdout, except for parquet and brat). Returns how many records were written.

    ``jsonl``: one interchange JSON object per article (its text included unless
    ``with_text=False``); ``csv`` and ``parquet``: one row per statement, columns
    ``EXPORT_COLUMNS``; ``webannotation``, ``claimreview``, ``labelstudio``, ``brat``:
    the formats of :mod:`quidixit.export` (``parts``: Web Annotations of cues and
    speaker mentions too).
    """
    if format not in EXPORT_FORMATS:
        raise UsageError(Errors.QX306.format(format=format, reason=f"use one of {', '.join(EXPORT_FORMATS)}"))
    from . import export as formats

    if format in formats.FORMATS:
        with _Opened(db):  # a missing store is QX303 before any file is written
            pass
        return formats.write(analyses(db), path, format, parts=parts)
    if format == "parquet":
        if str(path) == "-":
            raise UsageError(Errors.QX306.format(format=format, reason="Parquet cannot be written to standard output; pass -o FILE"))
        return _export_parquet(db, path)
    out = sys.stdout if str(path) == "-" else open(path, "w", encoding="utf-8", newline="")
    n = 0
    try:
        if format == "jsonl":
            for an in analyses(db):
                out.write(json.dumps(an.to_dict(with_text=with_text), ensure_ascii=False) + "\n")
                n += 1
        else:
            n = write_csv(out, statement_records(db), EXPORT_COLUMNS)  # cells safe for spreadsheets
    finally:
        if out is not sys.stdout:
            out.close()
    return n


def _export_parquet(db, path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise UsageError(Errors.QX306.format(format="parquet", reason="pyarrow is not installed; `pip install pyarrow`")) from err
    ints = {"idx", "content_start", "content_end", "cue_start", "cue_end", "speaker_start", "speaker_end"}
    schema = pa.schema([
        (c, pa.int64() if c in ints else pa.float64() if c == "confidence" else pa.string()) for c in EXPORT_COLUMNS
    ])
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        buf: list[dict] = []
        for rec in statement_records(db):
            buf.append(rec)
            if len(buf) >= 50_000:
                writer.write_table(pa.Table.from_pylist(buf, schema=schema))
                n += len(buf)
                buf.clear()
        if buf or n == 0:
            writer.write_table(pa.Table.from_pylist(buf, schema=schema))
            n += len(buf)
    return n


# --------------------------------------------------------------------------- claims

CLAIM_FORMATS = ("text", "jsonl", "csv", "parquet")
# one row per statement of a claim, for CSV and Parquet
CLAIM_COLUMNS = ("claim_id", "speaker", "speaker_id", "claim_text", "outlets", "articles", "since", "until",
                 "first_statement_id", "first_reason", "statement_id", "article_id", "outlet", "published", "kind",
                 "level", "text", "variant", "misquote")


def claims(
    db: str | Path | Store | None,
    *,
    speaker: str | None = None,
    min_outlets: int = 0,
    min_articles: int = 2,
    since: str | None = None,
    until: str | None = None,
    misquotes: bool = False,
    limit: int | None = None,
    rebuild: bool = False,
) -> list[dict[str, Any]]:
    """Claims: the same utterance of one speaker reported by several articles, most outlets first.

    Each is ``{"id", "speaker", "text", "outlets", "first": {"article_id", "outlet",
    "published", ...}, "statements": [{"statement_id", "article_id", "outlet",
    "published", "kind", "text", "variant", ...}], ...}`` (docs/claims.md).
    ``min_articles``: claims reported by at least that many articles (1: every statement's
    claim). ``since``/``until`` keep claims with a statement in that period (ISO prefixes,
    inclusive); ``misquotes`` only claims with a possible misquote; ``rebuild`` first
    recomputes every claim (after a store was written without ``datasketch``).
    """
    from . import claim_store

    if rebuild:
        store = db if isinstance(db, Store) else Store(db if db is not None else default_path(), create=False)
        try:
            store.rebuild_claims()
        finally:
            if store is not db:
                store.close()
    from .search import speaker_ids

    with _Opened(db) as conn:
        ids = None
        if speaker:
            ids = speaker_ids(conn, speaker)
            ids += ["name:" + speaker_key(speaker)]
        return claim_store.claims(conn, speaker_ids=ids, min_outlets=min_outlets, min_articles=min_articles,
                                  since=since, until=until, misquotes=misquotes, limit=limit)


def claim_rows(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Claims (as :func:`claims` gives them) as flat rows, one per statement: ``CLAIM_COLUMNS``."""
    for c in records:
        for s in c["statements"]:
            yield {
                "claim_id": c["id"], "speaker": c["speaker"], "speaker_id": c.get("speaker_id"), "claim_text": c["text"],
                "outlets": c["outlets"], "articles": c["articles"], "since": c["since"], "until": c["until"],
                "first_statement_id": c["first"]["statement_id"], "first_reason": c["first"]["reason"],
                **{k: s.get(k) for k in ("statement_id", "article_id", "outlet", "published", "kind", "level", "text")},
                "variant": bool(s["variant"]), "misquote": bool(s.get("misquote")),
            }


def export_claims(records: Iterable[dict[str, Any]], path: str | Path, format: str = "jsonl") -> int:
    """Write claims as JSONL (one claim a line), CSV or Parquet (one row per statement). Returns the records written."""
    if format not in ("jsonl", "csv", "parquet"):
        raise UsageError(Errors.QX306.format(format=format, reason="use jsonl, csv or parquet"))
    records = list(records)
    if format == "parquet":
        if str(path) == "-":
            raise UsageError(Errors.QX306.format(format=format, reason="Parquet cannot be written to standard output; pass -o FILE"))
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as err:
            raise UsageError(Errors.QX306.format(format="parquet", reason="pyarrow is not installed; `pip install pyarrow`")) from err
        ints, bools = {"outlets", "articles"}, {"variant", "misquote"}
        schema = pa.schema([(c, pa.int64() if c in ints else pa.bool_() if c in bools else pa.string()) for c in CLAIM_COLUMNS])
        rows = list(claim_rows(records))
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), str(path))
        return len(rows)
    out = sys.stdout if str(path) == "-" else open(path, "w", encoding="utf-8", newline="")
    try:
        if format == "jsonl":
            for c in records:
                out.write(json.dumps(c, ensure_ascii=False) + "\n")
            return len(records)
        return write_csv(out, claim_rows(records), CLAIM_COLUMNS)
    finally:
        if out is not sys.stdout:
            out.close()
