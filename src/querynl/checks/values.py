"""Column values for repairs: the Python type a column holds, rounding and stepping by its precision."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

from querynl.checks.evaluate import compare, to_decimal
from querynl.schema import ColumnInfo, ColumnKind
from querynl.synthesis.value_fitting import DEFAULT_SCALE, fit_value
from querynl.temporal import to_timedelta

_FAMILIES: dict[str, str] = {
    "integer": "int",
    "decimal": "decimal",
    "float": "float",
    "boolean": "bool",
    "date": "date",
    "datetime": "datetime",
    "time": "time",
    "string": "str",
    "text": "str",
    "enum": "str",
    "uuid": "str",
    "interval": "interval",
}
NUMERIC_FAMILIES = {"int", "decimal", "float"}


def _kind_of_value(value: Any) -> ColumnKind:
    checks: list[tuple[type | tuple[type, ...], ColumnKind]] = [
        (bool, "boolean"),
        (int, "integer"),
        (Decimal, "decimal"),
        (float, "float"),
        (dt.datetime, "datetime"),
        (dt.date, "date"),
        (dt.time, "time"),
        (str, "string"),
    ]
    return next((kind for cls, kind in checks if isinstance(value, cls)), "other")


def column_info(columns: dict[str, ColumnInfo], name: str, sample: Any) -> ColumnInfo:
    if name in columns:
        return columns[name]
    return ColumnInfo(name=name, type_name="", kind=_kind_of_value(sample))


def value_family(column: ColumnInfo) -> str:
    return _FAMILIES.get(column.kind, "other")


def _quantum(column: ColumnInfo) -> Decimal:
    return Decimal(10) ** -(column.scale if column.scale is not None else DEFAULT_SCALE)


def to_native(value: Any, column: ColumnInfo) -> Any:
    """``value`` as the Python type the column's rows hold."""
    family = value_family(column)
    if family == "int":
        value = int(to_decimal(value).to_integral_value(ROUND_HALF_UP))
    elif family in ("decimal", "float"):
        value = to_decimal(value)
    elif family == "interval":
        value = to_timedelta(value)
    return fit_value(column, value)


def _rounded(bound: Any, column: ColumnInfo, up: bool) -> Any:
    """The bound as a column value, rounded towards the allowed side."""
    family = value_family(column)
    if family == "int":
        return int(to_decimal(bound).to_integral_value(ROUND_CEILING if up else ROUND_FLOOR))
    if family == "decimal":
        return fit_value(
            column, to_decimal(bound).quantize(_quantum(column), ROUND_CEILING if up else ROUND_FLOOR)
        )
    return to_native(bound, column)


def step_value(value: Any, count: int, column: ColumnInfo) -> Any:
    """``value`` moved ``count`` of the column's smallest steps."""
    family = value_family(column)
    if family == "int":
        return value + count
    if family == "decimal":
        return value + count * _quantum(column)
    if family == "float":
        return value + count * max(abs(value) * 1e-5, 1e-5)
    if family in ("date", "datetime", "interval"):
        unit = dt.timedelta(days=1) if family == "date" else dt.timedelta(seconds=1)
        return value + count * unit
    if family == "time":
        moment = dt.datetime.combine(dt.date(2000, 1, 1), value) + dt.timedelta(seconds=count)
        return moment.time() if moment.date() == dt.date(2000, 1, 1) else value
    if family == "str":
        return value + "a" * count if count > 0 else value[:count]
    return value


def edge_value(bound: Any, inclusive: bool, column: ColumnInfo, up: bool) -> Any:
    """The column value closest to ``bound`` that satisfies it (from above when ``up``)."""
    wanted = (">=" if inclusive else ">") if up else ("<=" if inclusive else "<")
    value = _rounded(bound, column, up)
    for _ in range(3):
        if compare(value, wanted, bound):
            break
        value = step_value(value, 1 if up else -1, column)
    return value
