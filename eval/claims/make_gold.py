"""The claims gold: pairs of statements from real FreSaDa articles, labelled by reading.

FreSaDa is CC BY-NC-SA 4.0, internal use: its texts are not in the repository. This
script rebuilds everything from ``../shared/data/fresada-fr/regular.jsonl``; only the
labels (eval/claims/labels.tsv: FreSaDa ids and character offsets, no text) are
committed.

    .venv/bin/python eval/claims/make_gold.py ingest       # pick the articles, extract, store (out/claims-gold/fresada.db)
    .venv/bin/python eval/claims/make_gold.py candidates   # statement pairs to read and label (out/claims-gold/candidates.tsv)
    .venv/bin/python eval/claims/make_gold.py eval [--date D]  # pairwise precision / recall of quidixit.claim_clusters on the labels

Step 1 (fresada_pairs.py) keeps the articles that share quoted 6-grams with another
article (213 pairs of different articles, 40 pairs of near copies). Step 2 runs the
normal ``quidixit ingest`` on them. Step 3 lists, for each article pair, statements of
the same speaker (same :func:`quidixit.store.speaker_key` family) across the two
articles, most similar first, plus a sample of further same-speaker pairs, so that
"different" and paraphrase pairs are read too, not only the easy copies.

A label line: ``a_id a_start a_end b_id b_start b_end label`` (tab-separated) where
ids are FreSaDa ids, offsets those of the statements' content in the FreSaDa text,
and label is ``verbatim`` (the same utterance, quoted), ``paraphrase`` (the same
utterance, at least one side reported) or ``different``. The scorer matches a label to
the system's statements by content overlap, so a re-extraction that moves a boundary
by a few characters still finds them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
DATA = ROOT.parent / "shared" / "data" / "fresada-fr" / "regular.jsonl"
if not DATA.exists():
    DATA = Path("/work/shared/data/fresada-fr/regular.jsonl")
OUT = ROOT / "out" / "claims-gold"
DB = OUT / "fresada.db"
LABELS = HERE / "labels.tsv"


def cmd_ingest(args) -> None:
    from fresada_pairs import select

    from quidixit import corpus
    from quidixit.model import Article

    arts, pairs = select(DATA)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "pairs.json").write_text(json.dumps(pairs, indent=1))
    articles = [Article(text=a["text"], title=a.get("title"), source=f"fresada:{a['id']}", language="fr",
                        meta={"external_id": a["id"]}) for a in arts]
    print(corpus.ingest(articles, db=DB, workers=args.workers, progress=False))


def _statements(conn):
    rows = conn.execute(
        "SELECT s.id, s.kind, s.content_start, s.content_end, s.content_text, s.speaker_name, s.speaker_id, "
        "a.external_id AS fid FROM statements s JOIN articles a ON a.id = s.article_id WHERE s.field = 'text'"
    ).fetchall()
    return [dict(r) for r in rows]


def cmd_candidates(args) -> None:
    from quidixit.claim_clusters import shingles
    from quidixit.store import connect, speaker_family, speaker_key

    conn = connect(DB)
    sts = _statements(conn)
    by_fid: dict = {}
    for s in sts:
        s["fam"] = speaker_family(speaker_key(s["speaker_name"] or "")) if s["speaker_name"] else None
        s["sh"] = shingles(s["content_text"], 2)
        by_fid.setdefault(s["fid"], []).append(s)
    pairs = json.loads((OUT / "pairs.json").read_text())
    rng = random.Random(12)
    out, seen = [], set()
    for p in pairs:
        cands = []
        for x in by_fid.get(p["a"], []):
            for y in by_fid.get(p["b"], []):
                if not x["fam"] or x["fam"] != y["fam"]:
                    continue
                sim = len(x["sh"] & y["sh"]) / max(1, len(x["sh"] | y["sh"]))
                cands.append((sim, x, y))
        cands.sort(key=lambda c: -c[0])
        top = [c for c in cands if c[0] > 0][:4]
        rest = [c for c in cands if c[0] == 0]
        picked = top + rng.sample(rest, min(1, len(rest)))
        for sim, x, y in picked:
            key = (x["id"], y["id"])
            if key in seen:
                continue
            seen.add(key)
            out.append((p["dup"], round(sim, 3), x, y))
    with (OUT / "candidates.tsv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t")
        w.writerow(["a_id", "a_start", "a_end", "b_id", "b_start", "b_end", "dup", "sim", "a_kind", "b_kind",
                    "a_speaker", "b_speaker", "a_text", "b_text"])
        for dup, sim, x, y in out:
            w.writerow([x["fid"], x["content_start"], x["content_end"], y["fid"], y["content_start"], y["content_end"],
                        int(dup), sim, x["kind"], y["kind"], x["speaker_name"], y["speaker_name"],
                        " ".join(x["content_text"].split()), " ".join(y["content_text"].split())])
    print(f"{len(out)} candidate pairs -> {OUT / 'candidates.tsv'}")


def read_labels(path: Path = LABELS) -> list[dict]:
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#") or line.startswith("a_id"):
                continue
            a, a0, a1, b, b0, b1, label = line.rstrip("\n").split("\t")[:7]
            out.append({"a": (a, int(a0), int(a1)), "b": (b, int(b0), int(b1)), "label": label})
    return out


def _find(index, key):
    """The system statement whose content overlaps the labelled span most (None if none)."""
    fid, start, end = key
    best, best_ov = None, 0
    for s in index.get(fid, []):
        ov = min(end, s["content_end"]) - max(start, s["content_start"])
        if ov > best_ov:
            best, best_ov = s, ov
    return best


def score(labels: list[dict], member: dict[str, str], index: dict, positive: set[str]) -> dict:
    """Pairwise precision / recall: a pair is predicted the same claim when both of its
    statements are found and in the same claim; ``positive`` is the labels that count as same."""
    tp = fp = fn = tn = 0
    for lab in labels:
        x, y = _find(index, lab["a"]), _find(index, lab["b"])
        pred = bool(x and y and member.get(x["id"]) and member.get(x["id"]) == member.get(y["id"]))
        gold = lab["label"] in positive
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        tn += not pred and not gold
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"pairs": len(labels), "tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def cmd_eval(args) -> None:
    from quidixit.claim_clusters import ClaimSettings, cluster
    from quidixit.claim_store import statements_for_claims
    from quidixit.store import connect

    conn = connect(DB)
    sts = _statements(conn)
    index: dict = {}
    for s in sts:
        index.setdefault(s["fid"], []).append(s)
    labels = read_labels()
    rows = statements_for_claims(conn)
    settings = ClaimSettings()
    claims = cluster(rows, settings)
    verbatim, para = {}, {}
    for c in claims:
        for m in c.members:
            para[m.statement_id] = c.id
            if m.level == "verbatim":
                verbatim[m.statement_id] = c.id
    v_labels = [lab for lab in labels if lab["label"] in ("verbatim", "different")]
    # baselines: Quotebank's rule (same speaker, same words after lower-casing) and "one claim per speaker"
    exact = {r.statement_id: f"{r.speaker}|{' '.join(r.text.lower().split())}" for r in rows}
    per_speaker = {r.statement_id: r.speaker for r in rows}
    # the pairs whose two statements the extractor gave to one speaker: what clustering can reach
    block = {r.statement_id: r.speaker for r in rows}

    def same_block(lab):
        x, y = _find(index, lab["a"]), _find(index, lab["b"])
        return bool(x and y and block.get(x["id"]) and block.get(x["id"]) == block.get(y["id"]))

    res = {
        "date": args.date or dt.date.today().isoformat(),
        "verbatim": score(v_labels, verbatim, index, {"verbatim"}),
        "verbatim_same_speaker": score([lab for lab in v_labels if same_block(lab)], verbatim, index, {"verbatim"}),
        "paraphrase_same_speaker": score([lab for lab in labels if same_block(lab)], para, index, {"verbatim", "paraphrase"}),
        "paraphrase": score(labels, para, index, {"verbatim", "paraphrase"}),
        "baseline_exact": {"verbatim": score(v_labels, exact, index, {"verbatim"}),
                           "paraphrase": score(labels, exact, index, {"verbatim", "paraphrase"})},
        "baseline_speaker": {"verbatim": score(v_labels, per_speaker, index, {"verbatim"}),
                             "paraphrase": score(labels, per_speaker, index, {"verbatim", "paraphrase"})},
        "labels": {k: sum(lab["label"] == k for lab in labels) for k in ("verbatim", "paraphrase", "different")},
        "statements": len(rows), "claims": len(claims),
    }
    out = ROOT / "eval" / "results" / f"claims-{res['date']}.json"
    out.write_text(json.dumps(res, indent=1))
    print(json.dumps(res, indent=1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("ingest")
    p.add_argument("--workers", type=int, default=1)
    sub.add_parser("candidates")
    p = sub.add_parser("eval")
    p.add_argument("--date")
    args = ap.parse_args()
    {"ingest": cmd_ingest, "candidates": cmd_candidates, "eval": cmd_eval}[args.cmd](args)


if __name__ == "__main__":
    main()
