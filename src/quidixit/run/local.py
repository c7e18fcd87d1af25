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

__all__ = ["run", "run_shards", "ShardDone", "chunked", "map_chunks", "DEFAULT_TIME_LIMIT"]

DEFAULT_TIME_LIMIT = 300.0  # seconds per document: a legal 1M-character article takes well under a minute

_settings: dict = {}


def chunked(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _init(settings: dict) -> None:
    from ..pipeline import load

    _settings.update(settings)
    load(settings["lang"], settings["model"], settings["keep_boilerplate"])


def _analyze(articles: list[Article]) -> list[Analysis | Failure]:
    from ..pipeline import analyze_many

    return list(
        analyze_many(
            articles,
            lang=_settings["lang"],
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
    lang: str = "fr",
    model: str | None = None,
    keep_boilerplate: bool = False,
    batch_size: int = 16,
    chunk_size: int = 32,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> Iterator[Analysis | Failure | Skipped]:
    """Analyse ``articles`` with ``workers`` processes; yields results in input order.

    With ``workers=1`` everything runs in this process. Failures and Skipped
    records from the readers pass through unchanged, in place. A document that
    takes more than ``time_limit`` seconds (None or 0: no limit) is stopped and
    comes back as a QX151 Failure.
    """
    settings = {"lang": lang, "model": model, "keep_boilerplate": keep_boilerplate, "batch_size": batch_size,
                "time_limit": time_limit}
    yield from map_chunks(_work, _init, settings, articles, workers=workers, chunk_size=chunk_size, lost=_lost)


def map_chunks(work: Callable[[list], list], init: Callable[[dict], None], settings: dict, items: Iterable, *,
               workers: int, chunk_size: int, lost: Callable[[list, str], list] | None = None) -> Iterator:
    """``work`` over chunks of ``items``, results flattened in input order: in this process
    (``workers <= 1``, after ``init(settings)``) or in a pool of spawned processes, each
    started with ``init(settings)``. ``work`` and ``init`` must be importable functions.

    With a pool, at most ``2 * workers`` chunks are in flight (``items`` is read as the
    workers go, never ahead of them). When a worker process dies (killed, out of memory,
    a crash in native code), the chunk at the head of the queue gives ``lost(chunk,
    reason)`` in its place, or raises ``BrokenProcessPool`` when ``lost`` is None; the
    other chunks in flight are sent again to a new pool."""
    if workers <= 1:
        init(settings)
        for chunk in chunked(items, chunk_size):
            yield from work(chunk)
        return
    chunks = chunked(items, chunk_size)
    pending: collections.deque = collections.deque()  # (chunk, future), in input order
    pool = _pool(workers, init, settings)
    try:
        while True:
            while len(pending) < 2 * workers and (chunk := next(chunks, None)) is not None:
                pending.append((chunk, pool.submit(work, chunk)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool as err:
                if lost is None:
                    raise
                pool.shutdown(wait=True, cancel_futures=True)
                pool = _pool(workers, init, settings)
                pending = collections.deque((c, pool.submit(work, c)) for c, _ in pending)
                results = lost(chunk, str(err) or type(err).__name__)
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pool(workers: int, init: Callable[[dict], None], settings: dict) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"), initializer=init, initargs=(settings,))


def _lost(chunk: list, reason: str) -> list:
    """The chunk a dead worker was analysing: each article a QX152 Failure, the rest as it was."""
    out = []
    for a in chunk:
        if isinstance(a, Article):
            a = a.with_id()
            src = a.source or a.id or "?"
            a = Failure(src, Errors.QX152.format(source=src, reason=reason, n=len(chunk)), "extract", a.id, "QX152")
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
    lang: str = "fr",
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
    the worker's own: the caller stays the single writer). A worker that dies loses
    its shard: one QX153 Failure in its place, the run goes on."""
    settings = {"lang": lang, "model": model, "keep_boilerplate": keep_boilerplate, "batch_size": batch_size,
                "time_limit": time_limit, "store": store, "format": format,
                "languages": None if languages is None else tuple(languages), "detect_language": detect_language,
                "chunk_size": chunk_size}
    yield from map_chunks(_work_shards, _init, settings, shards, workers=workers, chunk_size=1, lost=_lost_shards)


def _work_shards(shards: list) -> list:
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
                out += _work(chunk)
        finally:
            if reader is not None:
                reader.close()
        out.append(ShardDone(shard, counts["read"], counts["present"], stats))
    return out


def _counted(items: Iterable, counts: dict) -> Iterator:
    for item in items:
        counts["read"] += 1
        yield item


def _lost_shards(shards: list, reason: str) -> list:
    """The shard a dead worker was reading: one QX153 Failure for it."""
    out: list = []
    for shard in shards:
        where = shard.source if isinstance(shard, Failure) else shard.path
        if getattr(shard, "end", None) is not None:
            where = f"{where}:{shard.first_line}"
        out += [Failure(where, Errors.QX153.format(source=where, reason=reason), "extract", None, "QX153"),
                ShardDone(shard, read=1)]
    return out
