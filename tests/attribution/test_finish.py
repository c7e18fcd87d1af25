"""The last pass (:mod:`quidixit.attribution._finish`) on statements built by hand:
each broken structure the fuzzing found, repaired; a sound statement left alone."""

from __future__ import annotations

from quidixit.attribution._finish import finish
from quidixit.model import Content, Cue, Speaker, Statement

from ._support import span


def _content(text: str, *pieces: tuple[int, int]) -> Content:
    start, end = min(a for a, _ in pieces), max(b for _, b in pieces)
    return Content(start, end, text[start:end], tuple(pieces) if len(pieces) > 1 else ())


def _cue(text: str, piece: str, lemma: str) -> Cue:
    a, b = span(text, piece)
    return Cue(a, b, piece, lemma)


def _speaker(text: str, piece: str, name: str | None, typ: str = "person") -> Speaker:
    a, b = span(text, piece)
    return Speaker(a, b, piece, name, typ)


def test_a_sound_statement_is_returned_as_it_is():
    text = "« Nous partirons demain », a dit la maire."
    st = Statement("direct", _content(text, span(text, "Nous partirons demain")), _cue(text, "a dit", "dire"),
                   _speaker(text, "la maire", "la maire"))
    assert finish([st], text)[0] is st


def test_a_quotation_with_an_empty_piece_is_dropped():
    # '"», affirme-t-il. Il est parti.' once gave the pieces [(19, 19), (36, 48)]: narration, not a quotation
    text = 'Le maire a parlé. "», affirme-t-il. Il est parti.'
    a, b = span(text, "Il est parti")
    st = Statement("direct", Content(19, b, text[19:b], ((19, 19), (a, b))), _cue(text, "affirme", "affirmer"), None)
    assert finish([st], text) == []


def test_an_empty_piece_of_reported_speech_is_dropped_and_the_bounds_follow():
    text = "Il a estimé que la réforme, dit-on, passera."
    a, b = span(text, "la réforme")
    c, d = span(text, "passera")
    st = Statement("indirect", Content(a - 2, d, text[a - 2 : d], ((a - 2, a - 2), (a, b), (c, d))),
                   _cue(text, "a estimé", "estimer"), None)
    (out,) = finish([st], text)
    assert (out.content.start, out.content.end, out.content.spans) == (a, d, ((a, b), (c, d)))
    assert out.content.text == "la réforme, dit-on, passera"


def test_overlapping_pieces_are_merged_and_sorted():
    text = "« Nous partirons demain, avant la nuit, et sans bruit », dit-il."
    night, p3 = span(text, "avant la nuit"), span(text, "et sans bruit")
    p1, p2 = (2, 24), (10, night[1])
    st = Statement("direct", Content(2, p3[1], text[2 : p3[1]], (p3, p2, p1)), None, None)
    (out,) = finish([st], text)
    assert out.content.spans == ((2, night[1]), p3)
    assert (out.content.start, out.content.end) == (2, p3[1])
    assert out.content.text == text[2 : p3[1]]


def test_a_cue_swallowed_by_an_unclosed_quotation_is_cut_out_with_its_subject():
    text = 'Sur place, "les pompiers ont éteint trois feux, a-t-il précisé.'
    a = text.index("les")
    st = Statement("direct", Content(a, len(text) - 1, text[a:-1]), _cue(text, "a-t-il précisé", "préciser"),
                   _speaker(text, "-il", "Paul Martin"))
    (out,) = finish([st], text)
    assert out.content.text == "les pompiers ont éteint trois feux"
    assert out.content.spans == ()
    assert out.cue == st.cue and out.speaker == st.speaker


def test_a_cue_in_the_middle_splits_the_content_in_two():
    text = "« Les travaux, assure le maire, finiront en mai »."
    a, b = span(text, "Les travaux, assure le maire, finiront en mai")
    st = Statement("direct", Content(a, b, text[a:b]), _cue(text, "assure", "assurer"),
                   _speaker(text, "le maire", "Jean Dupont"))
    (out,) = finish([st], text)
    assert [text[x:y] for x, y in out.content.spans] == ["Les travaux", "finiront en mai"]
    assert out.speaker == st.speaker


def test_an_uncued_quotation_does_not_keep_its_own_pronoun_as_speaker():
    text = "« Je suis un enfant du quartier."
    a = text.index("Je")
    st = Statement("direct", Content(a, len(text), text[a:]), None, _speaker(text, "Je", "Je", "unknown"))
    (out,) = finish([st], text)
    assert out.speaker is None
    assert out.content == st.content


def test_a_speaker_away_from_the_cue_inside_the_content_is_dropped():
    # the clause's own subject was taken for the speaker of the participle
    text = "Rappelant que la société lyonnaise a payé l'amende, le texte est clos."
    a, b = span(text, "la société lyonnaise a payé l'amende")
    st = Statement("indirect", Content(a, b, text[a:b]), _cue(text, "Rappelant", "rappeler"),
                   _speaker(text, "la société lyonnaise", "la société lyonnaise", "organization"))
    (out,) = finish([st], text)
    assert out.speaker is None and out.content == st.content and out.cue == st.cue


def test_an_empty_name_becomes_none():
    text = "Il a affirmé que la route serait fermée."
    st = Statement("indirect", _content(text, span(text, "la route serait fermée")), _cue(text, "a affirmé", "affirmer"),
                   _speaker(text, "Il", " ", "person"))
    (out,) = finish([st], text)
    assert (out.speaker.text, out.speaker.name, out.speaker.type) == ("Il", None, "unknown")


def test_a_none_name_is_kept():
    text = "Il a affirmé que la route serait fermée."
    st = Statement("indirect", _content(text, span(text, "la route serait fermée")), _cue(text, "a affirmé", "affirmer"),
                   _speaker(text, "Il", None, "unknown"))
    assert finish([st], text) == [st]


def test_a_statement_that_was_only_its_cue_is_dropped():
    text = "Il est parti, a-t-il dit."
    a, b = span(text, "a-t-il dit")
    st = Statement("direct", Content(a, b, text[a:b]), Cue(a, b, text[a:b], "dire"), None)
    assert finish([st], text) == []


def test_texts_follow_the_offsets():
    text = "Selon la police, trois personnes ont été blessées."
    a, b = span(text, "trois personnes ont été blessées")
    st = Statement("according_to", Content(a, b, "trois personnes"), Cue(0, 5, "selon", "selon"),
                   Speaker(6, 15, "police", "la police", "organization"))
    (out,) = finish([st], text)
    assert out.content.text == text[a:b]
    assert out.cue.text == "Selon" and out.speaker.text == "la police"
