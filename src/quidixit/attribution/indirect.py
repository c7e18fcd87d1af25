"""Indirect speech: a cue verb and its que-clause, de + infinitive or indirect
question ("a affirmé que", "a fait savoir que", "indiquant que", "a demandé de"),
a reported noun phrase ("a annoncé sa démission"), and clauses set off by an
incise ("La crise, estime le ministre, est finie", "…, comme l'a rappelé le président")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicon import Lexicon
from ..speakers import mention_at
from ._candidate import Candidate, content_span, cue_chars, n_words, sent_bounds
from ._tokens import norm, text_of, trim, words_of
from .cues import CueMatch, parenthetical, speaker_like, subject_first
from .direct import resumed

INF_LEFT_DEPS = {"aux", "aux:tense", "aux:pass", "advmod", "obj", "iobj", "expl", "expl:pass", "expl:pv", "expl:comp"}


def find_indirect(doc: Doc, cues: list[CueMatch], lexicon: Lexicon) -> list[Candidate]:
    out = []
    complementizers = lexicon.words("complementizers")
    bare = lexicon.syntax("bare_complement")
    nearest = lexicon.syntax("nearest_cue_complement")
    infinitive_markers, infinitive_clitics = lexicon.words("infinitive_markers"), lexicon.words("infinitive_clitics")
    for c in cues:
        s0, s1 = sent_bounds(doc, c.last)
        j = c.last + 1
        content = _infinitive(doc, c, lexicon) or _self_description(doc, c, s1, lexicon)
        window = 0
        while content is None and j < s1 and window < 14:
            t = doc[j]
            w = norm(t.text)
            if t.is_space:
                j += 1
                continue
            if w in complementizers and _passive_with_subject(doc[c.last]):
                break  # "la guerre est déclarée, que …": a passive with its own subject has no que-complement
            if w in complementizers and nearest and any(doc[k].pos_ == "VERB" and k != c.last and doc[k].dep_ in {"advcl", "conj", "xcomp"}
                                            and lexicon.cue_lemma(doc[k].text) for k in range(c.last + 1, j)):
                break  # "said, adding that …": the complement is the nearer verb of saying's
            if w in complementizers and (t.pos_ == "SCONJ" or t.dep_ == "mark" or (
                    # the tagger may take it for a pronoun: it still opens the cue's complement clause
                    t.head.dep_ == "ccomp" and t.head.head.i in (c.last, c.verb) and t.head.i > t.i) or _completive_relative(doc, t, c)):
                prev = doc[j - 1] if j > 0 else None
                if prev is not None and norm(prev.text) in lexicon.words("subordinators") and not (
                        prev.dep_ == "fixed" and prev.head.dep_ == "advmod" and prev.head.head.i in (c.last, c.verb)):
                    # "…, a lancé X alors qu'Y …": narration, not the complement (but "reconnaît tout de même
                    # que …": the word ends an adverb of the verb of saying)
                    break
                end = _coordinated_end(doc, c, j, _quote_then_gerund(doc, j + 1, _clause_end(doc, c, s1)))
                content = (j + 1, _to_quote_close(doc, j + 1, end))
                break
            if w in lexicon.words("interrogatives") and window <= 3 and j + 1 < s1 and not doc[j + 1].is_punct:
                # indirect questions: "indiquer s'il plaide coupable", "rappelant comment …"
                content = (j, s1)
                break
            if c.lemma in lexicon.words("verbs_de_infinitive") and w in infinitive_markers and j + 1 < s1:
                nxt = doc[j + 1]
                if nxt.text in {"«", "“", '"', "''"} and j + 2 < s1:
                    nxt = doc[j + 2]  # "a invité ses troupes à « rester ensemble »"
                if nxt.pos_ in {"VERB", "AUX"} and nxt.morph.get("VerbForm") == ["Inf"] or norm(nxt.text) in infinitive_clitics:
                    content = (j + 1, _coordinated_end(doc, c, j, _clause_end(doc, c, s1)))  # "Promettant de …, Macron souhaite …"
                    break
            if c.lemma in lexicon.words("verbs_de_infinitive") and t.pos_ in {"VERB", "AUX"} and t.morph.get("VerbForm") == ["Inf"] and window <= 1:
                content = (j, _clause_end(doc, c, s1))
                break
            if t.text == ":" and window <= 6:
                k = j + 1
                while k < s1 and doc[k].is_space:
                    k += 1
                if k < s1 and doc[k].text not in {"«", "“", '"', "''", "„"}:
                    content = (k, s1)
                break
            if t.text in {".", ";", ":", "«", "»", "“", "”", '"', "''", "?", "!"} or t.pos_ in {"VERB", "AUX"} and t.morph.get("VerbForm") == ["Fin"]:
                break
            j += 1
            window += 1
        if content is None and bare:
            content = _bare_complement(doc, c, s1, complementizers)
        if content is None:
            np = np_object(doc, c, lexicon)
            if np is None:
                continue
            span, mention, passive = np
            if passive:
                c_mention = mention  # the passive subject is what was said, the agent who said it
            else:
                c_mention = mention or c.mention
                if c_mention is not None and not c.strong and not speaker_like(c_mention, doc, lexicon):
                    continue
            nested = doc[c.last].dep_ in {"acl", "amod", "acl:relcl"} or any(x.dep_ == "aux:pass" for x in doc[c.last].children)
            inside = doc.char_span(span[0], span[1], alignment_mode="expand")
            # a clause, not a noun phrase: a finite verb that no relative pronoun introduces ("son
            # hostilité à …, mesure que X souhaite …" is a noun phrase though its relative has one)
            clause = inside is not None and any(
                t.pos_ in {"VERB", "AUX"} and t.morph.get("VerbForm") == ["Fin"] and not any(
                    ch.morph.get("PronType") == ["Rel"] or norm(ch.text) in lexicon.words("relatives")
                    for ch in (t.head if t.dep_.startswith("aux") else t).children)
                for t in inside)
            out.append(Candidate("indirect", [span], cue_chars(doc, c), c_mention, confidence=0.5,
                             priority=3 if nested else 2, inherit=c.participial and c_mention is None and not passive,
                             anchor=doc[c.start].idx, extra={"cue": c, "np": not clause, "passive": passive}))
            continue
        mention = c.mention
        if c.participial and mention is None:
            fronted = _fronted_participle(doc, c, content[1], lexicon)
            if fronted is not None:
                content, mention = (content[0], fronted[0]), fronted[1]
        span = content_span(doc, *content)
        if span is None or n_words(text_of(doc)[span[0] : span[1]]) < 2:
            continue
        piece = text_of(doc)[span[0] : span[1]]
        text = text_of(doc)
        whole = _quote_opened_at(doc, span[0])
        if whole is not None and whole < span[1] - 1 and text[whole : whole + 1] == "," and not any(
                ch in text[whole : span[1]] for ch in "«»“”\""):
            # "a appelé ses équipes à « rester unies », lors d'une réunion": what follows the quotation
            # and its comma is the writer's circumstance, not more of the complement
            span = (span[0], whole)
            piece = text[span[0] : span[1]]
        if whole is not None and whole >= span[1] - 1:
            # one quotation: its words, not its marks
            a = span[0] + 1 if text[span[0]] in "«“\"" else span[0]
            span = trim(text, a, span[1] - 1 if whole == span[1] and piece[-1:] in "»”\"" else span[1])
            quoted = True
        else:
            quoted = False
        if not c.strong and not c.participial and not speaker_like(mention, doc, lexicon):
            continue
        out.append(
            Candidate("indirect", [span], cue_chars(doc, c), mention, inherit=c.participial and mention is None,
                  confidence=0.85 if c.strong else 0.7, priority=4, anchor=doc[c.start].idx,
                  extra={"cue": c, "one_quotation": quoted})
        )
    return out




def _bare_complement(doc: Doc, c: CueMatch, s1: int, complementizers: frozenset[str]) -> tuple[int, int] | None:
    """A clause complement with no complementiser, after the cue ("said the race was tight",
    "told reporters he would run"), in languages that have one (``bare_complement``): the
    clause the parse gives the cue verb as its ``ccomp``, from its first word to its last."""
    v = doc[c.last]
    for x in v.children:
        if x.dep_ != "ccomp" or x.i <= v.i or x.left_edge.i <= v.i or x.pos_ not in {"VERB", "AUX", "ADJ", "NOUN"}:
            continue
        if any(m.dep_ == "mark" and norm(m.text) not in complementizers for m in x.children):
            continue  # "said if …" is a question or a condition, read elsewhere
        if any(doc[k].text in {".", ";", ":", "«", "»", "“", "”", '"', "''"} for k in range(v.i + 1, x.left_edge.i)):
            continue
        end = min(s1, x.right_edge.i + 1)
        return x.left_edge.i, _to_quote_close(doc, x.left_edge.i, end)
    return None


def _self_description(doc: Doc, c: CueMatch, s1: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """"Le maire se dit prêt à discuter", "s'est dit « particulièrement rassuré »", "se déclare
    incompétent": a reflexive verb of saying with an adjective or a participle says how the speaker
    describes themself; that description (up to a coordinated verb or a gerund) is the content."""
    if c.lemma not in lexicon.words("verbs_self_description") or norm(doc[c.start].text) not in lexicon.words("self_description_reflexives"):
        return None
    k = c.last + 1
    while k < s1 and (doc[k].is_space or doc[k].text in {"«", "“", '"', "''"} or doc[k].pos_ == "ADV" and doc[k].is_lower):
        k += 1
    if k >= s1 or not (doc[k].pos_ == "ADJ" or doc[k].pos_ == "VERB" and doc[k].morph.get("VerbForm") == ["Part"]):
        return None
    start = c.last + 1
    while start < k and doc[start].is_space:
        start += 1
    end = s1
    for j in range(k + 1, s1):
        t = doc[j]
        if t.text in {";", ":"} or t.pos_ in {"VERB", "AUX"} and t.dep_ == "conj" and t.morph.get("VerbForm") == ["Fin"] or (
                t.text == "," and j + 1 < s1 and _gerund_or_participle(doc, j + 1, s1)):
            end = j
            break
    while end > k and (doc[end - 1].is_space or norm(doc[end - 1].text) in lexicon.words("trailing_conjunctions") or doc[end - 1].text in {",", "."}):
        end -= 1
    return start, end


def _passive_with_subject(v: Token) -> bool:
    """A passive verb whose subject is a noun ("la guerre est déclarée"); not the impersonal
    "il est annoncé que"."""
    return any(x.dep_ == "aux:pass" for x in v.children) and any(
        x.dep_ == "nsubj:pass" and x.pos_ in {"NOUN", "PROPN"} for x in v.children)


def _fronted_participle(doc: Doc, c: CueMatch, end: int, lexicon: Lexicon):
    """"Promettant de ne pas toucher aux retraites, Macron souhaite …": a present participle opening
    the sentence reports up to the comma before the main clause, whose subject speaks (the parser
    often makes the participle the root). (end, mention), or None."""
    s0 = doc[c.start].sent.start
    if any(not (doc[k].is_punct or doc[k].is_space or doc[k].pos_ in {"CCONJ", "ADV"}) for k in range(s0, c.start)):
        return None
    for k in range(c.last + 1, end - 1):
        if doc[k].text != ",":
            continue
        subj = doc[k + 1]
        verb = subj.head
        if subj.dep_ in {"nsubj", "nsubj:pass"} and verb.i > subj.i and verb.morph.get("VerbForm") == ["Fin"]:
            m = mention_at(subj, lexicon)
            if m is not None and speaker_like(m, doc, lexicon):
                return k, m
        if doc[k + 1].text == "«" or doc[k + 1].pos_ in {"VERB", "AUX"}:
            return None
    return None


def _gerund_or_participle(doc: Doc, j: int, s1: int) -> bool:
    """A present participle at j, or a gerund ("en estimant", "tout en estimant")."""
    fw = words_of(doc)
    if norm(doc[j].text) in fw.gerund_intensifiers:
        j += 1
    if j < s1 and norm(doc[j].text) in fw.gerund_markers:
        j += 1
    return j < s1 and doc[j].pos_ in {"VERB", "AUX"} and doc[j].morph.get("VerbForm") == ["Part"] and doc[j].morph.get("Tense") == ["Pres"]


def _completive_relative(doc: Doc, t: Token, c: CueMatch) -> bool:
    """"rappeler aux collègues qu'on a récolté cent signatures": the parser made the clause a relative
    on the addressee, with "qu'" as its object; a clause whose verb has an object of its own is no
    relative but the cue's complement."""
    rel = t.head
    if t.dep_ != "obj" or rel.dep_ != "acl:relcl" or rel.i < t.i:
        return False
    noun = rel.head
    if noun.head.i not in (c.last, c.verb) or noun.dep_ not in {"obl:arg", "iobj", "obl", "obl:mod"}:
        return False
    return any(x.dep_ in {"obj", "ccomp", "xcomp"} and x.i > rel.i for x in rel.children)


