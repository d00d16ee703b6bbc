"""The databases under test: reachability, server version, and a fresh database per measurement."""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

_counter = itertools.count(1)

DEFAULT_URLS = {
    "postgresql": "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres",
    "mysql": "mysql+pymysql://root@127.0.0.1:3306/mysql",
}


class Server:
    """One database kind. ``fresh()`` yields the URL of a new, empty database, dropped after."""

    name = "?"

    def probe(self) -> str:
        """Return the server version, or raise with a readable reason."""
        raise NotImplementedError

    @contextmanager
    def fresh(self) -> Iterator[str]:
        raise NotImplementedError
        yield ""


class SQLiteServer(Server):
    name = "sqlite"

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir

    def probe(self) -> str:
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version} (file in {self.workdir})"

    @contextmanager
    def fresh(self) -> Iterator[str]:
        path = self.workdir / f"bench_{os.getpid()}_{next(_counter)}.db"
        try:
            yield f"sqlite:///{path}"
        finally:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)


class _NetworkServer(Server):
    def __init__(self, admin_url: str) -> None:
        self.admin_url: URL = make_url(admin_url)

    def _engine(self):
        return create_engine(
            self.admin_url,
            isolation_level="AUTOCOMMIT",
            connect_args={"connect_timeout": 5},
            poolclass=NullPool,
        )

    def probe(self) -> str:
        engine = self._engine()
        try:
            with engine.connect() as conn:
                version = str(conn.execute(text(self.version_sql)).scalar())
                settings = ", ".join(
                    f"{row[0]}={row[1]}" for row in conn.execute(text(self.settings_sql)).fetchall()
                )
                return f"{version} ({settings})" if settings else version
        finally:
            engine.dispose()

    def url_for(self, database: str) -> str:
        return self.admin_url.set(database=database).render_as_string(hide_password=False)

    @contextmanager
    def fresh(self) -> Iterator[str]:
        database = f"qnl_bench_{os.getpid()}_{next(_counter)}"
        engine = self._engine()
        try:
            with engine.connect() as conn:
                conn.execute(text(f"CREATE DATABASE {database}"))
            yield self.url_for(database)
        finally:
            with engine.connect() as conn:
                conn.execute(text(self.drop_sql.format(database)))
            engine.dispose()


class PostgresServer(_NetworkServer):
    name = "postgresql"
    version_sql = "SELECT version()"
    drop_sql = "DROP DATABASE IF EXISTS {} WITH (FORCE)"
    settings_sql = (
        "SELECT name, current_setting(name) FROM pg_settings "
        "WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync') ORDER BY name"
    )


class MySQLServer(_NetworkServer):
    name = "mysql"
    version_sql = "SELECT CONCAT(@@version_comment, ' ', VERSION())"
    drop_sql = "DROP DATABASE IF EXISTS {}"
    settings_sql = (
        "SELECT 'innodb_buffer_pool_size', @@innodb_buffer_pool_size "
        "UNION ALL SELECT 'innodb_flush_log_at_trx_commit', @@innodb_flush_log_at_trx_commit "
        "UNION ALL SELECT 'local_infile', @@local_infile"
    )


def make_servers(names: list[str], postgres_url: str, mysql_url: str) -> list[Server]:
    known = {
        "sqlite": lambda: SQLiteServer(Path(tempfile.mkdtemp(prefix="querynl-bench-"))),
        "postgresql": lambda: PostgresServer(postgres_url),
        "mysql": lambda: MySQLServer(mysql_url),
    }
    return [known[n]() for n in names]


def querynl_url(url: str) -> str:
    """The URL as a user would type it: bare scheme, so querynl picks its own drivers."""
    parsed = make_url(url)
    bare = parsed.set(drivername=parsed.get_backend_name())
    return bare.render_as_string(hide_password=False)
