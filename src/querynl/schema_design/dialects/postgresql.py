"""PostgreSQL: E'' strings when needed, bytea/interval/array literals, execute_values."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from psycopg2.extras import execute_values

from querynl.models import ErrorType
from querynl.schema_design.insertion_executor import (
    BaseInsertionExecutor,
    Classification,
    number_text,
)

_BY_SQLSTATE = {
    "23505": ErrorType.UNIQUE_VIOLATION,
    "23503": ErrorType.FOREIGN_KEY_VIOLATION,
    "23502": ErrorType.NOT_NULL_VIOLATION,
    "23514": ErrorType.CHECK_VIOLATION,
}
_KEY = re.compile(r'^Key \("?([^",()]+)"?\)=')


class PostgreSQLInsertionExecutor(BaseInsertionExecutor):
    dialect = "postgresql"
    batch_size = 1_000
    placeholder = "%s"
    keeps_utc_offsets = True

    def _string_literal(self, text: str) -> str:
        if "\0" in text:
            raise ValueError("PostgreSQL text cannot contain NUL (0x00) characters")
        if "\\" in text:  # E'' reads the same whatever standard_conforming_strings says
            return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'"
        return "'" + text.replace("'", "''") + "'"

    def _bool_literal(self, value: bool) -> str:
        return "TRUE" if value else "FALSE"

    def _bytes_literal(self, value: bytes) -> str:
        return f"E'\\\\x{value.hex()}'::bytea"

    def _interval_literal(self, value: dt.timedelta) -> str:
        return f"'{_interval_text(value)}'::interval"

    def _array_literal(self, value: list) -> str:
        # The '{...}' input form, untyped, so it fits any array column (date[], uuid[], ...);
        # ARRAY['...'] would be text[], which PostgreSQL will not assign to those.
        return self._string_literal(self._array_text(value))

    def _insert_prefix(self, table: str, columns: Any, overriding: bool) -> str:
        prefix = super()._insert_prefix(table, columns, overriding)
        return prefix + " OVERRIDING SYSTEM VALUE" if overriding else prefix

    def adapt_param(self, value: Any) -> Any:
        # psycopg2 binds the rest itself (Decimal, dates, aware datetimes, timedelta, bytes).
        return self._array_text(value) if isinstance(value, list) else value

    def _values_placeholder(self, width: int) -> str:
        return "%s"  # execute_values expands it to the row list

    def _bulk_insert(self, cursor: Any, template: str, rows: list[tuple]) -> None:
        execute_values(cursor, template, rows, page_size=self.batch_size)

    def _array_text(self, value: list) -> str:
        return "{" + ",".join(self._element_text(v) for v in value) + "}"

    def _element_text(self, value: Any) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, list):
            return self._array_text(value)
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, float | Decimal):
            text = number_text(value)
        elif isinstance(value, bytes | bytearray | memoryview):
            text = "\\x" + bytes(value).hex()
        elif isinstance(value, dt.timedelta):
            text = _interval_text(value)
        elif isinstance(value, int):
            text = str(value)
        else:
            text = self._text(value)
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def _classify(self, exc: Exception) -> Classification:
        code = getattr(exc, "pgcode", None) or ""
        kind = _BY_SQLSTATE.get(code)
        if kind is None:
            kind = ErrorType.DATA_ERROR if code.startswith("22") else ErrorType.OTHER
        diag = getattr(exc, "diag", None)
        constraint = getattr(diag, "constraint_name", None)
        column = getattr(diag, "column_name", None)
        if column is None and diag is not None:
            key = _KEY.match(getattr(diag, "message_detail", None) or "")
            column = key.group(1).strip() if key else None
        return kind, constraint, column

    def fix_sequences(self, table: str, columns: Any) -> None:
        """Move each column's sequence (serial or identity) past the largest value."""
        qtable = self.quote_identifier(table)
        cursor = self.conn.connection.dbapi_connection.cursor()
        try:
            for column in columns:
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", (qtable, column))
                sequence = cursor.fetchone()[0]
                if sequence is None:
                    continue
                qcol = self.quote_identifier(column)
                cursor.execute(  # no parameters: identifiers may contain '%'
                    f"SELECT setval({self._string_literal(sequence)}, MAX({qcol})) "
                    f"FROM {qtable} HAVING MAX({qcol}) IS NOT NULL"
                )
        finally:
            cursor.close()


def _interval_text(value: dt.timedelta) -> str:
    """The form psycopg2 uses: exact, with Python's normalised (days, seconds, µs)."""
    return f"{value.days} days {value.seconds}.{value.microseconds:06d} seconds"
