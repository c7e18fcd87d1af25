"""W3C Web Annotation (JSON-LD): one annotation per statement, and optionally per cue and speaker mention.

Every annotation targets the article (its URL, or ``urn:quidixit:article:ID``)
with a ``TextQuoteSelector`` (exact, prefix, suffix) and a ``TextPositionSelector``.
Positions are Unicode code points (Python ``str`` indices), as everywhere in
quidixit; JavaScript counts UTF-16 code units, so each position selector also
carries ``qx:utf16Start`` / ``qx:utf16End`` (they differ after a character outside
the Basic Multilingual Plane, such as an emoji). A content split by an incise has
one target per piece. Statements found in a title read apart from the text target
the title: their target has ``"qx:field": "title"``.

Bodies: the kind (``purpose`` "classifying"), the speaker's resolved name
("identifying"), a readable description ("describing"); cue and speaker-mention
annotations point at their statement with ``qx:statement``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, TextIO

from ..model import Analysis, Statement
from ._common import GENERATOR, article_iri, field_text, pieces, statement_iri, utf16
from ._json import dump

__all__ = ["CONTEXT", "QX_VOCAB", "CONTEXT_SIZE", "annotations", "collection", "write"]

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
QX_VOCAB = "urn:quidixit:vocab#"
CONTEXT_SIZE = 32  # characters of prefix and suffix in a TextQuoteSelector


def _target(source: str, text: str, start: int, end: int, field: str) -> dict[str, Any]:
    target: dict[str, Any] = {
        "source": source,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": text[start:end],
                "prefix": text[max(0, start - CONTEXT_SIZE):start],
                "suffix": text[end:end + CONTEXT_SIZE],
            },
            {
                "type": "TextPositionSelector",
                "start": start,
                "end": end,
                "qx:utf16Start": utf16(text, start),
                "qx:utf16End": utf16(text, end),
            },
        ],
    }
    if field != "text":
        target["qx:field"] = field
    return target


def _describe(st: Statement) -> str:
    who = "no speaker"
    if st.speaker is not None:
        sp = st.speaker
        who = sp.name if sp.name is not None else f"“{sp.text}” (unresolved)"
        details = ", ".join(x for x in (sp.type, sp.role) if x)
        who += f" ({details})" if details else ""
    cue = f", cue “{st.cue.text}”" if st.cue else ""
    return f"{st.kind} statement of {who}{cue}"


def annotations(analysis: Analysis, *, parts: bool = False) -> list[dict[str, Any]]:
    """The annotations of one article; with ``parts``, also one per cue and per speaker mention."""
    analysis = analysis if analysis.article.id else Analysis(analysis.article.with_id(), analysis.statements)
    source = article_iri(analysis)
    out = []
    for st in analysis.statements:
        text = field_text(analysis, st)
        ident = statement_iri(analysis, st)
        body: list[dict[str, Any]] = [
            {"type": "TextualBody", "purpose": "classifying", "value": st.kind, "format": "text/plain"},
        ]
        if st.speaker is not None and st.speaker.name:
            body.append({"type": "TextualBody", "purpose": "identifying", "value": st.speaker.name, "format": "text/plain"})
        body.append({"type": "TextualBody", "purpose": "describing", "value": _describe(st), "format": "text/plain",
                     "language": "en"})
        targets = [_target(source, text, s, e, st.field) for s, e in pieces(st)]
        out.append({
            "@context": [CONTEXT, {"qx": QX_VOCAB}],
            "id": ident,
            "type": "Annotation",
            "motivation": "classifying",
            "generator": {"type": "Software", "name": GENERATOR},
            "body": body,
            "target": targets[0] if len(targets) == 1 else targets,
            "qx:confidence": round(st.confidence, 3),
        })
        if not parts:
            continue
        for role, span in (("cue", st.cue), ("speaker", st.speaker)):
            if span is None:
                continue
            value = role if role == "cue" else f"speaker mention ({span.type})"
            out.append({
                "@context": [CONTEXT, {"qx": QX_VOCAB}],
                "id": f"{ident}:{role}",
                "type": "Annotation",
                "motivation": "tagging",
                "generator": {"type": "Software", "name": GENERATOR},
                "body": {"type": "TextualBody", "purpose": "tagging", "value": value, "format": "text/plain"},
                "target": _target(source, text, span.start, span.end, st.field),
                "qx:statement": ident,
            })
    return out


def collection(analyses: Iterable[Analysis], *, parts: bool = False, label: str = "quidixit statements") -> dict[str, Any]:
    """All annotations as one ``AnnotationCollection`` with a single ``AnnotationPage``."""
    items = [a for an in analyses for a in annotations(an, parts=parts)]
    for a in items:  # inside a collection, the collection's context applies
        a.pop("@context", None)
    return {
        "@context": [CONTEXT, {"qx": QX_VOCAB}],
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def write(analyses: Iterable[Analysis], out: TextIO | str | Path, *, parts: bool = False) -> int:
    """Write the collection as JSON-LD; returns the number of annotations."""
    doc = collection(analyses, parts=parts)
    dump(doc, out)
    return doc["total"]
