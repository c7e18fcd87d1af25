"""CI gate: quidixit's accuracy on the annotated ASFALDA/Sequoia sentences.

The floors live in eval/floors.json (one place); they can be lowered only on
purpose. Needs the spaCy model and ../shared/data (skipped when absent).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))
GOLD = ROOT.parent / "shared" / "data" / "annotated" / FLOORS["corpus"]


@pytest.fixture(scope="module")
def report():
    if not GOLD.exists():
        pytest.skip(f"{GOLD} is absent (the shared data folder is not next to the repository)")
    from quidixit.evaluate import load_jsonl, score, system_records

    gold = load_jsonl(GOLD)
    system, failures = system_records(gold)
    assert not failures, failures[:3]
    return score(gold, system, gold=str(GOLD), system="quidixit")


@pytest.mark.slow
def test_content_recall_floor(report):
    m = report.metrics[FLOORS["threshold"]]
    assert m.recall >= FLOORS["recall"], f"recall@{FLOORS['threshold']} {m.recall:.3f} < floor {FLOORS['recall']}\n{report.render()}"


@pytest.mark.slow
def test_speaker_accuracy_floor(report):
    m = report.metrics[FLOORS["threshold"]]
    assert m.speaker_acc is not None, f"no matched statement with a gold speaker\n{report.render()}"
    assert m.speaker_acc >= FLOORS["speaker_acc"], (
        f"speaker accuracy {m.speaker_acc:.3f} (on {m.speaker_n} pairs) < floor {FLOORS['speaker_acc']}\n{report.render()}"
    )
