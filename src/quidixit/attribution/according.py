"""According-to: "selon X", "d'après X", "aux yeux de X", "pour X,", "de source
policière", and "la thèse selon laquelle …" (a reported clause, no source named)."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from ..lexicon import Lexicon
from ..speakers import Mention, mention_after, mention_at
from ._candidate import Candidate, n_words
from ._tokens import ent_of, norm, pron_key, text_of, trim



def _relative_start(doc: Doc, i: int, s0: int) -> int:
    """Where the clause that a "selon X" right after it qualifies starts, when it is a
    relative or subordinate clause: "des compromis qui sont, selon moi, …"; else s0."""
    k, seen = i - 1, 0
    while k > s0 and seen < 4:
        t = doc[k]
        if t.is_punct or t.is_space:
            k -= 1
            continue
        seen += 1
        if t.morph.get("PronType") == ["Rel"] and t.i > s0:
            return t.i
        if t.pos_ in {"VERB", "AUX"} and t.dep_ in {"acl:relcl", "ccomp", "advcl", "acl"} and t.left_edge.i > s0:
            return t.left_edge.i
        if t.pos_ in {"VERB", "AUX"}:
            break
        k -= 1
    return s0


def _pour_position(doc: Doc, t) -> bool:
    """"Pour X, …" opens its clause: at the start of the sentence, after a conjunction or a
    connective adverb there ("Mais pour Obama, « … »", "Pourtant pour lui, …"), or after a comma."""
    k = t.i - 1
    while k >= t.sent.start and doc[k].is_space:
        k -= 1
    if k < t.sent.start or doc[k].text in {",", ";", ":"}:
        return True
    return doc[k].pos_ in {"CCONJ", "ADV"} and all(doc[j].pos_ in {"CCONJ", "ADV", "PUNCT", "SPACE"} for j in range(t.sent.start, k + 1))


def _past_aside(doc: Doc, i: int, limit: int) -> int:
    """The token after a parenthesis opening at token i ("l'ALN (Armée de Libération Nationale)"),
    when it closes within 80 characters; i otherwise."""
    if i >= limit or doc[i].text != "(":
        return i
    close = next((k for k in range(i, limit) if doc[k].text == ")"), None)
    return close + 1 if close is not None and doc[close].idx - doc[i].idx < 80 else i


def _participle_end(doc: Doc, i: int, limit: int, most: int = 25) -> int:
    """The comma that ends a participial phrase opening at token i and modifying the source ("un
    rapport établi par l'INSEE sur « … »,", "des analyses ayant été effectuées en Suisse,"), or the
    end of the sentence ("…, selon un sondage publié dans Le Monde."), within ``most`` tokens; i
    otherwise."""
    if i >= limit or doc[i].pos_ not in {"VERB", "AUX"} or doc[i].morph.get("VerbForm") != ["Part"]:
        return i
    for k in range(i + 1, min(limit, i + most)):
        if doc[k].text == "," and k < limit - 1:
            return k
        if doc[k].text in {".", "?", "!"} and all(doc[j].is_space for j in range(k + 1, limit)):
            return k  # "…, selon un sondage publié dans Le Monde.": to the end of the sentence
        if doc[k].text in {".", ";", ":", "?", "!"} or doc[k].pos_ in {"VERB", "AUX"} and doc[k].morph.get("VerbForm") == ["Fin"]:
            break
    return i


def _pour_qui(doc: Doc, toks: list, idx: int, lexicon: Lexicon) -> Candidate | None:
    """ "X, pour qui …": what follows "qui" is X's view, up to the end of the sentence, or up to
    the comma where X's own clause goes on ("Le sénateur X, pour qui la réforme est injuste, a voté")."""
    text = text_of(doc)
    t, qui = toks[idx], toks[idx + 1]
    ant = toks[idx - 2] if idx >= 2 else None
    if ant is None or ant.pos_ not in {"PROPN", "NOUN"}:
        return None
    while ant.dep_.startswith("flat") and ant.head.i < ant.i:
        ant = ant.head
    mention = mention_at(ant, lexicon)
    if mention is None:
        return None
    if mention.start < mention.head and doc[mention.start].pos_ == "ADP":  # "l'avis de Craig Murray": "Craig Murray"
        mention = Mention(mention.start + 1, mention.end, mention.head, mention.name, mention.role)
    head = doc[mention.head]
    if not (mention.name is not None or lexicon.speaker_noun_type(norm(head.text)) in {"person", "anonymous", "group", "organization"}):
        return None
    end = t.sent.end
    verb = ant.head if ant.dep_ in {"nsubj", "nsubj:pass"} else None
    if verb is not None and verb.i > qui.i:
        comma = max((k for k in range(qui.i + 1, verb.i) if doc[k].text == ","), default=None)
        if comma is None:
            return None
        end = comma
    else:  # the parser lost the subject: a comma then a finite verb is where the main clause goes on
        end = next((k for k in range(qui.i + 2, end - 1) if doc[k].text == "," and doc[k + 1].pos_ in {"AUX", "VERB"}
                    and "Fin" in doc[k + 1].morph.get("VerbForm")), end)
    start = qui.i + 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    right = trim(text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)) if start < end else (0, 0)
    if right[1] <= right[0] or n_words(text[right[0] : right[1]]) < 3:
        return None
    # above a "selon" inside it ("pour qui, selon ses propres sources, …": one view, X's)
    return Candidate("according_to", [right], (t.idx, qui.idx + len(qui.text), norm(t.text)), mention, confidence=0.75,
                     priority=4, anchor=t.idx)


