"""The English parse relabelled to Universal Dependencies (lang/en/ud.py, the ``quidixit_ud``
component): the contract the language-neutral rules rely on, checked on the real model."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

# labels of spaCy's English (ClearNLP / OntoNotes) scheme that Universal Dependencies does not have
CLEARNLP_ONLY = {
    "dobj", "pobj", "prep", "nsubjpass", "csubjpass", "auxpass", "relcl", "poss", "dative", "neg", "prt",
    "npadvmod", "acomp", "oprd", "pcomp", "quantmod", "predet", "preconj", "intj", "meta", "agent",
}  # fmt: skip
UD_ENTITIES = {"PER", "ORG", "LOC", "MISC"}

TEXTS = [
    "The minister gave the report to him on Monday, and the results were approved by the committee in London.",
    "Maria Lopez, who chairs the committee, told reporters that the bill would pass after a long debate.",
    "The company's chief executive did not comment. Shares in Halden Bank fell 3% on Tuesday, the lowest close in a year.",
    '"We will not give up," she said. "Nobody is giving up on the plan that the voters approved."',
    "In London.\nThe Chancellor, Rachel Hartley, said she was proud of her team's work after leaving the Treasury.",
    "Officials said the talks, which began in Geneva in March, had stalled because neither side would move.",
    "He picked up the phone and called the White House, where aides were preparing for the president's trip to Ohio.",
]


@pytest.fixture(scope="module")
def nlp():
    from quidixit.pipeline import load

    return load("en")


@pytest.fixture(scope="module")
def bare():
    """The same English pipeline without the relabelling (nor quidixit): what the parser gave."""
    from quidixit.pipeline import load

    nlp = load.__wrapped__("en")
    nlp.select_pipes(disable=["quidixit_ud", "quidixit"])
    return nlp


@pytest.fixture(scope="module")
def docs(nlp):
    return [nlp(t) for t in TEXTS]


def test_the_component_runs_after_parser_and_ner(nlp):
    names = nlp.pipe_names
    assert names.index("quidixit_ud") > names.index("parser")
    assert names.index("quidixit_ud") > names.index("ner")
    assert names.index("quidixit_ud") < names.index("quidixit")


def test_the_bare_pipeline_has_clearnlp_labels(bare):
    """The check below means something: the parser does give ClearNLP labels."""
    labels = {t.dep_ for t in bare(TEXTS[0])}
    assert labels & CLEARNLP_ONLY


def test_no_clearnlp_label_remains(docs):
    left = {(t.text, t.dep_) for doc in docs for t in doc if t.dep_ in CLEARNLP_ONLY}
    assert not left


def test_no_attr_label(nlp):
    doc = nlp("Maria Lopez is the chair of the committee.")
    assert "attr" not in {t.dep_ for t in doc}


@pytest.mark.parametrize("text", ["The plan was approved, according to Reuters.", "According to Reuters, the plan was approved."])
def test_according_to_is_relabelled(nlp, text):
    doc = nlp(text)
    assert not {t.dep_ for t in doc} & CLEARNLP_ONLY, [(t.text, t.dep_) for t in doc]


def test_preposition_is_case_under_its_object(nlp):
    doc = nlp("The results were approved by the committee in London on Monday.")
    by, committee, london, monday = doc[4], doc[6], doc[8], doc[10]
    assert (doc[4].text, doc[7].text, doc[9].text) == ("by", "in", "on")
    assert (by.dep_, by.head.text) == ("case", "committee")
    assert committee.dep_ == "obl:agent" and committee.head.text == "approved"
    assert (doc[7].dep_, doc[7].head.text) == ("case", "London") and london.dep_ == "nmod"
    assert (doc[9].dep_, doc[9].head.text) == ("case", "Monday") and monday.dep_ == "obl" and monday.head.text == "approved"


def test_every_preposition_with_an_object_is_below_it(docs, bare):
    for text, doc in zip(TEXTS, docs):
        before = bare(text)
        for t in before:
            if t.dep_ == "prep" and any(c.dep_ == "pobj" for c in t.children):
                obj = next(c for c in t.children if c.dep_ == "pobj")
                assert doc[t.i].dep_ == "case" and doc[t.i].head.i == obj.i, (text, t.text)


def test_dative_to_is_a_preposition(nlp):
    doc = nlp("The minister gave the report to him.")
    to, him = doc[5], doc[6]
    assert (to.dep_, to.head.i) == ("case", him.i)
    assert him.dep_ == "obl" and him.head.text == "gave"


def test_entities_are_per_org_loc_misc(docs, nlp):
    labels = {e.label_ for doc in docs for e in doc.ents}
    assert labels and labels <= UD_ENTITIES
    doc = nlp("Rachel Hartley met officials of Halden Bank in London.")
    assert {(e.text, e.label_) for e in doc.ents} >= {("Rachel Hartley", "PER"), ("London", "LOC")}


def test_sentence_bounds_are_unchanged(docs, bare):
    for text, doc in zip(TEXTS, docs):
        before = bare(text)
        assert [(s.start, s.end) for s in doc.sents] == [(s.start, s.end) for s in before.sents], text


def test_every_head_is_in_its_own_sentence(docs):
    for doc in docs:
        for sent in doc.sents:
            roots = [t for t in sent if t.head.i == t.i]
            assert len(roots) == 1, (sent.text, roots)
            for t in sent:
                assert sent.start <= t.head.i < sent.end, (sent.text, t.text, t.head.text)


def test_the_tree_has_no_cycle(docs):
    for doc in docs:
        for t in doc:
            seen, x = set(), t
            while x.head.i != x.i:
                assert x.i not in seen, (doc.text, t.text)
                seen.add(x.i)
                x = x.head


def test_relabel_is_a_no_op_without_a_parse(nlp):
    from quidixit.lang.en import relabel

    doc = nlp.make_doc("No parse here.")
    assert relabel(doc) is doc and not doc.has_annotation("DEP")


# -- a property test: random sentences from a small vocabulary -----------------------------------

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as s  # noqa: E402

SUBJECTS = ["The minister", "Maria Lopez", "Officials", "The company", "She", "A spokesman for the Treasury", "Voters in Ohio"]
VERBS = ["said", "told reporters", "denied", "warned", "argued", "announced on Monday"]
CLAUSES = [
    "that the plan was approved by the committee",
    "the talks in Geneva had stalled",
    "prices would rise after the election",
    "the report was given to him",
    "nobody in the party's leadership had been informed of the decision",
]
TAILS = ["", " in London", ", sources said", ", according to Reuters"]


def sentences():
    one = s.builds(lambda a, v, c, t: f"{a} {v} {c}{t}.", s.sampled_from(SUBJECTS), s.sampled_from(VERBS), s.sampled_from(CLAUSES), s.sampled_from(TAILS))
    quote = s.builds(lambda c, a: f'"{c[0].upper()}{c[1:]}," {a.lower() if a == "She" else a} said.', s.sampled_from(CLAUSES[1:]), s.sampled_from(SUBJECTS))
    return s.lists(s.one_of(one, quote), min_size=1, max_size=4).map(lambda xs: " ".join(xs))


@settings(max_examples=25, deadline=None)
@given(sentences())
def test_relabelling_contract_on_random_sentences(nlp, bare, text):
    doc, before = nlp(text), bare(text)
    assert [(x.start, x.end) for x in doc.sents] == [(x.start, x.end) for x in before.sents]
    assert not {t.dep_ for t in doc} & CLEARNLP_ONLY
    assert {e.label_ for e in doc.ents} <= UD_ENTITIES
    for sent in doc.sents:
        assert sum(t.head.i == t.i for t in sent) == 1
        assert all(sent.start <= t.head.i < sent.end for t in sent)
    for t in doc:
        if t.dep_ == "case" and t.pos_ == "ADP":
            assert t.head.i != t.i


def test_a_conjunction_hangs_on_the_conjunct_it_introduces(nlp):
    doc = nlp("Biden said that the plan failed, but warned Moscow.")
    but = next(t for t in doc if t.text == "but")
    assert (but.dep_, but.head.text) == ("cc", "warned")
