"""Pick FreSaDa articles that quote the same words as another article (step 1 of the claims gold).

Imported by make_gold.py; not a stage of quidixit. Deterministic: same data, same choice.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def _quoted(text: str) -> list[str]:
    # FreSaDa normalised every quote mark to '"': pair them up in order
    parts = text.split('"')
    return [parts[i] for i in range(1, len(parts), 2) if 20 <= len(parts[i]) <= 600]


def _shingles(words: list[str], k: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + k]) for i in range(len(words) - k + 1)}


def select(path: Path, *, k: int = 6, min_shared: int = 3, max_pairs: int = 220, max_dups: int = 40) -> tuple[list[dict], list[dict]]:
    """(articles, pairs): the articles of pairs that share at least ``min_shared`` quoted
    ``k``-grams, with their whole-text overlap (``dup`` when the texts are near copies)."""
    arts = {}
    for line in path.open(encoding="utf-8"):
        a = json.loads(line)
        arts[a["id"]] = a
    post = defaultdict(set)
    for aid, a in arts.items():
        for q in _quoted(a["text"]):
            for sh in _shingles(_words(q), k):
                post[sh].add(aid)
    shared = Counter()
    for ids in post.values():
        if 2 <= len(ids) <= 8:
            ids = sorted(ids)
            for i in range(len(ids)):
                for j in range(i + 1, len(ids)):
                    shared[ids[i], ids[j]] += 1
    pairs = []
    for (a, b), n in sorted(shared.items()):
        if n < min_shared:
            continue
        A, B = _shingles(_words(arts[a]["text"]), 3), _shingles(_words(arts[b]["text"]), 3)
        jac = len(A & B) / max(1, len(A | B))
        pairs.append({"a": a, "b": b, "shared": n, "text_jaccard": round(jac, 3), "dup": jac >= 0.5})
    distinct = [p for p in pairs if not p["dup"]][:max_pairs]
    dups = [p for p in pairs if p["dup"]][:max_dups]
    chosen = distinct + dups
    ids = sorted({p["a"] for p in chosen} | {p["b"] for p in chosen})
    return [arts[i] for i in ids], chosen
