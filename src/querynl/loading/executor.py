"""Batched INSERT execution with a savepoint per batch and row-by-row retry.

`BaseInsertionExecutor` holds everything the dialects share: batching, savepoints, the
row-by-row retry that isolates bad rows, cancellation and progress. How values are written is
its codec's business (`querynl.loading.codec`); the subclasses in `querynl.dialects` hold only
what differs per database.
"""

from __future__ import annotations

import contextlib
import logging
import math
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, NamedTuple

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from querynl.errors import Cancelled
from querynl.loading.codec import ValueCodec
from querynl.loading.faults import BatchFailed, Fault, FaultKind
from querynl.models import CancellationToken, ErrorType, InsertionError, TableInsertionResult
from querynl.schema import TableLocation, default_location

log = logging.getLogger(__name__)

SAVEPOINT = "qnl_sp"

Row = Sequence[Any]
Classification = tuple[ErrorType, str | None, tuple[str, ...]]  # type, constraint, columns


class Encoding(NamedTuple):
    """How rows become what a loader sends: the executor's `encode_<name>` method, given
    `arguments` before the rows. Plain values, so it can travel to another process."""

    name: str
    arguments: tuple = ()


@dataclass(frozen=True)
class Loader:
    """How one table's batches are written: `send` writes one batch, as `encoding` made it,
    with the DBAPI cursor."""

    path: str  # names the way in, for reports
    encoding: Encoding
    send: Callable[[Any, Any], None]
    rows: int | None = None  # rows per batch (and savepoint); None: the executor's batch_size


@dataclass
class EncodedBatch:
    """A batch encoded where it was generated, for one Loader. Its rows stay there, under
    `serial`, and are fetched only if the batch fails (the row-by-row retry needs them) or
    must be repaired: `fetch` is set where the batch arrives."""

    count: int
    encoded: Any  # None: a value could not be encoded; the rows are retried one by one
    serial: int
    fetch: Callable[[int], list[tuple]] | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return self.count

    def rows(self) -> list[tuple]:
        if self.fetch is None:
            raise RuntimeError("an encoded batch's rows were asked for where they cannot be fetched")
        return self.fetch(self.serial)


@dataclass
class _Tally:
    inserted: int = 0
    failed: int = 0
    errors: list[InsertionError] = field(default_factory=list)
    feedback: RowFeedback | None = None


class RowFeedback:
    """What the caller learns of a table's rows while they load: told of each row the
    database rejects, it may rewrite rows before they are tried (e.g. a row whose parent
    row in the same table was rejected). The default does neither."""

    @property
    def repairs(self) -> bool:
        """Whether `repair` may change rows now (a batch encoded ahead is then re-read)."""
        return False

    def rejected(self, row: Row) -> None:
        """The database refused `row` (after the row-by-row retry)."""

    def repair(self, rows: Sequence[Row]) -> Sequence[Row]:
        """The rows as they should be tried, given the rows rejected so far."""
        return rows


