"""Engines: URL normalisation, driver choice and per-dialect connection setup."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from querynl.errors import ConnectionFailed

DEFAULT_SQLITE_FILE = "querynl.db"

# Bare schemes use the design's drivers (SQLAlchemy 2.1 would pick psycopg 3 for postgresql://).
_DRIVERS = {
    "postgresql": "postgresql+psycopg2",
    "postgres": "postgresql+psycopg2",
    "mysql": "mysql+pymysql",
    "mariadb": "mysql+pymysql",
    "sqlite": "sqlite",
}


def normalize_url(raw: str) -> URL:
    """Parse an SQLAlchemy URL, giving bare schemes the project's drivers."""
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise ConnectionFailed(f"Invalid database URL '{raw}': {exc}") from None
    if url.drivername in _DRIVERS:
        url = url.set(drivername=_DRIVERS[url.drivername])
    if url.get_backend_name() == "mysql" and "charset" not in url.query:
        url = url.update_query_dict({"charset": "utf8mb4"})
    if url.get_backend_name() not in ("sqlite", "postgresql", "mysql"):
        raise ConnectionFailed(f"Unsupported database '{url.get_backend_name()}' in URL")
    return url


def default_url(folder: Path | None = None) -> str:
    path = (folder or Path.cwd()) / DEFAULT_SQLITE_FILE
    return f"sqlite:///{path}"


def make_engine(raw_url: str) -> Engine:
    url = normalize_url(raw_url)
    try:
        engine = create_engine(url)
    except (NoSuchModuleError, ArgumentError) as exc:
        raise ConnectionFailed(f"Cannot use database URL: {exc}") from None
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def check_connection(engine: Engine) -> None:
    """Connect once, turning any driver error into one readable line."""
    try:
        with engine.connect():
            pass
    except Exception as exc:  # noqa: BLE001 - every driver raises its own family
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise ConnectionFailed(f"Cannot connect to {engine.url.render_as_string()}: {reason}") from None


def _configure_sqlite(engine: Engine) -> None:
    """Foreign keys on, and transactions under our control so SAVEPOINT works.

    pysqlite's own transaction handling defers BEGIN and breaks savepoints; the recipe from
    SQLAlchemy's SQLite dialect documentation hands control back to SQLAlchemy.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # noqa: ANN001
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        conn.exec_driver_sql("BEGIN")
