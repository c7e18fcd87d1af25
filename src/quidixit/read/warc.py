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

__all__ = ["read_warc", "parse_http_response", "record_limit", "HTML_TYPES", "is_arc"]

HTML_TYPES = ("text/html", "application/xhtml+xml")
GZIP_MAGIC = b"\x1f\x8b"
_HEAD_CHUNK = 16 << 10  # read this much of a response first: enough for the HTTP headers
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
) -> Iterator[Article | Failure]:
    """Read the HTML pages of a WARC or ARC file from a seekable binary stream."""
    stats = stats if stats is not None else ReadStats()
    head = stream.read(4096)
    stream.seek(0)
    limit = record_limit(max_chars)
    reader = _arc_records if is_arc(head) else _warc_records
    records = reader(stream, source, stats, max_chars)
    for item in records:
        if isinstance(item, Failure):
            yield item
            continue
        offset, uri, date, block, record_id = item
        where = f"{source}#{uri}" if uri else f"{source}@{offset}"
        try:
            status, headers, body = parse_http_response(block, max_body=limit)
        except _TooLarge as e:
            yield failure(f"{source}@{offset}", _too_large(source, offset, limit, max_chars, str(e)))
            continue
        except ValueError as e:
            yield failure(f"{source}@{offset}", Errors.QX111.format(path=source, offset=offset, reason=str(e)))
            continue
        if status is None:
            stats.records["not-http"] += 1
            continue
        if status != 200:
            stats.records["status"] += 1
            continue
        ctype, charset = _content_type(headers.get("content-type", ""))
        if ctype not in HTML_TYPES:
            stats.records["not-html"] += 1
            continue
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

# (offset, target URI, date, HTTP block up to where it was read, record id)
_Record = tuple[int, str, "str | None", bytes, "str | None"]


def _too_large(source: str, offset: int, limit: int, max_chars: int, what: str) -> str:
    return Errors.QX115.format(path=f"{source}@{offset}", limit=limit, what=what, max_chars=max_chars)


def _warc_records(stream: BinaryIO, source: str, stats: ReadStats, max_chars: int) -> Iterator[_Record | Failure]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    limit = record_limit(max_chars)
    gzipped = stream.read(2) == GZIP_MAGIC
    start: int | None = 0
    reported = -1
    while start is not None:
        stream.seek(start)
        last = None  # offset of the last record read (FastWARC's offsets are absolute)
        try:
            for record in ArchiveIterator(stream, parse_http=False, auto_decode="none"):
                offset = last = record.stream_pos
                rtype = record.record_type
                if rtype != WarcRecordType.response:
                    stats.records[str(rtype)] += 1
                    continue
                block = record.reader.read(_HEAD_CHUNK)
                if not _is_html_200(block):
                    stats.records[_why_not(block)] += 1
                    continue
                if record.content_length > limit:
                    yield failure(f"{source}@{offset}", _too_large(source, offset, limit, max_chars, "in one WARC record"))
                    continue
                block += record.reader.read()
                if len(block) < record.content_length:
                    reason = f"truncated: {len(block):,} of {record.content_length:,} bytes"
                    yield failure(f"{source}@{offset}", Errors.QX111.format(path=source, offset=offset, reason=reason))
                    continue
                headers = record.headers
                uri = (headers.get("WARC-Target-URI") or "").strip().strip("<>")
                yield offset, uri, headers.get("WARC-Date") or None, block, record.record_id
            return
        except OSError as e:
            error = str(e) or type(e).__name__
        # the broken record is the first one after the last good one
        bad = start if last is None else _next_record(stream, last + 1, gzipped)
        if bad is None:
            bad = last + 1  # type: ignore[operator]
        if bad != reported:
            reported = bad
            yield failure(f"{source}@{bad}", Errors.QX111.format(path=source, offset=bad, reason=error))
        start = _next_record(stream, bad + 1, gzipped)


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


def _is_html_200(head: bytes) -> bool:
    status, _, rest = head.partition(b"\n")
    parts = status.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/") or parts[1] != b"200":
        return False
    headers = rest.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0].lower()
    return any(t.encode() in headers for t in HTML_TYPES)


