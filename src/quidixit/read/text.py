"""Plain text files: one article per file.

The usual web-text layout: the first line is the title, the rest the body.
``Article.text`` is the whole file as decoded, title line included, so that
offsets index the file as given (a UTF-8 byte-order mark, an encoding mark and
not text, is the one thing dropped).
"""

from __future__ import annotations

from ..errors import Errors
from ..model import Article, Failure, article_id
from ._common import DEFAULT_MAX_CHARS, check_text, failure

__all__ = ["read_text", "title_of", "MAX_TITLE_CHARS"]

MAX_TITLE_CHARS = 300  # a longer first line is a paragraph, not a title

_BOM = b"\xef\xbb\xbf"


def read_text(data: bytes, source: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> Article | Failure:
    """Read one plain-text article from ``data`` (the file's bytes).

    Returns a :class:`Failure` with QX103 (NUL bytes: binary), QX102 (invalid
    UTF-8, with the byte position), QX104 (empty) or QX107 (over ``max_chars``).
    """
    if b"\x00" in data:
        return failure(source, Errors.QX103.format(path=source))
    start = len(_BOM) if data.startswith(_BOM) else 0
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError as e:
        return failure(source, Errors.QX102.format(path=source, pos=e.start + start, reason=e.reason))
    problem = check_text(text, source, max_chars)
    if problem:
        return problem
    return Article(text=text, id=article_id(text), title=title_of(text), source=source)


def title_of(text: str) -> str | None:
    """The first non-blank line, when more text follows it and it is short enough to be a title."""
    stripped = text.lstrip()
    first, sep, rest = stripped.partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first or len(first) > MAX_TITLE_CHARS:
        return None
    return first
