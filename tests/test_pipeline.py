"""The pipeline API: a document that breaks a rule becomes a Failure; the batch goes on."""

import importlib

import pytest

import quidixit
from quidixit.model import Article, Failure


@pytest.mark.slow
def test_rule_crash_is_a_failure_and_the_batch_goes_on(monkeypatch):
    import quidixit.attribution as rules

    real = rules.find_statements

    def flaky(doc, lexicon, **settings):
        if "BOOM" in doc.text:
            raise RuntimeError("boom")
        return real(doc, lexicon, **settings)

    monkeypatch.setattr(rules, "find_statements", flaky)
    arts = [
        Article(text="Le maire a déclaré que la route serait fermée."),
        Article(text="BOOM a dit que rien."),
        Article(text="Selon la police, trois personnes ont été blessées."),
    ]
    out = list(quidixit.analyze_many(arts))
    assert [type(x).__name__ for x in out] == ["Analysis", "Failure", "Analysis"]
    assert isinstance(out[1], Failure) and out[1].code == "QX150" and out[1].stage == "extract"
    assert "RuntimeError: boom" in out[1].message
    assert out[0].statements and out[2].statements


@pytest.mark.slow
def test_bad_inputs_in_a_batch_are_failures_with_codes():
    arts = [Article(text="   "), Article(text="a\x00b"), Article(text="Il a dit que oui, la ville changera.")]
    out = list(quidixit.analyze_many(arts))
    assert [getattr(x, "code", None) for x in out[:2]] == ["QX104", "QX103"]
    assert out[2].statements[0].speaker is not None


@pytest.mark.slow
def test_extract_stays_a_function_after_the_rules_are_imported():
    """Regression: the rules once lived in a subpackage named ``quidixit.extract``, whose
    first import replaced the function ``quidixit.extract`` by the module."""
    first = quidixit.extract("Le maire a déclaré que la route serait fermée.")
    importlib.import_module("quidixit.attribution.cues")  # what a user's own code may import

    assert callable(quidixit.extract)
    again = quidixit.extract("Le maire a déclaré que la route serait fermée.")
    assert [s.content.text for s in again] == [s.content.text for s in first] == ["la route serait fermée"]


# -- titles: analysed wherever they come from, once ------------------------------

TITLE = "Lavrov : les sanctions européennes n'auront aucun effet sur Moscou"
BODY = (
    "Le ministre russe des Affaires étrangères, Serguei Lavrov, a affirmé mardi que les sanctions "
    "européennes resteraient sans effet sur l'économie russe.\n\n"
    "Lors d'une conférence de presse à Moscou, Lavrov a dit que la Russie poursuivrait le dialogue "
    "avec ses partenaires asiatiques."
)
HEADLINE = "les sanctions européennes n'auront aucun effet sur Moscou"


def _headlines(analysis):
    return [s for s in analysis.statements if s.kind == "headline"]


def _check_title_headline(analysis, title=TITLE):
    (st,) = _headlines(analysis)
    assert st.field == "title"
    assert (st.content.start, st.content.end) == (title.index(HEADLINE), len(title))
    assert title[st.content.start : st.content.end] == st.content.text == HEADLINE
    assert (st.speaker.start, st.speaker.end, st.speaker.text) == (0, 6, "Lavrov")
    assert (st.speaker.name, st.speaker.type) == ("Serguei Lavrov", "person")
    assert analysis.statements[0] is st  # title statements come first
    # the text's own statements are those of the text alone
    body = [s for s in analysis.statements if s.field == "text"]
    assert body == list(quidixit.analyze(Article(text=analysis.article.text)).statements)


@pytest.mark.slow
def test_jsonl_title_gives_its_headline_with_offsets_into_the_title(tmp_path):
    import json

    from quidixit.read import read_sources

    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a1", "title": TITLE, "text": BODY}, ensure_ascii=False) + "\n", encoding="utf-8")
    (art,) = read_sources([path])
    assert art.title == TITLE and art.text == BODY
    _check_title_headline(quidixit.analyze(art))
    (many,) = quidixit.analyze_many([art])
    _check_title_headline(many)
    assert many.to_dict()["statements"][0]["field"] == "title"


