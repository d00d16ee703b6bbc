"""Real databases for tests: a fresh one per test (dropped afterwards), and ways to connect.

Servers come from QUERYNL_TEST_POSTGRES_URL / QUERYNL_TEST_MYSQL_URL (defaults: this
machine's loopback servers). A missing server skips its tests with the reason, unless
QUERYNL_REQUIRE_SERVERS=1 (set by .ci/run), where it is a failure.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine, make_url

from querynl.db.engine import normalize_url
from querynl.dialects import dialect_for

SERVER_URLS = {
    "postgresql": os.environ.get(
        "QUERYNL_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
    ),
    "mysql": os.environ.get("QUERYNL_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/mysql"),
}
DIALECTS = ("sqlite", "postgresql", "mysql")
_CREATE = {
    "postgresql": "CREATE DATABASE \"{}\" ENCODING 'UTF8' TEMPLATE template0",
    "mysql": "CREATE DATABASE `{}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
}
_DROP = {
    "postgresql": 'DROP DATABASE IF EXISTS "{}" WITH (FORCE)',
    "mysql": "DROP DATABASE IF EXISTS `{}`",
}
_counter = itertools.count()


def servers_required() -> bool:
    return os.environ.get("QUERYNL_REQUIRE_SERVERS") == "1"


def skip_or_fail(message: str) -> None:
    """Skip the test for a missing prerequisite; fail instead where servers are required."""
    if servers_required():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@contextmanager
def fresh_database(dialect: str, tmp_path, name: str | None = None) -> Iterator[str]:
    """Yield the URL (bare scheme, as a user types it) of a new empty database.
    `name` forces the database's name (a leftover of that name is dropped first)."""
    if dialect == "sqlite":
        yield f"sqlite:///{tmp_path / f'test{next(_counter)}.db'}"
        return
    name = name or f"qnl_{os.getpid()}_{next(_counter)}"
    admin = create_engine(normalize_url(SERVER_URLS[dialect]), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(_DROP[dialect].format(name)))
            conn.execute(text(_CREATE[dialect].format(name)))
    except Exception as exc:  # noqa: BLE001 - any connection failure means the server is missing
        admin.dispose()
        skip_or_fail(f"{dialect} server not available: {str(exc).splitlines()[0]}")
    try:
        yield make_url(SERVER_URLS[dialect]).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(_DROP[dialect].format(name)))
        admin.dispose()


def engine_for(url: str) -> Engine:
    return create_engine(normalize_url(url))


@contextmanager
def connected(url: str) -> Iterator[tuple[Engine, Connection]]:
    """A connection to `url`, its engine disposed afterwards (no pooled connection lingers
    to block the test database's DROP)."""
    engine = engine_for(url)
    try:
        with engine.connect() as conn:
            yield engine, conn
    finally:
        engine.dispose()


def q(engine: Engine, name: str) -> str:
    """`name` quoted as an identifier of the engine's database."""
    return engine.dialect.identifier_preparer.quote(name)


@contextmanager
def driver_connection(url: str) -> Iterator[Any]:
    """The driver's own connection (sqlite3, psycopg2, pymysql), committed when the block
    ends without error. No SQLAlchemy parameter handling: `%` and `:name` stay as written."""
    engine = engine_for(url)
    try:
        raw = engine.raw_connection()
        try:
            yield raw.driver_connection
            raw.commit()
        finally:
            raw.close()
    finally:
        engine.dispose()


def execute_statements(url: str, statements: Iterable[str]) -> None:
    """Run each statement as written (DDL with `%`, trigger bodies, ...) and commit."""
    with driver_connection(url) as conn:
        cursor = conn.cursor()
        try:
            for statement in statements:
                cursor.execute(statement)
        finally:
            cursor.close()


def executor_for(conn):
    """The connection's dialect's insertion executor, as the pipeline makes it."""
    return dialect_for(conn.dialect.name).executor(conn)


def sqlite_schema(path, statements: Iterable[str]):
    """The introspected schema of a new SQLite file at `path` made by `statements`."""
    from querynl.pipeline.generator import TestDataGenerator

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    try:
        return TestDataGenerator(engine).introspect()
    finally:
        engine.dispose()
