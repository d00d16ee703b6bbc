"""SQLite: the codec's defaults ('' doubling, 1/0 booleans, X'..' blobs), sqlite3 executemany,
foreign keys switched on per connection, the rowid alias and hidden automatic indexes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, event, select
from sqlalchemy.engine import URL, Connection, Engine, RootTransaction

from querynl.dialects.base import Dialect, spatial_columns
from querynl.loading.codec import ValueCodec
from querynl.loading.executor import BaseInsertionExecutor, Classification, first_line, lost_connection
from querynl.loading.faults import Fault, FaultKind
from querynl.models import ErrorType, ForeignKeyConfig
from querynl.schema import SpatialType, TableInfo

_ON_INSERT = re.compile(r"\bINSERT\s+ON\b", re.I)  # BEFORE/AFTER/INSTEAD OF INSERT ON <table>
# when a trigger fires, from its CREATE TRIGGER: [BEFORE|AFTER|INSTEAD OF] event [OF cols] ON
_FIRES = re.compile(
    r"\b(BEFORE|AFTER|INSTEAD\s+OF)?\s*\b(INSERT|UPDATE|DELETE)\b(?:\s+OF\s+[^;]*?)?\s+ON\b", re.I
)

# sqlite3 exceptions carry the extended result code name (Python 3.11+).
_BY_CODE = {
    "SQLITE_CONSTRAINT_UNIQUE": ErrorType.UNIQUE_VIOLATION,
    "SQLITE_CONSTRAINT_PRIMARYKEY": ErrorType.UNIQUE_VIOLATION,
    "SQLITE_CONSTRAINT_FOREIGNKEY": ErrorType.FOREIGN_KEY_VIOLATION,
    "SQLITE_CONSTRAINT_NOTNULL": ErrorType.NOT_NULL_VIOLATION,
    "SQLITE_CONSTRAINT_CHECK": ErrorType.CHECK_VIOLATION,
    "SQLITE_CONSTRAINT_TRIGGER": ErrorType.TRIGGER_REJECTION,  # RAISE(ABORT, ...) and the like
    "SQLITE_MISMATCH": ErrorType.DATA_ERROR,
    "SQLITE_TOOBIG": ErrorType.DATA_ERROR,
    "SQLITE_CONSTRAINT_DATATYPE": ErrorType.DATA_ERROR,
}
_BY_TEXT = {
    "UNIQUE constraint failed": ErrorType.UNIQUE_VIOLATION,
    "FOREIGN KEY constraint failed": ErrorType.FOREIGN_KEY_VIOLATION,
    "NOT NULL constraint failed": ErrorType.NOT_NULL_VIOLATION,
    "CHECK constraint failed": ErrorType.CHECK_VIOLATION,
    "datatype mismatch": ErrorType.DATA_ERROR,
    "cannot store": ErrorType.DATA_ERROR,
    "binding parameter": ErrorType.DATA_ERROR,
}
# Result codes that end a run (https://www.sqlite.org/rescode.html), extended codes included.
_FAULTS = {
    "SQLITE_BUSY": FaultKind.LOCKED,
    "SQLITE_LOCKED": FaultKind.LOCKED,
    "SQLITE_FULL": FaultKind.DISK_FULL,
    "SQLITE_NOMEM": FaultKind.OUT_OF_MEMORY,
}
DEFAULT_BUSY_TIMEOUT = 5.0  # seconds to wait for another writer's lock (sqlite3's own default)
WRITE_OPTION = "querynl_write"  # execution option: the transaction writes (BEGIN IMMEDIATE)
_DETAIL = re.compile(r"constraint failed: (.+)$")


class SQLiteCodec(ValueCodec):
    """The defaults: SQLite has no interval or array type (intervals are stored as text)."""

    dialect = "sqlite"


class SQLiteInsertionExecutor(BaseInsertionExecutor):
    codec_class = SQLiteCodec
    batch_size = 10_000
    placeholder = "?"
    bulk_path = "sqlite3 executemany"

    @classmethod
    def fault(cls, exc: BaseException, conn: Connection) -> Fault | None:
        code = getattr(exc, "sqlite_errorname", "") or ""
        kind = _FAULTS.get("_".join(code.split("_")[:2]))  # SQLITE_BUSY_SNAPSHOT: SQLITE_BUSY
        if kind is FaultKind.LOCKED:
            return Fault(kind, f"waited {_busy_seconds(conn):g} s")
        if kind is not None:
            return Fault(kind, first_line(exc))
        return lost_connection(exc, conn)

    def _classify(self, exc: Exception) -> Classification:
        """SQLite names a CHECK (its name, or its text when unnamed) and the columns of a
        UNIQUE or NOT NULL (`t.a, t.b`), never a constraint's name otherwise."""
        message = str(exc)
        kind = _BY_CODE.get(getattr(exc, "sqlite_errorname", ""))
        if kind is None:
            kind = next((k for t, k in _BY_TEXT.items() if t in message), ErrorType.OTHER)
        detail = _DETAIL.search(message)
        if detail is None:
            return kind, None, ()
        if kind is ErrorType.CHECK_VIOLATION:
            return kind, detail.group(1), ()
        return kind, None, tuple(target.rsplit(".", 1)[-1] for target in detail.group(1).split(", "))


