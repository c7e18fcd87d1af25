"""JSON lines: one article per line, ``{"text": ..., "id"?, "title"?, "url"?, ...}``.

A bad line gives a :class:`Failure` (QX105 invalid JSON, QX106 no ``text``,
QX113 a lone surrogate such as ``"\\ud800"`` in any string, QX107 over the size
limit) with ``path:line`` as its source, and reading goes on with the next line.
Lines are read in a bounded way: a line longer than the limit allows is
skipped as it streams by, never held whole in memory.
Blank lines are ignored. ``Article.id`` is always the stable
:func:`quidixit.model.article_id`; a line's own ``id`` is kept as
``meta["external_id"]``.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO, Iterable, Iterator

from ..errors import Errors
from ..model import Article, Failure, article_id
from ._common import DEFAULT_MAX_CHARS, bounded_lines, check_strings, check_text, failure, line_byte_limit

__all__ = ["read_jsonl", "article_from_object", "FIELDS"]

FIELDS = ("id", "text", "title", "url", "outlet", "published", "date", "language")


def read_jsonl(
    lines: BinaryIO | Iterable[bytes], source: str, *, max_chars: int = DEFAULT_MAX_CHARS, first_line: int = 1
) -> Iterator[Article | Failure]:
    """Read articles from a binary stream (or any iterable of byte lines); ``first_line``
    is the number of its first line in the file (a slice of a file starts further on)."""
    limit = line_byte_limit(max_chars)
    for number, raw in enumerate(bounded_lines(lines, limit), start=first_line):
        where = f"{source}:{number}"
        if raw is None:
            yield failure(where, Errors.QX115.format(path=where, limit=limit, what="on one line", max_chars=max_chars))
            continue
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except UnicodeDecodeError as e:
            yield failure(where, Errors.QX105.format(path=source, line=number, reason=f"not UTF-8 at byte {e.start}"))
            continue
        except json.JSONDecodeError as e:
            yield failure(where, Errors.QX105.format(path=source, line=number, reason=f"{e.msg} at column {e.colno}"))
            continue
        if not isinstance(obj, dict):
            reason = f"a JSON {type(obj).__name__}, not an object"
            yield failure(where, Errors.QX105.format(path=source, line=number, reason=reason))
            continue
        try:
            yield article_from_object(obj, where, source=source, line=number, max_chars=max_chars)
        except Exception as e:  # whatever breaks on one line must not stop the file
            yield failure(where, Errors.QX114.format(path=where, reason=f"{type(e).__name__}: {e}"))


def article_from_object(
    obj: dict[str, Any], where: str, *, source: str, line: int, max_chars: int = DEFAULT_MAX_CHARS
) -> Article | Failure:
    """One JSON object to an :class:`Article` (or a :class:`Failure` that says why not)."""
    text = obj.get("text")
    if not isinstance(text, str):
        return failure(where, Errors.QX106.format(path=source, line=line))
    problem = check_text(text, where, max_chars)
    if problem:
        return problem
    for key, value in obj.items():
        problem = check_strings(key, where, "field name") or check_strings(value, where, f"field {key!r}")
        if problem:
            return problem
    meta = {k: v for k, v in obj.items() if k not in FIELDS}
    if obj.get("id") is not None:
        meta["external_id"] = str(obj["id"])
    published = obj.get("published")
    if published is None:
        published = obj.get("date")
    elif obj.get("date") is not None:
        meta["date"] = obj["date"]
    url = _str(obj.get("url"))
    return Article(
        text=text,
        id=article_id(text, url),
        title=_str(obj.get("title")),
        url=url,
        outlet=_str(obj.get("outlet")),
        published=_str(published),
        language=_str(obj.get("language")),
        source=where,
        meta=meta,
    )


def _str(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value)
    return value if value.strip() else None
