"""Each article goes to its language's pack: in one process, in workers, and into the store."""

from __future__ import annotations

import sqlite3

import pytest

from quidixit import corpus
from quidixit.model import Analysis, Article
from quidixit.pipeline import analyze_many, article_language, model_for
from quidixit.run.local import run

pytestmark = pytest.mark.slow

FR = Article(text="Le ministre a affirmé que le projet serait abandonné.", language="fr")
EN = Article(text="The minister said that the project would be dropped.", language="en")
UNKNOWN = Article(text="« Nous resterons », a dit la maire.")


def _cues(result) -> list[tuple[str, str]]:
    assert isinstance(result, Analysis), result
    return [(st.cue.text if st.cue else None, st.content.text) for st in result.statements]


def test_article_language_and_model_for():
    assert [article_language(a) for a in (FR, EN, UNKNOWN)] == ["fr", "en", "fr"]
    assert article_language(Article(text="x", language="de")) == "fr"  # no pack: the readers skip those before
    assert article_language(EN, "fr") == "fr"
    assert model_for("en", "fr_core_news_sm") is None and model_for("fr", "fr_core_news_sm") == "fr_core_news_sm"
    assert model_for("en", "fr_core_news_sm", forced="en") == "fr_core_news_sm"  # forced: the model serves all


def test_analyze_many_routes_each_article_and_keeps_the_order():
    results = list(analyze_many([EN, FR, UNKNOWN, EN], lang=None))
    assert [_cues(r) for r in results] == [
        [("said", "the project would be dropped")],
        [("a affirmé", "le projet serait abandonné")],
        [("a dit", "Nous resterons")],
        [("said", "the project would be dropped")],
    ]
    # forced French: the English article's cue is no French cue
    assert _cues(next(iter(analyze_many([EN], lang="fr")))) == []


def test_workers_route_as_one_process_does():
    one = [_cues(r) for r in run([FR, EN, UNKNOWN] * 3, workers=1, lang=None, chunk_size=2)]
    two = [_cues(r) for r in run([FR, EN, UNKNOWN] * 3, workers=2, lang=None, chunk_size=2)]
    assert one == two and one[1] == [("said", "the project would be dropped")]


def test_a_mixed_corpus_ingests_in_one_run(tmp_path):
    src = tmp_path / "mixed.jsonl"
    src.write_text(
        '{"id": "f", "text": "Le ministre a affirmé que le projet serait abandonné.", "language": "fr"}\n'
        '{"id": "e", "text": "The minister said that the project would be dropped.", "language": "en"}\n'
        '{"id": "d", "text": "Der Minister sagte, das Projekt werde aufgegeben.", "language": "de"}\n',
        encoding="utf-8")
    db = tmp_path / "corpus.db"
    summary = corpus.ingest([str(src)], db=db, progress=False)
    assert (summary.new, summary.skipped) == (2, 1)
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT a.language, s.cue_text, s.content_text FROM statements s JOIN articles a ON a.id = s.article_id"
            " ORDER BY a.language").fetchall()
    finally:
        conn.close()
    assert rows == [("en", "said", "the project would be dropped"), ("fr", "a affirmé", "le projet serait abandonné")]
