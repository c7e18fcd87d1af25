"""The step every reader's articles go through: one form for dates and outlets.

- ``published`` becomes ISO 8601 (:func:`quidixit.dates.iso_date`); the string
  the source gave is kept in ``meta["published_raw"]`` when it differs. A date
  that cannot be read becomes None, counted in ``ReadStats.warnings["date"]``.
- An article that gives no date takes the one of its dateline, a paragraph that
  opens with a date and ". -" ("22 août 2012, Espagne. - Le Parti …", the
  Wikinews and agency form), within its first 3,000 characters; then
  ``meta["published_from"] = "dateline"``.
- ``outlet`` becomes the outlet's name (:func:`quidixit.outlets.outlet_name`):
  "fr.wikinews.org" and "Wikinews (fr)" are one outlet; the name given is kept
  in ``meta["outlet_raw"]`` when it differs.

It is pure and idempotent: an article already normalised comes out unchanged.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..dates import iso_date
from ..model import Article
from ..outlets import outlet_name
from ._common import ReadStats

__all__ = ["normalise_article", "dateline_date"]

_DATELINE = re.compile(r"^[ \t]*(?P<date>[^.\n]{4,40}?\d{4})(?:,[^.\n]{1,60})?\.[ \t]*[-\u2013\u2014][ \t]", re.M)


def dateline_date(text: str) -> str | None:
    """The ISO date of the first dateline in the first 3,000 characters of ``text``, if any."""
    for m in _DATELINE.finditer(text[:3000]):
        found = iso_date(m.group("date"))
        if found and len(found) >= 10:  # a day, not a bare year or month
            return found
    return None


def normalise_article(article: Article, stats: ReadStats | None = None) -> Article:
    """``article`` with its date in ISO form and its outlet named (see the module)."""
    changes: dict = {}
    meta = dict(article.meta)
    raw = article.published
    if raw is not None:
        iso = iso_date(raw)
        if iso != raw:
            changes["published"] = iso
            meta.setdefault("published_raw", raw)
            if iso is None and stats is not None:
                stats.warnings["date"] += 1
    elif not meta.get("published_raw"):
        found = dateline_date(article.text)
        if found:
            changes["published"] = found
            meta["published_from"] = "dateline"
    name = outlet_name(article.outlet, article.url)
    if name != article.outlet:
        changes["outlet"] = name
        if article.outlet:
            meta.setdefault("outlet_raw", article.outlet)
    if not changes:
        return article
    return replace(article, meta=meta, **changes)
