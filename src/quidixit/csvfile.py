"""CSV as quidixit writes it, everywhere: exports, the CLI and the web UI (its own
pages and Datasette's table CSV).

Statements are quoted text from the web: a cell such as ``=HYPERLINK("http://…")``
or ``@SUM(…)`` would run as a formula when the file is opened in a spreadsheet
(CSV or formula injection). :func:`safe_cell` neutralises it the way OWASP
recommends: a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading apostrophe, which spreadsheets show as text and
hide. Numbers (``-3``, ``+1.5``) are left alone, and an apostrophe already
there is not doubled, so neutralising twice changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from typing import IO, Any, Iterable, Mapping, Sequence

__all__ = ["FORMULA_STARTS", "safe_cell", "write_csv", "csv_text", "neutralise_csv"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet will show it, never as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_csv(out: IO[str], rows: Iterable[Mapping[str, Any]], columns: Sequence[str], *,
              lineterminator: str = "\r\n") -> int:
    """Write a header and ``rows`` (mappings; keys outside ``columns`` ignored) to ``out``,
    every cell through :func:`safe_cell`. Returns the number of rows written."""
    w = csv.writer(out, lineterminator=lineterminator)
    w.writerow(columns)
    n = 0
    for row in rows:
        w.writerow([safe_cell(row.get(c)) for c in columns])
        n += 1
    return n


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], *, lineterminator: str = "\r\n") -> str:
    """The CSV of :func:`write_csv` as a string."""
    buf = io.StringIO()
    write_csv(buf, rows, columns, lineterminator=lineterminator)
    return buf.getvalue()


def neutralise_csv(text: str) -> str:
    """Someone else's CSV (Datasette's table export) with every cell through :func:`safe_cell`."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        w.writerow([safe_cell(cell) for cell in row])
    return buf.getvalue()
