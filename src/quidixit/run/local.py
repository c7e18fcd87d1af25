"""Run the extraction over many articles on one machine, in worker processes.

Each worker loads the spaCy model once and analyses chunks of articles with
``nlp.pipe``; results come back in input order to the one caller (the single
writer, when storing). A bad document comes back as a Failure; the batch goes on.

:func:`run` analyses articles read by the caller; :func:`run_shards` hands each
worker a shard (:mod:`quidixit.read.shards`: a file, a WARC, a slice of a JSONL
file) to read, clean, detect the language of and analyse, datatrove style, so
that reading runs in parallel too.

A document whose analysis raises is a QX150 Failure, one that runs past
``time_limit`` seconds a QX151 Failure: a chunk that fails or overruns (the
limit applies to the whole chunk first) is redone one document at a time, each
under the limit, so only the culprit is lost. The limit is a ``SIGALRM`` timer:
it applies in worker processes and, with ``workers=1``, when called from the
main thread (elsewhere, or without ``setitimer``, there is none).

A worker process that dies (killed, out of memory, a crash in native code)
breaks the pool; every chunk then in flight is run again, alone in a new pool,
so that the one that kills its worker again is known; that one is split (a
shard into its documents, a chunk into its articles), each run alone again,
and only a document that still kills its worker is lost: a QX152 Failure (a
shard that kills its worker while only being read is one QX153 Failure).

The spaCy model is loaded when a worker first has an article to analyse, not
when it starts: a worker that only reads documents in other languages never
loads it. Where the platform has it, workers are forked from a ``forkserver``
that has imported spaCy and the language's tokenizer data once, so that each
worker does not import them again (about 3 s each for French). A script that runs
several workers needs the ``if __name__ == "__main__":`` guard (the workers import
the main module), and the forkserver, started once per process, keeps the
environment and code of its start (see docs/store.md).
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import multiprocessing as mp
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from ..errors import Errors
from ..model import Analysis, Article, Failure, Skipped

__all__ = ["run", "run_shards", "ShardDone", "chunked", "map_chunks", "warm_up", "DEFAULT_TIME_LIMIT"]

DEFAULT_TIME_LIMIT = 300.0  # seconds per document: a legal 1M-character article takes well under a minute

_settings: dict = {}


def chunked(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _init(settings: dict) -> None:
    _settings.update(settings)


def _ensure_model(articles: list[Article]) -> None:
    """Load the models this chunk needs once per process, outside any time limit: a missing
    model is a SetupError for the whole run, not a per-document failure."""
    from ..pipeline import article_language, load, model_for

    forced = _settings["lang"]
    for lang in sorted({article_language(a, forced) for a in articles}):
        load(lang, model_for(lang, _settings["model"], forced), _settings["keep_boilerplate"])


def _analyze(articles: list[Article]) -> list[Analysis | Failure]:
    from ..pipeline import analyze_many

    return list(
        analyze_many(
            articles,
            lang=_settings["lang"],  # None: each article in its own language
            model=_settings["model"],
            keep_boilerplate=_settings["keep_boilerplate"],
            batch_size=_settings["batch_size"],
        )
    )


class _Overtime(BaseException):
    """Raised by the timer; a BaseException, so that no ``except Exception`` on the way swallows it."""


@contextlib.contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise _Overtime in this block after ``seconds`` (None or 0: no limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not seconds or not usable:
        yield
        return

    def overtime(signum, frame):
        raise _Overtime()

    previous = signal.signal(signal.SIGALRM, overtime)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _work(chunk: list) -> list:
    todo = [a for a in chunk if isinstance(a, Article)]
    if not todo:
        return list(chunk)
    _ensure_model(todo)
    limit = _settings.get("time_limit")
    try:
        with _deadline(limit):  # the whole chunk first: usually far below one document's limit
            results = _analyze(todo)
    except (Exception, _Overtime):  # a document broke or stalled the chunk: redo them one by one
        results = [_analyze_alone(a, limit) for a in todo]
    done = iter(results)
    # Articles are analysed, anything else (Failure, Skipped from a reader) passes through in place.
    return [next(done) if isinstance(a, Article) else a for a in chunk]


def _analyze_alone(article: Article, limit: float | None) -> Analysis | Failure:
    """One article under the time limit; an exception is its QX150 Failure, overtime its
    QX151 Failure: the others go on."""
    a = article.with_id()
    src = a.source or a.id or "?"
    try:
        with _deadline(limit):
            return _analyze([article])[0]
    except _Overtime:
        return Failure(src, Errors.QX151.format(source=src, limit=limit), "extract", a.id, "QX151")
    except Exception as err:
        message = Errors.QX150.format(reason=f"{type(err).__name__}: {err}")
        return Failure(src, message, "extract", a.id, "QX150")


def run(
    articles: Iterable[Article | Failure | Skipped],
    *,
    workers: int = 1,
    lang: str | None = "fr",
    model: str | None = None,
    keep_boilerplate: bool = False,
    batch_size: int = 16,
    chunk_size: int = 32,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> Iterator[Analysis | Failure | Skipped]:
    """Analyse ``articles`` with ``workers`` processes; yields results in input order.

    With ``workers=1`` everything runs in this process. ``lang`` forces one language for
    every article; ``lang=None`` routes each to its own (:func:`quidixit.pipeline.article_language`). Failures
    and Skipped records from the readers pass through unchanged, in place. A document that
    takes more than ``time_limit`` seconds (None or 0: no limit) is stopped and
    comes back as a QX151 Failure.
    """
    settings = {"lang": lang, "model": model, "keep_boilerplate": keep_boilerplate, "batch_size": batch_size,
                "time_limit": time_limit}
    yield from map_chunks(_work, _init, settings, articles, workers=workers, chunk_size=chunk_size, lost=_lost,
                          preload=_preload(lang))


def map_chunks(work: Callable[[list], list], init: Callable[[dict], None], settings: dict, items: Iterable, *,
               workers: int, chunk_size: int, lost: Callable[..., list] | None = None,
               preload: Iterable[str] = ()) -> Iterator:
    """``work`` over chunks of ``items``, results flattened in input order: in this process
    (``workers <= 1``, after ``init(settings)``) or in a pool of worker processes, each
    started with ``init(settings)``. ``work`` and ``init`` must be importable functions;
    ``preload`` names modules the forkserver imports once for all workers.

    With a pool, at most ``2 * workers`` chunks are in flight (``items`` is read as the
    workers go, never ahead of them). When a worker process dies (killed, out of memory,
    a crash in native code), it raises ``BrokenProcessPool`` when ``lost`` is None.
    Otherwise every chunk then in flight is run again, one at a time and alone in a new
    pool, in input order; a chunk that kills its worker again gives ``lost(chunk, reason,
    alone)`` in its place, where ``alone(chunk, fn=work)`` runs ``fn`` over one more chunk
    by itself in the pool and raises ``BrokenProcessPool`` when that kills its worker too
    (so that ``lost`` can split the chunk and keep all but the culprit)."""
    if workers <= 1:
        init(settings)
        for chunk in chunked(items, chunk_size):
            yield from work(chunk)
        return
    chunks = chunked(items, chunk_size)
    pending: collections.deque = collections.deque()  # (chunk, future), in input order
    pool = _Pool(workers, init, settings, tuple(preload))
    try:
        while True:
            while len(pending) < 2 * workers and (chunk := next(chunks, None)) is not None:
                try:
                    future = pool.submit(work, chunk)
                except BrokenProcessPool:  # a worker died since the last result: run it again below
                    future = None
                pending.append((chunk, future))
                if future is None:
                    break
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                if future is None:
                    raise BrokenProcessPool("a worker process died")
                results = future.result()
            except BrokenProcessPool as err:
                if lost is None:
                    raise
                # which chunk killed its worker is unknown: each one in flight again, alone
                # (those whose results had come back keep them)
                suspects = [(chunk, None), *pending]
                pending.clear()
                pool.restart()
                for suspect, done in suspects:
                    try:
                        if done is not None and done.done() and not done.cancelled() and done.exception() is None:
                            out = done.result()
                        else:
                            out = pool.alone(suspect, work)
                    except BrokenProcessPool as again:
                        out = lost(suspect, str(again) or str(err) or type(err).__name__,
                                   lambda c, fn=work: pool.alone(c, fn))
                    yield from out
                continue
            yield from results
    finally:
        pool.close()


class _Pool:
    """A ProcessPoolExecutor that can be started again after a worker died."""

    def __init__(self, workers: int, init: Callable[[dict], None], settings: dict, preload: tuple[str, ...] = ()):
        self._args = (workers, init, settings, preload)
        self._executor = _executor(*self._args)

    def submit(self, fn: Callable, arg: Any):
        return self._executor.submit(fn, arg)

    def alone(self, arg: Any, fn: Callable) -> list:
        """``fn(arg)`` in a worker, nothing else in flight; after BrokenProcessPool the
        pool is started again before the error is raised."""
        try:
            return self._executor.submit(fn, arg).result()
        except BrokenProcessPool:
            self.restart()
            raise

    def restart(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = _executor(*self._args)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _executor(workers: int, init: Callable[[dict], None], settings: dict, preload: tuple[str, ...]) -> ProcessPoolExecutor:
    """Workers forked from a forkserver (which imports ``preload`` once) where the platform
    has one, else spawned; never forked from this process, which holds the store's
    connection and threads."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        if preload:
            ctx.set_forkserver_preload(list(preload))  # used when the forkserver starts (once per process)
    else:
        ctx = mp.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=ctx, initializer=init, initargs=(settings,))


