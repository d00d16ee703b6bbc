"""Bounds algebra: several bounds on one column at once (AND) or as alternatives (OR)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any

from querynl.checks.evaluate import EVAL_ERRORS, compare, safe_compare
from querynl.checks.model import ColumnBounds


def intersect_bounds(a: ColumnBounds, b: ColumnBounds) -> ColumnBounds:
    """Both bounds at once (AND)."""
    low, low_inclusive = _tighter(a.low, a.low_inclusive, b.low, b.low_inclusive, ">")
    high, high_inclusive = _tighter(a.high, a.high_inclusive, b.high, b.high_inclusive, "<")
    return ColumnBounds(
        low=low,
        low_inclusive=low_inclusive,
        high=high,
        high_inclusive=high_inclusive,
        allowed=_intersect_allowed(a.allowed, b.allowed),
        excluded=a.excluded + [x for x in b.excluded if x not in a.excluded],
        max_length=_pick(min, a.max_length, b.max_length),
        min_length=_pick(max, a.min_length, b.min_length),
        not_null=a.not_null or b.not_null,
        not_empty=a.not_empty or b.not_empty,
        byte_length=a.byte_length or b.byte_length,
        any_of=_intersect_alternatives(a.any_of, b.any_of),
        case=a.case or b.case,
        like=a.like + [x for x in b.like if x not in a.like],
        not_like=a.not_like + [x for x in b.not_like if x not in a.not_like],
        regex=a.regex + [x for x in b.regex if x not in a.regex],
        json_keys=_intersect_keys(a.json_keys, b.json_keys),
        json_type=a.json_type or b.json_type,
    )


def _intersect_keys(a: dict[str, ColumnBounds], b: dict[str, ColumnBounds]) -> dict[str, ColumnBounds]:
    merged = dict(a)
    for key, bounds in b.items():
        merged[key] = intersect_bounds(merged[key], bounds) if key in merged else bounds
    return merged


def union_bounds(options: list[ColumnBounds]) -> ColumnBounds:
    """Either of the bounds (OR): a merged allowed list, else alternatives."""
    if all(_only(o, "allowed") for o in options):
        merged: list[Any] = []
        for option in options:
            merged += [v for v in option.allowed or [] if v not in merged]
        return ColumnBounds(allowed=merged)
    alternatives: list[ColumnBounds] = []
    for option in options:
        alternatives += split_alternatives(option)
    return ColumnBounds(any_of=alternatives)


def split_alternatives(bounds: ColumnBounds) -> list[ColumnBounds]:
    if not bounds.any_of:
        return [bounds]
    main = replace(bounds, any_of=None)
    return [intersect_bounds(main, alt) for alt in bounds.any_of]


def _only(bounds: ColumnBounds, name: str) -> bool:
    default = ColumnBounds()
    return all(getattr(bounds, f.name) == getattr(default, f.name) for f in fields(bounds) if f.name != name)


def _tighter(a: Any, a_inc: bool, b: Any, b_inc: bool, stricter: str) -> tuple[Any, bool]:
    if a is None or b is None:
        return (b, b_inc) if a is None else (a, a_inc)
    try:
        if compare(a, "=", b):
            return a, a_inc and b_inc
        return (a, a_inc) if compare(a, stricter, b) else (b, b_inc)
    except EVAL_ERRORS:
        return a, a_inc


def _intersect_allowed(a: list[Any] | None, b: list[Any] | None) -> list[Any] | None:
    if a is None or b is None:
        return b if a is None else a
    return [x for x in a if any(safe_compare(x, "=", y) for y in b)]


def _intersect_alternatives(a: list[ColumnBounds] | None, b: list[ColumnBounds] | None) -> list | None:
    if a is None or b is None:
        return b if a is None else a
    return [intersect_bounds(x, y) for x in a for y in b]


def _pick(chooser: Callable[..., int], a: int | None, b: int | None) -> int | None:
    values = [v for v in (a, b) if v is not None]
    return chooser(values) if values else None
