"""Batched INSERT execution with a savepoint per batch and row-by-row retry.

`BaseInsertionExecutor` holds everything the dialects share: literal rendering, batching,
savepoints, the row-by-row retry that isolates bad rows, cancellation and progress. The
subclasses in `querynl.dialects` hold only what differs per database.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from querynl.errors import Cancelled
from querynl.models import CancellationToken, ErrorType, InsertionError, TableInsertionResult

MAX_ERRORS_PER_TABLE = 100
_BOUND_AS_IS = {type(None), str, int, float, bool, bytes}  # every driver binds these itself
SAVEPOINT = "qnl_sp"

Row = Sequence[Any]
Classification = tuple[ErrorType, str | None, str | None]  # type, constraint, column
BatchLoader = Callable[[Any, Sequence[Row]], None]  # (DBAPI cursor, raw rows)


class IInsertionExecutor(ABC):
    """Inserts generated rows into one database, one dialect."""

    dialect: str
    batch_size: int

    @abstractmethod
    def __init__(self, conn: Connection) -> None: ...

    @abstractmethod
    def quote_identifier(self, name: str) -> str: ...

    @abstractmethod
    def escape_value(self, value: Any) -> str: ...

    @abstractmethod
    def build_insert_statement(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Row],
        *,
        overriding_system_value: bool = False,
    ) -> str: ...

    @abstractmethod
    def execute_insertion(
        self,
        table: str,
        columns: Sequence[str],
        batches: Iterable[Sequence[Row]],
        *,
        requested: int,
        cancel: CancellationToken | None = None,
        on_rows: Callable[[int], None] | None = None,
        overriding_system_value: bool = False,
    ) -> TableInsertionResult: ...

    @abstractmethod
    def fix_sequences(self, table: str, columns: Sequence[str]) -> None: ...


@dataclass
class _Tally:
    inserted: int = 0
    failed: int = 0
    errors: list[InsertionError] = field(default_factory=list)


class BaseInsertionExecutor(IInsertionExecutor):
    """Shared logic; subclasses override the small hooks marked "dialect hook"."""

    dialect = ""
    batch_size = 1_000
    placeholder = "?"  # dialect hook: the driver's positional parameter marker
    keeps_utc_offsets = False  # dialect hook: aware datetimes stay aware (PostgreSQL)

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._preparer = conn.dialect.identifier_preparer
        # For format/pyformat drivers SQLAlchemy's preparer writes '%' as '%%'; our SQL is
        # either literal (sent without parameters) or has its '%' escaped by _bulk_template.
        self._percent_doubled = "%%" in self._preparer.quote_identifier("%")

    # ----- literals -------------------------------------------------------------------

    def quote_identifier(self, name: str) -> str:
        quoted = self._preparer.quote_identifier(name)
        return quoted.replace("%%", "%") if self._percent_doubled else quoted

    def escape_value(self, value: Any) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return self._bool_literal(value)
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float | Decimal):
            return number_text(value)
        if isinstance(value, bytes | bytearray | memoryview):
            return self._bytes_literal(bytes(value))
        if isinstance(value, dt.timedelta):
            return self._interval_literal(value)
        if isinstance(value, list):
            return self._array_literal(value)
        if isinstance(value, str | dt.date | dt.time):
            return self._string_literal(self._text(value))
        raise TypeError(f"cannot render {type(value).__name__} as a {self.dialect} literal")

    def build_insert_statement(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Row],
        *,
        overriding_system_value: bool = False,
    ) -> str:
        values = ",\n".join("(" + ", ".join(self.escape_value(v) for v in row) + ")" for row in rows)
        return f"{self._insert_prefix(table, columns, overriding_system_value)} VALUES\n{values};"

    def _text(self, value: str | dt.date | dt.time) -> str:
        """The text form of a string or date/time value, as the database reads it."""
        if isinstance(value, str):
            return value
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None and not self.keeps_utc_offsets:
                value = value.astimezone(dt.UTC).replace(tzinfo=None)
            return value.isoformat(sep=" ")
        if isinstance(value, dt.time) and not self.keeps_utc_offsets:
            value = value.replace(tzinfo=None)
        return value.isoformat()

    @abstractmethod
    def _string_literal(self, text: str) -> str:
        """Dialect hook: one quoted string literal."""

    def _bool_literal(self, value: bool) -> str:
        return "1" if value else "0"

    def _bytes_literal(self, value: bytes) -> str:
        return f"X'{value.hex()}'"

    def _interval_literal(self, value: dt.timedelta) -> str:
        return self._string_literal(timedelta_text(value))

    def _array_literal(self, value: list) -> str:
        raise TypeError(f"{self.dialect} has no array type")

    def _insert_prefix(self, table: str, columns: Sequence[str], overriding: bool) -> str:
        names = ", ".join(self.quote_identifier(c) for c in columns)
        return f"INSERT INTO {self.quote_identifier(table)} ({names})"

    # ----- bound parameters -----------------------------------------------------------

    def adapt_param(self, value: Any) -> Any:
        """Dialect hook: turn a value into one the driver binds correctly."""
        if type(value) in _BOUND_AS_IS:  # the common case, checked first and fast
            return value
        if isinstance(value, Decimal):
            return number_text(value)
        if isinstance(value, bytearray | memoryview):
            return bytes(value)
        if isinstance(value, dt.timedelta):
            return timedelta_text(value)
        if isinstance(value, dt.date | dt.time):
            return self._text(value)
        if isinstance(value, list):
            raise TypeError(f"{self.dialect} has no array type")
        return value

    def _bulk_template(self, table: str, columns: Sequence[str], overriding: bool) -> str:
        prefix = self._insert_prefix(table, columns, overriding)
        if self.placeholder.startswith("%"):  # format paramstyle: a literal % is written %%
            prefix = prefix.replace("%", "%%")
        return f"{prefix} VALUES {self._values_placeholder(len(columns))}"

    def _values_placeholder(self, width: int) -> str:
        """Dialect hook: the VALUES part of the bulk statement template."""
        return "(" + ", ".join([self.placeholder] * width) + ")"

    def _bulk_insert(self, cursor: Any, template: str, rows: list[tuple]) -> None:
        """Dialect hook: one driver-bound multi-row insert of `rows`."""
        cursor.executemany(template, rows)

    def _batch_loader(self, table: str, columns: Sequence[str], overriding: bool) -> BatchLoader | None:
        """Dialect hook: a faster loader for whole batches (e.g. COPY), or None for the INSERT.

        It runs inside the batch's savepoint and gets the raw rows; it must raise on any bad
        value or row (ValueError/TypeError or a driver error), never write a partial batch
        that it reports as loaded. The row-by-row retry after a failure uses the INSERT.
        """
        return None

    # ----- execution ------------------------------------------------------------------

    def execute_insertion(
        self,
        table: str,
        columns: Sequence[str],
        batches: Iterable[Sequence[Row]],
        *,
        requested: int,
        cancel: CancellationToken | None = None,
        on_rows: Callable[[int], None] | None = None,
        overriding_system_value: bool = False,
    ) -> TableInsertionResult:
        started = time.perf_counter()
        tally = _Tally()
        template = self._bulk_template(table, columns, overriding_system_value)
        load = self._batch_loader(table, columns, overriding_system_value)
        cursor = self.conn.connection.dbapi_connection.cursor()
        try:
            for chunk in rechunk(batches, self.batch_size):
                if cancel is not None and cancel.cancelled:
                    raise Cancelled()
                self._insert_chunk(cursor, template, table, columns, chunk, tally, load)
                if on_rows is not None:
                    on_rows(len(chunk))
        finally:
            cursor.close()
        return TableInsertionResult(
            table_name=table,
            requested=requested,
            inserted=tally.inserted,
            failed=tally.failed,
            seconds=time.perf_counter() - started,
            errors=tally.errors,
        )

    def _insert_chunk(
        self,
        cursor: Any,
        template: str,
        table: str,
        columns: Sequence[str],
        chunk: Sequence[Row],
        tally: _Tally,
        load: BatchLoader | None = None,
    ) -> None:
        if self._try_in_savepoint(cursor, template, chunk, load) is None:
            tally.inserted += len(chunk)
            return
        for row in chunk:  # the retry always uses the driver-bound INSERT
            exc = self._try_in_savepoint(cursor, template, [row])
            if exc is None:
                tally.inserted += 1
            else:
                tally.failed += 1
                if len(tally.errors) < MAX_ERRORS_PER_TABLE:
                    tally.errors.append(self._insertion_error(table, columns, row, exc))

    def _try_in_savepoint(
        self, cursor: Any, template: str, rows: Sequence[Row], load: BatchLoader | None = None
    ) -> Exception | None:
        """Insert rows inside a savepoint; on a row-level failure undo them and return it."""
        self.conn.exec_driver_sql(f"SAVEPOINT {SAVEPOINT}")
        try:
            if load is not None:
                load(cursor, rows)
            else:
                self._bulk_insert(cursor, template, [tuple(map(self.adapt_param, r)) for r in rows])
        except Exception as exc:
            if not self._is_row_error(exc, cursor):
                raise
            self.conn.exec_driver_sql(f"ROLLBACK TO SAVEPOINT {SAVEPOINT}")
            self.conn.exec_driver_sql(f"RELEASE SAVEPOINT {SAVEPOINT}")
            return exc
        self.conn.exec_driver_sql(f"RELEASE SAVEPOINT {SAVEPOINT}")
        return None

    def _is_row_error(self, exc: Exception, cursor: Any) -> bool:
        """Database errors and values the driver cannot bind; never a lost connection."""
        orig = getattr(exc, "orig", None) or exc
        if isinstance(exc, ValueError | TypeError):
            return True
        if not isinstance(exc, DBAPIError | self.conn.dialect.loaded_dbapi.Error):
            return False
        if getattr(exc, "connection_invalidated", False):
            return False
        dbapi_conn = self.conn.connection.dbapi_connection
        return not self.conn.dialect.is_disconnect(orig, dbapi_conn, cursor)

    def _insertion_error(
        self, table: str, columns: Sequence[str], row: Row, exc: Exception
    ) -> InsertionError:
        orig = getattr(exc, "orig", None) or exc
        if isinstance(orig, ValueError | TypeError):
            kind, constraint, column = ErrorType.DATA_ERROR, None, None
        else:
            kind, constraint, column = self._classify(orig)
        return InsertionError(
            table_name=table,
            error_type=kind,
            message=self._message(orig),
            constraint=constraint,
            column=column,
            record={c: json_safe(v) for c, v in zip(columns, row, strict=False)},
        )

    def _message(self, exc: BaseException) -> str:
        """Dialect hook: the driver's error as one line."""
        return first_line(exc)

    @abstractmethod
    def _classify(self, exc: Exception) -> Classification:
        """Dialect hook: error type, constraint name and column from the driver's error."""

    # ----- sequences ------------------------------------------------------------------

    def fix_sequences(self, table: str, columns: Sequence[str]) -> None:
        """SQLite and MySQL advance their counters past explicit ids by themselves."""


# ----- helpers shared by the dialects ---------------------------------------------------


def rechunk(batches: Iterable[Sequence[Row]], size: int) -> Iterator[Sequence[Row]]:
    """Split oversized batches into pieces of at most `size`, streaming."""
    for batch in batches:
        if not isinstance(batch, Sequence):
            batch = list(batch)
        for start in range(0, len(batch), size):
            piece = batch[start : start + size]
            if piece:
                yield piece


def number_text(value: float | Decimal) -> str:
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} cannot be written as an SQL number")
        return repr(value)
    if not value.is_finite():
        raise ValueError(f"{value} cannot be written as an SQL number")
    return format(value, "f")


def timedelta_text(value: dt.timedelta) -> str:
    """[-]H:MM:SS[.ffffff], hours unbounded (MySQL TIME input format)."""
    sign = "-" if value < dt.timedelta(0) else ""
    micros = abs(value) // dt.timedelta(microseconds=1)
    seconds, micro = divmod(micros, 1_000_000)
    minutes, sec = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    fraction = f".{micro:06d}" if micro else ""
    return f"{sign}{hours:02d}:{minute:02d}:{sec:02d}{fraction}"


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def json_safe(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    return str(value)
