from __future__ import annotations

from quidixit.model import Article, Skipped
from quidixit.read import ReadStats, read_sources
from quidixit.read.language import detect_language, normalize_language


def test_detects_the_languages_news_comes_in():
    assert detect_language("Le ministre des Affaires étrangères a déclaré mardi que les négociations reprendraient.") == "fr"
    assert detect_language("The foreign minister said on Tuesday that the talks would resume.") == "en"
    assert detect_language("Der Außenminister sagte am Dienstag, die Gespräche würden fortgesetzt.") == "de"
    assert detect_language("Министр иностранных дел заявил во вторник, что переговоры возобновятся.") == "ru"
    assert detect_language("12 345 — 678") is None


def test_normalize_language():
    assert [normalize_language(x) for x in ("fr-FR", "FR", "fr_CA", "", None)] == ["fr", "fr", "fr", None, None]


def test_other_languages_come_out_as_skipped_never_dropped(tmp_path):
    (tmp_path / "en.txt").write_text("Headline\n\nThe minister said the talks would resume next week.", encoding="utf-8")
    (tmp_path / "fr.txt").write_text("Titre\n\nLe ministre a dit que les pourparlers reprendraient.", encoding="utf-8")
    stats = ReadStats()
    items = list(read_sources([tmp_path], stats=stats))
    assert [type(i) for i in items] == [Skipped, Article]
    assert items[0].reason == "language" and items[0].language == "en" and items[0].article_id
    assert stats.skipped == {"language": 1} and stats.articles == 1
    assert len(list(read_sources([tmp_path], languages=("fr", "en")))) == 2
    assert all(isinstance(i, Article) for i in read_sources([tmp_path], languages=None))


def test_given_language_is_trusted(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "The minister said the talks would resume.", "language": "fr"}\n', encoding="utf-8")
    (article,) = read_sources([path])
    assert isinstance(article, Article) and article.language == "fr"


def test_no_detection_keeps_unknown_languages(tmp_path):
    (tmp_path / "en.txt").write_text("Headline\n\nThe minister said so.", encoding="utf-8")
    (article,) = read_sources([tmp_path], detect_language=False)
    assert isinstance(article, Article) and article.language is None
