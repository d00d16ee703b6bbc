"""Conversions to dates, datetimes, times and intervals, shared by check evaluation, value
fitting and the codecs.

Each function accepts a value of its own type, a related one (a datetime for a date, a date
for a datetime) or ISO text, and raises ValueError on text it cannot read. Callers keep their
own policies as arguments: which time of day a bare date gets, and what to do with offsets.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

MIDNIGHT = dt.time()


def to_date(value: Any) -> dt.date:
    """A datetime's date, a date, or the date in the first ten characters of the text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def to_datetime(value: Any, time_of_day: dt.time = MIDNIGHT) -> dt.datetime:
    """A datetime (offset kept), a date at `time_of_day`, or ISO text."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, time_of_day)
    return dt.datetime.fromisoformat(str(value))


def to_time(value: Any) -> dt.time:
    """A datetime's time, a time, or ISO text."""
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value))


def utc_naive(moment: dt.datetime) -> dt.datetime:
    """An aware datetime as the naive UTC one; a naive datetime unchanged."""
    return moment if moment.tzinfo is None else moment.astimezone(dt.UTC).replace(tzinfo=None)


# PostgreSQL's interval text: "1 year 2 mons 3 days 04:05:06", "2 hours", "-1 days", "00:00:00".
_INTERVAL_UNITS = {"year": 360, "mon": 30, "month": 30, "week": 7, "day": 1, "hour": 1 / 24}
_INTERVAL_PART = re.compile(
    r"([+-]?\d+(?:\.\d+)?)\s*(year|mon(?:th)?|week|day|hour|min(?:ute)?|sec(?:ond)?)s?", re.I
)
_CLOCK = re.compile(r"([+-]?)(\d+):(\d{2})(?::(\d{2}(?:\.\d+)?))?")


def to_timedelta(value: Any) -> dt.timedelta:
    """A timedelta, seconds, or interval text ("3 days 02:00:00", "2 hours"; a month is 30
    days and a year 360, as PostgreSQL compares them)."""
    if isinstance(value, dt.timedelta):
        return value
    if isinstance(value, int | float):
        return dt.timedelta(seconds=value)
    text = str(value).strip()
    total = dt.timedelta()
    for number, unit in _INTERVAL_PART.findall(text):
        unit = unit.lower()
        seconds = 60 if unit.startswith("min") else 1 if unit.startswith("sec") else None
        days = _INTERVAL_UNITS.get(unit, _INTERVAL_UNITS.get(unit[:3], 0))
        total += (
            dt.timedelta(seconds=float(number) * seconds)
            if seconds
            else dt.timedelta(days=float(number) * days)
        )
    clock = _CLOCK.search(_INTERVAL_PART.sub("", text))
    if clock:
        sign = -1 if clock.group(1) == "-" else 1
        hours, minutes, secs = int(clock.group(2)), int(clock.group(3)), float(clock.group(4) or 0)
        total += sign * dt.timedelta(hours=hours, minutes=minutes, seconds=secs)
    elif not _INTERVAL_PART.search(text):
        raise ValueError(f"not an interval: {text!r}")
    return total
