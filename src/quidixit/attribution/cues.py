"""Speech cues on the parse: verbs of saying ("a affirmé", "indiquant"), support-verb
phrases ("a fait savoir", "laisse entendre"), with the subject that speaks.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..lexicon import Lexicon
from ..speakers import Mention, mention_after, mention_at
from ._tokens import SUBJ_DEPS, words_of, ent_of, norm, pron_key

__all__ = ["CueMatch", "find_cues", "parenthetical", "speaker_like", "subject_first"]


@dataclass(frozen=True)
class CueMatch:
    start: int  # token range of the cue words ("a fait savoir", "a-t-il ajouté")
    end: int
    verb: int  # the token that governs the subject
    last: int  # the last word of the cue (what a complement follows)
    lemma: str
    strong: bool
    participial: bool  # "indiquant que": speaker inherited from the clause
    mention: Mention | None
    inverted: bool = False


def _aux_start(doc: Doc, i: int) -> int:
    """Extend a participle to the left over its auxiliaries and an inverted clitic: 'a-t-il ajouté'."""
    fw = words_of(doc)
    j = i
    while j - 1 >= 0:
        t = doc[j - 1]
        if t.is_space:
            j -= 1
            continue
        if t.pos_ == "AUX" and t.head.i in (i, doc[i].head.i) or (t.dep_.startswith("aux") and t.head.i == i):
            j -= 1
            continue
        if norm(t.text) in fw.inverted_clitics or (
            t.text.startswith("-") and pron_key(t) in words_of(t).pronouns
        ):
            j -= 1
            continue
        if (norm(t.text) in fw.verb_group_adverbs
                or t.pos_ == "ADV" and t.is_lower and t.is_alpha) and j - 2 >= 0 and doc[j - 2].pos_ == "AUX":
            # "a notamment répondu", "a toutefois précisé": an adverb inside the verb group
            j -= 1
            continue
        break
    while j < i and (doc[j].is_space or doc[j].pos_ != "AUX" and not doc[j].text.startswith("-")):
        j += 1
    # a reflexive clitic belongs to the verb group: "s'est indigné", "s'interroge"
    if j - 1 >= 0 and norm(doc[j - 1].text) in fw.reflexive_clitics and doc[j - 1].pos_ == "PRON":
        j -= 1
    return j


def cue_start(doc: Doc, i: int) -> int:
    """First token of the verb group of the verb at i (its auxiliaries, an inverted clitic)."""
    return _aux_start(doc, i)


def _clitic_subject(doc: Doc, start: int, end: int) -> int | None:
    # "explique-t-il" may come as "explique", "-t", "-il": look past the euphonic t
    for k in range(start, end + 3):
        if k < len(doc) and doc[k].text.startswith("-") and pron_key(doc[k]) in words_of(doc).pronouns:
            return k
    return None


def speaker_like(m: Mention | None, doc: Doc, lexicon: Lexicon) -> bool:
    """Can this mention speak: a person, an organisation, a document, a pronoun?"""
    if m is None:
        return False
    head = doc[m.head]
    if norm(head.text) in lexicon.words("nobody") and not any(ch.dep_ == "det" for ch in head.children):
        return False  # "personne ne peut affirmer …"
    if m.name is not None:
        ns = m.name[0]
        lead = [t for t in doc[m.start : ns] if t.pos_ == "NOUN"]
        if lead and ns > m.start and norm(doc[ns - 1].text) in words_of(doc).of_words and lexicon.speaker_noun_type(norm(lead[0].text)) is None:
            return False  # "la visite d'Emmanuel Macron" is not Emmanuel Macron
        ent = ent_of(doc[m.name[0]])
        return ent is None or ent.label_ in {"PER", "ORG", "MISC"} or head.pos_ == "PROPN"
    key = pron_key(head)
    if key in words_of(head).pronouns or norm(head.text) in words_of(head).last_named and head.i > m.start:
        return True  # "ce dernier", "cette dernière" stand for the person named last
    if head.ent_type_ in {"PER", "ORG"}:
        return True
    if norm(head.text) in lexicon.words("quantity_nouns"):
        # "une cinquantaine de chefs d'entreprise": the people counted speak
        counted = [c for c in head.children if c.dep_ == "nmod" and c.i > head.i and c.pos_ in {"NOUN", "PROPN"}]
        return bool(counted) and (counted[0].ent_type_ in {"PER", "ORG"} or lexicon.speaker_noun_type(norm(counted[0].text)) is not None)
    return lexicon.speaker_noun_type(norm(head.text)) is not None


def quoted_apart(doc: Doc, a: Token, b: Token) -> bool:
    """Is one of the two tokens inside a quotation that the other is outside of?
    (The parse often makes a noun of the quotation the subject of the incise verb
    after it: '« C'est une situation … », a déclaré le maire'.)"""
    for o, c in doc.user_data.get("qx_quotes", ()):
        if (o <= a.idx < c) != (o <= b.idx < c):  # an orphan closer's quotation starts with its paragraph's first word
            return True
    return False


def _dative(doc: Doc, c: Token, v: Token) -> bool:
    """A preverbal "lui" / "leur" right before the verb group after a quotation is the addressee:
    '« … », lui avait dit Christian Jacob'."""
    if norm(c.text) not in words_of(c).dative_clitics or c.i > v.i:
        return False
    k = c.i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    return k >= 0 and doc[k].text in {",", "»", "”", '"', "''"} and all(doc[j].pos_ in {"AUX", "ADV", "PRON"} or doc[j].is_space for j in range(c.i + 1, v.i))


def _antecedent(ant: Token, lexicon: Lexicon) -> Token:
    """The antecedent of a relative pronoun, past the person named in a role's complement and up
    to the name the role is apposed to: "Bernard Bonnet, le successeur de Claude Erignac, qui …"."""
    if ant.ent_type_ == "PER" and ant.head.i != ant.i and ant.dep_ == "nmod" and ant.head.pos_ == "NOUN" and (
            lexicon.speaker_noun_type(norm(ant.head.text)) == "person"):
        ant = ant.head
    if ant.pos_ == "NOUN" and ant.dep_ == "appos" and ant.head.ent_type_ == "PER":
        ant = ant.head
    return ant


def _subject(doc: Doc, v: Token, lexicon: Lexicon, depth: int = 0) -> tuple[Mention | None, bool]:
    """(mention, inverted) of the subject of verb v."""
    subj = [c for c in v.children if c.dep_ in SUBJ_DEPS and norm(c.text) not in words_of(doc).euphonic_t and not quoted_apart(doc, c, v)
            and not _dative(doc, c, v) and norm(c.text) not in lexicon.words("time_words")]
    for c in subj:
        if c.morph.get("PronType") == ["Rel"] or norm(c.text) in lexicon.words("relative_subjects"):
            if v.dep_.startswith("acl") and v.head.pos_ in {"NOUN", "PROPN", "PRON"}:
                return mention_at(_antecedent(v.head, lexicon), lexicon), False
            continue
        if norm(c.text) in lexicon.words("impersonal_subjects") and c.dep_ == "expl:subj" and not c.text.startswith("-"):
            # impersonal "il est dit que" has no speaker; "il a dit" does
            if any(a.dep_ == "aux:pass" for a in v.children):
                continue
        m = mention_at(c, lexicon)
        if m is None and c is not subj[-1]:
            continue  # "LONDON — The Chancellor … said": a dateline the parse made a second subject
        return m, c.i > v.i
    # the agent of a passive ("par X"); "fait savoir à la commission" is read as one too
    agent = [c for c in v.children if c.dep_ == "obl:agent" and not any(
        k.dep_ == "case" and norm(k.text) in lexicon.words("addressee_prepositions") for k in c.children)]
    if agent:
        return mention_at(agent[0], lexicon), False
    if depth < 3 and v.head.i != v.i and v.head.pos_ in {"VERB", "AUX", "ADJ"} and not quoted_apart(doc, v.head, v) and (
        v.dep_ in {"conj", "xcomp"} or v.morph.get("VerbForm") in (["Inf"], ["Part"]) and v.dep_ in {"advcl", "ccomp", "obl", "obl:mod", "acl", "obj"}
        or v.dep_.startswith("aux") and v.pos_ == "VERB"  # "Le ministère s'est dit déterminé": the cue read as an auxiliary
    ):
        gov = v.head
        # "je vous demande de déclarer", "permettez-moi de dire", "entendre le commissaire déclarer"
        if norm(gov.text).startswith(tuple(sorted(lexicon.words("control_verb_stems")))) or (
                lexicon.cue_forms.get(norm(gov.text)) in lexicon.words("control_verbs")):
            objs = [x for x in gov.children if x.dep_ in {"obj", "iobj", "obl:arg"} and x.i != v.i and x.i < v.i]
            if objs:
                return mention_at(objs[0], lexicon), False
        return _subject(doc, gov, lexicon, depth + 1)
    return None, False


INCISE_END = {",", ".", ";", "»", "”", ")", "-", "–", "—", "!", "?"}


def _incise_subject(doc: Doc, t: Token, start: int, lexicon: Lexicon) -> Mention | None:
    """", dit cette délégation, …": a cue verb between a comma and a noun phrase that
    closes the incise has its subject after it, whatever the parser took it for."""
    if start == 0 or doc[start - 1].text not in {",", "-", "–", "—"}:
        return None
    if t.morph.get("VerbForm") != ["Fin"] and not (t.morph.get("VerbForm") == ["Part"] and start < t.i):
        return None  # "…, dit X" or "…, a annoncé X"
    if any(c.dep_ in {"ccomp", "xcomp"} or c.dep_ == "obj" and c.i < t.i for c in t.children):
        return None
    k = _after_adverbs(doc, t.i + 1, len(doc))
    if k >= len(doc):
        return None
    obj = next((c for c in t.children if c.dep_ == "obj" and c.left_edge.i == k and c.pos_ in {"NOUN", "PROPN"}), None)
    if obj is None or obj.right_edge.i + 1 >= len(doc) or doc[obj.right_edge.i + 1].text not in INCISE_END:
        return None
    m = mention_at(obj, lexicon)
    return m if speaker_like(m, doc, lexicon) else None


INCISE_MARKS = {",", "-", "–", "—", "("}


def parenthetical(doc: Doc, c: CueMatch, lexicon: Lexicon) -> tuple[int, Token] | None:
    """(first token, verb) of a speech clause set into the clause it reports:
    "comme l'a dit X", "comme devait conclure X", "je le répète," (a neuter "le"
    standing for the host clause); None for any other cue."""
    v = doc[c.last]
    comme = _comme_mark(v, lexicon)
    if comme is not None:
        mark, verb = comme
        return min(mark.i, verb.left_edge.i), verb
    if c.lemma not in lexicon.words("parenthetical_verbs") or any(ch.dep_ == "mark" for ch in v.children):
        return None  # "quand ils le souhaiteront" is not about speech
    if v.dep_ in {"advcl", "parataxis", "dep"} and v.head.i != v.i and any(
        ch.dep_ == "obj" and ch.pos_ == "PRON" and norm(ch.text) in lexicon.words("neuter_pronouns") and ch.i < v.i for ch in v.children
    ):
        a, b = v.left_edge.i, v.right_edge.i
        if b + 1 < len(doc) and doc[b + 1].text in INCISE_MARKS | {")"} or a > 0 and doc[a - 1].text in INCISE_MARKS:
            return a, v
    return None


def _comme_mark(v: Token, lexicon: Lexicon) -> tuple[Token, Token] | None:
    """(mark, verb) when v heads a "comme …" / "ainsi que …" clause, itself or through the
    verb it depends on ("comme devait conclure X"); the mark comes before v."""
    for verb in (v, v.head if v.dep_ == "xcomp" and v.head.i < v.i else None):
        if verb is None:
            continue
        for ch in verb.children:
            if ch.dep_ == "mark" and norm(ch.text) in lexicon.words("comme_marks") and ch.i < v.i:
                return ch, verb
    return None


def _after_adverbs(doc: Doc, k: int, limit: int) -> int:
    """The first token from k on that is not an adverb (a capitalised one stops: a name)."""
    while k < limit and doc[k].pos_ == "ADV" and not doc[k].text[:1].isupper():
        k += 1
    return k


def _skip_to_inverted_subject(doc: Doc, k: int, limit: int, lexicon: Lexicon) -> int:
    """Where an inverted subject starts after an incise verb, past adverbs, time phrases and
    prepositional phrases: "a déclaré à la presse le ministre", "a affirmé lundi sur
    BFMTV X", "a toutefois répondu l'ancien Premier ministre"."""
    times = lexicon.words("time_words")
    for _ in range(12):
        k = _after_adverbs(doc, k, limit)
        if k >= limit:
            return k
        t = doc[k]
        w = norm(t.text)
        if w in times or t.like_num and k + 1 < limit and norm(doc[k + 1].text) in times:
            k += 1
            if k < limit and norm(doc[k].text) in lexicon.words("time_adjectives"):
                k += 1  # "mardi dernier"
            continue
        if t.pos_ == "DET" and k + 1 < limit and norm(doc[k + 1].text) in times:
            k += 2  # "ce lundi", "cette semaine"
            continue
        if t.pos_ == "ADP" and w not in words_of(t).of_words or w in lexicon.words("contracted_prepositions"):
            # a prepositional phrase: the preposition, its determiners and adjectives, its noun(s)
            j = k + 1
            while j < limit and doc[j].pos_ in {"DET", "ADJ", "NUM"} and not doc[j].is_punct:
                j += 1
            if j >= limit or doc[j].pos_ not in {"NOUN", "PROPN"}:
                return k
            j += 1
            while j < limit and (doc[j].pos_ in {"NOUN", "PROPN"} or doc[j].pos_ == "ADJ" and doc[j].head.i < j) and doc[j].ent_iob_ != "B":
                j += 1  # a new entity starts the subject: "déclare à l'AFP Jean-Philippe Magnen"
            k = j
            continue
        return k
    return k


def subject_first(doc: Doc, c: CueMatch, lexicon: Lexicon) -> bool:
    """A speech clause with its subject right before the verb group, in a language whose
    incises take that order (``subject_first_incise``): "…, the senator said", '"…," she said'."""
    m = c.mention
    if m is None or c.inverted or not lexicon.syntax("subject_first_incise") or m.end > c.start:
        return False
    head = doc[m.head]  # what lies between is the subject's own apposition or the verb group's words
    return all(doc[j].is_space or doc[j].pos_ in {"AUX", "ADV", "PART"} or doc[j].is_punct and doc[j].text == ","
               or head.is_ancestor(doc[j]) for j in range(m.end, c.start))


def incise_position(doc: Doc, start: int) -> bool:
    """The cue starting at token ``start`` follows a closing quotation mark, with or without
    a comma: '« … », a déclaré X', '"…" sourit-il'."""
    k = start - 1
    while k >= 0 and (doc[k].is_space or norm(doc[k].text) in words_of(doc).dative_clitics):
        k -= 1
    if k >= 0 and doc[k].text in {",", "-", "–", "—"}:
        k -= 1
        while k >= 0 and doc[k].is_space:
            k -= 1
    if k < 0:
        return False
    return doc[k].text in {"»", "”"} or doc[k].text in {'"', "''"} and any(c == doc[k].idx + 1 for _, c in doc.user_data.get("qx_quotes", ()))


def _nominal_incise(doc: Doc, t: Token, lexicon: Lexicon) -> bool:
    """A verb right after a closing quotation mark and a comma whose inverted subject is a
    person named or described ('« … », a coupé court François Hollande', '« … », tranche le
    maire') is an incise of speech, whatever the verb."""
    known = lexicon.cue_lemma(t.text) is not None and t.is_lower  # "tranche" is often tagged a noun
    if not known and (t.pos_ != "VERB" or t.morph.get("VerbForm") not in (["Fin"], ["Part"])):
        return False
    start = _aux_start(doc, t.i)
    if t.pos_ == "VERB" and t.morph.get("VerbForm") == ["Part"] and start == t.i or not incise_position(doc, start):
        return False
    k = t.i + 1
    if k < len(doc) and doc[k].pos_ in {"ADJ", "ADV"} and not doc[k].text[:1].isupper():
        k += 1  # "coupé court"
    k = _skip_to_inverted_subject(doc, k, t.sent.end, lexicon)
    m = mention_after(doc, k, t.sent.end, lexicon)
    if m is None or m.end < len(doc) and not (doc[m.end].is_punct or doc[m.end].pos_ in {"ADP", "SCONJ", "CCONJ"}):
        return False
    head = doc[m.head]
    ent = ent_of(doc[m.name[0]]) if m.name is not None else None
    return ent is not None and ent.label_ == "PER" or lexicon.speaker_noun_type(norm(head.text)) == "person"


def _clitic_incise(doc: Doc, t: Token) -> bool:
    """A verb of any meaning with an inverted clitic subject, right after a comma or a closing
    quotation mark, is an incise of speech: '…, sourit-il', '« … », esquive-t-elle'."""
    # the tagger often misreads an unknown verb before "-t-elle" (as a pronoun, a noun): trust the shape
    if t.i == 0 or not t.is_alpha or not t.is_lower or t.pos_ in {"DET", "ADP", "CCONJ", "SCONJ"}:
        return False
    k = t.i - 1
    while k >= 0 and (doc[k].is_space or norm(doc[k].text) in words_of(doc).dative_clitics):
        k -= 1  # "« Rejoignez-moi », leur lance-t-il"
    if k < 0 or doc[k].text not in {",", "»", "”", '"', "''"}:
        return False
    j = t.i + 1
    fw = words_of(doc)
    if j < len(doc) and norm(doc[j].text) in fw.euphonic_t:
        j += 1
    if j >= len(doc) or not (doc[j].text.startswith("-") and pron_key(doc[j]) in fw.third_person_clitics):
        return False
    nxt = j + 1
    while nxt < len(doc) and doc[nxt].is_space:
        nxt += 1
    return nxt >= len(doc) or doc[nxt].is_punct or doc[nxt].pos_ in {"ADV", "ADP", "SCONJ", "CCONJ"}


def find_cues(doc: Doc, lexicon: Lexicon) -> list[CueMatch]:
    cues: list[CueMatch] = []
    skips, say = lexicon.words("support_phrase_skips"), lexicon.words("say_verbs")
    amounts_to, means = tuple(sorted(lexicon.words("amounts_to_stems"))), tuple(sorted(lexicon.words("means_stems")))
    gerund_markers, intensifiers, negation = lexicon.words("gerund_markers"), lexicon.words("gerund_intensifiers"), lexicon.words("negation_particles")
    nobody, asked = lexicon.words("nobody"), lexicon.words("asked_verbs")
    for t in doc:
        if t.is_space or t.is_punct:
            continue
        low = norm(t.text)
        lemma = None
        support = None
        # support-verb phrases: "fait savoir", "laisse entendre", "met en garde", "fait état"
        for k in range(t.i - 1, max(-1, t.i - 4), -1):
            s = doc[k]
            if s.is_space or norm(s.text) in skips:
                continue
            lem = lexicon.cue_forms.get(norm(s.text))
            if lem and (lem, low) in lexicon.cue_phrases:
                lemma = lexicon.cue_phrases[(lem, low)]
                support = s
            break
        if lemma is None:
            clitic_incise = _clitic_incise(doc, t) or _nominal_incise(doc, t, lexicon)
            if not clitic_incise and (t.pos_ not in {"VERB", "ADJ", "NOUN", "AUX"} or (t.pos_ == "NOUN" and not t.morph.get("VerbForm"))):
                if t.pos_ != "VERB":
                    continue
            lemma = lexicon.cue_lemma(t.text) or (norm(t.text) if clitic_incise else None)
            if lemma is None:
                continue
            if t.pos_ in {"NOUN", "ADJ"} and t.dep_ not in {"ROOT", "ccomp", "conj", "advcl", "parataxis"} and not clitic_incise:
                continue
        if lemma in say and norm(t.head.text).startswith(amounts_to) and t.head.i < t.i:
            continue  # "cela revient à dire que …": it amounts to, nobody says it
        if lemma in say and t.dep_ == "xcomp" and norm(t.head.text).startswith(means):
            # "Renaître ne veut pas dire …", "cela veut dire que": it means, it does not report;
            # "je voulais dire à M. Wurtz que …" does
            subj = [c for c in t.head.children if c.dep_ in SUBJ_DEPS]
            if not subj or subj[0].pos_ in {"VERB", "AUX"} or norm(subj[0].text) in lexicon.words("demonstrative_pronouns") or not speaker_like(mention_at(subj[0], lexicon), doc, lexicon):
                continue
        first = support if support is not None else t
        start = _aux_start(doc, first.i)
        if (support is None and start == t.i and lemma in asked and t.morph.get("VerbForm") == ["Part"]
                and t.morph.get("Tense") == ["Past"]):
            continue  # "Interrogé sur combien …, X évoque …": who was asked, not what was said
        strong = lexicon.cue_class.get(lemma, "strong") == "strong" if support is None else True
        participial = t.morph.get("VerbForm") == ["Part"] and t.morph.get("Tense") == ["Pres"] and support is None
        if participial and start < t.i:
            participial = False  # "ayant déclaré" keeps its subject
        before = doc[start - 1] if start > 0 else None
        gerund = participial and before is not None and norm(before.text) in gerund_markers
        if gerund:
            participial = False  # gerund "en expliquant": the subject of the governing verb
        if participial and t.dep_ == "acl" and before is not None and before.text not in {",", "»", "”", '"', "''"} and t.head.pos_ in {
                "NOUN", "PROPN"} and not quoted_apart(doc, t.head, t):
            # "ce jeune homme annonçant à sa nourrice que …": the noun it qualifies speaks (not a noun
            # inside the quotation before it: "« … des difficultés » évoquant …")
            m = mention_at(t.head, lexicon)
            cues.append(CueMatch(start, t.i + 1, t.i, t.i, lemma, strong, False, m, False))
            continue
        # who speaks
        mention, inverted = None, False
        gov = support if support is not None else t
        for v in ([gov, t] if support is not None else [t]):
            mention, inverted = _subject(doc, v, lexicon)
            if mention is not None:
                break
        if gerund and doc[max(start - 2, 0)].text == "," or gerund and norm(doc[max(start - 2, 0)].text) in intensifiers and doc[max(start - 3, 0)].text == ",":
            # ", tout en relevant que": the subject of the main clause, even when the parse hangs the
            # gerund on a verb of the clause reported before it
            top = t.head
            while top.dep_ in {"ccomp", "xcomp", "conj"} and top.head.i != top.i:
                top = top.head
            if top is not t.head:
                m2, _ = _subject(doc, top, lexicon)
                mention, inverted = m2 or mention, False
        if support is None and not inverted:
            late = _incise_subject(doc, t, start, lexicon)
            if late is not None:
                mention, inverted = late, True
        clitic = _clitic_subject(doc, start, t.i)
        if clitic is not None:
            mention, inverted = Mention(clitic, clitic + 1, clitic), True
        if mention is not None and inverted and support is None and clitic is None and incise_position(doc, start):
            # after a quotation the inverted subject is the first noun phrase after the verb, whatever
            # the parser attached ("…, a répondu le député de l'Essonne à Jean-Jacques Bourdin qui …")
            k = _skip_to_inverted_subject(doc, _after_adverbs(doc, t.i + 1, t.sent.end), t.sent.end, lexicon)
            first_np = mention_after(doc, k, t.sent.end, lexicon)
            if first_np is not None and first_np.start < mention.start and speaker_like(first_np, doc, lexicon):
                mention = first_np
        if mention is None and not participial and doc[start].morph.get("VerbForm") in (["Fin"], ["Part"]):
            # "Si le déficit doit être comblé, Ségolène Royal dit préférer …": a name right before a
            # finite verb is its subject, whatever the parser attached it to
            k = start - 1
            while k >= 0 and (doc[k].is_space or norm(doc[k].text) in negation):
                k -= 1
            ent = ent_of(doc[k]) if k >= 0 else None
            if ent is not None and ent.label_ == "PER" and ent.end == k + 1 and not quoted_apart(doc, doc[k], doc[start]):
                mention = mention_at(ent.root, lexicon)
        if mention is None and not participial:
            # inverted subject after the verb: "estime le ministre", "affirme X"
            prev = doc[start - 1] if start > 0 else None
            if prev is not None and (prev.is_punct or prev.is_space) or _comme_mark(t, lexicon) is not None:
                # "comme l'explique un des démissionnaires": the parser may take it for an object
                k = _after_adverbs(doc, t.i + 1, t.sent.end)
                if incise_position(doc, start):
                    if k + 1 < len(doc) and doc[k].pos_ == "ADJ" and doc[k].is_lower and doc[k + 1].pos_ in {"DET", "PROPN"}:
                        k += 1  # "a coupé court François Hollande"
                    k = _skip_to_inverted_subject(doc, k, t.sent.end, lexicon)
                mention = mention_after(doc, k, t.sent.end, lexicon)
                inverted = mention is not None
        if mention is not None and norm(doc[mention.head].text) in nobody and not any(ch.dep_ == "det" for ch in doc[mention.head].children):
            continue  # "personne ne peut affirmer …": nobody says it
        # a gerund whose governing verb the parse lost ("…, tout en relevant que") speaks with its sentence
        inherit = (participial or gerund) and mention is None
        cues.append(CueMatch(start, t.i + 1, gov.i, t.i, lemma, strong, inherit, mention, inverted))
    return cues
