"""Write a gzipped WARC of Wikinews French pages: the sample for the README demo and the tests.

Each page becomes a ``request`` and an HTTP 200 ``response`` record, with
target URI ``https://fr.wikinews.org/wiki/<id>``, one gzip member per record
(as crawlers write them). The pages are CC BY 2.5 (Wikinews contributors).

    python scripts/make_sample_warc.py ../shared/data/wikinews-fr/html src/quidixit/data/sample/wikinews-fr.warc.gz --limit 10
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

__all__ = ["warc_record", "write_sample_warc"]

BASE_URI = "https://fr.wikinews.org/wiki/"
CRAWL_DATE = datetime(2012, 6, 1, 12, 0, 0, tzinfo=timezone.utc)


def warc_record(kind: str, uri: str, date: datetime, block: bytes, content_type: str, *, name: str = "") -> bytes:
    """One WARC/1.1 record (headers, block, the two CRLFs), not compressed.

    The record id is derived from ``name`` and ``kind`` so the output is reproducible.
    """
    record_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{kind}:{uri}:{name}")
    digest = hashlib.sha1(block).hexdigest()
    headers = [
        "WARC/1.1",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{record_id}>",
        f"WARC-Date: {date.strftime('%Y-%m-%dT%H:%M:%SZ')}",
    ]
    if uri:
        headers.append(f"WARC-Target-URI: {uri}")
    headers += [f"WARC-Block-Digest: sha1:{digest}", f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(headers) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"


def _member(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def write_sample_warc(pages: list[Path], out: Path, *, gzipped: bool = True) -> int:
    """Write ``pages`` (HTML files named ``<id>.html``) as a WARC; returns the number of pages."""
    pack = _member if gzipped else (lambda data: data)
    info = b"software: quidixit scripts/make_sample_warc.py\r\nformat: WARC File Format 1.1\r\n"
    chunks = [pack(warc_record("warcinfo", "", CRAWL_DATE, info, "application/warc-fields", name=out.name))]
    for n, page in enumerate(pages):
        uri = BASE_URI + page.stem
        date = CRAWL_DATE + timedelta(seconds=n)
        host = "fr.wikinews.org"
        request = f"GET /wiki/{page.stem} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: quidixit-sample\r\n\r\n".encode()
        body = page.read_bytes()
        http_headers = (
            "HTTP/1.1 200 OK\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n"
            f"Date: {date.strftime('%a, %d %b %Y %H:%M:%S GMT')}\r\n\r\n"
        ).encode()
        chunks.append(pack(warc_record("request", uri, date, request, "application/http; msgtype=request", name=page.name)))
        chunks.append(pack(warc_record("response", uri, date, http_headers + body, "application/http; msgtype=response", name=page.name)))
    out.write_bytes(b"".join(chunks))
    return len(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html_dir", type=Path, help="folder of <id>.html Wikinews pages")
    parser.add_argument("out", type=Path, help="the WARC to write (.warc.gz: gzipped)")
    parser.add_argument("--limit", type=int, default=10, help="how many pages (the first in sorted order)")
    args = parser.parse_args()
    pages = sorted(args.html_dir.glob("*.html"))[: args.limit]
    n = write_sample_warc(pages, args.out, gzipped=args.out.name.endswith(".gz"))
    print(f"{args.out}: {n} pages, {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
