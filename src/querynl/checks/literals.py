"""Constants of a sqlglot expression: numbers, strings, booleans, NULL and arrays of them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlglot import exp

from querynl.checks.clauses import Unsupported


def unparen(node: exp.Expression) -> exp.Expression:
    while isinstance(node, exp.Paren):
        node = node.this
    return node


def strip_casts(node: exp.Expression) -> exp.Expression:
    """Remove parentheses and casts around an operand."""
    while isinstance(node, exp.Paren | exp.Cast | exp.TryCast):
        node = node.this
    return node


def is_constant(node: exp.Expression) -> bool:
    core = strip_casts(node)
    if isinstance(core, exp.Neg):
        return is_constant(core.this)
    return isinstance(core, exp.Literal | exp.Boolean | exp.Null | exp.Introducer | _NOW)


_NOW = exp.CurrentDate | exp.CurrentTimestamp | exp.CurrentDatetime


def _now(node: exp.Expression) -> dt.date:
    """``CURRENT_DATE`` / ``now()`` / ``CURRENT_TIMESTAMP`` when the check is parsed (UTC)."""
    moment = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    return moment.date() if isinstance(node, exp.CurrentDate) else moment


def constant(node: exp.Expression) -> Any:
    if isinstance(node, exp.Paren | exp.Neg):
        value = constant(node.this)
        return value if isinstance(node, exp.Paren) else -_require_number(value)
    if isinstance(node, exp.Cast | exp.TryCast):
        value = constant(node.this)
        numeric = node.to.is_type(*exp.DataType.NUMERIC_TYPES)
        return _number(value) if numeric and isinstance(value, str) else value
    if isinstance(node, exp.Introducer):
        return constant(node.expression)
    if isinstance(node, exp.Literal):
        return node.this if node.is_string else _number(node.this)
    if isinstance(node, exp.Boolean):
        return bool(node.this)
    if isinstance(node, exp.Null):
        return None
    if isinstance(node, _NOW):
        return _now(node)
    raise Unsupported(f"constant {node.key}")


def _number(text: str) -> int | Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise Unsupported(f"number {text!r}") from None
    if value == value.to_integral_value() and "." not in text and "e" not in text.lower():
        return int(value)
    return value


def _require_number(value: Any) -> int | Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise Unsupported("negated non-number")
    return value


def array_values(node: exp.Expression) -> list[Any]:
    core = strip_casts(node)
    if not isinstance(core, exp.Array):
        raise Unsupported("ANY/ALL of a non-array")
    values = [v for v in (constant(e) for e in core.expressions) if v is not None]
    if not values:
        raise Unsupported("empty array")
    return values
