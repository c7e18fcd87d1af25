"""Routes, JSON and CSV of the UI through Datasette's test client (no browser),
the segmenting of article text, and that serving never writes to the store."""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import json
import sqlite3

import pytest

pytest.importorskip("datasette", reason="the UI needs `pip install datasette`")

from quidixit.errors import StoreError  # noqa: E402
from quidixit.ui import make_datasette  # noqa: E402
from quidixit.ui.render import segment_text, timeline  # noqa: E402

from .conftest import HOSTILE  # noqa: E402


def run(coro):
    return asyncio.run(coro)


@pytest.fixture(scope="module")
def ds(store_path):
    d = make_datasette(store_path)
    run(d.invoke_startup())
    return d


def get(ds, path):
    return run(ds.client.get(path))


def borne_id(store_path):
    with sqlite3.connect(store_path) as c:
        return c.execute("SELECT id FROM speakers WHERE name = 'Élisabeth Borne'").fetchone()[0]


@pytest.mark.parametrize("path", [
    "/", "/search", "/search?q=retraites", "/search?q=borne&kind=direct&from=2023-01-01&to=2023-01-31",
    "/articles/art-lemonde-1", "/articles/art-figaro-1", "/articles/art-hostile",
    "/speakers", "/outlets", "/outlets/lemonde.fr", "/outlets/exemple.fr",
    "/corpus", "/corpus/statements?_facet=kind", "/corpus/statements.json?_search=retraites",
])
def test_pages_answer(ds, path):
    r = get(ds, path)
    assert r.status_code == 200, r.text[:500]


@pytest.mark.parametrize("path", ["/articles/nope", "/speakers/nope", "/outlets/nope", "/articles/nope.json", "/search?_format=xml"])
def test_missing_is_404(ds, path):
    assert get(ds, path).status_code == 404


def test_search_json_filters_and_facets(ds):
    r = get(ds, "/search.json?q=borne")
    d = r.json()
    assert r.headers["content-type"].startswith("application/json")
    # her 4 statements, and the 2 others of an article whose title names her (FTS covers titles)
    assert d["total"] == 6
    assert {h["article_id"] for h in d["hits"]} == {"art-lemonde-1", "art-figaro-1"}
    assert [h["speaker"] for h in d["hits"][:2]] == ["Élisabeth Borne"] * 2  # best matches first
    assert {f["label"] for f in d["facets"]["speaker"]} == {"Élisabeth Borne", "CGT", "Laurent Berger"}
    assert {f["value"]: f["count"] for f in d["facets"]["kind"]} == {"direct": 2, "indirect": 2, "mixed": 1, "according_to": 1}
    # same through ?_format=json, and filters narrow
    d2 = get(ds, "/search?q=borne&kind=direct&_format=json").json()
    assert d2["total"] == 2 and all(h["kind"] == "direct" for h in d2["hits"])
    d3 = get(ds, "/search.json?outlet=lefigaro.fr&speaker_type=anonymous").json()
    assert [h["content_text"] for h in d3["hits"]] == ["Rien n'est joué"]
    d4 = get(ds, "/search.json?from=2023-02-01&to=2023-02-05").json()
    assert {h["article_id"] for h in d4["hits"]} == {"art-figaro-1"}
    # accents and FTS syntax in the query are harmless
    assert get(ds, "/search.json?q=réforme").json()["total"] >= 1
    assert get(ds, '/search.json?q=%22 OR OR NOT (').status_code == 200


def test_search_by_speaker_id(ds, store_path):
    sid = borne_id(store_path)
    d = get(ds, f"/search.json?speaker={sid}").json()
    assert d["total"] == 4 and {h["speaker"] for h in d["hits"]} == {"Élisabeth Borne"}
    html = get(ds, f"/search?speaker={sid}").text
    assert "speaker: Élisabeth Borne" in html  # the active filter chip shows the name, not the id


