"""Dates in checks: comparisons read a bare date as midnight UTC; repairs give a datetime column
a bare date at 09:00 and follow the column's time zone (querynl.temporal serves both)."""

from __future__ import annotations

import datetime as dt

import pytest

from querynl.checks.evaluate import compare
from querynl.checks.values import to_native
from querynl.schema import ColumnInfo

PLUS_TWO = dt.timezone(dt.timedelta(hours=2))
NAIVE = ColumnInfo(name="at", type_name="TIMESTAMP", kind="datetime")
AWARE = ColumnInfo(name="at", type_name="TIMESTAMPTZ", kind="datetime", timezone=True)
DAY = ColumnInfo(name="day", type_name="DATE", kind="date")
CLOCK = ColumnInfo(name="clock", type_name="TIME", kind="time")


@pytest.mark.parametrize(
    ("a", "op", "b"),
    [
        (dt.datetime(2024, 1, 2), "=", dt.date(2024, 1, 2)),  # a bare date is midnight
        (dt.datetime(2024, 1, 2, 0, 0, 1), ">", "2024-01-02"),
        (dt.datetime(2024, 1, 2, 12, tzinfo=PLUS_TWO), "=", " 2024-01-02 10:00:00 "),  # in UTC
        (dt.date(2024, 1, 2), "<", "2024-01-03T08:00:00"),  # dates compare by their first ten characters
        (dt.date(2024, 1, 2), "<", dt.datetime(2024, 1, 2, 23, 59)),  # against a datetime, midnight
        (dt.time(9, 30), ">", " 09:29:59"),
    ],
)
def test_comparisons(a, op, b):
    assert compare(a, op, b) is True


@pytest.mark.parametrize(
    ("value", "column", "expected"),
    [
        (dt.date(2024, 1, 2), NAIVE, dt.datetime(2024, 1, 2, 9, 0)),
        ("2024-01-02 03:04:05", NAIVE, dt.datetime(2024, 1, 2, 3, 4, 5)),
        (dt.datetime(2024, 1, 2, 12, tzinfo=PLUS_TWO), NAIVE, dt.datetime(2024, 1, 2, 10, 0)),
        (dt.datetime(2024, 1, 2, 12), AWARE, dt.datetime(2024, 1, 2, 12, tzinfo=dt.UTC)),
        (dt.datetime(2024, 1, 2, 12, tzinfo=PLUS_TWO), AWARE, dt.datetime(2024, 1, 2, 12, tzinfo=PLUS_TWO)),
        ("2024-01-02T03:04:05", DAY, dt.date(2024, 1, 2)),
        (dt.datetime(2024, 1, 2, 3, 4), DAY, dt.date(2024, 1, 2)),
        (dt.datetime(2024, 1, 2, 3, 4), CLOCK, dt.time(3, 4)),
        ("03:04:05", CLOCK, dt.time(3, 4, 5)),
    ],
)
def test_repair_values(value, column, expected):
    got = to_native(value, column)
    assert (got, got.tzinfo if isinstance(got, dt.datetime) else None) == (
        expected,
        expected.tzinfo if isinstance(expected, dt.datetime) else None,
    )
