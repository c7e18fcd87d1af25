"""Sentence bounds for news text, set before the parser.

Sentences end at line breaks and at ``. ! ? …`` (a closing quotation mark or
bracket may follow) before a capital, a digit or an opening mark. Every token
gets a decision, which the parser respects: its own guesses split clauses such
as "une source militaire | a déclaré" in news text.

All the bounds are computed in one pass and written at once with
``Doc.from_array``: setting ``Token.is_sent_start`` token by token makes spaCy
check the whole document each time (quadratic: 33 s at 200,000 characters).
The component is registered as ``quidixit_sentences`` in :mod:`quidixit.factories`.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

__all__ = ["ENDERS", "CLOSERS", "OPENERS", "sentence_starts", "set_sentence_bounds"]

ENDERS = frozenset({".", "!", "?", "…", "...", "!?", "?!"})
CLOSERS = frozenset({"»", "”", '"', "''", ")", "]"})
OPENERS = frozenset({"«", "“", '"', "''", "(", "—", "–", "-", "„"})


def sentence_starts(texts: list[str], spaces: list[bool]) -> list[bool]:
    """For each token after the first (``texts[1:]``), whether it starts a sentence.

    ``texts`` are the tokens' texts, ``spaces`` whether each is a whitespace token.
    Whitespace tokens never start one; the first non-space token after a line
    break always does.
    """
    out: list[bool] = []
    prev = None if spaces[0] else 0  # index of the last non-space token
    newline = False
    for i in range(1, len(texts)):
        text = texts[i]
        if spaces[i]:
            newline = newline or "\n" in text
            out.append(False)
            continue
        start = newline
        if not start and prev is not None:
            p = prev
            if texts[p] in CLOSERS and p > 0 and texts[p - 1] in ENDERS:
                p -= 1
            if texts[p] in ENDERS and (text[:1].isupper() or text in OPENERS or text[:1].isdigit()):
                start = True
        out.append(start)
        prev = i
        newline = False
    return out


def set_sentence_bounds(doc: Doc) -> Doc:
    """The ``quidixit_sentences`` component: every token's ``is_sent_start`` but the
    first one's (left as the tokenizer set it), written in one ``from_array`` call."""
    if len(doc) < 2:
        return doc
    starts = sentence_starts([t.text for t in doc], [t.is_space for t in doc])
    values = doc.to_array(SENT_START).astype(numpy.int64)  # one column: 1 start, -1 inside, 0 unknown
    values[1:] = numpy.where(starts, 1, -1)
    doc.from_array([SENT_START], values.astype(numpy.uint64))
    return doc
