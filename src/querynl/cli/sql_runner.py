"""Run a SQL statement the user typed and show its result."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from rich.console import Console
from rich.table import Table
from sqlalchemy.engine import Connection, Engine

from querynl.dialects import dialect_for

_SQL_START = re.compile(
    r"^\s*(select|insert|update|delete|create|drop|alter|with|pragma|show|explain|truncate|describe)\b",
    re.I,
)
_DESTRUCTIVE = re.compile(r"^\s*(drop|delete|truncate|alter|update)\b", re.I)
MAX_ROWS_SHOWN = 200


def looks_like_sql(line: str) -> bool:
    return bool(_SQL_START.match(line))


def is_destructive(line: str) -> bool:
    return bool(_DESTRUCTIVE.match(line))


def run_sql(engine: Engine, console: Console, statement: str, read_only: bool = False) -> None:
    """Run `statement` and show its rows or row count; `read_only`: in a transaction that
    refuses writes (for SQL a model wrote and sqlglot found only reading)."""
    with engine.begin() as conn, _read_only(conn) if read_only else nullcontext():
        result = conn.exec_driver_sql(statement)
        if not result.returns_rows:
            console.print(f"OK, {result.rowcount} rows affected")
            return
        grid = Table(*result.keys())
        rows = result.fetchmany(MAX_ROWS_SHOWN + 1)
        for row in rows[:MAX_ROWS_SHOWN]:
            grid.add_row(*("NULL" if v is None else str(v) for v in row))
    console.print(grid)
    if len(rows) > MAX_ROWS_SHOWN:
        console.print(f"[dim](first {MAX_ROWS_SHOWN} rows shown)[/dim]")


@contextmanager
def _read_only(conn: Connection) -> Iterator[None]:
    dialect = dialect_for(conn.dialect.name)
    dialect.start_read_only(conn)
    try:
        yield
    finally:
        dialect.end_read_only(conn)
