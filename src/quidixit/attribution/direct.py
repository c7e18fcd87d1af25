"""Direct speech: quotations attributed by an introducing cue ("a dit : « … »"), a
following incise ("« … », a-t-il ajouté"), an incise inside ("« A, affirme X. B »"),
a bare speaker and colon ("Le ministre : « … »"), or the previous speaker for a
quotation that opens a paragraph."""

from __future__ import annotations

import re
from typing import Iterable

from spacy.tokens import Doc

from ..lexicon import Lexicon
from ..speakers import mention_after, mention_at
from ._candidate import SCARE_MAX_WORDS, Candidate, cue_chars, n_words, sent_bounds
from ._tokens import norm, text_of, trim, words_of
from .cues import CueMatch, cue_start, parenthetical, quoted_apart, speaker_like, subject_first
from .quotes import Quote


def _tok_at(doc: Doc, char: int, right: bool = False):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span[-1] if right else span[0]


def _incise_after(doc: Doc, i: int, limit: int, cues_by_tok: dict[int, CueMatch], lexicon: Lexicon) -> CueMatch | None:
    """A cue right after position i (skipping spaces and one comma): "», a-t-il ajouté"; or,
    where incises take the subject first, its subject there: '," she said'."""
    k = i
    seen_comma = False
    while k < limit and (doc[k].is_space or (doc[k].text in {",", "-", "–", "—"} and not seen_comma)
                         or norm(doc[k].text) in words_of(doc).dative_clitics and k > i):
        seen_comma = seen_comma or doc[k].text == ","
        k += 1
    if k >= limit:
        return None
    for c in cues_by_tok.values():
        if c.start == k or (c.start <= k <= c.last and c.start >= i):
            return c
    for c in cues_by_tok.values():  # in the quotation's sentence: '"…." He told …' starts a new one
        if c.mention is not None and c.mention.start == k and not doc[k].is_sent_start and subject_first(doc, c, lexicon):
            return c
    return None


POLL_FIGURE = re.compile(r"[\s\u00a0\u202f]*\(\s*[+-]?\d+(?:[.,]\d+)?[\s\u00a0\u202f]*(?:%|points?|pts?)?\s*\)")



def _continuation(doc: Doc, c: CueMatch, quotes: list[Quote], q: Quote, lead: str | None, lexicon: Lexicon):
    """What goes on after an incise: '"A", a précisé X, "B' (the quotation reopens), or
    'Le programme "P", dit cette délégation, ne suffit pas' (the sentence resumes).
    Returns (spans, whether they are quoted)."""
    text = text_of(doc)
    k = max(c.mention.end, c.last + 1)  # past "a-t-il ajouté", whose clitic is the mention
    while k < len(doc) and (doc[k].is_space or doc[k].text in {",", "-", "–", "—"}):
        k += 1
    if k >= len(doc) or doc[k].sent.start != doc[c.start].sent.start:
        return [], False
    nxt = next((r for r in quotes if r.open == doc[k].idx and r is not q), None)
    if nxt is not None:
        return list(nxt.spans), True
    if lead is None or norm(doc[k].text) in lexicon.words("not_continuation") or doc[k].is_punct:
        return [], False
    if doc[k].morph.get("VerbForm") == ["Part"] and doc[k].morph.get("Tense") == ["Pres"]:
        return [], False  # "…", a-t-il ajouté, citant en exemple …: a participle of its own
    lead_doc = doc.char_span(doc[doc[c.start].sent.start].idx, q.open, alignment_mode="contract")
    finite_lead = lead_doc is not None and any(t.morph.get("VerbForm") == ["Fin"] for t in lead_doc)
    quoted = doc.char_span(q.start, q.end, alignment_mode="contract")
    # "En matière d'énergie, « la France doit être exemplaire », a martelé X, alors que …": the
    # quotation's own verb completes the sentence; what follows the incise is the writer's
    finite_lead = finite_lead or quoted is not None and any(t.morph.get("VerbForm") == ["Fin"] for t in quoted)
    starts_verb = doc[k].morph.get("VerbForm") == ["Fin"] or norm(doc[k].text) in lexicon.words("negation_particles")
    if finite_lead and not starts_verb:
        return [], False
    end = doc[k].sent.end
    span = trim(text, doc[k].idx, doc[end - 1].idx + len(doc[end - 1].text))
    return ([span] if n_words(text[span[0] : span[1]]) >= 2 else []), False


