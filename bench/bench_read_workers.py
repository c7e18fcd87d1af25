"""Reading in parallel, and the CLI's start time, measured in one run.

(a) ``quidixit ingest`` wall time with 1 and with 2 workers, each into a fresh
    store, on three inputs:

    - ``html``: the pages of ``html/trafilatura-fr`` and ``html/readability``;
    - ``warc``: the constructed-news WARC (389 pages, mostly English: reading,
      cleaning and language detection dominate; ``--records`` keeps its head);
    - ``fr-warc``: a WARC of the 100 French Wikinews pages, written at bench time
      into a temporary folder (``scripts/make_sample_warc.py``): extraction dominates.

    The ratio 1-worker / 2-worker time is the speed-up (issue 11 target: >= 1.7 on
    the WARC). Beside it: the CPU seconds of the whole process tree (the writer,
    the forkserver, the workers), read from /proc while it runs, and whether both
    runs stored the same rows. The machine is shared: the load average is printed,
    and so is its ceiling at that moment, the ratio two copies of a fixed CPU-bound
    loop get against one (2.00 on two idle cores); a ratio means little beside a
    ceiling well under 2.
(b) ``quidixit search`` start time: the best of ``--repeat`` runs of
    ``quidixit search --help`` (no spaCy import), against ``python -c pass``.

    python bench/bench_read_workers.py                      # all three inputs, 1 run each
    python bench/bench_read_workers.py --inputs warc --repeat 2
    python bench/bench_read_workers.py --records 60         # the WARC's first 60 records
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
WARC = SHARED / "warc" / "constructed_news" / "news_pages.warc.gz"
HTML_DIRS = [SHARED / "html" / "trafilatura-fr", SHARED / "html" / "readability"]
WIKINEWS_HTML = SHARED / "wikinews-fr" / "html"
INPUTS = ("html", "warc", "fr-warc")
# the entry point, from this checkout; a file, so that workers do not run it again
CLI_SCRIPT = "if __name__ == '__main__':\n    from quidixit.cli import main\n    main()\n"
_TICK = os.sysconf("SC_CLK_TCK")


def _warc_head(records: int, out: Path) -> Path:
    """The first ``records`` gzip members (one record each) of the news WARC; all with 0."""
    data = WARC.read_bytes()
    if records <= 0:
        out.write_bytes(data)
        return out
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


def _french_warc(out: Path) -> Path:
    """The Wikinews French pages as a gzipped WARC (a request and a response record each)."""
    spec = importlib.util.spec_from_file_location("make_sample_warc", ROOT / "scripts" / "make_sample_warc.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    module.write_sample_warc(sorted(WIKINEWS_HTML.glob("*.html")), out)
    return out


class _TreeCPU:
    """CPU seconds of a process and all its descendants, sampled from /proc while they run
    (a process is counted up to its last sample)."""

    def __init__(self, pid: int, every: float = 0.1):
        self.pid, self.every, self.seen = pid, every, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.every)

    def _sample(self) -> None:
        parent, cpu = {}, {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            pid = int(entry.name)
            parent[pid] = int(fields[1])
            cpu[pid] = (int(fields[11]) + int(fields[12])) / _TICK
        tree, grew = {self.pid}, True
        while grew:
            more = {p for p, pp in parent.items() if pp in tree} - tree
            grew = bool(more)
            tree |= more
        for p in tree & cpu.keys():
            self.seen[p] = max(self.seen.get(p, 0.0), cpu[p])

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return sum(self.seen.values())


def _stored(db: Path) -> str:
    """A digest of the rows a run stored (articles, statements, skipped, errors), run ids left out."""
    conn = sqlite3.connect(db)
    try:
        h = hashlib.sha256()
        for sql in ("SELECT id, source, url, title, language, text, meta, n_statements FROM articles ORDER BY id",
                    "SELECT * FROM statements ORDER BY id",
                    "SELECT source, article_id, reason FROM skipped ORDER BY source, article_id",
                    "SELECT source, code FROM errors ORDER BY source, code"):
            for row in conn.execute(sql):
                h.update(repr(row).encode())
        return h.hexdigest()[:12]
    finally:
        conn.close()


def _ingest(cli: list[str], source: Path, workers: int, tmp: Path) -> dict:
    """One ingest into a fresh store: wall time, CPU of its process tree, summary line, rows."""
    db = tmp / f"s-{workers}-{time.monotonic_ns()}.db"
    t = time.monotonic()
    proc = subprocess.Popen([*cli, "ingest", str(source), "--db", str(db), "-n", str(workers), "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tree = _TreeCPU(proc.pid)
    out, err = proc.communicate()
    took = time.monotonic() - t
    cpu = tree.stop()
    lines = [x for x in (out + err).splitlines() if x.startswith("Read ")]
    summary = lines[0] if lines else f"exit {proc.returncode}: {err[-300:]}"
    return {"wall": took, "cpu": cpu, "summary": summary, "rows": _stored(db) if db.exists() else "-"}


def _ceiling() -> float:
    """What 2 processes get against 1 on this machine now: 2 x (time of one loop alone) /
    (time of two copies at once); 2.00 on two idle cores."""
    code = "x = 0\nfor i in range(6_000_000):\n    x ^= i\n"
    cmd = [sys.executable, "-c", code]
    t = time.monotonic()
    subprocess.run(cmd, check=True)
    one = time.monotonic() - t
    t = time.monotonic()
    procs = [subprocess.Popen(cmd) for _ in range(2)]
    for p in procs:
        p.wait()
    two = time.monotonic() - t
    return 2 * one / two


def _best(cmd: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.monotonic()
        subprocess.run(cmd, check=True, capture_output=True)
        best = min(best, time.monotonic() - t)
    return best


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--inputs", nargs="+", choices=INPUTS, default=list(INPUTS), help="which inputs (default: all)")
    p.add_argument("--records", type=int, default=0, help="records of the news WARC (default 0: all 389 pages)")
    p.add_argument("--repeat", type=int, default=1, help="runs of each measure, in turn, best kept")
    p.add_argument("--skip-ingest", action="store_true", help="only the start time (b)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        script = tmp / "quidixit_cli.py"
        script.write_text(CLI_SCRIPT, encoding="utf-8")
        cli = [sys.executable, str(script)]
        if not args.skip_ingest:
            build = {"html": lambda: _html_copy(tmp / "html"),
                     "warc": lambda: _warc_head(args.records, tmp / "news.warc.gz"),
                     "fr-warc": lambda: _french_warc(tmp / "wikinews-fr.warc.gz")}
            print(f"{os.cpu_count()} CPUs; python {sys.version.split()[0]}")
            for name in args.inputs:
                source = build[name]()
                load = os.getloadavg()[0]
                before = _ceiling()
                runs: dict[int, list[dict]] = {1: [], 2: []}
                for _ in range(args.repeat):
                    for w in (1, 2):
                        runs[w].append(_ingest(cli, source, w, tmp))
                after = _ceiling()
                one, two = (min(runs[w], key=lambda r: r["wall"]) for w in (1, 2))
                same = "same rows" if one["rows"] == two["rows"] else f"ROWS DIFFER ({one['rows']} / {two['rows']})"
                print(f"{name:8s} 1 worker {one['wall']:6.1f} s ({one['cpu']:5.1f} s CPU)   "
                      f"2 workers {two['wall']:6.1f} s ({two['cpu']:5.1f} s CPU)   ratio {one['wall'] / two['wall']:.2f}   "
                      f"machine ceiling {before:.2f} before, {after:.2f} after   "
                      f"load average {load:.2f} before, {os.getloadavg()[0]:.2f} after   {same}")
                print(f"         {one['summary']}" + ("" if one["summary"] == two["summary"] else f"\n         2 workers: {two['summary']}"))
        base = _best([sys.executable, "-c", "pass"], args.repeat * 3)
        search = _best([*cli, "search", "--help"], args.repeat * 3)
        print(f"quidixit search --help: {search:.2f} s (python -c pass: {base:.2f} s)")


if __name__ == "__main__":
    main()
