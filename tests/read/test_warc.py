from __future__ import annotations

import gzip
import re

import pytest

from quidixit.model import Article, Failure, article_id
from quidixit.read import ReadStats, read_sources

from .conftest import FIXTURES, REPO, shared

WARCS = FIXTURES / "warc"


def _load_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_sample_warc", REPO / "scripts" / "make_sample_warc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_written_from_wikinews_pages_reads_back(tmp_path, gzipped):
    pages = sorted((FIXTURES / "wikinews").glob("*.html"))
    out = tmp_path / ("w.warc.gz" if gzipped else "w.warc")
    assert _load_script().write_sample_warc(pages, out, gzipped=gzipped) == len(pages)
    stats = ReadStats()
    items = list(read_sources([out], stats=stats))
    assert [type(i) for i in items] == [Article] * len(pages)
    for page, article in zip(pages, items):
        url = f"https://fr.wikinews.org/wiki/{page.stem}"
        assert article.url == url and article.source == f"{out}#{url}"
        assert article.id == article_id(article.text, url)
        assert article.meta["warc_record_id"].startswith("<urn:uuid:")
    assert stats.records == {"warcinfo": 1, "request": len(pages)}


def test_bundled_sample_warc():
    items = list(read_sources([REPO / "src" / "quidixit" / "data" / "sample" / "wikinews-fr.warc.gz"]))
    assert len(items) == 10 and all(isinstance(a, Article) and a.language == "fr" for a in items)


def test_ukwa_crawl_keeps_html_200_only_and_counts_the_rest():
    stats = ReadStats()
    items = list(read_sources([WARCS / "IAH-20080430204825-00000-blackbook-truncated.warc.gz"], languages=None, stats=stats))
    assert [type(i) for i in items] == [Article, Article]
    assert items[0].url == "http://www.archive.org/" and items[0].published == "2008-04-30T20:48:26Z"  # WARC-Date: the page has none
    assert items[0].text == "Please visit our website at: http://www.archive.org"
    assert items[1].url == "http://www.archive.org/index.php" and "48,893 concerts" in items[1].text
    assert stats.records == {"warcinfo": 1, "request": 7, "metadata": 7, "not-http": 1, "not-html": 5}


def test_arc_file_gives_the_same_pages_as_its_warc():
    warc = [a.text for a in read_sources([WARCS / "IAH-20080430204825-00000-blackbook-truncated.warc.gz"], languages=None)]
    stats = ReadStats()
    arc = list(read_sources([WARCS / "IAH-20080430204825-00000-blackbook-truncated.arc.gz"], languages=None, stats=stats))
    assert [a.text for a in arc] == warc
    assert arc[0].source.endswith("#http://www.archive.org/") and arc[0].published == "2008-04-30T20:48:26Z"
    assert stats.records == {"arcinfo": 1, "not-http": 1, "not-html": 5}


def test_broken_files_are_reported_not_fatal():
    stats = ReadStats()
    items = list(read_sources([WARCS], languages=None, stats=stats))
    by_file: dict[str, list] = {}
    for item in items:
        name = re.sub(r"@\d+$", "", item.source.split("#")[0]).split("/")[-1]
        by_file.setdefault(name, []).append(item)
    kinds = {name: [type(i).__name__ for i in v] for name, v in by_file.items()}
    assert kinds["example-trunc.warc"] == ["Article", "Failure"]
    assert by_file["example-trunc.warc"][1].source.endswith("example-trunc.warc@2566")
    assert kinds["bad.arc"] == ["Failure", "Failure"]
    assert all(f.code == "QX111" for f in by_file["bad.arc"])
    assert kinds["example-space-in-url.arc"] == ["Failure"] and "truncated" in by_file["example-space-in-url.arc"][0].message
    assert kinds["example-bad.warc.gz.bad"] == ["Article"]  # found by content, not by name
    assert kinds["example-iana.org-chunked.warc"] == ["Article"]  # chunked transfer encoding undone
    assert "Management of the DNS Root Zone" in by_file["example-iana.org-chunked.warc"][0].text
    assert kinds["example.warc.gz"] == ["Article"] and kinds["example.arc"] == ["Article"]
    assert kinds["wikinews-fr.warc.gz"] == ["Article"] * 10
    assert stats.failures == {"QX111": 4}


def test_reading_goes_on_after_a_corrupt_gzip_member(tmp_path):
    data = (WARCS / "wikinews-fr.warc.gz").read_bytes()
    members = [m for m in data.split(b"\x1f\x8b\x08") if m]
    members = [b"\x1f\x8b\x08" + m for m in members]
    assert len(members) == 21  # warcinfo + 10 x (request, response)
    broken = members[:4] + [members[4][:40] + b"\x00" * 40 + members[4][80:]] + members[5:]
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"".join(broken))
    items = list(read_sources([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Failure"] + ["Article"] * 8  # one page lost, not the file
    assert items[2].url.endswith("/44145")
    assert items[1].code == "QX111" and "reading goes on" in items[1].message


def test_truncated_warc_ends_with_a_failure(tmp_path):
    raw = gzip.decompress((WARCS / "wikinews-fr.warc.gz").read_bytes())
    path = tmp_path / "cut.warc"
    path.write_bytes(raw[: len(raw) - 900])
    items = list(read_sources([path]))
    assert [type(i).__name__ for i in items] == ["Article"] * 9 + ["Failure"]
    assert "truncated" in items[-1].message


def test_shared_warcio_fixtures_all_read_without_crashing():
    root = shared("data", "warc", "warcio_test_fixtures", "test", "data")
    items = list(read_sources([root], languages=None))
    assert sum(isinstance(i, Article) for i in items) >= 8
    assert all(i.code == "QX111" for i in items if isinstance(i, Failure))


def test_constructed_news_first_records(tmp_path):
    """The first 40 records of the 389-page news WARC (the whole file takes about a minute)."""
    src = shared("data", "warc", "constructed_news", "news_pages.warc.gz")
    with open(src, "rb") as f:
        data = f.read(3_000_000)
    cut = data.rfind(b"\x1f\x8b\x08")
    path = tmp_path / "head.warc.gz"
    path.write_bytes(data[:cut])
    stats = ReadStats()
    items = list(read_sources([path], languages=None, stats=stats))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) >= 5 and len(articles) == len(items)
    assert all(a.url and a.url.startswith("http") and a.source.startswith(f"{path}#") for a in articles)
    assert stats.records["request"] >= len(articles)
