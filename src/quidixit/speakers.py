"""Speakers: from the mention that carries an attribution to who it is within the article.

No French coreference model installs from PyPI, so resolution is done with rules
over the parse and the named entities, all of it in this module so that a
statistical resolver can replace it behind the same two calls:

- :func:`mention_at` / :func:`mention_after` cut the speaker mention out of the parse;
- :class:`Resolver` turns a mention into a :class:`~quidixit.model.Speaker`
  with a name, a type and a role: surname -> full name, "le ministère" -> the
  ministry named before, "il" / "-t-il" -> the nearest compatible speaker,
  "le communiqué" -> a document with its issuer, "une source militaire" ->
  anonymous, "les manifestants" -> group.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .attribution._tokens import ent_of, norm, pron_key, text_of, words_of
from .lexicon import Lexicon
from .model import Speaker

__all__ = ["Mention", "mention_at", "mention_after", "Resolver"]

_NP_DEPS_KEEP = {"det", "amod", "nmod", "case", "flat:name", "flat", "flat:foreign", "appos", "conj", "cc",
                 "nummod", "punct", "compound", "fixed", "advmod"}
_STOP_AFTER = {",", ".", ";", ":", "»", "«", "!", "?", "(", ")", "“", "”", '"', "''", "—", "–"}


@dataclass(frozen=True)
class Mention:
    start: int  # token indices, end exclusive
    end: int
    head: int  # token index of the head (the name's last token, or the noun)
    name: tuple[int, int] | None = None  # token range of a proper name inside the mention
    role: tuple[int, int] | None = None  # token range of a role ("ministre russe des Affaires étrangères")


def _first_names(lexicon: Lexicon) -> dict[str, str]:
    return _first_names_of(lexicon.lang)


@functools.lru_cache(maxsize=8)
def _first_names_of(lang: str) -> dict[str, str]:
    """Given name (folded) -> "Masc" / "Fem", from the language pack's first_names.txt."""
    out = {}
    for line in Lexicon.load(lang).words("first_names"):
        if "\t" in line:
            name, g = line.split("\t", 1)
            out[_fold(name)] = "Fem" if g.strip() == "f" else "Masc"
    return out


def _given_name_gender(word: str, lexicon: Lexicon) -> str | None:
    """Masc / Fem of a given name in the language pack's list (also by the first part of a
    compound, "Jean-Marie"); None when the list does not have it."""
    names = _first_names(lexicon)
    key = _fold(word)
    return names.get(key) or names.get(key.split("-")[0])


def name_gender(tok: Token, lexicon: Lexicon) -> str | None:
    """Masc / Fem of a person's given name: the language pack's list first, else the parser's
    morphology."""
    g = _given_name_gender(tok.text, lexicon)
    if g:
        return g
    morph = tok.morph.get("Gender")
    return morph[0] if morph else None


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def _name_key(s: str) -> str:
    """A name folded for lookups, with either apostrophe ("Moody’s" = "Moody's")."""
    return _fold(s).replace("\u2019", "'")


def _np_tokens(head: Token) -> list[Token]:
    keep = [head]
    stack = [c for c in head.children if c.dep_ in _NP_DEPS_KEEP]
    while stack:
        t = stack.pop()
        if t.dep_ in {"acl", "acl:relcl", "advcl", "parataxis"}:
            continue
        if t.dep_ == "nmod" and any(c.dep_ == "case" and c.pos_ == "ADP" and c.is_alpha and norm(c.text) not in words_of(t).of_words | {"du", "des"}
                                    for c in t.children):
            continue  # "l'élu de Vendée dans un communiqué": the place of the saying, not the speaker
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in {"acl", "acl:relcl", "advcl", "parataxis", "ccomp"})
    keep.sort(key=lambda t: t.i)
    return keep


def _of(noun: str, owner: str) -> str:
    """ "direction" + "Hewlett-Packard" -> "direction de Hewlett-Packard" (d' before a vowel)."""
    return f"{noun} d'{owner}" if owner[:1].lower() in "aeiouyàâéèêîôû" and owner[:1].isalpha() and not owner.isupper() else f"{noun} de {owner}"


def _is_name_token(t: Token) -> bool:
    return t.pos_ == "PROPN" or (t.ent_type_ == "PER") or (t.text[:1].isupper() and t.pos_ in {"NOUN", "X"} and t.i > 0 and not t.is_sent_start)


def _name_run(doc: Doc, i: int) -> tuple[int, int]:
    """The proper-name run around token i (a PER entity, or consecutive capitalised tokens)."""
    ent = ent_of(doc[i])
    if ent is not None and ent.label_ in {"PER", "ORG", "MISC"}:
        s = ent.start
        while s < ent.end - 1 and doc[s].pos_ == "DET" and doc[s].is_lower:
            s += 1  # "according to the Office for National Statistics": the article is no part of the name
        return s, ent.end
    s = e = i
    while s - 1 >= 0 and doc[s - 1].pos_ == "PROPN":
        s -= 1
    while e + 1 < len(doc) and (doc[e + 1].pos_ == "PROPN" or doc[e + 1].dep_.startswith("flat")):
        e += 1
    return s, e + 1


