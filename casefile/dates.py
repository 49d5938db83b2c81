"""Dates as people type them: ISO (`2027-05-01`, `2026-11-22T10:30`, `2026-11-22 10:30`) or relative to
today (`3d`, `2w`, `6mo`, `1y`, `today`, `tomorrow`, `yesterday`; `-2d` for the past)."""

from __future__ import annotations

import datetime as dt
import re

from casefile.errors import InvalidValue

_REL = re.compile(r"^([+-]?)(\d+)\s*(d|days?|w|wks?|weeks?|mo|mos|months?|y|yrs?|years?)$", re.I)
_DURATION = re.compile(r"^(\d+)\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|months?|y|years?)$", re.I)


def _add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError(year)
    return dt.date(year, month, min(day.day, _month_days(year, month)))


def _month_days(year: int, month: int) -> int:
    import calendar

    return calendar.monthrange(year, month)[1]


def shift(day: dt.date, amount: int, unit: str) -> dt.date:
    u = unit.lower()
    try:
        if u.startswith("mo"):
            return _add_months(day, amount)
        if u.startswith("y"):
            return _add_months(day, 12 * amount)
        if u.startswith("w"):
            return day + dt.timedelta(weeks=amount)
        return day + dt.timedelta(days=amount)
    except (OverflowError, ValueError):
        raise InvalidValue(f"{amount}{unit} from {day} is past the calendar's end", "give a nearer date") from None


def parse_date(text: str | dt.date, today: dt.date | None = None, what: str = "date") -> dt.date:
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    s = str(text).strip()
    today = today or dt.date.today()
    words = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if s.lower() in words:
        return today + dt.timedelta(days=words[s.lower()])
    m = _REL.match(s)
    if m:
        n = int(m.group(2)) * (-1 if m.group(1) == "-" else 1)
        return shift(today, n, m.group(3))
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        pass
    raise InvalidValue(
        f"invalid {what} {s!r}",
        "use YYYY-MM-DD, or a span from today such as 3d, 2w, 6mo, 1y",
    )


def parse_datetime(text: str | dt.datetime, now: dt.datetime | None = None, what: str = "date and time") -> dt.datetime:
    """A minute-precision local datetime. A bare date means its start; `now` is now."""
    if isinstance(text, dt.datetime):
        return text.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(text, dt.date):
        return dt.datetime(text.year, text.month, text.day)
    s = str(text).strip()
    now = (now or dt.datetime.now()).replace(second=0, microsecond=0)
    if s.lower() == "now":
        return now
    try:
        value = dt.datetime.fromisoformat(s)
        return value.replace(second=0, microsecond=0, tzinfo=None)
    except ValueError:
        pass
    try:
        return dt.datetime.combine(parse_date(s, now.date(), what), dt.time())
    except InvalidValue:
        raise InvalidValue(
            f"invalid {what} {s!r}", "use YYYY-MM-DD HH:MM, YYYY-MM-DDTHH:MM or now"
        ) from None


def format_datetime(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M")


def parse_duration(text: str) -> dt.timedelta:
    """`50m`, `1h`, `72h`, `3d`, `2 weeks`, `6mo` (30 days a month, 365 a year) as a timedelta."""
    s = str(text).strip()
    m = _DURATION.match(s)
    if not m:
        raise InvalidValue(f"invalid duration {s!r}", "use a number and a unit, such as 50m, 72h, 3d, 2w, 6mo")
    n, unit = int(m.group(1)), m.group(2).lower()
    try:
        return _span(n, unit)
    except OverflowError:
        raise InvalidValue(f"duration {s!r} is too long") from None


def _span(n: int, unit: str) -> dt.timedelta:
    if unit.startswith("mo"):
        return dt.timedelta(days=30 * n)
    if unit.startswith("m"):
        return dt.timedelta(minutes=n)
    if unit.startswith("h"):
        return dt.timedelta(hours=n)
    if unit.startswith("w"):
        return dt.timedelta(weeks=n)
    if unit.startswith("y"):
        return dt.timedelta(days=365 * n)
    return dt.timedelta(days=n)
