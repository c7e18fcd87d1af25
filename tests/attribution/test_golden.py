"""Golden test: the SANA article (Lavrov, 2017) against its hand-made expectation.

The fixture is our example article (also bundled in src/quidixit/data/sample/)
and tests/fixtures/golden/sana-lavrov-2017-fr.expected.json, which gives for
each statement its kind, content span and resolved speaker, the scare quotes
that are not statements, and where the page boilerplate starts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ._support import assert_no_overlap, assert_offsets_hold, best, show, spans_of, token_set

pytestmark = pytest.mark.slow

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
TEXT = (GOLDEN / "sana-lavrov-2017-fr.txt").read_text(encoding="utf-8")
EXPECTED = json.loads((GOLDEN / "sana-lavrov-2017-fr.expected.json").read_text(encoding="utf-8"))
REQUIRED = [s for s in EXPECTED["statements"] if s.get("required")]
TEASER = [s for s in EXPECTED["statements"] if not s.get("required")]


def _id(s: dict) -> str:
    return f"{s['kind']}@{s['content_span'][0]}"


@pytest.fixture(scope="module")
def analysis(analyze):
    return analyze(TEXT)


@pytest.fixture(scope="module")
def analysis_kept(analyze):
    return analyze(TEXT, keep_boilerplate=True)


def test_fixture_is_consistent():
    assert len(REQUIRED) == 12 and len(EXPECTED["not_statements"]) == 6
    for s in EXPECTED["statements"]:
        a, b = s["content_span"]
        assert TEXT[a:b] == s["content"]


@pytest.mark.parametrize("gold", REQUIRED, ids=_id)
def test_required_statement(analysis, gold):
    st, r = best(analysis, [tuple(gold["content_span"])])
    assert st is not None and r >= 0.8, f"{gold['content']!r}: best overlap {r:.2f}; found:\n{show(analysis)}"
    assert st.kind == gold["kind"], f"{gold['content'][:60]!r}: kind {st.kind!r}, expected {gold['kind']!r}"
    want = gold["speaker"]
    assert st.speaker is not None, f"{gold['content'][:60]!r}: no speaker"
    assert st.speaker.name == want["name"], f"speaker name {st.speaker.name!r}, expected {want['name']!r}"
    assert st.speaker.type == want["type"], f"speaker type {st.speaker.type!r}, expected {want['type']!r}"
    if want.get("role"):
        assert st.speaker.role == want["role"]


def _occurrences(piece: str) -> list[tuple[int, int]]:
    # the expectation writes "« Daech »" with plain spaces; the article has no-break ones
    pattern = r"[ \u00a0\u202f]*".join(re.escape(w) for w in piece.split(" "))
    return [m.span() for m in re.finditer(pattern, TEXT)]


@pytest.mark.parametrize("piece", EXPECTED["not_statements"])
def test_scare_quote_is_not_a_statement(analysis, piece):
    occ = [o for o in _occurrences(piece) if o[0] < EXPECTED["boilerplate_starts_at"]]
    assert occ, piece
    for s, e in occ:
        inside = token_set(TEXT, [(s, e)])
        for st in analysis.statements:
            # a statement made of the quoted word(s) alone is the error
            assert not token_set(TEXT, spans_of(st)) <= inside, f"{piece!r} at {s} taken for a statement: {st}"
        assert (s, e) in analysis.scare_quotes, f"{piece!r} at {s} not in scare_quotes {analysis.scare_quotes}"


def test_nothing_from_the_teaser_by_default(analysis):
    cut = EXPECTED["boilerplate_starts_at"]
    late = [st for st in analysis.statements if st.content.start >= cut]
    assert not late, f"statements in the teaser: {late}"


def test_teaser_quote_kept_on_request(analysis_kept):
    (gold,) = TEASER
    st, r = best(analysis_kept, [tuple(gold["content_span"])])
    assert st is not None and r >= 0.8, show(analysis_kept)
    assert st.kind == "direct"
    assert st.speaker is not None
    assert (st.speaker.name, st.speaker.type) == ("une source militaire", "anonymous")


def test_kept_analysis_still_has_the_article(analysis_kept):
    for gold in REQUIRED:
        st, r = best(analysis_kept, [tuple(gold["content_span"])])
        assert r >= 0.8, gold["content"]


def test_boilerplate_spans(analysis):
    found = {(b.kind, b.text) for b in analysis.boilerplate}
    assert ("dateline", "Moscou /") in found, analysis.boilerplate
    assert ("byline", EXPECTED["byline"]) in found, analysis.boilerplate
    teasers = [b for b in analysis.boilerplate if b.kind == "teaser"]
    assert [b.start for b in teasers] == [EXPECTED["boilerplate_starts_at"]]
    assert teasers[0].text.startswith("Check Also")
    for b in analysis.boilerplate:
        assert TEXT[b.start : b.end] == b.text


@pytest.mark.parametrize("which", ["default", "keep_boilerplate"])
def test_offsets_give_back_the_text(analysis, analysis_kept, which):
    assert_offsets_hold(analysis if which == "default" else analysis_kept, TEXT)


def test_no_two_statements_overlap(analysis):
    assert_no_overlap(analysis)
