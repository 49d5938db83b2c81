import datetime as dt

import pytest

from casefile.dates import parse_date, parse_datetime, parse_duration
from casefile.errors import InvalidValue

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize("text, expected", [
    ("2027-05-01", dt.date(2027, 5, 1)), ("3d", dt.date(2026, 11, 25)), ("2w", dt.date(2026, 12, 6)),
    ("6mo", dt.date(2027, 5, 22)), ("1y", dt.date(2027, 11, 22)), ("-2d", dt.date(2026, 11, 20)),
    ("today", TODAY), ("tomorrow", dt.date(2026, 11, 23)),
])
def test_dates_as_people_type_them(text, expected):
    assert parse_date(text, TODAY) == expected


def test_month_arithmetic_clamps_to_the_month_end():
    assert parse_date("1mo", dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)


@pytest.mark.parametrize("bad", ["2026-13-01", "next week", "3 fortnights", ""])
def test_bad_dates_say_what_to_type(bad):
    with pytest.raises(InvalidValue, match="use YYYY-MM-DD"):
        parse_date(bad, TODAY)


def test_datetimes_and_durations():
    assert parse_datetime("2026-11-22 10:30") == dt.datetime(2026, 11, 22, 10, 30)
    assert parse_datetime("2026-11-22T10:30:59") == dt.datetime(2026, 11, 22, 10, 30)
    assert parse_duration("72h") == dt.timedelta(hours=72)
    assert parse_duration("50m") == dt.timedelta(minutes=50)
    assert parse_duration("2 weeks") == dt.timedelta(weeks=2)
    with pytest.raises(InvalidValue):
        parse_duration("soon")
