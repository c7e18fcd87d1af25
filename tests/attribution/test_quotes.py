"""Quotation marks on raw text (quidixit.attribution.quotes.find_quotes), no model."""

from __future__ import annotations

import pytest

from quidixit.attribution.quotes import find_quotes

NBSP, NNBSP = "\u00a0", "\u202f"


def inner(text, q):
    return [text[s:e] for s, e in q.spans]


@pytest.mark.parametrize(
    "text",
    [
        f"Le maire a déclaré : «{NBSP}Nous rouvrirons la piscine en juin{NBSP}», avant de quitter la salle.",
        f"Le maire a déclaré : «{NNBSP}Nous rouvrirons la piscine en juin{NNBSP}», avant de quitter la salle.",
        "Le maire a déclaré : « Nous rouvrirons la piscine en juin », avant de quitter la salle.",
        "Le maire a déclaré : «Nous rouvrirons la piscine en juin», avant de quitter la salle.",
        "Le maire a déclaré : “Nous rouvrirons la piscine en juin”, avant de quitter la salle.",
        'Le maire a déclaré : "Nous rouvrirons la piscine en juin", avant de quitter la salle.',
    ],
    ids=["guillemets-nbsp", "guillemets-narrow-nbsp", "guillemets-space", "guillemets-tight", "curly", "straight"],
)
def test_one_quote_inner_text_without_marks_or_padding(text):
    (q,) = find_quotes(text)
    assert inner(text, q) == ["Nous rouvrirons la piscine en juin"]
    assert q.closed
    assert text[q.open] in "«“\"" and text[q.close - 1] in "»”\""
    assert text[q.close :].startswith(", avant")


def test_two_straight_quotes_pair_in_order():
    text = 'Il a parlé d\'un "moment historique" puis d\'une "journée noire" pour la ville.'
    assert [inner(text, q) for q in find_quotes(text)] == [["moment historique"], ["journée noire"]]


def test_nested_quote_inside_guillemets():
    text = "Le syndicat a prévenu : « Nous refusons ce qu'ils appellent un “plan de sauvegarde”. »"
    outer, nested = find_quotes(text)
    assert inner(text, outer) == ["Nous refusons ce qu'ils appellent un “plan de sauvegarde”."]
    assert inner(text, nested) == ["plan de sauvegarde"]


def test_quote_running_over_paragraphs():
    # French convention: each continued paragraph reopens with «, only the last closes
    text = (
        "Le président a déclaré : « Nous avons traversé une année difficile.\n\n"
        "« Les entreprises ont tenu bon, les salariés aussi.\n\n"
        "« Nous sortirons plus forts de cette crise. »\n\n"
        "Il a ensuite quitté la tribune."
    )
    (q,) = find_quotes(text)
    assert inner(text, q) == [
        "Nous avons traversé une année difficile.",
        "Les entreprises ont tenu bon, les salariés aussi.",
        "Nous sortirons plus forts de cette crise.",
    ]
    assert q.closed
    assert text[q.close :].startswith("\n\nIl a ensuite")


def test_closed_quote_then_paragraph_opening_a_new_one():
    text = "« Premier point. »\n\n« Second point, distinct du premier. »"
    assert [inner(text, q) for q in find_quotes(text)] == [["Premier point."], ["Second point, distinct du premier."]]


def test_unclosed_guillemet_ends_at_its_paragraph():
    text = (
        "Le ministre a lancé : « Nous ne céderons pas aux pressions.\n\n"
        "La séance a ensuite été suspendue. Le député a répondu « par principe » ce soir."
    )
    quotes = find_quotes(text)
    assert len(quotes) == 2
    first, second = quotes
    assert not first.closed
    assert inner(text, first) == ["Nous ne céderons pas aux pressions."]
    assert first.close <= text.index("\n\n")
    assert second.closed and inner(text, second) == ["par principe"]


def test_unclosed_mark_never_swallows_the_rest_of_a_long_document():
    paras = ["Il a dit : « Une citation que personne ne referme"]
    paras += [f"Paragraphe {i} du récit, sans aucune citation." for i in range(200)]
    paras += ["À la fin, le maire a parlé d'un « nouveau départ »."]
    text = "\n\n".join(paras)
    quotes = find_quotes(text)
    first_break = text.index("\n\n")
    assert quotes[0].end <= first_break and not quotes[0].closed
    assert [inner(text, q) for q in quotes[1:]] == [["nouveau départ"]]
    for q in quotes:
        assert "Paragraphe" not in text[q.start : q.end]


def test_unclosed_straight_quote_ends_at_its_paragraph():
    # sequoia_16 (ASFALDA, LGPL-LR): the second quotation never closes
    text = '"Tout simplement", a précisé Roger Thiriot, "parce que l\'histoire du travail industriel est, ici, une longue et vieille histoire.\n\nLa visite a duré deux heures.'
    quotes = find_quotes(text)
    assert [inner(text, q) for q in quotes] == [
        ["Tout simplement"],
        ["parce que l'histoire du travail industriel est, ici, une longue et vieille histoire."],
    ]
    assert quotes[0].closed and not quotes[1].closed


def test_stray_closing_mark_is_ignored():
    text = "Un » égaré ne casse rien. Puis il a dit « une vraie citation »."
    (q,) = find_quotes(text)
    assert inner(text, q) == ["une vraie citation"]


@pytest.mark.parametrize(
    "text",
    ["«", "»", '"', "« »", "«\n\n»", "Texte « ouvert\n\n« rouvert\n\n« encore", '"""', "“ ” „ “"],
)
def test_degenerate_marks_never_raise(text):
    for q in find_quotes(text):
        assert 0 <= q.open < q.close <= len(text)
        for s, e in q.spans:
            assert q.open <= s < e <= len(text)
