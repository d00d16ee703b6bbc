"""Read what a table already holds: keys children may reference, values unique columns must avoid."""

from __future__ import annotations

from typing import Any

from sqlalchemy import column, func, select, table
from sqlalchemy.engine import Connection


class ExistingData:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def rows(self, table_name: str, columns: list[str]) -> list[tuple[Any, ...]]:
        """Read at the moment of asking: rows inserted earlier in the run by triggers count."""
        query = select(*(column(c) for c in columns)).select_from(table(table_name))
        return [tuple(row) for row in self._conn.execute(query)]

    def max_value(self, table_name: str, column_name: str) -> Any:
        query = select(func.max(column(column_name))).select_from(table(table_name))
        return self._conn.execute(query).scalar()