def _finish(doc: Doc, toks: list[Token], lexicon: Lexicon) -> Mention | None:
    # spaces, emoji and other symbols are no part of a name ("la préfecture 🏛️")
    toks = [t for t in toks if not t.is_space and any(ch.isalnum() for ch in t.text) or t.is_punct]
    # a dateline ("Moscou /") is not part of the subject that follows it
    for b in doc.user_data.get("qx_barriers", ()):
        if toks and toks[0].idx < b <= toks[-1].idx:
            toks = [t for t in toks if t.idx >= b]
        elif toks and toks[-1].idx < b and "\n" not in text_of(doc)[toks[-1].idx : b] and b - toks[0].idx < 80:
            return None  # the mention is the dateline itself ("LONDON — The Chancellor … said"): no speaker
    while toks and (toks[-1].is_punct or norm(toks[-1].text) in words_of(doc).of_words or toks[-1].pos_ in {"CCONJ", "ADP"}):
        toks.pop()
    if toks and toks[0].pos_ == "ADP" and norm(toks[0].text) not in words_of(doc).of_words and toks[0].is_alpha:
        comma = next((k for k, t in enumerate(toks) if t.text == ","), None)
        if comma is not None and comma + 1 < len(toks):
            toks = toks[comma + 1 :]  # "Sur Twitter, Philippe Gosselin": a fronted phrase is not the subject
    while toks and (toks[0].is_punct or toks[0].pos_ == "ADP" and norm(toks[0].text) not in words_of(doc).of_words
                    or toks[0].pos_ == "CCONJ" and len(toks) > 1):
        toks.pop(0)  # "par la Banque …" -> "la Banque …"; "Mais le premier ministre" -> "le premier ministre"
    paren = next((k for k, t in enumerate(toks) if t.text == "(" and k > 0), None)
    if paren is not None:
        toks = toks[:paren]  # "Lionel Tardy (UMP)": the party label is not the speaker
    while toks and (toks[-1].is_punct or norm(toks[-1].text) in words_of(doc).of_words or toks[-1].pos_ in {"CCONJ", "ADP"}):
        toks.pop()
    times = lexicon.words("time_words")
    while toks and (norm(toks[0].text) in times or toks[0].is_punct):
        toks.pop(0)  # "Dimanche, Marine Le Pen" -> "Marine Le Pen"
    if not toks:
        return None
    start, end = toks[0].i, toks[-1].i + 1
    # a comma-separated apposition holding a proper name: "Le ministre ..., Serguei Lavrov"
    commas = [t.i for t in toks if t.text == ","]
    name = role = None
    head_i = toks[-1].i
    if commas:
        left = [t for t in toks if t.i < commas[0]]
        right = [t for t in toks if t.i > commas[0] and t.text != ","]
        left_nouns = [t for t in left if t.pos_ == "NOUN" or norm(t.text) in lexicon.roles]
        role_first = bool(left_nouns) and (norm(left_nouns[0].text) in lexicon.roles or lexicon.speaker_noun_type(
            norm(left_nouns[0].text)) in {"person", "group"})  # "Un des chercheurs de HRW, Ole Solvang"
        right_person = any(ent_of(t) is not None and ent_of(t).label_ == "PER" for t in right)
        if right and any(_is_name_token(t) for t in right) and left and (
            not any(t.pos_ == "PROPN" for t in left)
            # "Le maire de Lyon, Grégory Doucet": a role holding a place or an institution, then a person
            or role_first and right_person
        ):
            # role first, then the name: the name carries the mention
            n0 = next(t for t in right if _is_name_token(t))
            ns, ne = _name_run(doc, n0.i)
            name = (ns, min(ne, right[-1].i + 1))
            role = _strip_det(left)
            return Mention(name[0], name[1], name[1] - 1, name=name, role=role)
        role_like = bool(right) and norm(right[0].text) not in lexicon.words("clause_relatives") and not any(
            t.pos_ in {"VERB", "AUX"} and t.morph.get("VerbForm") == ["Fin"] for t in right)
        if left and any(_is_name_token(t) for t in left) and role_like and not (role_first and right_person):
            # the person's name when the left side holds one ("Senate Majority Leader Mitch McConnell, R-Ky.")
            person = next((t for t in left if t.ent_type_ == "PER"), None)
            ns, ne = _name_run(doc, (person or next(t for t in left if _is_name_token(t))).i)
            ne = min(ne, commas[0])
            role = _strip_det(right)
            return Mention(start, commas[0], ne - 1, name=(ns, ne), role=role)
        toks = [t for t in toks if t.i < commas[0]]
        end = toks[-1].i + 1 if toks else end
    # "le directeur d'EFI Michel Balandier", "le ministre Bruno Le Maire"
    names = [t for t in toks if _is_name_token(t) and not _in_complement(t, toks, lexicon)
             and norm(t.text) not in lexicon.words("org_anaphors") and norm(t.text) not in lexicon.roles]  # "l'ONG", "le Président": no names
    first = toks[0]
    if names:
        ns, ne = _name_run(doc, names[-1].i)
        ns = max(ns, start)
        ent = ent_of(doc[names[-1].i])
        if ent is not None and ent.label_ == "PER" and ne > end and all(
                t.text[:1].isupper() for t in doc[end:ne]):
            end = ne  # "… des Républicains Guillaume Larrivé, …": the tagger read the surname as the verb
        ne = min(ne, end)
        lead = [t for t in toks if t.i < ns]
        lead_nouns = [t for t in lead if t.pos_ in {"NOUN", "PROPN"} and norm(t.text) in lexicon.roles]  # "Senator Maria Lopez"
        if lead_nouns and ent_of(doc[ns]) is not None and ent_of(doc[ns]).label_ == "PER":
            return Mention(start, end, ne - 1, name=(ns, ne), role=_strip_det(lead))
        return Mention(start, end, ne - 1, name=(ns, ne) if first.pos_ != "DET" or ent_of(doc[ns]) else None)
    heads = [t for t in toks if t.pos_ in {"NOUN", "PRON"} or t.pos_ == "PROPN" and (
        norm(t.text) in lexicon.words("org_anaphors") or norm(t.text) in lexicon.roles)]  # "le parti" tagged PROPN
    head_i = heads[0].i if heads else head_i
    return Mention(start, end, head_i)


def _in_complement(t: Token, toks: list[Token], lexicon: Lexicon | None = None) -> bool:
    """A capitalised word inside a "de" complement of a common noun: "ministère de la Défense";
    a person only after a noun for a person ("l'avocat de X", "le successeur de X")."""
    k = toks.index(t)
    if t.ent_type_ == "PER":
        ent = ent_of(t)
        first = ent.start if ent is not None else t.i  # "l'avocat de Jean Dupont": from "Jean", for "Dupont" too
        before = [x for x in toks[:k] if not x.is_space and x.pos_ != "DET" and x.i < first]
        if lexicon is None or len(before) < 2 or norm(before[-1].text) not in words_of(t).of_words:
            return False
        # "l'avocat de X", "le bras droit de X" (the noun before its adjective); not "le communiqué
        # de X", whose words are X's
        nouns = [x for x in before[-3:-1] if x.pos_ == "NOUN"]
        return bool(nouns) and before[-2].pos_ in {"NOUN", "ADJ"} and lexicon.speaker_noun_type(
            norm(nouns[-1].text)) in {"person", None}
    before = [x for x in toks[:k] if not x.is_space]
    while before and (before[-1].pos_ in {"DET", "PROPN", "ADJ"} or before[-1].is_punct) and before[-1] is not t:
        if before[-1].pos_ == "PROPN" and before[-1].ent_type_ == "PER":
            return False
        before.pop()
    return bool(before) and norm(before[-1].text) in words_of(t).of_words and any(x.pos_ == "NOUN" for x in before[:-1])


def _in_parentheses(text: str, i: int) -> bool:
    """Whether offset i lies inside an open parenthesis of its paragraph."""
    line = text.rfind("\n", 0, i) + 1
    return text.rfind("(", line, i) > text.rfind(")", line, i)


def fronted_subject(ent: Span) -> bool:
    """A name the parser attached elsewhere that stands where the subject does: after a fronted
    phrase and its comma, before the sentence's verb ("À la veille du bureau, Florian Philippot,
    membre de cette assemblée, réserve sa décision", parsed as an apposition to "bureau"; "…, François
    Brottes (PS) est intervenu", parsed as a conjunct of the fronted phrase)."""
    root = ent.sent.root
    before = ent.doc[ent.start - 1] if ent.start > ent.sent.start else None
    return (before is not None and before.text == "," and root.pos_ in {"VERB", "AUX"} and ent.end <= root.i
            and ent.root.dep_ in {"appos", "nmod", "conj"}
            and not any(t.pos_ in {"VERB", "AUX"} and t.head.i != root.i for t in ent.doc[ent.end : root.i]))


