"""ClearNLP (OntoNotes) dependencies and entity labels -> Universal Dependencies, in one pass.

The tree changes where UD puts content words above function words: a coordinating
conjunction hangs on the conjunct it introduces; a preposition hangs on its object (``prep`` + ``pobj`` -> ``case`` + ``obl`` / ``nmod``; ``agent`` + ``pobj`` ->
``case`` + ``obl:agent``; a preposition over a clause becomes its ``mark``); elsewhere only
labels change. Heads and labels are written back with one ``Doc.from_array`` call.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc, Span

__all__ = ["relabel", "DEP_LABELS", "ENT_LABELS"]

DEP_LABELS = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "relcl": "acl:relcl",
    "poss": "nmod:poss",
    "neg": "advmod",
    "prt": "compound:prt",
    "npadvmod": "obl:npmod",
    "acomp": "xcomp",
    "oprd": "xcomp",
    "pcomp": "advcl",
    "quantmod": "advmod",
    "predet": "det",
    "preconj": "cc:preconj",
    "intj": "discourse",
    "meta": "dep",
    "attr": "xcomp",  # "is a doctor": UD puts the predicate over a copula; a secondary predicate here
}
ENT_LABELS = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "LANGUAGE": "MISC",
}
_PREP = {"prep", "agent"}
_PREDICATE = {"VERB", "AUX", "ADJ"}


def relabel(doc: Doc) -> Doc:
    if not doc.has_annotation("DEP"):
        return doc
    heads = [t.head.i for t in doc]
    deps = [t.dep_ for t in doc]
    pos = [t.pos_ for t in doc]
    for t in doc:
        i = t.i
        if deps[i] == "dative" and pos[i] == "ADP":
            deps[i] = "prep"  # "gave it to him": "to" is a preposition
        elif deps[i] == "dative":
            deps[i] = "iobj"
    inner_done: set[int] = set()  # the second word of a two-word preposition, done with the first
    for t in doc:
        i = t.i
        if deps[i] not in _PREP or i in inner_done:
            continue
        obj = next((c.i for c in t.children if c.dep_ == "pobj"), None)
        clause = next((c.i for c in t.children if c.dep_ == "pcomp"), None)
        inner = None
        if obj is None and clause is None:
            # a two-word preposition, "according to X", "because of X", "out of X": one case, fixed
            inner = next((c for c in t.children if c.dep_ == "prep" and c.i == i + 1), None)
            obj = next((c.i for c in inner.children if c.dep_ == "pobj"), None) if inner is not None else None
        below = obj if obj is not None else clause
        if below is None:
            deps[i] = "case" if deps[i] == "prep" and pos[i] == "ADP" and heads[i] != i else deps[i]
            continue
        governor = heads[i]
        agent = deps[i] == "agent"
        heads[below] = governor if governor != i else below
        if obj is not None:
            deps[below] = "obl:agent" if agent else ("obl" if pos[governor] in _PREDICATE else "nmod")
            deps[i] = "case"
        else:
            deps[below] = "advcl" if pos[governor] in _PREDICATE else "acl"
            deps[i] = "mark"
        if governor == i:  # a preposition heading its sentence: its object becomes the root
            deps[below] = "ROOT"
        heads[i] = below
        for c in t.children:  # what else hung on the preposition goes with its object
            if c.i != below and deps[c.i] not in {"pobj", "pcomp"} and (inner is None or c.i != inner.i):
                heads[c.i] = below
        if inner is not None:
            heads[inner.i], deps[inner.i] = i, "fixed"
            inner_done.add(inner.i)
    for t in doc:  # UD hangs a coordinating conjunction on the conjunct it introduces, not on the first one
        if deps[t.i] == "cc":
            nxt = [c.i for c in t.head.children if c.dep_ == "conj" and c.i > t.i]
            if nxt:
                heads[t.i] = min(nxt)
    for i, d in enumerate(deps):
        if d in DEP_LABELS:
            deps[i] = DEP_LABELS[d]
        elif d == "pobj":
            deps[i] = "obl" if pos[heads[i]] in _PREDICATE else "nmod"
        elif d == "compound" and pos[i] == "PROPN" and pos[heads[i]] == "PROPN":
            deps[i] = "flat:name"
    strings = doc.vocab.strings
    values = numpy.empty((len(doc), 2), dtype=numpy.uint64)
    values[:, 0] = numpy.array([h - i for i, h in enumerate(heads)], dtype=numpy.int64).astype(numpy.uint64)
    values[:, 1] = numpy.array([strings.add(d) for d in deps], dtype=numpy.uint64)
    doc.from_array([HEAD, DEP], values)
    doc.ents = [Span(doc, e.start, e.end, label=ENT_LABELS[e.label_]) for e in doc.ents if e.label_ in ENT_LABELS]
    return doc
