"""Scare quotes: a writer's distance from a word, not speech."""

from __future__ import annotations

import pytest

from ._support import find, show

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("Les frappes ont visé des positions de «Daech» dans l'est de la Syrie.", ["«Daech»"]),
        ("Les avions de la «Coalition» ont survolé la ville de Boukamal à plusieurs reprises.", ["«Coalition»"]),
        ("Les «gilets jaunes» ont de nouveau manifesté samedi à Paris et dans plusieurs grandes villes.", ["«gilets jaunes»"]),
        ("Les frappes de la «Coalition» ont visé des positions de « Daech » dans l'est de la Syrie.", ["«Coalition»", "« Daech »"]),
        ("Le mouvement des “gilets jaunes” a perdu de son ampleur depuis l'hiver.", ["“gilets jaunes”"]),
    ],
    ids=["Daech", "Coalition", "gilets-jaunes", "two", "curly"],
)
def test_scare_quotes_are_not_statements(analyze, text, quoted):
    a = analyze(text)
    assert a.statements == (), show(a)
    for piece in quoted:
        s = text.index(piece)
        assert (s, s + len(piece)) in a.scare_quotes, a.scare_quotes


def test_scare_quote_as_object_of_a_non_speech_verb(analyze):
    text = "Les terroristes de «Daech» ont pris la fuite de Boukamal en direction de la frontière irakienne."
    a = analyze(text)
    assert a.statements == (), show(a)
    assert len(a.scare_quotes) == 1


def test_short_quotation_with_a_speech_act_is_a_statement(analyze):
    text = "« Jamais », a répondu le ministre lorsqu'on l'a interrogé sur une hausse des impôts."
    a = analyze(text)
    st = find(a, "Jamais")
    assert st.kind == "direct"
    assert st.cue.text == "a répondu"
    assert st.speaker.text == "le ministre"
    assert not a.scare_quotes


def test_short_quotation_after_a_speaker_stays_a_scare_quote(analyze):
    # quotations with no cue go on from the previous speaker only when they are too long for a scare quote
    text = (
        "Sophie Garnier a affirmé que la réforme était injuste. "
        "Les « gilets jaunes » ont de nouveau manifesté samedi à Paris."
    )
    a = analyze(text)
    assert len(a.statements) == 1, show(a)
    st = find(a, "la réforme était injuste")
    assert (st.kind, st.cue.text, st.speaker.name) == ("indirect", "a affirmé", "Sophie Garnier")
    s = text.index("« gilets jaunes »")
    assert (s, s + len("« gilets jaunes »")) in a.scare_quotes, a.scare_quotes


def test_uncued_quotation_does_not_go_on_from_an_unnamed_group(analyze):
    # 'certains' is no speaker to go on from: a long quotation after it is not given to 'certains'
    a = analyze(
        "Certains estiment que la réforme arrive trop tard.\n\n"
        "« Nous irons jusqu'au bout de cette mobilisation, quoi qu'il arrive. »"
    )
    assert not any(s.speaker is not None and s.speaker.text == "Certains"
                   and "mobilisation" in s.content.text for s in a.statements), show(a)
