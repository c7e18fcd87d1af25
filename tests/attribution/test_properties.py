"""Structure invariants of every statement, checked on mutated real sentences.

The sentences come from the redistributable bundled sample (the SANA example
article and the Wikinews articles, CC BY 2.5); hypothesis deletes, duplicates
and swaps words, inserts or drops quotation marks, commas, colons, line breaks
and cue verbs, and changes case. Whatever comes out of the real pipeline must
hold together:

- ``content.text`` is ``text[start:end]``, the cue's and the speaker's texts are
  the text at their offsets;
- ``content.spans`` (when there are several pieces) are sorted, non-empty,
  non-overlapping, inside the content, and the first and last give its bounds;
- a cue or a speaker mention never lies inside its own content (an uncued
  quotation never takes its own first pronoun as speaker);
- a speaker name is never empty (it is ``None`` when unresolved).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quidixit
from quidixit.model import Statement

pytestmark = pytest.mark.slow


def _pieces(st_: Statement) -> tuple[tuple[int, int], ...]:
    return st_.content.spans or ((st_.content.start, st_.content.end),)


def violations(text: str, statements, title: str | None = None) -> list[str]:
    """Every broken invariant, one line each, as ``"class: details"``."""
    out = []
    for s in statements:
        src = title if s.field == "title" else text
        if src is None:
            out.append(f"field: a {s.field!r} statement without its text")
            continue
        c = s.content
        where = f"{s.kind} {c.text!r}"
        if src[c.start : c.end] != c.text:
            out.append(f"content-text: {where} != text[{c.start}:{c.end}]")
        if not 0 <= c.start < c.end <= len(src):
            out.append(f"content-bounds: {where} at ({c.start}, {c.end})")
        if c.spans:
            sp = list(c.spans)
            if len(sp) < 2:
                out.append(f"spans-single: {where} spans={sp}")
            if any(b <= a for a, b in sp):
                out.append(f"spans-empty: {where} spans={sp}")
            if sp != sorted(sp):
                out.append(f"spans-order: {where} spans={sp}")
            if any(sp[i][1] > sp[i + 1][0] for i in range(len(sp) - 1)):
                out.append(f"spans-overlap: {where} spans={sp}")
            if sp[0][0] != c.start or sp[-1][1] != c.end:
                out.append(f"spans-bounds: {where} spans={sp} content=({c.start}, {c.end})")
            if any(a < c.start or b > c.end for a, b in sp):
                out.append(f"spans-outside: {where} spans={sp}")
        pieces = _pieces(s)
        if s.cue is not None:
            if src[s.cue.start : s.cue.end] != s.cue.text:
                out.append(f"cue-text: {s.cue.text!r} != text[{s.cue.start}:{s.cue.end}]")
            if any(a < s.cue.end and s.cue.start < b for a, b in pieces):
                out.append(f"cue-inside: cue {s.cue.text!r} in {where}")
        sp = s.speaker
        if sp is not None:
            if src[sp.start : sp.end] != sp.text:
                out.append(f"speaker-text: {sp.text!r} != text[{sp.start}:{sp.end}]")
            if sp.name is not None and not sp.name.strip():
                out.append(f"speaker-empty-name: mention {sp.text!r} of {where}")
            if any(a < sp.end and sp.start < b for a, b in pieces):
                out.append(f"speaker-inside: speaker {sp.text!r} in {where}")
    return out


# -- the sentences, from the bundled sample ----------------------------------

_SAMPLE = Path(quidixit.__file__).parent / "data" / "sample"
_CUEY = re.compile(r"[«»“”\":]|selon|a déclaré|a dit|a affirmé|a indiqué|a annoncé|a ajouté|estime|-t-(?:il|elle)", re.I)


@lru_cache(maxsize=1)
def sample_sentences() -> tuple[str, ...]:
    paras = []
    with (_SAMPLE / "wikinews-fr.jsonl").open(encoding="utf-8") as f:
        for line in f:
            paras += json.loads(line)["text"].split("\n")
    paras += (_SAMPLE / "sana-lavrov-2017-fr.txt").read_text(encoding="utf-8").split("\n")
    sents = []
    for p in paras:
        sents += re.split(r"(?<=[.!?»])\s+(?=[A-ZÉÀ«“\"])", p.strip())
    return tuple(s for s in sents if 3 <= len(s.split()) <= 50 and _CUEY.search(s))


MARKS = ["«", "»", "“", "”", '"']
INSERTS = MARKS + [",", ":", "\n", "\n\n", "a-t-il dit", "selon lui", "a affirmé que", "a-t-elle ajouté", "il", "Ils", "Je"]
CASES = [str.upper, str.lower, str.capitalize]


@st.composite
def mutated(draw) -> str:
    sents = sample_sentences()
    n = draw(st.integers(1, 3))
    base = [sents[draw(st.integers(0, len(sents) - 1))] for _ in range(n)]
    words = draw(st.sampled_from([" ", "\n\n"])).join(base).split(" ")
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(words) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "append", "prepend", "case", "strip"]))
        if op == "delete" and len(words) > 1:
            del words[i]
        elif op == "duplicate":
            words.insert(i, words[i])
        elif op == "swap":
            j = draw(st.integers(0, len(words) - 1))
            words[i], words[j] = words[j], words[i]
        elif op == "insert":
            words.insert(i, draw(st.sampled_from(INSERTS)))
        elif op == "append":
            words[i] += draw(st.sampled_from(MARKS + [",", ":", "."]))
        elif op == "prepend":
            words[i] = draw(st.sampled_from(MARKS)) + words[i]
        elif op == "case":
            words[i] = draw(st.sampled_from(CASES))(words[i])
        elif op == "strip":
            words[i] = re.sub(r"[«»“”\",:]", "", words[i]) or words[i]
    text = " ".join(words)
    return text if text.strip() else sents[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_statements_hold_together_on_mutated_sentences(text):
    analysis = quidixit.analyze(text)
    assert violations(text, analysis.statements) == []


SPEAKERS = ["Lavrov", "Obama", "Le ministre", "La police", "Hollande", "Ils", "Je"]


@st.composite
def titles(draw) -> str:
    """A mutated sentence, often made a headline: "Lavrov : …", "Obama : « … »"."""
    title = draw(mutated()).replace("\n", " ")
    if draw(st.booleans()):
        quote = draw(st.sampled_from([("", ""), ("« ", " »"), ("“", "”")]))
        title = f"{draw(st.sampled_from(SPEAKERS))} : {quote[0]}{title}{quote[1]}"
    return title


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(titles(), mutated())
def test_title_statements_hold_together(title, text):
    analysis = quidixit.analyze(quidixit.Article(text=text, title=title))
    assert violations(text, analysis.statements, title) == []


# -- regressions: one sentence of ours for each class the fuzzing found --------

REGRESSIONS = {
    # an uncued quotation took its own first pronoun as speaker
    "own-pronoun": "« Je suis un enfant du quartier.",
    "own-pronoun-paragraph": "La réunion a duré trois heures.\n\n« Nous avons rénové trois écoles cette année.",
    # a quotation left open swallowed its incise: the cue inside the content
    "cue-inside": 'Sur le terrain, "les pompiers ont éteint trois feux avant minuit, a-t-il précisé.',
    # an empty quotation "» before an incise: an empty first piece
    "empty-piece": 'Le maire a parlé. "», affirme-t-il. Il est parti.',
    # a quotation reopened after a cue inside it: overlapping pieces
    "overlap": "« dit Marie à Lyon, poursuivre Nous",
}


@pytest.mark.parametrize("text", list(REGRESSIONS.values()), ids=list(REGRESSIONS))
def test_regression_structure(analyze, text):
    assert violations(text, analyze(text).statements) == []


def test_regression_open_quotation_loses_its_incise(analyze):
    text = REGRESSIONS["cue-inside"]
    (st,) = [s for s in analyze(text).statements if s.kind == "direct"]
    assert st.content.text == "les pompiers ont éteint trois feux avant minuit"
    assert st.cue.text == "a-t-il précisé"


def test_regression_quotation_paired_across_an_incise_is_not_a_statement(analyze):
    text = REGRESSIONS["empty-piece"]
    assert [s for s in analyze(text).statements if "Il est parti" in s.content.text] == []


def test_regression_uncued_quotation_has_no_speaker_of_its_own(analyze):
    text = REGRESSIONS["own-pronoun"]
    for st in analyze(text).statements:
        assert st.speaker is None or st.speaker.start >= st.content.end or st.speaker.end <= st.content.start