def _finite_form(v: Token) -> tuple:
    """Tense, mood and person of a verb group, read on its auxiliary when it has one."""
    aux = next((x for x in v.children if x.dep_ in {"aux", "aux:tense", "cop"} and x.i < v.i), None)
    t = aux if aux is not None else v
    return (tuple(t.morph.get("Tense")), tuple(t.morph.get("Mood")), tuple(t.morph.get("Person")), aux is not None)


def _coordinated_end(doc: Doc, c: CueMatch, j: int, end: int) -> int:
    """ "X affirme qu'il les aura, mais ne veut pas révéler …", "X a estimé que le projet était prêt
    et a annoncé …": a predicate coordinated after the complement, with no subject or "que" of its
    own, in the cue verb's tense and not the complement's, is X's own clause, not what X said (the
    parser hangs it on either verb)."""
    cue = doc[c.last]
    # the complement's own head: its first predicate that hangs outside it
    head = next((t for t in doc[j + 1 : end] if t.pos_ in {"VERB", "AUX", "ADJ"} and not j < t.head.i < end), None)
    if head is None:
        return end
    form = _finite_form(cue)
    complementizers = words_of(doc).complementizers
    for ch in [*head.children, *cue.children]:
        if ch.dep_ == "conj" and head.i < ch.i < end and ch.pos_ in {"VERB", "AUX"} and not any(
                x.dep_ == "mark" or x.dep_.startswith("nsubj") or norm(x.text) in complementizers for x in ch.children) and (
                _finite_form(ch) == form != _finite_form(head)):
            k = ch.left_edge.i
            if j + 1 < k < end:
                end = k
    return end