def find_according(doc: Doc, lexicon: Lexicon) -> list[Candidate]:
    out = []
    text = text_of(doc)
    toks = [t for t in doc if not t.is_space]
    words = [norm(t.text) for t in toks]
    n = len(toks)
    selon = lexicon.words("according_with_relative")
    rule_dets, rule_nouns, not_after = lexicon.words("rule_determiners"), lexicon.words("rule_nouns"), lexicon.words("not_after_according")
    pour, pour_rel = lexicon.words("opinion_prepositions"), lexicon.words("opinion_relatives")
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
            one_word = len(match) == 1 and match[0] in selon
            if cue_end < n and words[cue_end] in rule_dets and one_word and cue_end + 1 < n and words[cue_end + 1] in rule_nouns:
                continue
            if cue_end < n and words[cue_end] in not_after:
                continue
            if cue_end < n and words[cue_end] in lexicon.words("relative_selon") and one_word:
                # "la critique selon laquelle …": the clause is reported, its source unnamed
                right = trim(text, toks[cue_end].idx + len(toks[cue_end].text), t.sent.end_char)
                if n_words(text[right[0] : right[1]]) >= 2:
                    out.append(Candidate("according_to", [right], (t.idx, toks[cue_end].idx + len(toks[cue_end].text), "selon"),
                                     None, confidence=0.6, priority=3, anchor=t.idx))
                continue
            mention = mention_after(doc, toks[cue_end].i, t.sent.end, lexicon) if cue_end < n else None
            if mention is None or norm(doc[mention.head].text) in lexicon.words("not_sources"):
                continue
        elif words[idx] in pour and idx + 2 < n and words[idx + 1] in pour_rel and idx > 0 and toks[idx - 1].text == ",":
            # "… Bruno Retailleau, pour qui François Fillon « veut … »": the source is the antecedent
            cand = _pour_qui(doc, toks, idx, lexicon)
            if cand is not None:
                out.append(cand)
            continue
        elif words[idx] in pour and _pour_position(doc, t):
            m = mention_after(doc, toks[idx + 1].i, t.sent.end, lexicon) if idx + 1 < n else None
            # "Pour l'ALN (Armée de Libération Nationale), …": past the expansion in parentheses
            after = _past_aside(doc, m.end, t.sent.end) if m is not None else None
            opens_sentence = t.i == t.sent.start or all(doc[j].is_space or doc[j].is_punct for j in range(t.sent.start, t.i))
            if m is not None and opens_sentence and m.name is not None and m.name[0] == m.start and m.end > m.name[1] and (
                    doc[m.name[0]].ent_type_ == "PER") and doc[m.name[1]].text not in {",", "(", "«", "“", '"', "''"}:
                # "Pour Florian Philippot toutes ces déclarations …": the parser ran the name into the subject
                m = Mention(m.name[0], m.name[1], m.name[1] - 1, m.name, None)
                after = m.end
            bare = (m is not None and after < len(doc) and opens_sentence and m.name is not None
                    and doc[m.name[0]].ent_type_ == "PER" and doc[after].pos_ in {"DET", "PRON", "PROPN", "NOUN", "ADJ"}
                    and any(x.pos_ in {"VERB", "AUX"} and "Fin" in x.morph.get("VerbForm") for x in doc[after : t.sent.end]))
            if m is None or after >= len(doc) or doc[after].text not in {",", "«", "“", '"', "''"} and not bare:
                continue  # "Pour X, …"; or, opening a sentence, "Pour Florian Philippot toutes ces déclarations démontrent …"
            head = doc[m.head]
            # "Pour l'ALN (Armée de Libération nationale), …": the expansion says what the name is
            expanded = any(x.ent_type_ in {"PER", "ORG"} for x in doc[m.end : after] if not x.is_punct)
            if not (expanded or m.name is not None and ent_of(doc[m.name[0]]) is not None and ent_of(doc[m.name[0]]).label_ in {"PER", "ORG"}
                    or pron_key(head) in lexicon.words("stressed_pronouns")
                    or lexicon.speaker_noun_type(norm(head.text)) in {"person", "anonymous", "group", "organization"}):
                continue
            cue_end, mention = idx + 1, m
        elif words[idx] == "de" and idx + 2 < n and words[idx + 1] in {"source", "sources"} and toks[idx + 2].pos_ == "ADJ" and (
                idx == 0 or toks[idx - 1].is_punct or toks[idx - 1].is_sent_start is True):
            # "De source policière, …", "…, de source syndicale, …"; not "confirmée de source indépendante"
            cue_end = idx + 1
            mention = Mention(toks[idx + 1].i, toks[idx + 2].i + 1, toks[idx + 1].i)
        else:
            continue
        s0, s1 = t.sent.start, t.sent.end
        # "… ne cache pas son inquiétude : pour lui, le parti « est en danger »": a clause before a colon
        # or semicolon is not what the source says
        s0 = max([s0] + [k + 1 for k in range(s0, t.i) if doc[k].text in {":", ";"}])
        cue_s, cue_e = t.idx, toks[cue_end - 1].idx + len(toks[cue_end - 1].text)
        past = _past_aside(doc, mention.end, s1)  # the source's expansion in parentheses is no content
        modified = _participle_end(doc, past, s1) if match else past
        if modified > past:  # "selon un rapport établi par l'INSEE sur …, la crise …": the source goes on
            mention = dataclasses.replace(mention, end=modified)
            past = modified
        last = doc[past - 1]
        phrase_end = last.idx + len(last.text)
        if match:
            # the phrase qualifies one clause or predicate, not always the whole sentence:
            # "des compromis qui sont, selon moi, responsables", "(selon X, cette valeur était …)"
            host = doc[mention.head].head
            if host.i != mention.head and s0 < host.left_edge.i and host.right_edge.i < s1 and host.pos_ in {"VERB", "AUX", "ADJ"}:
                s0, s1 = host.left_edge.i, host.right_edge.i + 1
            else:
                s0 = _relative_start(doc, t.i, s0)
        spans = []
        if idx > 0 and toks[idx - 1].text == "(":
            # "(selon M. Copperman, cette valeur était …)": the aside is what the source says
            close = next((k for k in range(mention.end, t.sent.end) if doc[k].text == ")"), None)
            if close is not None:
                right = trim(text, phrase_end, doc[close].idx)
                if n_words(text[right[0] : right[1]]) >= 2:
                    lemma = " ".join(match) if match else words[idx]
                    out.append(Candidate("according_to", [right], (cue_s, cue_e, lemma), mention, confidence=0.8,
                                         priority=3, anchor=cue_s))
                continue
        left = trim(text, doc[s0].idx, t.idx)
        if left[1] > left[0] and n_words(text[left[0] : left[1]]) >= 2:
            spans.append(left)
        right = trim(text, phrase_end, doc[s1 - 1].idx + len(doc[s1 - 1].text))
        opened = next((cl for o, cl in doc.user_data.get("qx_quotes", ())
                       if o < right[0] and not text[o + 1 : right[0]].strip() and cl > right[1] + 1), None)
        if opened is not None and "\n" not in text[right[0] : opened]:
            # "Selon son complice, « Il se sentait faible. Il me disait … »": the whole quotation, past its first sentence
            right = trim(text, right[0], opened - 1)
        if right[1] - right[0] > 2 and text[right[0]] in "«“\"" and text[right[1] - 1] in "»”\"" and not any(
                ch in text[right[0] + 1 : right[1] - 1] for ch in "«»“”\""):
            right = trim(text, right[0] + 1, right[1] - 1)  # the content of one quotation, without its marks
        if right[1] > right[0] and n_words(text[right[0] : right[1]]) >= 2:
            spans.append(right)
        if not spans:
            continue
        lemma = " ".join(match) if match else (words[idx] if words[idx] in pour else "de source")
        out.append(Candidate("according_to", spans, (cue_s, cue_e, lemma), mention, confidence=0.8, priority=3, anchor=cue_s))
    return out
