"""Time per character of the sentence bounds, and of the whole extraction, as documents grow.

    .venv/bin/python bench/bench_sentences.py                     # 25k, 100k, 400k characters
    .venv/bin/python bench/bench_sentences.py --sizes 25000,100000 --no-full

Documents are the bundled Wikinews sample articles joined by blank lines, cut
to each size. ``sentences`` times the ``quidixit_sentences`` component alone on
a tokenized Doc (best of 3); ``full`` times ``quidixit.analyze`` on the same
text once (tokenizer, sentence bounds, parser, NER, attribution), after a
warm-up on a short text. Each row gives the time per character and its ratio
to the smallest size: flat (1.0) is linear time; before issue 11 the component
alone went 0.5 s -> 8.6 s from 25k to 100k characters (a ratio of 4.3).

Prints a table and writes the JSON to bench/results/sentences-YYYYMMDD-HHMMSS.json
(not committed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "src" / "quidixit" / "data" / "sample" / "wikinews-fr.jsonl"


def document(size: int) -> str:
    with open(SAMPLE, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    joined = "\n\n".join(texts)
    return (joined * (size // len(joined) + 1))[:size]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="25000,100000,400000", help="document sizes in characters, comma-separated")
    ap.add_argument("--full", action=argparse.BooleanOptionalAction, default=True, help="also time the whole extraction")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    import quidixit
    from quidixit.pipeline import load
    from quidixit.sentences import set_sentence_bounds

    nlp = load("fr", None, False)
    quidixit.analyze("« Non », a dit le maire.")  # warm-up
    rows = []
    for size in sizes:
        text = document(size)
        doc = nlp.make_doc(text)
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            set_sentence_bounds(doc)
            best = min(best, time.perf_counter() - t)
        row = {"chars": size, "tokens": len(doc), "sentences_s": best}
        if args.full:
            t = time.perf_counter()
            analysis = quidixit.analyze(text)
            row["full_s"] = time.perf_counter() - t
            row["statements"] = len(analysis.statements)
        rows.append(row)
        print(f"  measured {size:,} characters", flush=True)

    base = rows[0]
    print(f"\n{'chars':>9} {'tokens':>8} {'sentences s':>12} {'ns/char':>8} {'ratio':>6}"
          + (f" {'full s':>8} {'µs/char':>8} {'ratio':>6}" if args.full else ""))
    for r in rows:
        r["sentences_ratio"] = (r["sentences_s"] / r["chars"]) / (base["sentences_s"] / base["chars"])
        line = (f"{r['chars']:>9,} {r['tokens']:>8,} {r['sentences_s']:>12.4f} "
                f"{r['sentences_s'] / r['chars'] * 1e9:>8.1f} {r['sentences_ratio']:>6.2f}")
        if args.full:
            r["full_ratio"] = (r["full_s"] / r["chars"]) / (base["full_s"] / base["chars"])
            line += f" {r['full_s']:>8.2f} {r['full_s'] / r['chars'] * 1e6:>8.1f} {r['full_ratio']:>6.2f}"
        print(line)

    out = HERE / "results" / f"sentences-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(exist_ok=True)
    meta = {"python": platform.python_version(), "machine": platform.machine(), "quidixit": quidixit.__version__}
    out.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten {out}")


if __name__ == "__main__":
    main()