def _to_quote_close(doc: Doc, a: int, e: int) -> int:
    """ "a déclaré que les juifs sont victimes d'une « forme d'acharnement. […] Nous sommes … »": a
    quotation opened in the complement carries it on to its close, past the sentence end (within the
    paragraph)."""
    text = text_of(doc)
    e_char = doc[e - 1].idx + len(doc[e - 1].text)
    for o, cl in doc.user_data.get("qx_quotes", ()):
        if doc[a].idx <= o < e_char < cl and "\n" not in text[e_char:cl] and cl - e_char < 1000:
            mark = cl - 1 if text[cl - 1 : cl] in {"»", "”", '"'} else cl  # up to the closing mark, not with it
            return next((t.i for t in doc[e:] if t.idx >= mark), len(doc))
    return e


def _quote_opened_at(doc: Doc, char: int) -> int | None:
    """Where the quotation that opens at ``char`` closes: its opening mark is there, or only its mark
    and spaces stand between them ("« Si …" with the content starting at "Si"); None if none opens."""
    text = text_of(doc)
    for o, cl in doc.user_data.get("qx_quotes", ()):
        if o <= char and text[o : char + 1].strip(" \u00a0\u202f")[:1] in {"«", "“", '"'} and not text[o:char].strip(
                " \u00a0\u202f«“\""):
            return cl
    return None


