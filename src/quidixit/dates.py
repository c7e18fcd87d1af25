"""Publication dates as ISO 8601, whatever form a source gives them in.

    >>> iso_date("22 juin 2012")
    '2012-06-22'
    >>> iso_date("1er novembre 2012"), iso_date("juin 2012"), iso_date("2012")
    ('2012-11-01', '2012-06', '2012')
    >>> iso_date("Fri, 22 Jun 2012 10:00:00 +0200"), iso_date("2008-04-30T20:48:26Z")
    ('2012-06-22T10:00:00+02:00', '2008-04-30T20:48:26Z')
    >>> iso_date("22 mai") is None          # no year: never guessed
    True

A date keeps the precision it was given: a day (``2012-06-22``), a month
(``2012-06``), a year (``2012``), or a datetime (``2012-06-22T10:00:00``, with
its UTC offset when the source gives one). Anything that cannot be read as a
date with a four-digit year is None: never a string compared as a date.

ISO strings and RFC 2822 dates (HTTP, e-mail, RSS) are read by the standard
library; the rest, French and English month names included ("1er novembre
2012", "mardi 5 juin 2012", "June 22, 2012"), by ``dateparser`` (installed with
trafilatura: the ``corpus`` extra), with day-month-year order for numeric dates
(``05/06/2012`` is 5 June) and no relative dates ("hier" is None).

:func:`date_bounds` turns the ``since``/``until`` of a search (a day, a month
or a year) into an inclusive range of such strings.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache

from .errors import Errors, UsageError

__all__ = ["iso_date", "date_bounds", "DATE_LANGUAGES"]

DATE_LANGUAGES = ("fr", "en")

_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2}))?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_FULL = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_TIME = re.compile(r"(?<!\d)\d{1,2}\s*(?::|h)\s*\d{2}(?!\d)")
_RFC2822 = re.compile(r"^[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}")


def iso_date(value: object) -> str | None:
    """``value`` (a string, a ``date`` or a ``datetime``) as an ISO 8601 string, or None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _iso_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    s = " ".join(str(value).split())
    if not s or len(s) > 200:
        return None
    m = _ISO_PARTIAL.fullmatch(s)
    if m:
        year, month = m.group(1), m.group(2)
        if month is None:
            return year if 1 <= int(year) else None
        return f"{year}-{month}" if 1 <= int(month) <= 12 else None
    if _ISO_DAY.fullmatch(s):
        try:
            return date.fromisoformat(s).isoformat()
        except ValueError:
            return None
    if _ISO_FULL.fullmatch(s):  # already ISO: kept as written ("Z" stays "Z"), only checked
        try:
            datetime.fromisoformat(s.replace("Z", "+00:00"))
        except ValueError:
            return None
        return s.replace(" ", "T", 1)
    if _RFC2822.match(s):
        try:
            return _iso_datetime(parsedate_to_datetime(s))
        except (TypeError, ValueError, IndexError):
            pass
    if not _YEAR.search(s):  # "22 mai", "hier": the year would be a guess
        return None
    return _parse_words(s)


def _iso_datetime(dt: datetime) -> str:
    if dt.tzinfo is None and (dt.hour, dt.minute, dt.second, dt.microsecond) == (0, 0, 0, 0):
        return dt.date().isoformat()
    return dt.replace(microsecond=0).isoformat()


@lru_cache(maxsize=1)
def _parser():
    try:
        from dateparser.date import DateDataParser
    except ImportError as err:  # a setup problem, said once with what to do
        raise ImportError(Errors.QX205.format(reason=err)) from err
    return DateDataParser(
        languages=list(DATE_LANGUAGES),
        settings={
            "REQUIRE_PARTS": ["year"],
            "PARSERS": ["timestamp", "absolute-time"],  # never "relative-time": "hier" is not a date
            "DATE_ORDER": "DMY",
            "PREFER_DAY_OF_MONTH": "first",
        },
    )


@lru_cache(maxsize=4096)
def _parse_words(s: str) -> str | None:
    try:
        data = _parser().get_date_data(s)
    except (ValueError, OverflowError, TypeError):
        return None
    dt = data.date_obj if data else None
    if dt is None:
        return None
    if str(dt.year) not in _YEAR.findall(s):  # the year read must be one written
        return None
    period = data.period
    if period == "year":
        return f"{dt.year:04d}"
    if period == "month":
        return f"{dt.year:04d}-{dt.month:02d}"
    if _TIME.search(s) or dt.tzinfo is not None:
        return dt.replace(microsecond=0).isoformat()
    return dt.date().isoformat()


def date_bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """The ``since``/``until`` of a search as ``(low, high)``: keep a date ``d`` (an ISO
    string of any precision) when ``low <= d < high``. Both bounds are inclusive at
    their own precision: ``until="2012-06"`` keeps all of June 2012, ``until="2012"``
    all of 2012, ``since="2012-06-22"`` the 22nd itself. A bound that is not an ISO
    day, month or year raises :class:`~quidixit.errors.UsageError` (QX403)."""
    return (_bound(since, "since") if since else None), (_next(_bound(until, "until")) if until else None)


def _bound(value: str, name: str) -> str:
    v = value.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", v)
    try:
        if m is None:
            raise ValueError
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if d is not None:
            return date(int(y), int(mo), int(d)).isoformat()
        if mo is not None:
            if not 1 <= int(mo) <= 12:
                raise ValueError
            return f"{y}-{int(mo):02d}"
        return y
    except ValueError:
        raise UsageError(Errors.QX403.format(name=name, value=value[:40])) from None


def _next(bound: str) -> str:
    """The first ISO string after every date that starts with ``bound``."""
    if len(bound) == 4:
        return f"{int(bound) + 1:04d}"
    if len(bound) == 7:
        y, m = int(bound[:4]), int(bound[5:])
        return f"{y + 1:04d}-01" if m == 12 else f"{y:04d}-{m + 1:02d}"
    d = date.fromisoformat(bound)
    return (d + timedelta(days=1)).isoformat() if d != date.max else "9999-12-32"

