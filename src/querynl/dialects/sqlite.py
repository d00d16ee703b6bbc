"""SQLite: '' doubling only, 1/0 booleans, X'..' blobs, sqlite3 executemany."""

from __future__ import annotations

import re

from sqlalchemy.engine import Connection

from querynl.dialects.base import Dialect
from querynl.loading.executor import BaseInsertionExecutor, Classification
from querynl.models import ErrorType, ForeignKeyConfig

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


class SQLiteInsertionExecutor(BaseInsertionExecutor):
    dialect = "sqlite"
    batch_size = 10_000
    placeholder = "?"

    def _string_literal(self, text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

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

    def postpone_check(self, conn: Connection, fk: ForeignKeyConfig) -> None:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # reset at commit or rollback
