"""The insertion executors against real SQLite, PostgreSQL and MariaDB databases: what every
dialect must do alike. What only one dialect does is tested in tests/dialects/."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy.engine import Engine

from querynl.db.engine import make_engine
from querynl.errors import Cancelled
from querynl.models import CancellationToken, ErrorType
from tests.databases import executor_for
from tests.loading.support import HOSTILE, batches, count, ddl, fetch, insert, parent_child, raw_execute


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


# ----- 1. hostile strings ---------------------------------------------------------------


@pytest.mark.parametrize("path", ["literal", "bulk"])
def test_hostile_strings_round_trip(engine, path):
    """Session settings that change how literals are read are tested per dialect."""
    ddl(engine, "CREATE TABLE hostile (id INTEGER PRIMARY KEY, s TEXT)")
    rows = [(i, s) for i, s in enumerate(HOSTILE)]
    with engine.connect() as conn, conn.begin():
        insert(executor_for(conn), "hostile", ["id", "s"], rows, path)
        assert fetch(conn, "SELECT id, s FROM hostile ORDER BY id") == rows


def test_hostile_statement_is_one_statement(engine):
    with engine.connect() as conn:
        sql = executor_for(conn).build_insert_statement("t", ["s"], [(s,) for s in HOSTILE])
    assert sql.startswith("INSERT INTO ") and sql.endswith(";")


# ----- 2. non-string literals -----------------------------------------------------------

TYPE_DDL = {
    "sqlite": "i INTEGER, d NUMERIC(10,2), f REAL, b BOOLEAN, day DATE, ts TIMESTAMP, "
    "tz TIMESTAMP, n TEXT, bin BLOB, t TIME, span TEXT",
    "postgresql": "i INTEGER, d NUMERIC(10,2), f DOUBLE PRECISION, b BOOLEAN, day DATE, "
    "ts TIMESTAMP, tz TIMESTAMPTZ, n TEXT, bin BYTEA, t TIME, span INTERVAL",
    "mysql": "i INTEGER, d DECIMAL(10,2), f DOUBLE, b BOOLEAN, day DATE, ts DATETIME(6), "
    "tz DATETIME(6), n TEXT, bin LONGBLOB, t TIME(6), span TIME(6)",
}
TYPE_COLUMNS = ["id", "i", "d", "f", "b", "day", "ts", "tz", "n", "bin", "t", "span"]
PLUS_TWO = dt.timezone(dt.timedelta(hours=2))
TYPE_ROW = (
    1,
    -7,
    Decimal("12.34"),
    1.5,
    True,
    dt.date(2024, 1, 2),
    dt.datetime(2024, 1, 2, 3, 4, 5, 123456),
    dt.datetime(2024, 1, 2, 12, 0, 0, tzinfo=PLUS_TWO),
    None,
    b"\x00\x01\xff'\\\"%",
    dt.time(23, 59, 58, 5),
    dt.timedelta(hours=26, minutes=3, microseconds=5),
)
EXPECTED = {
    "sqlite": (
        1,
        -7,
        12.34,
        1.5,
        1,
        "2024-01-02",
        "2024-01-02 03:04:05.123456",
        "2024-01-02 10:00:00",
        None,
        TYPE_ROW[9],
        "23:59:58.000005",
        "26:03:00.000005",
    ),
    "postgresql": TYPE_ROW,
    "mysql": (
        *TYPE_ROW[:4],
        1,
        *TYPE_ROW[5:7],
        dt.datetime(2024, 1, 2, 10, 0, 0),
        None,
        TYPE_ROW[9],
        dt.timedelta(hours=23, minutes=59, seconds=58, microseconds=5),
        TYPE_ROW[11],
    ),
}


@pytest.mark.parametrize("path", ["literal", "bulk"])
def test_typed_values_round_trip(engine, dialect, path):
    ddl(engine, f"CREATE TABLE typed (id INTEGER PRIMARY KEY, {TYPE_DDL[dialect]})")
    with engine.connect() as conn, conn.begin():
        insert(executor_for(conn), "typed", TYPE_COLUMNS, [TYPE_ROW], path)
        (row,) = fetch(conn, f"SELECT {', '.join(TYPE_COLUMNS)} FROM typed")
    row = tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
    assert row == EXPECTED[dialect]


# ----- 3. bad rows among good ones ------------------------------------------------------


def test_bad_rows_are_isolated_and_classified(engine, dialect):
    parent_child(engine)
    good = [(i, f"user{i}@example.com", 1 + i % 3) for i in range(1, 2501)]
    duplicate = (5000, "user7@example.com", 1)
    orphan = (5001, "orphan@example.com", 999)
    rows = good[:1200] + [duplicate] + good[1200:2000] + [orphan] + good[2000:]
    seen: list[int] = []
    with engine.connect() as conn, conn.begin():
        result = executor_for(conn).execute_insertion(
            "child",
            ["id", "email", "parent_id"],
            batches(rows, 1500),
            requested=len(rows),
            on_rows=seen.append,
        )
        ids = [r[0] for r in fetch(conn, "SELECT id FROM child ORDER BY id")]
    assert (result.table_name, result.requested) == ("child", 2502)
    assert (result.inserted, result.failed) == (2500, 2)
    # Rows per savepoint: 1,000 on PostgreSQL; 10,000 on SQLite and MySQL's LOAD DATA.
    assert sum(seen) == 2502 and seen == ([1000, 500, 1000, 2] if dialect == "postgresql" else [1500, 1002])
    assert ids == [r[0] for r in good]
    unique, fk = result.errors
    assert unique.error_type is ErrorType.UNIQUE_VIOLATION
    assert "email" in f"{unique.column} {unique.constraint}"
    assert unique.record == {"id": 5000, "email": "user7@example.com", "parent_id": 1}
    assert fk.error_type is ErrorType.FOREIGN_KEY_VIOLATION
    assert fk.record["parent_id"] == 999 and fk.message and not fk.message.startswith("(")
    if dialect != "sqlite":  # SQLite names neither the constraint nor the column
        assert fk.column == "parent_id" and fk.constraint


def test_not_null_check_and_data_errors_are_classified(engine, dialect):
    strict = " STRICT" if dialect == "sqlite" and sqlite3.sqlite_version_info >= (3, 37) else ""
    ddl(
        engine,
        "CREATE TABLE rules (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        f"qty INTEGER, CONSTRAINT positive_qty CHECK (qty > 0)){strict}",
    )
    rows = [(1, "ok", 1), (2, None, 1), (3, "neg", -1), (4, "text", "abc"), (5, "ok", 2)]
    with engine.connect() as conn, conn.begin():
        result = executor_for(conn).execute_insertion("rules", ["id", "name", "qty"], [rows], requested=5)
    assert (result.inserted, result.failed) == (2, 3)
    not_null, check, data = result.errors
    assert (not_null.error_type, not_null.column) == (ErrorType.NOT_NULL_VIOLATION, "name")
    assert (check.error_type, check.constraint) == (ErrorType.CHECK_VIOLATION, "positive_qty")
    if strict or dialect != "sqlite":
        assert data.error_type is ErrorType.DATA_ERROR


def test_errors_are_capped_but_all_counted(engine):
    parent_child(engine)
    rows = [(i, "same@example.com", 1) for i in range(1, 152)]
    with engine.connect() as conn, conn.begin():
        executor = executor_for(conn)
        executor.max_errors = 100
        result = executor.execute_insertion("child", ["id", "email", "parent_id"], [rows], requested=151)
    assert (result.inserted, result.failed, len(result.errors)) == (1, 150, 100)


# ----- 4, 5. cancellation and the outer transaction ------------------------------------


def test_cancelled_token_raises_and_rollback_leaves_nothing(engine):
    parent_child(engine)
    token = CancellationToken()
    token.cancel()
    with engine.connect() as conn:
        trans = conn.begin()
        with pytest.raises(Cancelled):
            executor_for(conn).execute_insertion(
                "child", ["id", "email", "parent_id"], [[(1, "a", 1)]], requested=1, cancel=token
            )
        trans.rollback()
    assert count(engine, "child") == 0


def test_cancel_between_batches(engine):
    parent_child(engine)
    token = CancellationToken()
    rows = [(i, f"u{i}", 1) for i in range(1, 31)]
    with engine.connect() as conn:
        trans = conn.begin()
        executor = executor_for(conn)
        with pytest.raises(Cancelled):
            executor.execute_insertion(
                "child",
                ["id", "email", "parent_id"],
                batches(rows, 10),
                requested=30,
                cancel=token,
                on_rows=lambda n: token.cancel(),
            )
        assert fetch(conn, "SELECT COUNT(*) FROM child") == [(10,)]
        trans.rollback()
    assert count(engine, "child") == 0


@pytest.mark.parametrize("commit", [False, True])
def test_savepoints_leave_the_outer_transaction_in_charge(engine, commit):
    parent_child(engine)
    rows = [(1, "a", 1), (2, "a", 1), (3, "b", 404), (4, "c", 2)]
    with engine.connect() as conn:
        trans = conn.begin()
        result = executor_for(conn).execute_insertion(
            "child", ["id", "email", "parent_id"], [rows], requested=4
        )
        assert (result.inserted, result.failed) == (2, 2)
        trans.commit() if commit else trans.rollback()
    assert count(engine, "child") == (2 if commit else 0)


# ----- 6. identifiers -------------------------------------------------------------------


@pytest.mark.parametrize("path", ["literal", "bulk"])
def test_identifiers_needing_quotes(engine, path):
    columns = ["select", "pct%", 'dq"', "bt`"]
    with engine.begin() as conn:
        executor = executor_for(conn)
        defs = ", ".join(f"{executor.quote_identifier(c)} TEXT" for c in columns)
        table = executor.quote_identifier("order details")
        raw_execute(conn, f"CREATE TABLE {table} ({defs})")  # '%' must not be doubled here
    rows = [("a", "100%", "%s", "x"), ("b", None, "'", "y")]
    with engine.connect() as conn, conn.begin():
        insert(executor_for(conn), "order details", columns, rows, path)
        selected = ", ".join(executor.quote_identifier(c) for c in columns)
        got = fetch(conn, f"SELECT {selected} FROM {table} ORDER BY 1")
    assert got == rows


# ----- 7. sequences ---------------------------------------------------------------------


def test_fix_sequences_on_an_empty_table_is_a_no_op(engine):
    ddl(engine, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
    with engine.connect() as conn, conn.begin():
        executor_for(conn).fix_sequences("t", ["id", "name"])


# ----- the registry ----------------------------------------------------------------------


def test_each_connection_gets_its_own_dialects_executor(engine, dialect):
    with engine.connect() as conn:
        executor = executor_for(conn)
    assert executor.dialect == dialect
    assert executor.codec.dialect == dialect
