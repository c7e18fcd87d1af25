"""Helpers shared by the readers: limits, checks and the read counters."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import Errors
from ..model import Failure

__all__ = ["DEFAULT_MAX_CHARS", "ReadStats", "check_text", "failure"]

DEFAULT_MAX_CHARS = 1_000_000


def failure(source: str, message: str) -> Failure:
    """A read-stage :class:`Failure` whose code is taken from the coded message."""
    code = message[1:6] if message.startswith("[QX") else None
    return Failure(source=source, message=message, stage="read", code=code)


def check_text(text: str, source: str, max_chars: int) -> Failure | None:
    """QX104 for an empty or blank text, QX107 for one over ``max_chars``; else None."""
    if not text.strip():
        return failure(source, Errors.QX104.format(path=source))
    if len(text) > max_chars:
        return failure(source, Errors.QX107.format(path=source, size=len(text), limit=max_chars))
    return None


@dataclass(slots=True)
class ReadStats:
    """Counters filled in while reading, so that nothing is lost without a trace.

    Pass one to :func:`quidixit.read.read_sources` (or to a reader) and read it
    when the iterator is exhausted. ``records`` counts WARC/ARC records that did
    not become articles, by reason: ``"warcinfo"``, ``"request"``, ... (other
    record types), ``"not-http"``, ``"status"`` (HTTP status other than 200),
    ``"not-html"``. Unlike the data model, this is a mutable accumulator.
    """

    files: int = 0
    articles: int = 0
    failures: Counter = field(default_factory=Counter)  # by error code
    skipped: Counter = field(default_factory=Counter)  # by Skipped.reason
    records: Counter = field(default_factory=Counter)  # WARC/ARC records left out, by reason
    formats: Counter = field(default_factory=Counter)  # files read, by format

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "articles": self.articles,
            "failures": dict(self.failures),
            "skipped": dict(self.skipped),
            "records": dict(self.records),
            "formats": dict(self.formats),
        }
