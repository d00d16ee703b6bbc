"""Repairing a row: change its values as little as possible so the understood checks hold."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import random
import string
from dataclasses import replace
from decimal import Decimal
from typing import Any

from querynl.checks.bounds import intersect_bounds, split_alternatives
from querynl.checks.conditional import choose_branch
from querynl.checks.evaluate import (
    EVAL_ERRORS,
    comparable,
    compare,
    json_document,
    json_key_text,
    pair_holds,
    safe_compare,
    safe_satisfies,
    text_length,
    to_decimal,
)
from querynl.checks.model import MIRROR, Branch, ColumnBounds, PairRule
from querynl.checks.patterns import fit_patterns
from querynl.checks.rules import CheckRules
from querynl.checks.values import (
    NUMERIC_FAMILIES,
    column_info,
    edge_value,
    step_value,
    to_native,
    value_family,
)
from querynl.schema import ColumnInfo

_LETTERS = string.ascii_lowercase
_JSON_MEMBER = ColumnInfo(name="member", type_name="TEXT", kind="text")  # a JSON key's text
_SPREAD_DAYS = (1, 30)


def _clamp(value: Any, bounds: ColumnBounds, column: ColumnInfo) -> Any:
    low, high = bounds.low, bounds.high
    if low is not None and not compare(value, ">=" if bounds.low_inclusive else ">", low):
        value = edge_value(low, bounds.low_inclusive, column, up=True)
    if high is not None and not compare(value, "<=" if bounds.high_inclusive else "<", high):
        value = edge_value(high, bounds.high_inclusive, column, up=False)
    return value


def _random_text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(_LETTERS) for _ in range(size))


def _fit_bytes(value: bytes, bounds: ColumnBounds, rng: random.Random) -> bytes:
    if bounds.max_length is not None:
        value = value[: bounds.max_length]
    missing = max(bounds.min_length or 0, 1 if bounds.not_empty else 0) - len(value)
    return value + rng.randbytes(missing) if missing > 0 else value


def _fit_length(value: Any, bounds: ColumnBounds, rng: random.Random) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return _fit_bytes(bytes(value), bounds, rng)
    if not isinstance(value, str):
        return value
    if bounds.max_length is not None:
        while value and text_length(value, bounds.byte_length) > bounds.max_length:
            value = value[:-1]
    if bounds.min_length is not None and len(value) < bounds.min_length:
        value += _random_text(rng, bounds.min_length - text_length(value, bounds.byte_length))
    if bounds.not_empty and not value.strip():
        size = max(1, bounds.min_length or 1)
        value = _random_text(rng, min(size, bounds.max_length) if bounds.max_length else size)
    return value


def _nudge(value: Any, count: int, column: ColumnInfo, bounds: ColumnBounds, rng: random.Random) -> Any:
    if value_family(column) != "str":
        return step_value(value, count, column)
    room = bounds.max_length is None or len(value) < bounds.max_length
    return (value if room else value[:-1]) + rng.choice(_LETTERS)


def _avoid_excluded(value: Any, bounds: ColumnBounds, column: ColumnInfo, rng: random.Random) -> Any:
    if not any(safe_compare(value, "=", x) for x in bounds.excluded):
        return value
    plain = replace(bounds, any_of=None)
    for count in (1, -1, 2, -2, 3, -3, 5, -5, 10, -10, 100, -100):
        candidate = _nudge(value, count, column, bounds, rng)
        if safe_satisfies(candidate, plain):
            return candidate
    return value


def _choose_allowed(value: Any, bounds: ColumnBounds, column: ColumnInfo, rng: random.Random) -> Any:
    if any(safe_compare(value, "=", a) for a in bounds.allowed or []):
        return value
    natives = []
    for option in bounds.allowed or []:
        try:
            natives.append(to_native(option, column))
        except EVAL_ERRORS:
            continue
    fitting = [v for v in natives if safe_satisfies(v, replace(bounds, any_of=None))]
    return rng.choice(fitting or natives) if fitting or natives else value


def _repair_json(value: Any, bounds: ColumnBounds, rng: random.Random) -> str:
    """The document of the wanted type, with every required key holding a fitting value."""
    try:
        document = json_document(value)
    except EVAL_ERRORS:
        document = None
    if (bounds.json_keys or bounds.json_type == "object") and not isinstance(document, dict):
        document = {} if document is None else {"value": document}
    elif bounds.json_type == "array" and not isinstance(document, list):
        document = [] if document is None else [document]
    for key, key_bounds in bounds.json_keys.items():
        text = json_key_text(document, key)
        if text is None or not safe_satisfies(text, key_bounds):
            start = text if text is not None else _random_text(rng, 8).capitalize()
            document[key] = repair_column(start, key_bounds, _JSON_MEMBER, rng)
    return json.dumps(document)


def _repair_plain(value: Any, bounds: ColumnBounds, column: ColumnInfo, rng: random.Random) -> Any:
    """Repair into bounds without alternatives."""
    if bounds.json_keys or bounds.json_type:
        return _repair_json(value, bounds, rng)
    if bounds.allowed is not None:
        return _choose_allowed(value, bounds, column, rng)
    value = fit_patterns(_fit_length(value, bounds, rng), bounds, rng, column.length)
    with contextlib.suppress(*EVAL_ERRORS):
        value = _clamp(value, bounds, column)
    return _avoid_excluded(value, bounds, column, rng)


def _nearest(value: Any, candidates: list[Any]) -> Any:
    def distance(candidate: Any) -> Any:
        try:
            left, right = comparable(candidate, value)
            return abs(left - right)
        except (*EVAL_ERRORS, AttributeError):
            return 0

    try:
        return min(candidates, key=distance)
    except TypeError:
        return candidates[0]


def _repair_bounds(value: Any, bounds: ColumnBounds, column: ColumnInfo, rng: random.Random) -> Any:
    if safe_satisfies(value, bounds):
        return value
    if not bounds.any_of:
        return _repair_plain(value, bounds, column, rng)
    options = split_alternatives(bounds)
    candidates = [_repair_plain(value, option, column, rng) for option in options]
    valid = [c for c in candidates if safe_satisfies(c, bounds)]
    return _nearest(value, valid) if valid else candidates[0]


_SEEDS: dict[str, Any] = {
    "int": 0,
    "decimal": Decimal(0),
    "float": 0.0,
    "bool": False,
    "date": dt.date(2024, 1, 1),
    "datetime": dt.datetime(2024, 1, 1, 9),
    "time": dt.time(9),
}


def _seeds(bounds: ColumnBounds, column: ColumnInfo, rng: random.Random) -> list[Any]:
    """Starting values for a column whose value is NULL (but must not be) or unusable."""
    seeds = [rng.choice(bounds.allowed)] if bounds.allowed else []
    seeds += [bound for bound in (bounds.low, bounds.high) if bound is not None]
    fallback = _random_text(rng, max(1, bounds.min_length or 1))
    family = value_family(column)
    if family in ("int", "decimal"):  # a column a conditional check needs non-NULL: a plausible number
        seeds.append(rng.randint(1, 999))
    return seeds + [_SEEDS.get(family, fallback)]


def _as_native(value: Any, bounds: ColumnBounds, column: ColumnInfo, rng: random.Random) -> Any:
    candidates = [] if value is None else [value]
    for candidate in candidates + _seeds(bounds, column, rng):
        try:
            return to_native(candidate, column)
        except EVAL_ERRORS:
            continue
    return value


def repair_column(value: Any, bounds: ColumnBounds, column: ColumnInfo, rng: random.Random) -> Any:
    if value is None and not bounds.not_null:
        return None
    native = _as_native(value, bounds, column, rng)
    try:
        return _repair_bounds(native, bounds, column, rng)
    except EVAL_ERRORS:
        return native


def _pair_limit(op: str, other: Any) -> ColumnBounds:
    """The bounds ``value op other`` puts on the value."""
    limits = {
        "<": ColumnBounds(high=other, high_inclusive=False),
        "<=": ColumnBounds(high=other),
        ">": ColumnBounds(low=other, low_inclusive=False),
        ">=": ColumnBounds(low=other),
        "=": ColumnBounds(allowed=[other]),
        "<>": ColumnBounds(excluded=[other]),
    }
    return limits[op]


def _spread(op: str, other: Any, column: ColumnInfo, rng: random.Random) -> Any:
    """A plausible value for ``value op other``: a few days after a start date, a fraction of a price."""
    family = value_family(column)
    if op == "=":
        return other
    if family in ("date", "datetime"):
        delta = dt.timedelta(days=rng.randint(*_SPREAD_DAYS))
        return to_native(other, column) + (-delta if op in ("<", "<=") else delta)
    if family in NUMERIC_FAMILIES:
        return _spread_number(op, to_decimal(other), rng)
    return other


def _spread_number(op: str, other: Decimal, rng: random.Random) -> Decimal:
    magnitude = abs(other) or Decimal(1)
    if op in ("<", "<="):
        if other > 0:
            return other * Decimal(str(rng.uniform(0, 0.9)))
        return other - magnitude * Decimal(str(rng.uniform(0.1, 1)))
    if other > 0:
        return other * Decimal(str(rng.uniform(1.1, 2)))
    return other + magnitude * Decimal(str(rng.uniform(0.1, 1)))


def _move(
    row: dict[str, Any],
    target: str,
    op: str,
    other: str,
    limits: tuple[dict[str, ColumnBounds], dict[str, ColumnInfo]],
    rng: random.Random,
) -> bool:
    """Change ``row[target]`` so ``target op other`` holds within the target's own bounds."""
    bounds, columns = limits
    column = column_info(columns, target, row[target])
    merged = intersect_bounds(bounds.get(target, ColumnBounds()), _pair_limit(op, row[other]))
    try:
        candidate = _repair_bounds(
            to_native(_spread(op, row[other], column, rng), column), merged, column, rng
        )
    except EVAL_ERRORS:
        return False
    if not safe_satisfies(candidate, merged):
        return False
    row[target] = candidate
    return True


