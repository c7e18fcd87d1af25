"""What the export formats share: how an article and a statement are named, and UTF-16 offsets."""

from __future__ import annotations

from ..about import __version__
from ..model import Analysis, Statement
from ..rows import statement_id

__all__ = ["GENERATOR", "article_iri", "statement_iri", "utf16", "field_text", "text_statements", "pieces"]

GENERATOR = f"quidixit {__version__}"


def article_iri(analysis: Analysis) -> str:
    """The article's URL when it has one, else a stable URN from its id (``urn:quidixit:article:ID``)."""
    a = analysis.article
    if a.url:
        return a.url
    return f"urn:quidixit:article:{a.with_id().id}"


def statement_iri(analysis: Analysis, st: Statement) -> str:
    """``urn:quidixit:statement:ID``, ID the store's statement id (:func:`quidixit.rows.statement_id`)."""
    return f"urn:quidixit:statement:{statement_id(analysis.article.with_id().id or '', st)}"


def utf16(text: str, offset: int) -> int:
    """A code-point offset into ``text`` as a UTF-16 offset (what JavaScript's ``String`` indexes)."""
    return offset + sum(1 for c in text[:offset] if ord(c) > 0xFFFF)


def field_text(analysis: Analysis, st: Statement) -> str:
    """The string the statement's offsets index: the article text, or its title."""
    return (analysis.article.title or "") if st.field == "title" else analysis.article.text


def text_statements(analysis: Analysis) -> list[Statement]:
    """The statements whose offsets index the text (title statements are left out by standoff formats)."""
    return [st for st in analysis.statements if st.field == "text"]


def pieces(st: Statement) -> tuple[tuple[int, int], ...]:
    """The content's spans: one, or the pieces an incise splits it into."""
    return tuple(st.content.spans) or ((st.content.start, st.content.end),)

