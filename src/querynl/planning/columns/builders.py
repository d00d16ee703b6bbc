"""Builders for the column rules: a column (kind, length, precision...) to a provider and its arguments."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from querynl.schema import ColumnInfo

Built = tuple[str, dict[str, Any]] | None
Builder = Callable[[ColumnInfo], Built]
TEXTUAL = frozenset({"string", "text"})
NUMERIC = frozenset({"integer", "decimal", "float"})
MOMENT = frozenset({"date", "datetime", "string", "text"})
FLAGGY = frozenset({"boolean", "integer", "string"})


@dataclass(frozen=True)
class Cand:
    """A string provider with the longest value it gives, or the argument that bounds it."""

    provider: str
    max_len: int | None = None  # longest output; None when ``size_arg`` bounds it
    size_arg: str | None = None  # keyword taking the column length (e.g. max_chars)
    cap: int | None = None  # upper bound for the size argument
    min_len: int = 1  # shortest column this candidate is used for
    args: dict[str, Any] = field(default_factory=dict)

    def fits(self, length: int | None) -> bool:
        if length is None:
            return True
        return length >= self.min_len and (self.size_arg is not None or self.max_len <= length)

    def built(self, length: int | None) -> tuple[str, dict[str, Any]]:
        args = dict(self.args)
        if self.size_arg is not None:
            size = length if self.cap is None else min(length or self.cap, self.cap)
            if size is not None:
                args[self.size_arg] = size
        return self.provider, args


def fk(provider: str, max_len: int, **args: Any) -> Cand:
    """A Faker (or our) provider whose output is at most ``max_len`` characters."""
    return Cand(provider, max_len=max_len, args=args)


def ours(provider: str, size_arg: str = "max_chars", cap: int | None = None, **args: Any) -> Cand:
    """Our provider that takes the column length."""
    return Cand(provider, size_arg=size_arg, cap=cap, args=args)


def fitted(provider: str, min_len: int, **args: Any) -> Cand:
    """Any string provider retried/clipped to the column length, for columns >= min_len."""
    extra = {"source": provider, **({"args": args} if args else {})}
    return Cand("fit", size_arg="max_chars", min_len=min_len, args=extra)


def text_of(*candidates: Cand) -> Builder:
    """The first candidate that fits the column; ``fit`` the first one as a last resort."""

    def build(col: ColumnInfo) -> Built:
        for cand in candidates:
            if cand.fits(col.length):
                return cand.built(col.length)
        first = candidates[0]
        return "fit", {"source": first.provider, "max_chars": col.length, **_sub(first)}

    return build


def _sub(cand: Cand) -> dict[str, Any]:
    return {"args": cand.args} if cand.args else {}


def const(provider: str, **args: Any) -> Builder:
    return lambda col: (provider, dict(args))


def by_length(*options: tuple[int, list[str]]) -> Builder:
    """random_element of the first value list whose items fit the column."""

    def build(col: ColumnInfo) -> Built:
        for min_len, values in options:
            if col.length is None or col.length >= min_len:
                return "random_element", {"elements": list(values)}
        return None

    return build


def _int_range(lo: int, hi: int, col: ColumnInfo) -> dict[str, int]:
    """[lo, hi] clamped to the column's bounds; the bounds themselves if that empties it."""
    low = lo if col.int_min is None else max(lo, col.int_min)
    high = hi if col.int_max is None else min(hi, col.int_max)
    if low > high:
        low = 0 if col.int_min is None else max(col.int_min, min(0, col.int_max or 0))
        high = hi if col.int_max is None else col.int_max
    return {"min": low, "max": high}


def _decimal_bounds(lo: float, hi: float, col: ColumnInfo, digits: int) -> tuple[float, float]:
    """[lo, hi] within what NUMERIC(precision, scale) holds."""
    if col.precision is None:
        return lo, hi
    limit = Decimal(10) ** (col.precision - digits) - Decimal(10) ** -digits
    high = min(Decimal(str(hi)), limit)
    low = max(Decimal(str(lo)), -limit)
    if low > high:  # the wanted range is beyond the precision: use what the column holds
        low = max(-limit, Decimal(0))
    return float(low), float(high)


def number(lo: float, hi: float, digits: int = 2, positive: bool = False) -> Builder:
    """A number in [lo, hi] of the column's numeric kind; ``positive`` keeps it > 0."""

    def build(col: ColumnInfo) -> Built:
        if col.kind == "integer":
            return "random_int", _int_range(int(lo), int(hi), col)
        if col.kind == "float":
            return "float_number", {"min_value": lo, "max_value": hi, "right_digits": digits}
        if col.kind != "decimal":
            return None
        scale = digits if col.scale is None else col.scale
        low, high = _decimal_bounds(lo, hi, col, scale)
        name = "price" if positive else "decimal_number"
        return name, {"min_value": low, "max_value": high, "right_digits": scale}

    return build


def integer_postcode(col: ColumnInfo) -> Built:
    """A postal code in an integer column: five digits, within what the column holds."""
    return "postcode_number", _int_range(10000, 99999, col)


def price(lo: float, hi: float) -> Builder:
    return number(lo, hi, positive=True)


_DATE_END = {"now": "today"}


_MILLIS_NAME = re.compile(r"(?:^|_|[a-z])(?:ms|millis|msec|milliseconds?)$|millis", re.I)
_INT32_MAX = 2**31 - 1


