"""Server-side rendering helpers: an article's text cut into marked segments,
and the numbers behind the inline SVG charts.

Nothing here builds markup: it returns plain data that the Jinja templates
render with autoescape on, so that article text (hostile input) can never
become markup. Offsets are Python ``str`` offsets into the text, as stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

__all__ = ["Segment", "segment_text", "speaker_colours", "N_COLOURS", "bars", "timeline"]

N_COLOURS = 10  # qx-c0 .. qx-c9 in qx.css


@dataclass
class Segment:
    """A stretch of text with one unchanging set of marks over it."""

    start: int
    end: int
    text: str
    classes: list[str] = field(default_factory=list)
    st: list[int] = field(default_factory=list)  # statements whose content covers it
    of: list[int] = field(default_factory=list)  # statements whose cue / speaker mention it is
    anchors: list[int] = field(default_factory=list)  # statements that start here
    title: str = ""

    @property
    def plain(self) -> bool:
        return not (self.classes or self.st or self.of or self.anchors)

    @property
    def cls(self) -> str:
        return " ".join(self.classes)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "classes": self.classes, "statements": self.st, "parts_of": self.of}


def _json_list(value: Any) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return list(value) if isinstance(value, (list, tuple)) else []


def speaker_colours(statements: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Speaker key -> colour number, in order of first appearance."""
    colours: dict[str, int] = {}
    for s in statements:
        key = speaker_key(s)
        if key is not None and key not in colours:
            colours[key] = len(colours) % N_COLOURS
    return colours


def speaker_key(s: dict[str, Any]) -> str | None:
    """The corpus-wide speaker when linked (so "Borne" and "Élisabeth Borne" share
    a colour), else the name as extracted."""
    if s.get("speaker_id"):
        return "id:" + str(s["speaker_id"])
    name = s.get("speaker_name")
    return None if not name else "name:" + str(name)


def colour_class(s: dict[str, Any], colours: dict[str, int]) -> str:
    key = speaker_key(s)
    return "qx-cx" if key is None else f"qx-c{colours.get(key, 0)}"


def segment_text(
    text: str,
    statements: Sequence[dict[str, Any]],
    *,
    boilerplate: Any = None,
    scare_quotes: Any = None,
    colours: dict[str, int] | None = None,
) -> list[Segment]:
    """Cut ``text`` at every mark boundary; each piece knows what covers it.

    ``statements`` are store rows (``content_start``, ``content_end``,
    ``content_spans``, ``cue_start``, ... ``kind``, ``speaker_name``); their
    position in the sequence is the number used in ``st``/``of``/``anchors``.
    Overlapping and nested statements are fine: a piece inside two
    statements lists both, and takes its colour and style from the innermost.
    Marks outside the text are clipped; empty or inverted ones are ignored.
    """
    n = len(text)
    colours = colours if colours is not None else speaker_colours(statements)
    marks: list[tuple[int, int, str, Any]] = []

    def add(start: Any, end: Any, kind: str, payload: Any) -> None:
        if start is None or end is None:
            return
        try:
            a, b = max(0, int(start)), min(n, int(end))
        except (TypeError, ValueError):
            return
        if a < b:
            marks.append((a, b, kind, payload))

    content_len: dict[int, int] = {}
    for i, s in enumerate(statements):
        spans = _json_list(s.get("content_spans")) or [(s.get("content_start"), s.get("content_end"))]
        for sp in spans:
            if isinstance(sp, (list, tuple)) and len(sp) == 2:
                add(sp[0], sp[1], "st", i)
        try:
            content_len[i] = int(s.get("content_end")) - int(s.get("content_start"))
        except (TypeError, ValueError):
            content_len[i] = n
        add(s.get("cue_start"), s.get("cue_end"), "cue", i)
        add(s.get("speaker_start"), s.get("speaker_end"), "spk", i)
    for b in _json_list(boilerplate):
        if isinstance(b, dict):
            add(b.get("start"), b.get("end"), "bp", str(b.get("kind") or "other"))
    for sq in _json_list(scare_quotes):
        if isinstance(sq, (list, tuple)) and len(sq) == 2:
            add(sq[0], sq[1], "sq", None)

    bounds = sorted({0, n, *(m[0] for m in marks), *(m[1] for m in marks)})
    starts: dict[int, list[int]] = {}
    first_start = {}
    for a, _, kind, i in sorted(marks):
        if kind == "st" and i not in first_start:
            first_start[i] = a
            starts.setdefault(a, []).append(i)

    segments: list[Segment] = []
    for a, b in zip(bounds, bounds[1:]):
        active = [m for m in marks if m[0] <= a and m[1] >= b]
        seg = Segment(a, b, text[a:b])
        st = sorted({m[3] for m in active if m[2] == "st"})
        of = sorted({m[3] for m in active if m[2] in ("cue", "spk")})
        seg.st, seg.of = st, of
        seg.anchors = sorted(starts.get(a, []))
        titles = []
        if st:
            inner = min(st, key=lambda i: (content_len[i], -i))
            s = statements[inner]
            seg.classes += ["qx-st", f"qx-k-{_safe(s.get('kind'))}", colour_class(s, colours)]
            if len(st) > 1:
                seg.classes.append("qx-nested")
            who = s.get("speaker_name") or (f"“{s['speaker_text']}” (unresolved)" if s.get("speaker_text") else "unknown speaker")
            titles.append(f"{s.get('kind')}: {who}")
        for kind, label in (("cue", "qx-cue"), ("spk", "qx-spk")):
            owners = sorted({m[3] for m in active if m[2] == kind})
            if owners:
                seg.classes.append(label)
                if not st:
                    seg.classes.append(colour_class(statements[owners[0]], colours))
                titles.append("cue" if kind == "cue" else "speaker mention")
        if any(m[2] == "sq" for m in active):
            seg.classes.append("qx-sq")
            titles.append("scare quotes (not speech)")
        bp = sorted({m[3] for m in active if m[2] == "bp"})
        if bp:
            seg.classes += ["qx-bp"] + [f"qx-bp-{_safe(k)}" for k in bp]
            titles.append("boilerplate: " + ", ".join(bp))
        seg.title = "; ".join(titles)
        segments.append(seg)
    if not segments and n == 0:
        return []
    return segments


