"""Voice share (issue 13): counted by hand on a small constructed article, pooled per outlet and
period in the store, on the example article with the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quidixit import corpus
from quidixit.cli import main
from quidixit.model import Analysis, Article, Boilerplate, Content, Cue, Speaker, Statement
from quidixit.store import Store
from quidixit.voice import VoiceShare, period_of, pooled, voice_share

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "sana-lavrov-2017-fr.txt"

TEXT = "Alain dit « oui oui ». Selon Marc, tout va. Fin.\nPar Zoé"


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def constructed(published: str = "2017-06-01", outlet: str = "SANA") -> Analysis:
    def statement(kind: str, part: str, speaker: str, cue: str) -> Statement:
        s, e = _span(TEXT, part)
        ss, se = _span(TEXT, speaker)
        cs, ce = _span(TEXT, cue)
        return Statement(kind, Content(s, e, part), Cue(cs, ce, cue, cue.lower()), Speaker(ss, se, speaker, speaker))

    by = _span(TEXT, "Par Zoé")
    return Analysis(
        Article(text=TEXT, outlet=outlet, published=published).with_id(),
        (
            statement("direct", "oui oui", "Alain", "dit"),
            statement("indirect", "« oui oui »", "Alain", "dit"),  # overlaps the quotation: counted once
            statement("according_to", "tout va", "Marc", "Selon"),
        ),
        boilerplate=(Boilerplate(by[0], by[1], "byline", "Par Zoé"),),
    )


def test_voice_share_counted_by_hand():
    v = voice_share(constructed())
    # characters that are not whitespace, the byline "Par Zoé" left out:
    # Alain 5, dit 3, « 1, oui 3, oui 3, ». 2, Selon 5, Marc, 5, tout 4, va. 3, Fin. 4 = 38
    assert v.chars == 38
    # direct "oui oui" 6; the indirect's own: « and » 2; according_to "tout va" 6; cues and speakers are framing
    assert v.kinds == {"direct": 6, "indirect": 2, "according_to": 6}
    assert (v.attributed, v.verbatim, v.paraphrase, v.own) == (14, 6, 8, 24)
    assert v.line() == "37 % attributed: 16 % verbatim, 21 % paraphrase"
    d = v.to_dict()
    assert (d["attributed"], d["verbatim"], d["paraphrase"], d["own"]) == (0.368, 0.158, 0.211, 0.632)
    assert d["kinds"] == {"direct": 0.158, "indirect": 0.053, "mixed": 0.0, "according_to": 0.158, "headline": 0.0}


def test_pooled_weighs_characters_and_an_empty_article_is_zero():
    empty = voice_share(Analysis(Article(text="   "), ()))
    assert (empty.chars, empty.attributed, empty.share(empty.attributed)) == (0, 0, 0.0)
    p = pooled([voice_share(constructed()), VoiceShare(chars=62, kinds={"direct": 50}), empty])
    assert (p.articles, p.chars, p.attributed, p.verbatim) == (3, 100, 64, 56)


def test_period_of_reads_iso_and_written_dates():
    assert period_of("2017-11-10T08:00:00", "month") == "2017-11"
    assert period_of("2017-11-10", "year") == "2017"
    assert period_of("22 mai 2012", "day") == "2012-05-22"
    assert period_of("1er juin 2012", "month") == "2012-06"
    assert period_of(None, "month") == period_of("hier", "month") == "(undated)"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "v.db"
    with Store(path) as s:
        s.write_batch([
            constructed("2017-06-01"),
            Analysis(Article(text="Rien à dire ici.", outlet="SANA", published="2017-07-02").with_id(), ()),
            Analysis(Article(text="« Non », dit-il.", outlet="Le Monde", published="2018-01-01").with_id(), (
                Statement("direct", Content(2, 5, "Non"), Cue(9, 12, "dit", "dire"), Speaker(13, 15, "il", None)),)),
        ])
    return str(path)


def test_voice_per_outlet_and_period_from_the_store(db):
    rows = {(r["outlet"], r["period"]): r for r in corpus.voice(db, period="month")}
    assert list(rows) == [("Le Monde", "2018-01"), ("SANA", "2017-06"), ("SANA", "2017-07"),
                          ("(all)", "2017-06"), ("(all)", "2017-07"), ("(all)", "2018-01")]
    assert rows[("SANA", "2017-06")]["attributed_chars"] == 14
    assert rows[("SANA", "2017-07")]["attributed"] == 0.0
    # « Non », dit-il. : 13 characters that are not spaces (« Non » , dit-il.), "Non" 3 of them
    assert (rows[("Le Monde", "2018-01")]["chars"], rows[("Le Monde", "2018-01")]["verbatim"]) == (13, 0.231)
    by_outlet = {o["outlet"]: o["voice"] for o in corpus.stats(db)["outlets"]}
    # SANA: 38 + 13 ("Rien à dire ici." without its spaces) characters, 14 attributed
    assert (by_outlet["SANA"]["chars"], by_outlet["SANA"]["attributed_chars"], by_outlet["SANA"]["articles"]) == (51, 14, 2)
    assert by_outlet["(all)"]["chars"] == 64


def test_stats_voice_command(db):
    r = CliRunner().invoke(main, ["stats", "--voice", "--db", db], catch_exceptions=False)
    assert r.exit_code == 0
    assert r.stdout.splitlines() == [
        "outlet    articles  chars  attributed  verbatim  paraphrase  own",
        "--------  --------  -----  ----------  --------  ----------  ---",
        "Le Monde  1         13     23%         23%       0%          77%",
        "SANA      2         51     28%         12%       16%         72%",
        "(all)     3         64     27%         14%       12%         73%",
    ]
    r = CliRunner().invoke(main, ["stats", "--voice", "--period", "year", "--format", "json", "--db", db])
    assert [(x["outlet"], x["period"]) for x in json.loads(r.stdout)][:2] == [("Le Monde", "2018"), ("SANA", "2017")]


@pytest.mark.slow
@pytest.mark.skipif(not EXAMPLE.exists(), reason=f"the example article is not at {EXAMPLE}")
def test_voice_share_of_the_example_article():
    import quidixit

    an = quidixit.analyze(Article(text=EXAMPLE.read_text(encoding="utf-8")))
    v = voice_share(an)
    assert v.verbatim + v.paraphrase == v.attributed <= v.chars
    assert 0.3 < v.share(v.attributed) < 0.9 and v.verbatim > 0 and v.paraphrase > 0
    outside = {i for b in an.boilerplate for i in range(b.start, b.end) if not an.article.text[i].isspace()}
    assert outside and v.chars == sum(1 for c in an.article.text if not c.isspace()) - len(outside)


def _by_character(an: Analysis) -> tuple[int, dict[str, int]]:
    """The definition, character by character (slow): what voice_share computes on intervals."""
    text = an.article.text
    out = {i for b in an.boilerplate for i in range(b.start, b.end)}
    counted = [i for i, c in enumerate(text) if not c.isspace() and i not in out]
    owner: dict[int, str] = {}
    order = ("direct", "mixed", "indirect", "according_to", "headline")
    for st in sorted((s for s in an.statements if s.field == "text"), key=lambda s: order.index(s.kind)):
        for a, b in st.content.spans or ((st.content.start, st.content.end),):
            for i in range(a, b):
                owner.setdefault(i, st.kind)
    kinds: dict[str, int] = {}
    for i in counted:
        if i in owner:
            kinds[owner[i]] = kinds.get(owner[i], 0) + 1
    return len(counted), kinds


def test_intervals_count_what_the_definition_counts(db):
    text = "« A b », dit X. « C », selon Y, d e f.\n\nPar Z et W"
    nested = Analysis(Article(text=text).with_id(), (
        Statement("indirect", Content(0, 20, text[0:20], ((0, 7), (16, 20))), None, None),
        Statement("direct", Content(2, 5, "A b"), None, None),
        Statement("according_to", Content(14, 38, text[14:38]), None, None),
    ), boilerplate=(Boilerplate(40, 50, "byline", text[40:50]), Boilerplate(30, 33, "other", text[30:33])))
    for an in [nested, constructed(), *corpus.analyses(db)]:
        v = voice_share(an)
        assert (v.chars, v.kinds) == _by_character(an)
