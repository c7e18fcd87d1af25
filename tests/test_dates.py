"""quidixit.dates: ISO dates from what sources give, and inclusive search bounds (issue 10)."""

import pytest

from quidixit.dates import date_bounds, iso_date
from quidixit.errors import UsageError


@pytest.mark.parametrize("given, iso", [
    ("22 juin 2012", "2012-06-22"),
    ("1er novembre 2012", "2012-11-01"),
    ("mardi 5 juin 2012", "2012-06-05"),
    ("June 22, 2012", "2012-06-22"),
    ("juin 2012", "2012-06"),
    ("2012", "2012"),
    ("2012-06-22", "2012-06-22"),
    ("2008-04-30T20:48:26Z", "2008-04-30T20:48:26Z"),
    ("2012-06-22 10:00", "2012-06-22T10:00"),
    ("Fri, 22 Jun 2012 10:00:00 +0200", "2012-06-22T10:00:00+02:00"),
    ("05/06/2012", "2012-06-05"),  # day first
    ("le 3 février 2013 à 14h30", "2013-02-03T14:30:00"),
])
def test_iso_date(given, iso):
    assert iso_date(given) == iso


@pytest.mark.parametrize("given", ["22 mai", "hier", "n'importe quoi", "2012-13", "", None, "2012-02-30"])
def test_an_unreadable_date_is_none_never_a_guess(given):
    assert iso_date(given) is None


def test_bounds_are_inclusive_at_day_month_and_year():
    assert date_bounds("2012-06", "2012-06") == ("2012-06", "2012-07")
    assert date_bounds("2012-06-22", "2012-06-22") == ("2012-06-22", "2012-06-23")
    assert date_bounds(None, "2012") == (None, "2013")
    assert date_bounds(None, "2012-12") == (None, "2013-01")
    low, high = date_bounds("2012-06", "2012-06")
    for d in ("2012-06-01", "2012-06-30", "2012-06-30T23:59:00+02:00", "2012-06"):
        assert low <= d < high
    for d in ("2012-05-31", "2012-07-01"):
        assert not (low <= d < high)


def test_a_bad_bound_says_what_to_give():
    with pytest.raises(UsageError) as e:
        date_bounds("juin 2012", None)
    assert e.value.code == "QX403" and "2012-06" in str(e.value)
