"""quidixit_sentences (issue 11): the bounds set in one pass are those of the former
token-by-token component, on the bundled sample and on edge cases, and the time per
character stays flat as documents grow."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from quidixit.pipeline import load
from quidixit.sentences import CLOSERS, ENDERS, OPENERS, set_sentence_bounds

pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "quidixit" / "data" / "sample"


def reference_bounds(doc):
    """The component as it was before issue 11 (token by token, quadratic), kept as the oracle."""
    prev = None
    newline = False
    for tok in doc:
        if tok.i == 0:
            prev = tok if not tok.is_space else None
            continue
        if tok.is_space:
            newline = newline or "\n" in tok.text
            tok.is_sent_start = False
            continue
        start = newline
        if not start and prev is not None:
            p = prev
            if p.text in CLOSERS and p.i > 0:
                q = doc[p.i - 1]
                p = q if q.text in ENDERS else p
            if p.text in ENDERS and (tok.text[:1].isupper() or tok.text in OPENERS or tok.text[:1].isdigit()):
                start = True
        tok.is_sent_start = start
        prev = tok
        newline = False
    return doc


def sample_texts() -> list[str]:
    texts = [(SAMPLE / "sana-lavrov-2017-fr.txt").read_text(encoding="utf-8")]
    with open(SAMPLE / "wikinews-fr.jsonl", encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in f if line.strip()]
    return texts


EDGE = [
    "",
    "Un",
    " ",
    "\n\nLe maire a parlé.\n",
    "« Non. » Il a dit : « Oui ! » (Puis.) 12 ans. — Fin… Suite ?! « Encore »",
    "Fin.» Début. «Citation.» Suite.\n \n Après un saut.",
    "   Espaces au début. Puis ? non. Puis ! 3 fois... Oui.",
]


@pytest.fixture(scope="module")
def nlp():
    return load("fr", None, False)


def bounds(doc):
    return [t.is_sent_start for t in doc]


@pytest.mark.parametrize("which", ["sample", "edge"])
def test_one_pass_bounds_equal_the_token_by_token_ones(nlp, which):
    texts = sample_texts() if which == "sample" else EDGE
    assert len(texts) == (101 if which == "sample" else len(EDGE))
    for text in texts:
        new = set_sentence_bounds(nlp.make_doc(text))
        old = reference_bounds(nlp.make_doc(text))
        assert bounds(new) == bounds(old), text[:80]


def test_the_pipeline_uses_it_and_the_parser_keeps_the_bounds(nlp):
    assert "quidixit_sentences" in nlp.pipe_names
    assert nlp.pipe_names.index("quidixit_sentences") < nlp.pipe_names.index("parser")
    doc = nlp("Une source militaire a déclaré que les combats reprendraient.\nLe maire a parlé. « Non », a-t-il dit.")
    assert [s.text for s in doc.sents] == [
        "Une source militaire a déclaré que les combats reprendraient.\n",
        "Le maire a parlé.",
        "« Non », a-t-il dit.",
    ]


def test_time_per_character_is_flat(nlp):
    """25k and 200k characters: the per-character time may not grow more than 3x (the
    token-by-token version grew 8.6 s / 0.5 s at 4x the size: 4.3x per character)."""
    text = " ".join(sample_texts())

    def per_char(n: int) -> float:
        doc = nlp.make_doc((text * (n // len(text) + 1))[:n])
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            set_sentence_bounds(doc)
            best = min(best, time.perf_counter() - t)
        return best / n

    small, large = per_char(25_000), per_char(200_000)
    assert large / small < 3, f"{small * 1e9:.1f} ns/char at 25k, {large * 1e9:.1f} ns/char at 200k"
