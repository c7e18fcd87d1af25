"""Golden test, English: an article written for this test (UK budget, fictional people) against
its hand-made expectation, tests/fixtures/en/hartley-budget-2025-en.expected.json.

The expectation is what a correct system gives, decided by reading the text (the layout of
tests/fixtures/golden/*.expected.json, plus ``content_spans`` for a statement in several
pieces). Where the system is wrong today the statement carries an ``xfail`` reason and its test
is a strict xfail: it fails the day the rule is fixed, so the mark is removed with the fix.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import quidixit
from quidixit.model import Article

from ._support import assert_no_overlap, assert_offsets_hold, best, show, spans_of, token_set

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "en"
TEXT = (HERE / "hartley-budget-2025-en.txt").read_text(encoding="utf-8")
EXPECTED = json.loads((HERE / "hartley-budget-2025-en.expected.json").read_text(encoding="utf-8"))
REQUIRED = [s for s in EXPECTED["statements"] if s.get("required")]


def _param(gold: dict):
    marks = [pytest.mark.xfail(strict=True, reason=gold["xfail"])] if gold.get("xfail") else []
    return pytest.param(gold, id=f"{gold['kind']}@{gold['content_span'][0]}", marks=marks)


def _gold_spans(gold: dict) -> list[tuple[int, int]]:
    return [tuple(s) for s in gold.get("content_spans") or [gold["content_span"]]]


@pytest.fixture(scope="module")
def analysis():
    a = quidixit.analyze(Article(text=TEXT, title=EXPECTED["title"], language="en"))
    for st in a.statements:
        assert TEXT[st.content.start : st.content.end] == st.content.text
    return a


def test_fixture_is_consistent():
    assert len(REQUIRED) == 17 and EXPECTED["language"] == "en"
    assert TEXT.partition("\n")[0] == EXPECTED["title"]
    for s in EXPECTED["statements"]:
        a, b = s["content_span"]
        assert TEXT[a:b] == s["content"], s["content"]
        for x, y in s.get("content_spans", []):
            assert a <= x < y <= b
        assert s["speaker"]["type"] in {"person", "organization", "document", "anonymous", "group"}
    kinds = {s["kind"] for s in REQUIRED}
    assert kinds == {"headline", "direct", "indirect", "according_to"}


@pytest.mark.parametrize("gold", [_param(g) for g in REQUIRED])
def test_required_statement(analysis, gold):
    st, r = best(analysis, _gold_spans(gold))
    what = repr(gold["content"][:60])
    assert st is not None and r >= 0.8, f"{what}: best overlap {r:.2f}; found:\n{show(analysis)}"
    assert st.kind == gold["kind"], f"{what}: kind {st.kind!r}, expected {gold['kind']!r}"
    assert (st.cue.text if st.cue else None) == gold["cue"], f"{what}: cue {st.cue}"
    want = gold["speaker"]
    assert st.speaker is not None, f"{what}: no speaker"
    got = (st.speaker.text, st.speaker.name, st.speaker.type)
    assert got == (want["mention"], want["name"], want["type"]), f"{what}: speaker {got}, expected {want}"
    if want.get("role"):
        assert st.speaker.role == want["role"], f"{what}: role {st.speaker.role!r}, expected {want['role']!r}"


def test_every_statement_is_expected(analysis):
    """Precision: each statement found matches one of the expectation's (nothing invented)."""
    extra = [st for st in analysis.statements if max(r for r in [best_ratio(st, g) for g in REQUIRED]) < 0.5]
    assert not extra, "statements no one made:\n" + "\n".join(f"  {st.kind}: {st.content.text!r}" for st in extra)


def best_ratio(st, gold: dict) -> float:
    from ._support import ratio

    return ratio(TEXT, _gold_spans(gold), spans_of(st))


def test_resumed_quotation_is_one_statement_in_two_pieces(analysis):
    (gold,) = [g for g in REQUIRED if g.get("content_spans")]
    st, r = best(analysis, _gold_spans(gold))
    assert st is not None and r >= 0.8, show(analysis)
    # word for word (the final period, which the scorer ignores, aside: see the comma test below)
    assert [token_set(TEXT, [p]) for p in spans_of(st)] == [token_set(TEXT, [p]) for p in _gold_spans(gold)]


def test_content_ends_without_the_comma_before_the_closing_mark(analysis):
    direct = [st for st in analysis.statements if st.kind == "direct"]
    assert direct
    for st in direct:
        for a, b in spans_of(st):
            assert not TEXT[a:b].endswith(","), f"{TEXT[a:b]!r}"


@pytest.mark.parametrize("piece", EXPECTED["not_statements"])
def test_scare_quote_is_not_a_statement(analysis, piece):
    s = TEXT.index(piece)
    e = s + len(piece)
    inside = token_set(TEXT, [(s, e)])
    for st in analysis.statements:
        assert not token_set(TEXT, spans_of(st)) <= inside, f"{piece!r} taken for a statement: {st}"
    assert (s, e) in analysis.scare_quotes, f"{piece!r} not in scare_quotes {analysis.scare_quotes}"


def test_no_quoted_statement_is_a_scare_quote(analysis):
    for s, e in analysis.scare_quotes:
        for st in analysis.statements:
            assert not any(a < e and s < b for a, b in spans_of(st)), f"scare quote {TEXT[s:e]!r} inside {st.content.text!r}"


def test_dateline_is_boilerplate(analysis):
    assert ("dateline", "LONDON —") in {(b.kind, b.text) for b in analysis.boilerplate}, analysis.boilerplate


def test_offsets_give_back_the_text(analysis):
    assert_offsets_hold(analysis, TEXT, marks="“”\"")


def test_no_two_statements_overlap(analysis):
    assert_no_overlap(analysis)
