"""Shards: the pieces of a batch that worker processes read on their own.

A shard is a file (a text, an HTML page, an ARC file, a gzipped JSONL file)
or a slice of a larger file: of a WARC file, the records from one record start
to another (found by FastWARC); of a plain JSONL file, a byte range that starts
and ends on a line boundary, with the number of its first line, so that a
document's ``source`` (``path:line``) is the same whichever worker reads it.
:func:`plan_shards` is cheap (it walks the paths and, for a large JSONL file,
counts its lines once); :func:`read_shard` does the reading, cleaning and
language detection that :func:`~quidixit.read.read_sources` does for a whole
file, and gives the same items in the same order.

    >>> for shard in plan_shards(["news/", "big.jsonl"]):
    ...     items = list(read_shard(shard))
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import BinaryIO, Iterable, Iterator

from ..model import Article, Failure, Skipped
from ._common import DEFAULT_MAX_CHARS, ReadStats

__all__ = ["Shard", "plan_shards", "read_shard", "SLICE_BYTES", "MIN_SLICE_BYTES", "SLICES_PER_WORKER"]

SLICE_BYTES = 256 << 10  # a slice: 256 KiB, some 80 JSONL articles or a few WARC pages
MIN_SLICE_BYTES = 16 << 10  # a smaller file is one shard: a dozen WARC pages, a few JSONL articles
SLICES_PER_WORKER = 4  # a file of a few MB is cut so that each worker has this many slices of it
_SCAN = 1 << 20


@dataclass(frozen=True)
class Shard:
    """A file, or the lines of a plain JSONL file from byte ``start`` to ``end``."""

    path: str
    start: int = 0
    end: int | None = None  # None: the whole file
    first_line: int = 1  # of a JSONL slice
    format: str | None = None  # of a slice: "jsonl" or "warc"


def plan_shards(
    sources: Iterable[str | os.PathLike[str]],
    *,
    format: str | None = None,
    stats: ReadStats | None = None,
    slice_bytes: int = SLICE_BYTES,
    workers: int = 1,
) -> Iterator[Shard | Failure]:
    """The shards of ``sources`` (files and folders, walked as
    :func:`~quidixit.read.read_sources` walks them), in reading order; a missing
    path is its Failure. WARC and plain JSONL files are cut into slices of at most
    ``slice_bytes``, and smaller ones when that gives fewer than
    :data:`SLICES_PER_WORKER` per worker (down to :data:`MIN_SLICE_BYTES`): a WARC of a
    hundred pages is then several shards, not one that a single worker reads while the
    others wait."""
    from . import HEAD_BYTES, _expand, detect_format
    from .warc import is_arc

    stats = stats if stats is not None else ReadStats()
    for source in sources:
        for path in _expand(source, stats):
            if isinstance(path, Failure) or path == "-":
                yield path if isinstance(path, Failure) else Shard(path)
                continue
            try:
                size = os.path.getsize(path)
                with open(path, "rb") as f:
                    head = f.read(HEAD_BYTES)
                    fmt = format or detect_format(path, head)
                    cut = _slice_size(size, slice_bytes, workers)
                    if size > cut and fmt == "warc" and not is_arc(head):
                        yield from _warc_slices(f, path, cut)
                    elif size > cut and fmt == "jsonl" and not head.startswith(b"\x1f\x8b"):
                        yield from _slices(f, path, size, cut)
                    else:
                        yield Shard(path)
            except OSError:
                yield Shard(path)  # the worker reports why it cannot be read


def _slice_size(size: int, slice_bytes: int, workers: int) -> int:
    """At most ``slice_bytes``; less for a file that would give a worker fewer than
    SLICES_PER_WORKER slices, never under MIN_SLICE_BYTES (nor over ``slice_bytes``)."""
    if workers <= 1:
        return slice_bytes
    return min(slice_bytes, max(MIN_SLICE_BYTES, size // (SLICES_PER_WORKER * workers)))


def _slices(f: BinaryIO, path: str, size: int, slice_bytes: int) -> Iterator[Shard]:
    """Cut at the first line end after each ``slice_bytes``, counting lines on the way."""
    f.seek(0)
    start, first_line = 0, 1
    pos, lines = 0, 0  # bytes and line ends read so far
    while True:
        chunk = f.read(_SCAN)
        if not chunk:
            break
        at = 0
        while True:
            want = start + slice_bytes - pos  # where in this chunk the slice may end, at the earliest
            if want >= len(chunk):
                break
            nl = chunk.find(b"\n", max(want, at))
            if nl < 0:
                break
            lines_before = lines + chunk.count(b"\n", 0, nl + 1)
            end = pos + nl + 1
            yield Shard(path, start, end, first_line)
            start, first_line = end, 1 + lines_before
            lines, pos, chunk, at = lines_before, end, chunk[nl + 1 :], 0
        lines += chunk.count(b"\n")
        pos += len(chunk)
    if start < size:
        yield Shard(path, start, size, first_line)


def _warc_slices(f: BinaryIO, path: str, slice_bytes: int) -> Iterator[Shard]:
    """Cut at the first record start after each ``slice_bytes``; the last slice runs to
    the end of the file, broken records and all."""
    from .warc import record_starts

    start = 0
    for pos in record_starts(f):
        if pos - start >= slice_bytes:
            yield Shard(path, start, pos, format="warc")
            start = pos
    yield Shard(path, start, os.path.getsize(path) + 1, format="warc")


class _Range:
    """The lines of a file from ``start`` to ``end`` (a line boundary), read in a bounded way."""

    def __init__(self, f: BinaryIO, start: int, end: int):
        self._f, self._end = f, end
        f.seek(start)

    def readline(self, size: int = -1) -> bytes:
        left = self._end - self._f.tell()
        if left <= 0:
            return b""
        return self._f.readline(left if size < 0 else min(size, left))


def read_shard(
    shard: Shard,
    *,
    format: str | None = None,
    languages: Iterable[str] | None = ("fr",),
    detect_language: bool = True,
    max_chars: int = DEFAULT_MAX_CHARS,
    stats: ReadStats | None = None,
) -> Iterator[Article | Failure | Skipped]:
    """The items of one shard, as :func:`~quidixit.read.read_sources` gives them."""
    from . import _finished, read_sources
    from .jsonl import read_jsonl
    from .language import normalize_language

    stats = stats if stats is not None else ReadStats()
    if shard.end is None:
        yield from read_sources([shard.path], format=format, languages=languages, detect_language=detect_language,
                                max_chars=max_chars, stats=stats)
        return
    from .warc import read_warc

    wanted = None if languages is None else {normalize_language(x) for x in languages}
    fmt = shard.format or "jsonl"
    if shard.start == 0:
        stats.files += 1
        stats.formats[fmt] += 1
    with open(shard.path, "rb") as f:
        if fmt == "warc":
            items = read_warc(f, shard.path, max_chars=max_chars, stats=stats, start=shard.start, end=shard.end)
        else:
            lines = _Range(f, shard.start, shard.end)
            items = read_jsonl(lines, shard.path, max_chars=max_chars, first_line=shard.first_line)  # type: ignore[arg-type]
        yield from _finished(items, shard.path, wanted, detect_language, stats)