def _quote_then_gerund(doc: Doc, k: int, end: int) -> int:
    """ "a précisé que « A » en ajoutant : « B »": a complement that is one quotation ends with it
    when a gerund or participle follows (the next statement's cue, or the writer's comment)."""
    while k < end and doc[k].is_space:
        k += 1
    if k >= end or doc[k].text not in {"«", "“", '"', "''"}:
        return end
    close = _quote_opened_at(doc, doc[k].idx)
    if close is None:
        return end
    j = next((t.i for t in doc[k:end] if t.idx >= close), None)
    if j is None:
        return end
    while j < end and (doc[j].is_space or doc[j].text in {",", "»", "”", '"', "''"}):
        j += 1
    return j if j < end and _gerund_or_participle(doc, j, end) else end


def _clause_end(doc: Doc, c: CueMatch, s1: int) -> int:
    """A cue that is itself a dependent clause before its main verb ("Rappelant que A, X s'est
    dit B") reports up to the end of its own clause, not of the sentence."""
    v = doc[c.last]
    if v.dep_ == "advcl" and v.head.i > v.i and v.right_edge.i + 1 < s1 and v.right_edge.i < v.head.i:
        return v.right_edge.i + 1
    return s1


def _infinitive(doc: Doc, c: CueMatch, lexicon: Lexicon) -> tuple[int, int] | None:
    """A bare infinitive complement whose subject is the speaker's: "elle admet très vite
    avoir dû payer", "a déclaré au juge avoir acquitté …", "dit n'être pas concernée"."""
    if c.lemma not in lexicon.words("verbs_bare_infinitive"):
        return None
    v = doc[c.last]
    markers = lexicon.words("infinitive_markers") | lexicon.words("complementizers")
    for x in v.children:
        if x.dep_ not in {"xcomp", "ccomp"} or x.i <= v.i or x.left_edge.i <= v.i:
            continue
        if x.pos_ not in {"VERB", "AUX"} or any(m.dep_ == "mark" for m in x.children):
            continue  # "de + infinitive" has its own branch; "pour obtenir" is a purpose
        if any(doc[k].head.i != x.i or doc[k].dep_ not in INF_LEFT_DEPS for k in range(x.left_edge.i, x.i)):
            continue
        inf = x.morph.get("VerbForm") == ["Inf"] or any(
            a.dep_.startswith("aux") and a.morph.get("VerbForm") == ["Inf"] and a.i < x.i for a in x.children)
        if not inf:
            continue
        if any(norm(doc[k].text) in markers for k in range(v.i + 1, x.left_edge.i)):
            continue  # "de + infinitive" and que-clauses have their own branches
        if doc[x.left_edge.i : x.i].text.count(",") or any(doc[k].text in {".", ";", ":"} for k in range(v.i + 1, x.i)):
            continue
        return x.left_edge.i, x.right_edge.i + 1
    # the parse may hang the infinitive elsewhere: "a déclaré aux gendarmes n'avoir rien vu"
    negation = lexicon.words("negation_particles")
    k = v.i + 1
    while k < len(doc) and doc[k].pos_ == "ADV" and norm(doc[k].text) not in negation:
        k += 1
    if k < len(doc) and norm(doc[k].text) in lexicon.words("addressee_prepositions"):
        obl = next((o for o in v.children if o.dep_ in {"obl:arg", "iobj", "obl"} and o.left_edge.i == k), None)
        # what follows may hang on the object noun: read on from the noun and its adjectives
        k = obl.i + 1 if obl is not None else len(doc)
        while k < len(doc) and doc[k].pos_ == "ADJ" and doc[k].head.i == obl.i:
            k += 1
    start = k
    if k < len(doc) and norm(doc[k].text) in negation:
        k += 1
    if k < len(doc) and doc[k].pos_ in {"VERB", "AUX"} and doc[k].morph.get("VerbForm") == ["Inf"] and doc[k].sent.start == v.sent.start:
        return start, doc[k].sent.end
    return None


