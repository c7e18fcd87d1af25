"""Language packs: ``lang/XX/`` holds the word lists of language XX (``*.txt``, read by
:mod:`quidixit.lexicon`) and ``lang/XX/__init__.py`` its few hooks:

- ``MODELS``: the spaCy model packages it runs on, preferred first (the first installed one loads);
- ``inflect(lemma)``: the regular forms of a cue verb added at run time;
- ``SYNTAX``: the constructions the shared rules test for that the language has (a dict of
  flags, read through :meth:`quidixit.lexicon.Lexicon.syntax`): ``bare_complement``, a clause
  reported with no complementiser ("said the race was tight"); ``subject_first_incise``, a
  speech clause after what it reports with its subject first ("…, the senator said.");
  ``resumed_quotation``, a quotation reopened right after the incise's sentence goes on with
  the same statement ('"A," she said. "B."'); ``nested_attribution``, a verb of saying deep inside
  a reported clause stays in it ("said he plans to spend the money he says he raised");
  ``nearest_cue_complement``, a complementiser belongs to the nearest verb of saying before it
  ("said, adding that …": the clause is "adding"'s);
- ``adapt(nlp)``: what the language changes in a loaded pipeline (tokenizer rules; a parse
  relabelled to Universal Dependencies, which the rules read).

A pack module imports no spaCy at import time: the CLI names languages without loading it.
See docs/languages.md for adding a language.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

__all__ = ["SYNTAX_FLAGS", "pack", "packs"]

# the constructions a pack's SYNTAX may declare (see above); the rules test for no other
SYNTAX_FLAGS = frozenset({
    "bare_complement",
    "subject_first_incise",
    "resumed_quotation",
    "nested_attribution",
    "nearest_cue_complement",
})

_HERE = Path(__file__).parent


def packs() -> tuple[str, ...]:
    """The codes of the language packs shipped (a folder with a module and cue verbs)."""
    return tuple(sorted(p.name for p in _HERE.iterdir() if (p / "__init__.py").exists() and (p / "cue_verbs.txt").exists()))


def pack(lang: str) -> ModuleType | None:
    """The hooks module of language ``lang``, or None when there is no such pack."""
    if lang not in packs():
        return None
    return importlib.import_module(f"{__name__}.{lang}")
