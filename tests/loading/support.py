"""Helpers for the insertion tests (tests/loading and the per-dialect tests in tests/dialects)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.engine import Connection, Engine

from querynl.loading.executor import BaseInsertionExecutor

# Strings that break naive quoting, escaping, %-formatting or COPY's text format.
HOSTILE = [
    "O'Brien",
    "back\\slash",
    "\\'",
    "100%",
    "%s",
    "%(x)s",
    "line1\nline2\r\n\ttab",
    "é中文😀",
    "'); DROP TABLE users;--",
    '"double"',
    "\\\\n",
    "`tick`",
    "x\\",
    "''",
    "\\",
    "{a,b}",
    "",
    "tab\there",
    "\\n",
    "back\\nslash-n",
    "\\N",
    "\\.",
    "\\t\\r\\0",
    "\x01\x1a\x7f\u2028",
    "日本語 ünïcödé 🚀",
]
MYSQL_TABLE = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"


def ddl(engine: Engine, *statements: str) -> None:
    suffix = MYSQL_TABLE if engine.dialect.name == "mysql" else ""
    with engine.begin() as conn:
        for statement in statements:
            is_table = statement.lstrip().upper().startswith("CREATE TABLE")
            conn.exec_driver_sql(statement + (suffix if is_table else ""))


def raw_execute(conn: Connection, sql: str) -> None:
    """Run literal SQL through the DBAPI cursor, with no parameters at all."""
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql)
    finally:
        cursor.close()


def fetch(conn: Connection, sql: str) -> list[tuple]:
    """Rows of a query run through the DBAPI cursor with no parameters."""
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql)
        return [tuple(r) for r in cursor.fetchall()]
    finally:
        cursor.close()


def count(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        quoted = conn.dialect.identifier_preparer.quote_identifier(table)
        return conn.exec_driver_sql(f"SELECT COUNT(*) FROM {quoted}").scalar()


def insert(executor: BaseInsertionExecutor, table: str, columns, rows, path: str, **kw):
    """Insert through the literal statement ("literal") or the executor's batches ("bulk")."""
    if path == "literal":
        raw_execute(executor.conn, executor.build_insert_statement(table, columns, rows, **kw))
        return None
    result = executor.execute_insertion(table, columns, [rows], requested=len(rows), **kw)
    assert (result.inserted, result.failed) == (len(rows), 0), result.errors
    return result


def parent_child(engine: Engine) -> None:
    ddl(
        engine,
        "CREATE TABLE parent (id INTEGER PRIMARY KEY)",
        "CREATE TABLE child (id INTEGER PRIMARY KEY, email VARCHAR(100) UNIQUE, "
        "parent_id INTEGER, FOREIGN KEY (parent_id) REFERENCES parent (id))",
        "INSERT INTO parent (id) VALUES (1), (2), (3)",
    )


def batches(rows: list[tuple], size: int) -> Iterator[list[tuple]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def spy(executor: BaseInsertionExecutor, name: str) -> list:
    """Record the arguments of each call of one of the executor's methods."""
    calls: list = []
    method = getattr(executor, name)

    def recorded(*args):
        calls.append(args)
        return method(*args)

    setattr(executor, name, recorded)
    return calls