def epoch(start: str, end: str) -> Builder:
    """Epoch seconds between ``start`` and ``end`` in an integer column whose name says time;
    milliseconds when the name says so (_ms, millis) or a BIGINT *_time column (schedulers'
    and monitoring tools' convention). None for a column too narrow for either."""

    def build(col: ColumnInfo) -> Built | None:
        wide = col.int_max is None or col.int_max > _INT32_MAX
        named = bool(_MILLIS_NAME.search(col.name))
        millis = named or (wide and col.int_max is not None and col.name.lower().endswith("time"))
        if col.int_max is not None and col.int_max < _INT32_MAX or (millis and not wide):
            return None
        return "unix_timestamp", {"start_date": start, "end_date": end, "millis": millis}

    return build


def moment(start: str, end: str, birth: bool = False) -> Builder:
    """A date/datetime between ``start`` and ``end``; ISO text for string columns."""

    def build(col: ColumnInfo) -> Built:
        if col.kind == "date":
            if birth:
                return "date_of_birth", {"minimum_age": 18, "maximum_age": 80}
            return "date_between", {"start_date": start, "end_date": _DATE_END.get(end, end)}
        if col.kind == "datetime":
            return "date_time_between", {"start_date": start, "end_date": end}
        if col.length is None or col.length >= 19:
            return "datetime_text", {"start_date": start, "end_date": end}
        if col.length >= 10:
            return "date_text", {"start_date": start, "end_date": _DATE_END.get(end, end)}
        return None

    return build


def flag(truth_probability: int) -> Builder:
    """A boolean, a 0/1 integer or a Y/N-style string."""

    def build(col: ColumnInfo) -> Built:
        if col.kind == "boolean":
            return "pybool", {"truth_probability": truth_probability}
        if col.kind == "integer":
            fits = (col.int_min is None or col.int_min <= 0) and (col.int_max or 1) >= 1
            return ("flag", {"truth_probability": truth_probability}) if fits else None
        if col.length is not None and col.length < 5:
            return "random_element", {"elements": ["Y", "N"]}
        return "random_element", {"elements": ["true", "false"]}

    return build


def per_kind(**builders: Builder) -> Builder:
    """Dispatch on the column kind; ``textual`` covers string and text."""

    def build(col: ColumnInfo) -> Built:
        chosen = builders.get("textual" if col.kind in TEXTUAL else col.kind)
        return chosen(col) if chosen else None

    return build


def star_rating(col: ColumnInfo) -> Built:
    bounds = _int_range(1, 5, col)
    return "rating", {"min_value": bounds["min"], "max_value": bounds["max"]}


def digest(col: ColumnInfo) -> Built:
    """A hex digest (or a password when the column is too short for one)."""
    for size, provider in ((64, "sha256"), (40, "sha1"), (32, "md5")):
        if col.length is None or col.length >= size:
            return provider, {}
    if col.length >= 4:
        return "password", {"length": min(col.length, 16), "special_chars": False}
    return "code", {"length": col.length}


def identifier(col: ColumnInfo) -> Built:
    """A string key: a short uppercase code (``ALFKI``) or a UUID string."""
    if col.length is None or col.length >= 36:
        return "uuid4", {}
    return "code", {"length": col.length if col.length <= 12 else 10}


def short_code(col: ColumnInfo) -> Built:
    size = col.length if col.fixed_length and col.length else min(col.length or 6, 6)
    return "code", {"length": size}


def json_text(col: ColumnInfo) -> Built:
    return ("json_object", {}) if col.length is None or col.length >= 200 else None


def prose(sentences: int, cap: int = 500) -> Builder:
    """Paragraphs for text columns, length-bounded text for varchar ones."""

    def build(col: ColumnInfo) -> Built:
        if col.length is None:
            return "paragraph", {"nb_sentences": sentences}
        return "short_text", {"max_chars": min(col.length, cap)}

    return build


def enum_choice(col: ColumnInfo) -> Built:
    return ("random_element", {"elements": list(col.enum_values)}) if col.enum_values else None


def array_of_items(col: ColumnInfo) -> Built:
    """An array of the element type: numbers for integer[] or numeric[], words otherwise."""
    if col.item_kind == "integer":
        return "int_list", {}
    if col.item_kind in ("decimal", "float"):
        return "number_list", {}
    return "word_list", {}


# The shape an untyped geometry column holds, by a word of its name (the last such word wins).
SHAPE_HINTS = {
    **dict.fromkeys(
        ("location", "position", "point", "coordinate", "coord", "place", "site", "spot", "center",
         "centre", "centroid", "latlng", "latlon", "pin", "origin", "destination"),
        "point",
    ),
    **dict.fromkeys(
        ("route", "path", "track", "trail", "line", "road", "street", "trajectory", "trip", "way"),
        "linestring",
    ),
    **dict.fromkeys(
        ("boundary", "border", "area", "zone", "region", "footprint", "polygon", "outline", "parcel",
         "perimeter", "extent", "shape", "plot", "lot", "territory", "geom", "geometry"),
        "polygon",
    ),
}  # fmt: skip
_NAME_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def spatial_shape(col: ColumnInfo) -> Built:
    """A shape of the column's declared type and SRID; an untyped one's from its name."""
    if col.spatial is None:
        return None
    shape = col.spatial.shape
    if shape == "geometry":
        words = [w.lower().removesuffix("s") for w in _NAME_WORDS.findall(col.name)]
        shape = next((SHAPE_HINTS[w] for w in reversed(words) if w in SHAPE_HINTS), "point")
    return "geometry", {"shape": shape, "srid": col.spatial.srid, "dims": col.spatial.dims}
