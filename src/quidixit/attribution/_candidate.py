"""The candidate statement the rules produce before overlaps are settled, and
small span helpers they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..speakers import Mention
from ._tokens import text_of, trim
from .cues import CueMatch
from .quotes import Quote

_WORD = re.compile(r"\w+")
SCARE_MAX_WORDS = 4  # a quotation of this many words or fewer, with no speech act, is a scare quote


@dataclass
class Candidate:
    kind: str
    spans: list[tuple[int, int]]
    cue: tuple[int, int, str] | None  # char start, end, lemma
    mention: Mention | None
    inherit: bool = False  # participial cue: the speaker of the clause
    confidence: float = 0.9
    priority: int = 4
    anchor: int = 0  # char offset used to order speaker resolution
    quote: Quote | None = None
    extra: dict = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def n_words(text: str) -> int:
    return len(_WORD.findall(text))


def cue_chars(doc: Doc, c: CueMatch) -> tuple[int, int, str]:
    return doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1].text), c.lemma


def sent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    s = doc[i].sent
    return s.start, s.end


def content_span(doc: Doc, s: int, e: int) -> tuple[int, int] | None:
    if s >= e:
        return None
    a, b = trim(text_of(doc), doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
    return (a, b) if b > a else None
