"""WARC and ARC files (gzipped or not): the HTML pages they hold, as articles.

WARC records are read with FastWARC; ARC files (which FastWARC does not read)
with a small parser here. Only HTTP 200 responses with an HTML content type
become articles, through :func:`quidixit.read.html.read_html`, with the
record's target URI as ``url`` and its date as ``published`` when the page has
none. Every other record is counted in :class:`~quidixit.read.ReadStats`
(``records``, by reason) rather than yielded, so a crawl full of images does not
flood the stream.

Reading is bounded: a record over :func:`record_limit` bytes, or a body that
decompresses (Content-Encoding) past it, gives a :class:`Failure` with QX115
without being held in memory.

A broken record (truncated, bad header, undecodable payload) gives a
:class:`Failure` with QX111 and its byte offset; the reader then looks for the
next record (the next gzip member, or the next ``WARC/1.`` line) and goes on.
Offsets are in the file as stored (compressed offsets for ``.warc.gz``), except
for gzipped ARC files, where they are offsets in the decompressed stream.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO, Iterator

from ..errors import Errors
from ..model import Article, Failure
from ._common import DEFAULT_MAX_CHARS, ReadStats, byte_limit, failure
from .html import read_html

__all__ = ["read_warc", "record_starts", "record_limit", "HTML_TYPES", "is_arc"]

HTML_TYPES = ("text/html", "application/xhtml+xml")
GZIP_MAGIC = b"\x1f\x8b"
_SCAN_CHUNK = 1 << 20


class _TooLarge(ValueError):
    """A record or a decoded body over the limit."""


def record_limit(max_chars: int) -> int:
    """The most bytes of one record (or of its decoded HTTP body) a WARC/ARC reader holds:
    four times what a text of ``max_chars`` characters takes, as markup weighs more than text."""
    return 4 * byte_limit(max_chars)


def read_warc(
    stream: BinaryIO,
    source: str,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    stats: ReadStats | None = None,
    start: int = 0,
    end: int | None = None,
) -> Iterator[Article | Failure]:
    """Read the HTML pages of a WARC or ARC file from a seekable binary stream; of a WARC
    file, optionally only the records that start from byte ``start`` (a record's start)
    up to ``end`` (see :func:`record_starts`)."""
    stats = stats if stats is not None else ReadStats()
    head = stream.read(4096)
    stream.seek(0)
    if is_arc(head):
        records = _arc_records(stream, source, stats, max_chars)
    else:
        records = _warc_records(stream, source, stats, max_chars, start, end)
    for item in records:
        if isinstance(item, Failure):
            yield item
            continue
        offset, uri, date, body, charset, record_id = item
        where = f"{source}#{uri}" if uri else f"{source}@{offset}"
        meta = {"warc_offset": offset}
        if record_id:
            meta["warc_record_id"] = record_id
        yield read_html(body, where, url=uri or None, published=date, charset=charset, meta=meta, max_chars=max_chars)


def is_arc(head: bytes) -> bool:
    """Whether these first bytes of a file (gzipped or not) start an ARC file."""
    if head.startswith(GZIP_MAGIC):
        head = _gunzip_head(head)
    return head.startswith(b"filedesc://")


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(31).decompress(head, 64)
    except zlib.error:
        return b""


# -- WARC ---------------------------------------------------------------------

# (offset, target URI, date, decoded HTML body, charset, record id)
_Page = tuple[int, str, "str | None", bytes, "str | None", "str | None"]


def _too_large(source: str, offset: int, limit: int, max_chars: int, what: str) -> str:
    return Errors.QX115.format(path=f"{source}@{offset}", limit=limit, what=what, max_chars=max_chars)


def _archive(stream: BinaryIO, decode: str | None = "all"):
    """FastWARC's iterator over ``stream`` from where it stands, HTTP parsed and (by default)
    chunked transfer and Content-Encoding undone as the body is read; ``decode=None``:
    HTTP not parsed."""
    from fastwarc.warc import ArchiveIterator

    if decode is None:
        return ArchiveIterator(stream, parse_http=False)
    return ArchiveIterator(stream, parse_http=True, auto_decode=decode)  # type: ignore[arg-type]


def record_starts(stream: BinaryIO) -> Iterator[int]:
    """The byte offset of each record of a WARC file (not ARC), as FastWARC finds them
    without parsing HTTP; stops quietly at the first broken record."""
    stream.seek(0)
    try:
        for record in _archive(stream, None):
            yield record.stream_pos
    except OSError:
        return


def _warc_records(stream: BinaryIO, source: str, stats: ReadStats, max_chars: int, first: int = 0,
                  end: int | None = None) -> Iterator[_Page | Failure]:
    from fastwarc.warc import WarcRecordType

    limit = record_limit(max_chars)
    gzipped = stream.read(2) == GZIP_MAGIC
    start: int | None = first
    reported = -1
    while start is not None and (end is None or start < end):
        stream.seek(start)
        last = None  # offset of the last record read (FastWARC's offsets are absolute)
        undecodable = None
        try:
            for record in _archive(stream):
                offset = last = record.stream_pos
                if end is not None and offset >= end:  # the next slice's
                    return
                rtype = record.record_type
                if rtype != WarcRecordType.response:
                    stats.records[str(rtype)] += 1
                    continue
                headers = record.headers
                uri = (headers.get("WARC-Target-URI") or "").strip().strip("<>")
                try:
                    body = _html_body(record, stats, limit)
                except _TooLarge as e:
                    yield failure(f"{source}@{offset}", _too_large(source, offset, limit, max_chars, str(e)))
                    if "decoded" in str(e):  # FastWARC loses its place after a body read in part
                        undecodable = (offset, None)
                        break
                    continue
                except _Truncated as e:
                    yield failure(f"{source}@{offset}", Errors.QX111.format(path=source, offset=offset, reason=str(e)))
                    continue
                except OSError as e:  # FastWARC could not undo the transfer or content encoding
                    page = (offset, uri, headers.get("WARC-Date") or None, record.http_charset, record.record_id, e)
                    undecodable = (offset, page)
                    break
                if body is not None:
                    yield offset, uri, headers.get("WARC-Date") or None, body, record.http_charset, record.record_id
            else:
                return
        except OSError as e:
            error = str(e) or type(e).__name__
        else:
            # FastWARC's iterator is not reliable after a decoding error: take the record
            # as stored, then start again at the next record
            offset, page = undecodable  # type: ignore[misc]
            if page is not None:
                _, uri, date, charset, record_id, e = page
                stream.seek(offset)
                body = _stored_body(stream)
                if body is None:
                    reason = f"cannot undo the HTTP encoding: {e}"
                    yield failure(f"{source}@{offset}", Errors.QX111.format(path=source, offset=offset, reason=reason))
                else:
                    yield offset, uri, date, body, charset, record_id
            start = _next_record(stream, offset + 1, gzipped)
            continue
        # the broken record is the first one after the last good one
        bad = start if last is None else _next_record(stream, last + 1, gzipped)
        if bad is None:
            bad = last + 1  # type: ignore[operator]
        if end is not None and bad >= end:
            return
        if bad != reported:
            reported = bad
            yield failure(f"{source}@{bad}", Errors.QX111.format(path=source, offset=bad, reason=error))
        start = _next_record(stream, bad + 1, gzipped)


class _Truncated(ValueError):
    """A record that ends before its declared length."""


def _html_body(record, stats: ReadStats, limit: int) -> bytes | None:
    """The decoded body of an HTTP 200 HTML response record (read by FastWARC), or None
    for any other record, counted in ``stats``. Raises _TooLarge over ``limit`` bytes,
    _Truncated, or OSError when FastWARC cannot decode the body."""
    if not record.is_http_parsed:
        stats.records["not-http"] += 1
        return None
    http = record.http_headers
    if http.status_code != 200:
        stats.records["status"] += 1
        return None
    if (record.http_content_type or "").lower() not in HTML_TYPES:
        stats.records["not-html"] += 1
        return None
    if record.content_length > limit:
        raise _TooLarge("in one WARC record")
    body = record.reader.read(limit + 1)
    encoding = (http.get("Content-Encoding") or "identity").strip().lower()
    if len(body) > limit:
        raise _TooLarge(f"once decoded (Content-Encoding: {encoding})")
    chunked = "chunked" in (http.get("Transfer-Encoding") or "").lower()
    if encoding == "identity" and not chunked and len(body) < record.content_length:
        raise _Truncated(f"truncated: {len(body):,} of {record.content_length:,} bytes")
    return body


def _stored_body(stream: BinaryIO) -> bytes | None:
    """The body of the record at the stream's position as stored, when it is markup: many
    crawlers store bodies already decoded and keep the headers that say otherwise."""
    try:
        for record in _archive(stream, "none"):
            body = record.reader.read()
            return body if body.lstrip()[:1] == b"<" else None
    except OSError:
        pass
    return None


def _next_record(stream: BinaryIO, after: int, gzipped: bool) -> int | None:
    """The offset of the next plausible record start at or after ``after``, or None."""
    pattern = b"\x1f\x8b\x08" if gzipped else b"\nWARC/1."
    skip = 0 if gzipped else 1
    pos = max(after - len(pattern), 0)
    while True:
        stream.seek(pos)
        chunk = stream.read(_SCAN_CHUNK)
        if not chunk:
            return None
        i = chunk.find(pattern)
        while i >= 0 and pos + i + skip < after:
            i = chunk.find(pattern, i + 1)
        if i >= 0:
            return pos + i + skip
        if len(chunk) < _SCAN_CHUNK:
            return None
        pos += len(chunk) - len(pattern)


# -- ARC ----------------------------------------------------------------------


def _arc_records(stream: BinaryIO, source: str, stats: ReadStats, max_chars: int) -> Iterator[_Page | Failure]:
    """Records of an ARC file (version 1 or 2): a header line, then ``length`` bytes."""
    limit = record_limit(max_chars)
    raw: BinaryIO = stream
    if stream.read(2) == GZIP_MAGIC:
        raw = gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[assignment]
    stream.seek(0)
    offset = 0
    first = True
    resyncing = False
    try:
        while True:
            line = raw.readline()
            if not line:
                return
            start = offset
            offset += len(line)
            if not line.strip():
                continue
            fields = line.decode("latin-1").rstrip("\r\n").rsplit(" ", 4)
            if len(fields) < 5 or not fields[4].isdigit() or ":" not in fields[0]:
                if not resyncing:  # one failure per broken record, then look for the next header line
                    reason = f"bad ARC header line {line[:80]!r}"
                    yield failure(f"{source}@{start}", Errors.QX111.format(path=source, offset=start, reason=reason))
                resyncing = True
                first = False
                continue
            resyncing = False
            uri, _ip, date, ctype, length = fields
            if int(length) > limit:
                yield failure(f"{source}@{start}", _too_large(source, start, limit, max_chars, "in one ARC record"))
                left = int(length)
                while left > 0:  # skip it in chunks
                    chunk = raw.read(min(left, _SCAN_CHUNK))
                    if not chunk:
                        return
                    left -= len(chunk)
                    offset += len(chunk)
                continue
            block = raw.read(int(length))
            offset += len(block)
            if first or uri.startswith("filedesc:"):
                first = False
                stats.records["arcinfo"] += 1
                continue
            if len(block) < int(length):
                reason = f"truncated: {len(block):,} of {int(length):,} bytes"
                yield failure(f"{source}@{start}", Errors.QX111.format(path=source, offset=start, reason=reason))
                return
            if not uri.startswith(("http:", "https:")):
                stats.records["not-http"] += 1
                continue
            page = _arc_page(block, start, source, stats, limit, max_chars)
            if isinstance(page, Failure):
                yield page
            elif page is not None:
                yield start, uri, _arc_date(date), page[0], page[1], None
    except (OSError, EOFError, zlib.error) as e:
        yield failure(f"{source}@{offset}", Errors.QX111.format(path=source, offset=offset, reason=str(e)))


def _arc_page(block: bytes, offset: int, source: str, stats: ReadStats, limit: int, max_chars: int):
    """(decoded body, charset) of the HTTP response an ARC record holds, a Failure, or None:
    the block is handed to FastWARC as a WARC response record, so HTTP is parsed in one place."""
    head = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\n"
    wrapped = head + b"Content-Length: %d\r\n\r\n" % len(block) + block
    where = f"{source}@{offset}"
    for record in _archive(io.BytesIO(wrapped)):
        try:
            body = _html_body(record, stats, limit)
        except _TooLarge as e:
            return failure(where, _too_large(source, offset, limit, max_chars, str(e)))
        except _Truncated as e:
            return failure(where, Errors.QX111.format(path=source, offset=offset, reason=str(e)))
        except OSError as e:
            body = _stored_body(io.BytesIO(wrapped))
            if body is None:
                reason = f"cannot undo the HTTP encoding: {e}"
                return failure(where, Errors.QX111.format(path=source, offset=offset, reason=reason))
        return None if body is None else (body, record.http_charset)
    stats.records["not-http"] += 1
    return None


def _arc_date(stamp: str) -> str | None:
    """ARC's ``YYYYMMDDhhmmss`` as ISO 8601 (UTC), or None."""
    if len(stamp) < 14 or not stamp[:14].isdigit():
        return None
    s = stamp[:14]
    return f"{s[:4]}-{s[4:6]}-{s[6:8]}T{s[8:10]}:{s[10:12]}:{s[12:14]}Z"
