"""The claims stage (quidixit.claim_clusters) on a generated multi-outlet corpus."""

from __future__ import annotations

import pytest

from quidixit.claim_clusters import (
    ClaimSettings, StatementRef, cluster, compare, published_date, quoted_words, shingles, tokens,
)

ORIGINAL = ("Nous ne céderons rien face à la menace terroriste, et l'État tiendra tous ses engagements "
            "envers les familles des victimes jusqu'au bout.")
CUT = "Nous ne céderons rien face à la menace terroriste […] l'État tiendra tous ses engagements"
ELISION = ("nous ne céderons rien face à la menace terroriste ; et l’Etat tiendra tous ses engagements "
           "envers les familles des victimes jusque au bout")
ALTERED = ("Nous ne céderons rien face à la menace terroriste, et l'État tiendra tous ses promesses "
           "envers les familles des victimes jusqu'au bout.")
OTHER = "Le budget de la défense augmentera de deux milliards d'euros dès l'an prochain, sans hausse d'impôts."


def ref(sid, text, outlet, published, *, speaker="name:jean dupont", name="Jean Dupont", kind="direct", article=None):
    return StatementRef(sid, article or f"art-{sid}", speaker, name, kind, text, outlet, published)


def corpus():
    return [
        ref("s3", ALTERED, "Le Figaro", "2024-03-07"),
        ref("s1", ORIGINAL, "Le Monde", "2024-03-05"),
        ref("s2", CUT, "Libération", "2024-03-06"),
        ref("s2b", ELISION, "Libération", "2024-03-06T18:00:00", article="art-s2b"),
        ref("s4", OTHER, "Le Monde", "2024-03-05"),
        ref("s5", ORIGINAL, "Ouest-France", "2024-03-06", speaker="name:marie durand", name="Marie Durand"),
    ]


def by_member(claims):
    return {m.statement_id: c for c in claims for m in c.members}


def test_one_quotation_in_three_outlets_is_one_claim():
    claims = cluster(corpus())
    c = by_member(claims)["s1"]
    assert {m.statement_id for m in c.members} == {"s1", "s2", "s2b", "s3"}
    assert c.outlets == 3 and c.articles == 4
    assert c.first.statement_id == "s1" and c.first.outlet == "Le Monde"
    assert c.text == ORIGINAL and c.canonical_statement_id == "s1"
    assert (c.since, c.until) == ("2024-03-05", "2024-03-07")
    assert "earliest publication date (2024-03-05)" in c.first_reason


def test_only_the_altered_word_is_a_possible_misquote():
    c = by_member(cluster(corpus()))["s1"]
    m = {x.statement_id: x for x in c.members}
    assert m["s3"].misquote and m["s3"].variant
    assert [(d.op, d.canonical, d.variant) for d in m["s3"].differences] == [("replace", "engagements", "promesses")]
    assert m["s2"].variant and not m["s2"].misquote  # a cut: at the end and at the [...] mark
    assert all(d.cut for d in m["s2"].differences)
    assert not m["s2b"].variant and not m["s2b"].misquote  # case, punctuation, accents, elision only
    assert c.misquotes == 1


def test_two_statements_of_one_speaker_stay_apart():
    claims = by_member(cluster(corpus()))
    assert claims["s4"].id != claims["s1"].id
    assert [m.statement_id for m in claims["s4"].members] == ["s4"]


def test_the_same_words_by_two_speakers_stay_apart():
    claims = by_member(cluster(corpus()))
    assert claims["s5"].id != claims["s1"].id
    assert claims["s5"].speaker_name == "Marie Durand"


def test_ids_are_stable_and_do_not_depend_on_order():
    a = cluster(corpus())
    b = cluster(list(reversed(corpus())))
    assert sorted((c.id, tuple(m.statement_id for m in c.members)) for c in a) == \
        sorted((c.id, tuple(m.statement_id for m in c.members)) for c in b)


def test_existing_ids_are_kept():
    known = {"s2": "old-claim"}
    c = by_member(cluster(corpus(), ids=known))["s1"]
    assert c.id == "old-claim"


def test_date_window_blocks():
    rows = [ref("a", ORIGINAL, "Le Monde", "2024-03-05"), ref("b", ORIGINAL, "Le Figaro", "2024-09-05")]
    assert len(cluster(rows)) == 2
    assert len(cluster(rows, ClaimSettings(window_days=365))) == 1


def test_tie_on_the_first_day_is_explained():
    rows = [ref("a", ORIGINAL, "Le Monde", "2024-03-05"), ref("b", ORIGINAL, "Le Figaro", "2024-03-05")]
    (c,) = cluster(rows)
    assert c.first.outlet == "Le Figaro"  # tie broken by outlet name
    assert c.first_reason.startswith("tie: 2 statements published on 2024-03-05 (Le Figaro, Le Monde)")


def test_earlier_time_wins_on_the_same_day():
    rows = [ref("a", ORIGINAL, "Le Monde", "2024-03-05T10:00:00"), ref("b", ORIGINAL, "Le Figaro", "2024-03-05T11:30:00")]
    (c,) = cluster(rows)
    assert c.first.statement_id == "a" and c.first_reason.startswith("earliest publication time")


def test_paraphrase_joins_the_claim_of_its_quotation():
    rows = corpus() + [ref("p1", "Jean Dupont a assuré que l'État tiendra ses engagements envers les familles des victimes "
                             "et ne cédera rien face à la menace terroriste", "La Croix", "2024-03-08", kind="indirect")]
    c = by_member(cluster(rows))["p1"]
    assert c.id == by_member(cluster(rows))["s1"].id
    p = next(m for m in c.members if m.statement_id == "p1")
    assert p.level == "paraphrase" and not p.variant and p.similarity >= ClaimSettings().paraphrase_threshold
    assert c.outlets == 4


def test_unrelated_paraphrase_stays_apart():
    rows = corpus() + [ref("p2", "Jean Dupont a dit que la réforme des retraites serait votée avant l'été",
                             "La Croix", "2024-03-08", kind="indirect")]
    assert len(by_member(cluster(rows))["p2"].members) == 1


def test_statements_without_speaker_key_are_left_out():
    rows = [ref("a", ORIGINAL, "Le Monde", "2024-03-05", speaker="")]
    assert cluster(rows) == []


def test_text_helpers():
    assert tokens("L’État, qu'il…") == ["le", "etat", "que", "il"]
    assert shingles("un deux", 3) == {"un deux"}
    assert quoted_words("mixed", "il a jugé la situation «très grave» et «inédite»") == "très grave […] inédite"
    assert quoted_words("direct", "« Bonjour à tous »") == "Bonjour à tous"
    diffs, pieces = compare("Nous irons", "Nous viendrons")
    assert [(d.op, d.cut) for d in diffs] == [("replace", False)]
    assert pieces[0] == ("equal", "Nous", "Nous")


@pytest.mark.parametrize("value, expected", [
    ("2024-03-05", "2024-03-05"),
    ("2024-03-05T10:20:00+01:00", "2024-03-05 10:20:00"),
    ("5 mars 2024", "2024-03-05"),
    ("n'importe quoi", None),
    (None, None),
])
def test_published_date(value, expected):
    d = published_date(value)
    assert (str(d) if d is not None else None) == expected
