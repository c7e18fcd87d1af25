"""HTML pages through trafilatura: the article's text and metadata.

Options, chosen for attribution extraction on news pages:

- comments, tables, images and links are left out (``include_comments=False``,
  ``include_tables=False``): reader comments are not the article, and table
  cells come out as ``|``-separated rows, not sentences;
- trafilatura's fallback extractors stay on (``fast=False``) and recall is
  favoured (``favor_recall=True``): on the French test pages the fallbacks
  recover paragraphs the main extractor misses, and recall keeps the standfirst
  (an ``<h2>`` lede, often where the main quote is) that the default drops, for
  one more boilerplate line out of 25 pages; the heading may then repeat the
  title at the start of the text;
- no deduplication (it would depend on what was read before: not a pure function);
- the text of each block (paragraph, heading, list, quote) is trafilatura's own
  text of that block; blocks are separated by a blank line, because the
  extractor relies on paragraph breaks (trafilatura's plain output separates
  them with a single newline, like the line breaks inside a paragraph).

Metadata: ``title``, ``date`` (publication date, ``YYYY-MM-DD``) as
``published``, ``sitename`` (else the host name) as ``outlet``, the canonical
URL as ``url`` unless the caller gives one; ``author``, ``description``,
``categories``, ``tags`` and the canonical URL go into ``meta``.
"""

from __future__ import annotations

import warnings
from typing import Any

from ..errors import Errors
from ..model import Article, Failure, article_id
from ._common import DEFAULT_MAX_CHARS, check_text, failure

__all__ = ["read_html", "extract_text", "TRAFILATURA_OPTIONS"]

TRAFILATURA_OPTIONS: dict[str, Any] = {
    "fast": False,
    "favor_recall": True,
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "deduplicate": False,
    "with_metadata": True,
}

PARAGRAPH_SEPARATOR = "\n\n"


def read_html(
    data: bytes | str,
    source: str,
    *,
    url: str | None = None,
    published: str | None = None,
    charset: str | None = None,
    meta: dict[str, Any] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article | Failure:
    """Extract the article of one HTML page.

    ``url`` (e.g. a WARC record's target URI) wins over the page's canonical
    URL; ``published`` is used when the page has no date; ``charset`` (from HTTP
    headers) decodes ``data`` when given, else trafilatura guesses it.
    Returns a :class:`Failure` with QX110 when trafilatura finds no text.
    """
    import trafilatura  # optional dependency (the ``corpus`` extra)

    if isinstance(data, bytes) and charset:
        try:
            data = data.decode(charset, errors="replace")
        except LookupError:  # an unknown charset name: let trafilatura guess
            pass
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = trafilatura.bare_extraction(data, url=url, **TRAFILATURA_OPTIONS)
    except Exception as e:  # trafilatura/lxml raise many kinds on hostile markup
        return failure(source, Errors.QX112.format(path=source, format="HTML", reason=f"{type(e).__name__}: {e}"))
    text = extract_text(doc)
    if not text.strip():
        return failure(source, Errors.QX110.format(path=source))
    problem = check_text(text, source, max_chars)
    if problem:
        return problem
    extra: dict[str, Any] = dict(meta or {})
    for key in ("author", "description", "categories", "tags"):
        value = getattr(doc, key, None)
        if value:
            extra[key] = value
    canonical = getattr(doc, "url", None)
    if canonical and canonical != url:
        extra["canonical_url"] = canonical
    final_url = url or canonical
    return Article(
        text=text,
        id=article_id(text, final_url),
        title=doc.title or None,
        url=final_url,
        outlet=getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or None,
        published=doc.date or published,
        source=source,
        meta=extra,
    )


def extract_text(doc: Any) -> str:
    """The text of a trafilatura document: its blocks' texts, separated by blank lines."""
    if doc is None or doc.body is None:
        return ""
    from trafilatura.xml import xmltotxt

    blocks = (xmltotxt(element, False).strip() for element in doc.body)
    return PARAGRAPH_SEPARATOR.join(block for block in blocks if block)