def np_object(doc: Doc, c: CueMatch, lexicon: Lexicon):
    """A reported noun phrase: "a annoncé sa démission"; "les faits rapportés par X";
    "des saignements ont été rapportés" (the passive subject is what was reported)."""
    v = doc[c.last]
    passive = any(x.dep_ == "aux:pass" for x in v.children)
    subj = [x for x in v.children if x.dep_ == "nsubj:pass"]
    agent = [x for x in v.children if x.dep_ == "obl:agent"]
    if passive and subj:
        x = subj[0]
        if norm(x.text) in lexicon.words("clause_relatives") and v.dep_ == "acl:relcl":
            x = v.head
            span = content_span(doc, x.left_edge.i, x.right_edge.i + 1)
        elif x.pos_ in {"NOUN", "PROPN"}:
            span = content_span(doc, x.left_edge.i, x.right_edge.i + 1)
        else:
            span = None
        if span is not None and n_words(text_of(doc)[span[0] : span[1]]) >= 1:
            return span, (mention_at(agent[0], lexicon) if agent else None), True
    if c.lemma in lexicon.words("verbs_de_complement"):
        preps = lexicon.words("complement_prepositions")
        for o in v.children:
            if (o.dep_.startswith("obl") or o.dep_ in {"obj", "nmod"}) and o.i > v.i and any(norm(k.text) in preps for k in o.children if k.dep_ == "case"):
                span = content_span(doc, o.left_edge.i, o.right_edge.i + 1)
                if span:
                    a, b = span
                    first = doc.char_span(a, b, alignment_mode="expand")
                    if first is not None and norm(first[0].text) in preps:
                        span = trim(text_of(doc), first[0].idx + len(first[0].text), b)
                    return span, None, False
            if o.dep_ in {"ccomp", "advcl"} and o.i > v.i and any(norm(k.text) in lexicon.words("whether_marks") for k in o.children if k.dep_ == "mark"):
                sp = content_span(doc, o.left_edge.i + 1, o.right_edge.i + 1)
                return (sp, None, False) if sp else None
    if c.lemma not in lexicon.words("verbs_np_object"):
        return None
    if v.dep_ in {"acl", "amod"} and v.morph.get("VerbForm") == ["Part"] and v.head.pos_ == "NOUN" and v.head.i < v.i:
        head = v.head
        s0 = head.left_edge.i
        span = content_span(doc, s0, v.i)
        agent = [x for x in v.children if x.dep_ == "obl:agent"]
        mention = mention_at(agent[0], lexicon) if agent else None
        if span is None or lexicon.speaker_noun_type(norm(head.text)) in {"person", "group", "anonymous"}:
            return None
        return span, mention, True
    rel = next((o for o in v.children if o.dep_ == "obj" and norm(o.text) in lexicon.words("object_relatives") and o.i < v.i), None)
    if v.dep_ == "acl:relcl" and rel is not None and v.head.pos_ == "NOUN" and v.head.i < rel.i:
        # "le montant que le commissaire annoncerait": the noun the relative's object stands for
        head = v.head
        if lexicon.speaker_noun_type(norm(head.text)) not in {"person", "group", "anonymous", "organization"}:
            span = content_span(doc, head.left_edge.i, rel.i)  # the noun phrase, not the relative around the cue
            if span is not None:
                return span, None, False
    for o in v.children:
        if c.mention is not None and c.mention.start <= o.i < c.mention.end:
            continue  # an inverted subject the parser took for an object
        if o.dep_ == "obj" and o.i > v.i and o.pos_ in {"NOUN", "PROPN"}:
            span = content_span(doc, o.left_edge.i, o.right_edge.i + 1)
            if span is not None and n_words(text_of(doc)[span[0] : span[1]]) >= 2:
                return span, None, False
    return None




