"""Readers: files in, :class:`~quidixit.model.Article` out.

One module per source type, all giving the same ``Article``:

- :mod:`.text`: plain text, one article per file, first line the title;
- :mod:`.jsonl`: one JSON object per line;
- :mod:`.html`: an HTML page, through trafilatura;
- :mod:`.warc`: the HTML pages of a WARC or ARC file, through FastWARC.

:func:`read_sources` walks paths, detects each file's format and yields, in
order, an ``Article`` for each document, a ``Failure`` for each one that could
not be read (coded message; reading goes on) and a ``Skipped`` for each one in
a language not asked for. Readers are pure: they never touch the store.

    >>> for item in read_sources(["news/"], languages=("fr",)):
    ...     print(type(item).__name__, item.source)
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import tempfile
import zlib
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..errors import Errors, UsageError
from ..model import Article, Failure, Skipped
from ._common import DEFAULT_MAX_CHARS, ReadStats, byte_limit, failure, read_bounded, surrogate_problem
from .html import read_html
from .jsonl import read_jsonl
from .language import detect_language as _detect, normalize_language
from .normalise import normalise_article
from .text import read_text
from .warc import read_warc

__all__ = [
    "FORMATS",
    "ReadStats",
    "detect_format",
    "read_sources",
    "read_text",
    "read_jsonl",
    "read_html",
    "read_warc",
    "with_language",
    "normalise_article",
    "is_article_file",
    "NOT_ARTICLE_NAMES",
]

FORMATS = ("text", "jsonl", "html", "warc")

HEAD_BYTES = 64 << 10  # how much of a file format detection looks at

_EXTENSIONS = {
    ".warc": "warc",
    ".arc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}
# Files of a folder that are about the corpus, not part of it: never read as articles
# when a folder is walked (a file named on the command line is read whatever its name).
NOT_ARTICLE_NAMES = frozenset({
    "readme", "license", "licence", "copying", "notice", "attribution", "attributions", "authors",
    "contributors", "changelog", "changes", "history", "contributing", "code_of_conduct", "credits",
    "manifest", "citation",
})
_NOT_ARTICLE_EXTENSIONS = frozenset({".md", ".rst", ".cff", ".yml", ".yaml", ".toml", ".cfg", ".ini", ".py", ".sh"})

_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ", b"<title")


def detect_format(path: str | os.PathLike[str], head_bytes: bytes) -> str:
    """The reader for a file: ``"warc"``, ``"jsonl"``, ``"html"`` or ``"text"``.

    ``head_bytes`` are the file's first bytes (say 64 KiB). WARC and ARC
    headers win (gzipped or not, whatever the name); then the extension
    (``.jsonl``, ``.html``, ``.txt``, ... also under ``.gz``); then the content:
    HTML markup near the start, a JSON object on the first line, else text.
    """
    head = head_bytes
    if head.startswith(b"\x1f\x8b"):
        head = _gunzip_head(head)
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    name = os.fspath(path).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    by_name = _EXTENSIONS.get(os.path.splitext(name)[1])
    if by_name:
        return by_name
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = start[:2048].lower()
    if lowered.startswith(b"<") and any(m in lowered for m in _HTML_MARKERS):
        return "html"
    if start.startswith(b"{"):
        first = start.split(b"\n", 1)[0].strip()
        if first.endswith(b"}") or b"\n" not in start:
            return "jsonl"
    return "text"


def is_article_file(path: str | os.PathLike[str]) -> bool:
    """False for the files of a folder that describe it rather than hold articles:
    README, LICENSE, ATTRIBUTION, CHANGELOG… (any extension, any case) and Markdown,
    reStructuredText, configuration and script files."""
    name = os.path.basename(os.fspath(path)).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    stem, ext = os.path.splitext(name)
    return stem.split(".")[0].replace("-", "_") not in NOT_ARTICLE_NAMES and ext not in _NOT_ARTICLE_EXTENSIONS


def read_sources(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    format: str | None = None,
    languages: Iterable[str] | None = ("fr",),
    detect_language: bool = True,
    max_chars: int = DEFAULT_MAX_CHARS,
    stats: ReadStats | None = None,
) -> Iterator[Article | Failure | Skipped]:
    """Read articles from files, directories (walked recursively, in sorted order) or ``"-"`` (stdin).

    ``format`` forces one reader for every file (one of :data:`FORMATS`);
    by default it is detected per file (:func:`detect_format`). An article's
    language is the one it gives (trusted), else the detected one (when
    ``detect_language``); articles whose language is not in ``languages``
    come out as ``Skipped(reason="language")`` (``languages=None`` keeps all).
    Every article has ``id`` (stable: :func:`quidixit.model.article_id`) and
    ``source`` set, its date in ISO form and its outlet named
    (:func:`~quidixit.read.normalise.normalise_article`). In a folder, files that
    describe it (README, LICENSE, ATTRIBUTION.md…: :func:`is_article_file`) are
    left out and counted. ``stats``, when given, counts what was read and left out.
    """
    if format is not None and format not in FORMATS:
        raise UsageError(Errors.QX401.format(message=f"Unknown format {format!r}: use one of {', '.join(FORMATS)}, or leave it out to detect it per file."))
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    wanted = None if languages is None else {normalize_language(x) for x in languages}
    stats = stats if stats is not None else ReadStats()
    for source in sources:
        for path in _expand(source, stats):
            if isinstance(path, Failure):
                items: Iterable[Article | Failure] = [path]
            else:
                stats.files += 1
                items = _read_file(path, format, max_chars, stats)
            yield from _finished(items, path, wanted, detect_language, stats)


def _finished(items: Iterable[Article | Failure], path: str | Failure, wanted: set[str | None] | None,
              detect_language: bool, stats: ReadStats) -> Iterator[Article | Failure | Skipped]:
    """What every reader path does to what a reader gives: the path shown printable,
    the article normalised, its language set (or Skipped), all counted in ``stats``."""
    if isinstance(path, str):
        shown = _shown_path(path)
        if shown != path:
            items = (_renamed(item, path, shown) for item in items)
    for item in items:
        if isinstance(item, Article):
            try:
                item = with_language(normalise_article(item, stats), wanted, detect_language)
            except ImportError:  # lingua missing: a setup problem, not this document's
                raise
            except Exception as e:  # language detection that breaks on one text stops only that text
                where = item.source or str(path)
                item = failure(where, Errors.QX114.format(path=where, reason=f"{type(e).__name__}: {e}"))
        _count(item, stats)
        yield item


def _expand(source: str | os.PathLike[str], stats: ReadStats) -> Iterator[str | Failure]:
    name = os.fspath(source)
    if name == "-":
        yield "-"
        return
    path = Path(name)
    if path.is_dir():
        files = (p for p in path.rglob("*") if p.is_file())
        visible = (p for p in files if not any(part.startswith(".") for part in p.relative_to(path).parts))
        for p in sorted(str(p) for p in visible):
            if is_article_file(p):
                yield p
            else:
                stats.left_out["not-an-article"] += 1
    elif path.exists():
        yield name
    else:
        yield failure(name, Errors.QX101.format(path=name))


def _read_file(path: str, format: str | None, max_chars: int, stats: ReadStats) -> Iterator[Article | Failure]:
    try:
        if path == "-":
            stream: BinaryIO = _spooled_stdin(format, max_chars)
            size = stream.seek(0, io.SEEK_END)
            stream.seek(0)
        else:
            stream = open(path, "rb")
            size = os.fstat(stream.fileno()).st_size
    except OSError as e:
        yield failure(path, Errors.QX108.format(path=path, reason=e.strerror or e))
        return
    with stream:
        try:
            head = stream.read(HEAD_BYTES)
            stream.seek(0)
            fmt = format or detect_format(path, head)
            stats.formats[fmt] += 1
            if fmt == "warc":
                yield from read_warc(stream, path, max_chars=max_chars, stats=stats)
                return
            body: BinaryIO = stream
            gzipped = head.startswith(b"\x1f\x8b")
            if gzipped:
                body = gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[assignment]
                size = None
            if fmt == "jsonl":
                yield from read_jsonl(body, path, max_chars=max_chars)  # line by line, each line bounded
                return
            limit = byte_limit(max_chars)
            if size is not None and size > limit:  # over the limit even at 4 bytes a character
                yield failure(path, Errors.QX107.format(path=path, size=size, limit=max_chars))
                return
            data = read_bounded(body, limit)  # a gzip member is decompressed only up to the limit
            if data is None:
                what = "once decompressed" if gzipped else "read"
                yield failure(path, Errors.QX115.format(path=path, limit=limit, what=what, max_chars=max_chars))
            elif fmt == "html":
                yield read_html(data, path, max_chars=max_chars)
            else:
                yield read_text(data, path, max_chars=max_chars)
        except (OSError, EOFError, zlib.error) as e:
            yield failure(path, Errors.QX112.format(path=path, format=format or "detected format", reason=e))
        except ImportError:  # a missing optional dependency is a setup problem, not this file's
            raise
        except Exception as e:  # a reader that breaks on one file must not stop the batch
            yield failure(path, Errors.QX114.format(path=path, reason=f"{type(e).__name__}: {e}"))


_STDIN_IN_MEMORY = 8 << 20  # stdin is held in memory up to this, on disk past it
_COPY_CHUNK = 1 << 20


def _spooled_stdin(format: str | None, max_chars: int, stdin: BinaryIO | None = None) -> BinaryIO:
    """Standard input as a seekable file, read as a file is, within the same bounds: a few
    MB in memory and the rest on disk, so a large WARC or JSONL piped in does not fill
    memory; a plain text or HTML page is copied only up to one byte past its limit."""
    stdin = stdin if stdin is not None else sys.stdin.buffer
    spool = tempfile.SpooledTemporaryFile(max_size=_STDIN_IN_MEMORY)
    head = stdin.read(HEAD_BYTES)
    spool.write(head)
    fmt = format or detect_format("-", head)
    left = byte_limit(max_chars) + 1 - len(head) if fmt in ("text", "html") and not head.startswith(b"\x1f\x8b") else None
    while left is None or left > 0:
        chunk = stdin.read(_COPY_CHUNK if left is None else min(left, _COPY_CHUNK))
        if not chunk:
            break
        spool.write(chunk)
        if left is not None:
            left -= len(chunk)
    spool.seek(0)
    return spool  # type: ignore[return-value]


def with_language(article: Article, wanted: set[str | None] | None, detect: bool = True) -> Article | Skipped:
    """The article with its language set (the one it gives, normalised, else the detected
    one when ``detect``); a :class:`Skipped` when ``wanted`` is given and does not hold it.
    The step every reader path applies, and the Spark job too."""
    language = normalize_language(article.language)
    if language is None and detect:
        language = _detect(article.text)
    if language != article.language:
        meta = article.meta
        if article.language:
            meta = {**meta, "language_given": article.language}
        article = replace(article, language=language, meta=meta)
    if wanted is None or language in wanted or (language is None and not detect):
        return article
    return Skipped(source=article.source or "", reason="language", language=language, article_id=article.id)


def _shown_path(path: str) -> str:
    """The path as it can be stored and printed: a file name that is not UTF-8 comes from
    the OS with surrogate escapes, shown here as ``\\xff``; any other path as it is."""
    return os.fsencode(path).decode("utf-8", "backslashreplace") if surrogate_problem(path, path) else path


def _renamed(item: Article | Failure, path: str, shown: str) -> Article | Failure:
    changes = {"source": (item.source or path).replace(path, shown)}
    if isinstance(item, Failure):
        changes["message"] = item.message.replace(path, shown)
    return replace(item, **changes)


def _count(item: Article | Failure | Skipped, stats: ReadStats) -> None:
    if isinstance(item, Article):
        stats.articles += 1
    elif isinstance(item, Failure):
        stats.failures[item.code or "?"] += 1
    else:
        stats.skipped[item.reason] += 1


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(31).decompress(head, HEAD_BYTES)  # bounded: 64 KiB of a bomb is 64 MB
    except zlib.error:
        return b""