def _busy_seconds(conn: Connection) -> float:
    """The connection's busy timeout: how long it waits for another connection's lock."""
    try:
        return conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() / 1000
    except Exception:  # noqa: BLE001 - the connection is unusable: say nothing of the wait
        return 0.0


class SQLite(Dialect):
    name = "sqlite"
    executor_class = SQLiteInsertionExecutor
    sqlglot_name = "sqlite"
    display_name = "SQLite"
    url_schemes = ("sqlite",)
    driver = "sqlite"
    internal_table_prefix = "sqlite_"
    postpones_whole_connection = True  # PRAGMA defer_foreign_keys is connection-wide
    # A column's inline UNIQUE is kept only as an automatic index, hidden by default.
    unique_index_options = {"include_auto_indexes": True}
    trigger_query = (
        "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%INSERT%ON%'"
    )

    def unreferenced(self, key: ColumnElement, referencing: ColumnElement) -> ColumnElement:
        """NOT IN a list SQLite builds once: its NOT EXISTS scans the other table per row
        when, as a foreign key usually is, the referencing column has no index."""
        return key.not_in(select(referencing).where(referencing.is_not(None)))

    def trigger_bodies(self, conn: Connection) -> Iterable[tuple[str, str]]:
        """The whole CREATE TRIGGER of each trigger fired by INSERT (its WHEN clause counts)."""
        return [(table, sql) for table, sql in super().trigger_bodies(conn) if _ON_INSERT.search(sql)]

    no_schemas_note = "SQLite has no schemas: its tables are in the main database."

    def triggers_on(self, conn: Connection, schema: str | None, table: str) -> list[tuple[str, str]]:
        """When each fires, read from its CREATE TRIGGER (BEFORE when it does not say)."""
        rows = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name",
            (table,),
        )
        found = []
        for name, sql in rows:
            fires = _FIRES.search(sql or "")
            timing = " ".join((fires.group(1) or "BEFORE").upper().split()) if fires else ""
            found.append((name, f"{timing} {fires.group(2).upper()}" if fires else ""))
        return found

    def configure_engine(self, engine: Engine) -> None:
        """Foreign keys on, and transactions under our control so SAVEPOINT works.

        pysqlite's own transaction handling defers BEGIN and breaks savepoints; the recipe from
        SQLAlchemy's SQLite dialect documentation hands control back to SQLAlchemy.
        """

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):  # noqa: ANN001
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):  # noqa: ANN001
            # A run takes the write lock first (waiting up to the busy timeout): a deferred
            # transaction that has read cannot wait for it (SQLite refuses at once, to avoid
            # a deadlock between two readers that both want to write).
            write = conn.get_execution_options().get(WRITE_OPTION)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    def connect_args(self, url: URL, busy_timeout: float | None) -> dict[str, Any]:
        """sqlite3's `timeout` is SQLite's busy timeout: --busy-timeout, else the URL's
        `?timeout=`, else DEFAULT_BUSY_TIMEOUT."""
        if busy_timeout is not None:
            return {"timeout": busy_timeout}
        return {} if "timeout" in url.query else {"timeout": DEFAULT_BUSY_TIMEOUT}

    def begin_write(self, conn: Connection) -> RootTransaction:
        return conn.execution_options(**{WRITE_OPTION: True}).begin()

    def start_read_only(self, conn: Connection) -> None:
        conn.exec_driver_sql("PRAGMA query_only = ON")

    def end_read_only(self, conn: Connection) -> None:
        conn.exec_driver_sql("PRAGMA query_only = OFF")  # a setting of the pooled connection

    def postpone_check(self, conn: Connection, fk: ForeignKeyConfig, schema: str | None = None) -> None:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # reset at commit or rollback

    def resume_check(self, conn: Connection) -> None:
        """Immediate checks again. Only once the postponed keys' parents are in: a parent
        row inserted without deferral no longer settles an earlier violation."""
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = OFF")

    def postponed_violations(self, conn: Connection, tables: list[str]) -> list[tuple]:
        quote = conn.dialect.identifier_preparer.quote
        rows: list[tuple] = []
        for name in tables:
            result = conn.exec_driver_sql(f"PRAGMA foreign_key_check({quote(name)})")
            rows.extend(tuple(row) for row in result)
        return rows

    def geometry_columns(self, conn: Connection, tables: list[str]) -> dict[tuple[str, str], SpatialType]:
        """Columns declared GEOMETRY, POINT, POLYGON...: without SpatiaLite they hold WKT
        text (SQLAlchemy reads those names by affinity: POINT as INTEGER, GEOMETRY as NUMERIC)."""
        quote = conn.dialect.identifier_preparer.quote
        rows = [
            (name, column, declared, None)
            for name in tables
            for _cid, column, declared, *_ in conn.exec_driver_sql(f"PRAGMA table_info({quote(name)})")
        ]
        return spatial_columns(rows, tables)

    def finish_table(self, table: TableInfo) -> None:
        """A single INTEGER PRIMARY KEY is SQLite's rowid alias: assigned when omitted."""
        if len(table.primary_key) != 1:
            return
        for col in table.columns:
            if col.name == table.primary_key[0] and col.type_name.upper() == "INTEGER":
                col.autoincrement = True
