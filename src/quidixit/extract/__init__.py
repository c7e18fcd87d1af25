"""From a parsed Doc to attributed statements.

Rules, in the order they run (one function each):

- :func:`_indirect`: a cue verb and its que-clause or de + infinitive ("a affirmé que",
  "a fait savoir que", "indiquant que", "a demandé de");
- :func:`_direct`: quotations attributed by an introducing cue ("a dit : « … »"), a
  following incise ("« … », a-t-il ajouté"), an incise inside ("« A, affirme X. B »"),
  or the previous speaker for a quotation that opens a paragraph;
- :func:`_according`: "selon X", "d'après X", "aux yeux de X", "pour X,", "de source policière";
- :func:`_headlines`: title and subheads "X : …".

Then overlaps are settled (indirect speech holding the speaker's own quoted words
becomes ``mixed``; a clause never swallows the next reported clause), speakers are
resolved in text order (:mod:`quidixit.speakers`), and statements inside page
boilerplate are dropped unless asked for. Short quotations that carry no speech
act are scare quotes, returned apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..clean import find_boilerplate, lines, paragraphs
from ..lexicon import Lexicon
from ..model import Boilerplate, Content, Cue, Statement
from ..speakers import Mention, Resolver, mention_after, mention_at
from ._tokens import PRONOUNS, ent_of, norm, pron_key, trim
from .cues import CueMatch, find_cues, speaker_like
from .quotes import Quote, find_quotes

__all__ = ["find_statements"]

DE_INF_LEMMAS = {
    "demander", "promettre", "proposer", "suggérer", "conseiller", "recommander", "exhorter", "appeler",
    "menacer", "affirmer", "dire", "assurer", "nier", "reconnaître", "espérer", "estimer", "juger",
    "souhaiter", "exiger", "supplier", "implorer", "enjoindre", "jurer", "certifier", "prétendre",
    "annoncer", "déclarer", "admettre", "avouer", "démentir", "réclamer", "plaider", "accuser",
}
SCARE_MAX_WORDS = 4
INTERROGATIVES = {"si", "s'", "comment", "pourquoi", "combien", "quand", "où", "quel", "quelle", "quels", "quelles"}
PHRASE_DE = {"faire état", "faire part", "faire mention", "rendre compte"}
RELATIVE_SELON = {"laquelle", "lequel", "lesquels", "lesquelles"}
NOT_SOURCES = {"cas", "modalités", "modalité", "besoin", "besoins", "saison", "saisons", "période", "taille", "âge",
               "heure", "jour", "moment", "circonstances", "situation", "niveau", "degré", "type", "catégorie"}
# verbs whose noun-phrase object is the reported content: "a annoncé sa démission"
NP_OBJECT_LEMMAS = {
    "annoncer", "rappeler", "confirmer", "démentir", "dénoncer", "réclamer", "exiger", "évoquer", "mentionner",
    "souligner", "réaffirmer", "réitérer", "raconter", "conter", "expliquer", "préciser", "signaler", "promettre",
    "proposer", "suggérer", "recommander", "préconiser", "révéler", "reconnaître", "admettre", "avouer", "nier",
    "contester", "critiquer", "saluer", "déplorer", "regretter", "revendiquer", "détailler", "répéter", "notifier",
    "rapporter", "indiquer", "affirmer", "déclarer", "dire", "citer", "constater", "noter",
}
_WORD = re.compile(r"\w+")


@dataclass
class _Cand:
    kind: str
    spans: list[tuple[int, int]]
    cue: tuple[int, int, str] | None  # char start, end, lemma
    mention: Mention | None
    inherit: bool = False  # participial cue: the speaker of the clause
    confidence: float = 0.9
    priority: int = 4
    anchor: int = 0  # char offset used to order speaker resolution
    quote: Quote | None = None
    extra: dict = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _cue_chars(doc: Doc, c: CueMatch) -> tuple[int, int, str]:
    return doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1].text), c.lemma


def _sent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    s = doc[i].sent
    return s.start, s.end


def _content(doc: Doc, s: int, e: int) -> tuple[int, int] | None:
    if s >= e:
        return None
    a, b = trim(doc.text, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
    return (a, b) if b > a else None


# -- indirect speech -----------------------------------------------------------

def _indirect(doc: Doc, cues: list[CueMatch], lexicon: Lexicon) -> list[_Cand]:
    out = []
    for c in cues:
        s0, s1 = _sent_bounds(doc, c.last)
        j = c.last + 1
        content = None
        window = 0
        while j < s1 and window < 14:
            t = doc[j]
            w = norm(t.text)
            if t.is_space:
                j += 1
                continue
            if w in {"que", "qu'"} and (t.pos_ == "SCONJ" or t.dep_ == "mark"):
                content = (j + 1, s1)
                break
            if w in INTERROGATIVES and window <= 3 and j + 1 < s1 and not doc[j + 1].is_punct:
                # indirect questions: "indiquer s'il plaide coupable", "rappelant comment …"
                content = (j, s1)
                break
            if c.lemma in DE_INF_LEMMAS and w in {"de", "d'", "à"} and j + 1 < s1:
                nxt = doc[j + 1]
                if nxt.pos_ in {"VERB", "AUX"} and nxt.morph.get("VerbForm") == ["Inf"] or norm(nxt.text) in {"ne", "n'", "se", "s'"}:
                    content = (j + 1, s1)
                    break
            if c.lemma in DE_INF_LEMMAS and t.pos_ in {"VERB", "AUX"} and t.morph.get("VerbForm") == ["Inf"] and window <= 1:
                content = (j, s1)
                break
            if t.text == ":" and window <= 6:
                k = j + 1
                while k < s1 and doc[k].is_space:
                    k += 1
                if k < s1 and doc[k].text not in {"«", "“", '"', "„"}:
                    content = (k, s1)
                break
            if t.text in {".", ";", ":", "«", "»", "“", "”", '"', "?", "!"} or t.pos_ in {"VERB", "AUX"} and t.morph.get("VerbForm") == ["Fin"]:
                break
            j += 1
            window += 1
        kind_conf = None
        if content is None:
            np = _np_object(doc, c, lexicon)
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
            out.append(_Cand("indirect", [span], _cue_chars(doc, c), c_mention, confidence=0.5,
                             priority=3 if nested else 2,
                             anchor=doc[c.start].idx, extra={"cue": c}))
            continue
        span = _content(doc, *content)
        if span is None or _words(doc.text[span[0] : span[1]]) < 2:
            continue
        if not c.strong and not c.participial and not speaker_like(c.mention, doc, lexicon):
            continue
        out.append(
            _Cand("indirect", [span], _cue_chars(doc, c), c.mention, inherit=c.participial and c.mention is None,
                  confidence=0.85 if c.strong else 0.7, priority=4, anchor=doc[c.start].idx, extra={"cue": c})
        )
    return out


def _np_object(doc: Doc, c: CueMatch, lexicon: Lexicon):
    """A reported noun phrase: "a annoncé sa démission"; "les faits rapportés par X";
    "des saignements ont été rapportés" (the passive subject is what was reported)."""
    v = doc[c.last]
    passive = any(x.dep_ == "aux:pass" for x in v.children)
    subj = [x for x in v.children if x.dep_ == "nsubj:pass"]
    agent = [x for x in v.children if x.dep_ == "obl:agent"]
    if passive and subj:
        x = subj[0]
        if norm(x.text) in {"qui", "que"} and v.dep_ == "acl:relcl":
            x = v.head
            span = _content(doc, x.left_edge.i, x.right_edge.i + 1)
        elif x.pos_ in {"NOUN", "PROPN"}:
            span = _content(doc, x.left_edge.i, x.right_edge.i + 1)
        else:
            span = None
        if span is not None and _words(doc.text[span[0] : span[1]]) >= 1:
            return span, (mention_at(agent[0], lexicon) if agent else None), True
    if c.lemma in PHRASE_DE | {"informer", "prévenir", "avertir", "notifier"}:
        for o in v.children:
            if (o.dep_.startswith("obl") or o.dep_ in {"obj", "nmod"}) and o.i > v.i and any(norm(k.text) in {"de", "des", "du", "d'", "sur"} for k in o.children if k.dep_ == "case"):
                span = _content(doc, o.left_edge.i, o.right_edge.i + 1)
                if span:
                    a, b = span
                    first = doc.char_span(a, b, alignment_mode="expand")
                    if first is not None and norm(first[0].text) in {"de", "des", "du", "d'", "sur"}:
                        span = trim(doc.text, first[0].idx + len(first[0].text), b)
                    return span, None, False
            if o.dep_ in {"ccomp", "advcl"} and o.i > v.i and any(norm(k.text) == "si" for k in o.children if k.dep_ == "mark"):
                sp = _content(doc, o.left_edge.i + 1, o.right_edge.i + 1)
                return (sp, None, False) if sp else None
    if c.lemma not in NP_OBJECT_LEMMAS:
        return None
    if v.dep_ in {"acl", "amod"} and v.morph.get("VerbForm") == ["Part"] and v.head.pos_ == "NOUN" and v.head.i < v.i:
        head = v.head
        s0 = head.left_edge.i
        span = _content(doc, s0, v.i)
        agent = [x for x in v.children if x.dep_ == "obl:agent"]
        mention = mention_at(agent[0], lexicon) if agent else None
        if span is None or lexicon.speaker_noun_type(norm(head.text)) in {"person", "group", "anonymous"}:
            return None
        return span, mention, True
    for o in v.children:
        if c.mention is not None and c.mention.start <= o.i < c.mention.end:
            continue  # an inverted subject the parser took for an object
        if o.dep_ == "obj" and o.i > v.i and o.pos_ in {"NOUN", "PROPN"}:
            span = _content(doc, o.left_edge.i, o.right_edge.i + 1)
            if span is not None and _words(doc.text[span[0] : span[1]]) >= 2:
                return span, None, False
    return None


def _incises(doc: Doc, cues: list[CueMatch], used: set[int], lexicon: Lexicon) -> list[_Cand]:
    """Reported speech set off by an incise: "La crise, estime le ministre, est finie",
    "…, comme l'a rappelé le président"."""
    out = []
    for c in cues:
        if doc[c.start].idx in used or c.mention is None:
            continue
        s0, s1 = _sent_bounds(doc, c.start)
        k = c.start - 1
        while k >= s0 and (doc[k].is_space or norm(doc[k].text) in {"l'", "le", "la", "les", "on", "je", "nous", "il", "elle", "vous", "ne", "n'"}
                           or doc[k].pos_ == "AUX" or doc[k].i == c.mention.start):
            k -= 1
        comme = k >= s0 and norm(doc[k].text) in {"comme", "ainsi"}
        if not (c.inverted or comme):
            continue
        if comme:
            k0 = k
        else:
            if not (k >= s0 and doc[k].text in {",", "-", "–", "—", "("}):
                continue
            k0 = k
        end = max(c.last, c.mention.end - 1) + 1
        if not c.strong and not speaker_like(c.mention, doc, lexicon):
            continue
        spans = []
        left = _content(doc, s0, k0) if k0 > s0 else None
        right = _content(doc, end, s1) if end < s1 else None
        for sp in (left, right):
            if sp is not None and _words(doc.text[sp[0] : sp[1]]) >= 2:
                spans.append(sp)
        if not spans:
            continue
        out.append(_Cand("indirect", spans, _cue_chars(doc, c), c.mention, confidence=0.7, priority=3,
                         anchor=doc[c.start].idx))
    return out


# -- direct speech -------------------------------------------------------------

def _tok_at(doc: Doc, char: int, right: bool = False):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span[-1] if right else span[0]


def _incise_after(doc: Doc, i: int, limit: int, cues_by_tok: dict[int, CueMatch]) -> CueMatch | None:
    """A cue right after position i (skipping spaces and one comma): "», a-t-il ajouté"."""
    k = i
    seen_comma = False
    while k < limit and (doc[k].is_space or (doc[k].text in {",", "-", "–", "—"} and not seen_comma)):
        seen_comma = seen_comma or doc[k].text == ","
        k += 1
    if k >= limit:
        return None
    for c in cues_by_tok.values():
        if c.start == k or (c.start <= k <= c.last and c.start >= i):
            return c
    return None


def _direct(doc: Doc, quotes: list[Quote], cues: list[CueMatch], lexicon: Lexicon) -> tuple[list[_Cand], list[Quote]]:
    text = doc.text
    out: list[_Cand] = []
    unattributed: list[Quote] = []
    cues_by_tok = {c.start: c for c in cues}
    paras = paragraphs(text)
    for q in quotes:
        qtext = text[q.start : q.end]
        nwords = _words(qtext)
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
            out.append(_Cand("direct", spans, _cue_chars(doc, c), m, confidence=0.9, priority=6,
                             anchor=doc[c.start].idx, quote=q))
            continue
        # (b) an incise right after: « … », a-t-il ajouté / « … », selon X
        after_tok = _tok_at(doc, q.close - 1, right=True)
        nxt = after_tok.i + 1 if after_tok is not None else len(doc)
        if q.closed:
            c = _incise_after(doc, nxt, min(len(doc), nxt + 6), cues_by_tok)
            if c is not None and c.mention is not None and c.inverted and (c.strong or speaker_like(c.mention, doc, lexicon)):
                s0, _ = _sent_bounds(doc, first.i)
                lead = text[doc[s0].idx : q.open].strip(" \u00a0\n,")
                if lead and not lead.endswith(":") and _words(lead) > 0 and doc[s0].idx < q.open:
                    span = trim(text, doc[s0].idx, q.end)
                    out.append(_Cand("mixed", [span], _cue_chars(doc, c), c.mention, confidence=0.8, priority=6,
                                     anchor=doc[c.start].idx, quote=q))
                else:
                    out.append(_Cand("direct", list(q.spans), _cue_chars(doc, c), c.mention, confidence=0.9,
                                     priority=6, anchor=doc[c.start].idx, quote=q))
                continue
            k = nxt
            while k < len(doc) and (doc[k].is_space or doc[k].text == ","):
                k += 1
            if k < len(doc) and norm(doc[k].text) in {"selon", "d'après", "d'"}:
                j = k + 1 if norm(doc[k].text) == "selon" else k + 2
                m = mention_after(doc, j, doc[k].sent.end, lexicon)
                if m is not None and speaker_like(m, doc, lexicon):
                    out.append(_Cand("direct", list(q.spans), (doc[k].idx, doc[j - 1].idx + len(doc[j - 1].text), norm(doc[k:j].text)),
                                     m, confidence=0.85, priority=6, anchor=doc[k].idx, quote=q))
                    continue
        # (c) introduced before: "X a dit : « … »", "X a déclaré « … »"
        k = first.i - 1
        while k >= 0 and (doc[k].is_space or doc[k].text in {"«", "“", '"', "„"}):
            k -= 1
        colon = k >= 0 and doc[k].text == ":"
        if colon:
            k -= 1
            while k >= 0 and doc[k].is_space:
                k -= 1
        intro = None
        if k >= 0:
            for c in cues:
                if c.last == k or (colon and c.last < k and doc[c.last].sent.start == doc[k].sent.start and k - c.last <= 8
                                   and not any(doc[x].text in {".", "«", "»"} for x in range(c.last + 1, k + 1))):
                    intro = c
        if intro is not None and (intro.mention is not None or intro.participial):
            out.append(_Cand("direct", list(q.spans), _cue_chars(doc, intro), intro.mention, inherit=intro.mention is None,
                             confidence=0.9, priority=6, anchor=doc[intro.start].idx, quote=q))
            continue
        if colon and k >= 0:
            # "Le ministre : « … »" — a speaker and a colon, no verb
            s0 = doc[k].sent.start
            if k - s0 <= 6:
                m = mention_after(doc, s0, k + 1, lexicon)
                if m is not None and speaker_like(m, doc, lexicon) and doc[m.start].idx == doc[s0].idx:
                    out.append(_Cand("direct", list(q.spans), None, m, confidence=0.75, priority=6,
                                     anchor=doc[s0].idx, quote=q))
                    continue
        # (d) a quotation opening a paragraph: the speaker goes on from the previous one
        para = next(((s, e) for s, e in paras if s <= q.open < e), None)
        if para is not None and para[0] == q.open and nwords >= 5:
            out.append(_Cand("direct", list(q.spans), None, None, inherit=True, confidence=0.5, priority=5,
                             anchor=q.open, quote=q, extra={"continuation": True}))
            continue
        unattributed.append(q)
    return out, unattributed


# -- according to --------------------------------------------------------------

def _according(doc: Doc, lexicon: Lexicon) -> list[_Cand]:
    out = []
    toks = [t for t in doc if not t.is_space]
    words = [norm(t.text) for t in toks]
    n = len(toks)
    for idx, t in enumerate(toks):
        match = None
        for seq in lexicon.according:
            if tuple(words[idx : idx + len(seq)]) == seq:
                match = seq
                break
        cue_end = None
        mention = None
        if match:
            cue_end = idx + len(match)
            if cue_end < n and words[cue_end] in {"que", "qu'", "les", "la", "le"} and match == ("selon",) and cue_end + 1 < n and words[cue_end + 1] in {"cas", "modalités", "règles", "termes"}:
                continue
            if cue_end < n and words[cue_end] in {"que", "qu'"}:
                continue
            if cue_end < n and words[cue_end] in RELATIVE_SELON and match == ("selon",):
                # "la critique selon laquelle …": the clause is reported, its source unnamed
                right = trim(doc.text, toks[cue_end].idx + len(toks[cue_end].text), t.sent.end_char)
                if _words(doc.text[right[0] : right[1]]) >= 2:
                    out.append(_Cand("according_to", [right], (t.idx, toks[cue_end].idx + len(toks[cue_end].text), "selon"),
                                     None, confidence=0.6, priority=3, anchor=t.idx))
                continue
            mention = mention_after(doc, toks[cue_end].i, t.sent.end, lexicon) if cue_end < n else None
            if mention is None or norm(doc[mention.head].text) in NOT_SOURCES:
                continue
        elif words[idx] == "pour" and t.i == t.sent.start:
            m = mention_after(doc, toks[idx + 1].i, t.sent.end, lexicon) if idx + 1 < n else None
            if m is None or m.end >= len(doc) or doc[m.end].text != ",":
                continue
            head = doc[m.head]
            if not (m.name is not None and ent_of(doc[m.name[0]]) is not None and ent_of(doc[m.name[0]]).label_ == "PER"
                    or pron_key(head) in {"lui", "elle", "eux", "elles"}
                    or lexicon.speaker_noun_type(norm(head.text)) in {"person", "anonymous", "group", "organization"}):
                continue
            cue_end, mention = idx + 1, m
        elif words[idx] == "de" and idx + 2 < n and words[idx + 1] in {"source", "sources"} and toks[idx + 2].pos_ == "ADJ":
            cue_end = idx + 1
            mention = Mention(toks[idx + 1].i, toks[idx + 2].i + 1, toks[idx + 1].i)
        else:
            continue
        s0, s1 = t.sent.start, t.sent.end
        cue_s, cue_e = t.idx, toks[cue_end - 1].idx + len(toks[cue_end - 1].text)
        phrase_end = doc[mention.end - 1].idx + len(doc[mention.end - 1].text)
        spans = []
        left = trim(doc.text, doc[s0].idx, t.idx)
        if left[1] > left[0] and _words(doc.text[left[0] : left[1]]) >= 2:
            spans.append(left)
        right = trim(doc.text, phrase_end, doc[s1 - 1].idx + len(doc[s1 - 1].text))
        if right[1] > right[0] and _words(doc.text[right[0] : right[1]]) >= 2:
            spans.append(right)
        if not spans:
            continue
        lemma = " ".join(match) if match else ("pour" if words[idx] == "pour" else "de source")
        out.append(_Cand("according_to", spans, (cue_s, cue_e, lemma), mention, confidence=0.8, priority=3, anchor=cue_s))
    return out


# -- headlines -----------------------------------------------------------------

_HEADLINE = re.compile(r"^(?P<who>[^:\n]{2,80}?)\s*:\s+(?P<what>\S.*)$")


def _headlines(doc: Doc, lexicon: Lexicon, resolver: Resolver) -> list[_Cand]:
    text = doc.text
    out = []
    for s, e in paragraphs(text):
        para_lines = lines(text, s, e)
        if len(para_lines) != 1:
            continue
        line = text[s:e]
        if line.endswith((".", "…", "»", "?")) and not line.endswith("..."):
            if line.endswith("."):
                continue
        if _words(line) > 40:
            continue
        m = _HEADLINE.match(line)
        if not m or _words(m.group("who")) > 8 or _words(m.group("what")) < 3:
            continue
        who = doc.char_span(s, s + len(m.group("who").rstrip()), alignment_mode="expand")
        if who is None:
            continue
        mention = mention_after(doc, who.start, who.end, lexicon)
        if mention is None or mention.end < who.end - 1:
            continue
        head = doc[mention.head]
        ent = ent_of(head)
        ok = False
        if mention.name is not None:
            name = doc[mention.name[0] : mention.name[1]].text
            full = resolver.full_name(name)
            ok = (ent is not None and ent.label_ in {"PER", "ORG"}) or full != name
            if ent is not None and ent.label_ == "LOC" and full == name:
                ok = False
        elif lexicon.speaker_noun_type(norm(head.text)) in {"person", "organization", "document", "anonymous"}:
            ok = True
        if not ok:
            continue
        what = trim(text, s + m.start("what"), e)
        out.append(_Cand("headline", [what], None, mention, confidence=0.8, priority=6, anchor=s))
    return out


# -- assembly ------------------------------------------------------------------

def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(x0 < y1 and y0 < x1 for x0, x1 in a for y0, y1 in b)


def _contains(outer: list[tuple[int, int]], inner: list[tuple[int, int]]) -> bool:
    return outer[0][0] <= inner[0][0] and inner[-1][1] <= outer[-1][1]


def find_statements(doc: Doc, lexicon: Lexicon, *, keep_boilerplate: bool = False):
    """(statements, boilerplate, scare quotes) of a parsed Doc."""
    text = doc.text
    boiler = find_boilerplate(text, lexicon)
    doc.user_data["qx_barriers"] = tuple(b.end for b in boiler if b.kind == "dateline")
    quotes = find_quotes(text)
    cues = find_cues(doc, lexicon)
    resolver = Resolver(doc, lexicon)

    indirect = _indirect(doc, cues, lexicon)
    direct, unattributed = _direct(doc, quotes, cues, lexicon)
    according = _according(doc, lexicon)
    taken = {c.cue[0] for c in direct + indirect if c.cue}
    according += _incises(doc, cues, taken, lexicon)
    headlines = _headlines(doc, lexicon, resolver)

    # quotations inside reported clauses: the speaker's own words (mixed), the whole clause (direct), or scare quotes
    scare: list[tuple[int, int]] = []
    used: set[int] = set()
    for cand in indirect:
        for q in quotes:
            if cand.start <= q.start and q.end <= cand.end + 1:
                words = _words(text[q.start : q.end])
                if words > SCARE_MAX_WORDS:
                    if abs(q.start - cand.start) <= 1 and q.end >= cand.end - 1:
                        cand.kind, cand.spans = "direct", list(q.spans)
                    elif cand.kind == "indirect":
                        cand.kind = "mixed"
                    used.add(id(q))
    # a direct candidate whose quotation is already a reported clause's content goes
    direct = [d for d in direct if id(d.quote) not in used or d.kind != "direct"]
    for q in unattributed:
        if id(q) not in used and _words(text[q.start : q.end]) <= SCARE_MAX_WORDS:
            scare.append((q.open, q.close))
    for cand in indirect:
        if cand.kind == "indirect":
            for q in quotes:
                if cand.start <= q.start and q.end <= cand.end + 1 and _words(text[q.start : q.end]) <= SCARE_MAX_WORDS:
                    if (q.open, q.close) not in scare:
                        scare.append((q.open, q.close))

    cands = headlines + direct + indirect + according
    # a reported clause stops where the next cue of the same sentence starts ("…, indiquant que …")
    for a in cands:
        if a.kind not in {"indirect", "mixed", "according_to"}:
            continue
        for b in cands:
            if b is a or b.cue is None:
                continue
            if a.start < b.cue[0] < a.end and b.start >= b.cue[0] - 1:
                end = trim(text, a.start, b.cue[0])[1]
                if end > a.start:
                    a.spans = [(x, min(y, end)) for x, y in a.spans if x < end]
            elif a.start < b.cue[0] < a.end and b.kind == "direct" and b.cue[0] > b.end:
                # "Y, « Z », a-t-il dit": the incise belongs to the quotation
                end = trim(text, a.start, b.start)[1]
                if end > a.start:
                    a.spans = [(x, min(y, end)) for x, y in a.spans if x < end]
    cands = [c for c in cands if c.spans and c.end > c.start and _words(text[c.start : c.end]) >= 2]
    cands.sort(key=lambda c: (-c.priority, -(c.end - c.start)))
    kept: list[_Cand] = []
    for c in cands:
        if any(_overlaps(c.spans, k.spans) for k in kept):
            continue
        kept.append(c)

    # boilerplate: statements inside teasers and bylines are not the article's
    hidden = [b for b in boiler if b.kind in {"teaser", "byline"}]
    if not keep_boilerplate:
        kept = [c for c in kept if not any(b.start <= c.start < b.end for b in hidden)]
        scare = [s for s in scare if not any(b.start <= s[0] < b.end for b in hidden)]

    # speakers, in text order (pronouns and nominal anaphora look back)
    statements = []
    last_speaker = None
    sentence_speaker: dict[int, object] = {}
    for c in sorted(kept, key=lambda c: c.anchor):
        speaker = None
        if c.mention is not None:
            speaker = resolver.resolve(c.mention)
        elif c.inherit:
            sent_start = doc.char_span(c.anchor, c.anchor + 1, alignment_mode="expand")
            key = sent_start[0].sent.start if sent_start is not None and len(sent_start) else None
            speaker = sentence_speaker.get(key) or (last_speaker if c.extra.get("continuation") else None)
            if speaker is None and sent_start is not None and len(sent_start):
                root = sent_start[0].sent.root
                subj = [t for t in root.children if t.dep_ in {"nsubj", "nsubj:pass"}]
                if subj:
                    m = mention_at(subj[0], lexicon)
                    if m is not None and speaker_like(m, doc, lexicon):
                        speaker = resolver.resolve(m)
            if speaker is None and c.kind == "direct" and c.extra.get("continuation"):
                continue
        if speaker is not None:
            anchor_span = doc.char_span(c.anchor, c.anchor + 1, alignment_mode="expand")
            if anchor_span is not None and len(anchor_span):
                sentence_speaker[anchor_span[0].sent.start] = speaker
            last_speaker = speaker
        spans = tuple(c.spans)
        content = Content(c.start, c.end, text[c.start : c.end], spans if len(spans) > 1 else ())
        cue = Cue(c.cue[0], c.cue[1], text[c.cue[0] : c.cue[1]], c.cue[2]) if c.cue else None
        statements.append(Statement(c.kind, content, cue, speaker, round(c.confidence, 3)))
    return statements, boiler, sorted(set(scare))
