"""How a Python value is written for a database: one `ValueCodec` per dialect.

One dispatch decides a value's kind: `kind_of` looks the exact type up first and falls back
to isinstance in `KINDS` order (bool before int, datetime before date). A *rendering* is a
table kind → encoder; the codec builds each of its renderings from small hooks and compiles
it into an exact-type table, so the common value costs one dict lookup:

* `literal`: an SQL literal, for statements sent without parameters (exact against any
  string: the dialect's `string_literal` decides the quoting);
* `param`: a value the driver binds as the column expects.

A dialect's codec sets only the attributes that differ (boolean and blob literal forms,
whether UTC offsets are kept), overrides only the hooks that differ (string quoting, interval
text and literal, arrays) and may add renderings of its own (PostgreSQL: COPY text fields
and array elements). The base class is the common case: '' doubling, 1/0 booleans,
X'..' blobs, intervals as [-]H:MM:SS[.ffffff] text, no arrays, datetimes in naive UTC,
shapes as WKT text.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from operator import methodcaller
from typing import Any, ClassVar

from sqlalchemy.engine import Connection

from querynl.geometry import Geometry
from querynl.loading.columns import NULL_TYPE, render_column, render_rows, value_types
from querynl.temporal import utc_naive

Encoder = Callable[[Any], Any]

# The one type dispatch: exact types by lookup, subclasses by isinstance in this order.
KINDS: tuple[tuple[type, str], ...] = (
    (type(None), "null"),
    (bool, "bool"),
    (int, "int"),
    (float, "float"),
    (Decimal, "decimal"),
    (bytes, "bytes"),
    (bytearray, "bytes"),
    (memoryview, "bytes"),
    (dt.timedelta, "interval"),
    (list, "array"),
    (Geometry, "geometry"),
    (str, "text"),
    (dt.datetime, "datetime"),
    (dt.date, "date"),
    (dt.time, "time"),
)
_EXACT_KINDS = dict(KINDS)
KIND_NAMES = tuple(dict.fromkeys(kind for _cls, kind in KINDS))
ISO_TEXT = methodcaller("isoformat")  # a date's or time's text, offset included
ISO_DATETIME_TEXT = methodcaller("isoformat", " ")


def kind_of(value: Any) -> str | None:
    """The kind of a value (None for a type no rendering knows)."""
    kind = _EXACT_KINDS.get(type(value))
    if kind is None:
        kind = next((k for cls, k in KINDS if isinstance(value, cls)), None)
    return kind


def same(value: Any) -> Any:
    return value


def compile_rendering(encoders: dict[str, Encoder], fallback: Encoder) -> tuple[Encoder, dict[type, Encoder]]:
    """A rendering as one function, and its exact-type table for loops that inline the lookup."""
    by_type = {cls: encoders[kind] for cls, kind in KINDS if kind in encoders}
    exact = by_type.get

    def render(value: Any) -> Any:
        encode = exact(type(value))
        if encode is same:  # the common bound parameter: skip the call
            return value
        if encode is None:
            kind = kind_of(value)
            encode = fallback if kind is None else encoders.get(kind, fallback)
        return encode(value)

    return render, by_type


def constant(text: str) -> Encoder:
    """An encoder of NULL: `text` for None (a C-level lookup, no Python frame per value)."""
    return {None: text}.__getitem__


def number_text(value: float | Decimal) -> str:
    """A finite number as SQL reads it, never in exponent form for a Decimal."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} cannot be written as an SQL number")
        return float.__repr__(value)
    if not value.is_finite():
        raise ValueError(f"{value} cannot be written as an SQL number")
    return format(value, "f")


def clock_text(value: dt.timedelta) -> str:
    """[-]H:MM:SS[.ffffff], hours unbounded (MySQL's TIME input form; SQLite stores it as text)."""
    sign = "-" if value < dt.timedelta(0) else ""
    micros = abs(value) // dt.timedelta(microseconds=1)
    seconds, micro = divmod(micros, 1_000_000)
    minutes, sec = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    fraction = f".{micro:06d}" if micro else ""
    return f"{sign}{hours:02d}:{minute:02d}:{sec:02d}{fraction}"


def _quoted_iso(text: Encoder) -> Encoder:
    return lambda value: "'" + text(value) + "'"  # ISO text has nothing to escape


def _escaped(text: str) -> bool:
    """Whether text needs more than quotes around it in some dialect's string literal."""
    return "'" in text or "\\" in text or "\0" in text


