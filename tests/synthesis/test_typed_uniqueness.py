"""Unique columns of a type with a syntax of its own (kind "other": ISBN, bit string, range):
collisions are redrawn, never suffixed, and values the database gives back formatted count."""

from __future__ import annotations

import itertools

from psycopg2.extras import NumericRange

from querynl.schema import ColumnInfo
from querynl.synthesis.uniqueness import DROP, UniqueValues

ISBN = ColumnInfo(name="code", type_name="isbn13", kind="other", nullable=False)


def test_a_colliding_typed_value_is_redrawn_not_suffixed():
    unique = UniqueValues(ISBN)
    draws = iter(["9780306406157", "9780306406157", "9781234567897"])
    values = [unique.claim(next(draws), lambda: next(draws)) for _ in range(2)]
    assert values == ["9780306406157", "9781234567897"]


def test_values_read_back_formatted_are_taken():
    existing = ["978-0-306-40615-7", NumericRange(1, 5, "[)")]
    unique = UniqueValues(ISBN, existing)
    fresh = itertools.cycle(["9780306406157", "[1,5)", "9781234567897"])
    assert unique.claim("9780306406157", lambda: next(fresh)) == "9781234567897"


def test_a_typed_column_that_runs_out_drops_the_row():
    unique = UniqueValues(ISBN, ["1"])
    assert unique.claim("1", lambda: "1") is DROP
