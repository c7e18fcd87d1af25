"""eval/report.py: the tuned and held-out halves of the Wikinews gold, scored from one run."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _script(name: str):
    spec = importlib.util.spec_from_file_location(f"eval_{name}", ROOT / "eval" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_halves_are_the_even_and_odd_lines():
    report = _script("report")
    lines = [json.loads(line) for line in report.WIKINEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    even, odd = report.halves(lines)
    assert [g["id"] for g in even] == [g["id"] for g in lines[0::2]] and len(even) == 25 and len(odd) == 25
    assert not {g["id"] for g in even} & {g["id"] for g in odd}
    assert report.only([{"id": g["id"], "statements": []} for g in lines], odd) == [{"id": g["id"], "statements": []} for g in odd]


@pytest.mark.slow
def test_report_without_shared_data(tmp_path, capsys):
    report = _script("report")
    out = tmp_path / "report.md"
    assert report.main(["--shared", str(tmp_path / "nowhere"), "--out", str(out), "--date", "2026-12-01"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text == capsys.readouterr().out
    assert text.startswith("2026-12-01, quidixit ")
    rows = [line for line in text.splitlines() if line.startswith("| wikinews")]
    assert [r.split(" | ")[0] for r in rows] == ["| wikinews full", "| wikinews even (tuned)", "| wikinews odd (read since 2026-12-01, 3rd session)"]
    assert [r.split(" | ")[1] for r in rows] == ["50 / 228 (full)", "25 / 129 (full)", "25 / 99 (full)"]
    assert "Skipped: fresada: " in text and "asfalda: " in text


@pytest.mark.slow
def test_halves_add_up_to_the_full_file(tmp_path):
    report = _script("report")
    rows, info = report.reports(tmp_path / "nowhere")
    (_, full), (_, even), (_, odd) = rows
    assert info["skipped"] and not info["failures"]["wikinews"]
    for level in ("0.3", "0.5", "0.8", "exact"):
        assert even.metrics[level].matched + odd.metrics[level].matched == full.metrics[level].matched
    assert even.counts.pred + odd.counts.pred == full.counts.pred
    assert even.metrics["0.5"].speaker_name_n + odd.metrics["0.5"].speaker_name_n == full.metrics["0.5"].speaker_name_n
    assert not any(vars(even.warnings).values()) and not any(vars(odd.warnings).values())
