"""Headlines and subheads "X : …": the speaker before the colon, unless it is a topic or a place."""

from __future__ import annotations

import pytest

from ._support import find, show

pytestmark = pytest.mark.slow

ARTICLE = (
    "Darmanin : « Nous ne céderons rien face aux casseurs »\n\n"
    "Le ministre de l'Intérieur, Gérald Darmanin, a réuni lundi les préfets à Paris.\n\n"
    "Le préfet de police : les contrôles seront renforcés aux abords des gares\n\n"
    "Laurent Nuñez a précisé que 2 000 agents supplémentaires seraient déployés."
)


def test_title_with_surname_resolved_from_the_body(analyze):
    a = analyze(ARTICLE)
    st = find(a, "Nous ne céderons rien face aux casseurs")
    assert st.kind == "headline"
    assert st.cue is None
    assert st.speaker.text == "Darmanin"
    assert (st.speaker.name, st.speaker.type) == ("Gérald Darmanin", "person")


@pytest.mark.xfail(strict=True, reason="a quoted headline keeps its « » in the content, unlike direct statements")
def test_quoted_title_content_without_marks(analyze):
    a = analyze(ARTICLE)
    st = find(a, "Nous ne céderons rien face aux casseurs")
    assert st.content.text == "Nous ne céderons rien face aux casseurs"


def test_subhead_inside_the_body(analyze):
    a = analyze(ARTICLE)
    st = find(a, "les contrôles seront renforcés aux abords des gares")
    assert st.kind == "headline"
    assert st.speaker.text == "Le préfet de police" and st.speaker.type == "person"
    body = find(a, "2 000 agents supplémentaires seraient déployés")
    assert body.kind == "indirect"


def test_subhead_of_the_golden_shape(analyze):
    a = analyze(
        "Le ministère russe de la Défense : La Coalition internationale protège les terroristes qui ont pris la fuite\n\n"
        "Le ministère russe de la Défense a affirmé que la libération de la ville avait révélé des preuves."
    )
    st = find(a, "La Coalition internationale protège les terroristes qui ont pris la fuite")
    assert st.kind == "headline"
    assert (st.speaker.name, st.speaker.type) == ("ministère russe de la Défense", "organization")


@pytest.mark.parametrize(
    "text, topic",
    [
        ("Syrie : l'armée reprend le contrôle de Boukamal après de violents combats\n\nLes forces gouvernementales ont repris la ville dimanche.", "Syrie"),
        ("Ukraine : Kiev annonce une contre-offensive dans le sud du pays\n\nLes forces ukrainiennes ont repris plusieurs villages.", "Ukraine"),
        ("Retraites : le gouvernement maintient le report de l'âge légal à 64 ans\n\nLe texte sera examiné au Sénat la semaine prochaine.", "Retraites"),
        ("Marseille : un incendie ravage un entrepôt dans les quartiers nord\n\nLes pompiers sont restés mobilisés toute la nuit.", "Marseille"),
    ],
    ids=["Syrie", "Ukraine", "Retraites", "Marseille"],
)
def test_topic_or_place_prefix_is_not_a_speaker(analyze, text, topic):
    a = analyze(text)
    assert not [st for st in a.statements if st.kind == "headline"], show(a)
    assert not [st for st in a.statements if st.speaker and st.speaker.text == topic], show(a)


def test_a_title_that_is_a_sentence_is_not_a_headline_statement(analyze):
    a = analyze("Le gouvernement présente son budget : des économies sur tous les ministères.\n\nLe texte arrive au Parlement.")
    assert not [st for st in a.statements if st.kind == "headline"], show(a)


def test_named_organisation_or_place_before_a_colon_is_a_topic_unless_quoted(analyze):
    # "Union européenne : ACTA rejeté …" is a topic prefix; with quoted words the organisation speaks
    topic = analyze("Union européenne : le traité ACTA rejeté par le Parlement européen\n\nLe texte a été rejeté mardi.")
    assert not [s for s in topic.statements if s.kind == "headline"], topic.statements
    quoted = analyze("La CGT : « Nous ne lâcherons rien sur les retraites »\n\nLe syndicat a manifesté mardi.")
    st = find(quoted, "Nous ne lâcherons rien sur les retraites")
    assert st.kind == "headline" and st.speaker.name == "CGT"
