"""Quotation marks on the raw text: « » (with or without non-breaking spaces),
“ ”, and straight ". Pure text scanning, no parse.

Unbalanced marks never abort and never swallow the rest of a document: a
quote still open at the end of its paragraph ends there (``closed=False``),
unless the next paragraph opens with the same mark, the French convention for
a quotation that runs over several paragraphs. A closing mark whose opener is
missing (the quotation began before the text or the paragraph we have:
'… des actes malveillants" constatait X.') closes a quotation that starts at
its paragraph, or after the last quotation closed in it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Quote", "find_quotes"]

OPEN_CLOSE = {"«": "»", "“": "”", "„": "“"}
CLOSERS = {"»": "«", "”": "“"}
STRAIGHT = '"'
DOUBLED = "''"
SPACES = " \t\u00a0\u202f\u2009"


@dataclass(frozen=True, slots=True)
class Quote:
    open: int  # offset of the opening mark
    close: int  # offset just after the closing mark (or end of the stretch when unclosed)
    spans: tuple[tuple[int, int], ...]  # inner text, without marks and padding; one per paragraph
    closed: bool = True

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def _inner(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s] in SPACES or text[s] == "\n"):
        s += 1
    while e > s and (text[e - 1] in SPACES or text[e - 1] == "\n"):
        e -= 1
    return s, e


def _paragraph_ends(text: str) -> list[int]:
    ends = []
    i = text.find("\n")
    while i != -1:
        j = i + 1
        while j < len(text) and text[j] in SPACES:
            j += 1
        if j < len(text) and text[j] == "\n":
            ends.append(i)
        i = text.find("\n", i + 1)
    return ends


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text``, outermost and nested, sorted by position. Two apostrophes
    (''…'', as some archives write English quotation marks) are read as one straight mark."""
    if DOUBLED in text:
        text = text.replace(DOUBLED, STRAIGHT + " ")  # the same length: offsets hold
    quotes: list[Quote] = []
    breaks = set(_paragraph_ends(text))
    stack: list[list] = []  # [mark, open_offset, pieces_start, pieces]
    i, n = 0, len(text)
    para_start = last_close = 0
    while i < n:
        ch = text[i]
        if i in breaks and stack:
            # paragraph ends with quotes open: continue those the next paragraph reopens
            j = i
            while j < n and (text[j] in SPACES or text[j] == "\n"):
                j += 1
            nxt = text[j] if j < n else ""
            still = []
            for frame in stack:
                mark, op, ps, pieces = frame
                if nxt == mark and mark != STRAIGHT and frame is stack[0]:
                    pieces.append(_inner(text, ps, i))
                    frame[2] = j + 1
                    still.append(frame)
                else:
                    pieces.append(_inner(text, ps, i))
                    spans = tuple(p for p in pieces if p[1] > p[0])
                    if spans:
                        quotes.append(Quote(op, i, spans, closed=False))
            stack = still
            if stack and nxt == stack[0][0]:
                i = j + 1
                continue
        if ch in OPEN_CLOSE and not (ch == "“" and stack and stack[-1][0] == "„"):
            stack.append([ch, i, i + 1, []])
        elif ch in CLOSERS or (ch == "“" and stack and stack[-1][0] == "„"):
            opener = CLOSERS.get(ch, "„")
            depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == opener), None)
            if depth is not None:
                _close(text, stack, depth, i, quotes)
                last_close = i + 1
            elif not stack and _orphan_closer(text, i):
                last_close = _orphan(text, max(para_start, last_close), i, quotes)
        elif ch == STRAIGHT:
            depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == STRAIGHT), None)
            if depth is not None and depth == len(stack) - 1:
                _close(text, stack, depth, i, quotes)
                last_close = i + 1
            elif not stack and _orphan_closer(text, i):
                last_close = _orphan(text, max(para_start, last_close), i, quotes)
            else:
                stack.append([STRAIGHT, i, i + 1, []])
        if i in breaks:
            para_start = i + 1
        i += 1
    for mark, op, ps, pieces in stack:
        pieces.append(_inner(text, ps, n))
        spans = tuple(p for p in pieces if p[1] > p[0])
        if spans:
            quotes.append(Quote(op, n, spans, closed=False))
    quotes.sort(key=lambda q: (q.open, -q.close))
    return quotes


def _orphan_closer(text: str, i: int) -> bool:
    """A mark glued to the word before it and followed by a space, punctuation or the
    end closes a quotation: 'malveillants" constatait', 'fin.» a-t-il dit'."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not (before in SPACES or before == "\n") and (after in SPACES or after in "\n,.;:!?)") and before != "'"


def _orphan(text: str, start: int, i: int, quotes: list[Quote]) -> int:
    """A quotation closed at i whose opening lies before ``start``; returns where it ends."""
    s, e = _inner(text, start, i)
    if len(text[s:e].split()) >= 3:
        quotes.append(Quote(start, i + 1, ((s, e),), closed=True))
    return i + 1


def _close(text: str, stack: list, depth: int, i: int, quotes: list[Quote]) -> None:
    # marks opened inside and never closed end here too
    for mark, op, ps, pieces in stack[depth + 1 :]:
        pieces.append(_inner(text, ps, i))
        spans = tuple(p for p in pieces if p[1] > p[0])
        if spans:
            quotes.append(Quote(op, i, spans, closed=False))
    mark, op, ps, pieces = stack[depth]
    s, e = _inner(text, ps, i)
    if e > s + 1 and text[e - 1] == ",":
        e = _inner(text, s, e - 1)[1]  # '"The bill will pass," she said': the comma is the sentence's, not the words'
    pieces.append((s, e))
    spans = tuple(p for p in pieces if p[1] > p[0])
    if spans:
        quotes.append(Quote(op, i + 1, spans, closed=True))
    del stack[depth:]