def _host_spans(doc: Doc, host: Token, a: int, b: int, lexicon: Lexicon, *, left: int | None = None) -> list[tuple[int, int]]:
    """The clause of ``host`` without the tokens a..b (the comme-clause), as char spans;
    a coordinating conjunction at the edge of a piece is left out."""
    pieces = []
    for lo, hi in ((host.left_edge.i if left is None else left, a - 1), (b + 1, host.right_edge.i)):
        while lo <= hi and (doc[lo].is_punct or doc[lo].is_space or norm(doc[lo].text) in lexicon.words("coordinators") and doc[lo].dep_ == "cc"):
            lo += 1
        while hi >= lo and (doc[hi].is_space or doc[hi].is_punct and doc[hi].text not in {"»", "”", '"', "''", ")"}
                            or norm(doc[hi].text) in lexicon.words("coordinators")):
            hi -= 1
        sp = content_span(doc, lo, hi + 1) if lo <= hi else None
        if sp is not None:
            pieces.append(sp)
    return pieces


def _closes_after(doc: Doc, c: CueMatch, s1: int) -> int | None:
    """Where the speech clause ends when nothing follows the cue verb but what qualifies the
    saying ("said Tuesday", "said in a statement", "told reporters"): the index of the comma
    or end punctuation after it (``s1`` at the end of the sentence); None otherwise."""
    v = doc[c.last]
    for k in range(c.last + 1, s1):
        t = doc[k]
        if t.is_space:
            continue
        if t.is_punct and t.text in {",", ".", ";", "!", "?", ")", "—", "–"}:
            return k
        if t.is_punct:
            return None
        x = t
        while x.head.i != x.i and x.head.i != v.i:
            x = x.head
        if x.head.i != v.i or x.dep_ not in {"obl", "obl:npmod", "obl:tmod", "advmod", "iobj", "obj", "nmod", "case"}:
            return None
    return s1


