"""Each dialect tells a fault that ends a run from an error of the statement's rows, by its
driver's real errors (provoked on real databases, never built by hand)."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError

from querynl.db.engine import make_engine
from querynl.dialects import dialect_for
from querynl.loading.faults import FaultKind
from tests.cli.runs import sqlite_writer
from tests.databases import execute_statements, fresh_database


def _error(conn, statement: str) -> BaseException:  # noqa: ANN001
    with pytest.raises(DBAPIError) as caught:
        conn.exec_driver_sql(statement)
    return caught.value


def test_a_duplicate_key_is_no_fault(dialect, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        execute_statements(url, ["CREATE TABLE t (id INTEGER PRIMARY KEY)", "INSERT INTO t VALUES (1)"])
        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                error = _error(conn, "INSERT INTO t VALUES (1)")
                assert dialect_for(conn.dialect.name).fault(error, conn) is None
        finally:
            engine.dispose()


def test_sqlite_another_writer_is_a_lock_and_says_how_long_it_waited(tmp_path):
    url = f"sqlite:///{tmp_path / 'locked.db'}"
    execute_statements(url, ["CREATE TABLE t (id INTEGER PRIMARY KEY)"])
    engine = make_engine(url, busy_timeout=0.2)
    try:
        with sqlite_writer(url), engine.connect() as conn:
            dialect = dialect_for(conn.dialect.name)
            with pytest.raises(DBAPIError) as caught:
                dialect.begin_write(conn)
            fault = dialect.fault(caught.value, conn)
        assert fault is not None and fault.kind is FaultKind.LOCKED
        assert fault.detail == "waited 0.2 s"
    finally:
        engine.dispose()


def test_postgresql_statement_timeout_and_terminated_backend(tmp_path):
    with fresh_database("postgresql", tmp_path) as url:
        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                dialect = dialect_for(conn.dialect.name)
                conn.exec_driver_sql("SET statement_timeout = 50")
                timeout = dialect.fault(_error(conn, "SELECT pg_sleep(2)"), conn)
                conn.rollback()
                assert timeout is not None and timeout.kind is FaultKind.STATEMENT_TIMEOUT
                lost = dialect.fault(_error(conn, "SELECT pg_terminate_backend(pg_backend_pid())"), conn)
                assert lost is not None and lost.kind is FaultKind.CONNECTION_LOST
        finally:
            engine.dispose()


def test_mysql_killed_connection_and_lock_wait_timeout(tmp_path):
    with fresh_database("mysql", tmp_path) as url:
        execute_statements(url, ["CREATE TABLE t (id INTEGER PRIMARY KEY)", "INSERT INTO t VALUES (1)"])
        engine = make_engine(url)
        try:
            with engine.connect() as holder, engine.connect() as conn:
                dialect = dialect_for(conn.dialect.name)
                holder.exec_driver_sql("BEGIN")
                holder.exec_driver_sql("UPDATE t SET id = 1 WHERE id = 1")
                conn.exec_driver_sql("SET SESSION innodb_lock_wait_timeout = 1")
                waited = dialect.fault(_error(conn, "UPDATE t SET id = 1 WHERE id = 1"), conn)
                assert waited is not None and waited.kind is FaultKind.LOCK_TIMEOUT
                holder.rollback()
                killed = dialect.fault(_error(conn, "KILL CONNECTION_ID()"), conn)
                assert killed is not None and killed.kind is FaultKind.CONNECTION_LOST
        finally:
            engine.dispose()
