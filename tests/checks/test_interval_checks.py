"""CHECKs comparing an interval column with interval text (`d > interval '0'`) are evaluated
and repaired on timedeltas."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from querynl.checks.parser import parse_check_sql
from querynl.checks.repair import repair_column
from querynl.schema import ColumnInfo
from querynl.temporal import to_timedelta

WAIT = ColumnInfo(name="wait", type_name="INTERVAL", kind="interval")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("00:00:00", dt.timedelta(0)),
        ("1 day", dt.timedelta(days=1)),
        ("3 days 02:00:00", dt.timedelta(days=3, hours=2)),
        ("-1 days", dt.timedelta(days=-1)),
        ("1 year 2 mons", dt.timedelta(days=420)),  # PostgreSQL compares a month as 30 days
        ("1 day -01:00:00", dt.timedelta(hours=23)),
        ("1.5 hours", dt.timedelta(minutes=90)),
        ("10 mins 45 secs", dt.timedelta(minutes=10, seconds=45)),
    ],
)
def test_interval_text_is_read(text, expected):
    assert to_timedelta(text) == expected


def test_text_that_is_no_interval_is_refused():
    with pytest.raises(ValueError):
        to_timedelta("soon")


@pytest.mark.parametrize(
    ("sql", "bad", "good"),
    [
        ("wait > '00:00:00'::interval", dt.timedelta(0), dt.timedelta(minutes=5)),
        ("wait <= '1 day'::interval", dt.timedelta(days=3), dt.timedelta(hours=2)),
        (
            "wait BETWEEN '01:00:00'::interval AND '02:00:00'::interval",
            dt.timedelta(hours=5),
            dt.timedelta(hours=1),
        ),
    ],
)
def test_interval_bounds_are_evaluated_and_repaired(sql, bad, good):
    rules = parse_check_sql(sql, "postgres")
    assert rules.unsupported == []
    assert (rules.holds({"wait": bad}), rules.holds({"wait": good})) == (False, True)
    fixed = repair_column(bad, rules.bounds["wait"], WAIT, random.Random(1))
    assert isinstance(fixed, dt.timedelta) and rules.holds({"wait": fixed}) is True
