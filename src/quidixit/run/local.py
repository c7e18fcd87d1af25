"""Run the extraction over many articles on one machine, in worker processes.

Each worker loads the spaCy model once and analyses chunks of articles with
``nlp.pipe``; results come back in input order to the one caller (the single
writer, when storing). A bad document comes back as a Failure; the batch goes on.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
from typing import Callable, Iterable, Iterator

from ..errors import Errors
from ..model import Analysis, Article, Failure, Skipped

__all__ = ["run", "chunked"]

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


def _work(chunk: list) -> list:
    todo = [a for a in chunk if isinstance(a, Article)]
    try:
        results = _analyze(todo)
    except Exception:  # one document broke the batch (tokenizer, parser, ...): redo them one by one
        results = [_analyze_alone(a) for a in todo]
    done = iter(results)
    # Articles are analysed, anything else (Failure, Skipped from a reader) passes through in place.
    return [next(done) if isinstance(a, Article) else a for a in chunk]


def _analyze_alone(article: Article) -> Analysis | Failure:
    """One article, any exception turned into its QX150 Failure: the others go on."""
    try:
        return _analyze([article])[0]
    except Exception as err:
        a = article.with_id()
        message = Errors.QX150.format(reason=f"{type(err).__name__}: {err}")
        return Failure(a.source or a.id or "?", message, "extract", a.id, "QX150")


def run(
    articles: Iterable[Article | Failure | Skipped],
    *,
    workers: int = 1,
    lang: str = "fr",
    model: str | None = None,
    keep_boilerplate: bool = False,
    batch_size: int = 16,
    chunk_size: int = 32,
) -> Iterator[Analysis | Failure | Skipped]:
    """Analyse ``articles`` with ``workers`` processes; yields results in input order.

    With ``workers=1`` everything runs in this process. Failures and Skipped
    records from the readers pass through unchanged, in place.
    """
    settings = {"lang": lang, "model": model, "keep_boilerplate": keep_boilerplate, "batch_size": batch_size}
    yield from map_chunks(_work, _init, settings, articles, workers=workers, chunk_size=chunk_size)


def map_chunks(work: Callable[[list], list], init: Callable[[dict], None], settings: dict, items: Iterable, *,
               workers: int, chunk_size: int) -> Iterator:
    """``work`` over chunks of ``items``, results flattened in input order: in this process
    (``workers <= 1``, after ``init(settings)``) or in a pool of spawned processes, each
    started with ``init(settings)``. ``work`` and ``init`` must be importable functions."""
    if workers <= 1:
        init(settings)
        for chunk in chunked(items, chunk_size):
            yield from work(chunk)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=init, initargs=(settings,)) as pool:
        for results in pool.imap(work, chunked(items, chunk_size)):
            yield from results
