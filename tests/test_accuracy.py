"""CI gate: quidixit's accuracy against the floors in eval/floors.json.

One gate per gold file (eval/floors.json, "gates"):

* wikinews: the in-repository full-scope gold (eval/gold/wikinews-fr-full.gold.jsonl):
  precision, recall, F1 at 0.5 and speaker name accuracy. Runs on a clean clone.
* asfalda: the ASFALDA/Sequoia sentences in ../shared/data (recall only): recall and
  speaker accuracy at 0.5, with the component's FrameNet scope (gate "settings":
  noun_phrases, as FrameNet annotates noun-phrase objects the conventions leave out);
  skipped, with a message, when ../shared is absent.

The floors ratchet up: each measure keeps a dated history whose last entry is the
floor in force, and test_floors_ratchet_up fails when an entry is lower than an
earlier one without a "lowered_because" reason, or when a committed entry was
rewritten or removed. The gates need the spaCy model (marked slow); the ratchet
tests do not.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOORS_PATH = ROOT / "eval" / "floors.json"
FLOORS = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))
GATES = FLOORS["gates"]


def ratchet_violations(history: list[dict]) -> list[str]:
    """What is wrong with one measure's floor history (empty when it only ratchets up).

    An entry lower than the highest floor since the last explained lowering needs a
    non-empty "lowered_because"; dates are ISO dates that never go back; values are in [0, 1].
    """
    problems = []
    if not history:
        return ["no floor recorded"]
    high = None
    last_date = None
    for n, entry in enumerate(history):
        where = f"entry {n} ({entry.get('date')}, {entry.get('value')})"
        value = entry.get("value")
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
            problems.append(f"{where}: value must be a number in [0, 1]")
            continue
        try:
            date = dt.date.fromisoformat(entry.get("date", ""))
        except (TypeError, ValueError):
            problems.append(f"{where}: date must be YYYY-MM-DD")
            date = None
        if date and last_date and date < last_date:
            problems.append(f"{where}: dated before the entry above it ({last_date})")
        last_date = date or last_date
        reason = entry.get("lowered_because")
        if reason is not None and not (isinstance(reason, str) and reason.strip()):
            problems.append(f"{where}: lowered_because must say why")
            reason = None
        if high is not None and value < high and not reason:
            problems.append(f"{where}: lower than the earlier floor {high} without a 'lowered_because' reason")
        high = value if reason else max(value, high if high is not None else value)
    return problems


def floor_in_force(history: list[dict]) -> float:
    return history[-1]["value"]


def _committed_versions() -> list[tuple[str, dict]] | None:
    """(commit, floors) for every committed version of eval/floors.json; None without git history."""
    rel = FLOORS_PATH.relative_to(ROOT).as_posix()
    try:
        log = subprocess.run(["git", "-C", str(ROOT), "log", "--format=%h", "--", rel],
                             capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    out = []
    for commit in log:
        shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{rel}"], capture_output=True, text=True)
        if shown.returncode == 0:
            out.append((commit, json.loads(shown.stdout)))
    return out


# ------------------------------------------------------------------ the ratchet (fast, no model)
@pytest.mark.parametrize(
    "gate, measure", [(g, name) for g, spec in GATES.items() for name in spec["floors"]]
)
def test_floors_ratchet_up(gate, measure):
    problems = ratchet_violations(GATES[gate]["floors"][measure])
    assert not problems, f"eval/floors.json, {gate}.{measure}:\n" + "\n".join(problems)


def test_committed_floor_history_is_never_rewritten():
    """Every entry of every committed eval/floors.json is still there, in the same place."""
    versions = _committed_versions()
    if versions is None:
        pytest.skip("no git history here (not a clone, or git is absent)")
    problems = []
    for commit, old in versions:
        for gate, spec in (old.get("gates") or {}).items():  # versions before the histories have no "gates"
            if gate not in GATES:
                problems.append(f"gate {gate!r} of {commit} was removed")
                continue
            for measure, history in spec["floors"].items():
                now = GATES[gate]["floors"].get(measure)
                if now is None:
                    problems.append(f"{gate}.{measure} of {commit} was removed")
                elif now[: len(history)] != history:
                    problems.append(f"{gate}.{measure}: the history committed in {commit} was rewritten")
    assert not problems, "eval/floors.json: append entries, never edit or delete one\n" + "\n".join(problems)


def test_ratchet_catches_a_silent_lowering():
    day = "2026-12-01"
    assert ratchet_violations([{"date": day, "value": 0.6}, {"date": day, "value": 0.65}]) == []
    silent = [{"date": day, "value": 0.6}, {"date": day, "value": 0.7}, {"date": "2026-12-02", "value": 0.69}]
    assert ratchet_violations(silent) == [
        "entry 2 (2026-12-02, 0.69): lower than the earlier floor 0.7 without a 'lowered_because' reason"
    ]
    explained = silent[:2] + [dict(silent[2], lowered_because="the gold was corrected (3 statements removed)")]
    assert ratchet_violations(explained) == []
    # after an explained lowering, the floor may rise again from there
    assert ratchet_violations(explained + [{"date": "2026-12-03", "value": 0.695}]) == []
    assert ratchet_violations(explained + [{"date": "2026-12-03", "value": 0.68}]) != []
    assert ratchet_violations(silent[:2] + [dict(silent[2], lowered_because=" ")]) != []
    assert ratchet_violations([{"date": "2026-12-02", "value": 0.6}, {"date": day, "value": 0.6}]) != []
    assert ratchet_violations([{"date": day, "value": 60}]) != []
    assert ratchet_violations([]) == ["no floor recorded"]


def test_every_gate_names_a_gold_and_known_measures():
    from quidixit.evaluate import LEVELS, Metrics

    known = set(Metrics.__dataclass_fields__)
    for gate, spec in GATES.items():
        assert spec["threshold"] in LEVELS, gate
        assert set(spec["floors"]) <= known, (gate, set(spec["floors"]) - known)
        if "speaker_name_acc" in spec["floors"]:
            assert spec.get("names"), f"{gate}: speaker_name_acc needs \"names\": true"
        if not spec["gold"].startswith("../"):
            assert (ROOT / spec["gold"]).exists(), f"{gate}: the in-repository gold {spec['gold']} is missing"


# ------------------------------------------------------------------ the gates (need the model)
_reports: dict = {}


def _report(gate: str):
    if gate not in _reports:
        spec = GATES[gate]
        gold_path = (ROOT / spec["gold"]).resolve()
        if not gold_path.exists():
            _reports[gate] = f"{gold_path} is absent (the shared data folder is not next to the repository)"
        else:
            from quidixit.evaluate import load_jsonl, score, system_records

            gold = load_jsonl(gold_path)
            system, failures = system_records(gold, **spec.get("settings", {}))
            assert not failures, failures[:3]
            _reports[gate] = score(gold, system, gold=spec["gold"], system="quidixit", names=bool(spec.get("names")))
    if isinstance(_reports[gate], str):
        pytest.skip(_reports[gate])
    return _reports[gate]


@pytest.mark.slow
@pytest.mark.parametrize(
    "gate, measure", [(g, name) for g, spec in GATES.items() for name in spec["floors"]]
)
def test_accuracy_floor(gate, measure):
    spec = GATES[gate]
    report = _report(gate)
    floor = floor_in_force(spec["floors"][measure])
    m = report.metrics[spec["threshold"]]
    value = getattr(m, measure)
    assert value is not None, f"{gate}: {measure} is not defined\n{report.render()}"
    assert value >= floor, (
        f"{gate}: {measure}@{spec['threshold']} {value:.3f} < floor {floor} (eval/floors.json)\n{report.render()}"
    )
