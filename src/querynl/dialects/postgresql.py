"""PostgreSQL: E'' strings when needed, bytea/interval/array literals, COPY for the batches.

Whole batches are streamed through `COPY ... FROM STDIN` (text format, every value encoded
by `_copy_field`); the row-by-row retry after a failed batch, and tables COPY cannot load
the same way as INSERT (OVERRIDING SYSTEM VALUE, row-level security, INSERT rules, views),
use psycopg2's execute_values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from psycopg2.extras import execute_values
from sqlalchemy.engine import Connection

from querynl.dialects.base import Dialect
from querynl.loading.executor import (
    BaseInsertionExecutor,
    BatchLoader,
    Classification,
    Row,
    number_text,
)
from querynl.models import ErrorType, ForeignKeyConfig

_BY_SQLSTATE = {
    "23505": ErrorType.UNIQUE_VIOLATION,
    "23503": ErrorType.FOREIGN_KEY_VIOLATION,
    "23502": ErrorType.NOT_NULL_VIOLATION,
    "23514": ErrorType.CHECK_VIOLATION,
}
_KEY = re.compile(r'^Key \("?([^",()]+)"?\)=')
# COPY text format: backslash starts an escape, tab/newline separate fields and rows.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})
# Whether COPY FROM loads these columns exactly as INSERT would: a plain or partitioned
# table, no row-level security (COPY FROM refuses it), no INSERT rules (COPY skips them)
# and no GENERATED ALWAYS identity among the columns (COPY writes the given values where
# INSERT without OVERRIDING SYSTEM VALUE refuses them).
_COPY_SAFE = """
SELECT c.relkind IN ('r', 'p') AND NOT c.relrowsecurity
       AND NOT EXISTS (SELECT 1 FROM pg_rewrite r WHERE r.ev_class = c.oid AND r.ev_type = '3')
       AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                       AND a.attidentity = 'a' AND a.attname = ANY(%s))
FROM pg_class c WHERE c.oid = to_regclass(%s)
"""


class PostgreSQLInsertionExecutor(BaseInsertionExecutor):
    dialect = "postgresql"
    batch_size = 1_000  # rows per savepoint, one COPY each (5k-20k measured no faster)
    copy_read_size = 1 << 18  # characters per COPY data message
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

    # ----- COPY ------------------------------------------------------------------------

    def _batch_loader(self, table: str, columns: Sequence[str], overriding: bool) -> BatchLoader | None:
        if overriding or not columns:  # OVERRIDING SYSTEM VALUE keeps the INSERT
            return None
        qtable = self.quote_identifier(table)
        cursor = self.conn.connection.dbapi_connection.cursor()
        try:
            cursor.execute(_COPY_SAFE, (list(columns), qtable))
            found = cursor.fetchone()
        finally:
            cursor.close()
        if not (found and found[0]):
            return None
        names = ", ".join(self.quote_identifier(c) for c in columns)
        statement = f"COPY {qtable} ({names}) FROM STDIN"
        size = self.copy_read_size

        def load(cursor: Any, rows: Sequence[Row]) -> None:
            # Streamed: the server parses one chunk while the next one is being encoded.
            cursor.copy_expert(statement, _LineReader(self.copy_lines(rows)), size=size)

        return load

    def copy_lines(self, rows: Iterable[Row]) -> Iterator[str]:
        """The rows in COPY's text format, one line each; ValueError/TypeError for a value
        it cannot encode."""
        field = self._copy_field
        for row in rows:
            yield "\t".join([field(v) for v in row]) + "\n"

    def _copy_field(self, value: Any) -> str:
        """One value in COPY text format (the common types first, by exact type)."""
        if value is None:
            return "\\N"
        kind = type(value)
        if kind is str:
            return _copy_escape(value)
        if kind is int:
            return str(value)
        if kind is bool:
            return "t" if value else "f"
        if kind is Decimal:
            return format(value, "f")
        if kind is float:
            return repr(value)
        if kind is dt.datetime:
            return value.isoformat(sep=" ")  # an aware datetime keeps its offset
        if kind is dt.date or kind is dt.time:
            return value.isoformat()
        return self._copy_other(value)

    def _copy_other(self, value: Any) -> str:
        if isinstance(value, bool):
            return "t" if value else "f"
        if isinstance(value, int):
            return str(int(value))
        if isinstance(value, float):
            return repr(float(value))
        if isinstance(value, Decimal):
            return format(value, "f")
        if isinstance(value, bytes | bytearray | memoryview):
            return "\\\\x" + bytes(value).hex()  # \\x..: COPY reads \\ as one backslash
        if isinstance(value, dt.timedelta):
            return _interval_text(value)
        if isinstance(value, list):
            return _copy_escape(self._array_text(value))
        if isinstance(value, str | dt.date | dt.time):
            return _copy_escape(self._text(value))
        raise TypeError(f"cannot encode {type(value).__name__} for PostgreSQL COPY")

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


class _LineReader:
    """A read-only text file over an iterator of lines, for `copy_expert`."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines

    def read(self, size: int = -1) -> str:
        parts: list[str] = []
        length = 0
        for line in self._lines:
            parts.append(line)
            length += len(line)
            if 0 <= size <= length:
                break
        return "".join(parts)

    readline = read  # not used by COPY FROM; there for file-like checks


def _copy_escape(text: str) -> str:
    if "\\" in text or "\n" in text or "\r" in text or "\t" in text:
        text = text.translate(_COPY_ESCAPES)
    if "\0" in text:
        raise ValueError("PostgreSQL text cannot contain NUL (0x00) characters")
    return text


def _interval_text(value: dt.timedelta) -> str:
    """The form psycopg2 uses: exact, with Python's normalised (days, seconds, µs)."""
    return f"{value.days} days {value.seconds}.{value.microseconds:06d} seconds"


class PostgreSQL(Dialect):
    name = "postgresql"
    executor_class = PostgreSQLInsertionExecutor

    def postpone_check(self, conn: Connection, fk: ForeignKeyConfig) -> None:
        """Only a DEFERRABLE constraint can be postponed (the planner breaks no other)."""
        if fk.constraint_name:
            quoted = conn.dialect.identifier_preparer.quote(fk.constraint_name)
            conn.exec_driver_sql(f"SET CONSTRAINTS {quoted} DEFERRED")
