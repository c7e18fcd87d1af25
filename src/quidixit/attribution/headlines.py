"""Headlines and subheads "X : …", where X can speak (a person, an organisation,
a document, an anonymous source, or a name the article resolves)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..clean import lines, paragraphs
from ..lexicon import Lexicon
from ..speakers import Resolver, mention_after
from ._candidate import Candidate, n_words
from ._tokens import ent_of, norm, text_of, trim

_HEADLINE = re.compile(r"^(?P<who>[^:\n]{2,80}?)\s*:\s+(?P<what>\S.*)$")


def find_headlines(doc: Doc, lexicon: Lexicon, resolver: Resolver) -> list[Candidate]:
    text = text_of(doc)
    out = []
    for s, e in paragraphs(text):
        para_lines = lines(text, s, e)
        if len(para_lines) != 1:
            continue
        line = text[s:e]
        if line.endswith((".", "…", "»", "?")) and not line.endswith("..."):
            if line.endswith("."):
                continue
        if n_words(line) > 40:
            continue
        m = _HEADLINE.match(line)
        if not m or n_words(m.group("who")) > 8 or n_words(m.group("what")) < 3:
            continue
        who = doc.char_span(s, s + len(m.group("who").rstrip()), alignment_mode="expand")
        if who is None:
            continue
        mention = mention_after(doc, who.start, who.end, lexicon)
        if mention is None or mention.end < who.end - 1:
            continue
        head = doc[mention.head]
        ent = ent_of(head)
        ok = False
        if mention.name is not None:
            name = doc[mention.name[0] : mention.name[1]].text
            full = resolver.full_name(name)
            ok = (ent is not None and ent.label_ in {"PER", "ORG"}) or full != name
            if ent is not None and ent.label_ == "LOC" and full == name:
                ok = False
        elif lexicon.speaker_noun_type(norm(head.text)) in {"person", "organization", "document", "anonymous"}:
            ok = True
        if not ok:
            continue
        what = trim(text, s + m.start("what"), e)
        out.append(Candidate("headline", [what], None, mention, confidence=0.8, priority=6, anchor=s))
    return out