def test_csv_exports(ds, store_path):
    for path, n in [("/search.csv?q=borne", 6), ("/articles/art-lemonde-1.csv", 4),
                    (f"/speakers/{borne_id(store_path)}.csv", 4), ("/outlets/lefigaro.fr.csv", 5)]:
        r = get(ds, path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert len(rows) == n, path
        assert {"content_text", "speaker_name", "kind", "outlet", "published", "article_id"} <= set(rows[0])


def test_article_json_matches_store(ds, store_path):
    d = get(ds, "/articles/art-lemonde-1.json").json()
    assert d["article"]["outlet"] == "lemonde.fr"
    assert d["article"]["boilerplate"][0]["kind"] == "byline"
    with sqlite3.connect(store_path) as c:
        stored = [r[0] for r in c.execute("SELECT content_text FROM statements WHERE article_id = 'art-lemonde-1' ORDER BY idx")]
    assert [s["content_text"] for s in sorted(d["statements"], key=lambda s: s["idx"])] == stored


def test_article_html_escapes_everything(ds):
    html = get(ds, "/articles/art-hostile").text
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Martin" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    for path in ("/search?q=alert", "/outlets/exemple.fr", "/speakers"):
        page = get(ds, path).text
        assert "<img src=x" not in page and "<script>alert" not in page, path


def test_speaker_and_outlet_json(ds, store_path):
    sid = borne_id(store_path)
    d = get(ds, f"/speakers/{sid}.json").json()
    assert d["speaker"]["name"] == "Élisabeth Borne"
    assert {a["alias"] for a in d["aliases"]} == {"Élisabeth Borne", "Borne"}
    assert [r["role"] for r in d["roles"]] == ["Première ministre"]
    assert [(m["month"], m["n"]) for m in d["months"]] == [("2023-01", 2), ("2023-02", 2)]
    assert {o["outlet"] for o in d["outlets"]} == {"lemonde.fr", "lefigaro.fr"}
    o = get(ds, "/outlets/lefigaro.fr.json").json()
    assert o["n_statements"] == 5 and o["n_articles"] == 1
    assert o["anonymous_share"] == pytest.approx(0.2)
    assert o["speaker_type_shares"]["document"] == pytest.approx(0.2)
    # the numbers are those of `quidixit stats` (corpus.stats)
    from quidixit.corpus import stats

    ref = next(x for x in stats(str(store_path), top=15)["outlets"] if x["outlet"] == "lefigaro.fr")
    assert o["anonymous_share"] == ref["anonymous"] and o["statements_per_article"] == ref["statements_per_article"]
    assert [s["name"] for s in o["top_speakers"]] == [n for n, _ in ref["top_speakers"]]


def test_serving_never_writes(store_path, tmp_path):
    import shutil

    copy = tmp_path / "copy.db"
    shutil.copy(store_path, copy)
    before = (hashlib.sha256(copy.read_bytes()).hexdigest(), copy.stat().st_mtime_ns)
    d = make_datasette(copy)
    run(d.invoke_startup())
    for path in ("/", "/search?q=borne", "/articles/art-lemonde-1", "/outlets/lemonde.fr", "/speakers",
                 "/copy/statements.csv", "/search.csv"):
        assert get(d, path).status_code == 200
    # Datasette refuses writes on an immutable database
    assert run(d.client.post("/copy/-/create", json={"table": "x", "rows": [{"a": 1}]})).status_code in (403, 400, 404, 405)
    for db in d.databases.values():
        db.close()
    after = (hashlib.sha256(copy.read_bytes()).hexdigest(), copy.stat().st_mtime_ns)
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db"]  # no -wal, -shm or journal


def test_missing_store_is_a_clean_error(tmp_path):
    with pytest.raises(StoreError, match="QX301"):
        make_datasette(tmp_path / "nope.db")


def test_serve_command_help():
    from click.testing import CliRunner

    from quidixit.cli import main

    r = CliRunner().invoke(main, ["serve", "--help"])
    assert r.exit_code == 0 and "127.0.0.1" in r.output and "Example:" in r.output
    r = CliRunner().invoke(main, ["serve", "--db", "/nonexistent/x.db"])
    assert r.exit_code != 0 and "QX301" in r.output


# ------------------------------------------------------------------ segmenting


def st(start, end, kind="direct", name="A", **kw):
    return {"content_start": start, "content_end": end, "kind": kind, "speaker_name": name, **kw}


def test_segments_nested_and_overlapping():
    text = "0123456789"
    segs = segment_text(text, [st(1, 8, "indirect"), st(3, 5, "mixed"), st(6, 9, "direct", "B")])
    assert "".join(s.text for s in segs) == text
    cover = {i: "".join(s.text for s in segs if i in s.st) for i in range(3)}
    assert cover == {0: "1234567", 1: "34", 2: "678"}
    inner = next(s for s in segs if s.text == "34")
    assert "qx-k-mixed" in inner.classes and "qx-nested" in inner.classes  # innermost decides the style
    assert [s.anchors for s in segs if s.anchors] == [[0], [1], [2]]


def test_segments_cue_speaker_boilerplate_scare_and_bad_offsets():
    text = "Par X. « Oui », dit Paul. Un « mot »."
    s = st(9, 12, cue_start=16, cue_end=19, speaker_start=20, speaker_end=24, name="Paul")
    segs = segment_text(text, [s, st(50, 60), st(5, 2), st(None, 3)],
                        boilerplate=json.dumps([{"start": 0, "end": 6, "kind": "byline"}]),
                        scare_quotes="[[29, 36]]")
    assert "".join(x.text for x in segs) == text
    by_text = {x.text: x for x in segs}
    assert "qx-cue" in by_text["dit"].classes and by_text["dit"].of == [0]
    assert "qx-spk" in by_text["Paul"].classes
    assert "qx-bp" in by_text["Par X."].classes and "qx-bp-byline" in by_text["Par X."].classes
    assert "qx-sq" in by_text["« mot »"].classes


def test_segments_keep_hostile_text_as_text():
    segs = segment_text(HOSTILE, [st(0, 10, kind='x" onmouseover="alert(1)')])
    assert "".join(s.text for s in segs) == HOSTILE
    assert all('"' not in c and " " not in c for s in segs for c in s.classes)


def test_timeline_fills_missing_months():
    t = timeline([("2023-11", 2), ("2024-02", 1)])
    assert [c["period"] for c in t["cols"]] == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert [c["count"] for c in t["cols"]] == [2, 0, 0, 1]


def test_regression_10_hits_show_the_cue(ds):
    html = get(ds, "/search?q=reculerons").text
    assert '<span class="qx-cue" title="cue">a déclaré</span>' in html


def test_regression_10_speakers_filtered_by_type_and_name(ds):
    orgs = get(ds, "/speakers.json?type=organization").json()["speakers"]
    assert orgs and all(s["type"] == "organization" for s in orgs)
    found = get(ds, "/speakers.json?q=borne").json()["speakers"]
    assert [s["name"] for s in found] == ["Élisabeth Borne"]
    html = get(ds, "/speakers?q=zzzz").text
    assert "No speaker matches." in html


def test_regression_10_an_unknown_kind_is_a_400_that_says_why(ds):
    r = get(ds, "/search.json?kind=quote")
    assert r.status_code == 400 and "QX401" in r.json()["error"]
