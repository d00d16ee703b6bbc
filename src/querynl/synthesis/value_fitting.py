"""Make a generated value fit its column: type, length, range, precision and scale."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from querynl.geometry import Geometry
from querynl.schema import ColumnInfo
from querynl.temporal import to_date, to_datetime, to_time, utc_naive

DEFAULT_SCALE = 2
_NINE_AM = dt.time(9, 0)  # a bare date given to a datetime column


def fit_value(column: ColumnInfo, value: Any) -> Any:
    if value is None:
        return None
    return _FITTERS.get(column.kind, _fit_other)(column, value)


def fit_values(column: ColumnInfo, values: list[Any]) -> list[Any]:
    """fit_value over a batch, passing over the values that already fit: text within the
    column's length, naive moments for a column without a time zone."""
    kind, limit = column.kind, column.length or 0
    if kind in ("string", "text") and limit:
        return [v if type(v) is str and len(v) <= limit else fit_value(column, v) for v in values]
    if kind in ("string", "text"):
        return [v if type(v) is str else fit_value(column, v) for v in values]
    if kind == "datetime" and not column.timezone and (column.precision is None or column.precision >= 6):
        return [v if type(v) is dt.datetime and v.tzinfo is None else fit_value(column, v) for v in values]
    return [fit_value(column, v) for v in values]


def decimal_bounds(column: ColumnInfo) -> tuple[Decimal, Decimal]:
    """The largest magnitude a NUMERIC(p, s) column holds, as (min, max)."""
    scale = column.scale if column.scale is not None else DEFAULT_SCALE
    if column.precision is None:
        top = Decimal(10) ** 12
    else:
        top = Decimal(10) ** (column.precision - scale) - Decimal(10) ** -scale
    return -top, top


def _fit_string(column: ColumnInfo, value: Any) -> str:
    text = value if isinstance(value, str) else str(value)
    if column.length and len(text) > column.length:
        text = text[: column.length].rstrip() or text[: column.length]
    return text


def _fit_text(column: ColumnInfo, value: Any) -> str:
    return _fit_string(column, value)


def _fit_integer(column: ColumnInfo, value: Any) -> int:
    number = int(value)
    low = column.int_min if column.int_min is not None else -(2**63)
    high = column.int_max if column.int_max is not None else 2**63 - 1
    return max(low, min(high, number))


def _fit_decimal(column: ColumnInfo, value: Any) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        number = Decimal(0)
    scale = column.scale if column.scale is not None else DEFAULT_SCALE
    number = number.quantize(Decimal(10) ** -scale, rounding=ROUND_HALF_UP)
    low, high = decimal_bounds(column)
    return max(low, min(high, number))


def _fit_float(_column: ColumnInfo, value: Any) -> float:
    return float(value)


def _fit_boolean(_column: ColumnInfo, value: Any) -> bool:
    return bool(value)


def _fit_date(_column: ColumnInfo, value: Any) -> dt.date:
    return to_date(value)


def _fit_datetime(column: ColumnInfo, value: Any) -> dt.datetime:
    """A bare date becomes 09:00 that day; the offset follows the column's time zone."""
    moment = to_datetime(value, time_of_day=_NINE_AM)
    if column.precision is not None and column.precision < 6:  # what the column stores, so a
        step = 10 ** (6 - column.precision)  # value compares equal to the row read back
        moment = moment.replace(microsecond=moment.microsecond // step * step)
    if column.timezone:
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return utc_naive(moment)


def _fit_time(_column: ColumnInfo, value: Any) -> dt.time:
    return to_time(value)


def _fit_json(_column: ColumnInfo, value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str)


def _fit_uuid(_column: ColumnInfo, value: Any) -> str:
    return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))


def _fit_enum(column: ColumnInfo, value: Any) -> str:
    text = str(value)
    allowed = column.enum_values or []
    if allowed and text not in allowed and not _is_set_of(text, allowed):
        return allowed[0]
    return text


def _is_set_of(text: str, allowed: list[str]) -> bool:
    """MySQL SET values are comma-separated members."""
    return all(part in allowed for part in text.split(","))


def _fit_binary(column: ColumnInfo, value: Any) -> bytes:
    data = value if isinstance(value, bytes) else str(value).encode()
    return data[: column.length] if column.length else data


def _fit_interval(_column: ColumnInfo, value: Any) -> dt.timedelta:
    return value if isinstance(value, dt.timedelta) else dt.timedelta(seconds=float(value))


def _fit_array(column: ColumnInfo, value: Any) -> list:
    items = list(value) if isinstance(value, list | tuple) else [value]
    if column.item_kind is None:
        return items
    item = ColumnInfo(name=column.name, type_name=column.type_name, kind=column.item_kind)
    return [fit_value(item, v) for v in items]


def _fit_geometry(column: ColumnInfo, value: Any) -> Geometry:
    """A shape, in the column's SRID when it declares one."""
    if not isinstance(value, Geometry):
        raise TypeError(f"{column.name} needs a shape, not {type(value).__name__}")
    srid = column.spatial.srid if column.spatial is not None else 0
    return value.with_srid(srid) if srid else value


def _fit_other(_column: ColumnInfo, value: Any) -> Any:
    return value if isinstance(value, str | int | float | Decimal | bool) else str(value)


_FITTERS: dict[str, Callable[[ColumnInfo, Any], Any]] = {
    "string": _fit_string,
    "text": _fit_text,
    "integer": _fit_integer,
    "decimal": _fit_decimal,
    "float": _fit_float,
    "boolean": _fit_boolean,
    "date": _fit_date,
    "datetime": _fit_datetime,
    "time": _fit_time,
    "json": _fit_json,
    "uuid": _fit_uuid,
    "enum": _fit_enum,
    "binary": _fit_binary,
    "interval": _fit_interval,
    "array": _fit_array,
    "geometry": _fit_geometry,
}
