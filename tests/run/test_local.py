"""The local runner: a document that breaks the spaCy pipeline, or stalls it past the time
limit, fails alone (issue 11)."""

from __future__ import annotations

import signal
import time

import pytest
from spacy.language import Language

from quidixit.model import Analysis, Article, Failure, Skipped
from quidixit.pipeline import load
from quidixit.run.local import run

pytestmark = pytest.mark.slow


@Language.component("qx_test_breaks_on_boom")
def _breaks_on_boom(doc):
    if "BOOM" in doc.text:
        raise RuntimeError("the test component breaks on BOOM")
    return doc


@pytest.fixture
def breaking_pipeline():
    """The real pipeline with one more real component that raises on a marked text."""
    nlp = load("fr", None, False)
    nlp.add_pipe("qx_test_breaks_on_boom", before="parser")
    try:
        yield nlp
    finally:
        nlp.remove_pipe("qx_test_breaks_on_boom")


def test_a_document_that_breaks_the_pipeline_is_one_qx150_and_the_batch_goes_on(breaking_pipeline):
    texts = ["« Non », a dit le maire.", "BOOM, a dit le maire.", "Selon la préfecture, tout va bien."]
    items = [Article(text=t, source=f"t:{i}") for i, t in enumerate(texts)]
    items.insert(1, Skipped("s:0", "language", "en"))
    out = list(run(items, workers=1, chunk_size=8))
    assert [type(x).__name__ for x in out] == ["Analysis", "Skipped", "Failure", "Analysis"]
    fail = out[2]
    assert isinstance(fail, Failure) and (fail.code, fail.stage, fail.source) == ("QX150", "extract", "t:1")
    assert "RuntimeError: the test component breaks on BOOM" in fail.message
    assert fail.article_id == Article(text=texts[1]).with_id().id
    assert isinstance(out[0], Analysis) and out[0].statements


@Language.component("qx_test_stalls_on_slow")
def _stalls_on_slow(doc):
    if "LENT" in doc.text:
        time.sleep(30)
    return doc


@pytest.fixture
def stalling_pipeline():
    nlp = load("fr", None, False)
    nlp.add_pipe("qx_test_stalls_on_slow", before="parser")
    try:
        yield nlp
    finally:
        nlp.remove_pipe("qx_test_stalls_on_slow")


def test_a_document_past_the_time_limit_is_one_qx151_and_the_batch_goes_on(stalling_pipeline):
    texts = ["« Non », a dit le maire.", "LENT, a dit le maire.", "Selon la préfecture, tout va bien."]
    started = time.monotonic()
    out = list(run([Article(text=t, source=f"t:{i}") for i, t in enumerate(texts)], workers=1, time_limit=2))
    elapsed = time.monotonic() - started
    assert [type(x).__name__ for x in out] == ["Analysis", "Failure", "Analysis"]
    assert (out[1].code, out[1].stage, out[1].source) == ("QX151", "extract", "t:1")
    assert out[1].message.startswith("[QX151] t:1: the extraction took more than 2 s on this document and was stopped")
    assert elapsed < 15  # the chunk (2 s), then the stalled document alone (2 s), not 30 s
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0) and signal.getsignal(signal.SIGALRM) is signal.SIG_DFL


def test_a_dead_worker_loses_its_chunk_only_and_the_run_goes_on():
    from concurrent.futures.process import BrokenProcessPool

    from quidixit.run.local import _lost, map_chunks

    from . import _crash

    items = ["a", "b", "c", "d", Article(text="CRASH", source="t:4"), Skipped("s", "language"), "g", "h", "i"]
    out = list(map_chunks(_crash.work, _crash.init, {}, items, workers=2, chunk_size=2, lost=_lost))
    assert out[:4] == ["A", "B", "C", "D"] and out[6:] == ["G", "H", "I"]
    dead, skipped = out[4], out[5]
    assert isinstance(dead, Failure) and (dead.code, dead.stage, dead.source) == ("QX152", "extract", "t:4")
    assert dead.message.startswith("[QX152] t:4: this document killed the worker process analysing it, alone and again")
    assert skipped == items[5]
    with pytest.raises(BrokenProcessPool):  # without `lost`, a dead worker raises: nothing is silently lost
        list(map_chunks(_crash.work, _crash.init, {}, items, workers=2, chunk_size=2))


def test_a_chunk_that_kills_its_worker_is_split_and_only_the_culprit_is_lost():
    """Two articles in the chunk that kills its worker: each is run alone, the innocent
    one comes back, the one that kills its worker alone is QX152; the chunks in flight
    with it (whichever worker died) all come back."""
    from quidixit.run.local import _lost, map_chunks

    from . import _crash

    items = [Article(text=t, source=f"t:{i}") for i, t in enumerate(["a", "b", "CRASH", "ok", "e", "f", "g"])]
    out = list(map_chunks(_crash.work, _crash.init, {}, items, workers=2, chunk_size=2, lost=_lost))
    assert len(out) == len(items)
    assert [x for i, x in enumerate(out) if i != 2] == [str(a).upper() for i, a in enumerate(items) if i != 2]
    assert isinstance(out[2], Failure) and (out[2].code, out[2].source) == ("QX152", "t:2")
