"""A real store for the export tests: the example article, a few Wikinews articles of the bundled
sample and a short article with characters outside the BMP, analysed by the real pipeline."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from quidixit import corpus
from quidixit.model import Article

SAMPLE = resources.files("quidixit") / "data" / "sample"
EMOJI = Article(
    text="🌍 Climat : « Nous gagnerons 🎉 ensemble », a déclaré le maire de Lyon, Grégory Doucet.\n\n"
         "Selon la préfecture 🏛️, deux mille personnes ont défilé samedi.",
    title="Climat : la marche",
    url="https://example.org/climat-🎉",
    outlet="Exemple",
    published="2024-03-02",
)


@pytest.fixture(scope="session")
def store(tmp_path_factory):
    """The path of a store holding 1 + 6 + 1 analysed articles."""
    db = tmp_path_factory.mktemp("export") / "corpus.db"
    lines = (SAMPLE / "wikinews-fr.jsonl").read_text(encoding="utf-8").splitlines()[:6]
    example = Article(text=(SAMPLE / "sana-lavrov-2017-fr.txt").read_text(encoding="utf-8"), outlet="SANA",
                      published="2017", source="sana-lavrov-2017-fr.txt")
    articles = [example, *(Article.from_dict(json.loads(line)) for line in lines), EMOJI]
    summary = corpus.ingest(articles, db=db, progress=False)
    assert summary.ok and summary.new == 8 and summary.statements > 30, summary
    return str(db)


@pytest.fixture(scope="session")
def analyses(store):
    return list(corpus.analyses(store))