def resumed(doc: Doc, c: CueMatch, quotes: Iterable[Quote], q: Quote | None, cues: Iterable[CueMatch]) -> tuple[list[tuple[int, int]], bool]:
    """'"A," she said. "B."': the quotation that opens right after the incise's sentence, in the
    same paragraph, goes on with the same statement (in languages whose pack says so), unless
    its own sentence has a cue of its own ('"B" to drive up the price, she said')."""
    text = text_of(doc)
    end = doc[c.start].sent.end
    if end >= len(doc):
        return [], False
    at = doc[end - 1].idx + len(doc[end - 1].text)
    nxt = next((r for r in quotes if r.open >= at and r is not q), None)
    if nxt is None or text[at : nxt.open].strip(" \u00a0\u202f\t") or not nxt.closed:
        return [], False
    first = doc.char_span(nxt.open, nxt.open + 1, alignment_mode="expand")
    if first is not None and len(first):
        sent = first[0].sent
        if any(sent.start <= other.start < sent.end and other is not c for other in cues):
            return [], False
    return list(nxt.spans), True


def _phrase_goes_on(doc: Doc, q: Quote, colon: bool) -> int | None:
    """Where a complement that opens with a quotation ends when it goes on unquoted after the
    closing mark ('a réclamé « un réexamen » par le Parlement de la mesure, censurée …'): at
    the next comma or the end of the sentence; None when the quotation closes the phrase."""
    if colon or not q.closed:
        return None
    last = _tok_at(doc, q.close - 1, right=True)
    if last is None or last.i + 1 >= len(doc):
        return None
    nxt = doc[last.i + 1]
    if nxt.is_space or nxt.is_punct or nxt.sent.start != last.sent.start or nxt.pos_ in {"VERB", "AUX", "SCONJ", "CCONJ"}:
        return None
    if norm(nxt.text) in words_of(doc).quote_phrase_breaks or nxt.text[:1].isupper():
        return None
    end = nxt.i
    while end < nxt.sent.end and doc[end].text not in {",", ".", ";", ":", "!", "?", "«", "»", "“", "”", '"', "''"}:
        end += 1
    a, b = trim(text_of(doc), doc[nxt.i].idx, doc[end - 1].idx + len(doc[end - 1].text))
    return b if b > a and n_words(text_of(doc)[a:b]) >= 2 else None


def _colon_clause_subject(doc: Doc, k: int, lexicon: Lexicon):
    """(verb, subject mention) of the clause that ends at the colon before a quotation, when its
    subject can speak and lies outside any quotation; None otherwise."""
    s0 = doc[k].sent.start
    for j in range(k, s0 - 1, -1):
        t = doc[j]
        if t.text in {"«", "»", "“", "”", '"', "''", ".", ";"}:
            return None
        if t.pos_ not in {"VERB", "AUX"} or t.dep_.startswith("aux") or t.dep_ == "cop":
            continue
        v = t
        for _ in range(3):
            subj = [c for c in v.children if c.dep_ in {"nsubj", "nsubj:pass"} and not quoted_apart(doc, c, t)]
            if subj:
                m = mention_at(subj[0], lexicon)
                if m is not None and speaker_like(m, doc, lexicon) and norm(doc[m.head].text) not in lexicon.words("non_speaker_subjects"):
                    return t, m
                return None
            if v.head.i == v.i or v.dep_ not in {"xcomp", "conj", "advcl", "ccomp"} or quoted_apart(doc, v.head, t):
                break
            v = v.head
        # the parser lost the subject (it hung the verb on the quotation): the noun phrase that opens
        # the sentence, when it can speak ("Le secrétaire général X, député, a fait la même demande : « … »")
        first = next((x for x in doc[s0 : t.i] if x.pos_ in {"NOUN", "PROPN"}), None)
        m = mention_at(first, lexicon) if first is not None else None
        if m is None or m.end > t.i:
            m = mention_after(doc, s0, t.i, lexicon)
        if m is not None and speaker_like(m, doc, lexicon) and m.start <= s0 + 1 and (m.name is not None or doc[m.head].pos_ == "NOUN"):
            return t, m
        return None
    return None


