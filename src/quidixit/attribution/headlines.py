"""Headlines and subheads "X : …", where X can speak (a person, an organisation,
a document, an anonymous source, or a name the article resolves)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..clean import lines, paragraphs
from ..lexicon import Lexicon
from ..speakers import Mention, Resolver, mention_after
from ._candidate import Candidate, n_words
from ._tokens import ent_of, norm, text_of, trim

_HEADLINE = re.compile(r"^(?P<who>[^:\n]{2,80}?)\s*:\s+(?P<what>\S.*)$")


def _title_case(line: str) -> bool:
    """Most words capitalised, as English headlines are written ("Pence: Gennifer Flowers Won't Be at Debate.")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def find_headlines(doc: Doc, lexicon: Lexicon, resolver: Resolver) -> list[Candidate]:
    text = text_of(doc)
    out = []
    first = len(text) - len(text.lstrip())
    for s, e in paragraphs(text):
        para_lines = lines(text, s, e)
        if len(para_lines) != 1:
            continue
        line = text[s:e]
        if line.endswith((".", "…", "»", "?")) and not line.endswith("..."):
            if line.endswith(".") and not (s == first and _title_case(line)):
                continue  # a sentence; but a page's first line in title case is its title, whatever ends it
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
        if mention.name is None and head.text[:1].isupper() and mention.end - mention.start == 1 and (
                resolver.full_name(head.text) != head.text):
            # "Hartley: …" opening the page, which the tagger reads as a common noun: a surname the article names in full
            mention = Mention(mention.start, mention.end, mention.head, name=(head.i, head.i + 1))
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
        what = trim(text, s + m.start("what"), e)
        person = ent is not None and ent.label_ == "PER" or mention.name is not None and resolver.full_name(
            doc[mention.name[0] : mention.name[1]].text) != doc[mention.name[0] : mention.name[1]].text or (
            mention.name is None and lexicon.speaker_noun_type(norm(head.text)) == "person")
        if ok and not person and mention.name is not None and not any(c in text[what[0] : what[1]] for c in "«»“”\""):
            # "Union européenne : ACTA rejeté par le Parlement" is a topic, not what the Union said: a
            # named organisation or place speaks in a headline through its quoted words ("Le ministère
            # de la Défense : …", a described institution, still does without them)
            ok = False
        if not ok:
            continue
        out.append(Candidate("headline", [what], None, mention, confidence=0.8, priority=6, anchor=s))
    return out
