"""Reading in parallel, and the CLI's start time, measured in one run.

(a) ``quidixit ingest`` wall time with 1 and with 2 workers on HTML input (the
    pages of ``html/trafilatura-fr`` and ``html/readability``) and on WARC input
    (the first ``--records`` records of the constructed-news WARC), each into a
    fresh store; the ratio 1-worker / 2-worker time is the speed-up (issue 11
    target: >= 1.7 on the WARC once reading runs in the workers). The load
    average is printed with it: on a shared machine a ratio means little when
    the load is already at the core count.
(b) ``quidixit search`` start time: the best of ``--repeat`` runs of
    ``quidixit search --help`` (no spaCy import), against ``python -c pass``.

    python bench/bench_read_workers.py                 # 60 WARC records, 2 repeats
    python bench/bench_read_workers.py --records 200 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
WARC = SHARED / "warc" / "constructed_news" / "news_pages.warc.gz"
HTML_DIRS = [SHARED / "html" / "trafilatura-fr", SHARED / "html" / "readability"]
CLI = [sys.executable, "-c", "from quidixit.cli import main; main()"]  # the entry point, from this checkout


def _warc_head(records: int, out: Path) -> Path:
    """The first ``records`` gzip members (one record each) of the news WARC."""
    data = WARC.read_bytes()
    pos, found = 0, []
    while len(found) <= records:
        i = data.find(b"\x1f\x8b\x08", pos)
        if i < 0:
            break
        found.append(i)
        pos = i + 1
    end = found[records] if len(found) > records else len(data)
    out.write_bytes(data[:end])
    return out


def _html_copy(out: Path) -> Path:
    out.mkdir()
    for d in HTML_DIRS:
        for p in sorted(d.rglob("*.html")):
            shutil.copy(p, out / f"{d.name}-{len(list(out.iterdir()))}.html")
    return out


def _ingest(source: Path, workers: int, tmp: Path) -> tuple[float, str]:
    """Wall time of one ingest into a fresh store, and its summary line (the same work both ways)."""
    db = tmp / f"s-{workers}-{time.monotonic_ns()}.db"
    t = time.monotonic()
    out = subprocess.run([*CLI, "ingest", str(source), "--db", str(db), "-n", str(workers), "--no-progress"],
                         check=False, capture_output=True, text=True)
    took = time.monotonic() - t
    lines = [x for x in (out.stdout + out.stderr).splitlines() if x.startswith("Read ")]
    return took, lines[0] if lines else f"exit {out.returncode}: {out.stderr[-300:]}"


def _best(cmd: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.monotonic()
        subprocess.run(cmd, check=True, capture_output=True)
        best = min(best, time.monotonic() - t)
    return best


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--records", type=int, default=60, help="records of the news WARC (default 60)")
    p.add_argument("--repeat", type=int, default=2, help="runs of each measure, best kept")
    p.add_argument("--skip-ingest", action="store_true", help="only the start time (b)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if not args.skip_ingest:
            inputs = {"html": _html_copy(tmp / "html"), "warc": _warc_head(args.records, tmp / "head.warc.gz")}
            for name, source in inputs.items():
                load = os.getloadavg()[0]
                runs = {w: min(_ingest(source, w, tmp) for _ in range(args.repeat)) for w in (1, 2)}
                (t1, s1), (t2, s2) = runs[1], runs[2]
                print(f"{name:5s} 1 worker {t1:6.1f} s   2 workers {t2:6.1f} s   ratio {t1 / t2:.2f}   "
                      f"load average {load:.2f} before, {os.getloadavg()[0]:.2f} after, on {os.cpu_count()} CPUs")
                print(f"      {s1}" + ("" if s1 == s2 else f"\n      2 workers: {s2}"))
        base = _best([sys.executable, "-c", "pass"], args.repeat * 3)
        search = _best([*CLI, "search", "--help"], args.repeat * 3)
        print(f"quidixit search --help: {search:.2f} s (python -c pass: {base:.2f} s)")


if __name__ == "__main__":
    main()