def _safe(value: Any) -> str:
    """A class-name-safe token (kinds come from the store, not from us)."""
    s = "".join(c if c.isalnum() or c in "_-" else "_" for c in str(value or "none"))
    return s[:40] or "none"


# ---------------------------------------------------------------- charts


def bars(items: Iterable[tuple[str, float]], *, width: float = 100.0) -> list[dict[str, Any]]:
    """Horizontal bar rows: label, value, share of the total, bar length in %
    of the largest value (for an SVG with viewBox width ``width``)."""
    items = [(str(k), float(v or 0)) for k, v in items]
    total = sum(v for _, v in items) or 1.0
    top = max((v for _, v in items), default=0.0) or 1.0
    return [
        {"label": k, "value": v, "share": v / total, "len": round(width * v / top, 2)}
        for k, v in items
    ]


def timeline(counts: Sequence[tuple[str, int]], *, width: int = 340, height: int = 130) -> dict[str, Any]:
    """Vertical bars for (period, count) pairs, already sorted by period.
    Missing months between the first and last are filled with zeros."""
    counts = _fill_months(list(counts))
    n = max(len(counts), 1)
    top = max((c for _, c in counts), default=0) or 1
    slot = width / n
    bw = max(slot * 0.8, 1.0)
    cols = []
    for i, (period, c) in enumerate(counts):
        h = round((height - 20) * c / top, 2)
        cols.append({
            "period": period, "count": c,
            "x": round(i * slot + (slot - bw) / 2, 2), "w": round(bw, 2),
            "y": round(height - 16 - h, 2), "h": h,
        })
    step = max(1, n // 6)
    labels = [
        {"x": round(i * slot + slot / 2, 2), "text": p}
        for i, (p, _) in enumerate(counts) if i % step == 0
    ]
    return {"width": width, "height": height, "cols": cols, "labels": labels, "max": top}


def _fill_months(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    def ym(p: str) -> tuple[int, int] | None:
        try:
            y, m = p[:7].split("-")
            return int(y), int(m)
        except (ValueError, AttributeError):
            return None

    known = [(ym(p), c) for p, c in counts]
    if not known or any(k is None for k, _ in known) or len(known) > 240:
        return counts
    d = {k: c for k, c in known}
    (y, m), last = known[0][0], known[-1][0]
    out = []
    while (y, m) <= last and len(out) < 240:
        out.append((f"{y:04d}-{m:02d}", d.get((y, m), 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
