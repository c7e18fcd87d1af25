from __future__ import annotations

import gzip
import io
import sys

import pytest

from quidixit.errors import UsageError
from quidixit.model import Article
from quidixit.read import detect_format, read_sources

from .conftest import FIXTURES

WARC = b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"


@pytest.mark.parametrize(
    "name, head, expected",
    [
        ("a.warc.gz", gzip.compress(WARC), "warc"),
        ("a.txt", WARC, "warc"),  # content wins over a wrong name for containers
        ("a.bin", gzip.compress(b"filedesc://x.arc 0.0.0.0 2008 text/plain 10\n"), "warc"),
        ("a.jsonl", b"{bad", "jsonl"),
        ("a.jsonl.gz", gzip.compress(b'{"text": "x"}\n'), "jsonl"),
        ("page", b"  <!DOCTYPE html><html><head>", "html"),
        ("page", b"<html lang='fr'><body>", "html"),
        ("data", b'{"text": "Bonjour"}\n{"text": "Salut"}\n', "jsonl"),
        ("note", b"Titre\n\nLe maire a dit <non> : fin.", "text"),
        ("-", b"Bonjour", "text"),
        ("a.HTM", b"Bonjour", "html"),
    ],
)
def test_detect_format(name, head, expected):
    assert detect_format(name, head) == expected


def test_format_can_be_forced(tmp_path):
    path = tmp_path / "page.dat"
    path.write_text("<html><body><p>Pas une page, du texte.</p></body></html>\n\nsuite", encoding="utf-8")
    (article,) = read_sources([path], format="text")
    assert article.text.startswith("<html>")
    with pytest.raises(UsageError, match=r"\[QX401\].*format"):
        list(read_sources([path], format="pdf"))


def test_directories_are_walked_sorted_recursively(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Deux\n\nLe maire a parlé.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("Un\n\nLe préfet a parlé.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Caché\n\nRien.", encoding="utf-8")
    sources = [a.source for a in read_sources([tmp_path])]
    assert sources == [str(tmp_path / "1.txt"), str(tmp_path / "b" / "2.txt")]


def test_stdin(monkeypatch):
    data = (FIXTURES / "warc" / "wikinews-fr.warc.gz").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(read_sources("-"))
    assert len(items) == 10 and all(isinstance(a, Article) for a in items)
    assert items[0].source == "-#https://fr.wikinews.org/wiki/43971"
