"""MySQL/MariaDB: whole batches by `LOAD DATA LOCAL INFILE` from a TSV file QueryNL writes.

With LOCAL the server reads errors as warnings (IGNORE): duplicate keys and foreign key
orphans are skipped, long strings cut. So after each LOAD the loaded row count must equal
the batch's and the warning count must be 0; anything else is a row error, the batch rolls
back to its savepoint and the executor's row-by-row INSERT names the bad rows.

Only tables whose columns all have a type the TSV field writes exactly as the INSERT literal
does take this path; binary, BIT, spatial and any type not listed keep the INSERT.

PyMySQL sends whatever file the server names in its reply, after any statement, when the
connection's `local_infile` is on. Connections are opened with the capability (the server
allows LOCAL only to a client that asks) but with sending switched off; it is switched on
only while our own LOAD statement runs.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

LOAD_PATH = "LOAD DATA LOCAL INFILE (TSV)"
ROWS_PER_LOAD = 10_000  # rows per savepoint and file: measured, see ROWS_PER_LOAD's commit
# information_schema DATA_TYPEs whose values round-trip through a TSV field exactly as
# through an INSERT (tests/dialects/test_mysql_infile.py proves each one).
TSV_TYPES = frozenset(
    {
        *("tinyint", "smallint", "mediumint", "int", "bigint", "year"),
        *("decimal", "float", "double"),
        *("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set"),
        *("date", "time", "datetime", "timestamp"),
    }
)
_COLUMN_TYPES = (
    "SELECT c.COLUMN_NAME, c.DATA_TYPE FROM information_schema.COLUMNS c "
    "JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
    "WHERE c.TABLE_SCHEMA = COALESCE(%s, DATABASE()) AND c.TABLE_NAME = %s AND t.TABLE_TYPE = 'BASE TABLE'"
)
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "\\0"})
_TSV_SPECIAL = ("\\", "\t", "\n", "\r", "\0")


def tsv_plain(text: str) -> bool:
    """Whether the text is its own field (nothing in it to escape)."""
    return not any(special in text for special in _TSV_SPECIAL)


def tsv_escape(text: str) -> str:
    """A string as one field under ESCAPED BY '\\\\': \\N stays the two characters (not NULL)."""
    return text if tsv_plain(text) else text.translate(_TSV_ESCAPES)


def tsv_types_admitted(cursor: Any, location: tuple[str | None, str], columns: Sequence[str]) -> bool:
    """Whether `columns` of the base table all have a type the TSV writes exactly."""
    cursor.execute(_COLUMN_TYPES, location)
    types = {name.lower(): data_type.lower() for name, data_type in cursor.fetchall()}
    return all(types.get(column.lower()) in TSV_TYPES for column in columns)


def refusal(driver: Any, server_allows: Callable[[], bool]) -> str | None:
    """Why LOAD DATA LOCAL cannot be used on this PyMySQL connection, or None."""
    if not hasattr(driver, "_local_infile") or not driver.client_flag & _LOCAL_FILES:
        return "LOAD DATA LOCAL off in the client"
    if not server_allows():
        return "LOAD DATA LOCAL off on the server (local_infile)"
    return None


_LOCAL_FILES = 1 << 7  # PyMySQL's CLIENT.LOCAL_FILES capability flag


class TsvBatch(NamedTuple):
    """A batch as LOAD DATA reads it: its TSV text and how many rows it holds."""

    rows: int
    text: str


class InfileLoader:
    """Loads one batch (a TsvBatch) per LOAD DATA LOCAL INFILE statement into one table."""

    def __init__(self, statement: Callable[[str], str], driver: Any) -> None:
        self._statement = statement  # the LOAD statement for a file path
        self._driver = driver  # the PyMySQL connection

    def __call__(self, cursor: Any, batch: TsvBatch) -> None:
        descriptor, path = tempfile.mkstemp(prefix="querynl-", suffix=".tsv")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as file:
                file.write(batch.text)
            with self._sending():
                loaded = cursor.execute(self._statement(path))
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        cursor.execute("SELECT @@warning_count")
        warnings = int(cursor.fetchone()[0])
        if loaded != batch.rows or warnings:
            raise ValueError(f"LOAD DATA loaded {loaded} of {batch.rows} rows with {warnings} warnings")

    @contextlib.contextmanager
    def _sending(self) -> Iterator[None]:
        """The driver sends a file only while our statement runs."""
        self._driver._local_infile = True
        try:
            yield
        finally:
            self._driver._local_infile = False
