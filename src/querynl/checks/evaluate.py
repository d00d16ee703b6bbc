"""Evaluating understood checks: SQL-like comparisons of Python values, bounds and pair rules."""

from __future__ import annotations

import datetime as dt
import json
import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from querynl.checks.model import Branch, ColumnBounds, PairRule
from querynl.checks.patterns import like_matches, regex_matches
from querynl.temporal import to_date, to_datetime, to_time, to_timedelta, utc_naive

EVAL_ERRORS = (TypeError, ValueError, ArithmeticError, OverflowError)
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "<>": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def compare(a: Any, op: str, b: Any) -> bool:
    """SQL-like comparison of two non-NULL values of possibly different Python types."""
    left, right = comparable(a, b)
    return _COMPARE[op](left, right)


def safe_compare(a: Any, op: str, b: Any) -> bool:
    try:
        return compare(a, op, b)
    except EVAL_ERRORS:
        return False


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal)


def to_decimal(value: Any) -> Decimal:
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value.strip()) if isinstance(value, str) else Decimal(value)


def comparable(a: Any, b: Any) -> tuple[Any, Any]:
    if _is_number(a) and (_is_number(b) or isinstance(b, str)) or _is_number(b) and isinstance(a, str):
        return to_decimal(a), to_decimal(b)
    if isinstance(a, dt.timedelta) or isinstance(b, dt.timedelta):
        return to_timedelta(a), to_timedelta(b)
    if isinstance(a, dt.date | dt.time) or isinstance(b, dt.date | dt.time):
        convert = _temporal_converter(a, b)
        return convert(a), convert(b)
    if isinstance(a, str) and isinstance(b, str):
        return a, b
    raise TypeError(f"cannot compare {type(a).__name__} with {type(b).__name__}")


def _temporal_converter(a: Any, b: Any) -> Callable[[Any], Any]:
    if isinstance(a, dt.datetime) or isinstance(b, dt.datetime):
        return _as_datetime
    if isinstance(a, dt.date) or isinstance(b, dt.date):
        return _as_date
    return _as_time


def _plain(value: Any) -> Any:
    """Dates and times as they are; anything else as its text without surrounding blanks."""
    return value if isinstance(value, dt.date | dt.time) else str(value).strip()


def _as_datetime(value: Any) -> dt.datetime:
    """Compared in UTC: a bare date is midnight, an aware datetime loses its offset."""
    return utc_naive(to_datetime(_plain(value)))


def _as_date(value: Any) -> dt.date:
    return to_date(_plain(value))


def _as_time(value: Any) -> dt.time:
    return to_time(_plain(value))


def text_length(value: Any, byte: bool) -> int:
    if isinstance(value, bytes | bytearray | memoryview):
        return len(bytes(value))
    text = value if isinstance(value, str) else str(value)
    return len(text.encode()) if byte else len(text)


def satisfies(value: Any, bounds: ColumnBounds) -> bool:
    """Whether a non-NULL value meets the bounds (raises on values that cannot be compared)."""
    if bounds.allowed is not None and not any(safe_compare(value, "=", a) for a in bounds.allowed):
        return False
    if bounds.low is not None and not compare(value, ">=" if bounds.low_inclusive else ">", bounds.low):
        return False
    if bounds.high is not None and not compare(value, "<=" if bounds.high_inclusive else "<", bounds.high):
        return False
    if any(safe_compare(value, "=", x) for x in bounds.excluded):
        return False
    return (
        _lengths_ok(value, bounds)
        and _patterns_ok(value, bounds)
        and (not bounds.any_of or any(satisfies(value, a) for a in bounds.any_of))
        and (not (bounds.json_keys or bounds.json_type) or _json_ok(value, bounds))
    )


def json_document(value: Any) -> Any:
    """The JSON value of a column's value (its text parsed; raises ValueError if not JSON)."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def json_key_text(document: Any, key: str) -> str | None:
    """What `document ->> key` gives: a member's text (a string unquoted), None if absent."""
    member = document.get(key) if isinstance(document, dict) else None
    if member is None or isinstance(member, str):
        return member
    return json.dumps(member)


_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean"}


def json_type_name(document: Any) -> str:
    if isinstance(document, int | float) and not isinstance(document, bool):
        return "number"
    return _JSON_TYPES.get(type(document), "null")


def _json_ok(value: Any, bounds: ColumnBounds) -> bool:
    document = json_document(value)
    if bounds.json_type and json_type_name(document) != _json_type_family(bounds.json_type):
        return False
    for key, key_bounds in bounds.json_keys.items():
        text = json_key_text(document, key)
        if text is None or not satisfies(text, key_bounds):
            return False
    return True


def _json_type_family(name: str) -> str:
    """MySQL's JSON_TYPE names (INTEGER, DOUBLE, DECIMAL) as jsonb_typeof's ("number")."""
    name = name.lower()
    return "number" if name in ("integer", "double", "decimal", "number") else name


def _patterns_ok(value: Any, bounds: ColumnBounds) -> bool:
    if not (bounds.case or bounds.like or bounds.not_like or bounds.regex):
        return True
    if not isinstance(value, str):
        return False
    if bounds.case and getattr(value, bounds.case)() != value:
        return False
    if not all(like_matches(value, p) for p in bounds.like):
        return False
    return not any(like_matches(value, p) for p in bounds.not_like) and all(
        regex_matches(value, p) for p in bounds.regex
    )


def _lengths_ok(value: Any, bounds: ColumnBounds) -> bool:
    size = text_length(value, bounds.byte_length)
    if bounds.max_length is not None and size > bounds.max_length:
        return False
    if bounds.min_length is not None and size < bounds.min_length:
        return False
    return not (bounds.not_empty and not str(value).strip())


def safe_satisfies(value: Any, bounds: ColumnBounds) -> bool:
    try:
        return value is not None and satisfies(value, bounds)
    except EVAL_ERRORS:
        return False


def bounds_hold(row: dict[str, Any], name: str, bounds: ColumnBounds) -> bool | None:
    if name not in row:
        return True
    if row[name] is None:
        return not bounds.not_null
    try:
        return satisfies(row[name], bounds)
    except EVAL_ERRORS:
        return None


def pair_holds(row: dict[str, Any], pair: PairRule) -> bool | None:
    left, right = row.get(pair.left), row.get(pair.right)
    if left is None or right is None:
        return True
    try:
        return compare(left, pair.op, right)
    except EVAL_ERRORS:
        return None


def branch_holds(row: dict[str, Any], branch: Branch) -> bool:
    if any(row.get(n) is not None for n in branch.null_cols):
        return False
    results = [bounds_hold(row, n, b) for n, b in branch.bounds.items()]
    results += [pair_holds(row, p) for p in branch.pairs]
    return all(r is not False for r in results)
