"""The UPDATEs that set a total to the sum of its lines (models.SumOfChildren), in SQLAlchemy
Core so that quoting and syntax are the database's own.

Per chunk of the run's parent keys, two set-based statements:

1. rows with lines: `UPDATE parent SET total = s.t FROM (SELECT fk, ROUND(SUM(q * p), scale)
   FROM lines WHERE fk IN <run keys> GROUP BY fk) s WHERE parent.key = s.fk AND <guard>`
   (MySQL writes the derived table into its multi-table UPDATE). A join, not a correlated
   subquery: PostgreSQL would run that once per parent row, scanning the lines each time
   where their key has no index.
2. rows without lines: `UPDATE parent SET total = 0 WHERE key IN <run keys> AND NOT EXISTS
   (SELECT 1 FROM lines WHERE fk = key) AND <guard>` (SQLite: `key NOT IN (SELECT fk ...)`,
   Dialect.unreferenced).

The guard keeps what the column holds: its precision, its CHECK bounds and the CHECK
comparisons with the row's other columns; a row whose sum breaks one keeps its value.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import (
    ColumnElement,
    TableClause,
    and_,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    true,
    update,
)
from sqlalchemy.sql.dml import Update

from querynl.checks.model import MIRROR
from querynl.models import SumOfChildren
from querynl.schema import TableInfo, TableLocation

CHUNK = 1_000  # keys (or ranges of keys) restricting one pair of statements
_NUMBERS = (int, float, decimal.Decimal)
_OPERATORS: dict[str, Callable[[Any, Any], ColumnElement]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "=": lambda a, b: a == b,
    "<>": lambda a, b: a != b,
}


class Shapes(Protocol):
    """The SQL a database writes its own way (querynl.dialects.Dialect)."""

    def rounded(self, value: ColumnElement, scale: int) -> ColumnElement: ...

    def unreferenced(self, key: ColumnElement, referencing: ColumnElement) -> ColumnElement: ...


@dataclass
class Limits:
    """What a value of the total column must satisfy: bounds (from its type and CHECKs) and
    comparisons with other columns of its row (op, column): `value op column`."""

    scale: int | None = None  # decimals kept: rounded to this
    low: Any = None
    low_inclusive: bool = True
    high: Any = None
    high_inclusive: bool = True
    compared: list[tuple[str, str]] = field(default_factory=list)

    def holds(self, value: ColumnElement, row: TableClause) -> ColumnElement:
        conditions = []
        if self.low is not None:
            conditions.append(value >= self.low if self.low_inclusive else value > self.low)
        if self.high is not None:
            conditions.append(value <= self.high if self.high_inclusive else value < self.high)
        for op, other in self.compared:
            conditions.append(or_(row.c[other].is_(None), _OPERATORS[op](value, row.c[other])))
        return and_(true(), *conditions)


def limits(info: TableInfo, name: str) -> Limits:
    """The column's scale and the bounds of its type and of the CHECKs understood on it."""
    col = info.column(name)
    found = Limits()
    if col.kind == "integer":
        found.scale, found.low, found.high = 0, col.int_min, col.int_max
    elif col.kind == "decimal" and col.scale is not None:
        found.scale = col.scale
        if col.precision is not None:
            top = decimal.Decimal(10) ** (col.precision - col.scale) - decimal.Decimal(1).scaleb(-col.scale)
            found.low, found.high = -top, top
    bounds = info.checks.bounds.get(name)
    if bounds is not None:
        _narrow(found, bounds.low, bounds.low_inclusive, bounds.high, bounds.high_inclusive)
    for pair in info.checks.pairs:
        if pair.left == name and pair.op in _OPERATORS:
            found.compared.append((pair.op, pair.right))
        elif pair.right == name and pair.op in _OPERATORS:
            found.compared.append((MIRROR[pair.op], pair.left))
    return found


def _narrow(found: Limits, low: Any, low_inclusive: bool, high: Any, high_inclusive: bool) -> None:
    if _number(low) and (found.low is None or low >= found.low):
        found.low, found.low_inclusive = low, low_inclusive
    if _number(high) and (found.high is None or high <= found.high):
        found.high, found.high_inclusive = high, high_inclusive


