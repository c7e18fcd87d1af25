"""Voice share: how much of an article is attributed to others, and how much is the outlet's own voice.

A pure function of an :class:`~quidixit.model.Analysis`. What is counted:

- the characters of the article text (``field="text"``; a title read apart is left
  out) that are not whitespace and not in page boilerplate (teasers, bylines,
  datelines, … as marked by :mod:`quidixit.clean`): the article's **characters**;
- of these, those inside the content of a statement (its ``content.spans`` when an
  incise splits it): **attributed**, each character once, to the first kind of
  ``KIND_ORDER`` whose statement covers it (a quotation inside reported speech is
  counted once). The cue and the speaker mention ("a déclaré Serguei Lavrov") are
  the outlet's framing and count as its own voice;
- **verbatim** is the ``direct`` kind (the speaker's words in quotation marks);
  **paraphrase** every other kind (indirect, mixed, according_to, headline);
  **own voice** is the rest.

Shares of several articles (an outlet, a month) pool their characters:
:func:`pooled` weighs every character alike, so a long article counts more than a
short one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from .model import KINDS, Analysis

__all__ = ["KIND_ORDER", "VERBATIM_KINDS", "VoiceShare", "voice_share", "pooled", "period_of", "PERIODS"]

KIND_ORDER = ("direct", "mixed", "indirect", "according_to", "headline")
VERBATIM_KINDS = frozenset({"direct"})
PERIODS = ("year", "month", "day")
UNDATED = "(undated)"


@dataclass(frozen=True, slots=True)
class VoiceShare:
    """Counted characters of one article (or pooled over several) and how many are attributed, by kind."""

    chars: int
    kinds: dict[str, int] = field(default_factory=dict)  # kind -> attributed characters
    articles: int = 1

    @property
    def attributed(self) -> int:
        return sum(self.kinds.values())

    @property
    def verbatim(self) -> int:
        return sum(n for k, n in self.kinds.items() if k in VERBATIM_KINDS)

    @property
    def paraphrase(self) -> int:
        return self.attributed - self.verbatim

    @property
    def own(self) -> int:
        return self.chars - self.attributed

    def share(self, n: int) -> float:
        """``n`` characters as a share of the article's (0.0 for an article with none)."""
        return n / self.chars if self.chars else 0.0

    def to_dict(self) -> dict[str, Any]:
        r = lambda n: round(self.share(n), 3)  # noqa: E731
        return {
            "articles": self.articles,
            "chars": self.chars,
            "attributed_chars": self.attributed,
            "verbatim_chars": self.verbatim,
            "paraphrase_chars": self.paraphrase,
            "own_chars": self.own,
            "attributed": r(self.attributed),
            "verbatim": r(self.verbatim),
            "paraphrase": r(self.paraphrase),
            "own": r(self.own),
            "kinds": {k: r(self.kinds.get(k, 0)) for k in KINDS},
        }

    def line(self) -> str:
        """One line for people: "62 % attributed: 38 % verbatim, 24 % paraphrase"."""
        pct = lambda n: f"{round(self.share(n) * 100)} %"  # noqa: E731
        return f"{pct(self.attributed)} attributed: {pct(self.verbatim)} verbatim, {pct(self.paraphrase)} paraphrase"


def _subtract(free: list[tuple[int, int]], start: int, end: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """``free`` (sorted, disjoint intervals) without [start, end), and the parts of it that were taken."""
    left, taken = [], []
    for a, b in free:
        if b <= start or a >= end:
            left.append((a, b))
            continue
        if a < start:
            left.append((a, start))
        if b > end:
            left.append((end, b))
        taken.append((max(a, start), min(b, end)))
    return left, taken


def voice_share(analysis: Analysis) -> VoiceShare:
    """The voice share of one analysed article (see the module's docstring for what counts).

    Works on intervals, not character by character: the cost is the number of
    statements and boilerplate stretches, plus one pass of ``str.split`` per piece."""
    text = analysis.article.text
    n = len(text)

    def visible(a: int, b: int) -> int:  # characters that are not whitespace in text[a:b]
        return sum(map(len, text[a:b].split()))

    free = [(0, n)]
    for bp in analysis.boilerplate:
        free, _ = _subtract(free, max(0, bp.start), min(n, bp.end))
    chars = sum(visible(a, b) for a, b in free)
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    ordered = sorted((st for st in analysis.statements if st.field == "text"),
                     key=lambda st: rank.get(st.kind, len(rank)))
    kinds: dict[str, int] = {}
    for st in ordered:
        for start, end in st.content.spans or ((st.content.start, st.content.end),):
            free, taken = _subtract(free, max(0, start), min(n, end))
            got = sum(visible(a, b) for a, b in taken)
            if got:
                kinds[st.kind] = kinds.get(st.kind, 0) + got
    return VoiceShare(chars=chars, kinds=kinds)


def pooled(shares: Iterable[VoiceShare]) -> VoiceShare:
    """Several articles as one: characters and attributed characters summed."""
    chars = n = 0
    kinds: dict[str, int] = {}
    for s in shares:
        chars += s.chars
        n += s.articles
        for k, v in s.kinds.items():
            kinds[k] = kinds.get(k, 0) + v
    return VoiceShare(chars=chars, kinds=kinds, articles=n)


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTHS = {m: i for i, m in enumerate(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(), 1)}
_MONTHS.update({m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)})
_WRITTEN = re.compile(r"(?:1er|(\d{1,2}))\s+([^\W\d_]+)\s+(\d{4})", re.IGNORECASE)


def period_of(published: str | None, period: str = "month") -> str:
    """The period of a publication date: "2017", "2017-11" or "2017-11-10" (``period`` year, month
    or day). ISO dates and written French or English ones ("22 mai 2012", "1er juin 2012") are
    read; anything else is "(undated)"."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")
    s = (published or "").strip()
    y = m = d = None
    iso = _ISO.match(s)
    written = _WRITTEN.search(s)
    if iso:
        y, m, d = iso.group(1), iso.group(2), iso.group(3)
    elif written and written.group(2).lower() in _MONTHS:
        y, m = written.group(3), f"{_MONTHS[written.group(2).lower()]:02d}"
        d = f"{int(written.group(1) or 1):02d}"
    if y is None:
        return UNDATED
    parts = [y, m, d][: PERIODS.index(period) + 1]
    if None in parts:
        return UNDATED if period != "year" else y
    return "-".join(parts)  # type: ignore[arg-type]
