"""Where quidixit's spaCy factories and ``Doc`` extensions are registered, once.

spaCy finds them through the ``spacy_factories`` entry points of the package
(``pyproject.toml``; each names the factory function itself, which is what spaCy
calls when it finds a factory through an entry point), so that ``nlp.add_pipe("quidixit")`` and ``spacy.load`` of a
saved pipeline work without importing quidixit first; importing this module
again registers nothing twice.

- ``quidixit``: :class:`quidixit.component.QuidixitComponent` (statements, boilerplate,
  scare quotes);
- ``quidixit_sentences``: :func:`quidixit.sentences.set_sentence_bounds`, before the parser.
"""

from __future__ import annotations

from typing import Mapping

from spacy.language import Language
from spacy.tokens import Doc

from .component import QuidixitComponent, doc_boilerplate, doc_error, doc_scare_quotes, doc_statements
from .sentences import set_sentence_bounds

__all__ = ["make_quidixit", "make_sentences"]

_GETTERS = {
    "qx_statements": doc_statements,
    "qx_boilerplate": doc_boilerplate,
    "qx_scare_quotes": doc_scare_quotes,
    "qx_error": doc_error,
}
for _name, _getter in _GETTERS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, getter=_getter)


@Language.factory(
    "quidixit",
    default_config={
        "lang": None,
        "keep_boilerplate": False,
        "noun_phrases": False,
        "extra_cue_verbs": [],
        "extra_cue_forms": {},
        "extra_boilerplate": [],
    },
    requires=["token.dep", "token.head", "doc.ents"],
    assigns=["doc.spans", "doc._.qx_statements", "doc._.qx_boilerplate", "doc._.qx_scare_quotes"],
)
def make_quidixit(
    nlp: Language,
    name: str,
    lang: str | None,
    keep_boilerplate: bool,
    noun_phrases: bool,
    extra_cue_verbs: list[str],
    extra_cue_forms: Mapping[str, str],
    extra_boilerplate: list[str],
) -> QuidixitComponent:
    return QuidixitComponent(
        nlp, name, lang=lang, keep_boilerplate=keep_boilerplate, noun_phrases=noun_phrases,
        extra_cue_verbs=extra_cue_verbs, extra_cue_forms=extra_cue_forms, extra_boilerplate=extra_boilerplate,
    )


@Language.factory("quidixit_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str):
    """Before the parser: sentence bounds at line breaks and at . ! ? … before a capital
    (:func:`quidixit.sentences.set_sentence_bounds`). A factory, not ``Language.component``,
    so that the entry point names the very function spaCy calls."""
    return set_sentence_bounds


@Language.factory("quidixit_ud", default_config={"lang": "en"}, assigns=["token.dep", "token.head", "doc.ents"])
def make_ud(nlp: Language, name: str, lang: str):
    """After the parser and the entity recogniser of a pipeline whose labels are not Universal
    Dependencies: the language pack's ``relabel`` (:func:`quidixit.lang.en.relabel` for English),
    which rewrites the parse in UD and the entities as PER / ORG / LOC / MISC, as the rules read them."""
    from .errors import Errors, SetupError
    from .lang import pack, packs

    hooks = pack(lang)
    if hooks is None or not hasattr(hooks, "relabel"):
        raise SetupError(Errors.QX202.format(lang=lang, supported=", ".join(packs())))
    return hooks.relabel
