"""The last pass over the statements of one text: their structure holds together.

The rules build contents, cues and speakers from many places; this pass makes
sure that whatever they did, every statement keeps the invariants the data
model promises (checked by ``tests/attribution/test_properties.py``):

- the content pieces are sorted, non-empty, non-overlapping, and the content's
  bounds are the first and last piece's; its text is the text at its offsets
  (a quotation with an empty piece is dropped: its marks were paired wrongly);
- a cue never lies inside its own content (a quotation whose closing mark is
  missing swallowed its incise, "… contre, a-t-il précisé."): it is cut out,
  with the inverted subject or short complement that goes with it ("a-t-il",
  "a déclaré à la presse le ministre");
- a speaker mention never lies inside its own content: any other speaker found
  there (an uncued quotation that took its own "Je", a clause's own subject)
  is dropped;
- a speaker's name is never empty: ``None``, type ``unknown``, when there is none.

A statement left with no words is dropped. Nothing else is changed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from ..model import Content, Cue, Speaker, Statement
from ._tokens import trim

__all__ = ["finish"]

_WORD = re.compile(r"\w")
_WORDS = re.compile(r"\w+")
_MARKS = "«»“”\"„"
ATTACHED_WORDS = 4  # at most this many words between a cue and its inverted subject

Pieces = list[tuple[int, int]]


def _overlaps(pieces: Pieces, start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in pieces)


def _merge(pieces: Iterable[tuple[int, int]], size: int) -> Pieces:
    """Clipped to the text, non-empty, sorted, and overlapping or touching pieces joined."""
    out: Pieces = []
    for a, b in sorted((max(0, a), min(size, b)) for a, b in pieces):
        if b <= a:
            continue
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _cut(pieces: Pieces, start: int, end: int) -> Pieces:
    out: Pieces = []
    for a, b in pieces:
        if b <= start or end <= a:
            out.append((a, b))
            continue
        if a < start:
            out.append((a, start))
        if end < b:
            out.append((end, b))
    return out


def _attached(text: str, cue: Cue, speaker: Speaker) -> tuple[int, int] | None:
    """The stretch from the cue to its speaker when they belong together (the speaker in
    the cue, or just after or before it with few words and no quotation mark between)."""
    lo, hi = min(cue.start, speaker.start), max(cue.end, speaker.end)
    if speaker.start >= cue.end:
        gap = text[cue.end : speaker.start]
    elif speaker.end <= cue.start:
        gap = text[speaker.end : cue.start]
    else:
        return lo, hi
    if any(c in gap for c in _MARKS) or "\n" in gap or len(_WORDS.findall(gap)) > ATTACHED_WORDS:
        return None
    return lo, hi


def _fixed_cue(text: str, cue: Cue | None) -> Cue | None:
    if cue is None:
        return None
    start, end = max(0, cue.start), min(len(text), cue.end)
    if end <= start:
        return None
    if (start, end, text[start:end]) != (cue.start, cue.end, cue.text):
        cue = replace(cue, start=start, end=end, text=text[start:end])
    return cue


def _fixed_speaker(text: str, sp: Speaker | None) -> Speaker | None:
    if sp is None:
        return None
    start, end = max(0, sp.start), min(len(text), sp.end)
    if end <= start:
        return None
    if (start, end, text[start:end]) != (sp.start, sp.end, sp.text):
        sp = replace(sp, start=start, end=end, text=text[start:end])
    if sp.name is not None and not sp.name.strip():
        sp = replace(sp, name=None, type="unknown")
    return sp


def _finish_one(st: Statement, text: str) -> Statement | None:
    c = st.content
    if st.kind == "direct" and any(b <= a for a, b in c.spans):
        # a quotation with nothing before its incise: a closing mark was taken for an opening
        # one ('"», affirme-t-il. Il est parti.'), and what is left is narration
        return None
    pieces = _merge(c.spans or ((c.start, c.end),), len(text))
    cue = _fixed_cue(text, st.cue)
    speaker = _fixed_speaker(text, st.speaker)
    cut = pieces
    cue_inside = cue is not None and _overlaps(cut, cue.start, cue.end)
    if cue_inside:
        cut = _cut(cut, cue.start, cue.end)
    if speaker is not None and _overlaps(cut, speaker.start, speaker.end):
        stretch = _attached(text, cue, speaker) if cue_inside else None
        if stretch is not None:
            cut = _cut(cut, *stretch)
        else:
            speaker = None
    if cut is not pieces:  # what was left around a cut loses its dangling commas and spaces
        pieces = _merge((trim(text, a, b) for a, b in cut), len(text))
    pieces = [(a, b) for a, b in pieces if _WORD.search(text, a, b)]
    if not pieces:
        return None
    start, end = pieces[0][0], pieces[-1][1]
    content = Content(start, end, text[start:end], tuple(pieces) if len(pieces) > 1 else ())
    if content == c and cue is st.cue and speaker is st.speaker:
        return st
    return replace(st, content=content, cue=cue, speaker=speaker)


def finish(statements: Iterable[Statement], text: str) -> list[Statement]:
    """The statements of ``text`` with their structure repaired; those left empty dropped."""
    out = []
    for st in statements:
        st = _finish_one(st, text)
        if st is not None:
            out.append(st)
    return out
