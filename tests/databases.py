"""Fresh real databases for tests: one per test, dropped afterwards.

Servers come from QUERYNL_TEST_POSTGRES_URL / QUERYNL_TEST_MYSQL_URL (defaults: this
machine's loopback servers). A missing server skips its tests with the reason, unless
QUERYNL_REQUIRE_SERVERS=1 (set by .ci/run), where it is a failure.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from querynl.db.engine import normalize_url
from querynl.dialects import dialect_for

SERVER_URLS = {
    "postgresql": os.environ.get(
        "QUERYNL_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
    ),
    "mysql": os.environ.get("QUERYNL_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/mysql"),
}
DIALECTS = ("sqlite", "postgresql", "mysql")
_counter = itertools.count()


def servers_required() -> bool:
    return os.environ.get("QUERYNL_REQUIRE_SERVERS") == "1"


def _unavailable(dialect: str, reason: str) -> None:
    message = f"{dialect} server not available: {reason}"
    if servers_required():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _admin_engine(dialect: str):
    return create_engine(normalize_url(SERVER_URLS[dialect]), isolation_level="AUTOCOMMIT")


@contextmanager
def fresh_database(dialect: str, tmp_path, name: str | None = None) -> Iterator[str]:
    """Yield the URL (bare scheme, as a user types it) of a new empty database.
    `name` forces the database's name (a leftover of that name is dropped first)."""
    if dialect == "sqlite":
        yield f"sqlite:///{tmp_path / f'test{next(_counter)}.db'}"
        return
    name = name or f"qnl_{os.getpid()}_{next(_counter)}"
    admin = _admin_engine(dialect)
    try:
        with admin.connect() as conn:
            _drop(conn, dialect, name)
            if dialect == "postgresql":
                conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
            else:
                conn.execute(text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"))
    except Exception as exc:  # noqa: BLE001 - any connection failure means the server is missing
        admin.dispose()
        _unavailable(dialect, str(exc).splitlines()[0])
    url = make_url(SERVER_URLS[dialect]).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            _drop(conn, dialect, name)
        admin.dispose()


def _drop(conn, dialect: str, name: str) -> None:
    if dialect == "postgresql":
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    else:
        conn.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))


def executor_for(conn):
    """The connection's dialect's insertion executor, as the pipeline makes it."""
    return dialect_for(conn.dialect.name).executor(conn)
