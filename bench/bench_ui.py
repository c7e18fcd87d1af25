"""Load test of the web UI: N concurrent clients on loopback for S seconds
against the home, search (a word, and unfiltered), article and speaker pages
of ``quidixit serve``.

    python bench/bench_ui.py                      # 200k synthetic statements, 50 clients, 30 s
    python bench/bench_ui.py --store /tmp/bench-200k.db   # built once, then reused
    python bench/bench_ui.py --db corpus.db --clients 20 --seconds 10
    python bench/bench_ui.py --store /tmp/bench-200k.db --page-cache 0   # every request does its work
    python bench/bench_ui.py --store /tmp/bench-200k.db --floor   # the machine's floor, same clients

``--floor`` runs the same clients against pages that do no work: a bare uvicorn
app answering a fixed 20 KB page (``bare``) and, through ``quidixit serve``, the
static stylesheet (``static``) and an unknown path (``404``, Datasette's own
error page, rendered by Jinja): what any page costs here before its SQL.

Each client is a thread with its own keep-alive ``http.client`` connection to
127.0.0.1 (never anything else). The loop is bounded by the deadline and by
``--max-requests`` per client; the server is stopped at the end. Prints
requests/s, errors, p50/p95/max latency per page kind and the load average
(before and after: the numbers mean little on a busy machine); exits 1 on any error.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

HOST = "127.0.0.1"
FIRST = ["Anne", "Paul", "Marie", "Jean", "Sophie", "Luc", "Claire", "Marc", "Julie", "Pierre"]
NAMES = ["Élisabeth Borne", "Laurent Berger", "Emmanuel Macron", "Bruno Le Maire", "Marine Le Pen",
         "Jean-Luc Mélenchon", "Anne Hidalgo", "Gérald Darmanin", "Olivier Véran", "Sophie Binet",
         "Christine Lagarde", "Thierry Breton", "Yaël Braun-Pivet", "Fabien Roussel", "Jordan Bardella"]
WORDS = ["réforme", "retraites", "inflation", "énergie", "Sénat", "budget", "salaires", "grève",
         "Europe", "sécurité", "école", "hôpital", "climat", "dette", "logement"]
OUTLETS = ["lemonde.fr", "lefigaro.fr", "liberation.fr", "ouest-france.fr", "francetvinfo.fr"]


def synthetic_store(path: Path, n_articles: int, seed: int = 1) -> Path:
    """A store written through quidixit's Store API: articles with direct,
    indirect and according-to statements at exact offsets."""
    from quidixit.model import Analysis, Article, Content, Cue, Speaker, Statement
    from quidixit.store import Store

    rng = random.Random(seed)
    out = []
    for i in range(n_articles):
        parts, sts = [], []
        pos = 0
        for _ in range(rng.randint(3, 8)):
            # a few very quoted people, and a long tail (as in a real corpus)
            name = rng.choice(NAMES) if rng.random() < 0.5 else f"{rng.choice(FIRST)} {rng.choice(NAMES).split()[-1]}{rng.randint(1, 400)}"
            said = " ".join(rng.sample(WORDS, 4))
            kind = rng.choice(["direct", "indirect", "according_to"])
            if kind == "direct":
                para = f"« Nous parlons de {said} », a déclaré {name}."
                c0 = pos + 2; c1 = c0 + len(f"Nous parlons de {said}")
                q0 = para.index("a déclaré") + pos; q1 = q0 + len("a déclaré")
            elif kind == "indirect":
                para = f"{name} a estimé que le pays devait parler de {said}."
                c0 = pos + para.index("que "); c1 = pos + len(para) - 1
                q0 = pos + para.index("a estimé"); q1 = q0 + len("a estimé")
            else:
                para = f"Selon {name}, le débat porte sur {said}."
                c0 = pos + para.index("le débat"); c1 = pos + len(para) - 1
                q0 = pos; q1 = pos + len("Selon")
            s0 = pos + para.index(name); s1 = s0 + len(name)
            parts.append(para)
            text_so_far = "\n\n".join(parts)
            sts.append(Statement(kind, Content(c0, c1, text_so_far[c0:c1]), Cue(q0, q1, text_so_far[q0:q1], "dire"),
                                 Speaker(s0, s1, name, name, "person", None), 0.9))
            pos = len(text_so_far) + 2
        text = "\n\n".join(parts)
        art = Article(text, id=f"bench-{i:06d}", title=f"Article {i}: {rng.choice(WORDS)}",
                      outlet=rng.choice(OUTLETS), published=f"{2022 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}")
        out.append(Analysis(art, tuple(sts)))
    with Store(path) as store:
        # claims are not among the pages measured here; clustering them batch by batch made
        # the 200k store take over 40 minutes to build on a 2-core machine: left empty
        store.defer_claims = True
        for j in range(0, len(out), 500):
            store.write_batch(out[j:j + 500])
    return path


def articles_for(n_statements: int) -> int:
    return max(1, round(n_statements / 5.5))  # 3 to 8 statements an article


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, page_cache: float | None = None, workers: int = 1) -> subprocess.Popen:
    cmd = [sys.executable, "-c", "from quidixit.cli import main; main()", "serve", "--db", str(db),
           "--host", HOST, "--port", str(port), "--workers", str(workers)]
    if page_cache is not None:
        cmd += ["--page-cache", str(page_cache)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:  # "serving" once every worker listens (else the clients' connections would
        if line.startswith("quidixit: serving"):  # all stay with the first one up)
            break
    return _wait(proc, port, "/search.json")


def _wait(proc: subprocess.Popen, port: int, path: str) -> subprocess.Popen:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read()}")
        try:
            c = http.client.HTTPConnection(HOST, port, timeout=2)
            c.request("GET", path)
            if c.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start within 60 s")


BARE_APP = """
import uvicorn
BODY = b"<!doctype html><p>" + b"x" * 20000
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/html"), (b"content-length", str(len(BODY)).encode())]})
    await send({"type": "http.response.body", "body": BODY})
