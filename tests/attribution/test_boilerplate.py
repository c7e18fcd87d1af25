"""Page boilerplate (quidixit.clean.find_boilerplate): teasers, bylines, datelines.

Pure text, no model; the last tests check on the pipeline that statements
inside boilerplate are left out unless ``keep_boilerplate``.
"""

from __future__ import annotations

import pytest

from quidixit.clean import find_boilerplate
from quidixit.lexicon import Lexicon

from ._support import find, show

BODY = (
    "Le conseil municipal a adopté lundi soir le budget de la ville pour l'année prochaine. "
    "Les investissements porteront d'abord sur les écoles et la rénovation des gymnases. "
    "L'opposition a voté contre, jugeant les hausses d'impôts locaux trop fortes."
)


@pytest.fixture(scope="module")
def fr():
    return Lexicon.load("fr")


def kinds(text, fr):
    return [(b.kind, b.text) for b in find_boilerplate(text, fr)]


@pytest.mark.parametrize("marker", ["Check Also", "Lire aussi", "À lire aussi", "Voir aussi", "LIRE AUSSI"])
def test_marker_at_the_end_makes_the_rest_a_teaser(fr, marker):
    tail = f"{marker}\n\nUne agression israélienne cible deux sites dans la banlieue de Homs\n\nUn autre titre d'article"
    text = BODY + "\n\n" + tail
    (b,) = find_boilerplate(text, fr)
    assert (b.kind, b.start, b.end) == ("teaser", len(BODY) + 2, len(text))
    assert text[b.start : b.end] == b.text == tail


@pytest.mark.parametrize("marker", ["Lire aussi", "À lire aussi", "Voir aussi"])
def test_marker_mid_article_takes_its_linked_title_only(fr, marker):
    text = BODY + f"\n\n{marker}\n\nRetraites : le gouvernement maintient sa réforme\n\n" + BODY + "\n\n" + BODY
    (b,) = find_boilerplate(text, fr)
    assert b.kind == "teaser"
    assert b.text == f"{marker}\n\nRetraites : le gouvernement maintient sa réforme"


@pytest.mark.parametrize(
    "line",
    ["» LIRE AUSSI : Le gouvernement recule sur la réforme des retraites", "Lire aussi : Le gouvernement recule sur la réforme des retraites"],
)
def test_inline_teaser_line(fr, line):
    text = BODY + "\n\n" + line + "\n\n" + BODY + "\n\n" + BODY
    assert kinds(text, fr) == [("teaser", line)]


def test_teaser_words_inside_a_sentence_are_not_a_teaser(fr):
    text = BODY + "\n\nLe maire invite les habitants à lire aussi le rapport de la chambre régionale des comptes.\n\n" + BODY
    assert kinds(text, fr) == []


def test_byline_on_its_own_line(fr):
    text = BODY + "\n\nR.F. / L.A."
    assert kinds(text, fr) == [("byline", "R.F. / L.A.")]


@pytest.mark.parametrize(
    "para, dateline",
    [
        ("Moscou /Le ministre russe des Affaires étrangères a affirmé que les négociations continuaient.", "Moscou /"),
        ("Homs-SANA/une source militaire a déclaré que deux sites avaient été visés.", "Homs-SANA/"),
        ("PARIS (AFP) - Le gouvernement a annoncé lundi que la réforme serait reportée.", "PARIS (AFP) -"),
        ("Beyrouth, 12 nov. (AFP) - Des frappes ont visé la banlieue sud de la ville.", "Beyrouth, 12 nov. (AFP) -"),
    ],
)
def test_dateline_opens_a_paragraph(fr, para, dateline):
    text = "Un titre d'article\n\n" + para
    (b,) = find_boilerplate(text, fr)
    assert (b.kind, b.text, b.start) == ("dateline", dateline, text.index(dateline))


def test_ratio_with_slash_is_not_a_dateline(fr):
    text = "Le rapport qualité/prix des forfaits mobiles a encore baissé cette année, selon l'Arcep."
    assert kinds(text, fr) == []


# -- on the pipeline -------------------------------------------------------------

TEASED = (
    "Le préfet a annoncé lundi que les routes départementales resteraient fermées jusqu'à jeudi.\n\n"
    "Lire aussi\n\n"
    "Le maire de Nîmes a déclaré : « Nous rouvrirons les écoles dès que possible. »\n\n"
    "Les pompiers sont intervenus plus de 300 fois pendant la nuit, a précisé la préfecture.\n\n"
    "Les services de l'État appellent à la prudence sur les routes du département."
)


@pytest.mark.slow
def test_statement_inside_teaser_left_out_by_default(analyze):
    a = analyze(TEASED)
    (teaser,) = [b for b in a.boilerplate if b.kind == "teaser"]
    assert not [st for st in a.statements if teaser.start <= st.content.start < teaser.end], show(a)
    find(a, "les routes départementales resteraient fermées jusqu'à jeudi")


@pytest.mark.slow
def test_statement_inside_teaser_kept_on_request(analyze):
    a = analyze(TEASED, keep_boilerplate=True)
    st = find(a, "Nous rouvrirons les écoles dès que possible.")
    assert st.kind == "direct"
    find(a, "les routes départementales resteraient fermées jusqu'à jeudi")


@pytest.mark.slow
def test_byline_is_never_a_statement(analyze):
    a = analyze("La préfecture a indiqué que la circulation serait rétablie dans la soirée.\n\nR.F. / L.A.")
    assert [b.kind for b in a.boilerplate] == ["byline"]
    assert all(st.content.start < a.boilerplate[0].start for st in a.statements)
