"""A `querynl seed` run in the background, and what a fault test does to it from outside: see
that its transaction has written, find its session, kill it, hold a lock against it, and
compare every table before and after.

Each database shows a run's uncommitted writes its own way, so the helpers below branch on
the dialect (tests may; src/ may not).
"""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.databases import connected
from tests.integrity import cli_env, table_contents

CANCELLING = "Operation cancelled by user. Rolling back changes..."
ROLLED_BACK = "Operation cancelled. All changes rolled back; nothing was written."
ABORTED = "Aborted. Nothing was committed."
NOTHING_WRITTEN = "Operation cancelled by user. Nothing was written."
WRITTEN_BYTES = 1 << 20  # what a run has written (uncommitted) before a test interrupts it
WRITTEN_ROWS = 5_000  # the same on MariaDB, in rows (InnoDB counts them per transaction)


class SeedProcess:
    """`querynl seed URL REQUEST --yes --json ARGS` in the background, its stderr collected
    line by line; `interrupt_on(text)` sends SIGINT the moment a line holding `text` is read."""

    def __init__(self, url: str, request: str, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "querynl", "seed", url, request, "--yes", "--json", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(160),
        )
        self.stderr_lines: list[str] = []
        self._trigger: str | None = None
        self.triggered = threading.Event()
        self._reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._reader.start()

    def _read_stderr(self) -> None:
        for line in self.proc.stderr:
            if self._trigger is not None and self._trigger in line and not self.triggered.is_set():
                self.proc.send_signal(signal.SIGINT)
                self.triggered.set()
            self.stderr_lines.append(line)

    @property
    def stderr(self) -> str:
        return "".join(self.stderr_lines)

    output = stderr

    def wait_for_stderr(self, text: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.stderr:
            assert self.proc.poll() is None, f"exited early ({self.proc.returncode}): {self.stderr}"
            assert time.monotonic() < deadline, f"no {text!r} on stderr: {self.stderr}"
            time.sleep(0.02)

    def interrupt(self) -> None:
        assert self.proc.poll() is None, "the run finished before it could be interrupted"
        self.proc.send_signal(signal.SIGINT)

    def interrupt_on(self, text: str) -> None:
        """SIGINT as soon as a stderr line holds `text` (sent by the reader thread)."""
        self._trigger = text

    def finish(self, timeout: float = 90) -> tuple[int, str]:
        try:
            self.proc.wait(timeout=timeout)
            stdout = self.proc.stdout.read()
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(timeout=5)
        return self.proc.returncode, stdout


def checksums(url: str) -> dict[str, str]:
    """Every table's rows, in a canonical order, hashed."""
    return {
        table: hashlib.sha256(repr(rows).encode()).hexdigest() for table, rows in table_contents(url).items()
    }


def dialect_of(url: str) -> str:
    return make_url(url).get_backend_name()


def database_name(url: str) -> str:
    return make_url(url).database


def sqlite_path(url: str) -> Path:
    return Path(make_url(url).database)


def written(url: str, baseline: int) -> int | None:
    """The session id of the run's transaction once it has written enough (None before):
    PostgreSQL's backend pid, MariaDB's connection id; SQLite: 0."""
    dialect = dialect_of(url)
    if dialect == "sqlite":
        path = sqlite_path(url)
        journal = path.with_name(path.name + "-journal")
        grown = path.stat().st_size >= baseline + WRITTEN_BYTES
        return 0 if journal.exists() and grown else None
    with connected(url) as (_, conn):
        if dialect == "postgresql":
            pid = conn.execute(_PG_WRITER, {"db": database_name(url)}).scalar()
            return pid if pid is not None and _pg_size(conn) >= baseline + WRITTEN_BYTES else None
        return conn.execute(_MY_WRITER, {"db": database_name(url), "rows": WRITTEN_ROWS}).scalar()


def baseline(url: str) -> int:
    """What `written` compares with: the database's size before the run (MariaDB: 0 rows)."""
    dialect = dialect_of(url)
    if dialect == "sqlite":
        return sqlite_path(url).stat().st_size
    if dialect == "mysql":
        return 0
    with connected(url) as (_, conn):
        return _pg_size(conn)


def wait_until_written(run: Any, url: str, timeout: float = 90) -> int:
    """Poll the database until the run's open transaction has written; its session id.
    `run`: a SeedProcess, a ReplPipe or a pexpect spawn (the REPL on a terminal)."""
    start = baseline(url)
    deadline = time.monotonic() + timeout
    alive = run.isalive if hasattr(run, "isalive") else lambda: run.proc.poll() is None
    while (session := written(url, start)) is None:
        assert alive(), f"exited early: {getattr(run, 'output', '')}"
        assert time.monotonic() < deadline, f"the run wrote nothing: {getattr(run, 'output', '')}"
        time.sleep(0.02)
    return session


def kill_session(url: str, session: int) -> None:
    """End the run's connection from outside: pg_terminate_backend, MariaDB's KILL."""
    with connected(url) as (engine, conn):
        if engine.dialect.name == "postgresql":
            assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": session}).scalar()
        else:
            conn.exec_driver_sql(f"KILL {int(session)}")


@contextmanager
def sqlite_writer(url: str) -> Iterator[None]:
    """Another process's open write transaction on the file (BEGIN IMMEDIATE), as long as
    the block runs."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(sqlite_path(url))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


_HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""
_PG_WRITER = text(
    "SELECT pid FROM pg_stat_activity WHERE datname = :db AND application_name = 'querynl'"
    " AND backend_xid IS NOT NULL"
)
_MY_WRITER = text(
    "SELECT p.ID FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p"
    " ON p.ID = t.trx_mysql_thread_id WHERE p.DB = :db AND t.trx_rows_modified >= :rows"
)


def _pg_size(conn) -> int:  # noqa: ANN001
    return conn.exec_driver_sql(
        "SELECT COALESCE(SUM(pg_relation_size(c.oid)), 0) FROM pg_class c"
        " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"
    ).scalar_one()


def journal_path(url: str) -> Path:
    path = sqlite_path(url)
    return path.with_name(path.name + "-journal")


def sqlite_hot_journal(url: str) -> bool:
    """A journal a crashed writer left: the next connection that reads rolls it back."""
    return journal_path(url).exists() and journal_path(url).stat().st_size > 0


def read_once(url: str) -> None:
    """Open the SQLite file and read it (what rolls a hot journal back)."""
    conn = sqlite3.connect(sqlite_path(url))
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


class ReplPipe:
    """The REPL on piped stdin (`python -m querynl URL`), its stdout collected as it comes."""

    def __init__(self, url: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "querynl", url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=cli_env(160),
        )
        self._chunks: list[bytes] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while chunk := self.proc.stdout.read1(65536):
            self._chunks.append(chunk)

    @property
    def output(self) -> str:
        return b"".join(self._chunks).decode("utf-8", "replace")

    def send(self, *lines: str) -> None:
        self.proc.stdin.write("".join(line + "\n" for line in lines).encode())
        self.proc.stdin.flush()

    def wait_for(self, text: str, after: int = 0, timeout: float = 90) -> int:
        """Wait until `text` is in the output past position `after`; the position past it."""
        deadline = time.monotonic() + timeout
        while (found := self.output.find(text, after)) < 0:
            assert self.proc.poll() is None, f"exited early ({self.proc.returncode}): {self.output}"
            assert time.monotonic() < deadline, f"no {text!r} in: {self.output[after:]}"
            time.sleep(0.02)
        return found + len(text)

    def interrupt(self) -> None:
        self.proc.send_signal(signal.SIGINT)

    def quit(self, timeout: float = 90) -> int:
        self.send("\\q")
        self.proc.stdin.close()
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self._reader.join(timeout=5)


def assert_clean(output: str) -> None:
    """No traceback, no driver printout, no exception the interpreter ignored."""
    for junk in ("Traceback", "Exception ignored", "psycopg2.", "pymysql.", "sqlite3.", "Error: Error"):
        assert junk not in output, output