def _strip_det(toks: list[Token]) -> tuple[int, int] | None:
    toks = [t for t in toks if not t.is_space and t.text != ","]
    while toks and toks[0].pos_ == "DET":
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].pos_ in {"ADP", "CCONJ"}):
        toks.pop()
    return (toks[0].i, toks[-1].i + 1) if toks else None


def _sentence_before(sent: Span) -> Span | None:
    """The sentence before ``sent`` (past spaces and line breaks), or None at the start."""
    doc = sent.doc
    k = sent.start - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    return doc[k].sent if k >= 0 else None


def mention_at(tok: Token, lexicon: Lexicon) -> Mention | None:
    """The mention headed by a subject token (as the parser attached it); never an
    interrogative word ("Interrogé sur combien perçoit …": "combien" says nothing)."""
    doc = tok.doc
    if "Int" in tok.morph.get("PronType") and tok.pos_ in {"PRON", "ADV", "DET"}:
        return None
    partitive = norm(tok.text) in lexicon.words("partitives")
    if (pron_key(tok) in words_of(tok).pronouns or tok.pos_ == "PRON") and not (partitive and any(c.dep_ in {"nmod", "appos"} for c in tok.children)):
        return Mention(tok.i, tok.i + 1, tok.i)
    toks = _np_tokens(tok)
    ent = ent_of(tok)
    if ent is not None and ent.label_ in {"PER", "ORG"}:
        # the parser sometimes hangs a surname elsewhere ("Emmanuel | Macron"): the entity is one mention
        have = {t.i for t in toks}
        toks = sorted(toks + [t for t in ent if t.i not in have], key=lambda t: t.i)
    return _finish(doc, toks, lexicon)


def mention_after(doc: Doc, i: int, limit: int, lexicon: Lexicon) -> Mention | None:
    """An inverted subject or a 'selon' source: the noun phrase that starts at token i.

    Read left to right up to punctuation, a verb or a preposition other than "de";
    a following ", Name" apposition is included.
    """
    while i < limit and (doc[i].is_space or norm(doc[i].text) in words_of(doc).euphonic_t):
        i += 1
    if i >= limit:
        return None
    t = doc[i]
    if t.pos_ == "ADP" and norm(t.text) not in words_of(t).of_words:
        return None
    if pron_key(t) in words_of(t).pronouns and t.text.startswith("-") or (pron_key(t) in words_of(t).pronouns and t.pos_ == "PRON"):
        return Mention(i, i + 1, i)
    toks: list[Token] = []
    j = i
    while j < limit:
        w = doc[j]
        if w.is_space:
            j += 1
            continue
        if w.text in _STOP_AFTER:
            break
        if w.pos_ in {"VERB", "AUX", "SCONJ", "PRON", "ADV"} and toks and not (w.pos_ == "ADV" and w.text[:1].isupper()):
            break
        if w.pos_ == "ADP" and norm(w.text) not in words_of(w).of_words and not (
                w.head.head.pos_ == "ADJ" and any(x.i == w.head.head.i for x in toks)):
            break  # but the complement of an adjective in the phrase goes on: "two officials familiar with the talks"
        if w.pos_ == "CCONJ" and not (j + 1 < limit and _is_name_token(doc[j + 1])):
            break
        toks.append(w)
        j += 1
    if not toks or not any(x.pos_ in {"NOUN", "PROPN"} or x.ent_type_ or x.text[:1].isupper() for x in toks):
        return None
    # ", François Rivasseau" apposition closing the phrase
    k = j
    if k < limit and doc[k].text == ",":
        k2 = k + 1
        while k2 < limit and doc[k2].is_space:
            k2 += 1
        if k2 < limit and _is_name_token(doc[k2]):
            ns, ne = _name_run(doc, k2)
            after = doc[ne] if ne < limit else None
            # an apposed name is closed by punctuation; one followed by its verb is the next clause's
            # subject ("Selon l'ancien patron du parti, Sébastien Nadot vise …")
            if after is None or after.is_punct or after.pos_ == "ADP":
                toks.extend(doc[k : ne])
    return _finish(doc, toks, lexicon)


@dataclass
class _Entry:
    start: int  # char offset of the mention
    name: str
    type: str
    role: str | None
    number: str | None  # "Sing" / "Plur"
    head: str
    gender: str | None = None  # "Masc" / "Fem" when the text shows it


