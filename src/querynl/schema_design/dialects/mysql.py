"""MySQL/MariaDB: backslash escapes unless NO_BACKSLASH_ESCAPES, PyMySQL executemany.

PyMySQL's executemany writes one multi-row INSERT, escaping each value on the client; it
follows NO_BACKSLASH_ESCAPES from the server status flag of the last reply, so it is right
even when sql_mode changes after this executor was made.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.engine import Connection

from querynl.models import ErrorType
from querynl.schema_design.insertion_executor import (
    BaseInsertionExecutor,
    Classification,
    first_line,
)

_BY_ERRNO = {
    1062: ErrorType.UNIQUE_VIOLATION,
    1586: ErrorType.UNIQUE_VIOLATION,
    1216: ErrorType.FOREIGN_KEY_VIOLATION,
    1452: ErrorType.FOREIGN_KEY_VIOLATION,
    1048: ErrorType.NOT_NULL_VIOLATION,
    1364: ErrorType.NOT_NULL_VIOLATION,
    3819: ErrorType.CHECK_VIOLATION,  # MySQL 8
    4025: ErrorType.CHECK_VIOLATION,  # MariaDB
    **dict.fromkeys((1264, 1265, 1292, 1300, 1366, 1367, 1406, 1411, 1416, 3140, 4078), ErrorType.DATA_ERROR),
}
_CONSTRAINT = re.compile(r"(?:for key|CONSTRAINT|Check constraint) [`']([^`']+)[`']")
_COLUMN = re.compile(r"(?:FOREIGN KEY \(|[Cc]olumn |Field )(?:`[^`]*`\.)*[`']([^`']+)[`'](?:\)|(?! *,))")
MAX_STATEMENT_BYTES = 4 << 20  # bigger statements measured no faster


class MySQLInsertionExecutor(BaseInsertionExecutor):
    dialect = "mysql"
    batch_size = 1_000
    placeholder = "%s"

    def __init__(self, conn: Connection) -> None:
        super().__init__(conn)
        mode, packet = conn.exec_driver_sql("SELECT @@SESSION.sql_mode, @@max_allowed_packet").one()
        self.backslash_escapes = "NO_BACKSLASH_ESCAPES" not in (mode or "").upper().split(",")
        # PyMySQL cuts an executemany into statements of at most max_stmt_length bytes (1 MB
        # by default, too big for a small max_allowed_packet); leave room for the header.
        self.max_statement_bytes = min(max(int(packet) - 1024, int(packet) // 2), MAX_STATEMENT_BYTES)

    def _bulk_insert(self, cursor: Any, template: str, rows: list[tuple]) -> None:
        cursor.max_stmt_length = self.max_statement_bytes
        cursor.executemany(template, rows)

    def _string_literal(self, text: str) -> str:
        if self.backslash_escapes:
            text = text.replace("\\", "\\\\").replace("\0", "\\0")
        return "'" + text.replace("'", "''") + "'"

    def _message(self, exc: BaseException) -> str:
        """PyMySQL's str() is the (errno, text) tuple; keep the text."""
        return first_line(Exception(exc.args[1])) if len(exc.args) > 1 else first_line(exc)

    def _classify(self, exc: Exception) -> Classification:
        errno = exc.args[0] if exc.args and isinstance(exc.args[0], int) else None
        message = self._message(exc)
        constraint = _CONSTRAINT.search(message)
        column = _COLUMN.search(message)
        return (
            _BY_ERRNO.get(errno, ErrorType.OTHER),
            constraint.group(1).rsplit(".", 1)[-1] if constraint else None,
            column.group(1) if column else None,
        )
