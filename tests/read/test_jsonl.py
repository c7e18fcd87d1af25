from __future__ import annotations

import json

from quidixit.model import Article, article_id
from quidixit.read import read_sources

from .conftest import SAMPLE


def test_bundled_wikinews_sample_reads_whole():
    path = SAMPLE / "wikinews-fr.jsonl"
    items = list(read_sources([path]))
    assert len(items) == 100 and all(isinstance(a, Article) for a in items)
    first = items[0]
    assert first.source == f"{path}:1"
    assert first.meta["external_id"] == "43971"
    assert first.id == article_id(first.text, None)
    assert first.published == "2012-05-22" and first.outlet == "Wikinews (fr)"  # ISO (issue 10)
    assert first.meta["published_raw"] == "22 mai 2012"
    assert first.title.startswith("États-Unis")
    again = [a.id for a in read_sources([path])]
    assert again == [a.id for a in items]  # ingesting twice gives the same ids


def test_bad_lines_fail_and_reading_goes_on(tmp_path):
    lines = [
        json.dumps({"id": 7, "text": "Le maire a dit : « Non ».", "url": "https://ex.fr/1", "language": "fr-FR", "section": "ville"}),
        "{not json",
        "",
        json.dumps({"title": "sans texte"}),
        json.dumps([1, 2]),
        json.dumps({"text": "Il a ajouté que rien ne changerait.", "date": "2020-01-02", "language": "fr"}),
        json.dumps({"text": "The mayor said no.", "language": "en"}),
    ]
    path = tmp_path / "a.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"text": "\xff"}\n')
    items = list(read_sources([path]))
    kinds = [(type(i).__name__, i.source.rsplit(":", 1)[1], getattr(i, "code", None)) for i in items]
    assert kinds == [
        ("Article", "1", None),
        ("Failure", "2", "QX105"),
        ("Failure", "4", "QX106"),
        ("Failure", "5", "QX105"),
        ("Article", "6", None),
        ("Skipped", "7", None),
        ("Failure", "8", "QX105"),
    ]
    first = items[0]
    assert first.id == article_id(first.text, "https://ex.fr/1")
    assert first.meta == {"external_id": "7", "section": "ville", "language_given": "fr-FR"}
    assert first.language == "fr"
    assert items[4].published == "2020-01-02"
    assert items[5].reason == "language" and items[5].language == "en"
