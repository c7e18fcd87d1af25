"""How claim clustering grows with the number of statements (time and memory).

    python bench/bench_claims.py                       # 10k, 100k, 1M statements
    python bench/bench_claims.py --sizes 10000,100000  # a quicker run
    python bench/bench_claims.py --spark               # also the Spark job, local[1] vs local[2]

Statements are generated from real ones: the quoted stretches of FreSaDa articles
(``../shared/data/fresada-fr/regular.jsonl``, internal use, not in the repository;
the script says so and exits 0 when it is absent). Each generated utterance is a
real quotation given to a speaker drawn from a Zipf-like population (one speaker per
20 statements: a few very quoted, most quoted once or twice), reported 1 to 5 times
on dates within a week, by outlets drawn from 40, with the edits outlets make: a
cut, a changed case or elision, now and then one altered word. A tenth of the
statements are indirect (paraphrase level).

Each size runs :func:`quidixit.claim_clusters.cluster` in a fresh subprocess:
wall time, peak RSS (``ru_maxrss``), claims found, and the time per statement
and per ``n log n`` against the smallest size. Writes
``bench/results/claims-YYYYMMDD-HHMMSS.json`` (not committed).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FRESADA = ROOT.parent / "shared" / "data" / "fresada-fr" / "regular.jsonl"
if not FRESADA.exists():
    FRESADA = Path("/work/shared/data/fresada-fr/regular.jsonl")


def real_quotes(path: Path) -> list[str]:
    quotes = []
    for line in path.open(encoding="utf-8"):
        text = json.loads(line)["text"]
        parts = text.split('"')
        for i in range(1, len(parts), 2):
            q = " ".join(parts[i].split())
            if 30 <= len(q) <= 400 and len(q.split()) >= 6:
                quotes.append(q)
    return sorted(set(quotes))


def _edit(q: str, rng: random.Random) -> str:
    r = rng.random()
    words = q.split()
    if r < 0.25 and len(words) > 8:  # a cut
        a = rng.randrange(0, len(words) // 3)
        return " ".join(words[a:a + max(6, len(words) * 2 // 3)])
    if r < 0.45:  # case and elision
        return q.lower().replace("'", "\u2019")
    if r < 0.50 and len(words) > 6:  # one altered word
        i = rng.randrange(len(words))
        words[i] = words[i][::-1]
        return " ".join(words)
    return q


def generate(n: int, quotes: list[str], seed: int = 12):
    from quidixit.claim_clusters import StatementRef

    rng = random.Random(seed)
    n_speakers = max(1, n // 20)
    weights = [1 / (k + 1) for k in range(n_speakers)]
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    import bisect

    out = []
    day0 = date(2024, 1, 1)
    i = 0
    while len(out) < n:
        q = quotes[rng.randrange(len(quotes))]
        sp = bisect.bisect_left(cum, rng.random() * total)
        d = day0 + timedelta(days=rng.randrange(730))
        for _ in range(min(n - len(out), rng.choice((1, 1, 2, 3, 5)))):
            kind = "indirect" if rng.random() < 0.1 else "direct"
            text = _edit(q, rng)
            out.append(StatementRef(f"s{i}", f"a{i}", f"sp{sp}", f"Speaker {sp}", kind, text,
                                    f"outlet{rng.randrange(40)}", (d + timedelta(days=rng.randrange(7))).isoformat()))
            i += 1
    return out


def child(n: int) -> None:
    """Generate, then time only the clustering; print one JSON line."""
    from quidixit.claim_clusters import _hasher, cluster

    _hasher(64, 1)  # datasketch imported before the clock starts
    quotes = real_quotes(FRESADA)
    refs = generate(n, quotes)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    claims = cluster(refs)
    secs = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    multi = sum(1 for c in claims if c.articles > 1)
    print(json.dumps({"n": n, "seconds": round(secs, 2), "peak_mib": round(rss / 1024, 1),
                      "input_mib": round(rss0 / 1024, 1), "claims": len(claims), "multi": multi,
                      "quotes": len(quotes)}))


def spark_child(n: int, master: str) -> None:
    from quidixit.run.spark_claims import cluster_dataframe
    from quidixit.run.spark import spark_session

    refs = generate(n, real_quotes(FRESADA))
    spark = spark_session(master, {"spark.sql.shuffle.partitions": "8"}, app_name="quidixit-claims-bench")
    df = spark.createDataFrame([r.__dict__ for r in refs])
    df = df.repartition(8).cache()
    df.count()
    t = time.perf_counter()
    out = cluster_dataframe(df)
    n_rows = out.count()
    secs = time.perf_counter() - t
    spark.stop()
    print(json.dumps({"n": n, "master": master, "seconds": round(secs, 2), "rows": n_rows}))


def incremental(n: int, batch: int = 64) -> dict:
    """Write n generated statements (one article each) through Store.write_batch, batch by
    batch, with the claim tables kept up to date and without them (deferred); the difference
    is what the incremental maintenance costs an ingest."""
    import tempfile

    from quidixit.model import Analysis, Article, Content, Cue, Speaker, Statement
    from quidixit.store import Store

    refs = sorted(generate(n, real_quotes(FRESADA)), key=lambda r: r.published)  # a crawl comes roughly in date order
    items = []
    for r in refs:
        name = r.speaker_name
        text = f"« {r.text} », a déclaré {name}."
        st = Statement(r.kind, Content(2, 2 + len(r.text), r.text), Cue(len(r.text) + 6, len(r.text) + 15, "a déclaré", "déclarer"),
                       Speaker(len(r.text) + 16, len(r.text) + 16 + len(name), name, name, "person", None), 0.9)
        items.append(Analysis(Article(text, id=r.article_id, outlet=r.outlet, published=r.published), (st,)))
    out = {"n": n, "batch": batch}
    for label, defer in (("without_claims", True), ("with_claims", False)):
        with tempfile.TemporaryDirectory() as tmp:
            with Store(Path(tmp) / "inc.db") as store:
                store.defer_claims = defer
                t = time.perf_counter()
                for i in range(0, len(items), batch):
                    store.write_batch(items[i:i + batch])
                out[label] = round(time.perf_counter() - t, 2)
                if not defer:
                    out["claims"] = store.count("claims")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--timeout", type=float, default=600, help="seconds a size may take before it is given up")
    ap.add_argument("--spark", action="store_true", help="also the Spark job, local[1] vs local[2]")
    ap.add_argument("--spark-size", type=int, default=20000)
    ap.add_argument("--incremental", type=int, default=0, help="also time N statements written batch by batch into a store")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--master", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not FRESADA.exists():
        print(f"bench_claims: no FreSaDa data at {FRESADA}; nothing measured.")
        return
    if args.child and args.master:
        return spark_child(args.child, args.master)
    if args.child:
        return child(args.child)
    if args.incremental:
        r = incremental(args.incremental)
        print(f"store, {r['n']:,} statements in batches of {r['batch']}: {r['without_claims']} s without claims, "
              f"{r['with_claims']} s with the claim tables kept up to date ({r['claims']:,} claims)")
    results = []
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for n in (int(x) for x in args.sizes.split(",") if x.strip() and int(x) > 0):
        try:
            p = subprocess.run([sys.executable, __file__, "--child", str(n)], capture_output=True, text=True,
                               timeout=args.timeout, env=env)
        except subprocess.TimeoutExpired:
            print(f"{n:>9,}  gave up after {args.timeout:g} s")
            results.append({"n": n, "timeout": args.timeout})
            break
        if p.returncode:
            print(p.stderr[-2000:])
            break
        r = json.loads(p.stdout.strip().splitlines()[-1])
        results.append(r)
        base = results[0]
        per = r["seconds"] / r["n"] * 1e6
        nlogn = (r["seconds"] / (r["n"] * math.log(r["n"]))) / (base["seconds"] / (base["n"] * math.log(base["n"])))
        print(f"{r['n']:>9,}  {r['seconds']:>8.1f} s  {per:>6.1f} µs/statement  t/(n log n) ×{nlogn:.2f}  "
              f"peak {r['peak_mib']:>7.0f} MiB  claims {r['claims']:,} ({r['multi']:,} in >1 article)", flush=True)
    spark = []
    if args.spark:
        for master in ("local[1]", "local[2]"):
            p = subprocess.run([sys.executable, __file__, "--child", str(args.spark_size), "--master", master],
                               capture_output=True, text=True, env=env, timeout=args.timeout)
            if p.returncode:
                print(p.stderr[-2000:])
                break
            spark.append(json.loads(p.stdout.strip().splitlines()[-1]))
            print(f"spark {master}: {spark[-1]['seconds']} s for {args.spark_size:,} statements", flush=True)
        if len(spark) == 2:
            print(f"local[1] / local[2]: {spark[0]['seconds'] / spark[1]['seconds']:.2f}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"claims-{stamp}.json").write_text(json.dumps({
        "sizes": results, "spark": spark, "loadavg": os.getloadavg(), "python": sys.version,
    }, indent=1))


if __name__ == "__main__":
    main()
