"""Throughput of the full extraction against bare spaCy parsing, in the same run.

    .venv/bin/python bench/bench_extract.py                 # 1,000 FreSaDa articles, 1 and 2 workers
    .venv/bin/python bench/bench_extract.py --limit 50      # smoke test
    .venv/bin/python bench/bench_extract.py --lang en       # English: the 84 PolNeAR dev articles

Four measurements, each in a fresh subprocess (so that each has its own peak
memory), one after the other on the same articles:

  bare  x1   the quidixit pipeline with the quidixit component switched off
             (same model, same disabled components: only spaCy's parse)
  full  x1   quidixit.run.local.run(workers=1): parse + extraction
  bare  x2   as bare x1, through a pool of 2 spawned processes, same chunking
  full  x2   quidixit.run.local.run(workers=2)

Words are whitespace-separated words of the article texts. With 1 worker the
model is loaded before the clock starts; with 2 workers the pool start
(loading the model in each worker) is inside the timing, for bare and full
alike. Peak memory is ru_maxrss of the measuring process plus that of its
largest child (getrusage RUSAGE_SELF + RUSAGE_CHILDREN).

Prints a table (words/s, full/bare ratio, peak MiB) and writes the JSON to
bench/results/extract-YYYYMMDD-HHMMSS.json (not committed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "fresada-fr" / "regular.jsonl"
DEFAULT_DATA_BY_LANG = {"fr": DEFAULT_DATA,
                        "en": HERE.parent.parent / "shared" / "data" / "annotated" / "polnear-dev-en.jsonl"}
CONFIGS = [("bare", 1), ("full", 1), ("bare", 2), ("full", 2)]


# ------------------------------------------------------------------ bare parse, run the way run.local runs
_bare: dict = {}


def _bare_init(settings: dict) -> None:
    from quidixit.pipeline import load

    _bare["nlp"] = load(settings["lang"], settings["model"])
    _bare["batch_size"] = settings["batch_size"]


def _bare_work(texts: list[str]) -> list[int]:
    nlp = _bare["nlp"]
    with nlp.select_pipes(disable=["quidixit"]):
        return [len(doc) for doc in nlp.pipe(texts, batch_size=_bare["batch_size"])]


def bare_run(texts: list[str], *, workers: int, lang: str, model: str | None, batch_size: int, chunk_size: int):
    from quidixit.run.local import map_chunks

    settings = {"lang": lang, "model": model, "batch_size": batch_size}
    yield from map_chunks(_bare_work, _bare_init, settings, texts, workers=workers, chunk_size=chunk_size)


# ------------------------------------------------------------------ one measurement (in its own process)
def read_articles(path: Path, limit: int):
    from quidixit.model import Article

    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if len(out) >= limit:
                break
            if line.strip():
                out.append(Article.from_dict(json.loads(line)))
    return out


def measure(args) -> dict:
    from quidixit.model import Analysis
    from quidixit.pipeline import load
    from quidixit.run.local import run

    articles = read_articles(args.data, args.limit)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    load_s = None
    if args.workers <= 1:
        t0 = time.perf_counter()
        load(args.lang, args.model)
        load_s = time.perf_counter() - t0
    statements = failed = 0
    t0 = time.perf_counter()
    if args.one == "bare":
        n = sum(1 for _ in bare_run(texts, workers=args.workers, lang=args.lang, model=args.model,
                                    batch_size=args.batch_size, chunk_size=args.chunk_size))
    else:
        n = 0
        for res in run(articles, workers=args.workers, lang=args.lang, model=args.model, batch_size=args.batch_size,
                       chunk_size=args.chunk_size):
            n += 1
            if isinstance(res, Analysis):
                statements += len(res.statements)
            else:
                failed += 1
    seconds = time.perf_counter() - t0
    assert n == len(texts), (n, len(texts))
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "mode": args.one, "workers": args.workers, "docs": len(texts), "words": words, "seconds": seconds,
        "words_per_s": words / seconds, "docs_per_s": len(texts) / seconds, "model_load_s": load_s,
        "statements": statements, "failed_docs": failed, "peak_rss_mib": rss_kib / 1024,
    }


# ------------------------------------------------------------------ driver
def _checkout() -> Path:
    """The repository of the quidixit package actually imported (it may be another worktree)."""
    import quidixit

    return Path(quidixit.__file__).resolve().parents[2]


def versions(model_name: str) -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for pkg in ("quidixit", "spacy", model_name.replace("_", "-")):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "?"
    try:
        out["quidixit_commit"] = subprocess.run(["git", "-C", str(_checkout()), "rev-parse", "--short", "HEAD"],
                                                capture_output=True, text=True, check=True).stdout.strip()
        if subprocess.run(["git", "-C", str(_checkout()), "status", "--porcelain", "--", "src"],
                          capture_output=True, text=True).stdout.strip():
            out["quidixit_commit"] += "+dirty"  # uncommitted changes under src/
    except (OSError, subprocess.CalledProcessError):
        out["quidixit_commit"] = "?"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Words/s of quidixit's extraction vs bare spaCy parsing, same run.")
    ap.add_argument("--lang", default="fr", choices=sorted(DEFAULT_DATA_BY_LANG), help="language of the articles (default fr)")
    ap.add_argument("--data", type=Path, default=None,
                    help="JSONL of articles (default: FreSaDa regular for fr, PolNeAR dev for en)")
    ap.add_argument("--limit", type=int, default=1000, help="first N articles (default 1000)")
    ap.add_argument("--workers", default="1,2", help="worker counts to measure (default 1,2)")
    ap.add_argument("--model", default=None, help="spaCy model (default: quidixit's default for French)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--chunk-size", type=int, default=32)
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument("--one", choices=["bare", "full"], help=argparse.SUPPRESS)  # internal: one measurement
    ap.add_argument("--n-workers", dest="n_workers", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.data = args.data or DEFAULT_DATA_BY_LANG[args.lang]

    if args.one:
        args.workers = args.n_workers
        print(json.dumps(measure(args)))
        return 0
    if not args.data.exists():
        print(f"skipped: {args.data} is absent (the benchmark needs the shared FreSaDa articles)")
        return 0

    from quidixit.languages import default_model

    model_name = args.model or default_model(args.lang)
    worker_counts = [int(w) for w in args.workers.split(",")]
    results = []
    for mode, w in [(m, w) for w in worker_counts for m in ("bare", "full")]:
        cmd = [sys.executable, __file__, "--one", mode, "--n-workers", str(w), "--data", str(args.data), "--lang", args.lang,
               "--limit", str(args.limit), "--batch-size", str(args.batch_size), "--chunk-size", str(args.chunk_size)]
        if args.model:
            cmd += ["--model", args.model]
        print(f"running {mode} x{w} ...", file=sys.stderr, flush=True)
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))

    by = {(r["mode"], r["workers"]): r for r in results}
    first = results[0]
    print(f"\n{first['docs']} articles, {first['words']:,} words ({args.data.name}); model {model_name}; "
          f"{mp.cpu_count()} CPUs; load avg {' '.join(f'{x:.2f}' for x in __import__('os').getloadavg())}")
    print(f"{'workers':>7s} {'bare words/s':>13s} {'full words/s':>13s} {'full/bare':>9s} "
          f"{'bare MiB':>9s} {'full MiB':>9s} {'statements':>10s}")
    for w in worker_counts:
        b, f = by[("bare", w)], by[("full", w)]
        print(f"{w:7d} {b['words_per_s']:13,.0f} {f['words_per_s']:13,.0f} {f['words_per_s'] / b['words_per_s']:9.3f} "
              f"{b['peak_rss_mib']:9.0f} {f['peak_rss_mib']:9.0f} {f['statements']:10d}")
    if len(worker_counts) > 1:
        w0, w1 = worker_counts[0], worker_counts[-1]
        print(f"scaling x{w0} -> x{w1}: bare {by[('bare', w1)]['words_per_s'] / by[('bare', w0)]['words_per_s']:.2f}, "
              f"full {by[('full', w1)]['words_per_s'] / by[('full', w0)]['words_per_s']:.2f}")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"extract-{stamp}.json"
    out.write_text(json.dumps({
        "date": stamp, "data": str(args.data), "lang": args.lang, "limit": args.limit, "model": model_name,
        "cpus": mp.cpu_count(), "loadavg_end": list(__import__("os").getloadavg()), "versions": versions(model_name),
        "batch_size": args.batch_size, "chunk_size": args.chunk_size, "results": results,
        "ratios_full_over_bare": {str(w): by[("full", w)]["words_per_s"] / by[("bare", w)]["words_per_s"] for w in worker_counts},
    }, indent=1), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
