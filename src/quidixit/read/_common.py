"""Helpers shared by the readers: limits, checks and the read counters."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Iterable, Iterator

from ..errors import Errors
from ..model import Failure

__all__ = ["DEFAULT_MAX_CHARS", "ReadStats", "byte_limit", "line_byte_limit", "read_bounded", "bounded_lines", "check_text", "check_strings", "failure", "surrogate_problem"]

DEFAULT_MAX_CHARS = 1_000_000

_CHUNK = 1 << 20  # what bounded reading holds at once while it skips past a limit


def byte_limit(max_chars: int) -> int:
    """The most bytes a document of ``max_chars`` characters can take: 4 bytes a character
    in UTF-8, plus a byte-order mark."""
    return 4 * max_chars + 3


def line_byte_limit(max_chars: int) -> int:
    """The most bytes a JSONL line holding a text of ``max_chars`` characters can take:
    6 bytes a character (a ``\\uXXXX`` escape), plus 64 KiB for the other fields."""
    return 6 * max_chars + (64 << 10)


def read_bounded(stream: BinaryIO, limit: int) -> bytes | None:
    """All of ``stream`` when it holds at most ``limit`` bytes, else None, having read
    (and, for a gzip stream, decompressed) only ``limit + 1`` bytes of it."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def bounded_lines(lines: BinaryIO | Iterable[bytes], limit: int) -> Iterator[bytes | None]:
    """The lines of a binary stream, each at most ``limit`` bytes; a longer line gives
    None and is skipped in chunks (never held whole in memory). An iterable of byte
    strings (already in memory) passes through as it is."""
    readline = getattr(lines, "readline", None)
    if readline is None:
        yield from lines  # type: ignore[misc]
        return
    while True:
        line = readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while True:  # skip the rest of the long line
            rest = readline(_CHUNK)
            if not rest or rest.endswith(b"\n"):
                break
        yield None


def failure(source: str, message: str) -> Failure:
    """A read-stage :class:`Failure` whose code is taken from the coded message."""
    code = message[1:6] if message.startswith("[QX") else None
    return Failure(source=source, message=message, stage="read", code=code)


_SURROGATE = re.compile("[\ud800-\udfff]")


def surrogate_problem(value: str, source: str, field: str = "text") -> str | None:
    """The QX113 message when ``value`` holds a lone surrogate (``"\\ud800"`` from a JSON
    escape, or a file name decoded with ``surrogateescape``), else None. Such a string
    cannot be encoded as UTF-8: not hashed into an id, not stored, not written out."""
    m = _SURROGATE.search(value)
    if m is None:
        return None
    return Errors.QX113.format(path=source, field=field, codepoint=ord(m.group()), pos=m.start())


def check_text(text: str, source: str, max_chars: int) -> Failure | None:
    """QX104 for an empty or blank text, QX107 for one over ``max_chars``, QX113 for one
    with a lone surrogate; else None."""
    if not text.strip():
        return failure(source, Errors.QX104.format(path=source))
    if len(text) > max_chars:
        return failure(source, Errors.QX107.format(path=source, size=len(text), limit=max_chars))
    problem = surrogate_problem(text, source)
    return failure(source, problem) if problem else None


def check_strings(value: Any, source: str, field: str = "text") -> Failure | None:
    """QX113 when any string in ``value`` (a JSON value: keys, nested lists and objects
    included) holds a lone surrogate; ``field`` names the top-level key in the message."""
    if isinstance(value, str):
        problem = surrogate_problem(value, source, field)
        return failure(source, problem) if problem else None
    if isinstance(value, dict):
        for k, v in value.items():
            found = check_strings(k, source, f"{field} (a key)") or check_strings(v, source, field)
            if found:
                return found
    elif isinstance(value, list):
        for v in value:
            found = check_strings(v, source, field)
            if found:
                return found
    return None


@dataclass(slots=True)
class ReadStats:
    """Counters filled in while reading, so that nothing is lost without a trace.

    Pass one to :func:`quidixit.read.read_sources` (or to a reader) and read it
    when the iterator is exhausted. ``records`` counts WARC/ARC records that did
    not become articles, by reason: ``"warcinfo"``, ``"request"``, ... (other
    record types), ``"not-http"``, ``"status"`` (HTTP status other than 200),
    ``"not-html"``. ``warnings["date"]`` counts articles whose date could not be
    read (``published`` is then None, the raw string in ``meta["published_raw"]``);
    ``left_out["not-an-article"]`` the README, LICENSE, ATTRIBUTION… files of a
    folder. Unlike the data model, this is a mutable accumulator.
    """

    files: int = 0
    articles: int = 0
    failures: Counter = field(default_factory=Counter)  # by error code
    skipped: Counter = field(default_factory=Counter)  # by Skipped.reason
    records: Counter = field(default_factory=Counter)  # WARC/ARC records left out, by reason
    formats: Counter = field(default_factory=Counter)  # files read, by format
    warnings: Counter = field(default_factory=Counter)  # articles read with a problem, by kind ("date")
    left_out: Counter = field(default_factory=Counter)  # files of a folder not read as articles, by reason

    def merge(self, other: "ReadStats") -> None:
        """Add ``other``'s counts to these (what a worker counted while reading a shard)."""
        self.files += other.files
        self.articles += other.articles
        for name in ("failures", "skipped", "records", "formats", "warnings", "left_out"):
            getattr(self, name).update(getattr(other, name))

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "articles": self.articles,
            "failures": dict(self.failures),
            "skipped": dict(self.skipped),
            "records": dict(self.records),
            "formats": dict(self.formats),
            "warnings": dict(self.warnings),
            "left_out": dict(self.left_out),
        }