def repair_pair(
    row: dict[str, Any],
    pair: PairRule,
    bounds: dict[str, ColumnBounds],
    columns: dict[str, ColumnInfo],
    rng: random.Random,
) -> None:
    if pair_holds(row, pair) is not False:
        return
    if not _move(row, pair.left, pair.op, pair.right, (bounds, columns), rng):
        _move(row, pair.right, MIRROR[pair.op], pair.left, (bounds, columns), rng)


def repair_row(
    rules: CheckRules, row: dict[str, Any], columns: dict[str, ColumnInfo], rng: random.Random
) -> dict[str, Any]:
    """The row changed as little as possible so that every understood check holds."""
    fixed = dict(row)
    for name, bounds in rules.bounds.items():
        if name in fixed:
            fixed[name] = repair_column(fixed[name], bounds, column_info(columns, name, fixed[name]), rng)
    for options in rules.alternatives:
        _apply_branch(fixed, choose_branch(options, fixed, columns, rng), rules.bounds, columns, rng)
    for _ in range(3):
        for pair in rules.pairs:
            repair_pair(fixed, pair, rules.bounds, columns, rng)
    return fixed


def _apply_branch(
    row: dict[str, Any],
    branch: Branch | None,
    bounds: dict[str, ColumnBounds],
    columns: dict[str, ColumnInfo],
    rng: random.Random,
) -> None:
    """Make a conditional check's chosen branch hold: its NULL columns NULL, its bounds met
    (a column it needs non-NULL gets a value), its pairs repaired."""
    if branch is None:
        return
    for name in branch.null_cols & row.keys():
        row[name] = None
    for name, extra in branch.bounds.items():
        if name in row:
            merged = intersect_bounds(bounds[name], extra) if name in bounds else extra
            row[name] = repair_column(row[name], merged, column_info(columns, name, row[name]), rng)
    for pair in branch.pairs:
        repair_pair(row, pair, bounds, columns, rng)
