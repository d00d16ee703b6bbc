"""Values in the input syntax of database types that are not plain text: bit strings, ranges,
text-search vectors, XML, check-digit codes (ISBN, EAN, ISSN, UPC), composite rows and
MySQL SET members. Each returns the text the database parses for its type."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from querynl.providers.base import QueryNLProvider, clip

_SIZED = re.compile(r"\((\d+)")
_INTEGER_TYPES = ("smallint", "integer", "bigint", "int2", "int4", "int8", "oid")
_TEXTUAL_TYPES = ("text", "character varying", "varchar", "name", "citext")


def check_digit_mod10(digits: str, weights: tuple[int, int]) -> str:
    """The EAN/UPC check digit of `digits` (weights alternate from the first digit)."""
    total = sum(int(d) * weights[i % 2] for i, d in enumerate(digits))
    return str((10 - total % 10) % 10)


def issn_check_digit(digits: str) -> str:
    """ISSN's check character of seven digits (mod 11, X for 10)."""
    total = sum(int(d) * w for d, w in zip(digits, range(8, 1, -1), strict=True))
    value = (11 - total % 11) % 11
    return "X" if value == 10 else str(value)


def composite_field(text: str | None) -> str:
    """One field of a composite row literal: empty for NULL, else double-quoted."""
    if text is None:
        return ""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class DatabaseTypesProvider(QueryNLProvider):
    def bit_string(self, length: int = 1, varying: bool = False) -> str:
        """`length` bits ('0'/'1'), or 1 to `length` bits when `varying` (bit varying(n))."""
        size = self.random_int(1, max(1, length)) if varying else max(1, length)
        return "".join(self.random_element("01") for _ in range(size))

    def int_range(self, min_value: int = 1, max_value: int = 1000, max_span: int = 50) -> str:
        """A half-open integer range '[lower,upper)', lower < upper."""
        low = self.random_int(min_value, max_value)
        return f"[{low},{low + self.random_int(1, max(1, max_span))})"

    def decimal_range(self, min_value: int = 0, max_value: int = 1000, max_span: int = 100) -> str:
        """A numeric range '[lower,upper)' with two decimals, lower < upper."""
        low = Decimal(self.random_int(min_value * 100, max_value * 100)) / 100
        high = low + Decimal(self.random_int(1, max(1, max_span) * 100)) / 100
        return f"[{low},{high})"

    def date_range(self, start_date: Any = "-1y", end_date: Any = "+1y", max_days: int = 30) -> str:
        """A date range '[first,last)' of one to `max_days` days."""
        first = self.generator.date_between(start_date, end_date)
        last = first + dt.timedelta(days=self.random_int(1, max(1, max_days)))
        return f"[{first.isoformat()},{last.isoformat()})"

    def timestamp_range(
        self, start_date: Any = "-1y", end_date: Any = "+1y", max_hours: int = 72, timezone: bool = False
    ) -> str:
        """A timestamp range '["start","end")' of one to `max_hours` hours, on the minute;
        `timezone` writes UTC offsets (tstzrange)."""
        start = self.generator.date_time_between(start_date, end_date).replace(second=0, microsecond=0)
        end = start + dt.timedelta(hours=self.random_int(1, max(1, max_hours)))
        offset = "+00" if timezone else ""
        return f'["{start:%Y-%m-%d %H:%M:%S}{offset}","{end:%Y-%m-%d %H:%M:%S}{offset}")'

    def tsvector_text(self, nb_words: int = 6) -> str:
        """A text-search vector as to_tsvector writes one: 'lexeme':position ..."""
        words = self.generator.words(nb=self.random_int(1, max(1, nb_words)))
        positions: dict[str, list[int]] = {}
        for position, word in enumerate(words, start=1):
            lexeme = re.sub(r"[^a-z0-9]", "", word.lower()) or "word"
            positions.setdefault(lexeme, []).append(position)
        return " ".join(f"'{lex}':{','.join(map(str, pos))}" for lex, pos in sorted(positions.items()))

    def xml_document(self) -> str:
        """A small well-formed XML document."""
        title = escape(self.generator.sentence(nb_words=3).rstrip("."))
        body = escape(self.generator.sentence(nb_words=8))
        ident = self.random_int(1, 9999)
        return f'<note id="{ident}"><title>{title}</title><body>{body}</body></note>'

    def product_code(self, kind: str = "ean13") -> str:
        """A code with a valid check digit: ean13, isbn/isbn13 (978...), ismn (9790...),
        issn (NNNN-NNNC) or upc (12 digits)."""
        kind = kind.lower()
        if kind == "issn":
            digits = self.numerify("#" * 7)
            return f"{digits[:4]}-{digits[4:]}{issn_check_digit(digits)}"
        if kind == "upc":
            digits = str(self.random_int(1, 9)) + self.numerify("#" * 10)
            return digits + check_digit_mod10(digits, (3, 1))
        prefix = {"isbn": "978", "isbn13": "978", "ismn": "9790", "ismn13": "9790", "issn13": "977"}.get(
            kind, str(self.random_int(1, 9))
        )
        digits = prefix + self.numerify("#" * (12 - len(prefix)))
        return digits + check_digit_mod10(digits, (1, 3))

    def set_members(self, elements: list[str], allow_empty: bool = False) -> str:
        """A MySQL SET value: some of its members, comma-joined in their declared order."""
        low = 0 if allow_empty else 1
        count = self.random_int(low, min(len(elements), 3)) if elements else 0
        chosen = set(self.random_sample(elements, length=count)) if count else set()
        return ",".join(e for e in elements if e in chosen)

    def composite_row(self, fields: list[list[str]], start_date: Any = "-2y", end_date: Any = "now") -> str:
        """A composite type's row literal '("...","...")', each field a value of its SQL type
        (its dates between `start_date` and `end_date`)."""
        values = (self._field_value(t, (start_date, end_date)) for _n, t in fields)
        return "(" + ",".join(map(composite_field, values)) + ")"

    def _field_value(self, sql_type: str, span: tuple[Any, Any]) -> str:
        base = sql_type.lower()
        size = _SIZED.search(base)
        length = int(size.group(1)) if size else None
        if base.startswith(("character(", "char(", "bpchar")):
            return self.numerify("#" * (length or 1))
        if base.startswith(_INTEGER_TYPES):
            return str(self.random_int(1, 1000))
        if base.startswith(("numeric", "decimal", "real", "double", "money")):
            return str(Decimal(self.random_int(0, 100000)) / 100)
        if base == "boolean":
            return self.random_element(("t", "f"))
        if base == "date":
            return self.generator.date_time_between(*span).date().isoformat()
        if base.startswith("timestamp"):
            return self.generator.date_time_between(*span).strftime("%Y-%m-%d %H:%M:%S")
        text = " ".join(self.generator.words(nb=self.random_int(1, 3))).capitalize()
        return clip(text, length) if base.startswith(_TEXTUAL_TYPES) else text