def _number(value: Any) -> bool:
    return isinstance(value, _NUMBERS) and not isinstance(value, bool)


@dataclass
class SumStatements:
    """The statements of one link; `literal` (the executor's) writes the keys as literals, for
    an SQL export; without it they are bound."""

    link: SumOfChildren
    parent: TableLocation
    child: TableLocation
    limits: Limits
    shapes: Shapes
    literal: Callable[[Any], str] | None = None

    def statements(self, segments: Sequence[Sequence[Any]]) -> Iterator[Update]:
        """The pairs of UPDATEs for the run's keys (ranges of ids, lists of key tuples)."""
        for chunk in _chunks(segments):
            yield self._with_lines(chunk)
            yield self._without_lines(chunk)

    def _tables(self) -> tuple[TableClause, TableClause]:
        link = self.link
        others = [other for _, other in self.limits.compared]
        names = dict.fromkeys([link.parent_key, link.column, *others])
        parent = table(self.parent[1], *(column(c) for c in names), schema=self.parent[0])
        lines_columns = dict.fromkeys([link.child_key, *link.measures()])
        lines = table(self.child[1], *(column(c) for c in lines_columns), schema=self.child[0])
        return parent, lines

    def _with_lines(self, chunk: list[Sequence[Any]]) -> Update:
        link = self.link
        parent, lines = self._tables()
        measure = lines.c[link.amount] if link.amount is not None else lines.c[link.price]
        if link.quantity is not None:
            measure = lines.c[link.quantity] * measure
        total = func.sum(measure)
        if self.limits.scale is not None:
            total = self.shapes.rounded(total, self.limits.scale)
        key = lines.c[link.child_key]
        sums = (
            select(key.label("k"), total.label("t"))
            .where(self._restrict(key, chunk))
            .group_by(key)
            .subquery("qnl_sums")
        )
        return (
            update(parent)
            .values({link.column: sums.c.t})
            .where(parent.c[link.parent_key] == sums.c.k)
            .where(sums.c.t.is_not(None))
            .where(self.limits.holds(sums.c.t, parent))
        )

    def _without_lines(self, chunk: list[Sequence[Any]]) -> Update:
        link = self.link
        parent, lines = self._tables()
        key = parent.c[link.parent_key]
        none = self.shapes.unreferenced(key, lines.c[link.child_key])
        zero = literal_column("0") if self.literal is not None else literal(0)
        return (
            update(parent)
            .values({link.column: zero})
            .where(self._restrict(key, chunk))
            .where(none)
            .where(self.limits.holds(zero, parent))
        )

    def _restrict(self, key: ColumnElement, chunk: list[Sequence[Any]]) -> ColumnElement:
        terms = []
        for segment in chunk:
            if isinstance(segment, range):
                low, high = segment.start, segment.stop - 1
                terms.append(key.between(self._value(low), self._value(high)))
            else:
                terms.append(key.in_([self._value(k[0] if isinstance(k, tuple) else k) for k in segment]))
        return or_(*terms)

    def _value(self, value: Any) -> Any:
        return literal_column(self.literal(value)) if self.literal is not None else value


def _chunks(segments: Sequence[Sequence[Any]]) -> Iterator[list[Sequence[Any]]]:
    """Groups of ranges and lists with at most CHUNK terms each (a range is one term)."""
    chunk: list[Sequence[Any]] = []
    size = 0
    for segment in segments:
        pieces = [segment] if isinstance(segment, range) else _split(list(segment))
        for piece in pieces:
            weight = 1 if isinstance(piece, range) else len(piece)
            if chunk and size + weight > CHUNK:
                yield chunk
                chunk, size = [], 0
            chunk.append(piece)
            size += weight
    if chunk:
        yield chunk


def _split(keys: list[Any]) -> list[list[Any]]:
    return [keys[i : i + CHUNK] for i in range(0, len(keys), CHUNK)]
