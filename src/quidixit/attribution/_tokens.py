"""Small helpers over spaCy tokens and spans shared by the extraction rules."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Mapping

from spacy.tokens import Doc, Span, Token

PUNCT_TRIM = " \t\n\u00a0\u202f\u2009.,;:!?–—-"
QUOTE_CHARS = "«»“”\"„"
NP_POS = {"DET", "PROPN", "NOUN", "ADJ", "NUM", "X"}
SUBJ_DEPS = {"nsubj", "nsubj:pass", "expl:subj", "nsubj:caus"}


@dataclass(frozen=True)
class FunctionWords:
    """The function words of a language pack that the rules test tokens against
    (``lang/LANG/*.txt``): read through :func:`words_of`, by the token's language."""

    of_words: frozenset[str]  # "de", "d'" / "of": a noun's complement
    dative_clitics: frozenset[str]  # "lui", "leur": the addressee before an incise verb
    last_named: frozenset[str]  # "ce dernier" / "the latter": the person named last
    pronouns: Mapping[str, tuple[str | None, str | None]]  # subject pronoun -> (gender, number)
    inverted_clitics: frozenset[str]  # "-t", "-il", "-t-il": an inverted clitic inside a verb group
    verb_group_adverbs: frozenset[str]  # "ne", "pas", "déjà": between an auxiliary and its participle
    reflexive_clitics: frozenset[str]  # "s'", "se": a reflexive clitic of the verb group
    euphonic_t: frozenset[str]  # "-t", "t": the euphonic t of "explique-t-il", never a subject
    third_person_clitics: frozenset[str]  # "il", "elle", "on": the inverted clitic of an incise ("sourit-il")
    gerund_markers: frozenset[str]  # "en": "en expliquant"
    gerund_intensifiers: frozenset[str]  # "tout": "tout en expliquant"
    complementizers: frozenset[str]  # "que", "qu'" / "that"
    quote_phrase_breaks: frozenset[str]  # "a", "selon": after a quotation, what ends its noun phrase
    inverted_prefixes: tuple[str, ...]  # "-t-": stripped from "-t-il"
    elided_pronouns: Mapping[str, str]  # "j'" -> "je"


@functools.lru_cache(maxsize=8)
def function_words(lang: str) -> FunctionWords:
    from ..lexicon import Lexicon

    lex = Lexicon.load(lang)
    pronouns = {}
    for line in sorted(lex.words("subject_pronouns")):
        word, gender, number = line.split("\t")
        pronouns[word] = (None if gender == "-" else gender.capitalize(), None if number == "-" else number.capitalize())
    return FunctionWords(
        lex.words("of_words"), lex.words("dative_clitics"), lex.words("last_named"), pronouns,
        lex.words("inverted_clitics"), lex.words("verb_group_adverbs"), lex.words("reflexive_clitics"),
        lex.words("euphonic_t"), lex.words("third_person_clitics"), lex.words("gerund_markers"),
        lex.words("gerund_intensifiers"), lex.words("complementizers"), lex.words("quote_phrase_breaks"),
        tuple(sorted(lex.words("inverted_prefixes"))), dict(x.split("\t") for x in sorted(lex.words("elided_pronouns"))),
    )


def words_of(x: Token | Doc | Span) -> FunctionWords:
    """The function words of the language of a token, span or doc (its pipeline's language)."""
    return function_words(x.lang_ if not isinstance(x, Span) else x.doc.lang_)


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
    fw = words_of(tok)
    for prefix in fw.inverted_prefixes:
        if w.startswith(prefix):
            w = w[len(prefix):]
            break
    w = w.lstrip("-")
    return fw.elided_pronouns.get(w, w)  # "j'ai dit": the elided first person


def is_pronoun_subject(tok: Token) -> bool:
    return pron_key(tok) in words_of(tok).pronouns and tok.pos_ in {"PRON", "DET", "PROPN", "NOUN", "X"}


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
