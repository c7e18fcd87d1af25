"""`quidixit ingest / search / speakers / stats / export`, through click's CliRunner, on real SQLite files."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from quidixit.cli import main
from quidixit.model import Analysis, Article, Content, Cue, Speaker, Statement
from quidixit.store import Store


def st(kind, content, name, typ="person", role=None, at=0):
    return Statement(kind, Content(at, at + len(content), content), Cue(0, 5, "a dit", "dire"),
                     Speaker(0, len(name), name, name, typ, role))


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "c.db"
    with Store(path) as s:
        s.write_batch([
            Analysis(Article(text="a", outlet="SANA", published="2017-06-01").with_id(), (
                st("direct", "Les terroristes constituent un danger", "Serguei Lavrov", role="ministre", at=0),
                st("indirect", "le ministère est légitime", "Lavrov", at=50),
            )),
            Analysis(Article(text="b", outlet="Le Monde", published="2018-03-10T09:00").with_id(), (
                st("direct", "Nous ne céderons pas", "Emmanuel Macron", at=0),
            )),
        ])
    return str(path)


def invoke(*args, **kw):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kw)


def test_search_table(db):
    r = invoke("search", "ministere", "--db", db)
    assert r.exit_code == 0
    assert r.stdout == (
        "published   outlet  speaker         kind      cue    content\n"
        "----------  ------  --------------  --------  -----  -------------------------\n"
        "2017-06-01  SANA    Serguei Lavrov  indirect  a dit  le ministère est légitime\n"
    )


def test_search_table_shows_the_mention_of_an_unresolved_speaker(tmp_path):
    path = tmp_path / "u.db"
    unresolved = Statement("indirect", Content(20, 41, "la grève continuerait"), Cue(4, 15, "ont affirmé", "affirmer"),
                           Speaker(0, 3, "Ils", None, "unknown"))
    with Store(path) as s:
        s.write_batch([Analysis(Article(text="Ils ont affirmé que la grève continuerait.", outlet="SANA",
                                        published="2017-06-01").with_id(), (unresolved,))])
    r = invoke("search", "greve", "--db", path)
    assert r.exit_code == 0
    assert r.stdout.splitlines()[2] == "2017-06-01  SANA    “Ils”    indirect  ont affirmé  la grève continuerait"
    r = invoke("search", "greve", "--db", path, "--format", "jsonl")
    hit = json.loads(r.stdout)
    assert (hit["speaker"], hit["speaker_text"], hit["speaker_id"], hit["field"]) == (None, "Ils", None, "text")


def test_search_says_which_field_the_offsets_index(tmp_path):
    path = tmp_path / "t.db"
    title = "Martin : la grève continuera"
    headline = Statement("headline", Content(9, 28, title[9:]), None, Speaker(0, 6, "Martin", "Paul Martin", "person"),
                         0.8, "title")
    with Store(path) as s:
        s.write_batch([Analysis(Article(text="Paul Martin a parlé aux grévistes.", title=title).with_id(), (headline,))])
    hit = json.loads(invoke("search", "greve", "--db", path, "--format", "jsonl").stdout)
    assert (hit["field"], hit["content_start"], hit["content_end"], hit["content"]) == ("title", 9, 28, "la grève continuera")
    assert title[hit["content_start"] : hit["content_end"]] == hit["content"]


def test_search_filters_and_jsonl(db):
    r = invoke("search", "--speaker", "Lavrov", "--kind", "direct", "--format", "jsonl", "--db", db)
    assert r.exit_code == 0
    (line,) = r.stdout.splitlines()
    d = json.loads(line)
    assert (d["speaker"], d["content"], d["outlet"], d["speaker_role"]) == (
        "Serguei Lavrov", "Les terroristes constituent un danger", "SANA", "ministre")
    r = invoke("search", "--since", "2018", "--format", "csv", "--db", db)
    from quidixit.rows import RECORD_COLUMNS

    assert r.stdout.splitlines()[0] == ",".join(RECORD_COLUMNS)  # the one CSV layout of a statement (issue 10)
    assert len(r.stdout.splitlines()) == 2 and "Nous ne céderons pas" in r.stdout


def test_search_bad_kind_is_a_usage_error(db):
    r = invoke("search", "x", "--kind", "quote", "--db", db)
    assert r.exit_code == 2
    assert "'quote' is not one of 'direct', 'indirect', 'mixed', 'according_to', 'headline'" in r.output


def test_speakers_table(db):
    r = invoke("speakers", "--db", db)
    assert r.exit_code == 0
    assert r.stdout == (
        "name             type    statements  articles  aliases  roles\n"
        "---------------  ------  ----------  --------  -------  --------\n"
        "Serguei Lavrov   person  2           1         Lavrov   ministre\n"
        "Emmanuel Macron  person  1           1\n"
    )
    r = invoke("speakers", "--format", "jsonl", "--limit", "1", "--db", db)
    assert json.loads(r.stdout)["aliases"] == ["Lavrov", "Serguei Lavrov"]


def test_stats_table_and_json(db):
    r = invoke("stats", "--db", db)
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["outlet", "articles", "statements", "per_article", "direct", "indirect", "mixed",
                                "according_to", "headline", "anonymous", "person", "organization", "document", "top_speakers"]
    assert lines[3].split() == ["SANA", "1", "2", "2.00", "50%", "50%", "0%", "0%", "0%", "0%", "100%", "0%", "0%",
                                "Serguei", "Lavrov", "(2)"]
    assert lines[4].split()[:4] == ["(all)", "2", "3", "1.50"]
    r = invoke("stats", "--format", "json", "--db", db)
    assert json.loads(r.stdout)["statements"] == 3


def test_export(db, tmp_path):
    out = tmp_path / "x.jsonl"
    r = invoke("export", "--format", "jsonl", "-o", out, "--db", db)
    assert r.exit_code == 0
    assert r.stderr == f"Wrote 2 articles to {out}.\n"
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["outlet"] == "SANA" and len(first["statements"]) == 2 and first["text"] == "a"
    r = invoke("export", "--format", "csv", "-o", "-", "--db", db)
    assert len(r.stdout.splitlines()) == 4


def test_db_from_environment(db):
    r = invoke("speakers", "--limit", "1", "--format", "jsonl", env={"QUIDIXIT_DB": db})
    assert json.loads(r.stdout)["name"] == "Serguei Lavrov"


def test_missing_store(tmp_path):
    missing = tmp_path / "none.db"
    r = invoke("search", "x", "--db", missing)
    assert r.exit_code == 1
    assert r.stderr == (f"Error: [QX303] The store {missing} does not exist. Create it with `quidixit ingest SOURCE "
                        f"--db {missing}`, or pass the right --db (or set QUIDIXIT_DB).\n")
    assert not missing.exists()


@pytest.mark.parametrize("command", ["ingest", "search", "speakers", "stats", "export"])
def test_help_ends_with_an_example(command):
    r = invoke(command, "--help")
    assert r.exit_code == 0
    doc = r.stdout.split("Options:")[0].rstrip().splitlines()
    assert doc[-2].strip() == "Example:" and doc[-1].strip().startswith("quidixit " + command)


@pytest.mark.slow
def test_ingest_stores_everything_and_fails_at_the_end(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("« Nous partirons demain », a déclaré le maire de Lyon devant le conseil municipal.", encoding="utf-8")
    (src / "b.txt").write_text("Selon la préfecture, deux mille personnes ont défilé samedi dans les rues de Nantes.", encoding="utf-8")
    (src / "c.txt").write_bytes(b"")
    db = tmp_path / "i.db"
    r = invoke("ingest", src, "--db", db, "--no-progress")
    assert r.exit_code == 1
    assert re.fullmatch(
        r"Read 3 documents: 2 new, 0 already present, 0 skipped \(language\), 1 failed; \d+ statements written\.\n", r.stdout)
    assert "[QX104]" in r.stderr and "c.txt" in r.stderr
    again = invoke("ingest", src / "a.txt", src / "b.txt", "--db", db, "--no-progress")
    assert again.exit_code == 0
    assert again.stdout == "Read 2 documents: 0 new, 2 already present, 0 skipped (language), 0 failed; 0 statements written.\n"
