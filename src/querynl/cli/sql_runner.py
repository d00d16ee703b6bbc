"""Run SQL the user typed (or a file holds) and return its results; rendering is elsewhere."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext

from sqlalchemy.engine import Connection, CursorResult, Engine

from querynl.cli.results import Results, SpecialResult
from querynl.cli.session import OutputSettings
from querynl.cli.statements import Statement
from querynl.dialects import dialect_for
from querynl.errors import StatementFailed, describe_failure

_SQL_START = re.compile(
    r"^\s*(select|insert|update|delete|create|drop|alter|with|pragma|show|explain|truncate|describe|"
    r"values|grant|revoke|vacuum)\b",
    re.I,
)


def looks_like_sql(line: str) -> bool:
    return bool(_SQL_START.match(line))


def run_statements(
    engine: Engine, statements: Sequence[Statement], settings: OutputSettings, source: str | None = None
) -> Results:
    """Run the statements in order in one transaction; the first that fails rolls them all
    back and raises StatementFailed naming its line (and `source`, a file name, if given)."""
    results = []
    with engine.begin() as conn:
        for number, statement in enumerate(statements, 1):
            try:
                results.append(run_statement(conn, statement.text, settings))
            except Exception as exc:  # noqa: BLE001 - every driver raises its own family
                message = _place(statements, number, source) + describe_failure(exc)
                raise StatementFailed(message + _kept_note(engine, statements[: number - 1])) from exc
    return results


def _place(statements: Sequence[Statement], number: int, source: str | None) -> str:
    """Where the failing statement is: `FILE, line N: `, or `statement N (line L): ` of several."""
    line = statements[number - 1].line
    if source:
        return f"{source}, line {line}: "
    return f"statement {number} (line {line}): " if len(statements) > 1 else ""


def _kept_note(engine: Engine, before: Sequence[Statement]) -> str:
    """What the rollback cannot undo: schema changes on a database whose DDL commits at once."""
    kept = sum(1 for statement in before if statement.changes_schema)
    if not kept or dialect_for(engine.dialect.name).transactional_ddl:
        return ""
    changes = "1 schema change" if kept == 1 else f"{kept} schema changes"
    return f" ({changes} before it stayed: this database commits DDL at once)"


def run_statement(conn: Connection, sql: str, settings: OutputSettings) -> SpecialResult:
    refused = dialect_for(conn.dialect.name).refused_statement(sql)
    if refused is not None:
        raise StatementFailed(refused)
    started = time.perf_counter()
    result = conn.exec_driver_sql(sql)
    if not result.returns_rows:
        affected = f"OK, {_rows(result.rowcount)} affected" if result.rowcount >= 0 else "OK"
        return SpecialResult(status=affected + _timing(settings, started))
    headers = list(result.keys())
    rows = _shown_rows(result, settings.max_rows)
    if len(rows) > settings.max_rows:
        status = f"first {_rows(settings.max_rows)} shown; add LIMIT or WHERE to see others"
        rows = rows[: settings.max_rows]
    else:
        status = _rows(len(rows))
    return SpecialResult(None, rows, headers, status + _timing(settings, started))


def _shown_rows(result: CursorResult, limit: int) -> list[tuple[str, ...]]:
    """Up to limit + 1 rows (one more tells there are more), each value as shown."""
    return [tuple("NULL" if v is None else str(v) for v in row) for row in result.fetchmany(limit + 1)]


def _rows(count: int) -> str:
    return f"{count:,} row" if count == 1 else f"{count:,} rows"


def _timing(settings: OutputSettings, started: float) -> str:
    return f" ({time.perf_counter() - started:.3f} s)" if settings.timing else ""


def run_query(engine: Engine, sql: str, settings: OutputSettings, read_only: bool = False) -> SpecialResult:
    """One statement in its own transaction; `read_only`: one that refuses writes (for SQL a
    model wrote and sqlglot found only reading, so a function that writes is refused too)."""
    with engine.begin() as conn, _read_only(conn) if read_only else nullcontext():
        return run_statement(conn, sql, settings)


@contextmanager
def _read_only(conn: Connection) -> Iterator[None]:
    dialect = dialect_for(conn.dialect.name)
    dialect.start_read_only(conn)
    try:
        yield
    finally:
        dialect.end_read_only(conn)