uvicorn.run(app, host=%r, port=%d, log_level="warning")
"""


def start_bare(port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", BARE_APP % (HOST, port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    return _wait(proc, port, "/")


def client(port: int, paths: list[tuple[str, str]], deadline: float, max_requests: int, seed: int,
           results: list, errors: list, expect: dict | None = None) -> None:
    expect = expect or {}
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    for _ in range(max_requests):
        if time.monotonic() >= deadline:
            break
        kind, path = rng.choice(paths)
        t0 = time.perf_counter()
        try:
            conn.request("GET", path)
            r = conn.getresponse()
            r.read()
            dt = time.perf_counter() - t0
            if r.status != expect.get(kind, 200):
                errors.append(f"{r.status} {path}")
            else:
                results.append((kind, dt, r.getheader("x-qx-cache") == "hit"))
        except (OSError, http.client.HTTPException) as err:
            errors.append(f"{type(err).__name__}: {err} {path}")
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.close()


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def run_load(port: int, paths: list[tuple[str, str]], clients: int, seconds: float, max_requests: int,
             expect: dict | None = None) -> tuple[list, list, float]:
    """``clients`` threads looping over ``paths`` until the deadline: (results, errors, wall seconds)."""
    results: list = []
    errors: list = []
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=client, daemon=True,
                                args=(port, paths, deadline, max_requests, k, results, errors, expect))
               for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    return results, errors, time.perf_counter() - t0


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def balanced(paths: list[tuple[str, str]], n: int = 500) -> list[tuple[str, str]]:
    """Each kind as often as the others, whatever the number of its paths."""
    by_kind: dict = {}
    for k, p in paths:
        by_kind.setdefault(k, []).append(p)
    return [(k, ps[i % len(ps)]) for k, ps in by_kind.items() for i in range(n)]


def report_of(results: list, errors: list, wall: float, kinds: tuple, args, load_before, extra: dict) -> dict:
    report = {"clients": args.clients, "seconds": round(wall, 1), **extra,
              "requests": len(results), "errors": len(errors), "rps": round(len(results) / wall, 1), "cpus": os.cpu_count(),
              "page_cache_hits": sum(1 for *_, hit in results if hit),
              "loadavg_before": [round(x, 2) for x in load_before], "loadavg_after": [round(x, 2) for x in os.getloadavg()]}
    for kind in kinds:
        lat = [dt * 1000 for k, dt, _ in results if k == kind]
        report[kind] = {"n": len(lat), "p50_ms": round(pct(lat, 50), 1), "p95_ms": round(pct(lat, 95), 1),
                        "max_ms": round(max(lat), 1) if lat else None,
                        "mean_ms": round(statistics.fmean(lat), 1) if lat else None}
    print(f"{report['requests']} requests in {report['seconds']} s from {args.clients} clients "
          f"({report['rps']}/s), {report['errors']} errors")
    print(f"  page cache hits: {report['page_cache_hits']} of {report['requests']}")
    print(f"  load average before {report['loadavg_before']}, after {report['loadavg_after']} ({report['cpus']} CPUs)")
    for kind in kinds:
        r = report[kind]
        print(f"  {kind:11s} n={r['n']:6d}  p50 {r['p50_ms']:8.1f} ms  p95 {r['p95_ms']:8.1f} ms  max {r['max_ms']} ms")
    if errors:
        print("first errors:", *errors[:5], sep="\n  ")
    if args.json:
        print(json.dumps(report))
    return report


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="store to serve (default: a synthetic one in a temp dir)")
    ap.add_argument("--statements", type=int, default=200_000, help="size of the synthetic store (about)")
    ap.add_argument("--store", type=Path, help="where to keep the synthetic store: built once, reused after")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--max-requests", type=int, default=100_000, help="per client, a bound besides the deadline")
    ap.add_argument("--page-cache", type=float, default=None, metavar="MB",
                    help="the server's --page-cache (default: its own, 64 MB); 0: every request does its work")
    ap.add_argument("--workers", type=int, default=1, help="the server's --workers (processes on the one port)")
    ap.add_argument("--floor", action="store_true",
                    help="measure pages that do no work instead (bare uvicorn, static file, 404): the machine's floor")
    ap.add_argument("--json", action="store_true", help="print the result as one JSON line too")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = args.store or Path(tmp) / "bench.db"
            if not Path(db).exists():
                t0 = time.perf_counter()
                n = articles_for(args.statements)
                synthetic_store(Path(str(db) + ".part"), n)
                os.replace(str(db) + ".part", db)
                print(f"synthetic store: {n} articles in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        if args.floor:
            return floor(db, args)
        with sqlite3.connect(f"file:{db}?immutable=1", uri=True) as c:
            ids = [r[0] for r in c.execute("SELECT id FROM articles ORDER BY random() LIMIT 500")]
            sids = [r[0] for r in c.execute("SELECT id FROM speakers ORDER BY random() LIMIT 300")]
            sids += [r[0] for r in c.execute("SELECT id FROM speakers ORDER BY n_statements DESC LIMIT 15")]
            n_statements = c.execute("SELECT count(*) FROM statements").fetchone()[0]
            # deep pages of the unfiltered search, as its "next" links give them (keyset)
            deep = [c.execute("SELECT published, article_id, idx FROM statements ORDER BY published DESC, article_id, idx "
                              "LIMIT 1 OFFSET ?", (k * 50 - 1,)).fetchone() for k in (100, 500, 1000, 2000, 3000)]
        if not ids:
            raise SystemExit("the store has no articles")
        paths = [("home", "/")]
        paths += [("search_word", "/search?q=" + quote(w)) for w in WORDS + [n.split()[-1] for n in NAMES]]
        paths += [("search_word", "/search?q=" + quote(w) + "&kind=direct") for w in WORDS[:5]]
        paths += [("search_all", f"/search?_page={p}") for p in range(1, 21)]
        paths += [("search_all", f"/search?kind=direct&_page={p}") for p in range(1, 6)]
        paths += [("search_all", "/search?_after=" + quote(json.dumps([*row, k + 1]))) for row, k in zip(deep, (100, 500, 1000, 2000, 3000)) if row]
        paths += [("article", "/articles/" + quote(i, safe="")) for i in ids]
        paths += [("speaker", "/speakers/" + quote(i, safe="")) for i in sids]
        paths = balanced(paths)
        load_before = os.getloadavg()
        port = free_port()
        proc = start_server(db, port, args.page_cache, args.workers)
        try:
            results, errors, wall = run_load(port, paths, args.clients, args.seconds, args.max_requests)
        finally:
            stop(proc)

    report_of(results, errors, wall, ("home", "search_word", "search_all", "article", "speaker"), args, load_before,
              {"statements_in_store": n_statements, "page_cache_mb": args.page_cache, "workers": args.workers})
    return 1 if errors else 0


def floor(db: Path, args) -> int:
    """The same clients against pages that do no work (see the module)."""
    load_before = os.getloadavg()
    port = free_port()
    proc = start_bare(port)
    try:
        results, errors, wall = run_load(port, [("bare", "/")], args.clients, args.seconds, args.max_requests)
    finally:
        stop(proc)
    print("bare uvicorn app, 20 KB page:")
    bare = report_of(results, errors, wall, ("bare",), args, load_before, {"server": "bare"})
    load_before = os.getloadavg()
    port = free_port()
    proc = start_server(db, port, 0, args.workers)
    try:
        results2, errors2, wall2 = run_load(port, balanced([("static", "/-/qx/qx.css"), ("404", "/articles/no-such-article")]),
                                            args.clients, args.seconds, args.max_requests, expect={"404": 404})
    finally:
        stop(proc)
    print("quidixit serve, no SQL (static file, 404 page):")
    report_of(results2, errors2, wall2, ("static", "404"), args, load_before, {"server": "quidixit"})
    return 1 if errors or errors2 or not bare["requests"] else 0


if __name__ == "__main__":
    sys.exit(main())
