"""The one data model of quidixit: articles in, statements out.

Every position is a character offset into the text exactly as given (Python
``str`` indices, end exclusive), never into a normalised copy, so that any
consumer can highlight ``text[start:end]``.

All classes are frozen dataclasses. ``to_dict`` gives the interchange JSON
(see ``docs/format.md``); ``from_dict`` reads it back.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

__all__ = [
    "KINDS",
    "SPEAKER_TYPES",
    "BOILERPLATE_KINDS",
    "Article",
    "Content",
    "Cue",
    "Speaker",
    "Statement",
    "Boilerplate",
    "Analysis",
    "Failure",
    "Skipped",
    "article_id",
    "url_key",
    "text_key",
]

KINDS = ("direct", "indirect", "mixed", "according_to", "headline")
SPEAKER_TYPES = ("person", "organization", "document", "anonymous", "group", "unknown")
BOILERPLATE_KINDS = ("teaser", "byline", "dateline", "caption", "other")


def _norm_for_id(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip()


def article_id(text: str, url: str | None = None) -> str:
    """A stable id: from the URL when there is one, else from the normalised text.

    Never raises: a lone surrogate (not valid Unicode; readers reject such texts
    with QX113) is hashed as its code point, so it can still be named in an error."""
    key = ("url:" + url.strip()) if url else ("text:" + _norm_for_id(text))
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero-width


def url_key(url: str | None) -> str | None:
    """The comparison form of an article's URL: http and https, ``www.``, case of the
    host, a trailing slash, the fragment and ``utm_*`` tracking parameters do not matter.
    None for a missing or blank URL."""
    if not url or not url.strip():
        return None
    from urllib.parse import parse_qsl, urlencode, urlsplit

    u = url.strip()
    try:
        p = urlsplit(u)
    except ValueError:
        return u
    if p.scheme.lower() not in ("http", "https") or not p.netloc:
        return u
    host = p.netloc.lower()
    host = host[4:] if host.startswith("www.") else host
    query = urlencode([(k, v) for k, v in parse_qsl(p.query, keep_blank_values=True) if not k.lower().startswith("utm_")])
    path = p.path.rstrip("/") or ""
    return f"{host}{path}" + (f"?{query}" if query else "")


def text_key(text: str, title: str | None = None) -> str:
    """A hash of the article's text in comparison form, so that the same article read
    from a JSONL file and from an HTML page is one: Unicode compatibility forms
    (no-break and narrow spaces are spaces), soft hyphens and zero-width characters
    dropped, spaces collapsed, case folded, and the title left out when the text
    begins with it (an HTML extractor often puts it there)."""
    t = " ".join(unicodedata.normalize("NFKC", text).translate(_INVISIBLE).split()).casefold()
    if title:
        head = " ".join(unicodedata.normalize("NFKC", title).translate(_INVISIBLE).split()).casefold()
        if head and t.startswith(head) and len(t) > len(head):
            t = t[len(head):].lstrip()
    return hashlib.sha1(t.encode("utf-8", "surrogatepass")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Article:
    """One document. Only ``text`` is required."""

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date or datetime (readers normalise it: quidixit.dates)
    language: str | None = None
    source: str | None = None  # where it was read from: a path, a WARC record, ...
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def with_id(self) -> "Article":
        """This article with ``id`` filled in (stable, see :func:`article_id`)."""
        if self.id:
            return self
        return replace(self, id=article_id(self.text, self.url))

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in ("id", "title", "url", "outlet", "published", "language", "source")}
        d = {k: v for k, v in d.items() if v is not None}
        if self.meta:
            d["meta"] = dict(self.meta)
        d["text"] = self.text
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        known = {"id", "title", "url", "outlet", "published", "language", "source", "text", "meta"}
        meta = dict(d.get("meta") or {})
        meta.update({k: v for k, v in d.items() if k not in known})
        published = d.get("published", d.get("date"))
        if "date" in meta and published == meta["date"]:
            del meta["date"]
        ident = d.get("id")
        return cls(
            text=d["text"],
            id=None if ident is None else str(ident),
            title=d.get("title"),
            url=d.get("url"),
            outlet=d.get("outlet"),
            published=None if published is None else str(published),
            language=d.get("language"),
            source=d.get("source"),
            meta=meta,
        )


@dataclass(frozen=True, slots=True)
class Content:
    """What was said. ``spans`` holds the pieces when an incise splits it."""

    start: int
    end: int
    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if len(self.spans) > 1:
            d["spans"] = [list(s) for s in self.spans]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Content":
        spans = tuple(tuple(s) for s in d.get("spans") or ())
        return cls(d["start"], d["end"], d["text"], spans)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Cue:
    """The words that introduce the speech: "a fait savoir", "selon", "a-t-il ajouté"."""

    start: int
    end: int
    text: str
    lemma: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "lemma": self.lemma}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Cue":
        return cls(d["start"], d["end"], d["text"], d.get("lemma") or d["text"])


@dataclass(frozen=True, slots=True)
class Speaker:
    """The mention that carries the attribution, and who it is within the article.

    ``name`` is ``None`` when the mention could not be resolved (a pronoun with
    nobody to refer to): the mention is kept, the name is never made up from it.
    """

    start: int
    end: int
    text: str
    name: str | None
    type: str = "unknown"  # one of SPEAKER_TYPES
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "name": self.name,
            "type": self.type,
            "role": self.role,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Speaker":
        name = d["name"] if "name" in d else d["text"]  # a null name stays null; files without one give the mention
        if name is not None and not name.strip():
            name = None
        return cls(d["start"], d["end"], d["text"], name, d.get("type") or "unknown", d.get("role"))


@dataclass(frozen=True, slots=True)
class Statement:
    """One attributed statement."""

    kind: str  # one of KINDS
    content: Content
    cue: Cue | None
    speaker: Speaker | None
    confidence: float = 1.0
    field: str = "text"  # "text", or "title" when the offsets index Article.title

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "kind": self.kind,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "confidence": round(self.confidence, 3),
        }
        if self.field != "text":
            d["field"] = self.field
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Statement":
        return cls(
            kind=d["kind"],
            content=Content.from_dict(d["content"]),
            cue=Cue.from_dict(d["cue"]) if d.get("cue") else None,
            speaker=Speaker.from_dict(d["speaker"]) if d.get("speaker") else None,
            confidence=float(d.get("confidence", 1.0)),
            field=d.get("field", "text"),
        )


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A stretch of the page that is not the article: teaser, byline, dateline."""

    start: int
    end: int
    kind: str  # one of BOILERPLATE_KINDS
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Boilerplate":
        return cls(d["start"], d["end"], d["kind"], d["text"])


