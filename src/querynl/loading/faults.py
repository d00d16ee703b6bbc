"""Database failures that end a run, as opposed to a row the database rejects.

A rejected row (a key, a check, a bad value) is retried alone and reported; a fault (the
connection is gone, another writer holds the lock, a server limit stopped the statement) makes
every further statement fail too, so the run stops at once and is rolled back. Each dialect's
executor tells the two apart from its driver's error codes (`fault`); the batch that hit a
fault is named by `BatchFailed`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class FaultKind(Enum):
    """What stopped the run; the value is how the one-line error names it."""

    CONNECTION_LOST = "lost the connection to the database"
    LOCKED = "the database is locked by another writer"
    STATEMENT_TIMEOUT = "the server's statement timeout cancelled the statement"
    LOCK_TIMEOUT = "a lock held by another session was not released in time"
    DEADLOCK = "the server broke a deadlock by aborting this transaction"
    PACKET_TOO_LARGE = "a statement exceeded the server's max_allowed_packet"
    DISK_FULL = "the database ran out of disk space"
    OUT_OF_MEMORY = "the database ran out of memory"


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    detail: str  # the driver's message, one line (or what was waited for a lock)


class BatchFailed(Exception):
    """A fault while a batch was inserted: which table, which batch (1-based) and its rows."""

    def __init__(self, table: str, batch: int, first_row: int, rows: int, cause: BaseException) -> None:
        super().__init__(f"batch {batch} of {table}: {cause}")
        self.table = table
        self.batch = batch
        self.first_row = first_row  # 1-based number of the batch's first row in the table
        self.rows = rows
        self.cause = cause

    @property
    def where(self) -> str:
        last = self.first_row + self.rows - 1
        return f"batch {self.batch} of '{self.table}' (rows {self.first_row:,}-{last:,})"