class Resolver:
    """Resolves mentions within one article. Call :meth:`resolve` in text order."""

    def __init__(self, doc: Doc, lexicon: Lexicon, quoted: tuple[tuple[int, int], ...] = ()):
        self.doc = doc
        self.lexicon = lexicon
        self.quoted = quoted  # char spans of quotations: "je" there is the quoted speaker
        self._fw = words_of(doc)  # the function words of its language
        self._stressed = dict(x.split("\t") for x in lexicon.words("stressed_subjects"))  # "moi" -> "je"
        self.gender_of: dict[str, str] = {}  # resolved name -> "Masc" / "Fem", first seen
        self.history: list[_Entry] = []
        self.full_names: dict[str, set[str]] = {}
        self.roles_of: dict[str, str] = {}
        self.org_phrases: list[tuple[int, str, str]] = []  # (char, head, name)
        for ent in doc.ents:
            if ent.label_ == "PER":
                name = self._clean_name(ent.text)
                parts = name.split()
                if len(parts) >= 2 and not parts[0].endswith("."):  # "B. Obama" is no second full name
                    self.full_names.setdefault(_fold(parts[-1]), set()).add(name)
        # acronyms of the organisations named in full: "HRW" -> "Human Rights Watch", "SUD" -> "SUD-PTT"
        self.acronyms: dict[str, set[str]] = {}
        for ent in doc.ents:
            if ent.label_ not in {"ORG", "MISC"}:
                continue
            name = self._clean_name(ent.text)
            words = [w for w in name.replace("'", " ").split() if w[:1].isupper()]
            if len(words) >= 2 and not name.isupper():
                self.acronyms.setdefault("".join(w[0] for w in words), set()).add(name)
            content = [w for w in name.replace("'", " ").split() if norm(w) not in self._fw.of_words | lexicon.words("name_function_words")]
            if 2 <= len(content) <= 4 and content[0][:1].isupper() and not name.isupper():
                self.acronyms.setdefault("".join(w[0].upper() for w in content), set()).add(name)  # "Parti populaire" -> "PP"
            parts = [w for w in name.split("-") if w[:1].isupper()]
            if " " not in name and len(parts) >= 2 and not name.isupper():
                self.acronyms.setdefault("".join(w[0] for w in parts), set()).add(name)  # "Hewlett-Packard" -> "HP"
            if "-" in name and name.split("-")[0].isupper() and " " not in name:
                self.acronyms.setdefault(name.split("-")[0], set()).add(name)
        # roles the article gives its people, spoken or not: "le Premier ministre Jean-Marc Ayrault",
        # "Jean-Marc Ayrault, Premier ministre," (so that "le Premier ministre" later finds him)
        self.roles_seen: list[tuple[int, str, str]] = []  # (char, name, role)
        for ent in doc.ents:
            if ent.label_ != "PER":
                continue
            root = ent.root
            role_tok = None
            if root.dep_ in {"appos", "flat:name", "nmod", "flat"} and root.head.pos_ == "NOUN" and root.head.i < root.i:
                role_tok = root.head
            else:
                role_tok = next((c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
            if role_tok is None or lexicon.speaker_noun_type(norm(role_tok.text)) != "person":
                continue
            toks = [t for t in _np_tokens(role_tok) if not (ent.start <= t.i < ent.end) and not t.is_punct]
            toks = [t for t in toks if t.i < ent.start] if role_tok.i < ent.start else [t for t in toks if t.i > ent.end]
            while toks and toks[0].pos_ in {"DET", "ADP"}:
                toks.pop(0)
            if toks:
                role = text_of(doc)[toks[0].idx : toks[-1].idx + len(toks[-1].text)]
                self.roles_seen.append((ent.start_char, self._clean_name(ent.text), role))
        # people named as the subject of a sentence, outside quotations: what a pronoun may take up
        self.subjects: list[tuple[int, str, str | None]] = []
        for ent in doc.ents:
            as_subject = any(t.dep_ in {"nsubj", "nsubj:pass"} or t.dep_ == "vocative" and t.is_sent_start for t in ent) or (
                # "le ministre de la Justice Alberto Ruiz-Gallardón désirerait …": the name of a role subject
                ent.root.head.i != ent.root.i and ent.root.head.dep_ in {"nsubj", "nsubj:pass"} and ent.root.head.pos_ == "NOUN"
                and lexicon.speaker_noun_type(norm(ent.root.head.text)) == "person") or fronted_subject(ent)
            # a name the tagger reads as an organisation here but the article names as a person in full
            person = ent.label_ == "PER" or ent.label_ == "ORG" and self.full_name(ent.text) in self.person_counts
            if person and as_subject and not any(
                    a <= ent.start_char < b for a, b in quoted) and ent.root.pos_ == "PROPN" and all(
                    t.text[:1].isupper() or t.is_punct or norm(t.text) in self._fw.of_words | lexicon.words("name_articles") for t in ent) and not any(
                    norm(t.text) in lexicon.roles for t in ent) and self._clean_name(ent.text) not in self.org_names:
                g = name_gender(ent[0], lexicon) if len(ent) >= 2 else None
                self.subjects.append((ent.start_char, self.full_name(ent.text), g))
        other = lexicon.words("other_instance")
        for t in doc:
            if t.pos_ == "NOUN" and (norm(t.text) in lexicon.organizations or norm(t.text) in lexicon.documents):
                toks = _np_tokens(t)
                toks = [x for x in toks if x.i >= t.i - 2 and not x.is_punct and x.dep_ not in {"appos", "conj", "cc"}]
                toks = [x for x in toks if x.i <= max(y.i for y in toks)]
                toks = [x for x in toks if x.pos_ not in {"DET", "ADP"} or x.i > t.i]
                if toks and toks[-1].i > t.i and not any(norm(x.text) in other for x in toks):
                    # a phrase that says more than its head: "ministère de la Défense" (not "le gouvernement précédent")
                    name = text_of(doc)[toks[0].idx : toks[-1].idx + len(toks[-1].text)]
                    self.org_phrases.append((t.idx, norm(t.text), name))

    @functools.cached_property
    def _ent_labels(self) -> dict[str, str]:
        """The tagger's label for each name it found, folded ("Moody’s" = "Moody's")."""
        return {_name_key(e.text): e.label_ for e in self.doc.ents}

    @functools.cached_property
    def org_names(self) -> set[str]:
        """Names the article gives as an organisation's: "l'agence Moody's", "le groupe Renault"."""
        return {name for _, name in self._org_names_at}

    @functools.cached_property
    def _org_names_at(self) -> list[tuple[int, str]]:
        """(offset, name) of each name written right after an organisation noun and its adjectives,
        read on the text, not the parse ("la chaîne quatarie Al Jazeera", parsed as an apposition)."""
        doc = self.doc
        out: list[tuple[int, str]] = []
        for t in doc:
            if t.pos_ != "NOUN" or norm(t.text) not in self.lexicon.organizations:
                continue
            k = t.i + 1
            while k < len(doc) and doc[k].pos_ == "ADJ" and doc[k].is_lower:
                k += 1
            if k >= len(doc) or not doc[k].text[:1].isupper() or doc[k].pos_ not in {"PROPN", "NOUN", "X"} or doc[k].is_sent_start:
                continue
            ent = ent_of(doc[k])
            if ent is not None and ent.start == k:
                name = ent.text
            else:
                e = k
                while e + 1 < len(doc) and doc[e + 1].pos_ == "PROPN" and doc[e + 1].text[:1].isupper():
                    e += 1
                name = doc[k : e + 1].text
            out.append((doc[k].idx, self._clean_name(name)))
        return out

    @functools.cached_property
    def named_counts(self) -> dict[str, tuple[int, int]]:
        """How often each full name (two words or more) is written out in the article, and where first."""
        counts: dict[str, tuple[int, int]] = {}
        for ent in self.doc.ents:
            if ent.label_ == "PER":
                name = self._clean_name(ent.text)
                if len(name.split()) >= 2:
                    n, first = counts.get(name, (0, ent.start_char))
                    counts[name] = (n + 1, first)
        return counts

    @functools.cached_property
    def person_counts(self) -> dict[str, int]:
        """How often each person is named (full names): for a role with nobody named before it."""
        counts: dict[str, int] = {}
        for ent in self.doc.ents:
            if ent.label_ == "PER" and ent.text[:1].isupper() and ent[0].pos_ != "VERB":
                name = self.full_name(ent.text)
                if " " in name and name not in self.org_names:
                    counts[name] = counts.get(name, 0) + 1
        return counts

    # -- names -------------------------------------------------------------
    def _clean_name(self, text: str) -> str:
        words = text.replace("\u00a0", " ").split()
        while words and (words[0] in self.lexicon.titles or words[0].lower() in self.lexicon.titles):
            words.pop(0)
        return " ".join(words).strip(" ,.")

    def full_name(self, name: str) -> str:
        name = self._full_name(name)
        if " " in name:
            # "Ana Pastor" after "Ana Pastor García": the fullest name the article gives (CONVENTIONS 8)
            longer = {n for n in self.named_counts if n.startswith(name + " ") and n[len(name) + 1 :][:1].isupper()}
            if len(longer) == 1:
                return next(iter(longer))
        return name

    def _full_name(self, name: str) -> str:
        name = self._clean_name(name)
        if name.isalpha() and name.isupper() and 2 <= len(name) <= 6:
            expansions = self.acronyms.get(name, set())
            if len(expansions) == 1:
                return next(iter(expansions))
        parts = name.split()
        if len(parts) == 1:
            cands = self.full_names.get(_fold(parts[0]), set())
            folded = {_fold(c): c for c in cands}
            if len(folded) == 1:
                return next(iter(folded.values()))
            if len(folded) > 1:
                # "Obama" with Barack and Michelle Obama: the one the article names most, else first
                counts = sorted(folded.values(), key=lambda c: (-self.named_counts.get(c, (0, 0))[0],
                                                                self.named_counts.get(c, (0, 0))[1]))
                return counts[0]
        elif len(parts) == 2 and parts[0].endswith("."):
            # an abbreviated given name: "B. Obama", "Jean-Chr. Cambadélis" -> the full name given before
            cands = {_fold(c): c for c in self.full_names.get(_fold(parts[1]), set())}
            short = _fold(parts[0].rstrip("."))
            fits = [c for f, c in cands.items() if f.startswith(short)]
            if len(fits) == 1:
                return fits[0]
        return name

    # -- main --------------------------------------------------------------
    def resolve(self, m: Mention) -> Speaker:
        sp = self._resolve(m)
        if sp.name is None:
            return sp
        name = " ".join(sp.name.split())
        role = " ".join(sp.role.split()) if sp.role else None
        if name != sp.name or role != sp.role:
            sp = Speaker(sp.start, sp.end, sp.text, name, sp.type, role)
        return sp

    def _resolve(self, m: Mention) -> Speaker:
        doc = self.doc
        span = doc[m.start : m.end]
        start, end = span.start_char, span.end_char
        text = span.text
        head = doc[m.head]
        role = doc[m.role[0] : m.role[1]].text if m.role else None
        key = pron_key(head)
        last = norm(head.text) in self._fw.last_named and m.end - m.start == 2 and (
            norm(doc[m.start].text) in self.lexicon.words("demonstrative_determiners"))
        if m.end - m.start == 1 and (key in self._fw.pronouns and (head.pos_ == "PRON" or head.text.startswith("-"))):
            sp = self._pronoun(key, start, end, text)
        elif last:  # "ce dernier" / "cette dernière": a pronoun of that gender and number
            pronoun = dict(x.split("\t") for x in self.lexicon.words("last_named_pronouns"))[norm(head.text)]
            sp = self._pronoun(pronoun, start, end, text)
        elif m.name is not None and (body := self._role_over_name(m)) is not None:
            # "le porte-parole du collectif la Quadrature du Net": the name is the body's, not the speaker's
            sp = self._nominal(Mention(m.start, m.end, body, None, m.role), start, end, text, role)
        elif m.name is not None:
            name_span = doc[m.name[0] : m.name[1]]
            ent = ent_of(doc[m.name[0]])
            label = ent.label_ if ent is not None else None
            name = self.full_name(name_span.text)
            if name in self.org_names and not self._name_gender(name):
                typ = "organization"  # "la chaîne quatarie Al Jazeera", whatever the tagger reads elsewhere
            elif name in self.person_counts or name.split()[-1:] and _fold(name.split()[-1]) in self.full_names and " " in name:
                typ = "person"  # a person named in full elsewhere, whatever the tagger reads here
            elif label == "ORG" or (label is None and name.isupper() and len(name) <= 8) or name in self.org_names:
                typ = "organization"
            elif label == "LOC":
                typ = "organization"  # a country or city speaking: its government
            else:
                typ = "person"
            if role is None:
                role = self._known_role(name)
            sp = Speaker(start, end, text, name, typ, role)
        else:
            sp = self._nominal(m, start, end, text, role)
        if sp.name is None:
            return sp  # an unresolved mention is nobody a pronoun can take up
        number = head.morph.get("Number")
        gender = self._gender(m, key)
        if sp.type == "person" and self._name_gender(sp.name):
            gender = self._name_gender(sp.name)  # a woman's given name outweighs "le député" (a role's default form)
        if gender and sp.type == "person" and not (m.end - m.start == 1 and key in self._fw.pronouns):
            self.gender_of.setdefault(sp.name, gender)
        gender = self.gender_of.get(sp.name, gender) if sp.type == "person" else gender
        self.history.append(
            _Entry(start, sp.name, sp.type, sp.role, number[0] if number else None, norm(head.text), gender)
        )
        if sp.role and sp.type == "person":
            self.roles_of[sp.name] = sp.role
        return sp

    def _role_over_name(self, m: Mention) -> int | None:
        """The role noun a mention is headed by when its name is not a person's but the role's
        complement ("la correspondante de la chaîne France 24", "le porte-parole du collectif X")."""
        doc = self.doc
        name = doc[m.name[0] : m.name[1]]
        if any(t.ent_type_ == "PER" for t in name) or m.name[0] <= m.start or any(
                _given_name_gender(t.text, self.lexicon) for t in name[:-1]):
            return None  # a person's name ("… des sénateurs Les Républicains Bruno Retailleau", read as one ORG)
        for t in doc[m.start : m.name[0]]:
            if t.pos_ == "NOUN" and self.lexicon.speaker_noun_type(norm(t.text)) == "person" and any(
                    a.i == t.i for a in doc[m.name[0]].ancestors):
                return t.i
            if t.pos_ in {"NOUN", "PROPN"}:
                return None
        return None

    def _name_gender(self, name: str) -> str | None:
        """Masc / Fem of a full name by its given name in the language pack's list."""
        return _given_name_gender(name.split()[0], self.lexicon) if " " in name else None

    def _known_role(self, name: str) -> str | None:
        return self.roles_of.get(name)

    def _pronoun(self, key: str, start: int, end: int, text: str) -> Speaker:
        key = self._stressed.get(key, key)  # "selon moi" is the first person
        number = self._fw.pronouns[key][1]
        if key in self.lexicon.words("indefinite_pronouns"):
            return Speaker(start, end, text, text, "anonymous")
        if key in self.lexicon.words("first_second_person"):
            # inside a quotation "je" is whoever is quoted; outside, the writer or an
            # interviewee the rules cannot name
            if any(a <= start < b for a, b in self.quoted):
                for e in reversed(self.history):
                    if e.type != "document" and e.type != "anonymous":
                        return Speaker(start, end, text, e.name, e.type, e.role)
            return Speaker(start, end, text, None, "unknown")  # unresolved: the mention stays, no name
        gender = self._fw.pronouns[key][0]
        if number == "Sing":
            named = self._only_person_before(start, gender)
            if named is not None:
                return Speaker(start, end, text, named, "person", self._known_role(named))
        # the nearest earlier speaker of the pronoun's number, and of its gender where both are known
        # ("Elle" skips Jordan Bardella for Marine Le Pen); if none agrees in gender, the nearest one;
        # a person named as the subject of a sentence after that speaker comes first ("Jean-Marie Le
        # Pen revient sur le parti. « … », prévient-il")
        for strict in (True, False):
            for e in reversed(self.history):
                if e.start >= start:
                    continue
                plural = e.number == "Plur" or e.type == "group"
                if strict and gender and e.gender and e.gender != gender and e.type == "person":
                    continue
                if (number == "Plur") == plural and e.type in {"person", "organization", "group", "anonymous"}:
                    subj = self._subject_between(e.start, start, gender) if number == "Sing" else None
                    if subj is not None:
                        return Speaker(start, end, text, subj, "person", self._known_role(subj))
                    if not strict and gender and e.gender and e.gender != gender and e.type == "person":
                        # the only earlier speaker is of the other gender: a person of the pronoun's gender
                        # named before ("Maria Lopez met John Smith. She said … He said …": he is John Smith)
                        named = self._person_named_before(start, gender)
                        if named is not None:
                            return Speaker(start, end, text, named, "person", self._known_role(named))
                    return Speaker(start, end, text, e.name, e.type, e.role)
        # no earlier speaker: the nearest person named as a subject before, then the nearest person
        # named before, of the pronoun's gender if one is
        if number == "Sing":
            subj = self._subject_between(-1, start, gender)
            if subj is not None:
                return Speaker(start, end, text, subj, "person", self._known_role(subj))
        for strict in (True, False):
            for ent in reversed(self.doc.ents):
                if ent.end_char <= start and ent.label_ == "PER" and not any(a <= ent.start_char < b for a, b in self.quoted):
                    g = name_gender(ent[0], self.lexicon) if len(ent) >= 2 else None
                    if strict and gender and g and g != gender:
                        continue
                    return Speaker(start, end, text, self.full_name(ent.text), "person", None)
        if number == "Sing":
            org = self._organisation_before(start, gender)
            if org is not None:
                return Speaker(start, end, text, org, "organization", None)
        return Speaker(start, end, text, None, "unknown")  # unresolved: the mention stays, no name

    def _organisation_before(self, start: int, gender: str | None) -> str | None:
        """Nobody named before: the organisation named last in the pronoun's sentence or the one
        before it (outside quotations), when no noun of the other gender heads it ("L'ONG Human
        Rights Watch publie un rapport dans lequel elle dévoile que …")."""
        doc = self.doc
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or not len(span):
            return None
        sent = span[0].sent
        prev = _sentence_before(sent)
        first = prev.start if prev is not None else sent.start
        for ent in reversed(doc.ents):
            if ent.end_char > start or ent.start < first or ent.label_ != "ORG" or any(
                    a <= ent.start_char < b for a, b in self.quoted):
                continue
            nouns = [t for t in (ent.root.head, doc[ent.start - 1] if ent.start > 0 else None)
                     if t is not None and t.pos_ == "NOUN" and t.i < ent.start]
            g = next((t.morph.get("Gender")[0] for t in nouns if t.morph.get("Gender")), None)
            if gender and g and g != gender:
                continue
            return self._clean_name(ent.text)
        return None

    def _person_named_before(self, start: int, gender: str) -> str | None:
        """The nearest person named (in full, outside quotations) before ``start`` whose given name
        says ``gender``; None when there is none."""
        for ent in reversed(self.doc.ents):
            if ent.end_char <= start and ent.label_ == "PER" and len(ent) >= 2 and not any(
                    a <= ent.start_char < b for a, b in self.quoted):
                name = self.full_name(ent.text)
                if self.gender_of.get(name, _given_name_gender(ent[0].text, self.lexicon)) == gender:
                    return name
        return None

    def _only_person_before(self, start: int, gender: str | None, depth: int = 0) -> str | None:
        """ "… par Christian Jacob, président du groupe UMP. Il a souhaité …": a pronoun opening its
        sentence takes up the one person the sentence before names (outside quotations), when that
        person is not the last speaker (who the rules below give it to anyway)."""
        doc = self.doc
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        tok = span[0] if span is not None and len(span) and span[0].idx == start else None
        if tok is None or not tok.is_sent_start and not (tok.i > 0 and doc[tok.i - 1].is_space) and not tok.text.startswith("-"):
            return None  # a pronoun opening its sentence, or the clitic of an incise ("a-t-il dit")
        prev = _sentence_before(tok.sent)
        if prev is None:
            return None
        subj = next((c for c in prev.root.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
        if subj is not None and depth == 0 and subj.is_sent_start and norm(subj.text) in self.lexicon.words("third_person_singular") and (
                self._fw.pronouns[norm(subj.text)][0] == gender):
            # "… par Christian Jacob. Il a souhaité …. « … », a-t-il lancé": the chain of "il"
            return self._only_person_before(subj.idx, gender, depth + 1)
        if subj is not None and subj.ent_type_ != "PER" and (subj.pos_ == "PRON" or self.lexicon.speaker_noun_type(norm(subj.text)) == "person"):
            return None  # "L'ex-élu relève … ce qu'a exposé Emmanuel Macron. Il déplore …": the subject goes on
        people = set()
        for ent in prev.ents:
            if ent.label_ == "PER" and len(ent) >= 2 and not any(a <= ent.start_char < b for a, b in self.quoted) and not any(
                    t.dep_ in {"acl:relcl", "acl", "advcl", "ccomp"} for t in [ent.root, *ent.root.ancestors]):
                name = self.full_name(ent.text)
                g = self.gender_of.get(name, name_gender(ent[0], self.lexicon))
                if not (gender and g and g != gender):
                    people.add(name)
        if len(people) != 1:
            return None
        name = next(iter(people))
        last = next((e for e in reversed(self.history) if e.start < start and e.type == "person"), None)
        return name if last is not None and last.name != name and last.start < prev.start_char else None

    def _subject_between(self, after: int, before: int, gender: str | None) -> str | None:
        """The latest person named as a sentence subject (outside quotations) between two offsets,
        of a compatible gender."""
        for c, name, g in reversed(self.subjects):
            if c >= before:
                continue
            if c <= after:
                return None
            g = self.gender_of.get(name, g)
            if not gender or not g or g == gender:
                return name
        return None

    def _gender(self, m: Mention, key: str) -> str | None:
        """Masc / Fem of a mention where the text shows it: a pronoun, a title (M., Mme),
        the determiner of a role ("la ministre"), or the parser's reading of a first name."""
        doc = self.doc
        if m.end - m.start == 1 and key in self._fw.pronouns:
            return self._fw.pronouns[key][0]
        female, male = self.lexicon.words("honorifics_female"), self.lexicon.words("honorifics_male")
        for t in doc[m.start : m.end]:
            w = norm(t.text)
            if w in female:
                return "Fem"
            if w in male:
                return "Masc"
        head = doc[m.head] if m.name is None else None
        if m.role is not None and m.role[1] > m.role[0]:
            nouns = [t for t in doc[m.role[0] : m.role[1]] if t.pos_ == "NOUN"]
            head = nouns[0] if nouns else doc[m.role[1] - 1]
        if head is not None:
            for d in head.children:
                if d.dep_ == "det" and d.morph.get("Gender"):
                    return d.morph.get("Gender")[0]
            if head.pos_ == "NOUN" and head.morph.get("Gender"):
                return head.morph.get("Gender")[0]
        if m.name is not None and m.name[1] - m.name[0] >= 2:
            return name_gender(doc[m.name[0]], self.lexicon)
        return None

    def _nominal(self, m: Mention, start: int, end: int, text: str, role: str | None) -> Speaker:
        doc = self.doc
        head = doc[m.head]
        h = norm(head.text)
        typ = self.lexicon.speaker_noun_type(h)
        toks = [t for t in doc[m.start : m.end] if not t.is_space]
        bare = doc[toks[1].i : m.end].text if len(toks) > 1 and toks[0].pos_ == "DET" else text
        short = len(toks) <= 2
        ent = ent_of(head)
        if typ is None and ent is not None and ent.label_ in {"ORG", "LOC"}:
            return Speaker(start, end, text, self.full_name(ent.text), "organization", role)
        if typ is None and head.text[:1].isupper() and self._clean_name(bare) in self.org_names:
            return Speaker(start, end, text, self._clean_name(bare), "organization", role)
        if typ is None and head.text[:1].isupper() and len(toks) == 1 and self._ent_labels.get(_name_key(head.text)) == "ORG":
            # "Moody's explique …" at the start of a sentence, where the tagger saw no name: "par Moody's" before
            return Speaker(start, end, text, self.full_name(text), "organization", role)
        if typ == "anonymous" and h in self.lexicon.roles and short:
            # "l'expert" after "a indiqué V. Sapounov" is that expert; "un expert" stays anonymous
            held = self._role_holder(m, h, start, toks, spoke_only=True)
            if held is not None:
                return Speaker(start, end, text, held, "person", role or bare)
        if typ in {"organization", "group"} and h in self.lexicon.words("org_anaphors"):
            bare_noun = len([t for t in toks if t.pos_ not in {"DET", "ADJ"}]) == 1  # "la centrale syndicale"
            named = self._org_holder(m, h, start, toks) if bare_noun else None
            if named is not None:
                return Speaker(start, end, text, named, "organization", role or bare)
        if typ == "organization":
            if short:
                for c, hh, name in reversed(self.org_phrases):
                    if c < start and hh == h and len(name) > len(bare):
                        return Speaker(start, end, text, name, typ, role)
                if h in self.lexicon.words("org_parts"):
                    # "la direction", "leur direction": of the organisation the article is about
                    owner = self._named_org_before(start)
                    if owner is not None:
                        return Speaker(start, end, text, _of(head.text, owner), typ, role)
            return Speaker(start, end, text, bare, typ, role)
        if typ == "person":  # "le ministre", "la porte-parole"
            held = self._role_holder(m, h, start, toks)
            if held is not None:
                known = self._known_role(held)
                keep = known if known and _fold(h) in _fold(known).split() else role or bare
                return Speaker(start, end, text, held, "person", keep)
            body = self._body_of(m, toks)
            if body is not None:  # "la porte-parole de la fédération" -> "porte-parole de Febelfin"
                return Speaker(start, end, text, _of(head.text, body), "person", role or bare)
            return Speaker(start, end, text, bare, "person", role or bare)
        if typ == "document":
            if short:  # "le documentaire" after "le documentaire d'Al Jazeera", unless someone spoke since
                issued = max((e.start for e in self.history if e.type in {"organization", "person"} and e.start < start), default=-1)
                for c, hh, name in reversed(self.org_phrases):
                    if issued < c < start and hh == h and len(name) > len(bare):
                        return Speaker(start, end, text, name, typ, role)
            issuer = self._issuer(m)
            return Speaker(start, end, text, issuer or bare, "document", role)
        if typ in {"anonymous", "group"}:
            return Speaker(start, end, text, text, typ, role)
        if typ is None and h in self.lexicon.words("quantity_nouns"):
            return Speaker(start, end, text, text, "group", role)  # "une cinquantaine de chefs d'entreprise"
        # an unknown common noun: a group when plural
        if head.pos_ == "NOUN" and "Plur" in head.morph.get("Number"):
            return Speaker(start, end, text, text, "group", role)
        return Speaker(start, end, text, bare, "unknown", role)

    def _org_spoke_before(self, start: int) -> str | None:
        """The named organisation that spoke last before an offset."""
        return next((e.name for e in reversed(self.history)
                     if e.type == "organization" and e.start < start and e.name[:1].isupper()), None)

    def _named_org_before(self, start: int) -> str | None:
        """The organisation named nearest before an offset: one that spoke, else one the tagger found."""
        spoke = self._org_spoke_before(start)
        if spoke is not None:
            return spoke
        named = [(ent.start_char, self._org_name(ent)) for ent in self.doc.ents if ent.label_ == "ORG" and ent.end_char <= start]
        named += [(c, name) for c, name in self._org_names_at if c < start]
        return max(named)[1] if named else None

    def _org_name(self, ent: Span) -> str:
        """An ORG entity's name without a common noun before it: "groupe Renault" -> "Renault"."""
        words = self._clean_name(ent.text).split()
        if len(words) >= 2 and words[0].islower() and norm(words[0]) in self.lexicon.organizations and words[1][:1].isupper():
            words = words[1:]
        return self.full_name(" ".join(words))

    def _body_of(self, m: Mention, toks: list[Token]) -> str | None:
        """The named organisation of a role's complement: "de la fédération" after "Febelfin"."""
        head = self.doc[m.head]
        for t in toks:
            if t.i > head.i and t.head.i == head.i and t.dep_ == "nmod" and t.pos_ == "NOUN" and any(
                    norm(c.text) in self._fw.of_words for c in t.children):
                dets = [c for c in t.children if c.dep_ == "det"]
                if norm(t.text) in self.lexicon.words("org_anaphors") and dets and "Def" in dets[0].morph.get("Definite") and (
                        "Sing" in t.morph.get("Number") or not t.morph.get("Number")) and len(list(t.children)) <= 2:
                    return self._named_org_before(t.idx)
        return None

    def _role_holder(self, m: Mention, h: str, start: int, toks: list[Token], spoke_only: bool = False) -> str | None:
        """The named person a role nominal stands for: "le ministre" -> the minister named
        before; "le maire de Pau", "la députée européenne" (definite, singular) -> the
        nearest person speaker before it (or, failing one, the nearest person named before)
        of a compatible gender. A person named inside the nominal ("l'avocat de X") is not
        its holder. None when nobody fits."""
        doc = self.doc
        inside = {self.full_name(e.text) for e in doc.ents if e.label_ == "PER" and m.start <= e.start < m.end}
        people = [e for e in reversed(self.history) if e.type == "person" and e.start < start
                  and e.name[:1].isupper() and e.name not in inside]
        gender = self._gender(m, "")
        k = m.start - 1
        while k >= 0 and doc[k].is_space:
            k -= 1
        if k >= 1 and doc[k].text == "," and doc[k - 1].ent_type_ == "PER":
            # "Marie Lenoir, la présidente de la région, a dit": an apposition the parser split off;
            # not "Pour marquer la différence avec la situation de Penelope Fillon, le député a dit"
            ent = ent_of(doc[k - 1])
            before = doc[ent.start - 1] if ent is not None and ent.start > 0 else None
            in_phrase = before is not None and norm(before.text) in self._fw.of_words
            if ent is not None and ent.text[:1].isupper() and not in_phrase:
                name = self.full_name(ent.text)
                g = self._name_gender(name)
                if not (g and gender and g != gender):
                    return name
        j = m.end
        while j < len(doc) and doc[j].is_space:
            j += 1
        if not spoke_only and j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].ent_type_ == "PER":
            # "Le maire de New York, Michael Bloomberg, appelle …": the name in apposition
            ent = ent_of(doc[j + 1])
            if ent is not None and ent.start == j + 1 and ent.end < len(doc) and doc[ent.end].text in {",", ")"} and len(ent) >= 2:
                return self.full_name(ent.text)
        if spoke_only:  # the last person who spoke, if near enough
            return people[0].name if people and people[0].start > start - 400 else None
        fh = _fold(h)
        for e in people:
            if e.role and fh in _fold(e.role).split() or e.head == h:
                return e.name
        for c, name, role in reversed(self.roles_seen):
            name = self.full_name(name)
            if c < start and fh in _fold(role).split() and name not in inside:
                return name
        first = toks[0] if toks else None
        definite = first is not None and first.pos_ == "DET" and (
            "Def" in first.morph.get("Definite") or "Dem" in first.morph.get("PronType") or norm(first.text) in self.lexicon.words("definite_articles"))
        if not definite or "Plur" in doc[m.head].morph.get("Number"):
            return None
        # a person who spoke before it, nearest first, then one named as the subject of a sentence
        # (the journalist who asks is a subject, not the head of state who answers): of the role's
        # gender first, then one whose gender the text does not show
        spoke = {e.name for e in people}
        near = sorted([(e.start, e.name, e.gender) for e in people] + [
            (c, name, self.gender_of.get(name, g)) for c, name, g in self.subjects if c < start and name not in inside],
            key=lambda x: (x[1] not in spoke, -x[0]))
        # a person who speaks in an aside "(X déplora …)" is not who the text goes on about
        near = [x for x in near if not _in_parentheses(text_of(doc), x[0])]
        mine = _fold(" ".join(t.text for t in toks if t.pos_ != "DET")).split()
        near = [x for x in near if not self._other_role(x[1], mine)]
        for strict in (True, False):
            for _, name, g in near:
                if (g == gender) if strict and gender else (not gender or not g or g == gender):
                    return name
        if gender == "Fem":
            # a feminine role ("la députée") is marked in French, a masculine one is the default form:
            # only the former singles out a person named before whose given name is a woman's
            for ent in reversed(doc.ents):
                if ent.label_ == "PER" and ent.end_char <= start and len(ent) >= 2 and not any(
                        a <= ent.start_char < b for a, b in self.quoted):
                    name = self.full_name(ent.text)
                    if name not in inside and self.gender_of.get(name, name_gender(ent[0], self.lexicon)) == gender:
                        return name
        # nobody named before: the person the article names most (its protagonist)
        counts = {name: n for name, n in self.person_counts.items() if name not in inside and not (
            gender and self.gender_of.get(name, self._name_gender(name)) not in {None, gender})}
        if counts:
            best = max(counts.items(), key=lambda kv: kv[1])
            if best[1] >= 2:
                return best[0]
        return None

    def _other_role(self, name: str, role: list[str]) -> bool:
        """Whether the person is known to hold another role of the same body: "le président du
        Front national" is not the man called "le vice-président du Front national" before."""
        known = self.roles_of.get(name)
        if not known or len(role) < 2:
            return False
        words = _fold(known).split()
        return len(words) >= 2 and words[0] != role[0] and words[1:] == role[1:]

    def _org_holder(self, m: Mention, h: str, start: int, toks: list[Token]) -> str | None:
        """The named organisation a definite generic nominal stands for: "l'ONG" after
        "Human Rights Watch", "le parti écologiste" after "Europe Écologie Les Verts"."""
        first = toks[0] if toks else None
        # the number of the determiner: the tagger reads acronyms ("l'ONG") as plurals
        plural = norm(first.text) in self.lexicon.words("plural_determiners") if first is not None and first.pos_ == "DET" else (
            "Plur" in self.doc[m.head].morph.get("Number"))
        if h not in self.lexicon.words("org_anaphors") or plural:
            return None
        if first is None or first.pos_ != "DET" or "Ind" in first.morph.get("Definite"):
            return None
        spoke = self._org_spoke_before(start)
        if spoke is not None:
            return spoke
        for ent in reversed(self.doc.ents):
            if ent.label_ == "ORG" and ent.end_char <= start:
                return self.full_name(ent.text)
        return None

    def _issuer(self, m: Mention) -> str | None:
        doc = self.doc
        head = doc[m.head]
        if head.dep_ == "obj" and head.head.pos_ == "VERB":
            # "TVE a émis un communiqué affirmant …": who issued it is the verb's subject
            subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ != "PRON":
                sub = self._peek(subj)
                if sub:
                    return sub
        # "le communiqué du ministère", "un rapport de l'ONU"
        of = False
        for t in doc[m.start : m.end]:
            if t.i > m.head and t.pos_ in {"NOUN", "PROPN"} and any(norm(c.text) in self._fw.of_words for c in t.children):
                sub = self._peek(t)
                if sub:
                    return sub
                of = True
        if of:  # "les témoignages des anciens détenus": the phrase says whose, though it names nobody
            return None
        det = doc[m.start]
        if det.pos_ == "DET" and "Ind" in det.morph.get("Definite"):
            return None  # "un sondage publié dans …": a document of its own, not the last speaker's
        for e in reversed(self.history):
            if e.type in {"organization", "person"}:
                return e.name
            if e.type == "document":
                return e.name
        return None

    def _peek(self, t: Token) -> str | None:
        m = mention_at(t, self.lexicon)
        if m is None:
            return None
        if m.name is not None:
            return self.full_name(self.doc[m.name[0] : m.name[1]].text)
        typ = self.lexicon.speaker_noun_type(norm(t.text))
        if typ == "organization":
            toks = [x for x in self.doc[m.start : m.end] if not x.is_space]
            return self.doc[toks[1].i : m.end].text if len(toks) > 1 and toks[0].pos_ == "DET" else self.doc[m.start : m.end].text
        return None