def warm_up(lang: str | None = "fr") -> None:
    """Start the forkserver now, so that it imports spaCy and the language's data while the
    caller does its own setting up (opening a store); nothing where workers are spawned."""
    if "forkserver" in mp.get_all_start_methods():
        from multiprocessing import forkserver

        mp.get_context("forkserver").set_forkserver_preload(list(_preload(lang)))
        forkserver.ensure_running()


def _preload(lang: str | None) -> tuple[str, ...]:
    """What every worker of a run in ``lang`` imports: spaCy, quidixit's pipeline and the
    language's tokenizer data (building its exception regex takes seconds); every supported
    language's when the run routes each article to its own (``lang=None``)."""
    from ..languages import SUPPORTED_LANGUAGES

    return ("quidixit.pipeline", *(f"spacy.lang.{x}" for x in ([lang] if lang else SUPPORTED_LANGUAGES)))


def _lost(chunk: list, reason: str, alone: Callable[..., list] | None = None) -> list:
    """The chunk that killed its worker twice: each article alone again when there is more
    than one (with ``alone``); one that kills its worker alone is a QX152 Failure, the
    rest as it was."""
    articles = [a for a in chunk if isinstance(a, Article)]
    out = []
    for a in chunk:
        if isinstance(a, Article):
            if alone is not None and len(articles) > 1:
                try:
                    out += alone([a])
                    continue
                except BrokenProcessPool as err:
                    reason = str(err) or reason
            a = a.with_id()
            src = a.source or a.id or "?"
            a = Failure(src, Errors.QX152.format(source=src, reason=reason), "extract", a.id, "QX152")
        out.append(a)
    return out


