"""Conversions to dates, datetimes and times, shared by check evaluation, value fitting and the codecs.

Each function accepts a value of its own type, a related one (a datetime for a date, a date
for a datetime) or ISO text, and raises ValueError on text it cannot read. Callers keep their
own policies as arguments: which time of day a bare date gets, and what to do with offsets.
"""

from __future__ import annotations

import datetime as dt
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