def _naive_datetime_text(value: dt.datetime) -> str:
    return utc_naive(value).isoformat(sep=" ")


def _naive_time_text(value: dt.time) -> str:
    return value.replace(tzinfo=None).isoformat()


class ValueCodec:
    """The common case; a dialect's subclass overrides the hooks that differ."""

    dialect: ClassVar[str] = "SQL"  # for messages
    keeps_utc_offsets: ClassVar[bool] = False  # aware datetimes and times keep their offset
    boolean_literals: ClassVar[tuple[str, str]] = ("0", "1")  # (false, true)
    bytes_literal_form: ClassVar[str] = "X'{}'"  # the hex digits go in {}

    def __init__(self) -> None:
        self.literal, self._literal_types = compile_rendering(self.literal_encoders(), self._unrenderable)
        self.param, self._param_types = compile_rendering(self.param_encoders(), same)
        self._naive = {dt.datetime: ISO_DATETIME_TEXT, dt.time: ISO_TEXT}  # offset-free values' text
        self._naive_literals = {cls: _quoted_iso(text) for cls, text in self._naive.items()}

    # ----- whole batches, column by column (querynl.loading.columns) -------------------------

    def param_rows(self, rows: Sequence[Sequence[Any]]) -> list[tuple]:
        """The rows with every value as `param` renders it."""
        return render_rows(rows, self.param_column)

    def param_column(self, column: Sequence[Any]) -> Sequence[Any]:
        return render_column(column, self.param, self._param_types, self._naive, same)

    def literal_column(self, column: Sequence[Any]) -> Sequence[Any]:
        """Every value as `literal` renders it. Text without a quote, backslash or NUL is
        written between quotes as it is (what every dialect's string literal makes of it)."""
        types = value_types(column)
        if str in types and types <= {str, NULL_TYPE} and not _escaped("".join(filter(None, column))):
            null = self.literal(None)
            return [null if v is None else "'" + v + "'" for v in column]
        return render_column(column, self.literal, self._literal_types, self._naive_literals)

    @classmethod
    def for_connection(cls, conn: Connection) -> ValueCodec:
        """The codec for one connection (a dialect may read session state from it)."""
        return cls()

    # ----- renderings ----------------------------------------------------------------------

    def literal_encoders(self) -> dict[str, Encoder]:
        quoted = self.string_literal
        encoders: dict[str, Encoder] = {
            "null": constant("NULL"),
            "bool": dict(zip((False, True), self.boolean_literals, strict=True)).__getitem__,
            "int": int.__repr__,
            "float": number_text,
            "decimal": number_text,
            "bytes": lambda value: self.bytes_literal_form.format(bytes(value).hex()),
            "interval": self.interval_literal,
            "array": self.array_literal,
            "text": quoted,
            "geometry": lambda value: quoted(self.geometry_text(value)),
        }
        for kind, text in self.temporal_encoders().items():
            encoders[kind] = lambda value, text=text: quoted(text(value))
        return encoders

    def param_encoders(self) -> dict[str, Encoder]:
        """Drivers bind None, bool, int, float, str and bytes themselves; the rest goes as text."""
        return {
            **dict.fromkeys(("null", "bool", "int", "float", "text"), same),
            "decimal": number_text,
            "bytes": bytes,
            "interval": self.interval_text,
            "array": self.array_literal,  # raises: no array type
            "geometry": self.geometry_text,
            **self.temporal_encoders(),
        }

    def temporal_encoders(self) -> dict[str, Encoder]:
        """Dates and times as the database reads them (ISO text)."""
        if self.keeps_utc_offsets:
            return {"datetime": ISO_DATETIME_TEXT, "date": ISO_TEXT, "time": ISO_TEXT}
        return {"datetime": _naive_datetime_text, "date": ISO_TEXT, "time": _naive_time_text}

    def _unrenderable(self, value: Any) -> str:
        raise TypeError(f"cannot render {type(value).__name__} as a {self.dialect} literal")

    # ----- hooks ------------------------------------------------------------------------------

    def string_literal(self, text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    def interval_text(self, value: dt.timedelta) -> str:
        """The one place a dialect decides how an interval is written."""
        return clock_text(value)

    def interval_literal(self, value: dt.timedelta) -> str:
        return self.string_literal(self.interval_text(value))

    def array_literal(self, value: list) -> str:
        raise TypeError(f"{self.dialect} has no array type")

    def geometry_text(self, value: Geometry) -> str:
        """A shape as text: WKT (what SQLite, without SpatiaLite, stores)."""
        return value.wkt
