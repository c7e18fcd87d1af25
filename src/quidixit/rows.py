"""Flat rows of an Analysis: the one column layout shared by the SQLite store,
CSV/Parquet export and the Spark job, so that all of them carry the same fields
as the interchange JSON.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .model import Analysis, Statement

__all__ = ["ARTICLE_COLUMNS", "STATEMENT_COLUMNS", "RECORD_COLUMNS", "article_row", "statement_rows", "statement_id"]

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

# A statement with its resolved speaker and where its article comes from: the ONE layout
# of a statement in CSV and Parquet (``quidixit export``, ``quidixit search --format csv``,
# the web UI's .csv pages), and the keys of a search hit (quidixit.search).
RECORD_COLUMNS = STATEMENT_COLUMNS + ("speaker_id", "speaker", "outlet", "published", "title", "url", "source")


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


from typing import Iterable, Mapping  # noqa: E402  (appended section)

__all__ += ["analysis_from_rows"]


def analysis_from_rows(article: Mapping[str, Any], statements: Iterable[Mapping[str, Any]] = ()) -> Analysis:
    """The inverse of :func:`article_row` and :func:`statement_rows`: an Analysis
    rebuilt from its flat rows (statements in ``idx`` order). Extra keys, such as
    the partition columns of a Parquet dataset, are ignored.

    ``article_row(analysis_from_rows(a, s)) == a`` and likewise for the statements.
    """
    from .model import Article, Boilerplate, Content, Cue, Speaker

    def loads(value: Any, default: Any) -> Any:
        if value is None or value == "":
            return default
        return json.loads(value) if isinstance(value, (str, bytes)) else value

    meta = loads(article.get("meta"), {}) or {}
    art = Article(
        text=article["text"],
        id=article.get("id"),
        title=article.get("title"),
        url=article.get("url"),
        outlet=article.get("outlet"),
        published=article.get("published"),
        language=article.get("language"),
        source=article.get("source"),
        meta=dict(meta),
    )
    sts = []
    for r in sorted(statements, key=lambda r: r["idx"]):
        spans = tuple(tuple(s) for s in loads(r.get("content_spans"), []))
        cue = None
        if r.get("cue_start") is not None:
            cue = Cue(r["cue_start"], r["cue_end"], r["cue_text"], r.get("cue_lemma") or r["cue_text"])
        speaker = None
        if r.get("speaker_start") is not None:
            speaker = Speaker(
                r["speaker_start"], r["speaker_end"], r["speaker_text"],
                r.get("speaker_name") or None,  # an unresolved speaker has no name, not its mention's text
                r.get("speaker_type") or "unknown", r.get("speaker_role"),
            )
        sts.append(Statement(
            kind=r["kind"],
            content=Content(r["content_start"], r["content_end"], r["content_text"], spans),  # type: ignore[arg-type]
            cue=cue,
            speaker=speaker,
            confidence=float(r["confidence"]) if r.get("confidence") is not None else 1.0,
            field=r.get("field") or "text",
        ))
    return Analysis(
        article=art,
        statements=tuple(sts),
        boilerplate=tuple(Boilerplate.from_dict(b) for b in loads(article.get("boilerplate"), [])),
        scare_quotes=tuple(tuple(s) for s in loads(article.get("scare_quotes"), [])),  # type: ignore[misc]
    )
