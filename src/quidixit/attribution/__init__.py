"""From a parsed Doc to attributed statements.

Rules, in the order they run (one function each):

- :mod:`.indirect`: a cue verb and its que-clause or de + infinitive ("a affirmé que",
  "a fait savoir que", "indiquant que", "a demandé de");
- :mod:`.direct`: quotations attributed by an introducing cue ("a dit : « … »"), a
  following incise ("« … », a-t-il ajouté"), an incise inside ("« A, affirme X. B »"),
  or the previous speaker for a quotation that opens a paragraph;
- :mod:`.according`: "selon X", "d'après X", "aux yeux de X", "pour X,", "de source policière";
- :mod:`.headlines`: title and subheads "X : …";
- :mod:`.posts`: embedded social-media posts signed "— Name (@handle) date".

Then overlaps are settled (indirect speech holding the speaker's own quoted words
becomes ``mixed``; a clause never swallows the next reported clause), speakers are
resolved in text order (:mod:`quidixit.speakers`), and statements inside page
boilerplate are dropped unless asked for. Short quotations that carry no speech
act are scare quotes, returned apart.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ..clean import find_boilerplate
from ..lexicon import Lexicon
from ..model import Content, Cue, Statement
from ..speakers import Resolver, fronted_subject, mention_at
from ._candidate import SCARE_MAX_WORDS, Candidate, n_words
from ._finish import finish
from ._tokens import ent_of, norm, text_of, trim
from .according import find_according
from .cues import find_cues, speaker_like
from .direct import find_direct
from .headlines import find_headlines
from .indirect import find_incises, find_indirect
from .posts import find_posts
from .quotes import find_quotes

__all__ = ["find_statements"]


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(x0 < y1 and y0 < x1 for x0, x1 in a for y0, y1 in b)


def _contains(outer: list[tuple[int, int]], inner: list[tuple[int, int]]) -> bool:
    return outer[0][0] <= inner[0][0] and inner[-1][1] <= outer[-1][1]


def _named_subject(doc: Doc, sent, lexicon: Lexicon, resolver: Resolver, before: int | None = None):
    """The person named as the subject of ``sent``, standing outside any quotation (and before
    offset ``before`` when given), resolved; None otherwise. A name opening the sentence before an
    apposition is often parsed as a vocative: it counts too."""
    quotes = doc.user_data.get("qx_quotes", ())
    root = sent.root
    for t in (*root.children, root):
        if t.dep_ not in {"nsubj", "nsubj:pass"} and not (t.dep_ == "vocative" and t.i == sent.start):
            continue
        if before is not None and t.idx >= before or any(o <= t.idx < e for o, e in quotes):
            continue
        m = mention_at(t, lexicon)
        if m is not None and m.end - m.start == 1 and norm(t.text) in lexicon.words("third_person_singular") and t.pos_ == "PRON":
            sp = resolver.resolve(m)  # "Il a souhaité un rappel au règlement. « … »": whom "il" names
            if sp.name is not None and sp.type == "person":
                return sp
            continue
        if m is None or m.name is None or not speaker_like(m, doc, lexicon):
            continue
        ent = ent_of(doc[m.name[0]])
        if ent is not None and ent.label_ == "PER" and not any(o <= ent.start_char < e for o, e in quotes):
            return resolver.resolve(m)
    for ent in sent.ents:  # a name where the subject stands, which the parser attached elsewhere
        if ent.label_ == "PER" and (before is None or ent.start_char < before) and fronted_subject(ent) and not any(
                o <= ent.start_char < e for o, e in quotes):
            m = mention_at(ent.root, lexicon)
            if m is not None and m.name is not None:
                return resolver.resolve(m)
    return None


def _previous_sentence(doc: Doc, sent):
    """The sentence before ``sent`` in the same paragraph (no line break between), or None."""
    k = sent.start - 1
    while k >= 0 and doc[k].is_space and "\n" not in doc[k].text:
        k -= 1
    if k < 0 or doc[k].is_space or "\n" in text_of(doc)[doc[k].idx : doc[sent.start].idx]:
        return None
    return doc[k].sent


def _in_subordinate(doc: Doc, b: Candidate, conditions: frozenset[str]) -> bool:
    """The cue of b heads a conditional or temporal clause ("si nous avons convenu que …"): it is
    part of the clause reported around it, not a new statement that cuts it."""
    span = doc.char_span(b.cue[0], b.cue[1], alignment_mode="expand")
    if span is None:
        return False
    for t in span:
        v = t if t.pos_ == "VERB" else t.head
        for _ in range(3):  # also a verb inside such a clause: "s'il arrive au parti de regretter …"
            if any(ch.dep_ == "mark" and norm(ch.text) in conditions for ch in v.children):
                return True
            if v.dep_ not in {"xcomp", "ccomp", "obl", "obl:arg", "csubj", "dep"} or v.head.i == v.i:
                break
            v = v.head
    return False


def _nested_in(doc: Doc, a: Candidate, b: Candidate, depth: int = 2) -> bool:
    """The cue of b lies inside the complement clause of a's cue verb, at least ``depth`` steps
    down: its head (1: "say RT's management has never told them …"), or deeper, in a relative,
    a "when" clause, an infinitive of that clause (2: "said he plans to spend the money he says
    he raised"); not beside it ("said, adding that …"): b is part of what a reports."""
    cue = a.extra.get("cue")
    span = doc.char_span(b.cue[0], b.cue[1], alignment_mode="expand")
    if cue is None or span is None or not len(span):
        return False
    v, t = doc[cue.last], span[-1]
    steps = []
    while t.head.i != t.i:
        steps.append(t.dep_)
        if t.head.i == v.i:
            # a verb coordinated inside the clause says something of its own ("says A and said B")
            return len(steps) >= depth and steps[-1] == "ccomp" and not {"conj", "parataxis"} & set(steps)
        t = t.head
    return False


def _quotes_in(c: Candidate, quotes) -> bool:
    """Some of the speaker's own words, between quotation marks, lie inside the candidate's content."""
    return any(c.start <= q.open and q.close <= c.end for q in quotes)


def _inside_quote(c: Candidate, quotes) -> bool:
    """The candidate's cue lies inside a quotation (and so does its content's start)."""
    if c.cue is None:
        return False
    return any(q.open < c.cue[0] < q.close and q.open < c.start < q.close for q in quotes)


def _drop_coordination(text: str, start: int, end: int, conjunctions: frozenset[str]) -> int:
    """End of text[start:end] without trailing punctuation and a dangling "et" / "mais"."""
    end = trim(text, start, end)[1]
    for conj in sorted(conjunctions):
        if text[start:end].endswith(" " + conj):
            return trim(text, start, end - len(conj))[1]
    return end


def find_statements(doc: Doc, lexicon: Lexicon, *, keep_boilerplate: bool = False, noun_phrases: bool = False):
    """(statements, boilerplate, scare quotes) of a parsed Doc.

    ``noun_phrases`` widens the scope to noun-phrase objects and passive participles of
    verbs of saying that hold none of the speaker's words (FrameNet's scope; the
    conventions leave them out)."""
    text = doc.user_data["qx_text"] = doc.text  # read once (see text_of); dropped again below
    try:
        return _find_statements(doc, text, lexicon, keep_boilerplate=keep_boilerplate, noun_phrases=noun_phrases)
    finally:
        doc.user_data.pop("qx_text", None)


def _find_statements(doc: Doc, text: str, lexicon: Lexicon, *, keep_boilerplate: bool, noun_phrases: bool):
    boiler = find_boilerplate(text, lexicon)
    doc.user_data["qx_barriers"] = tuple(b.end for b in boiler if b.kind == "dateline")
    quotes = find_quotes(text)
    doc.user_data["qx_quotes"] = tuple((q.open, q.close) for q in quotes)
    cues = find_cues(doc, lexicon)
    resolver = Resolver(doc, lexicon, tuple((q.start, q.end) for q in quotes))

    indirect = find_indirect(doc, cues, lexicon)
    direct, unattributed = find_direct(doc, quotes, cues, lexicon)
    according = find_according(doc, lexicon)
    # a bare noun-phrase object does not take its cue from an incise ("Comme l'a rappelé le préfet, …")
    taken = {c.cue[0] for c in direct + indirect if c.cue and not c.extra.get("np")}
    incises = find_incises(doc, cues, taken, lexicon, quotes)
    headlines = find_headlines(doc, lexicon, resolver)
    posts = find_posts(doc, lexicon)

    # quotations inside reported clauses: the speaker's own words (mixed), the whole clause (direct), or scare quotes
    scare: list[tuple[int, int]] = []
    used: set[int] = set()
    for cand in indirect + incises:
        if cand.extra.get("one_quotation"):
            # "a déclaré que « … »", "a invité ses troupes à « rester ensemble »": the whole complement
            # is their words, verbatim (direct, as the reference example has it), whatever the spacing
            cand.kind = "direct"
        for q in quotes:
            if cand.start <= q.start and q.end <= cand.end + 1:
                words = n_words(text[q.start : q.end])
                if words > SCARE_MAX_WORDS:
                    if cand.extra.get("one_quotation"):
                        pass  # direct already, over its own content
                    elif abs(q.start - cand.start) <= 1 and q.end >= cand.end - 1:
                        cand.kind, cand.spans = "direct", list(q.spans)
                    elif cand.kind == "indirect":
                        cand.kind = "mixed"
                    used.add(id(q))
    # a direct candidate whose quotation is already a reported clause's content goes
    direct = [d for d in direct if id(d.quote) not in used or d.kind != "direct"]
    for q in unattributed:
        if id(q) not in used and n_words(text[q.start : q.end]) <= SCARE_MAX_WORDS:
            scare.append((q.open, q.close))
    for cand in indirect + incises:
        if cand.kind == "indirect":
            for q in quotes:
                if cand.start <= q.start and q.end <= cand.end + 1 and n_words(text[q.start : q.end]) <= SCARE_MAX_WORDS:
                    if (q.open, q.close) not in scare:
                        scare.append((q.open, q.close))

    # a verb of saying inside a quotation belongs to that quotation ("« … lorsqu'il dit qu'il … »")
    spoken = [q for q in quotes if n_words(text[q.start : q.end]) > SCARE_MAX_WORDS]
    indirect = [c for c in indirect if not _inside_quote(c, spoken)]
    incises = [c for c in incises if not _inside_quote(c, spoken)]
    # noun-phrase objects, passives and wishes count only with the speaker's own words in them
    desire = lexicon.words("desire_verbs")
    indirect = [c for c in indirect if c.kind != "indirect" or not (
        c.extra.get("np") and not noun_phrases and not _quotes_in(c, quotes) or c.cue is not None and c.cue[2] in desire)]
    for c in indirect:
        if c.kind == "indirect" and c.extra.get("np") and _quotes_in(c, quotes):
            c.kind = "mixed"  # a noun-phrase object is a statement by the speaker's words in it (CONVENTIONS 4)
    cands = headlines + posts + direct + indirect + according + incises
    nested = lexicon.syntax("nested_attribution")
    # a reported clause stops where the next cue of the same sentence starts ("…, indiquant que …")
    dangling, conditions = lexicon.words("dangling_conjunctions"), lexicon.words("condition_marks")
    for a in cands:
        if a.kind not in {"indirect", "mixed", "according_to"}:
            continue
        for b in cands:
            if b is a or b.cue is None:
                continue
            if a.start < b.cue[0] < a.end and b.start >= b.cue[0] - 1 and not _in_subordinate(doc, b, conditions) and not (
                    nested and _nested_in(doc, a, b, depth=1)):
                # without the conjunction left dangling ("… to Ukraine, but warned …": not "…, but")
                end = _drop_coordination(text, a.start, b.cue[0], dangling)
                if end > a.start:
                    a.spans = [(x, min(y, end)) for x, y in a.spans if x < end]
            elif a.start < b.cue[0] < a.end and b.kind == "direct" and b.cue[0] > b.end:
                # "Y, « Z », a-t-il dit": the incise belongs to the quotation
                end = trim(text, a.start, b.start)[1]
                if end > a.start:
                    a.spans = [(x, min(y, end)) for x, y in a.spans if x < end]
            elif b.extra.get("comme") and a.cue is not None and a.cue[0] < a.start < b.start < a.end and not a.extra.get("comme"):
                # "X a conclu que A, et B, comme le précise Y": B is Y's, not X's
                end = _drop_coordination(text, a.start, b.start, dangling)
                if end > a.start:
                    a.spans = [(x, min(y, end)) for x, y in a.spans if x < end]
    # a source that only says where another statement's report comes from is not a statement (it still
    # ends the clause before it, above)
    cands = [a for a in cands if not (a.kind == "according_to" and a.cue is not None and _source_of_report(doc, a, cands))]
    cands = [c for c in cands if c.spans and c.end > c.start and (
        n_words(text[c.start : c.end]) >= 2 or c.kind == "direct" and c.quote is not None and (c.cue is not None or c.extra.get("answer")))]
    if nested:  # a statement whose cue lies deep inside another's reported clause is part of that one
        cands = [b for b in cands if b.cue is None or not any(
            a is not b and a.kind in {"indirect", "mixed"} and a.cue is not None and a.start < b.cue[0] < a.end
            and a.start <= b.start and _nested_in(doc, a, b) for a in cands)]
    cands.sort(key=lambda c: (-c.priority, -(c.end - c.start)))
    kept: list[Candidate] = []
    for c in cands:
        if any(_overlaps(c.spans, k.spans) for k in kept):
            continue
        kept.append(c)

    # a quotation inside a speaker's own phrase is part of its name ("selon un rapport sur « Les revenus
    # des ménages », …"), not a statement
    named = [(span.start_char, span.end_char) for c in kept if c.mention is not None
             for span in (doc[c.mention.start : c.mention.end],)]
    kept = [c for c in kept if not (c.cue is None and any(a <= c.start and c.end <= b for a, b in named))]
    # a short quotation that a kept statement quotes whole ('"A," she said. "We have the votes."') is no scare quote
    scare = [s for s in scare if not any(c.kind in {"direct", "mixed"} and any(s[0] < a and b < s[1] for a, b in c.spans)
                                         for c in kept)]
    # boilerplate: statements inside teasers and bylines are not the article's
    hidden = [b for b in boiler if b.kind in {"teaser", "byline"}]
    if not keep_boilerplate:
        kept = [c for c in kept if not any(b.start <= c.start < b.end for b in hidden)]
        scare = [s for s in scare if not any(b.start <= s[0] < b.end for b in hidden)]

    # speakers, in text order (pronouns and nominal anaphora look back)
    statements = []
    last_named = None
    pending: list[int] = []
    sentence_speaker: dict[int, object] = {}
    for c in sorted(kept, key=lambda c: c.anchor):
        speaker = None
        if c.mention is not None:
            speaker = resolver.resolve(c.mention)
        elif c.inherit:
            sent_start = doc.char_span(c.anchor, c.anchor + 1, alignment_mode="expand")
            key = sent_start[0].sent.start if sent_start is not None and len(sent_start) else None
            speaker = sentence_speaker.get(key)
            if speaker is None and c.extra.get("continuation") and sent_start is not None and len(sent_start):
                # a quotation with no cue: the person its own sentence is about ("X est intervenu,
                # trouvant le « … »"), else the person the sentence before it (same paragraph) is about
                sent = sent_start[0].sent
                prev = _previous_sentence(doc, sent)
                speaker = _named_subject(doc, sent, lexicon, resolver, before=c.start) or (
                    _named_subject(doc, prev, lexicon, resolver) if prev is not None else None)
            speaker = speaker or (last_named if c.extra.get("continuation") else None)
            if speaker is None and sent_start is not None and len(sent_start):
                root = sent_start[0].sent.root
                # the subject of the sentence around it, never one inside the quotation itself
                subj = [t for t in root.children if t.dep_ in {"nsubj", "nsubj:pass"} and not c.start <= t.idx < c.end]
                if subj:
                    m = mention_at(subj[0], lexicon)
                    if m is not None and speaker_like(m, doc, lexicon):
                        speaker = resolver.resolve(m)
                if speaker is None:  # a name where the subject stands, parsed elsewhere ("…, X (PS) est intervenu, en demandant …")
                    speaker = _named_subject(doc, sent_start[0].sent, lexicon, resolver, before=c.start)
            if speaker is None and c.kind == "direct" and c.extra.get("continuation"):
                pending.append(len(statements))  # a quotation before any speaker: the next one's
        if speaker is not None:
            anchor_span = doc.char_span(c.anchor, c.anchor + 1, alignment_mode="expand")
            if anchor_span is not None and len(anchor_span):
                sentence_speaker[anchor_span[0].sent.start] = speaker
            if speaker.type != "unknown" and (speaker.name or "")[:1].isupper() or speaker.type in {"anonymous", "document"}:
                last_named = speaker  # who a quotation with no cue can go on from: not "certains", not "la guerre"
        spans = tuple(c.spans)
        content = Content(c.start, c.end, text[c.start : c.end], spans if len(spans) > 1 else ())
        cue = Cue(c.cue[0], c.cue[1], text[c.cue[0] : c.cue[1]], c.cue[2]) if c.cue else None
        statements.append(Statement(c.kind, content, cue, speaker, round(c.confidence, 3)))
    for i in reversed(pending):
        after = next((st.speaker for st in statements[i + 1 :] if st.speaker is not None), None)
        if after is None:
            del statements[i]
        else:
            statements[i] = replace(statements[i], speaker=after)
    statements = _woven(statements, text, [doc[c.start].idx for c in cues])
    statements = _subheads(statements, text)
    return finish(statements, text), boiler, sorted(set(scare))  # last pass: spans, cues and speakers hold together


def _source_of_report(doc: Doc, a: Candidate, cands: list[Candidate]) -> bool:
    """The according-to candidate ``a`` only says where another statement's report comes from.
    After that clause ("X a invité … à « rester ensemble », selon des participants"): a statement's
    cue lies in a's content. Before it ("Selon l'AFP, le Conseil national syrien a appelé à …"): a
    statement's speaker lies in a's content (which the cut by the next cue left as that phrase)."""
    for b in cands:
        if b is a or b.cue is None or b.kind == "according_to":
            continue
        if a.start < a.cue[0] and a.start <= b.cue[0] < a.cue[0]:
            return True
        if a.cue[0] < a.start and b.mention is not None and b.cue[0] >= a.end and a.start <= doc[b.mention.start].idx < a.end:
            return True
    return False


def _own_line(text: str, start: int, end: int) -> bool:
    """text[start:end] (a quotation's words) is a line of its own, below the first: a subhead."""
    a, b = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    b = len(text) if b < 0 else b
    if a == 0:
        return False
    before, after = text[a:start].strip(), text[end:b].strip()
    return len(before) <= 1 and not before.isalnum() and len(after) <= 2 and not any(ch.isalnum() for ch in after)


def _subheads(statements: list[Statement], text: str) -> list[Statement]:
    """A quotation standing as a subhead with no cue quotes the passage below it: when its words
    come back inside a later statement, that statement's speaker says them (a subhead takes up
    who is quoted next, not who was quoted last)."""
    out = list(statements)
    folded = [" ".join(st.content.text.split()).casefold() for st in out]  # contents never change below
    for i, st in enumerate(out):
        if st.cue is not None or st.kind != "direct" or not _own_line(text, st.content.start, st.content.end):
            continue
        words = folded[i]
        if len(words.split()) < 3:
            continue
        later = next((o for o, f in zip(out, folded) if o.content.start > st.content.end and o.speaker is not None
                      and o.speaker.name and words in f), None)
        if later is not None:
            out[i] = replace(st, speaker=later.speaker)  # as a quotation with no cue takes the last speaker's
    return out


GAP_MAX = 80  # characters of the writer's words between two quotations woven into one sentence


def _woven(statements: list[Statement], text: str, cue_starts: list[int]) -> list[Statement]:
    """Quotations with no cue that one sentence weaves together with a few of the writer's
    words, for the same speaker ('"La sortie de Schengen" est "un non-sens"', 'une "incidence
    très marquée" et serait "techniquement complexe"') are one statement, ``mixed``: its
    content runs from the first quotation to the last. Not across a sentence end, a line, a
    verb of saying ('"A," the narrator says, "B"'), or quotations that only punctuation
    separates ('« A ». « B »': two quotations)."""
    merged: dict[int, Statement] = {}  # index of the first quotation -> the statement it heads
    gone: set[int] = set()
    head = None  # (index, statement) of the last statement in text order
    for i in sorted(range(len(statements)), key=lambda k: statements[k].content.start):
        st = statements[i]
        if head is not None:
            k, prev = head
            if (st.cue is None and st.kind == "direct" and prev.kind in {"direct", "mixed"}
                    and st.speaker is not None and prev.speaker is not None and st.speaker.name is not None
                    and st.speaker.name == prev.speaker.name and prev.content.end <= st.content.start):
                gap = text[prev.content.end : st.content.start]
                # after a statement with a cue, only a comma and the marks: 'a dénoncé « A » entre X et Y, « B »'
                most = GAP_MAX if prev.cue is None else 4
                ends = text[max(prev.content.end - 1, 0) : st.content.start]  # with its own last character
                if len(gap) <= most and "\n" not in gap and not any(ch in ends for ch in ".!?…;:") and not any(
                        prev.content.end <= c < st.content.start for c in cue_starts):
                    start, end = prev.content.start, st.content.end
                    merged[k] = replace(prev, kind="mixed", content=Content(start, end, text[start:end]),
                                        confidence=min(prev.confidence, st.confidence))
                    gone.add(i)
                    head = (k, merged[k])
                    continue
        head = (i, st)
    return [merged.get(i, st) for i, st in enumerate(statements) if i not in gone]
