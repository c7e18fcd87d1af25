"""What the store costs, measured in one run.

(a) Ingest rate (articles/s) against the bare extraction rate (``run.local.run``
    with no store) on the first N articles of FreSaDa (regular.jsonl), the same
    Article objects for both, the model loaded beforehand; the ratio is the
    store's overhead (target: <= 10 %).
(b) Search latency (p50 / p95) for 20 representative queries on a store of
    >= 100k statements, built by replicating the analysed articles under new
    ids (so spaCy runs only on the N articles).

    python bench/bench_store.py                  # N=100, workers=1, 100k statements
    python bench/bench_store.py -n 200 --workers 2 --statements 150000

Timings on a shared machine are noisy: each side of (a) runs ``--repeat``
times, alternating, and the best time of each side is kept.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from quidixit import corpus
from quidixit.model import Analysis, Article
from quidixit.run.local import run
from quidixit.store import Store

FRESADA = Path(__file__).resolve().parents[2] / "shared" / "data" / "fresada-fr" / "regular.jsonl"

QUERIES: list[tuple[str, dict]] = [
    ("gouvernement", {}),
    ("président", {}),
    ("ministere", {}),  # no accent: finds "ministère"
    ("France", {}),
    ("entreprises", {}),
    ("climat", {}),
    ("etrangeres", {}),
    ('"il faut"', {}),
    ('"nous avons"', {}),
    ("minist*", {}),
    ("econom*", {}),
    ("santé OR hôpital", {}),
    ("crise NOT sanitaire", {}),
    ("projet loi", {}),
    ("gouvernement", {"kind": "direct"}),
    ("France", {"outlet": "outlet-3"}),
    ("président", {"since": "2020-03", "until": "2020-06"}),
    ("", {"speaker": "@top1"}),
    ("", {"speaker": "@top2", "kind": "indirect"}),
    ("", {"outlet": "outlet-1", "since": "2021"}),
]


def load_articles(n: int) -> list[Article]:
    """The first ``n`` distinct articles (FreSaDa repeats some texts: the store would keep one of each)."""
    out: dict[str, Article] = {}
    with open(FRESADA, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            ext = d.pop("id", None)
            a = Article.from_dict(d)
            a = Article(a.text, None, a.title, a.url, a.outlet, a.published, "fr", "fresada:" + str(ext),
                        {"external_id": ext}).with_id()
            out.setdefault(a.id, a)
            if len(out) >= n:
                break
    return list(out.values())


def bench_ingest(arts: list[Article], workers: int, repeat: int, tmp: Path) -> tuple[float, float, Path]:
    from quidixit.pipeline import load

    load("fr", None, False)  # model loaded once, outside both timings (workers=1 runs in this process)
    bare, stored = [], []
    db = tmp / "ingest-0.db"
    for i in range(repeat):
        t = time.perf_counter()
        for _ in run(arts, workers=workers):
            pass
        bare.append(time.perf_counter() - t)
        db = tmp / f"ingest-{i}.db"
        t = time.perf_counter()
        s = corpus.ingest(arts, db=db, workers=workers, progress=False)
        stored.append(time.perf_counter() - t)
        assert s.new + s.failed == len(arts), s
    return min(bare), min(stored), db


def build_big(src_db: Path, big_db: Path, target: int, batch: int = 500) -> int:
    analyses = list(corpus.analyses(str(src_db)))
    per_copy = sum(len(a.statements) for a in analyses)
    if per_copy == 0:
        sys.exit("The extractor found no statements in these articles: cannot build the search store.")
    copies = -(-target // per_copy)
    with Store(big_db) as store:
        buf: list[Analysis] = []
        for k in range(copies):
            for j, an in enumerate(analyses):
                a = an.article
                month = (k + j) % 36
                art = Article(a.text, f"{a.id}-{k}", a.title, a.url, f"outlet-{(k + j) % 8}",
                              f"{2019 + month // 12}-{month % 12 + 1:02d}-{j % 28 + 1:02d}", a.language, a.source, a.meta)
                buf.append(Analysis(art, an.statements, an.boilerplate, an.scare_quotes))
                if len(buf) >= batch:
                    store.write_batch(buf)
                    buf.clear()
        if buf:
            store.write_batch(buf)
        return store.count("statements")


def bench_search(db: Path, repeat: int) -> list[tuple[str, int, float, float]]:
    out = []
    with Store(db) as store:
        top = [s["name"] for s in corpus.speakers(store, 2)]
        for q, kw in QUERIES:
            kw = {k: (top[int(v[4:]) - 1] if isinstance(v, str) and v.startswith("@top") else v) for k, v in kw.items()}
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                rows = corpus.search(store, q, limit=20, **kw)
                times.append((time.perf_counter() - t) * 1000)
            label = " ".join([q] + [f"--{k} {v}" for k, v in kw.items()]).strip()
            out.append((label, len(rows), statistics.median(times), max(times)))
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("-n", type=int, default=100, help="articles of FreSaDa to analyse (default 100)")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--repeat", type=int, default=2, help="runs of each side of (a), best kept")
    p.add_argument("--statements", type=int, default=100_000, help="size of the search store (b)")
    p.add_argument("--search-repeat", type=int, default=5)
    args = p.parse_args()
    if not FRESADA.exists():
        print(f"skipped: {FRESADA} is absent (see ../shared/data/README.md)")
        return
    arts = load_articles(args.n)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        bare, stored, db = bench_ingest(arts, args.workers, args.repeat, tmp)
        with Store(db) as s:
            n_st = s.count("statements")
        print(f"(a) ingest, {len(arts)} FreSaDa articles, {n_st} statements, workers={args.workers}, best of {args.repeat}")
        print(f"    bare extraction  {len(arts) / bare:8.2f} articles/s  ({bare:.2f} s)")
        print(f"    ingest (store)   {len(arts) / stored:8.2f} articles/s  ({stored:.2f} s)")
        print(f"    store overhead   {100 * (stored / bare - 1):+.1f} %  (target <= 10 %)")
        # the writer's own cost, without the noise of extraction: the same analyses written again
        ans = list(corpus.analyses(str(db)))
        t = time.perf_counter()
        with Store(tmp / "rewrite.db") as s:
            for i in range(0, len(ans), 64):
                s.write_batch(ans[i : i + 64])
        write = time.perf_counter() - t
        print(f"    writes alone     {len(ans) / write:8.0f} articles/s  ({write:.3f} s = {100 * write / bare:.2f} % of bare extraction)")

        big = tmp / "big.db"
        t = time.perf_counter()
        n = build_big(db, big, args.statements)
        build = time.perf_counter() - t
        size = big.stat().st_size / 1e6
        print(f"\n(b) search store: {n} statements, {size:.0f} MB, built in {build:.1f} s ({n / build:,.0f} statements/s written)")
        rows = bench_search(big, args.search_repeat)
        width = max(len(r[0]) for r in rows)
        print(f"    {'query'.ljust(width)}  hits  median ms   max ms")
        for label, hits, med, mx in rows:
            print(f"    {label.ljust(width)}  {hits:4d}  {med:9.2f}  {mx:7.2f}")
        meds = sorted(r[2] for r in rows)
        q = statistics.quantiles(meds, n=20)
        print(f"    p50 {statistics.median(meds):.2f} ms, p95 {q[18]:.2f} ms over {len(rows)} queries (median of {args.search_repeat} runs each)")


if __name__ == "__main__":
    main()