class BaseInsertionExecutor:
    """Inserts generated rows into one database; subclasses override the hooks marked
    "dialect hook"."""

    codec_class: ClassVar[type[ValueCodec]] = ValueCodec  # dialect hook: how values are written
    batch_size = 1_000
    placeholder = "?"  # dialect hook: the driver's positional parameter marker
    max_errors = 10_000  # failed rows kept per table with their records (all are counted)
    bulk_path: ClassVar[str] = "executemany"  # dialect hook: names the bulk insert, for reports

    def __init__(self, conn: Connection, locate: Callable[[str], TableLocation] = default_location) -> None:
        self.conn = conn
        self.locate = locate  # a table's (schema, name) from the name QueryNL gives it
        self.codec = self.codec_class.for_connection(conn)
        self._preparer = conn.dialect.identifier_preparer
        # For format/pyformat drivers SQLAlchemy's preparer writes '%' as '%%'; our SQL is
        # either literal (sent without parameters) or has its '%' escaped by _bulk_template.
        self._percent_doubled = "%%" in self._preparer.quote_identifier("%")
        self.paths_used: list[str] = []  # the bulk paths tables were loaded by, for reports

    @property
    def dialect(self) -> str:
        """The database's name, for messages."""
        return self.codec.dialect

    # ----- statements ---------------------------------------------------------------------

    def quote_identifier(self, name: str) -> str:
        quoted = self._preparer.quote_identifier(name)
        return quoted.replace("%%", "%") if self._percent_doubled else quoted

    def quote_table(self, table: str) -> str:
        """The table as SQL names it: its schema and name each quoted (`"sales"."orders"`),
        or the name alone in the default schema."""
        schema, name = self.locate(table)
        quoted = self.quote_identifier(name)
        return quoted if schema is None else f"{self.quote_identifier(schema)}.{quoted}"

    def escape_value(self, value: Any) -> str:
        """The value as an SQL literal."""
        return self.codec.literal(value)

    def adapt_param(self, value: Any) -> Any:
        """The value as the driver binds it correctly."""
        return self.codec.param(value)

    def build_insert_statement(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Row],
        *,
        overriding_system_value: bool = False,
    ) -> str:
        literal = self.codec.literal
        values = ",\n".join("(" + ", ".join(map(literal, row)) + ")" for row in rows)
        return f"{self._insert_prefix(table, columns, overriding_system_value)} VALUES\n{values};"

    def _insert_prefix(self, table: str, columns: Sequence[str], overriding: bool) -> str:
        names = ", ".join(self.quote_identifier(c) for c in columns)
        return f"INSERT INTO {self.quote_table(table)} ({names})"

    # ----- bound parameters -----------------------------------------------------------

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

    def _batch_loader(self, table: str, columns: Sequence[str], overriding: bool) -> Loader | None:
        """Dialect hook: a faster loader for whole batches (e.g. COPY), or None for the INSERT.

        Its `send` runs inside the batch's savepoint with what its encoding made of the rows;
        it must raise on any bad value or row (ValueError/TypeError or a driver error), never
        write a partial batch that it reports as loaded. The row-by-row retry after a failure
        uses the INSERT.
        """
        return None

    def loader(self, table: str, columns: Sequence[str], overriding: bool = False) -> Loader:
        """How the table's batches are written: the dialect's batch loader, else the
        driver-bound INSERT."""
        batch_loader = self._batch_loader(table, columns, overriding)
        return batch_loader or self._insert_loader(table, columns, overriding)

    def rows_per_batch(self, loader: Loader) -> int:
        """The rows the loader takes at a time (one savepoint each)."""
        return loader.rows or self.batch_size

    def _insert_loader(self, table: str, columns: Sequence[str], overriding: bool) -> Loader:
        template = self._bulk_template(table, columns, overriding)

        def send(cursor: Any, params: list[tuple]) -> None:
            self._bulk_insert(cursor, template, params)

        return Loader(self.bulk_path, Encoding("params"), send)

    # ----- encodings: rows as a loader sends them ----------------------------------------
    # They run where the rows are made (another process, for a large run: see
    # querynl.pipeline.worker), so they read nothing but the codec: never the connection.

    def encode(self, encoding: Encoding, rows: Sequence[Row]) -> Any:
        """The rows as a loader of that encoding sends them; ValueError/TypeError for a value
        it cannot encode."""
        return getattr(self, f"encode_{encoding.name}")(*encoding.arguments, rows)

    def encode_params(self, rows: Sequence[Row]) -> list[tuple]:
        return self.codec.param_rows(rows)

    # ----- execution ------------------------------------------------------------------

    def execute_insertion(
        self,
        table: str,
        columns: Sequence[str],
        batches: Iterable[Sequence[Row] | EncodedBatch],
        *,
        requested: int,
        cancel: CancellationToken | None = None,
        on_rows: Callable[[int], None] | None = None,
        overriding_system_value: bool = False,
        feedback: RowFeedback | None = None,
        loader: Loader | None = None,
    ) -> TableInsertionResult:
        """Write the batches: rows, or rows encoded already for `loader` (which must then be
        given: it is the one they were encoded for)."""
        started = time.perf_counter()
        tally = _Tally(feedback=feedback or RowFeedback())
        loader = loader or self.loader(table, columns, overriding_system_value)
        size = self.rows_per_batch(loader)
        if loader.path not in self.paths_used:
            self.paths_used.append(loader.path)
        retry = self._insert_loader(table, columns, overriding_system_value)
        cursor = self.conn.connection.dbapi_connection.cursor()
        done = 0
        try:
            for number, chunk in enumerate(_chunks(batches, size), 1):
                if cancel is not None and cancel.cancelled:
                    raise Cancelled()
                before, began = (tally.inserted, tally.failed), time.perf_counter()
                try:
                    self._insert_chunk(cursor, loader, retry, table, columns, chunk, tally)
                except (DBAPIError, self.conn.dialect.loaded_dbapi.Error) as exc:
                    raise BatchFailed(table, number, done + 1, len(chunk), exc) from exc
                _log_batch(table, number, len(chunk), began, before, tally)
                done += len(chunk)
                if on_rows is not None:
                    on_rows(len(chunk))
        finally:
            _close_quietly(cursor)
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
        loader: Loader,
        retry: Loader,
        table: str,
        columns: Sequence[str],
        chunk: Sequence[Row] | EncodedBatch,
        tally: _Tally,
    ) -> None:
        feedback = tally.feedback or RowFeedback()
        rows, encoded = self._encoded(loader, chunk, feedback)
        if encoded is not None and self._try_in_savepoint(cursor, loader, encoded) is None:
            tally.inserted += len(chunk)
            return
        rows = rows if rows is not None else feedback.repair(chunk.rows())
        for original in rows:  # the retry always uses the driver-bound INSERT
            row = feedback.repair([original])[0]  # its parent may have been rejected just now
            exc = self._try_in_savepoint(cursor, retry, self.encode(retry.encoding, [row]))
            if exc is None:
                tally.inserted += 1
            else:
                tally.failed += 1
                feedback.rejected(row)
                if len(tally.errors) < self.max_errors:
                    tally.errors.append(self._insertion_error(table, columns, row, exc))

    def _encoded(
        self, loader: Loader, chunk: Sequence[Row] | EncodedBatch, feedback: RowFeedback
    ) -> tuple[Sequence[Row] | None, Any]:
        """(the rows, when they were read; the batch as the loader sends it, or None when a
        value cannot be encoded). A batch encoded elsewhere is used as it came unless the
        feedback would change its rows."""
        if isinstance(chunk, EncodedBatch) and not feedback.repairs:
            return None, chunk.encoded
        rows = feedback.repair(chunk.rows() if isinstance(chunk, EncodedBatch) else chunk)
        try:
            return rows, self.encode(loader.encoding, rows)
        except (ValueError, TypeError):
            return rows, None

    def _try_in_savepoint(self, cursor: Any, loader: Loader, encoded: Any) -> Exception | None:
        """Send a batch inside a savepoint; on a row-level failure undo it and return it."""
        self.conn.exec_driver_sql(f"SAVEPOINT {SAVEPOINT}")
        try:
            loader.send(cursor, encoded)
        except Exception as exc:
            if not self._is_row_error(exc, cursor):
                raise
            self.conn.exec_driver_sql(f"ROLLBACK TO SAVEPOINT {SAVEPOINT}")
            self.conn.exec_driver_sql(f"RELEASE SAVEPOINT {SAVEPOINT}")
            return exc
        self.conn.exec_driver_sql(f"RELEASE SAVEPOINT {SAVEPOINT}")
        return None

    def _is_row_error(self, exc: Exception, cursor: Any) -> bool:
        """Database errors and values the driver cannot bind; never a fault (a lost
        connection, a lock, a server limit): every later statement would fail the same way."""
        orig = getattr(exc, "orig", None) or exc
        if isinstance(exc, ValueError | TypeError):
            return True
        if not isinstance(exc, DBAPIError | self.conn.dialect.loaded_dbapi.Error):
            return False
        if getattr(exc, "connection_invalidated", False):
            return False
        return self.fault(orig, self.conn) is None

    @classmethod
    def fault(cls, exc: BaseException, conn: Connection) -> Fault | None:
        """Dialect hook: the fault `exc` is (see `querynl.loading.faults`), or None for an
        error of the statement's rows. The default knows only SQLAlchemy's disconnects."""
        return lost_connection(exc, conn)

    def _insertion_error(
        self, table: str, columns: Sequence[str], row: Row, exc: Exception
    ) -> InsertionError:
        orig = getattr(exc, "orig", None) or exc
        if isinstance(orig, ValueError | TypeError):
            kind, constraint, named = ErrorType.DATA_ERROR, None, ()
        else:
            kind, constraint, named = self._classify(orig)
        message = self._message(orig)
        return InsertionError(
            table_name=table,
            error_type=kind,
            message=message,
            database_message=message,
            constraint=constraint,
            column=named[0] if len(named) == 1 else None,
            columns=list(named),
            record={c: json_safe(v) for c, v in zip(columns, row, strict=False)},
        )

    def _message(self, exc: BaseException) -> str:
        """Dialect hook: the driver's error as one line."""
        return first_line(exc)

    def _classify(self, exc: Exception) -> Classification:
        """Dialect hook: error type, constraint name and the columns the driver's error names."""
        return ErrorType.OTHER, None, ()

    # ----- sequences ------------------------------------------------------------------

    def fix_sequences(self, table: str, columns: Sequence[str]) -> None:
        """SQLite and MySQL advance their counters past explicit ids by themselves."""


