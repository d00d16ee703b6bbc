"""Unique values by construction: a draw that collides is redrawn once, then made distinct.

Values already in the database count as taken. Strings compare case- and trailing-space
insensitively, as MySQL's default collations do, so a value unique here is unique there.
Nothing loops without bound: when a column has no distinct value left, the row is dropped.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import string
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from querynl.models import ColumnGenerationConfig
from querynl.schema import ColumnInfo, TableInfo

DROP = object()  # sentinel: no distinct value is left for this row
_MAX_STEPS = 1000


def unique_key(value: Any) -> Any:
    if isinstance(value, str):
        return value.casefold().rstrip()
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)).normalize()
    if isinstance(value, tuple):
        return tuple(unique_key(v) for v in value)
    return value


_CODE_ALPHABET = 36  # letters and digits: what _codes() draws a short string from
_SHORT_STRING = 3  # strings up to this width have a domain small enough to run out


_LISTED_RANGE = 65_536  # an integer range up to this wide is a finite domain


def provider_elements(config: ColumnGenerationConfig) -> list[Any] | None:
    """The values a random_element column is drawn from (a CHECK's IN list, an enum-like rule)."""
    if config.faker_provider != "random_element":
        return None
    return list(config.provider_args.get("elements") or []) or None


def column_elements(info: TableInfo, config: ColumnGenerationConfig) -> Sequence[Any] | None:
    """Every value a column may take when they are few: its provider's elements, or the
    integers its type and its CHECK allow (TINYINT UNSIGNED, n BETWEEN 1 AND 5), when fewer
    than _LISTED_RANGE."""
    elements = provider_elements(config)
    column = info.column(config.column_name)
    if elements is not None or column.kind != "integer":
        return elements
    low, high = _check_sides(info.checks.bounds.get(column.name))
    low = max((v for v in (low, column.int_min) if v is not None), default=None)
    high = min((v for v in (high, column.int_max) if v is not None), default=None)
    if low is None or high is None or not 0 <= high - low < _LISTED_RANGE:
        return None
    return range(low, high + 1)


def _check_sides(bounds: Any) -> tuple[int | None, int | None]:
    """The smallest and largest integers a CHECK's bounds allow (None: that side is open)."""
    if bounds is None:
        return None, None
    try:
        low = math.ceil(bounds.low) + (0 if bounds.low_inclusive else 1)
    except (TypeError, ValueError):
        low = None
    try:
        high = math.floor(bounds.high) - (0 if bounds.high_inclusive else 1)
    except (TypeError, ValueError):
        high = None
    return low, high


def finite_domain(column: ColumnInfo, elements: Iterable[Any] | None = None) -> list[Any] | None:
    """Every value a column can take when there are few: the provider's elements (a CHECK's
    IN list, a random_element rule), an enum's values, a boolean's two."""
    if elements is not None:
        return list(elements)
    if column.kind == "enum" and column.enum_values:
        return list(column.enum_values)
    if column.kind == "boolean":
        return [False, True]
    return None


def domain_size(column: ColumnInfo, elements: Iterable[Any] | None = None) -> int | None:
    """How many distinct values the column can hold, when that is few enough to matter."""
    if isinstance(elements, range):
        return len(elements)
    domain = finite_domain(column, elements)
    if domain is not None:
        return len({unique_key(v) for v in domain})
    if column.kind == "string" and column.length and column.length <= _SHORT_STRING:
        return _CODE_ALPHABET**column.length
    if column.kind == "integer" and column.int_min is not None and column.int_max is not None:
        return column.int_max - column.int_min + 1
    return None


class UniqueValues:
    """Distinct values for one column. A column with a finite domain (see finite_domain) takes
    its values only from it; a nullable column that runs out gets NULL (never a collision)."""

    def __init__(
        self, column: ColumnInfo, existing: Iterable[Any] = (), domain: Sequence[Any] | None = None
    ) -> None:
        self.column = column
        self.domain = domain if domain is not None else finite_domain(column)
        self._seen = {unique_key(v) for v in existing if v is not None}
        self._counter = itertools.count(2)
        self._cursor = 0  # where the next walk of the domain starts

    def claim(self, value: Any, redraw: Callable[[], Any]) -> Any:
        if value is None:
            return None  # NULLs never collide
        if self._take(value):
            return value
        candidate = redraw()  # only on a collision: a redraw may cost a Faker call
        if self._take(candidate):
            return candidate
        constructed = self._construct(value)
        return None if constructed is DROP and self.column.nullable else constructed

    def _take(self, value: Any) -> bool:
        key = unique_key(value)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def _construct(self, value: Any) -> Any:
        if self.domain is not None:
            return self._from_domain()
        for candidate in itertools.islice(self._variants(value), _MAX_STEPS):
            if candidate is not DROP and self._take(candidate):
                return candidate
        return DROP

    def _from_domain(self) -> Any:
        """The next free value of the domain, walking on from the last one taken (each value
        is looked at about once over the run), or DROP when every value is taken."""
        size = len(self.domain)
        for _ in range(size):
            candidate = self.domain[self._cursor % size]
            self._cursor += 1
            if self._take(candidate):
                return candidate
        return DROP

    def _variants(self, value: Any) -> Iterable[Any]:
        if isinstance(value, bool):
            return iter(())
        if isinstance(value, str):
            return self._string_variants(value)
        if isinstance(value, int | Decimal | float):
            return self._number_variants(value)
        if isinstance(value, dt.date):
            return (value + dt.timedelta(days=n) for n in itertools.count(1))
        return iter(())

    def _string_variants(self, value: str) -> Iterable[str]:
        width = self.column.length
        for n in self._counter:
            candidate = _with_suffix(value, str(n), width)
            if candidate is None:
                yield from _codes(width or 8)
                return
            yield candidate

    def _number_variants(self, value: Any) -> Iterable[Any]:
        step: Any = 1
        if isinstance(value, Decimal):
            step = Decimal(10) ** -(self.column.scale if self.column.scale is not None else 2)
        high = self.column.int_max
        current = value
        for _ in range(_MAX_STEPS):
            current = current + step
            if high is not None and current > high:
                return
            yield current


def _with_suffix(value: str, suffix: str, width: int | None) -> str | None:
    if "@" in value:
        local, _, domain = value.partition("@")
        candidate = f"{local}{suffix}@{domain}"
        if width is None or len(candidate) <= width:
            return candidate
        base = local[: max(1, width - len(suffix) - len(domain) - 1)]
        candidate = f"{base}{suffix}@{domain}"
        return candidate if len(candidate) <= width else None
    sep = " " if " " in value.strip() else ""
    if width is None:
        return f"{value}{sep}{suffix}"
    room = width - len(sep) - len(suffix)
    if room < 1:
        return None
    return f"{value[:room].rstrip()}{sep}{suffix}"


def _codes(width: int) -> Iterable[str]:
    alphabet = string.ascii_uppercase + string.digits
    for chars in itertools.product(alphabet, repeat=width):
        yield "".join(chars)


class UniqueTuples:
    """Distinct combinations for a composite key."""

    def __init__(self, existing: Iterable[tuple[Any, ...]] = ()) -> None:
        self._seen = {unique_key(tuple(row)) for row in existing}

    def take(self, values: tuple[Any, ...]) -> bool:
        if any(v is None for v in values):
            return True  # a NULL member makes the tuple distinct in SQL
        key = unique_key(values)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True
