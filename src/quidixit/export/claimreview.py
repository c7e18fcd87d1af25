"""schema.org ClaimReview drafts for fact-checkers (JSON-LD).

One draft per claim: statements of the same speaker whose content is the same
once case, spaces and quotation marks are set aside are one claim, with every
article that carries it as an ``appearance`` and the earliest as
``firstAppearance`` (until claims are clustered across wordings, this is one
draft per statement for most statements).

What quidixit knows is filled in: ``claimReviewed`` (the content),
``itemReviewed`` as a ``Claim`` (``author``: a ``Person`` or an ``Organization``
from the speaker type, ``datePublished``, ``appearance``, ``firstAppearance``:
``CreativeWork`` with ``url``, ``headline``, ``datePublished`` and ``publisher``,
the outlet). What only the fact-checker can say (the verdict in ``reviewRating``,
the review's own ``url`` and ``author``) is present, as Google's fact-check
markup requires, with values that start with :data:`TO_FILL`, so that a draft is
never published by mistake.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable, TextIO

from ..model import Analysis, Statement
from ._common import GENERATOR, article_iri
from ._json import dump

__all__ = ["TO_FILL", "REQUIRED", "author_type", "drafts", "write"]

TO_FILL = "TO FILL BY THE FACT-CHECKER"
# what Google's fact-check markup requires; it recommends ClaimReview author, datePublished, itemReviewed
# and Claim author, datePublished, appearance, firstAppearance, which drafts carry when the store knows them
REQUIRED = {
    "ClaimReview": ("claimReviewed", "reviewRating", "url"),
    "Rating": ("alternateName",),
}
_PERSON_TYPES = {"person", "anonymous", "unknown"}
_QUOTES = "«»“”„\"‹›"


def author_type(speaker_type: str) -> str:
    """schema.org type of a speaker: Person for people (anonymous sources and unknown types included),
    Organization for organisations, documents (their issuer) and groups."""
    return "Person" if speaker_type in _PERSON_TYPES else "Organization"


def _key(st: Statement) -> tuple[str, str]:
    text = unicodedata.normalize("NFC", st.content.text).lower()
    text = re.sub(r"\s+", " ", text.translate({ord(c): " " for c in _QUOTES})).strip(" .,;:!?…")
    who = (st.speaker.name or st.speaker.text).lower() if st.speaker else ""
    return who, text


def _appearance(an: Analysis) -> dict[str, Any]:
    a = an.article
    work: dict[str, Any] = {"@type": "CreativeWork", "url": article_iri(an)}
    if a.title:
        work["headline"] = a.title
    if a.published:
        work["datePublished"] = a.published
    if a.outlet:
        work["publisher"] = {"@type": "Organization", "name": a.outlet}
    return work


def drafts(analyses: Iterable[Analysis], *, date: str | None = None,
           kinds: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """ClaimReview drafts, in the order their claims first occur. ``date``: the drafts'
    ``datePublished`` (default today, ISO); ``kinds``: only statements of these kinds."""
    date = date or _dt.date.today().isoformat()
    wanted = set(kinds) if kinds is not None else None
    claims: dict[tuple[str, str], list[tuple[Analysis, Statement]]] = {}
    for an in analyses:
        for st in an.statements:
            if wanted is None or st.kind in wanted:
                claims.setdefault(_key(st), []).append((an, st))
    out = []
    for seen in claims.values():
        # earliest publication first; undated appearances after the dated ones, in input order
        by_date = sorted(seen, key=lambda p: (p[0].article.published is None, p[0].article.published or ""))
        first_an, first_st = by_date[0]
        claim: dict[str, Any] = {"@type": "Claim"}
        sp = first_st.speaker
        if sp is not None:
            author: dict[str, Any] = {"@type": author_type(sp.type), "name": sp.name or sp.text}
            if sp.role and author["@type"] == "Person":
                author["jobTitle"] = sp.role
            claim["author"] = author
        if first_an.article.published:
            claim["datePublished"] = first_an.article.published
        appearances = []
        for an, _ in by_date:
            work = _appearance(an)
            if work not in appearances:
                appearances.append(work)
        claim["appearance"] = appearances
        claim["firstAppearance"] = appearances[0]
        out.append({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": first_st.content.text,
            "itemReviewed": claim,
            "datePublished": date,
            "url": f"{TO_FILL}: the URL of the page that publishes this fact check",
            "author": {"@type": "Organization", "name": f"{TO_FILL}: the fact-checking organisation"},
            "reviewRating": {
                "@type": "Rating",
                "alternateName": f"{TO_FILL}: the verdict, e.g. Faux, Trompeur, Vrai",
                "ratingExplanation": f"{TO_FILL}. Draft made by {GENERATOR} (statement kind: {first_st.kind}).",
            },
            "inLanguage": first_an.article.language or "fr",
        })
    return out


def write(analyses: Iterable[Analysis], out: TextIO | str | Path, *, date: str | None = None) -> int:
    """Write the drafts as one JSON-LD array; returns how many."""
    items = drafts(analyses, date=date)
    dump(items, out)
    return len(items)
