"""The log: where it goes (`--log-file FILE`, else stderr), how much (`QUERYNL_LOG_LEVEL`), and
that no secret reaches it (a redacting filter on every handler).

At DEBUG it holds the plan (as JSON), each batch's statistics, the key pools' sizes and, from
an LLM planner, its prompt and answer. A normal run logs warnings only, on stderr, one line
each; a log file gets DEBUG unless QUERYNL_LOG_LEVEL says otherwise.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from querynl.errors import RequestError
from querynl.redaction import RedactingFilter, redact

LEVEL_VARIABLE = "QUERYNL_LOG_LEVEL"
LEVELS = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING}
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_level(log_file: Path | None) -> int:
    """QUERYNL_LOG_LEVEL's level; unset: DEBUG for a log file, WARNING on stderr."""
    raw = os.environ.get(LEVEL_VARIABLE, "").strip()
    if not raw:
        return logging.DEBUG if log_file is not None else logging.WARNING
    level = LEVELS.get(raw.upper())
    if level is None:
        raise RequestError(f"{LEVEL_VARIABLE} must be one of {', '.join(LEVELS)}, not '{redact(raw)}'")
    return level


def configure_logging(log_file: Path | None, url: str | None) -> None:
    """Send QueryNL's log to `log_file` or stderr at the chosen level; `url`'s password is
    masked wherever it would appear. Other libraries log their warnings only."""
    redact.register_url(url)
    level = log_level(log_file)
    handler = _file_handler(log_file) if log_file is not None else _console_handler()
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logging.getLogger("querynl").setLevel(level)


def _file_handler(path: Path) -> logging.Handler:
    try:
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as exc:
        raise RequestError(f"Cannot write the log file {path}: {exc.strerror}") from None
    handler.setFormatter(logging.Formatter(FORMAT))
    return handler


class _OneLine(logging.Formatter):
    """The console gets one line per record: never a traceback (the log file keeps them)."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname}: {record.name}: {record.getMessage()}"


def _console_handler() -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    return handler
