"""Hostile input (issue 11): lone surrogates, decompression bombs, over-long lines.

Each bad document is one coded Failure and reading goes on with the next one.
The bombs are generated here (a few tens of KiB compressed), never committed.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import textwrap

import pytest

from quidixit.errors import InputError
from quidixit.model import Article, Failure, article_id
from quidixit.read import read_sources

from .conftest import FIXTURES

GOOD = "Le maire a dit que la route serait rouverte lundi, selon la préfecture."


def _kinds(items):
    return [(type(i).__name__, getattr(i, "code", None)) for i in items]


def test_lone_surrogates_in_any_field_are_one_qx113_each_and_reading_goes_on(tmp_path):
    lines = [
        {"text": "Bonjour a\ud800b, a dit le maire."},
        {"text": GOOD, "url": "https://ex.fr/\udc80"},
        {"text": GOOD, "title": "Titre \udfff"},
        {"text": GOOD, "tags": [{"nom": "x\ud834"}]},
        {"text": GOOD, "k\ud800": 1},
        {"text": GOOD + " \ud83d\ude00"},  # a proper pair (an emoji) is fine
    ]
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    items = list(read_sources([path], detect_language=False, languages=None))
    assert _kinds(items) == [("Failure", "QX113")] * 5 + [("Article", None)]
    messages = [i.message for i in items[:5]]
    assert "the text holds a lone surrogate (U+D800 at character 9)" in messages[0]
    assert "the field 'url' holds a lone surrogate (U+DC80 at character 14)" in messages[1]
    assert "field 'title'" in messages[2] and "field 'tags'" in messages[3] and "field name" in messages[4]
    assert all(m.startswith(f"[QX113] {path}:{n}: ") for n, m in enumerate(messages, start=1))
    assert items[5].text.endswith("\U0001f600")


def test_extract_rejects_a_lone_surrogate_with_qx113():
    import quidixit

    with pytest.raises(InputError) as err:
        quidixit.extract("a\ud800b")
    assert err.value.code == "QX113"
    assert "U+D800 at character 1" in str(err.value)
    assert article_id("a\ud800b")  # the id never raises: the error can name the document


def test_lone_surrogate_in_a_text_file_name_is_not_a_crash(tmp_path):
    # a file name that is not UTF-8 comes back from the OS as a surrogate escape
    with open(bytes(tmp_path) + b"/caf\xe9.txt", "wb") as f:  # latin-1 "café.txt"
        f.write(GOOD.encode())
    with open(bytes(tmp_path) + b"/vide\xff.txt", "wb"):
        pass
    article, empty = read_sources([tmp_path], detect_language=False, languages=None)
    assert isinstance(article, Article) and article.text == GOOD
    assert article.source == f"{tmp_path}/caf\\xe9.txt"  # printable and storable as UTF-8
    assert empty.code == "QX104" and empty.source == f"{tmp_path}/vide\\xff.txt"
    assert empty.message.startswith(f"[QX104] {tmp_path}/vide\\xff.txt: ")


def _gzip_bomb(path, head: bytes, fill: bytes, size: int, tail: bytes = b"") -> None:
    block = fill * (1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as f:
        f.write(head)
        for _ in range(size >> 20):
            f.write(block)
        f.write(tail)


def test_text_gzip_bomb_is_qx115_and_stops_at_the_limit(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    _gzip_bomb(path, b"", b"\0", 50 << 20)
    assert path.stat().st_size < 200_000
    (item,) = read_sources([path], detect_language=False, languages=None)
    assert isinstance(item, Failure) and item.code == "QX115"
    assert "more than 4,000,003 bytes once decompressed, over what max_chars=1,000,000 allows" in item.message


def test_jsonl_long_line_is_skipped_and_the_next_line_read(tmp_path):
    path = tmp_path / "long.jsonl.gz"
    good = json.dumps({"text": GOOD}).encode() + b"\n"
    _gzip_bomb(path, good + b'{"text": "', b"a", 50 << 20, b'"}\n' + good)
    items = list(read_sources([path], detect_language=False, languages=None, max_chars=100_000))
    assert _kinds(items) == [("Article", None), ("Failure", "QX115"), ("Article", None)]
    assert items[1].source == f"{path}:2" and "bytes on one line" in items[1].message
    assert items[2].source == f"{path}:3"


_RSS = textwrap.dedent(
    """
    import resource, sys
    from quidixit.read import read_sources
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    codes = [getattr(i, "code", None) for i in read_sources(sys.argv[1:], detect_language=False, languages=None)]
    print(codes, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) // 1024)
    """
)


def test_gzip_bombs_stay_near_the_size_of_the_largest_legal_document(tmp_path):
    """50 MB of zeros as .txt.gz and as a one-line .jsonl.gz: the reader holds at most
    the limit (4 MB of text, 6 MB of a JSONL line at max_chars=1,000,000), not the member."""
    txt, jsonl = tmp_path / "zeros.txt.gz", tmp_path / "line.jsonl.gz"
    _gzip_bomb(txt, b"", b"\0", 50 << 20)
    _gzip_bomb(jsonl, b'{"text": "', b"0", 50 << 20, b'"}\n')
    out = subprocess.run([sys.executable, "-c", _RSS, str(txt), str(jsonl)], capture_output=True, text=True, check=True)
    codes, grown_mb = out.stdout.rsplit(" ", 1)
    assert codes == "['QX115', 'QX115']"
    assert int(grown_mb) < 40, f"reading the bombs grew the process by {grown_mb} MB"


def _warc_response(uri: str, body: bytes, headers: str = "") -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{headers}Content-Length: {len(body)}\r\n\r\n".encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2020-01-02T03:04:05Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{abs(hash(uri)) % 10**12:012d}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


PAGE = f"<html><head><title>T</title></head><body><article><p>{GOOD}</p><p>{GOOD}</p></article></body></html>".encode()


def test_warc_content_encoding_bomb_and_oversized_record_are_qx115_and_the_next_page_read(tmp_path):
    bomb = gzip.compress(b"<html>" + b" " * (100 << 20), compresslevel=9)  # 100 MB of markup, ~100 KB
    big = b"<html><body><p>" + b"x " * 300_000 + b"</p></body></html>"  # a 600 KB record
    path = tmp_path / "hostile.warc"
    path.write_bytes(
        _warc_response("http://ex.fr/bomb", bomb, "Content-Encoding: gzip\r\n")
        + _warc_response("http://ex.fr/big", big)
        + _warc_response("http://ex.fr/good", PAGE)
    )
    items = list(read_sources([path], detect_language=False, languages=None, max_chars=20_000))
    assert _kinds(items) == [("Failure", "QX115"), ("Failure", "QX115"), ("Article", None)]
    assert "bytes once decoded (Content-Encoding: gzip)" in items[0].message
    assert "bytes in one WARC record" in items[1].message
    assert items[2].url == "http://ex.fr/good" and GOOD in items[2].text


def test_warc_http_work_is_fastwarcs_chunked_gzip_charset_and_bodies_stored_decoded(tmp_path):
    """Issue 11: FastWARC parses HTTP and undoes chunked transfer and gzip; a body that its
    headers call gzip or chunked but that is stored decoded (a common crawler habit) is still read."""
    latin = PAGE.decode().replace("<p>", "<p>Élysée ", 1).encode("latin-1")
    chunked = b"%x\r\n" % len(PAGE[:50]) + PAGE[:50] + b"\r\n" + b"%x\r\n" % len(PAGE[50:]) + PAGE[50:] + b"\r\n0\r\n\r\n"
    path = tmp_path / "http.warc"
    path.write_bytes(
        _warc_response("http://ex.fr/gz", gzip.compress(PAGE), "Content-Encoding: gzip\r\n")
        + _warc_response("http://ex.fr/chunked", chunked, "Transfer-Encoding: chunked\r\n")
        + _warc_response("http://ex.fr/stored-gz", PAGE, "Content-Encoding: gzip\r\n")
        + _warc_response("http://ex.fr/stored-chunked", PAGE, "Transfer-Encoding: chunked\r\n")
        + _warc_response("http://ex.fr/latin", latin).replace(b"charset=utf-8", b"charset=ISO-8859-1")
        + _warc_response("http://ex.fr/broken-gz", b"\x1f\x8b\x08garbage", "Content-Encoding: gzip\r\n")
        + _warc_response("http://ex.fr/last", PAGE)
    )
    items = list(read_sources([path], detect_language=False, languages=None))
    urls = [i.url if isinstance(i, Article) else i.code for i in items]
    assert urls == [f"http://ex.fr/{n}" for n in ("gz", "chunked", "stored-gz", "stored-chunked", "latin")] + ["QX111", "http://ex.fr/last"]
    assert all(GOOD in i.text for i in items if isinstance(i, Article))
    assert "Élysée" in items[4].text


@pytest.mark.parametrize(
    "name, make, code",
    [
        ("a 50 MB text", lambda p: p.write_bytes(b"a " * (25 << 20)), "QX107"),
        ("a .jsonl.gz bomb", lambda p: _gzip_bomb(p, b'{"text": "', b"0", 50 << 20, b'"}\n'), "QX115"),
        ("a .txt.gz bomb", lambda p: _gzip_bomb(p, b"", b"\0", 50 << 20), "QX115"),
    ],
)
def test_stdin_is_bounded_like_a_file(tmp_path, name, make, code):
    """Issue 11: stdin was read whole into memory before any limit applied."""
    path = tmp_path / "in"
    make(path)
    with open(path, "rb") as stdin:
        out = subprocess.run([sys.executable, "-c", _RSS, "-"], stdin=stdin, capture_output=True, text=True, check=True)
    codes, grown_mb = out.stdout.rsplit(" ", 1)
    assert codes == f"['{code}']", name
    assert int(grown_mb) < 40, f"reading {name} from stdin grew the process by {grown_mb} MB"


def test_warc_on_stdin_reads_like_the_file():
    warc = FIXTURES / "warc" / "wikinews-fr.warc.gz"
    script = "import sys\nfrom quidixit.read import read_sources\nprint([a.url for a in read_sources(['-'])])"
    with open(warc, "rb") as stdin:
        out = subprocess.run([sys.executable, "-c", script], stdin=stdin, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str([a.url for a in read_sources([warc])])
