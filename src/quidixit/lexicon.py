"""Per-language word lists, loaded once per process and looked up in sets.

The lists are plain UTF-8 files in ``quidixit/lang/LANG/`` (one entry a line,
``#`` comments), so that linguists can review and extend them without reading
code. ``cue_forms.txt`` is generated from ``cue_verbs.txt`` by
``scripts/build_lexicon.py``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Iterable, Mapping

from .errors import Errors, SetupError
from .lang import SYNTAX_FLAGS, pack

__all__ = ["Lexicon", "available_languages", "regular_forms", "parse_cue_verb", "CUE_CLASSES", "words_in_any_language"]

CUE_CLASSES = ("strong", "weak")
_CUE_LEMMA = re.compile(r"(?:se |s')?[^\W\d_][\w-]*")  # "claironner", "s'indigner", "se plaindre"

def regular_forms(lemma: str, lang: str = "fr") -> list[str]:
    """The regular forms of a verb in ``lang`` (its pack's ``inflect``): what
    ``scripts/build_lexicon.py`` adds to the lookup table, and what a cue verb added at
    run time gets (other verbs give their forms explicitly). French: a first-group (-er)
    verb's forms, ``[]`` for any other verb."""
    hooks = pack(lang)
    return list(hooks.inflect(lemma)) if hooks is not None and hasattr(hooks, "inflect") else []


def parse_cue_verb(entry: str) -> tuple[str, str]:
    """``"claironner"`` -> ("claironner", "strong"); ``"souligner:weak"`` (or a tab, as in
    cue_verbs.txt) -> ("souligner", "weak"). Raises SetupError (QX203) on anything else."""
    lemma, sep, klass = entry.strip().replace("\t", ":").partition(":")
    lemma, klass = lemma.strip().lower().replace("’", "'"), (klass.strip() or "strong")
    if not _CUE_LEMMA.fullmatch(lemma) or klass not in CUE_CLASSES:
        raise SetupError(Errors.QX203.format(entry=entry))
    return lemma, klass


def _lang_dir(lang: str) -> Path:
    return Path(str(resources.files("quidixit") / "lang" / lang))


def available_languages() -> list[str]:
    root = Path(str(resources.files("quidixit") / "lang"))
    return sorted(p.name for p in root.iterdir() if (p / "cue_verbs.txt").exists())


def _lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [
        line.rstrip("\n")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@functools.lru_cache(maxsize=64)
def _word_list(lang: str, name: str) -> frozenset[str]:
    return frozenset(x.strip().lower().replace("’", "'") for x in _lines(_lang_dir(lang) / f"{name}.txt"))


@functools.lru_cache(maxsize=8)
def _syntax(lang: str) -> dict[str, bool]:
    hooks = pack(lang)
    return dict(getattr(hooks, "SYNTAX", {})) if hooks is not None else {}


@functools.lru_cache(maxsize=16)
def words_in_any_language(name: str) -> frozenset[str]:
    """The union of the word list ``NAME.txt`` over every language pack: for steps that
    run on a whole corpus (the store), where a name may come from any language."""
    out: frozenset[str] = frozenset()
    for lang in available_languages():
        out |= _word_list(lang, name)
    return out


@dataclass(frozen=True)
class Lexicon:
    lang: str
    cue_forms: dict[str, str]  # inflected form -> lemma
    cue_class: dict[str, str]  # lemma -> "strong" | "weak"
    cue_phrases: dict[tuple[str, str], str]  # (support lemma, complement) -> phrase lemma
    according: tuple[tuple[str, ...], ...]  # token sequences, longest first
    anonymous: frozenset[str]
    groups: frozenset[str]
    documents: frozenset[str]
    organizations: frozenset[str]
    roles: frozenset[str]
    persons: frozenset[str]
    titles: frozenset[str]
    boilerplate: frozenset[str]

    @classmethod
    @functools.lru_cache(maxsize=8)
    def load(cls, lang: str) -> "Lexicon":
        here = _lang_dir(lang)
        if not (here / "cue_verbs.txt").exists():
            raise SetupError(Errors.QX202.format(lang=lang, supported=", ".join(available_languages())))
        cue_class = {}
        for line in _lines(here / "cue_verbs.txt"):
            lemma, klass = line.split("\t")
            bare = lemma.split("'")[-1].split(" ")[-1]
            cue_class[bare] = "strong" if klass == "strong" or cue_class.get(bare) == "strong" else "weak"
        forms = dict(line.split("\t") for line in _lines(here / "cue_forms.txt"))
        phrases = {}
        for line in _lines(here / "cue_phrases.txt"):
            head, comp, lemma = line.split("\t")
            phrases[(head, comp)] = lemma
        according = sorted(
            (tuple(re.findall(r"\w+'|[\w-]+", x.replace("’", "'"))) for x in _lines(here / "according.txt")),
            key=len,
            reverse=True,
        )
        words = lambda name: frozenset(x.strip().lower() for x in _lines(here / name))  # noqa: E731
        return cls(
            lang=lang,
            cue_forms=forms,
            cue_class=cue_class,
            cue_phrases=phrases,
            according=tuple(dict.fromkeys(according)),
            anonymous=words("anonymous.txt"),
            groups=words("groups.txt"),
            documents=words("documents.txt"),
            organizations=words("organizations.txt"),
            roles=words("roles.txt"),
            persons=words("persons.txt"),
            titles=frozenset(x.strip() for x in _lines(here / "titles.txt")),
            boilerplate=words("boilerplate.txt"),
        )

    def extended(
        self,
        cue_verbs: Iterable[str] = (),
        cue_forms: Mapping[str, str] | None = None,
        boilerplate: Iterable[str] = (),
    ) -> "Lexicon":
        """This lexicon with more cue verbs and boilerplate markers (the package's files untouched).

        ``cue_verbs``: lemmas as :func:`parse_cue_verb` reads them ("claironner",
        "souligner:weak"); a first-group verb gets its forms (:func:`regular_forms`),
        any other verb only its lemma unless ``cue_forms`` maps its inflected forms to
        it ({"prédit": "prédire"}). Forms the lexicon already knows keep their lemma."""
        if not cue_verbs and not cue_forms and not boilerplate:
            return self
        forms = dict(self.cue_forms)
        klasses = dict(self.cue_class)
        for entry in cue_verbs:
            lemma, klass = parse_cue_verb(entry)
            bare = lemma.split("'")[-1].split(" ")[-1]  # "s'indigner" -> "indigner", as cue_verbs.txt reads
            klasses[bare] = "strong" if klass == "strong" or klasses.get(bare) == "strong" else "weak"
            for form in [bare, *regular_forms(bare, self.lang)]:
                forms.setdefault(form, bare)
        for form, lemma in (cue_forms or {}).items():
            forms.setdefault(form.strip().lower().replace("’", "'"), lemma.strip().lower())
        markers = self.boilerplate | frozenset(x.strip().lower() for x in boilerplate if x.strip())
        return replace(self, cue_forms=forms, cue_class=klasses, boilerplate=markers)

    def syntax(self, name: str) -> bool:
        """A construction of the language that the rules test for, as its pack's ``SYNTAX``
        declares it (False when the pack does not name it): see :mod:`quidixit.lang`."""
        if name not in SYNTAX_FLAGS:
            raise KeyError(f"unknown construction {name!r} (quidixit.lang.SYNTAX_FLAGS)")
        return _syntax(self.lang).get(name, False)

    def words(self, name: str) -> frozenset[str]:
        """A plain word list of the language pack, ``lang/LANG/NAME.txt`` (lower-cased; empty if absent)."""
        return _word_list(self.lang, name)

    def cue_lemma(self, form: str) -> str | None:
        """The cue-verb lemma of an inflected form, or None."""
        lemma = self.cue_forms.get(form.lower())
        return lemma if lemma in self.cue_class else None

    def speaker_noun_type(self, noun: str) -> str | None:
        """person / organization / document / anonymous / group for a head noun that can speak."""
        n = noun.lower()
        if n.startswith(("ex-", "co-", "vice-")) and len(n) > 4:
            n = n.split("-", 1)[1]  # "l'ex-ministre", "la co-présidente": the role they name
        for cand in (n, n[:-1] if n.endswith(("s", "x")) else n):
            t = self._noun_type(cand)
            if t is not None:
                return t
        return None

    def _noun_type(self, n: str) -> str | None:
        if n in self.anonymous:
            return "anonymous"
        if n in self.documents:
            return "document"
        if n in self.organizations:
            return "organization"
        if n in self.roles or n in self.persons:
            return "person"
        if n in self.groups:
            return "group"
        return None
