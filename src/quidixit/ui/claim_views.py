"""The claim pages of the UI: lists of claims (most outlets, possible misquotes) and
one claim (its appearances on a timeline by outlet, the first marked, the verbatim
versions side by side with the changed words highlighted).

Reads the claim tables (:mod:`quidixit.claim_store`) on Datasette's read-only
connections; the layout numbers are computed here and rendered by the templates
(autoescape on: nothing here builds markup).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any
from urllib.parse import quote, unquote

from datasette.utils.asgi import NotFound

from .. import claim_store
from ..claim_clusters import compare, published_date

__all__ = ["claims_view", "claim_view", "claim_timeline", "side_by_side", "article_claims", "ROUTES"]

LIST_SIZE = 50


def _has_claims(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'claims'").fetchone() is not None


def article_claims(conn: sqlite3.Connection, article_id: str) -> dict[str, dict]:
    """{statement id: its claim's links} for the article page ("also reported by N outlets")."""
    return claim_store.claims_of_article(conn, article_id) if _has_claims(conn) else {}


def _lists(conn: sqlite3.Connection) -> dict[str, Any]:
    if not _has_claims(conn):
        return {"top": [], "misquotes": [], "n": 0}
    return {
        "top": claim_store.claims(conn, min_articles=2, limit=LIST_SIZE),
        "misquotes": claim_store.claims(conn, misquotes=True, limit=LIST_SIZE),
        "n": conn.execute("SELECT count(*) FROM claims WHERE n_articles > 1").fetchone()[0],
    }


def _day(value: str | None) -> date | None:
    d = published_date(value)
    if d is None:
        return None
    return d.date() if hasattr(d, "hour") else d


def claim_timeline(statements: list[dict[str, Any]], first_id: str, *, width: int = 720, row: int = 28,
                   left: int = 150) -> dict[str, Any]:
    """Rows = outlets (in order of their first appearance), x = publication day; one dot per
    statement; undated statements in a column of their own at the right."""
    outlets: list[str] = []
    for s in statements:
        o = s["outlet"] or "(no outlet)"
        if o not in outlets:
            outlets.append(o)
    days = [d for d in (_day(s["published"]) for s in statements) if d is not None]
    d0, d1 = (min(days), max(days)) if days else (None, None)
    span = max(1, (d1 - d0).days) if days else 1
    undated_x = width - 20
    plot_right = width - 60 if len(days) < len(statements) else width - 20
    dots, labels = [], []
    for s in statements:
        d = _day(s["published"])
        if d is None:
            x = undated_x
        elif d0 == d1:
            x = (left + plot_right) // 2
        else:
            x = left + round((d - d0).days / span * (plot_right - left))
        y = 20 + outlets.index(s["outlet"] or "(no outlet)") * row
        while any(abs(d["x"] - x) < 12 and d["y"] == y for d in dots):  # same outlet, same day: side by side
            x += 14
        dots.append({"x": x, "y": y, "first": s["statement_id"] == first_id, "level": s["level"],
                     "misquote": s.get("misquote"), "variant": s.get("variant"),
                     "label": f"{s['outlet'] or '(no outlet)'} · {s['published'] or 'no date'} · {s['kind']}",
                     "href_article": s["article_id"], "idx": s.get("idx")})
    for n, o in enumerate(outlets):
        labels.append({"y": 24 + n * row, "text": o})
    ticks = []
    if days:
        ticks.append({"x": left if d0 != d1 else (left + plot_right) // 2, "text": d0.isoformat(),
                      "anchor": "start" if d0 != d1 else "middle"})
        if d1 != d0:
            ticks.append({"x": plot_right, "text": d1.isoformat(), "anchor": "end"})
    if len(days) < len(statements):
        ticks.append({"x": undated_x, "text": "no date", "anchor": "end"})
    height = 20 + len(outlets) * row + 20
    return {"width": width, "height": height, "dots": dots, "labels": labels, "ticks": ticks, "left": left,
            "right": plot_right, "axis_y": height - 18}


def side_by_side(reference: str, variant: str) -> dict[str, list[dict[str, Any]]]:
    """The two texts as pieces, each ``{"text", "mark"}`` with mark ``""`` (same words),
    ``"changed"`` (a material difference) or ``"cut"`` (left out at an end or at "[…]")."""
    diffs, pieces = compare(reference, variant)
    left, right = [], []
    k = 0
    for n, (op, a, b) in enumerate(pieces):
        if op == "equal":
            left.append({"text": a, "mark": ""})
            right.append({"text": b, "mark": ""})
            continue
        d = diffs[k]
        k += 1
        mark = "cut" if d.cut else "changed"
        if a:
            left.append({"text": a, "mark": mark})
        if b:
            right.append({"text": b, "mark": mark})
        if n + 1 < len(pieces):  # keep a space between pieces that the alignment cut apart
            left.append({"text": " ", "mark": ""})
            right.append({"text": " ", "mark": ""})
    for side in (left, right):
        for i in range(len(side) - 1):
            if side[i]["text"] and side[i + 1]["text"] and not side[i]["text"][-1].isspace() \
                    and not side[i + 1]["text"][0].isspace() and side[i + 1]["text"] != " ":
                side[i]["text"] += " "
    return {"left": left, "right": right}


def _claim_page(conn: sqlite3.Connection, claim_id: str) -> dict[str, Any] | None:
    if not _has_claims(conn):
        return None
    c = claim_store.claim(conn, claim_id)
    if c is None:
        return None
    by_id = {s["statement_id"]: s for s in c["statements"]}
    canonical = conn.execute("SELECT canonical_statement_id FROM claims WHERE id = ?", (claim_id,)).fetchone()[0]
    variants = []
    for s in c["statements"]:
        if s["level"] != "verbatim" or s["statement_id"] == canonical or not s["variant"]:
            continue
        ref = by_id.get(s["reference"]) or by_id.get(canonical)
        if ref is None:
            continue
        variants.append({"s": s, "ref": ref, "pieces": side_by_side(ref["text"], s["text"]),
                         "is_canonical": ref["statement_id"] == canonical})
    return {"c": c, "canonical": canonical, "variants": variants,
            "timeline": claim_timeline(c["statements"], c["first"]["statement_id"]),
            "verbatim": [s for s in c["statements"] if s["level"] == "verbatim"],
            "paraphrases": [s for s in c["statements"] if s["level"] == "paraphrase"]}


async def claims_view(datasette, request):
    from .plugin import _db, _format, _json, _render

    fmt = _format(request)
    db = _db(datasette)
    data = await db.execute_fn(_lists)
    if fmt == "json":
        return _json(data)
    return await _render(datasette, request, "qx_claims.html", {
        "d": data, "api": {"json": "/claims.json"}, "db_name": db.name,
    })


async def claim_view(datasette, request):
    from .plugin import _db, _format, _json, _render

    fmt = _format(request)
    db = _db(datasette)
    cid = unquote(request.url_vars["id"])
    data = await db.execute_fn(lambda c: _claim_page(c, cid))
    if data is None:
        raise NotFound(f"No claim {cid!r} in this store.")
    if fmt == "json":
        return _json(data["c"])
    return await _render(datasette, request, "qx_claim.html", dict(
        data, api={"json": "/claims/" + quote(cid, safe="") + ".json"}, db_name=db.name))


ROUTES = [
    (r"^/claims(?P<fmt>\.json)?$", claims_view),
    (r"^/claims/(?P<id>[^/]+?)(?P<fmt>\.json)?$", claim_view),
]
