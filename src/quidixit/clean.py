"""Page boilerplate: related-article teasers, bylines, datelines.

They are recognised on the raw text and returned as marked spans; nothing is
deleted, so offsets stay those of the input. Statements that fall inside a
teaser or byline are left out downstream unless the caller keeps boilerplate.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .model import Boilerplate

__all__ = ["find_boilerplate", "paragraphs", "lines"]

_PARA_BREAK = re.compile(r"\n[ \t\u00a0\u202f]*\n\s*")
_LINE = re.compile(r"[^\n]+")
_MARKER_STRIP = " \t\u00a0\u202f»›>•*|-–—:·"
# "R.F. / L.A.", "J.-P. M.", "(AFP)", "Avec AFP", "AFP", "© Reuters"
_BYLINE = re.compile(
    r"^(?:(?:[A-ZÉÈ]\.(?:-?[A-ZÉÈ]\.)*\s*(?:[/,&–-]\s*)?)+"
    r"|\(?(?:avec\s+)?(?:AFP|Reuters|AP|ANSA|SANA|Belga|ATS|APS|MAP)(?:\s*[/,]\s*(?:AFP|Reuters|AP))*\)?"
    r"|©.{1,60})$",
    re.IGNORECASE,
)
# "Moscou /", "Homs-SANA/", "PARIS (AFP) -", "Beyrouth, 12 nov. (AFP) -"
_DATELINE = re.compile(
    r"(?P<d>(?:[A-ZÉÈÀÂ][\w'’.-]*(?:[ -][A-ZÉÈÀÂ][\w'’.-]*){0,3})"
    r"(?:(?:-(?:SANA|AFP|APS|MAP))?\s?/"
    r"|(?:,\s*\d{1,2}\s+\w+\.?(?:\s+\d{4})?)?\s*\((?:AFP|Reuters|AP|APS|MAP|SANA|ATS|Belga)\)\s*[-–—]))"
    # "LONDON — ", "SAN FRANCISCO, Calif. — ": a place in capitals and a dash
    r"|(?P<caps>[A-ZÉÈÀÂ]{2}[A-ZÉÈÀÂ'’.-]*(?:[ ][A-ZÉÈÀÂ]{2}[A-ZÉÈÀÂ'’.-]*){0,3}(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?)\s+[—–](?=\s)"
)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: stretches separated by blank lines, stripped."""
    out = []
    pos = 0
    for m in list(_PARA_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        s, e = pos, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
        if m:
            pos = m.end()
    return out


def lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    out = []
    for m in _LINE.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _marker(line: str, lexicon: Lexicon) -> str | None:
    """'alone' when the line is a teaser marker, 'inline' when it starts one ("» LIRE AUSSI : title")."""
    bare = line.strip(_MARKER_STRIP).lower()
    if bare in lexicon.boilerplate:
        return "alone"
    head = re.split(r"\s*[:|–—-]\s+|\s*:\s*", bare, maxsplit=1)[0].strip(_MARKER_STRIP)
    if head in lexicon.boilerplate and head != bare:
        return "inline"
    return None


def find_boilerplate(text: str, lexicon: Lexicon) -> list[Boilerplate]:
    """Teasers, bylines and datelines of ``text``, in text order."""
    found: list[Boilerplate] = []
    all_lines = lines(text)
    n = len(text)
    teaser_from = None
    for i, (s, e) in enumerate(all_lines):
        if teaser_from is not None and s < teaser_from:
            continue
        line = text[s:e]
        kind = _marker(line, lexicon)
        if kind == "inline":
            found.append(Boilerplate(s, e, "teaser", text[s:e]))
        elif kind == "alone":
            if s >= 0.6 * n:  # a marker in the closing part of the page: the rest is teasers
                found.append(Boilerplate(s, n, "teaser", text[s:n]))
                teaser_from = n
                break
            # mid-article: the marker and the linked title that follows it
            end = all_lines[i + 1][1] if i + 1 < len(all_lines) else e
            found.append(Boilerplate(s, end, "teaser", text[s:end]))
            teaser_from = end
        elif len(line) <= 60 and _BYLINE.match(line.strip()):
            found.append(Boilerplate(s, e, "byline", line))
    taken = [b for b in found if b.kind == "byline"]
    for s, e in paragraphs(text):
        m = _DATELINE.match(text, s, e)
        if m and m.end() < e and not any(b.start <= s < b.end for b in taken):
            found.append(Boilerplate(s, m.end(), "dateline", m.group(0)))
    found.sort(key=lambda b: (b.start, b.end))
    return found
