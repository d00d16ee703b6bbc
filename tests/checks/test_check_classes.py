"""Issue 9: binary lengths, conditional checks (CASE / IF over nullness) and functions in
checks (lower/upper, LIKE, regex, now()) are understood, and rows are repaired to satisfy them."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from querynl.checks.model import ColumnBounds as B
from querynl.checks.parser import parse_check_sql
from querynl.checks.patterns import generate_regex, like_matches
from querynl.checks.repair import repair_column, repair_row
from querynl.schema import ColumnInfo

CASE = "CASE WHEN c IS NULL THEN a IS NOT NULL ELSE a IS NULL AND b IS NULL END"
MYSQL_IF = "(if((`c` is null),(`a` is not null),((`a` is null) and (`b` is null))) = 1)"


def _col(name: str, kind: str = "string", **extra) -> ColumnInfo:
    return ColumnInfo(name=name, type_name=kind, kind=kind, **extra)


@pytest.mark.parametrize(
    ("read", "sql", "column", "kind", "value", "size"),
    [
        ("postgres", "VALUE IS NULL OR octet_length(VALUE) = 20", "digest", "binary", b"x" * 64, 20),
        ("postgres", "VALUE IS NULL OR octet_length(VALUE) = 20", "digest", "binary", b"x", 20),
        ("sqlite", "length(digest) = 16", "digest", "binary", b"y" * 64, 16),
        ("mysql", "(length(`d`) = 16)", "d", "binary", b"z" * 32, 16),
    ],
)
def test_binary_values_are_fitted_to_a_length_check(read, sql, column, kind, value, size):
    rules = parse_check_sql(sql, read, value_column=column if "VALUE" in sql else None)
    assert not rules.unsupported
    fixed = repair_column(value, rules.bounds[column], _col(column, kind), random.Random(1))
    assert isinstance(fixed, bytes) and len(fixed) == size
    assert rules.holds({column: fixed})


@pytest.mark.parametrize(("read", "sql"), [("postgres", CASE), ("sqlite", CASE), ("mysql", MYSQL_IF)])
def test_a_conditional_check_becomes_branches_over_nullness(read, sql):
    rules = parse_check_sql(sql, read)
    assert not rules.unsupported and len(rules.alternatives) == 1
    (first, second) = rules.alternatives[0]
    assert first.null_cols == {"c"} and first.bounds == {"a": B(not_null=True)}
    assert second.null_cols == {"a", "b"} and second.bounds == {"c": B(not_null=True)}


ROWS = [
    {"a": 1, "b": "x", "c": 2},
    {"a": None, "b": "x", "c": None},
    {"a": None, "b": None, "c": None},
    {"a": 5, "b": None, "c": None},
]


@pytest.mark.parametrize("row", ROWS)
@pytest.mark.parametrize(("read", "sql"), [("postgres", CASE), ("mysql", MYSQL_IF)])
def test_rows_are_repaired_into_a_branch(read, sql, row):
    rules = parse_check_sql(sql, read)
    columns = {"a": _col("a", "integer"), "b": _col("b"), "c": _col("c", "integer")}
    fixed = repair_row(rules, row, columns, random.Random(3))
    assert rules.holds(fixed) is True
    if rules.holds(row):
        assert fixed == row


def test_a_not_null_column_is_never_made_null_by_a_branch():
    rules = parse_check_sql(CASE, "postgres")
    columns = {"a": _col("a", "integer"), "b": _col("b"), "c": _col("c", "integer", nullable=False)}
    for seed in range(20):
        fixed = repair_row(rules, {"a": 1, "b": "x", "c": 2}, columns, random.Random(seed))
        assert fixed["c"] == 2 and fixed["a"] is None and fixed["b"] is None


@pytest.mark.parametrize(
    "sql",
    [
        "CASE WHEN c IS NULL THEN a IS NOT NULL ELSE json_valid(b) END",
        "CASE WHEN c IS NULL THEN false ELSE false END",
        "CASE WHEN (SELECT 1) = 1 THEN a > 0 END",
    ],
)
def test_conditional_checks_not_understood_are_reported(sql):
    rules = parse_check_sql(sql, "postgres")
    assert rules.unsupported == [sql] and not rules.alternatives


def test_case_without_else_passes_when_no_arm_matches():
    rules = parse_check_sql("CASE WHEN kind = 'x' THEN a IS NOT NULL END", "postgres")
    assert rules.holds({"kind": "y", "a": None}) is True
    assert rules.holds({"kind": "x", "a": None}) is False


FUNCTION_CASES = [
    ("postgres", "label = lower(label)", "label", "Hello World", B(case="lower")),
    ("sqlite", "upper(kind) IN ('A', 'B', 'c')", "kind", "Data.", B(allowed=["A", "B"])),
    ("postgres", "upper(kind::text) = ANY (ARRAY['A'::text, 'B'::text])", "kind", "x", B(allowed=["A", "B"])),
    ("postgres", "email::text ~~ '%@%'::text", "email", "bob", B(like=["%@%"])),
    ("mysql", "`code` like 'AB-%'", "code", "XYZ", B(like=["AB-%"])),
    ("sqlite", "alias NOT LIKE '%!%'", "alias", "hi!", B(not_like=["%!%"])),
    ("postgres", "sku::text ~ '^[A-Z]{3}[0-9]{2}$'::text", "sku", "hello", B(regex=["^[A-Z]{3}[0-9]{2}$"])),
    ("postgres", "length(TRIM(BOTH FROM title)) > 0", "title", "   ", B(not_empty=True)),
    ("postgres", "rating >= 1 AND rating <= 5", "rating", 9, B(low=1, high=5)),
]


@pytest.mark.parametrize(("read", "sql", "column", "value", "bounds"), FUNCTION_CASES)
def test_functions_in_checks_are_understood_and_repaired(read, sql, column, value, bounds):
    rules = parse_check_sql(sql, read)
    assert (rules.bounds, rules.unsupported) == ({column: bounds}, [])
    kind = "integer" if isinstance(value, int) else "string"
    fixed = repair_column(value, rules.bounds[column], _col(column, kind, length=12), random.Random(2))
    assert rules.holds({column: fixed}) is True


@pytest.mark.parametrize(
    ("sql", "op"),
    [
        ("birth_date < CURRENT_DATE", "<"),
        ("created_at <= now()", "<="),
        ("created_at <= CURRENT_TIMESTAMP", "<="),
    ],
)
def test_now_and_current_date_are_the_time_of_parsing(sql, op):
    rules = parse_check_sql(sql, "postgres")
    ((column, bounds),) = rules.bounds.items()
    today = dt.datetime.now(dt.UTC).date()
    assert bounds.high is not None and bounds.high_inclusive == (op == "<=")
    assert (
        bounds.high
        if isinstance(bounds.high, dt.date) and not isinstance(bounds.high, dt.datetime)
        else bounds.high.date()
    ) in (today, today - dt.timedelta(days=1))
    kind = "date" if column == "birth_date" else "datetime"
    future = dt.datetime(2999, 1, 1) if kind == "datetime" else dt.date(2999, 1, 1)
    fixed = repair_column(future, bounds, _col(column, kind), random.Random(1))
    assert rules.holds({column: fixed}) is True


@pytest.mark.parametrize(
    "pattern", ["^[A-Z]{3}[0-9]{2}$", "^AB-\\d{4}$", "^[a-z_]+$", "^x[0-9]?y{2,3}$", "[0-9]", "^a.c$"]
)
def test_generated_strings_match_their_regex(pattern):
    rng = random.Random(5)
    for _ in range(20):
        assert re.search(pattern, generate_regex(pattern, rng))


@pytest.mark.parametrize("pattern", ["^(a|b)$", "^[^a]$", "^a\\1$"])
def test_regexes_beyond_the_generator_stay_unsupported(pattern):
    sql = f"code ~ '{pattern}'"
    assert parse_check_sql(sql, "postgres").unsupported == [sql]


def test_like_matching():
    assert like_matches("AB-1", "AB-%") and not like_matches("XAB-1", "AB-%")
    assert like_matches("a.c", "a_c") and not like_matches("abbc", "a_c")
