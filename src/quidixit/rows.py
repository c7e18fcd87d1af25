"""Flat rows of an Analysis: the one column layout shared by the SQLite store,
CSV/Parquet export and the Spark job, so that all of them carry the same fields
as the interchange JSON.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .model import Analysis, Statement

__all__ = ["ARTICLE_COLUMNS", "STATEMENT_COLUMNS", "article_row", "statement_rows", "statement_id"]

ARTICLE_COLUMNS = (
    "id", "source", "url", "outlet", "published", "title", "language", "text",
    "boilerplate", "scare_quotes", "meta", "n_statements",
)
STATEMENT_COLUMNS = (
    "id", "article_id", "idx", "kind", "field",
    "content_start", "content_end", "content_text", "content_spans",
    "cue_start", "cue_end", "cue_text", "cue_lemma",
    "speaker_start", "speaker_end", "speaker_text", "speaker_name", "speaker_type", "speaker_role",
    "confidence",
)


def statement_id(article_id: str, st: Statement) -> str:
    """Stable across runs: the article, where the content is, and its kind."""
    key = f"{article_id}|{st.field}|{st.content.start}|{st.content.end}|{st.kind}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def article_row(an: Analysis) -> dict[str, Any]:
    a = an.article
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "outlet": a.outlet,
        "published": a.published,
        "title": a.title,
        "language": a.language,
        "text": a.text,
        "boilerplate": json.dumps([b.to_dict() for b in an.boilerplate], ensure_ascii=False),
        "scare_quotes": json.dumps([list(s) for s in an.scare_quotes]),
        "meta": json.dumps(a.meta, ensure_ascii=False, default=str) if a.meta else None,
        "n_statements": len(an.statements),
    }


def statement_rows(an: Analysis) -> list[dict[str, Any]]:
    rows = []
    aid = an.article.id or ""
    for i, st in enumerate(an.statements):
        c, q, s = st.content, st.cue, st.speaker
        rows.append({
            "id": statement_id(aid, st),
            "article_id": aid,
            "idx": i,
            "kind": st.kind,
            "field": st.field,
            "content_start": c.start,
            "content_end": c.end,
            "content_text": c.text,
            "content_spans": json.dumps([list(x) for x in c.spans]) if len(c.spans) > 1 else None,
            "cue_start": q.start if q else None,
            "cue_end": q.end if q else None,
            "cue_text": q.text if q else None,
            "cue_lemma": q.lemma if q else None,
            "speaker_start": s.start if s else None,
            "speaker_end": s.end if s else None,
            "speaker_text": s.text if s else None,
            "speaker_name": s.name if s else None,
            "speaker_type": s.type if s else None,
            "speaker_role": s.role if s else None,
            "confidence": round(st.confidence, 3),
        })
    return rows