# -- shards: reading in the workers ---------------------------------------------


@dataclass(frozen=True)
class ShardDone:
    """Comes after the results of a shard: documents read, those left out as already
    stored (not analysed, not in the results), and what reading counted."""

    shard: Any  # quidixit.read.shards.Shard or the Failure of a path that is not there
    read: int = 0
    present: int = 0
    stats: Any = field(default=None)  # quidixit.read.ReadStats


def run_shards(
    shards: Iterable,
    *,
    workers: int = 1,
    store: str | None = None,
    format: str | None = None,
    languages: Iterable[str] | None = ("fr",),
    detect_language: bool = True,
    lang: str | None = "fr",
    model: str | None = None,
    keep_boilerplate: bool = False,
    batch_size: int = 16,
    chunk_size: int = 32,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> Iterator[Analysis | Failure | Skipped | ShardDone]:
    """Read and analyse ``shards`` (from :func:`quidixit.read.shards.plan_shards`) with
    ``workers`` processes, each worker a shard at a time; yields, in shard order, each
    shard's results then its :class:`ShardDone`. With ``store`` (a path), articles it
    already holds are left out before analysis (read through a read-only connection of
    the worker's own: the caller stays the single writer). A shard whose worker dies is
    read and analysed again alone; if it kills its worker again, it is read again without
    analysis and each of its articles analysed alone, so that only an article that
    still kills its worker is lost (QX152); a shard that kills its worker while only
    being read is one QX153 Failure. The run goes on."""
    settings = {"lang": lang, "model": model, "keep_boilerplate": keep_boilerplate, "batch_size": batch_size,
                "time_limit": time_limit, "store": store, "format": format,
                "languages": None if languages is None else tuple(languages), "detect_language": detect_language,
                "chunk_size": chunk_size}
    yield from map_chunks(_work_shards, _init, settings, shards, workers=workers, chunk_size=1, lost=_lost_shards,
                          preload=_preload(lang))


def _work_shards(shards: list, analyse: bool = True) -> list:
    """Each shard read, cleaned, its language detected and (``analyse``) its articles
    analysed, then its ShardDone."""
    from ..read import ReadStats
    from ..read.shards import read_shard

    out: list = []
    for shard in shards:
        if isinstance(shard, Failure):  # a path that is not there
            out += [shard, ShardDone(shard, read=1, stats=ReadStats())]
            continue
        stats = ReadStats()
        counts = {"read": 0, "present": 0}
        items = read_shard(shard, format=_settings["format"], languages=_settings["languages"],
                           detect_language=_settings["detect_language"], stats=stats)
        reader = None
        if _settings.get("store"):
            from ..corpus import unseen
            from ..store import connect

            reader = connect(_settings["store"])
            items = unseen(items, reader, counts)
        else:
            items = _counted(items, counts)
        try:
            for chunk in chunked(items, _settings["chunk_size"]):
                out += _work(chunk) if analyse else chunk
        finally:
            if reader is not None:
                reader.close()
        out.append(ShardDone(shard, counts["read"], counts["present"], stats))
    return out


def _read_shards(shards: list) -> list:
    """What :func:`_work_shards` gives, the articles not analysed."""
    return _work_shards(shards, analyse=False)


def _counted(items: Iterable, counts: dict) -> Iterator:
    for item in items:
        counts["read"] += 1
        yield item


def _lost_shards(shards: list, reason: str, alone: Callable[..., list]) -> list:
    """The shard that killed its worker twice: read again alone without analysis, then
    each of its articles analysed alone (one that kills its worker is QX152); a shard
    that kills its worker while only being read is one QX153 Failure."""
    out: list = []
    for shard in shards:
        try:
            items = alone([shard], _read_shards)
        except BrokenProcessPool as err:
            where = shard.source if isinstance(shard, Failure) else shard.path
            if getattr(shard, "end", None) is not None:
                where = f"{where}:{shard.first_line}"
            reason = str(err) or reason
            out += [Failure(where, Errors.QX153.format(source=where, reason=reason), "extract", None, "QX153"),
                    ShardDone(shard, read=1)]
            continue
        for item in items:
            if not isinstance(item, Article):
                out.append(item)
                continue
            try:
                out += alone([item], _work)
            except BrokenProcessPool as err:
                out += _lost([item], str(err) or reason)
    return out
