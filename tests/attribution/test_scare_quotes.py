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


@pytest.mark.xfail(strict=True, reason="a one-word quotation with a speech act ('« Jamais », a répondu le ministre') is dropped: neither a statement nor anything else")
def test_short_quotation_with_a_speech_act_is_a_statement(analyze):
    text = "« Jamais », a répondu le ministre lorsqu'on l'a interrogé sur une hausse des impôts."
    a = analyze(text)
    st = find(a, "Jamais")
    assert st.kind == "direct"
    assert st.speaker.text == "le ministre"
    assert not a.scare_quotes
