"""JSON lines: one article per line, ``{"text": ..., "id"?, "title"?, "url"?, ...}``.

A bad line gives a :class:`Failure` (QX105 invalid JSON, QX106 no ``text``)
with ``path:line`` as its source, and reading goes on with the next line.
Blank lines are ignored. ``Article.id`` is always the stable
:func:`quidixit.model.article_id`; a line's own ``id`` is kept as
``meta["external_id"]``.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO, Iterable, Iterator

from ..errors import Errors
from ..model import Article, Failure, article_id
from ._common import DEFAULT_MAX_CHARS, check_text, failure

__all__ = ["read_jsonl", "article_from_object", "FIELDS"]

FIELDS = ("id", "text", "title", "url", "outlet", "published", "date", "language")


def read_jsonl(
    lines: BinaryIO | Iterable[bytes], source: str, *, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | Failure]:
    """Read articles from a binary stream (or any iterable of byte lines)."""
    for number, raw in enumerate(lines, start=1):
        where = f"{source}:{number}"
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
        yield article_from_object(obj, where, source=source, line=number, max_chars=max_chars)


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
