"""Load test of the web UI: N concurrent clients on loopback for S seconds
against the search and article pages of ``quidixit serve``.

    python bench/bench_ui.py                      # synthetic store, 50 clients, 30 s
    python bench/bench_ui.py --db corpus.db --clients 20 --seconds 10

Each client is a thread with its own keep-alive ``http.client`` connection to
127.0.0.1 (never anything else). The loop is bounded by the deadline and by
``--max-requests`` per client; the server is stopped at the end. Prints
requests/s, errors, and p50/p95/max latency per page kind; exits 1 on any error.
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
            name = rng.choice(NAMES)
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
        for j in range(0, len(out), 500):
            store.write_batch(out[j:j + 500])
    return path


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    cmd = [sys.executable, "-c", "from quidixit.cli import main; main()", "serve", "--db", str(db),
           "--host", HOST, "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read()}")
        try:
            c = http.client.HTTPConnection(HOST, port, timeout=2)
            c.request("GET", "/search.json")
            if c.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start within 60 s")


def client(port: int, paths: list[tuple[str, str]], deadline: float, max_requests: int, seed: int,
           results: list, errors: list) -> None:
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
            if r.status != 200:
                errors.append(f"{r.status} {path}")
            else:
                results.append((kind, dt))
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="store to serve (default: a synthetic one in a temp dir)")
    ap.add_argument("--articles", type=int, default=2000, help="size of the synthetic store")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--max-requests", type=int, default=100_000, help="per client, a bound besides the deadline")
    ap.add_argument("--json", action="store_true", help="print the result as one JSON line too")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            t0 = time.perf_counter()
            db = synthetic_store(Path(tmp) / "bench.db", args.articles)
            print(f"synthetic store: {args.articles} articles in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        with sqlite3.connect(f"file:{db}?immutable=1", uri=True) as c:
            ids = [r[0] for r in c.execute("SELECT id FROM articles ORDER BY random() LIMIT 500")]
            n_statements = c.execute("SELECT count(*) FROM statements").fetchone()[0]
        if not ids:
            raise SystemExit("the store has no articles")
        paths = [("search", "/search?q=" + quote(w)) for w in WORDS + [n.split()[-1] for n in NAMES]]
        paths += [("search", "/search?q=" + quote(w) + "&kind=direct") for w in WORDS[:5]]
        paths += [("article", "/articles/" + quote(i, safe="")) for i in ids]
        port = free_port()
        proc = start_server(db, port)
        results: list = []
        errors: list = []
        try:
            deadline = time.monotonic() + args.seconds
            threads = [threading.Thread(target=client, daemon=True,
                                        args=(port, paths, deadline, args.max_requests, k, results, errors))
                       for k in range(args.clients)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join(args.seconds + 60)
            wall = time.perf_counter() - t0
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()

    report = {"clients": args.clients, "seconds": round(wall, 1), "statements_in_store": n_statements,
              "requests": len(results), "errors": len(errors), "rps": round(len(results) / wall, 1), "cpus": os.cpu_count()}
    for kind in ("search", "article"):
        lat = [dt * 1000 for k, dt in results if k == kind]
        report[kind] = {"n": len(lat), "p50_ms": round(pct(lat, 50), 1), "p95_ms": round(pct(lat, 95), 1),
                        "max_ms": round(max(lat), 1) if lat else None,
                        "mean_ms": round(statistics.fmean(lat), 1) if lat else None}
    print(f"{report['requests']} requests in {report['seconds']} s from {args.clients} clients "
          f"({report['rps']}/s), {report['errors']} errors")
    for kind in ("search", "article"):
        r = report[kind]
        print(f"  {kind:8s} n={r['n']:6d}  p50 {r['p50_ms']:8.1f} ms  p95 {r['p95_ms']:8.1f} ms  max {r['max_ms']} ms")
    if errors:
        print("first errors:", *errors[:5], sep="\n  ")
    if args.json:
        print(json.dumps(report))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