def find_incises(doc: Doc, cues: list[CueMatch], used: set[int], lexicon: Lexicon, quotes=()) -> list[Candidate]:
    """Reported speech set off by an incise: "La crise, estime le ministre, est finie",
    "…, comme l'a rappelé le président" (the clause that "comme" attaches to is reported)."""
    out = []
    for c in cues:
        if doc[c.start].idx in used or c.mention is None:
            continue
        if not c.strong and not speaker_like(c.mention, doc, lexicon):
            continue
        s0, s1 = sent_bounds(doc, c.start)
        end = max(c.last, c.mention.end - 1) + 1
        head = doc[c.mention.head]
        while end < s1 and (doc[end].text == "," or doc[end].is_space or head.is_ancestor(doc[end])):
            end += 1  # ", said Tom Brennan, the shadow chancellor.": the speaker's apposition is no content
        cc = parenthetical(doc, c, lexicon)
        spans = []
        if cc is not None:
            a, verb = cc
            b = max(verb.right_edge.i, end - 1)
            host = verb.head
            if host is not verb and s0 <= host.i < s1:
                # an incise interrupts its clause: a host that starts at the incise, and is not a
                # conjunct ("…, et, comme je l'ai dit, cela …"), is a parse that cut the clause short
                left = s0 if host.left_edge.i >= a and host.dep_ != "conj" and a > s0 else None
                spans = _host_spans(doc, host, a, b, lexicon, left=left)
            else:  # the parser made the comme-clause the root: the rest of the sentence
                spans = [sp for sp in (content_span(doc, s0, a), content_span(doc, b + 1, s1)) if sp]
        elif not c.inverted and subject_first(doc, c, lexicon):
            # "The race is tight, the senator said.": the clause before the comma that opens the subject
            k = c.mention.start - 1
            while k >= s0 and doc[k].is_space:
                k -= 1
            close = _closes_after(doc, c, s1)
            if not (k > s0 and doc[k].text in {",", "-", "–", "—"}) or close is None:
                continue
            v = doc[c.last]
            if not any(x.dep_ in {"ccomp", "parataxis"} and x.i < c.mention.start for x in v.children) and not (
                    v.dep_ == "parataxis" and v.head.i > v.i):  # "A, he said, B": the incise hangs on B
                continue
            s0 = max([s0] + [j + 1 for j in range(s0, k) if doc[j].text == ";"])
            # "A, he said, B": the clause goes on after the incise (a participle after it is a cue of its own)
            spans = [sp for sp in (content_span(doc, s0, k),
                                   content_span(doc, close + 1, s1) if close < s1 and doc[close].text == "," else None) if sp]
            if spans and lexicon.syntax("resumed_quotation") and (close >= s1 or doc[close].text != ","):
                more, _ = resumed(doc, c, quotes, None, cues)  # '"A" of the plan, he said. "B."'
                spans += more
        else:
            k = c.start - 1
            while k >= s0 and (doc[k].is_space or norm(doc[k].text) in lexicon.words("preverbal_clitics")
                               or doc[k].pos_ == "AUX" or doc[k].i == c.mention.start):
                k -= 1
            if not c.inverted or not (k >= s0 and doc[k].text in {",", "-", "–", "—", "("}):
                continue
            # "Il a critiqué le projet ; c'est une ingérence, a déclaré X": the clause after the semicolon
            s0 = max([s0] + [j + 1 for j in range(s0, k) if doc[j].text == ";"])
            spans = [sp for sp in (content_span(doc, s0, k) if k > s0 else None,
                                   content_span(doc, end, s1) if end < s1 else None) if sp]
        spans = [sp for sp in spans if n_words(text_of(doc)[sp[0] : sp[1]]) >= 2]
        if not spans:
            continue
        out.append(Candidate("indirect", spans, cue_chars(doc, c), c.mention, confidence=0.7, priority=3,
                             anchor=doc[c.start].idx, extra={"comme": cc is not None}))
    return out
