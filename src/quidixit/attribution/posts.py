"""Embedded social-media posts: a paragraph followed by its signature line
"— Name (@handle) date", as pages render embedded tweets. The post is a direct
statement of the named author (conventions: embedded posts are statements with
an empty cue). Trailing hashtags, @handles and links are not part of what was said."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..lexicon import Lexicon
from ..speakers import Mention, mention_after
from ._candidate import Candidate, n_words
from ._tokens import text_of, trim

__all__ = ["find_posts"]

_SIGNATURE = re.compile(r"^[ \t]*[—–-][ \t]*(?P<name>[^\n(]{2,80}?)[ \t]*\(@\w{1,30}\)", re.M)
_TAIL = re.compile(r"(?:\s+(?:#\w+|@\w+|pic\.twitter\.com/\S+|https?://\S+))+\s*$")


def find_posts(doc: Doc, lexicon: Lexicon) -> list[Candidate]:
    text = text_of(doc)
    out = []
    for m in _SIGNATURE.finditer(text):
        # the post: the last non-empty line before the signature
        end = m.start()
        while end > 0 and text[end - 1] in " \t\n\u00a0":
            end -= 1
        start = text.rfind("\n", 0, end) + 1
        body = text[start:end]
        cut = _TAIL.search(body)
        if cut:
            end = start + cut.start()
        a, b = trim(text, start, end)
        if b <= a or n_words(text[a:b]) < 2 or _SIGNATURE.match(text, start):
            continue
        who = doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand")
        if who is None or not len(who):
            continue
        mention = mention_after(doc, who.start, who.end, lexicon)
        if mention is None:
            continue
        if mention.end < who.end and all(t.text[:1].isupper() for t in who if t.is_alpha):
            # the signature is a name as a whole: "— Jean-Chr. Cambadélis (@jccambadelis)"
            mention = Mention(who.start, who.end, who.end - 1, name=(who.start, who.end), role=None)
        out.append(Candidate("direct", [(a, b)], None, mention, confidence=0.8, priority=6, anchor=a))
    return out
