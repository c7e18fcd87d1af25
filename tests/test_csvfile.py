"""quidixit.csvfile: the one CSV writer, cells safe for spreadsheets (issue 11)."""

from __future__ import annotations

import csv
import io

import pytest

from quidixit.csvfile import csv_text, neutralise_csv, safe_cell


@pytest.mark.parametrize("value, shown", [
    ("=1+1", "'=1+1"), ("+33 6 12", "'+33 6 12"), ("-moins", "'-moins"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\r=x", "'\r=x"), ("-3", "-3"), ("+1.5", "+1.5"), ("-2e5", "-2e5"), ("-2+3", "'-2+3"),
    ("a=b", "a=b"), ("'=x", "'=x"), ("", ""), (None, None), (12, 12), (-1.5, -1.5),
])
def test_safe_cell(value, shown):
    assert safe_cell(value) == shown


def test_neutralising_twice_changes_nothing_and_rows_round_trip():
    rows = [{"a": "=HYPERLINK(\"http://x\")", "b": "texte, « cité »\nsur deux lignes", "c": None}]
    once = csv_text(rows, ["a", "b", "c"])
    assert neutralise_csv(once) == once
    assert list(csv.reader(io.StringIO(once))) == [["a", "b", "c"], ["'=HYPERLINK(\"http://x\")", rows[0]["b"], ""]]
