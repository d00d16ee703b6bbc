"""What the tables held when a run started, read once, up front, before synthesis begins:
keys children may reference, values unique columns must avoid, the largest ids."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import column, func, select, table
from sqlalchemy.engine import Connection

from querynl.schema import TableLocation, default_location

RowsKey = tuple[str, tuple[str, ...]]  # (table, columns)
MaxKey = tuple[str, str]  # (table, column)


@dataclass(frozen=True)
class ExistingNeeds:
    """The reads a snapshot is made of."""

    rows: frozenset[RowsKey] = frozenset()
    maxima: frozenset[MaxKey] = frozenset()


@dataclass(frozen=True)
class ExistingData:
    """A snapshot: asking it for something it was not read with is a bug, never a query."""

    row_sets: dict[RowsKey, list[tuple[Any, ...]]] = field(default_factory=dict)
    maxima: dict[MaxKey, Any] = field(default_factory=dict)

    @classmethod
    def read(
        cls, conn: Connection, needs: ExistingNeeds, locate: Callable[[str], TableLocation] = default_location
    ) -> ExistingData:
        """`locate`: the (schema, name) of a table QueryNL names (SchemaMetadata.locate)."""
        rows = {key: _rows(conn, locate(key[0]), key[1]) for key in sorted(needs.rows)}
        maxima = {key: _max_value(conn, locate(key[0]), key[1]) for key in sorted(needs.maxima)}
        return cls(rows, maxima)

    def rows(self, table_name: str, columns: list[str]) -> list[tuple[Any, ...]]:
        key = (table_name, tuple(columns))
        if key not in self.row_sets:
            raise KeyError(f"{table_name}({', '.join(columns)}) was not read up front")
        return self.row_sets[key]

    def max_value(self, table_name: str, column_name: str) -> Any:
        key = (table_name, column_name)
        if key not in self.maxima:
            raise KeyError(f"max({table_name}.{column_name}) was not read up front")
        return self.maxima[key]


def _rows(conn: Connection, where: TableLocation, columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    schema, name = where
    query = select(*(column(c) for c in columns)).select_from(table(name, schema=schema))
    return [tuple(row) for row in conn.execute(query)]


def _max_value(conn: Connection, where: TableLocation, column_name: str) -> Any:
    schema, name = where
    query = select(func.max(column(column_name))).select_from(table(name, schema=schema))
    return conn.execute(query).scalar()
