"""Per-dialect insertion executors: only what differs between the databases."""

from __future__ import annotations

from querynl.schema_design.dialects.mysql import MySQLInsertionExecutor
from querynl.schema_design.dialects.postgresql import PostgreSQLInsertionExecutor
from querynl.schema_design.dialects.sqlite import SQLiteInsertionExecutor

EXECUTORS = {
    "sqlite": SQLiteInsertionExecutor,
    "postgresql": PostgreSQLInsertionExecutor,
    "mysql": MySQLInsertionExecutor,
}

__all__ = [
    "EXECUTORS",
    "MySQLInsertionExecutor",
    "PostgreSQLInsertionExecutor",
    "SQLiteInsertionExecutor",
]