@pytest.mark.slow
def test_titles_in_a_batch_stay_with_their_articles():
    arts = [
        Article(text=BODY, title=TITLE, id="1"),
        Article(text="   ", title=TITLE, id="2"),  # bad text: a Failure, its title is not analysed
        Article(text="Le maire a déclaré que la route serait fermée.", title="Travaux : la route fermée", id="3"),
        Article(text=BODY, id="4"),
        Article(text=BODY, title=TITLE, id="5"),
    ]
    out = list(quidixit.analyze_many(arts, batch_size=2))
    assert [type(x).__name__ for x in out] == ["Analysis", "Failure", "Analysis", "Analysis", "Analysis"]
    _check_title_headline(out[0])
    _check_title_headline(out[4])
    assert [s.field for s in out[2].statements] == ["text"]  # "Travaux" is a topic, not a speaker
    assert all(s.field == "text" for s in out[3].statements)


@pytest.mark.slow
def test_text_file_title_line_gives_the_headline_once(tmp_path):
    from quidixit.read import read_sources

    path = tmp_path / "article.txt"
    path.write_text(TITLE + "\n\n" + BODY, encoding="utf-8")
    (art,) = read_sources([path])
    assert art.title == TITLE
    (st,) = _headlines(quidixit.analyze(art))
    assert st.field == "text" and st.content.text == HEADLINE and st.speaker.name == "Serguei Lavrov"
    (many,) = quidixit.analyze_many([art])
    assert len(_headlines(many)) == 1


def _page(head: str, body: str) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">{head}</head>'
            f"<body><article>{body}{paras}</article></body></html>").encode("utf-8")


@pytest.mark.slow
def test_html_title_gives_its_headline_and_a_repeated_heading_gives_it_once():
    pytest.importorskip("trafilatura")
    from html import escape

    from quidixit.read import read_html

    head = f'<meta property="og:title" content="{escape(TITLE)}"><title>{escape(TITLE)}</title>'
    art = read_html(_page(head, ""), "page.html")
    assert art.title == TITLE and not art.text.startswith("Lavrov")
    _check_title_headline(quidixit.analyze(art))
    # the heading repeated at the top of the text: the text's headline, not the title's too
    art = read_html(_page(head, f"<h1>{escape(TITLE)}</h1>"), "page.html")
    assert art.text.startswith(TITLE + "\n")
    (st,) = _headlines(quidixit.analyze(art))
    assert st.field == "text" and st.speaker.name == "Serguei Lavrov"


@pytest.mark.slow
def test_html_fixture_title_with_a_place_gives_no_statement():
    from pathlib import Path

    from quidixit.read import read_sources

    pytest.importorskip("trafilatura")
    (art,) = read_sources([Path(__file__).parent / "fixtures" / "read" / "wikinews" / "44231.html"])
    assert art.title == "France : disparition de Thierry Roland" and not art.text.startswith("France :")
    assert [s for s in quidixit.analyze(art).statements if s.field == "title"] == []


def test_tokenizer_keeps_a_name_with_an_english_possessive_and_french_elisions():
    from quidixit import pipeline

    nlp = pipeline.load("fr")
    words = [t.text for t in nlp.tokenizer("L'agence Moody's, McDonald\u2019s et l'été aujourd'hui s'est tu")]
    assert words == ["L'", "agence", "Moody's", ",", "McDonald\u2019s", "et", "l'", "été", "aujourd'hui", "s'", "est", "tu"]


def test_tokenizer_splits_a_period_glued_to_the_next_sentence():
    from quidixit import pipeline

    nlp = pipeline.load("fr")
    words = [t.text for t in nlp.tokenizer("un texte « mal formé ».Pour le collectif, il l'a dit.Le ministre, M.Dupont, lemonde.fr")]
    assert words == ["un", "texte", "«", "mal", "formé", "»", ".", "Pour", "le", "collectif", ",", "il", "l'", "a", "dit",
                     ".", "Le", "ministre", ",", "M.Dupont", ",", "lemonde.fr"]
    doc = nlp("Le collectif a dénoncé un texte « mal formé ».Pour les associations, il s'agit d'« un pas en arrière ».")
    st = next(s for s in pipeline.analyze(doc.text).statements if s.kind == "according_to")
    assert st.cue.text == "Pour" and st.content.text.startswith("il s'agit")


def test_load_gives_one_pipeline_however_its_arguments_are_passed():
    from quidixit import pipeline

    assert pipeline.load("fr") is pipeline.load("fr", None, False) is pipeline.load(lang="fr", keep_boilerplate=False)
