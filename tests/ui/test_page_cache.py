"""The page cache (issue 10): a page asked for again comes from the cache, until the
store file changes; only complete 200 answers to GET without cookies are kept. Against
the real server on loopback."""

from __future__ import annotations

import http.client
import os
import shutil
from urllib.parse import urlsplit

import pytest

from .conftest import build_store
from ._server import running_server


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    path = build_store(tmp_path_factory.mktemp("cache") / "c.db")
    with running_server(path) as base:
        yield path, urlsplit(base).port


def ask(port, path, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", path, headers=headers or {})
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, r.getheader("x-qx-cache"), body


def test_a_page_asked_again_is_a_hit_with_the_same_bytes(served):
    _, port = served
    for path in ("/search?q=borne", "/search.json?kind=direct", "/articles/art-lemonde-1", "/speakers", "/outlets"):
        status, first, body = ask(port, path)
        assert status == 200 and first == "miss", path
        status, second, again = ask(port, path)
        assert (status, second, again) == (200, "hit", body), path


def test_what_is_not_kept(served):
    _, port = served
    assert ask(port, "/articles/nope")[:2] == (404, "miss")
    assert ask(port, "/articles/nope")[1] == "miss"  # a 404 is not kept
    assert ask(port, "/-/qx/qx.css")[1] is None  # not a quidixit page
    ask(port, "/search?q=cgt")
    assert ask(port, "/search?q=cgt", {"cookie": "ds_actor=x"})[1] is None  # a request with a cookie bypasses it


def test_a_change_of_the_store_file_drops_the_pages(served):
    path, port = served
    ask(port, "/search?q=retraites")
    assert ask(port, "/search?q=retraites")[1] == "hit"
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # as a writer would leave it
    assert ask(port, "/search?q=retraites")[1] == "miss"
    assert ask(port, "/search?q=retraites")[1] == "hit"


def test_page_cache_0_keeps_nothing(tmp_path):
    from quidixit.ui.cache import PageCache

    path = build_store(tmp_path / "n.db")
    assert PageCache(path, max_bytes=0).max_bytes == 0
    from quidixit.ui import make_datasette

    ds = make_datasette(path, page_cache_mb=0)
    ds.app()
    assert getattr(ds, "_qx_page_cache", None) is None
    shutil.rmtree(tmp_path, ignore_errors=True)
