"""Rendering a batch column by column, so the common column costs C-level work, not a Python
call per value.

A batch's values are rendered per column: a column whose value types all pass through
unchanged is kept as it is after one type scan; a column of one type (and NULLs) maps that
type's encoder directly; naive datetimes and times (no UTC offset to convert) take the
C-level isoformat; anything else goes value by value through the rendering, so the result is
always exactly what the rendering gives each value (errors included).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

Encoder = Callable[[Any], Any]
NULL_TYPE = type(None)
_TZINFO = attrgetter("tzinfo")


def value_types(column: Sequence[Any]) -> set[type]:
    return set(map(type, column))


def naive(column: Sequence[Any]) -> bool:
    """Whether no value of a column of datetimes or times (and NULLs) has a UTC offset."""
    return not any(map(_TZINFO, filter(None, column)))


def render_column(
    column: Sequence[Any],
    render: Encoder,
    by_type: dict[type, Encoder],
    naive_encoders: dict[type, Encoder] | None = None,
    passthrough: object = None,
) -> Sequence[Any]:
    """The column's values as `render` gives them. by_type: the rendering's exact-type table;
    naive_encoders: cheaper encoders, by type, valid for values without a UTC offset;
    passthrough: the encoder that returns a value unchanged (its columns are kept as is)."""
    types = value_types(column)
    encoders = [by_type.get(t) for t in types]
    if passthrough is not None and all(e is passthrough for e in encoders):
        return column
    kinds = types - {NULL_TYPE}
    if len(kinds) != 1 or None in encoders:
        return list(map(render, column))
    kind = kinds.pop()
    encode = by_type[kind]
    if naive_encoders and kind in naive_encoders and naive(column):
        encode = naive_encoders[kind]
    if NULL_TYPE not in types:
        return list(map(encode, column))
    null = render(None)
    return [null if v is None else encode(v) for v in column]


def render_rows(rows: Sequence[Sequence[Any]], render_one: Callable[[Sequence[Any]], Sequence[Any]]) -> list:
    """The rows with each column rendered by `render_one(column)`, as tuples."""
    if not rows or not rows[0]:
        return [tuple(row) for row in rows]
    return list(zip(*map(render_one, zip(*rows, strict=True)), strict=True))
