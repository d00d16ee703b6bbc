"""Engines: URL normalisation, driver choice and connection setup, each as the dialect says."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from querynl.dialects import dialect_for, dialect_for_url
from querynl.errors import ConnectionFailed
from querynl.redaction import redact_urls

DEFAULT_SQLITE_FILE = "querynl.db"


def normalize_url(raw: str) -> URL:
    """Parse an SQLAlchemy URL, giving bare schemes the project's drivers."""
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
        raise ConnectionFailed(
            f"Invalid database URL '{redact_urls(raw)}': {redact_urls(str(exc))}"
        ) from None
    dialect = dialect_for_url(url)
    if dialect is None:
        raise ConnectionFailed(f"Unsupported database '{url.get_backend_name()}' in URL")
    return dialect.normalize_url(url)


def default_url(folder: Path | None = None) -> str:
    path = (folder or Path.cwd()) / DEFAULT_SQLITE_FILE
    return f"sqlite:///{path}"


def make_engine(raw_url: str, busy_timeout: float | None = None) -> Engine:
    """An engine for the URL. `busy_timeout`: seconds to wait for another writer's lock
    (SQLite; None: the URL's `?timeout=` or the dialect's default). A pooled connection is
    pinged before use, so one the server dropped between commands is replaced."""
    url = normalize_url(raw_url)
    dialect = dialect_for_url(url)
    try:
        engine = create_engine(url, pool_pre_ping=True, connect_args=dialect.connect_args(url, busy_timeout))
    except (NoSuchModuleError, ArgumentError) as exc:
        raise ConnectionFailed(f"Cannot use database URL: {exc}") from None
    dialect_for(engine.dialect.name).configure_engine(engine)
    return engine


def busy_timeout(text: str) -> float:
    """A --busy-timeout value: seconds, at least 0."""
    seconds = float(text)
    if not seconds >= 0 or seconds == float("inf"):
        raise ValueError(f"not a number of seconds: {text}")
    return seconds


def check_connection(engine: Engine) -> None:
    """Connect once, turning any driver error into one readable line."""
    try:
        with engine.connect():
            pass
    except Exception as exc:  # noqa: BLE001 - every driver raises its own family
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise ConnectionFailed(f"Cannot connect to {engine.url.render_as_string()}: {reason}") from None