def find_direct(doc: Doc, quotes: list[Quote], cues: list[CueMatch], lexicon: Lexicon) -> tuple[list[Candidate], list[Quote]]:
    text = text_of(doc)
    out: list[Candidate] = []
    unattributed: list[Quote] = []
    cues_by_tok = {c.start: c for c in cues}
    connectives = lexicon.words("connectives")
    after_quote = dict(x.split("\t") for x in lexicon.words("according_after_quote"))  # "selon" -> 1 token
    for q in quotes:
        qtext = text[q.start : q.end]
        nwords = n_words(qtext)
        first = _tok_at(doc, q.start)
        last = _tok_at(doc, q.end - 1, right=True)
        if first is None or last is None:
            continue
        # (a) an incise inside the quotation: « A, affirme X. B »
        inside = [c for c in cues if doc[c.start].idx > q.start and doc[c.last].idx < q.end and c.inverted and c.mention]
        inside = [c for c in inside if c.start > 0 and any(doc[k].text == "," for k in range(max(c.start - 2, 0), c.start))]
        if inside and nwords > 3:
            c = inside[0]
            m = c.mention
            comma = max(k for k in range(max(c.start - 2, 0), c.start) if doc[k].text == ",")
            after = m.end
            while after < len(doc) and (doc[after].is_space or doc[after].text in {",", ".", ";"}):
                after += 1
            left = trim(text, q.start, doc[comma].idx)
            right = trim(text, doc[after].idx, q.end) if after < len(doc) and doc[after].idx < q.end else None
            spans = [left] + ([right] if right and right[1] > right[0] else [])
            out.append(Candidate("direct", spans, cue_chars(doc, c), m, confidence=0.9, priority=6,
                             anchor=doc[c.start].idx, quote=q))
            continue
        # (b) an incise right after: « … », a-t-il ajouté / « … », selon X
        after_tok = _tok_at(doc, q.close - 1, right=True)
        nxt = after_tok.i + 1 if after_tok is not None else len(doc)
        if q.closed:
            s0, _ = sent_bounds(doc, first.i)
            # a clause before a semicolon is none of the quotation's ("… perspectives ; « … » indique X")
            s0 = max([s0] + [j + 1 for j in range(s0, first.i) if doc[j].text == ";"])
            lead = text[doc[s0].idx : q.open].strip(" \u00a0\n,")  # what the sentence says before the quotation
            c = _incise_after(doc, nxt, min(len(doc), nxt + 6), cues_by_tok, lexicon)
            if c is not None and c.mention is not None and (c.inverted or subject_first(doc, c, lexicon)) and (c.strong or speaker_like(c.mention, doc, lexicon)):
                has_lead = bool(lead) and not lead.endswith(":") and n_words(lead) > 0 and doc[s0].idx < q.open
                if has_lead and n_words(lead) == 1 and norm(lead.split()[0]) in connectives:
                    has_lead = False  # "Mais « une grogne monte », a relevé X": a connective is no lead
                if has_lead and any(s0 <= b.start < first.i and b.mention is not None and b is not c and not b.participial
                                    and doc[b.last].morph.get("VerbForm") != ["Inf"] for b in cues_by_tok.values()):
                    # "X assure que toutes les sanctions sont envisagées, « tout est possible » sourit-il": the lead
                    # is a statement of its own, the quotation the incise's (not an infinitive: "L'enjeu n'est pas
                    # d'assurer …, mais de … « … », souligne-t-il" is all the incise's)
                    has_lead = False
                more, more_quote = _continuation(doc, c, quotes, q, lead if has_lead else None, lexicon)
                if not more and lexicon.syntax("resumed_quotation"):
                    more, more_quote = resumed(doc, c, quotes, q, cues)
                if has_lead:
                    spans = [trim(text, doc[s0].idx, q.close)] + more
                    out.append(Candidate("mixed", spans, cue_chars(doc, c), c.mention, confidence=0.8, priority=6,
                                         anchor=doc[c.start].idx, quote=q))
                else:
                    kind = "direct" if not more or more_quote else "mixed"
                    out.append(Candidate(kind, list(q.spans) + more, cue_chars(doc, c), c.mention, confidence=0.9,
                                         priority=6, anchor=doc[c.start].idx, quote=q))
                continue
            k = nxt
            while k < len(doc) and (doc[k].is_space or doc[k].text == ","):
                k += 1
            # "Le président « a eu une attitude d'homme d'État », selon X": the sentence is X's (according)
            if k < len(doc) and norm(doc[k].text) in after_quote and not n_words(lead):
                j = k + int(after_quote[norm(doc[k].text)])
                m = mention_after(doc, j, doc[k].sent.end, lexicon)
                if m is not None and speaker_like(m, doc, lexicon):
                    out.append(Candidate("direct", list(q.spans), (doc[k].idx, doc[j - 1].idx + len(doc[j - 1].text), norm(doc[k:j].text)),
                                     m, confidence=0.85, priority=6, anchor=doc[k].idx, quote=q))
                    continue
        # (c) introduced before: "X a dit : « … »", "X a déclaré « … »"
        k = first.i - 1
        while k >= 0 and (doc[k].is_space or doc[k].text in {"«", "“", '"', "''", "„"}):
            k -= 1
        colon = k >= 0 and doc[k].text == ":"
        if colon:
            k -= 1
            while k >= 0 and doc[k].is_space:
                k -= 1
        intro = None
        det_between = k >= 1 and doc[k].pos_ == "DET" and not colon  # "a dénoncé un « incident grave »"
        if det_between:
            k -= 1
        k_quote = k
        # "assure ne « pas craindre » un retour": the negation opens the complement the quotation is in
        negated = not colon and not det_between and k >= 1 and norm(doc[k].text) in lexicon.words("negation_particles")
        if not colon:  # "a réclamé vendredi « un réexamen »", "dénonce aussi « l'escroquerie »"
            times = lexicon.words("time_words")
            while k >= 1 and (doc[k].pos_ == "ADV" and not doc[k].text[:1].isupper() or norm(doc[k].text) in times):
                k -= 1
        if k >= 0:
            for c in cues:
                if c.last == k or (colon and c.last < k and doc[c.last].sent.start == doc[k].sent.start and k - c.last <= 8
                                   and not any(doc[x].text in {".", "«", "»"} for x in range(c.last + 1, k + 1))):
                    intro = c
        if intro is not None and (intro.mention is not None or intro.participial):
            spans = list(q.spans)
            mixed = det_between or negated
            if det_between:  # the quotation is the head of a noun phrase: the speaker's words in it
                spans = [(doc[k_quote + 1].idx, q.spans[0][1])] + spans[1:]
            elif negated:
                spans = [(doc[k_quote].idx, q.spans[0][1])] + spans[1:]
            rest = _phrase_goes_on(doc, q, colon) if det_between or negated or first.pos_ in {"DET", "NOUN", "ADJ", "NUM"} else None
            if rest is not None:  # « un réexamen » par le Parlement de la mesure: the phrase goes on unquoted
                spans = [(spans[0][0], rest)]
                mixed = True
            out.append(Candidate("mixed" if mixed else "direct", spans, cue_chars(doc, intro), intro.mention,
                                 inherit=intro.mention is None, confidence=0.9, priority=6, anchor=doc[intro.start].idx, quote=q))
            continue
        k = k_quote
        if det_between:
            k += 1
        if colon and k >= 0:
            # "Le ministre : « … »" — a speaker and a colon, no verb
            s0 = doc[k].sent.start
            if k - s0 <= 6:
                m = mention_after(doc, s0, k + 1, lexicon)
                if m is not None and speaker_like(m, doc, lexicon) and doc[m.start].idx == doc[s0].idx:
                    out.append(Candidate("direct", list(q.spans), None, m, confidence=0.75, priority=6,
                                     anchor=doc[s0].idx, quote=q))
                    continue
            # "Un rapport de la Ligue arabe apporte la même conclusion : « … »": a clause and a colon
            # announce the quotation; whoever is the subject of that clause says it
            found = _colon_clause_subject(doc, k, lexicon)
            if found is not None:
                verb, m = found
                a = cue_start(doc, verb.i)
                out.append(Candidate("direct", list(q.spans), (doc[a].idx, verb.idx + len(verb.text), norm(verb.text)), m,
                                     confidence=0.7, priority=5, anchor=doc[a].idx, quote=q))
                continue
        # (c') the speaker's own parenthesis inside: « Je le répète, nous … »
        par = None
        for c in cues:
            if c.mention is not None and q.start <= doc[c.start].idx and doc[c.last].idx < q.end:
                p = parenthetical(doc, c, lexicon)
                if p is not None and q.start <= doc[p[0]].idx and doc[c.mention.start].idx >= q.start:
                    par = (c, p)
                    break
        if par is not None and nwords > 3:
            c, (a, verb) = par
            b = max(verb.right_edge.i, c.mention.end - 1)
            pieces = [trim(text, q.start, doc[a].idx), trim(text, doc[b].idx + len(doc[b].text), q.end)]
            spans = [sp for sp in pieces if n_words(text[sp[0] : sp[1]]) >= 1]
            if spans:
                out.append(Candidate("direct", spans, cue_chars(doc, c), c.mention, confidence=0.75, priority=6,
                                     anchor=doc[c.start].idx, quote=q))
                continue
        # (d) a quotation with no cue whose speaker is clear from the context: one that opens a
        # paragraph or stands as a subhead, answers a question ('Augmentation des impôts ? « Non »'),
        # or is too long to be a scare quote; the speaker goes on from the statement before
        # (or, before any, comes from the next one)
        # by line, not by blank-line paragraph: many sites put one paragraph (or subhead) a line
        line_start = text.rfind("\n", 0, q.open) + 1
        line_end = text.find("\n", q.close)
        line_end = len(text) if line_end == -1 else line_end
        opens = not text[line_start : q.open].strip()
        tail = trim(text, q.close, line_end)
        whole = opens and tail[1] <= tail[0]
        before = text[:q.open].rstrip(" \u00a0\u202f")
        answer = before.endswith("?") and n_words(text[before.rfind("\n") + 1 : q.open]) <= 12
        if POLL_FIGURE.match(text, q.close) or before.split()[-1:] and norm(before.split()[-1]) in lexicon.words("question_nouns"):
            # a survey's answer options ('« honnête » (48 %)') and its question ('à la question « … »')
            unattributed.append(q)
            continue
        if opens and nwords >= 5 or whole and nwords >= 2 or answer or nwords > SCARE_MAX_WORDS:
            # the lowest priority: any cued statement over the same words wins ("Selon X, « … »")
            out.append(Candidate("direct", list(q.spans), None, None, inherit=True, confidence=0.5, priority=1,
                                 anchor=q.open, quote=q, extra={"continuation": True, "answer": answer}))
            continue
        unattributed.append(q)
    return out, unattributed