@dataclass(frozen=True, slots=True)
class Analysis:
    """An article with what quidixit found in it."""

    article: Article
    statements: tuple[Statement, ...]
    boilerplate: tuple[Boilerplate, ...] = ()
    scare_quotes: tuple[tuple[int, int], ...] = ()  # quoted stretches that are not speech

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        d = self.article.to_dict()
        if not with_text:
            d.pop("text", None)
        d["statements"] = [s.to_dict() for s in self.statements]
        d["boilerplate"] = [b.to_dict() for b in self.boilerplate]
        d["scare_quotes"] = [list(s) for s in self.scare_quotes]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any], text: str | None = None) -> "Analysis":
        art = dict(d)
        for k in ("statements", "boilerplate", "scare_quotes"):
            art.pop(k, None)
        if text is not None:
            art["text"] = text
        return cls(
            article=Article.from_dict(art),
            statements=tuple(Statement.from_dict(s) for s in d.get("statements", ())),
            boilerplate=tuple(Boilerplate.from_dict(b) for b in d.get("boilerplate", ())),
            scare_quotes=tuple(tuple(s) for s in d.get("scare_quotes", ())),  # type: ignore[misc]
        )


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be read or analysed. Batches yield it and go on."""

    source: str  # file path, "path:line", WARC record URI, ...
    message: str  # the coded, one-line message
    stage: str = "read"  # "read", "extract", "store"
    article_id: str | None = None
    code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "article_id": self.article_id,
            "stage": self.stage,
            "code": self.code,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    """A document read fine but deliberately not analysed (e.g. unsupported language)."""

    source: str
    reason: str  # "language"
    language: str | None = None
    article_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason, "language": self.language, "article_id": self.article_id}


def sorted_statements(statements: Iterable[Statement]) -> tuple[Statement, ...]:
    return tuple(sorted(statements, key=lambda s: (s.field != "title", s.content.start, s.content.end)))
