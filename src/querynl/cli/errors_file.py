"""The failed-rows file (`querynl seed --errors-out FILE`, the REPL's offer): JSON lines, one
per failed row: table, constraint, columns, error type, message, the database's message and
the record. Opened before the run, so a path that cannot be written fails before anything is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from querynl.errors import RequestError
from querynl.models import InsertionError, InsertionResult
from querynl.redaction import redact


def open_errors_file(path: Path) -> TextIO:
    try:
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        raise RequestError(f"Cannot write {path}: {exc.strerror}") from None


def failed_row_line(error: InsertionError) -> str:
    """One failed row as a JSON object on one line (secrets masked, row values as they are)."""
    line = {
        "table": error.table_name,
        "constraint": error.constraint,
        "columns": error.columns,
        "error_type": error.error_type.value,
        "message": error.message,
        "database_message": error.database_message,
        "record": error.record,
    }
    return redact(json.dumps(line, ensure_ascii=False, default=str))


def write_failed_rows(file: TextIO, result: InsertionResult) -> int:
    """Write every failed row kept by the run; the number written."""
    errors = result.errors
    for error in errors:
        file.write(failed_row_line(error) + "\n")
    return len(errors)


def save_failed_rows(path: Path, result: InsertionResult) -> int:
    """The REPL's offer: write the file now."""
    with open_errors_file(path) as file:
        return write_failed_rows(file, result)