def _log_batch(
    table: str, number: int, size: int, began: float, before: tuple[int, int], tally: _Tally
) -> None:
    """One batch's statistics, for the debug log."""
    if log.isEnabledFor(logging.DEBUG):
        seconds = time.perf_counter() - began
        ok, failed = tally.inserted - before[0], tally.failed - before[1]
        log.debug(
            "batch %s #%d: %d rows in %.3fs, %d ok, %d failed", table, number, size, seconds, ok, failed
        )


# ----- helpers shared by the dialects ---------------------------------------------------


Chunk = Sequence[Row] | EncodedBatch


def _chunks(batches: Iterable[Chunk], size: int) -> Iterator[Chunk]:
    """Batches of rows re-cut to `size`; encoded ones as they come (cut where they were made)."""
    for batch in batches:
        if isinstance(batch, EncodedBatch):
            yield batch
        else:
            yield from rechunk([batch], size)


def rechunk(batches: Iterable[Sequence[Row]], size: int) -> Iterator[Sequence[Row]]:
    """Split oversized batches into pieces of at most `size`, streaming."""
    for batch in batches:
        if not isinstance(batch, Sequence):
            batch = list(batch)
        for start in range(0, len(batch), size):
            piece = batch[start : start + size]
            if piece:
                yield piece


def lost_connection(exc: BaseException, conn: Connection) -> Fault | None:
    """A CONNECTION_LOST fault when the driver's error is one SQLAlchemy's dialect reads as
    a disconnect."""
    dbapi_conn = conn.connection.dbapi_connection if not conn.closed and not conn.invalidated else None
    if conn.dialect.is_disconnect(exc, dbapi_conn, None):
        return Fault(FaultKind.CONNECTION_LOST, first_line(exc))
    return None


def _close_quietly(cursor: Any) -> None:
    """Close a cursor; on a dead connection that may fail too, and the first error counts."""
    with contextlib.suppress(Exception):  # the failure that stopped the run is the one to report
        cursor.close()


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
