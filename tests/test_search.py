"""One search (issue 10): the UI, the CLI and the Python API return the same rows for
the same filters, on a real SQLite file and the real server; dates given in words are
found by ISO bounds, inclusive at day, month and year; FTS covers role, cue and title."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

from quidixit import corpus
from quidixit.cli import main
from quidixit.model import Analysis, Article, Content, Cue, Speaker, Statement
from quidixit.read.normalise import normalise_article
from quidixit.search import Filters, count, search
from quidixit.store import Store, connect


def st(text, content, name, typ="person", role=None, kind="indirect", cue="a affirmé"):
    i = text.index(content)
    q = text.index(cue) if cue in text else None
    return Statement(kind, Content(i, i + len(content), content),
                     Cue(q, q + len(cue), cue, cue.split()[-1]) if q is not None else None,
                     Speaker(0, len(name), name, name, typ, role))


def art(n, published, outlet, title="Titre"):
    text = f"Article {n}. Lavrov a affirmé que la paix viendra {n}. Ils ont déclaré que rien ne change {n}."
    a = normalise_article(Article(text, id=f"a{n}", title=title, outlet=outlet, published=published))
    return a, text


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "s.db"
    items = []
    for n, (published, outlet) in enumerate([
        ("1er juin 2012", "fr.wikinews.org"), ("22 juin 2012", "Wikinews (fr)"), ("30 juin 2012", "Wikinews (fr)"),
        ("2012-06-30T23:30:00+02:00", "Wikinews (fr)"), ("31 mai 2012", "Wikinews (fr)"), ("1er juillet 2012", "SANA"),
        ("2013", "SANA"), ("pas une date", "SANA"),
    ]):
        a, text = art(n, published, outlet, title="Moscou : le ministre russe parle" if n == 1 else f"Titre {n}")
        items.append(Analysis(a, (
            st(text, f"la paix viendra {n}", "Serguei Lavrov", role="ministre russe des Affaires étrangères"),
            st(text, f"rien ne change {n}", "Ils", "unknown", cue="ont déclaré"),
        )))
    with Store(path) as s:
        s.write_batch(items)
    return path


def ids(rows):
    return [r["id"] for r in rows]


def cli_ids(db, *args):
    r = CliRunner().invoke(main, ["search", *args, "--db", str(db), "--limit", "0", "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    return [json.loads(line)["id"] for line in r.stdout.splitlines()]


@pytest.fixture(scope="module")
def server(db):
    from tests.ui._server import running_server

    with running_server(db) as base:
        yield base


def ui_ids(base, query):
    out, page = [], 1
    while True:
        with urllib.request.urlopen(f"{base}/search.json?{query}&_page={page}", timeout=30) as r:
            d = json.load(r)
        out += [h["id"] for h in d["hits"]]
        if len(out) >= d["total"] or not d["hits"]:
            return out
        page += 1


CASES = [  # (API keywords, CLI options, UI query string)
    (dict(since="2012-06", until="2012-06"), ["--since", "2012-06", "--until", "2012-06"], "from=2012-06&to=2012-06"),
    (dict(until="2012"), ["--until", "2012"], "to=2012"),
    (dict(since="2012-06-30", until="2012-06-30"), ["--since", "2012-06-30", "--until", "2012-06-30"],
     "from=2012-06-30&to=2012-06-30"),
    (dict(query="paix", outlet="wikinews (fr)"), ["paix", "--outlet", "wikinews (fr)"], "q=paix&outlet=Wikinews+(fr)"),
    (dict(speaker="Lavrov", kind="indirect"), ["--speaker", "Lavrov", "--kind", "indirect"], "speaker=Lavrov&kind=indirect"),
    (dict(speaker_type="unknown", since="2012"), ["--speaker-type", "unknown", "--since", "2012"],
     "speaker_type=unknown&from=2012"),
    (dict(query="ministre russe"), ["ministre russe"], "q=ministre+russe"),
    (dict(), [], "x=1"),
]


@pytest.mark.parametrize("api, cli, ui", CASES)
def test_ui_cli_and_api_return_the_same_rows(db, server, api, cli, ui):
    rows = ids(corpus.search(db, limit=None, **api))
    assert rows, api
    assert cli_ids(db, *cli) == rows
    assert ui_ids(server, ui) == rows


def test_june_2012_holds_all_of_june_whatever_the_date_form(db):
    rows = corpus.search(db, since="2012-06", until="2012-06", limit=None)
    assert sorted({r["article_id"] for r in rows}) == ["a0", "a1", "a2", "a3"]
    assert all(r["published"].startswith("2012-06") for r in rows)
    # newest first, by the real date
    assert [r["published"] for r in rows][::2] == ["2012-06-30T23:30:00+02:00", "2012-06-30", "2012-06-22", "2012-06-01"]


def test_an_unreadable_date_is_null_and_kept_raw(db):
    conn = connect(db)
    row = conn.execute("SELECT published, meta FROM articles WHERE id = 'a7'").fetchone()
    assert row[0] is None and json.loads(row[1])["published_raw"] == "pas une date"


def test_fts_covers_role_cue_and_title_and_hits_show_the_cue(db):
    conn = connect(db)
    by_role = search(conn, Filters(text="ministre russe"), limit=None)
    assert by_role and all(r["speaker"] == "Serguei Lavrov" or r["article_id"] == "a1" for r in by_role)
    assert search(conn, Filters(text="declare"), limit=None)  # the cue "ont déclaré"
    assert {r["article_id"] for r in search(conn, Filters(text="Moscou"), limit=None)} == {"a1"}  # the title
    assert all(r["cue"] and r["cue_text"] for r in by_role)


def test_counts_are_precomputed_and_right(db):
    conn = connect(db)
    for f in (Filters(), Filters(kind="indirect"), Filters(speaker_type="unknown"), Filters(outlet="SANA"),
              Filters(outlet="wikinews (fr)"), Filters(since="2012-06", until="2012-06")):
        assert count(conn, f) == len(search(conn, f, limit=None)), f
    assert conn.execute("SELECT n FROM counts WHERE facet = ''").fetchone()[0] == 16


def test_outlets_are_one_name(db):
    conn = connect(db)
    assert [r[0] for r in conn.execute("SELECT name FROM outlets ORDER BY name")] == ["SANA", "Wikinews (fr)"]


def test_keyset_pages_are_the_offset_pages(db):
    from quidixit.search import cursor

    conn = connect(db)
    for f in (Filters(), Filters(kind="indirect"), Filters(since="2012-06", until="2012")):
        everything = search(conn, f, limit=None)
        pages, after = [], None
        while True:
            page = search(conn, f, limit=3, after=after) if after else search(conn, f, limit=3)
            if not page:
                break
            pages += page
            after = cursor(page[-1])
        assert ids(pages) == ids(everything), f
    with pytest.raises(Exception):
        search(conn, Filters(text="paix"), limit=3, after=("2012", "a1", 0))


def test_ui_next_links_page_by_keyset_with_the_same_rows(db, server):
    from urllib.parse import quote

    for query in ("x=1", "kind=indirect", "from=2012-06&to=2012"):
        # 50 a page in the UI: the store holds 16 statements, so page 2 by keyset is made by hand
        with urllib.request.urlopen(f"{server}/search.json?{query}", timeout=30) as r:
            first = json.load(r)
        rows = corpus.search(db, limit=None, **{"x=1": {}, "kind=indirect": {"kind": "indirect"},
                                                 "from=2012-06&to=2012": {"since": "2012-06", "until": "2012"}}[query])
        assert [h["id"] for h in first["hits"]] == ids(rows)
        assert first["next"] is None  # one page only
        cut = rows[2]
        after = json.dumps([cut["published"], cut["article_id"], cut["idx"], 2])
        with urllib.request.urlopen(f"{server}/search.json?{query}&_after={quote(after)}", timeout=30) as r:
            rest = json.load(r)
        assert [h["id"] for h in rest["hits"]] == ids(rows[3:])
    bad = urllib.request.Request(f"{server}/search.json?_after=nonsense")
    try:
        urllib.request.urlopen(bad, timeout=30)
        raise AssertionError("a bad _after must be refused")
    except urllib.error.HTTPError as err:
        assert err.code == 400
