"""Matching statements the way the team's scorer does (/work/shared/tools/score.py).

Text is cut into word tokens (runs of \\w); a span holds a token when it covers
at least half of it; a leading que / qu' is dropped; the overlap ratio is
|shared| / max(|gold|, |predicted|).
"""

from __future__ import annotations

import re
from typing import Iterable

from quidixit.model import Analysis, Statement

TOKEN = re.compile(r"\w+")
LEADING = {"que", "that"}

Spans = Iterable[tuple[int, int]]


def token_set(text: str, spans: Spans) -> set[int]:
    spans = list(spans)
    idx = []
    for i, m in enumerate(TOKEN.finditer(text)):
        ts, te = m.span()
        for s, e in spans:
            ov = min(te, e) - max(ts, s)
            if ov > 0 and 2 * ov >= te - ts:
                idx.append((i, ts, te))
                break
    if len(idx) > 1:
        _, ts, te = idx[0]
        w = text[ts:te].lower()
        if w in LEADING or (w == "qu" and text[te : te + 1] in ("'", "\u2019")):
            idx = idx[1:]
    return {i for i, _, _ in idx}


def spans_of(st: Statement) -> tuple[tuple[int, int], ...]:
    return st.content.spans or ((st.content.start, st.content.end),)


def ratio(text: str, gold: Spans, pred: Spans) -> float:
    g, p = token_set(text, gold), token_set(text, pred)
    if not g or not p:
        return 0.0
    return len(g & p) / max(len(g), len(p))


def span(text: str, piece: str, start: int = 0) -> tuple[int, int]:
    """(start, end) of the first occurrence of ``piece`` in ``text``; fails loudly when absent."""
    i = text.index(piece, start)
    return i, i + len(piece)


def best(analysis: Analysis, gold: Spans) -> tuple[Statement | None, float]:
    """The predicted statement that overlaps ``gold`` most, and its ratio."""
    text = analysis.article.text
    gold = list(gold)
    scored = [(ratio(text, gold, spans_of(st)), st) for st in analysis.statements]
    scored = [x for x in scored if x[0] > 0]
    if not scored:
        return None, 0.0
    r, st = max(scored, key=lambda x: x[0])
    return st, r


def show(analysis: Analysis) -> str:
    """Every statement, one a line, for assertion messages."""
    out = []
    for st in analysis.statements:
        spk = st.speaker
        who = f"{spk.text!r} -> {spk.name!r} ({spk.type}, role={spk.role!r})" if spk else "None"
        cue = st.cue.text if st.cue else None
        out.append(f"  {st.kind}: {st.content.text!r} spans={st.content.spans} cue={cue!r} speaker={who}")
    return "\n".join(out) or "  (no statement)"


def find(analysis: Analysis, piece: str, min_ratio: float = 0.8) -> Statement:
    """The statement whose content matches ``piece`` (first occurrence) at ``min_ratio``; fails with all found."""
    text = analysis.article.text
    st, r = best(analysis, [span(text, piece)])
    assert st is not None and r >= min_ratio, (
        f"no statement with content ≈ {piece!r} (best overlap {r:.2f}); found:\n{show(analysis)}"
    )
    return st


def overlapping(a: Statement, b: Statement) -> bool:
    return any(x0 < y1 and y0 < x1 for x0, x1 in spans_of(a) for y0, y1 in spans_of(b))


def assert_offsets_hold(analysis, text: str, marks: str = "«»“”\"") -> None:
    """Every offset of a golden article's analysis gives back its text: content, pieces, cue,
    speaker; a scare quote starts and ends with a quotation mark (one of ``marks``)."""
    assert analysis.statements
    for st in analysis.statements:
        assert text[st.content.start : st.content.end] == st.content.text
        for s, e in spans_of(st):
            assert st.content.start <= s < e <= st.content.end
        if st.cue:
            assert text[st.cue.start : st.cue.end] == st.cue.text
        if st.speaker:
            assert text[st.speaker.start : st.speaker.end] == st.speaker.text
    for s, e in analysis.scare_quotes:
        assert text[s] in marks and text[e - 1] in marks


def assert_no_overlap(analysis) -> None:
    sts = list(analysis.statements)
    for i, a in enumerate(sts):
        for b in sts[i + 1 :]:
            assert not overlapping(a, b), (a, b)


def sample_text(piece: str) -> str:
    """The text of the bundled Wikinews sample article (CC BY 2.5) that contains ``piece``."""
    import json
    from pathlib import Path

    import quidixit

    sample = Path(quidixit.__file__).parent / "data" / "sample" / "wikinews-fr.jsonl"
    with sample.open(encoding="utf-8") as f:
        return next(json.loads(line)["text"] for line in f if piece in line)
