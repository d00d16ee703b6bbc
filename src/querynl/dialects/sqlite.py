"""SQLite: the codec's defaults ('' doubling, 1/0 booleans, X'..' blobs), sqlite3 executemany,
foreign keys switched on per connection, the rowid alias and hidden automatic indexes."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from querynl.dialects.base import Dialect, spatial_columns
from querynl.loading.codec import ValueCodec
from querynl.loading.executor import BaseInsertionExecutor, Classification
from querynl.models import ErrorType, ForeignKeyConfig
from querynl.schema import SpatialType, TableInfo

_ON_INSERT = re.compile(r"\bINSERT\s+ON\b", re.I)  # BEFORE/AFTER/INSTEAD OF INSERT ON <table>

# sqlite3 exceptions carry the extended result code name (Python 3.11+).
_BY_CODE = {
    "SQLITE_CONSTRAINT_UNIQUE": ErrorType.UNIQUE_VIOLATION,
    "SQLITE_CONSTRAINT_PRIMARYKEY": ErrorType.UNIQUE_VIOLATION,
    "SQLITE_CONSTRAINT_FOREIGNKEY": ErrorType.FOREIGN_KEY_VIOLATION,
    "SQLITE_CONSTRAINT_NOTNULL": ErrorType.NOT_NULL_VIOLATION,
    "SQLITE_CONSTRAINT_CHECK": ErrorType.CHECK_VIOLATION,
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
_DETAIL = re.compile(r"constraint failed: (.+)$")


class SQLiteCodec(ValueCodec):
    """The defaults: SQLite has no interval or array type (intervals are stored as text)."""

    dialect = "sqlite"


class SQLiteInsertionExecutor(BaseInsertionExecutor):
    codec_class = SQLiteCodec
    batch_size = 10_000
    placeholder = "?"
    bulk_path = "sqlite3 executemany"

    def _classify(self, exc: Exception) -> Classification:
        message = str(exc)
        kind = _BY_CODE.get(getattr(exc, "sqlite_errorname", ""))
        if kind is None:
            kind = next((k for t, k in _BY_TEXT.items() if t in message), ErrorType.OTHER)
        detail = _DETAIL.search(message)
        if detail is None:
            return kind, None, None
        if kind is ErrorType.CHECK_VIOLATION:
            return kind, detail.group(1), None
        targets = detail.group(1).split(", ")
        column = targets[0].rsplit(".", 1)[-1] if len(targets) == 1 else None
        return kind, None, column


class SQLite(Dialect):
    name = "sqlite"
    executor_class = SQLiteInsertionExecutor
    sqlglot_name = "sqlite"
    url_schemes = ("sqlite",)
    driver = "sqlite"
    internal_table_prefix = "sqlite_"
    postpones_whole_connection = True  # PRAGMA defer_foreign_keys is connection-wide
    # A column's inline UNIQUE is kept only as an automatic index, hidden by default.
    unique_index_options = {"include_auto_indexes": True}
    trigger_query = (
        "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%INSERT%ON%'"
    )

    def trigger_bodies(self, conn: Connection) -> Iterable[tuple[str, str]]:
        """The whole CREATE TRIGGER of each trigger fired by INSERT (its WHEN clause counts)."""
        return [(table, sql) for table, sql in super().trigger_bodies(conn) if _ON_INSERT.search(sql)]

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
            conn.exec_driver_sql("BEGIN")

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
