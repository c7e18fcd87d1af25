"""Spark runner: scaling from local[1] to local[2], and overhead against the local runner.

    .venv/bin/python bench/bench_spark.py                # 2,000 FreSaDa articles
    .venv/bin/python bench/bench_spark.py --limit 100    # smoke test

Data: the first ``--limit`` articles of ``../shared/data/fresada-fr/regular.jsonl``
(CC BY-NC-SA 4.0, internal use only, not in this repository; the script says
so and exits 0 when it is absent; ``--data`` points elsewhere).

Measured, on the same articles, each with everything started and warm first
(the JVM, the Spark Python workers with their model, the local runner's pool):

- ``spark local[1]`` and ``spark local[2]``: ``quidixit.run.spark.run`` from the
  JSONL file to Parquet (articles/, statements/, errors/) in a temporary folder;
- ``local x2``: the local runner's pool of 2 processes (the same ``_init`` and
  ``_work`` as ``quidixit.run.local.run``), reading the same file with
  ``read_sources`` and turning results into the same rows (``quidixit.rows``),
  no writing; ``local x2 cold`` is ``run(workers=2)`` with its pool start.

speed-up = local[1] time / local[2] time (target >= 1.7); overhead = local[2]
time / local x2 time - 1 (target <= 20 %). Writes the details to
``bench/results/spark-YYYYMMDD-HHMMSS.json``. On a machine shared with other
work the numbers are noise: the load average is printed next to each timing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing as mp
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / ".." / "shared" / "data" / "fresada-fr" / "regular.jsonl"


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _slice(src: Path, n: int, dest: Path, skip: int = 0) -> tuple[int, int]:
    """The articles ``skip..skip+n`` of ``src`` into ``dest``; returns (articles, words)."""
    words = 0
    count = 0
    with open(src, encoding="utf-8") as f, open(dest, "w", encoding="utf-8") as out:
        for line in itertools.islice(f, skip, skip + n):
            out.write(line)
            words += len(json.loads(line).get("text", "").split())
            count += 1
    return count, words


def spark_times(master: str, data: Path, warm: Path, cores: int, repeat: int) -> dict:
    from quidixit.run.spark import run, spark_session

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    t0 = time.perf_counter()
    spark = spark_session(master)
    jvm_s = time.perf_counter() - t0
    out = tempfile.mkdtemp(prefix="qx-bench-spark-")
    try:
        t0 = time.perf_counter()
        # warm-up: a task per core, so that every Python worker has loaded the model
        run([str(warm)], f"{out}/warm", spark=spark, partitions=2 * cores, mode="overwrite")
        warm_s = time.perf_counter() - t0
        times, loads, summary = [], [], None
        for i in range(repeat):
            load_before = _load()
            t0 = time.perf_counter()
            summary = run([str(data)], f"{out}/run{i}", spark=spark, mode="overwrite")
            times.append(time.perf_counter() - t0)
            loads.append((load_before, _load()))
        return {
            "config": f"spark {master}",
            "seconds": min(times),
            "all_seconds": [round(t, 2) for t in times],
            "load": loads,
            "jvm_start_s": round(jvm_s, 2),
            "warm_up_s": round(warm_s, 2),
            "tasks": summary.partitions,
            "articles": summary.articles,
            "statements": summary.statements,
            "errors": summary.errors,
        }
    finally:
        spark.stop()
        import shutil

        shutil.rmtree(out, ignore_errors=True)


def local_times(data: Path, warm: Path, workers: int, repeat: int) -> list[dict]:
    from quidixit.read import read_sources
    from quidixit.rows import article_row, statement_rows
    from quidixit.run import local

    settings = {"lang": "fr", "model": None, "keep_boilerplate": False, "batch_size": 16}

    def rows(results) -> tuple[int, int, int]:
        n = s = e = 0
        for r in results:
            if hasattr(r, "statements"):
                article_row(r)
                s += len(statement_rows(r))
                n += 1
            else:
                e += 1
        return n, s, e

    out = []
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=local._init, initargs=(settings,)) as pool:
        t0 = time.perf_counter()
        rows(r for rs in pool.imap(local._work, local.chunked(read_sources([str(warm)]), 4)) for r in rs)
        warm_s = time.perf_counter() - t0
        times, loads = [], []
        for _ in range(repeat):
            load_before = _load()
            t0 = time.perf_counter()
            n, s, e = rows(r for rs in pool.imap(local._work, local.chunked(read_sources([str(data)]), 32)) for r in rs)
            times.append(time.perf_counter() - t0)
            loads.append((load_before, _load()))
    out.append({"config": f"local x{workers}", "seconds": min(times), "all_seconds": [round(t, 2) for t in times],
                "load": loads, "warm_up_s": round(warm_s, 2), "articles": n, "statements": s, "errors": e})
    load_before = _load()
    t0 = time.perf_counter()
    n, s, e = rows(local.run(read_sources([str(data)]), workers=workers))
    out.append({"config": f"local x{workers} cold", "seconds": time.perf_counter() - t0,
                "load": [(load_before, _load())], "articles": n, "statements": s, "errors": e})
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DATA, help="JSONL articles (default: FreSaDa regular)")
    p.add_argument("--limit", type=int, default=2000, help="articles to process (default 2000)")
    p.add_argument("--repeat", type=int, default=1, help="timed runs per config; the fastest counts (default 1)")
    p.add_argument("--skip", default="", help="comma-separated configs to leave out: local1, local2, runner")
    args = p.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data} is absent: the team's shared data is needed for this benchmark; nothing measured.")
        return 0
    skip = set(filter(None, args.skip.split(",")))
    tmp = Path(tempfile.mkdtemp(prefix="qx-bench-"))
    data = tmp / "articles.jsonl"
    n, words = _slice(args.data, args.limit, data)
    warm = tmp / "warm.jsonl"
    _slice(args.data, 8, warm, skip=args.limit)  # other articles than the measured ones

    results = []
    if "local1" not in skip:
        results.append(spark_times("local[1]", data, warm, 1, args.repeat))
    if "local2" not in skip:
        results.append(spark_times("local[2]", data, warm, 2, args.repeat))
    if "runner" not in skip:
        results.extend(local_times(data, warm, 2, args.repeat))

    by = {r["config"]: r for r in results}
    print(f"{n} articles, {words:,} words, {os.cpu_count()} CPUs, load average now {_load()}")
    print(f"{'config':<22}{'seconds':>9}{'articles/s':>12}{'words/s':>10}  load (before, after)")
    for r in results:
        s = r["seconds"]
        print(f"{r['config']:<22}{s:>9.1f}{r['articles'] / s:>12.1f}{words / s:>10.0f}  {r['load']}")
    ratios = {}
    if "spark local[1]" in by and "spark local[2]" in by:
        ratios["speedup_local2_over_local1"] = by["spark local[1]"]["seconds"] / by["spark local[2]"]["seconds"]
        print(f"speed-up local[1] -> local[2]: {ratios['speedup_local2_over_local1']:.2f}x (target >= 1.7)")
    if "spark local[2]" in by and "local x2" in by:
        ratios["overhead_spark2_vs_local2"] = by["spark local[2]"]["seconds"] / by["local x2"]["seconds"] - 1
        print(f"Spark local[2] over the local runner x2 (warm): {ratios['overhead_spark2_vs_local2']:+.1%} (target <= +20%)")
    if "spark local[1]" in by:
        r = by["spark local[1]"]
        ratios["per_core_articles_s"] = r["articles"] / r["seconds"]
        ratios["per_core_words_s"] = words / r["seconds"]
        print(f"per core (local[1]): {ratios['per_core_articles_s']:.2f} articles/s, {ratios['per_core_words_s']:.0f} words/s")

    import pyspark
    import spacy

    record = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "data": str(args.data), "articles": n, "words": words,
        "python": sys.version.split()[0], "pyspark": pyspark.__version__, "spacy": spacy.__version__,
        "machine": platform.machine(), "cpus": os.cpu_count(),
        "results": results, "ratios": ratios,
    }
    out_dir = REPO / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"spark-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(record, indent=1, default=str) + "\n")
    print(f"details: {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