def _why_not(head: bytes) -> str:
    parts = head.partition(b"\n")[0].split(None, 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/"):
        return "not-http"
    return "status" if parts[1] != b"200" else "not-html"


# -- ARC ----------------------------------------------------------------------


def _arc_records(stream: BinaryIO, source: str, stats: ReadStats, max_chars: int) -> Iterator[_Record | Failure]:
    """Records of an ARC file (version 1 or 2): a header line, then ``length`` bytes."""
    limit = record_limit(max_chars)
    raw: BinaryIO = stream
    if stream.read(2) == GZIP_MAGIC:
        raw = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
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
            yield start, uri, _arc_date(date), block, None
    except (OSError, EOFError, zlib.error) as e:
        yield failure(f"{source}@{offset}", Errors.QX111.format(path=source, offset=offset, reason=str(e)))


def _arc_date(stamp: str) -> str | None:
    """ARC's ``YYYYMMDDhhmmss`` as ISO 8601 (UTC), or None."""
    if len(stamp) < 14 or not stamp[:14].isdigit():
        return None
    s = stamp[:14]
    return f"{s[:4]}-{s[4:6]}-{s[6:8]}T{s[8:10]}:{s[10:12]}:{s[12:14]}Z"


# -- HTTP ---------------------------------------------------------------------


def parse_http_response(block: bytes, *, max_body: int | None = None) -> tuple[int | None, dict[str, str], bytes]:
    """Split an HTTP response block into (status, lower-cased headers, decoded body).

    ``status`` is None when the block is not an HTTP response (e.g. a DNS
    record). Chunked transfer encoding and gzip/deflate/br content encodings
    are undone, the decoded body bounded by ``max_body`` bytes. Raises
    ValueError when the body cannot be decoded or decodes past ``max_body``.
    """
    status_line, _, rest = block.partition(b"\n")
    parts = status_line.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/") or not parts[1].isdigit():
        return None, {}, block
    status = int(parts[1])
    sep = rest.find(b"\r\n\r\n")
    sep2 = rest.find(b"\n\n")
    if sep < 0 or (0 <= sep2 < sep):
        head, body = (rest[:sep2], rest[sep2 + 2 :]) if sep2 >= 0 else (rest, b"")
    else:
        head, body = rest[:sep], rest[sep + 4 :]
    headers: dict[str, str] = {}
    for line in head.decode("latin-1").splitlines():
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    encoding = headers.get("content-encoding", "").lower().strip()
    if encoding and encoding != "identity":
        body = _decode(body, encoding, max_body)
    return status, headers, body


def _dechunk(body: bytes) -> bytes:
    out = io.BytesIO()
    pos = 0
    while pos < len(body):
        end = body.find(b"\n", pos)
        if end < 0:
            break
        size_text = body[pos:end].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            if pos == 0:  # declared chunked but is not: many crawlers store the body de-chunked
                return body
            raise ValueError(f"bad chunk size {size_text[:20]!r}") from None
        if size == 0:
            break
        out.write(body[end + 1 : end + 1 + size])
        pos = end + 1 + size
        if body[pos : pos + 2] == b"\r\n":
            pos += 2
        elif body[pos : pos + 1] == b"\n":
            pos += 1
    return out.getvalue()


def _decode(body: bytes, encoding: str, max_body: int | None = None) -> bytes:
    bound = 0 if max_body is None else max_body + 1  # zlib: 0 is no bound

    def inflate(wbits: int) -> bytes:
        out = zlib.decompressobj(wbits).decompress(body, bound)
        if max_body is not None and len(out) > max_body:
            raise _TooLarge(f"once decoded (Content-Encoding: {encoding})")
        return out

    try:
        if encoding in ("gzip", "x-gzip"):
            return inflate(47)
        if encoding == "deflate":
            try:
                return inflate(15)
            except zlib.error:
                return inflate(-15)
        if encoding == "br":
            import brotli  # installed with trafilatura

            if max_body is None:
                return brotli.decompress(body)
            out = brotli.Decompressor().process(body, output_buffer_limit=bound)
            if len(out) > max_body:
                raise _TooLarge(f"once decoded (Content-Encoding: {encoding})")
            return out
    except _TooLarge:
        raise
    except Exception as e:
        if body.lstrip()[:1] == b"<":  # stored already decoded, headers kept: a common crawler habit
            return body
        raise ValueError(f"cannot undo Content-Encoding {encoding}: {e}") from None
    return body


def _content_type(value: str) -> tuple[str, str | None]:
    ctype, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, v = param.partition("=")
        if name.strip().lower() == "charset":
            charset = v.strip().strip("\"'") or None
    return ctype.strip().lower(), charset
