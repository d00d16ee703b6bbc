"""Types whose values have a syntax of their own (bit strings, ranges, text-search vectors,
XML, check-digit codes, composite rows, SET members, YEAR): the provider that writes it,
whatever the column's name. Matched on the SQL type's name, arguments stripped."""

from __future__ import annotations

import re

from querynl.planning.columns.builders import Builder, Built, const
from querynl.schema import ColumnInfo

_ARGUMENT = re.compile(r"\((\d+)")
_SPAN = {"start_date": "-1y", "end_date": "+1y"}


def _bits(varying: bool) -> Builder:
    def build(col: ColumnInfo) -> Built:
        size = _ARGUMENT.search(col.type_name)
        length = int(size.group(1)) if size else (64 if varying else 1)
        return "bit_string", {"length": length, "varying": varying}

    return build


def _timestamps(timezone: bool) -> Builder:
    return const("timestamp_range", **_SPAN, max_hours=72, timezone=timezone)


def _code(kind: str) -> Builder:
    return const("product_code", kind=kind)


def _set_members(col: ColumnInfo) -> Built:
    if not col.enum_values:
        return None
    return "set_members", {"elements": list(col.enum_values), "allow_empty": col.nullable}


_RANGES: dict[str, Builder] = {
    "int4range": const("int_range", min_value=1, max_value=1000, max_span=50),
    "int8range": const("int_range", min_value=1, max_value=1_000_000, max_span=1000),
    "numrange": const("decimal_range", min_value=0, max_value=1000, max_span=100),
    "daterange": const("date_range", **_SPAN, max_days=30),
    "tsrange": _timestamps(False),
    "tstzrange": _timestamps(True),
}
OTHER_TYPES: dict[str, Builder] = {  # types SQLAlchemy knows no kind for
    "bit": _bits(False),
    "bit varying": _bits(True),
    "varbit": _bits(True),
    **_RANGES,
    "tsvector": const("tsvector_text", nb_words=6),
    "xml": const("xml_document"),
    "oid": const("random_int", min=1, max=100_000),
    **{kind: _code(kind) for kind in ("isbn", "isbn13", "ean13", "ismn", "ismn13", "issn", "issn13", "upc")},
}
KIND_TYPES: dict[tuple[str, str], Builder] = {  # types read as a kind that need more
    ("enum", "set"): _set_members,  # MySQL SET: any subset of its members
    ("integer", "year"): const("random_int", min=1990, max=2026),
}


def type_choice(col: ColumnInfo) -> Built:
    """The provider a column's SQL type asks for, or None for types without one."""
    if col.fields:
        args = {"fields": [list(f) for f in col.fields], "start_date": "-2y", "end_date": "now"}
        return "composite_row", args
    name = col.type_name.split("(")[0].strip().lower()
    builder = OTHER_TYPES.get(name) if col.kind == "other" else KIND_TYPES.get((col.kind, name))
    return builder(col) if builder else None
