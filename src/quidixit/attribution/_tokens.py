"""Small helpers over spaCy tokens and spans shared by the extraction rules."""

from __future__ import annotations

import unicodedata

from spacy.tokens import Doc, Span, Token

PUNCT_TRIM = " \t\n\u00a0\u202f\u2009.,;:!?–—-"
QUOTE_CHARS = "«»“”\"„"
NP_POS = {"DET", "PROPN", "NOUN", "ADJ", "NUM", "X"}
DE_WORDS = {"de", "du", "des", "d'", "d’"}
SUBJ_DEPS = {"nsubj", "nsubj:pass", "expl:subj", "nsubj:caus"}
DATIVE_CLITICS = {"lui", "leur"}  # "« … », lui avait dit X": the addressee, before the verb of an incise
LAST_NAMED = {"dernier", "dernière", "derniers", "dernières"}  # "ce dernier": the person named last
PRONOUNS = {
    "il": ("Masc", "Sing"), "elle": ("Fem", "Sing"), "ils": ("Masc", "Plur"), "elles": ("Fem", "Plur"),
    "on": (None, "Sing"), "je": (None, "Sing"), "nous": (None, "Plur"), "vous": (None, "Plur"), "tu": (None, "Sing"),
    "moi": (None, "Sing"), "toi": (None, "Sing"),
    "celui-ci": ("Masc", "Sing"), "celle-ci": ("Fem", "Sing"), "lui": ("Masc", "Sing"), "eux": ("Masc", "Plur"),
}


def text_of(doc: Doc) -> str:
    """``doc.text``, read once per document: spaCy rebuilds it from every token on each access,
    which made the rules quadratic in the length of an article."""
    text = doc.user_data.get("qx_text")
    if text is None:
        return doc.text
    return text


def norm(word: str) -> str:
    return word.lower().replace("’", "'")


def pron_key(tok: Token) -> str:
    """'-t-il', '-il', 'il' -> 'il'."""
    w = norm(tok.text)
    if w.startswith("-t-"):
        w = w[3:]
    w = w.lstrip("-")
    return "je" if w in {"j'", "j’"} else w  # "j'ai dit": the elided first person


def is_pronoun_subject(tok: Token) -> bool:
    return pron_key(tok) in PRONOUNS and tok.pos_ in {"PRON", "DET", "PROPN", "NOUN", "X"}


_SYMBOLS = {"So", "Sk", "Cf", "Mn"}  # emoji, their variation selectors and joiners


def trim(text: str, start: int, end: int, *, keep_quotes: bool = True) -> tuple[int, int]:
    """Strip surrounding spaces and punctuation (and unbalanced quote marks) from text[start:end]."""
    chars = PUNCT_TRIM if keep_quotes else PUNCT_TRIM + QUOTE_CHARS
    while True:
        s0, e0 = start, end
        while start < end and (text[start] in chars or unicodedata.category(text[start]) in _SYMBOLS):
            start += 1  # also an emoji left before the content ("Selon la préfecture 🏛️, …")
        while end > start and text[end - 1] in chars and text[end - 1] not in "!?":
            end -= 1
        while end > start and text[end - 1] in "!?" and end - 1 > start and text[end - 2] in " \u00a0\u202f":
            end -= 1
        # an opening mark at the end, or a closing one whose opener is outside, is not content
        if end > start and text[end - 1] in "«“„":
            end -= 1
        if end > start and text[end - 1] in "»”" and not any(c in text[start:end] for c in "«“"):
            end -= 1
        if end > start and text[start] in "«“„" and not any(c in text[start:end] for c in "»”"):
            start += 1
        if end > start and text[start] in "»”":
            start += 1
        if (start, end) == (s0, e0):
            return start, end


def sentence_of(tok: Token) -> Span:
    return tok.sent


def prev_token(tok: Token, skip_space: bool = True) -> Token | None:
    i = tok.i - 1
    while i >= 0 and skip_space and tok.doc[i].is_space:
        i -= 1
    return tok.doc[i] if i >= 0 else None


def next_token(doc: Doc, i: int, limit: int | None = None) -> Token | None:
    limit = len(doc) if limit is None else limit
    while i < limit and doc[i].is_space:
        i += 1
    return doc[i] if i < limit else None


def ent_of(tok: Token) -> Span | None:
    if not tok.ent_type_:
        return None
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None
