"""Numbers, dates and timestamps drawn straight from their distributions for a whole batch:
uniform over the range or the window the plan gives, as Faker draws them one at a time."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from querynl.temporal import to_date, to_datetime


def integers(low: int, high: int):
    span = high - low + 1

    def compose(rng: random.Random, n: int) -> list[int]:
        r = rng.random
        return [low + int(r() * span) for _ in range(n)]

    return compose if span >= 1 else None


def decimals(low: Any, high: Any, digits: Any, positive: bool = False, as_float: bool = False):
    """Our CommerceProvider.decimal_number / price / float_number: a whole number of
    hundredths (or of 10^-digits) uniform in [low, high]."""
    places = max(0, int(digits))
    factor = 10**places
    first, last = int(Decimal(str(low)) * factor), int(Decimal(str(high)) * factor)
    first = max(first, 1) if positive else first
    last = max(last, first)
    draw = integers(first, last)

    def compose(rng: random.Random, n: int) -> list[Any]:
        if as_float:
            return [k / factor for k in draw(rng, n)]
        return [Decimal(k).scaleb(-places) for k in draw(rng, n)]

    return compose


def moments(start: Any, end: Any):
    """Faker's date_time_between: a moment uniform between start and end (naive)."""
    first, last = to_datetime(start), to_datetime(end)
    span = max(0.0, (last - first).total_seconds())

    def compose(rng: random.Random, n: int) -> list[dt.datetime]:
        r, step = rng.random, dt.timedelta
        return [first + step(0, r() * span) for _ in range(n)]

    return compose


def days(start: Any, end: Any):
    """Faker's date_between: a day uniform between start and end, both included."""
    first, last = to_date(start), to_date(end)
    count = max(0, (last - first).days) + 1
    ordinal = first.toordinal()

    def compose(rng: random.Random, n: int) -> list[dt.date]:
        r, day = rng.random, dt.date.fromordinal
        return [day(ordinal + int(r() * count)) for _ in range(n)]

    return compose


def births(anchor: dt.datetime, minimum_age: int = 0, maximum_age: int = 115):
    """Faker's date_of_birth, counted back from the run's anchor rather than today."""
    today = anchor.date()
    earliest = _years_before(today, maximum_age + 1) + dt.timedelta(days=1)
    return days(earliest, _years_before(today, minimum_age))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def as_text(compose, text):
    """The values of `compose` written as text (ISO dates and timestamps)."""
    return lambda rng, n: [text(v) for v in compose(rng, n)]


def iso_moment(value: dt.datetime) -> str:
    return value.isoformat(sep=" ", timespec="seconds")


def iso_day(value: dt.date) -> str:
    return value.isoformat()
