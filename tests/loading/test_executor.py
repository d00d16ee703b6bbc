"""The per-dialect INSERT executors against real SQLite, PostgreSQL and MariaDB databases."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy.engine import Connection, Engine

from querynl.db.engine import make_engine
from querynl.dialects.mysql import MySQLInsertionExecutor
from querynl.dialects.postgresql import PostgreSQLInsertionExecutor
from querynl.dialects.sqlite import SQLiteInsertionExecutor
from querynl.errors import Cancelled
from querynl.loading.executor import BaseInsertionExecutor
from querynl.models import CancellationToken, ErrorType
from tests.databases import executor_for

HOSTILE = [
    "O'Brien",
    "back\\slash",
    "\\'",
    "100%",
    "%s",
    "%(x)s",
    "line1\nline2\r\n\ttab",
    "é中文😀",
    "'); DROP TABLE users;--",
    '"double"',
    "\\\\n",
    "`tick`",
    "x\\",
    "''",
    "\\",
    "{a,b}",
    "",
    "tab\there",
    "\\n",
    "back\\nslash-n",
    "\\N",
    "\\.",
    "\\t\\r\\0",
    "\x01\x1a\x7f\u2028",
    "日本語 ünïcödé 🚀",
]
MYSQL_TABLE = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def ddl(engine: Engine, *statements: str) -> None:
    suffix = MYSQL_TABLE if engine.dialect.name == "mysql" else ""
    with engine.begin() as conn:
        for statement in statements:
            is_table = statement.lstrip().upper().startswith("CREATE TABLE")
            conn.exec_driver_sql(statement + (suffix if is_table else ""))


def raw_execute(conn: Connection, sql: str) -> None:
    """Run literal SQL through the DBAPI cursor, with no parameters at all."""
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql)
    finally:
        cursor.close()


def fetch(conn: Connection, sql: str) -> list[tuple]:
    """Rows of a query run through the DBAPI cursor with no parameters."""
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql)
        return [tuple(r) for r in cursor.fetchall()]
    finally:
        cursor.close()


def count(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        quoted = conn.dialect.identifier_preparer.quote_identifier(table)
        return conn.exec_driver_sql(f"SELECT COUNT(*) FROM {quoted}").scalar()


def insert(executor: BaseInsertionExecutor, table: str, columns, rows, path: str, **kw):
    if path == "literal":
        raw_execute(executor.conn, executor.build_insert_statement(table, columns, rows, **kw))
        return None
    result = executor.execute_insertion(table, columns, [rows], requested=len(rows), **kw)
    assert (result.inserted, result.failed) == (len(rows), 0), result.errors
    return result


# ----- 1. hostile strings ---------------------------------------------------------------


SESSION_MODES = {
    "default": (None, None),
    "no_backslash_escapes": (
        "mysql",
        "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')",
    ),
    "standard_conforming_strings_off": (
        "postgresql",
        "SET standard_conforming_strings = off",
    ),
}


@pytest.mark.parametrize("path", ["literal", "bulk"])
@pytest.mark.parametrize("mode", list(SESSION_MODES))
def test_hostile_strings_round_trip(engine, dialect, path, mode):
    mode_dialect, setting = SESSION_MODES[mode]
    if mode_dialect not in (None, dialect):
        pytest.skip(f"{mode} is a {mode_dialect} setting")
    ddl(engine, "CREATE TABLE hostile (id INTEGER PRIMARY KEY, s TEXT)")
    rows = [(i, s) for i, s in enumerate(HOSTILE)]
    with engine.connect() as conn, conn.begin():
        if setting:
            conn.exec_driver_sql(setting)  # before the executor is made
        executor = executor_for(conn)
        if dialect == "mysql":
            assert executor.backslash_escapes is (mode == "default")
        insert(executor, "hostile", ["id", "s"], rows, path)
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


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), Decimal("NaN")])
def test_non_finite_numbers_are_rejected(engine, bad):
    with engine.connect() as conn, pytest.raises(ValueError):
        executor_for(conn).escape_value(bad)


def test_decimal_has_no_exponent(engine):
    with engine.connect() as conn:
        assert executor_for(conn).escape_value(Decimal("1E+3")) == "1000"


@pytest.mark.parametrize("path", ["literal", "bulk"])
def test_postgresql_arrays(engine, dialect, path):
    if dialect != "postgresql":
        pytest.skip("arrays are PostgreSQL only")
    ddl(engine, "CREATE TABLE arr (id INTEGER PRIMARY KEY, n INT[], d DATE[], u UUID[], s TEXT[])")
    uuid = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
    row = (1, [1, None, 3], [dt.date(2024, 1, 2)], [uuid], [*HOSTILE, None])
    with engine.connect() as conn, conn.begin():
        insert(executor_for(conn), "arr", ["id", "n", "d", "u", "s"], [row], path)
        (got,) = fetch(conn, "SELECT id, n, d, u::text[], s FROM arr")
    assert got == row


# ----- 3. bad rows among good ones ------------------------------------------------------


def _parent_child(engine: Engine) -> None:
    ddl(
        engine,
        "CREATE TABLE parent (id INTEGER PRIMARY KEY)",
        "CREATE TABLE child (id INTEGER PRIMARY KEY, email VARCHAR(100) UNIQUE, "
        "parent_id INTEGER, FOREIGN KEY (parent_id) REFERENCES parent (id))",
        "INSERT INTO parent (id) VALUES (1), (2), (3)",
    )


def _batches(rows: list[tuple], size: int) -> Iterator[list[tuple]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def test_bad_rows_are_isolated_and_classified(engine, dialect):
    _parent_child(engine)
    good = [(i, f"user{i}@example.com", 1 + i % 3) for i in range(1, 2501)]
    duplicate = (5000, "user7@example.com", 1)
    orphan = (5001, "orphan@example.com", 999)
    rows = good[:1200] + [duplicate] + good[1200:2000] + [orphan] + good[2000:]
    seen: list[int] = []
    with engine.connect() as conn, conn.begin():
        result = executor_for(conn).execute_insertion(
            "child",
            ["id", "email", "parent_id"],
            _batches(rows, 1500),
            requested=len(rows),
            on_rows=seen.append,
        )
        ids = [r[0] for r in fetch(conn, "SELECT id FROM child ORDER BY id")]
    assert (result.table_name, result.requested) == ("child", 2502)
    assert (result.inserted, result.failed) == (2500, 2)
    assert sum(seen) == 2502 and seen == ([1500, 1002] if dialect == "sqlite" else [1000, 500, 1000, 2])
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
    _parent_child(engine)
    rows = [(i, "same@example.com", 1) for i in range(1, 152)]
    with engine.connect() as conn, conn.begin():
        result = executor_for(conn).execute_insertion(
            "child", ["id", "email", "parent_id"], [rows], requested=151
        )
    assert (result.inserted, result.failed, len(result.errors)) == (1, 150, 100)


# ----- 4, 5. cancellation and the outer transaction ------------------------------------


def test_cancelled_token_raises_and_rollback_leaves_nothing(engine):
    _parent_child(engine)
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
    _parent_child(engine)
    token = CancellationToken()
    rows = [(i, f"u{i}", 1) for i in range(1, 31)]
    with engine.connect() as conn:
        trans = conn.begin()
        executor = executor_for(conn)
        executor.batch_size = 10
        with pytest.raises(Cancelled):
            executor.execute_insertion(
                "child",
                ["id", "email", "parent_id"],
                [rows],
                requested=30,
                cancel=token,
                on_rows=lambda n: token.cancel(),
            )
        assert fetch(conn, "SELECT COUNT(*) FROM child") == [(10,)]
        trans.rollback()
    assert count(engine, "child") == 0


@pytest.mark.parametrize("commit", [False, True])
def test_savepoints_leave_the_outer_transaction_in_charge(engine, commit):
    _parent_child(engine)
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


@pytest.mark.parametrize(
    ("id_ddl", "overriding"),
    [("SERIAL PRIMARY KEY", False), ("INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY", True)],
)
def test_fix_sequences_on_postgresql(engine, dialect, id_ddl, overriding):
    if dialect != "postgresql":
        pytest.skip("sequences need fixing on PostgreSQL only")
    ddl(engine, f'CREATE TABLE "seq tbl" (id {id_ddl}, name TEXT)')
    rows = [(i, f"n{i}") for i in range(1, 51)]
    with engine.connect() as conn, conn.begin():
        executor = executor_for(conn)
        result = executor.execute_insertion(
            "seq tbl", ["id", "name"], [rows], requested=50, overriding_system_value=overriding
        )
        assert result.inserted == 50
        executor.fix_sequences("seq tbl", ["id", "name"])
        new_id = conn.exec_driver_sql(
            """INSERT INTO "seq tbl" (name) VALUES ('next') RETURNING id"""
        ).scalar()
    assert new_id == 51


def test_fix_sequences_on_an_empty_table_is_a_no_op(engine):
    ddl(engine, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
    with engine.connect() as conn, conn.begin():
        executor_for(conn).fix_sequences("t", ["id", "name"])


# ----- the factory ----------------------------------------------------------------------


def test_the_registry_gives_each_connection_its_dialects_executor(engine, dialect):
    expected = {
        "sqlite": (SQLiteInsertionExecutor, 10_000),
        "postgresql": (PostgreSQLInsertionExecutor, 1_000),
        "mysql": (MySQLInsertionExecutor, 1_000),
    }[dialect]
    with engine.connect() as conn:
        executor = executor_for(conn)
    assert (type(executor), executor.batch_size, executor.dialect) == (*expected, dialect)


# ----- 8. the fast paths: COPY (PostgreSQL), executemany (MySQL) ------------------------


def _spy(executor: BaseInsertionExecutor, name: str) -> list:
    """Record the arguments of each call of one of the executor's methods."""
    calls: list = []
    method = getattr(executor, name)

    def recorded(*args):
        calls.append(args)
        return method(*args)

    setattr(executor, name, recorded)
    return calls


def test_postgresql_batches_go_through_copy(engine, dialect):
    if dialect != "postgresql":
        pytest.skip("COPY is PostgreSQL only")
    ddl(engine, "CREATE TABLE hostile (id INTEGER PRIMARY KEY, s TEXT, n TEXT)")
    rows = [(i, s, None if i % 2 else s) for i, s in enumerate(HOSTILE)]
    with engine.connect() as conn, conn.begin():
        executor = executor_for(conn)
        calls = _spy(executor, "copy_lines")
        insert(executor, "hostile", ["id", "s", "n"], rows, "bulk")
        assert len(calls) == 1
        got = fetch(conn, "SELECT id, s, n, s IS NULL, n IS NULL FROM hostile ORDER BY id")
    assert [g[:3] for g in got] == rows
    assert [g[3:] for g in got] == [(False, i % 2 == 1) for i in range(len(rows))]
    assert got[HOSTILE.index("")][1:4] == ("", "", False)  # '' stays '', None is NULL


def test_postgresql_copy_text_encoding(engine, dialect):
    if dialect != "postgresql":
        pytest.skip("COPY is PostgreSQL only")
    with engine.connect() as conn:
        executor = executor_for(conn)
        line = "".join(
            executor.copy_lines(
                [
                    (
                        None,
                        "",
                        "a\tb\nc\rd\\e",
                        "\\N",
                        True,
                        False,
                        b"\x00\xff",
                        Decimal("1E+3"),
                        0.1,
                        ["x y", None, 'q"\\'],
                        dt.timedelta(days=-1, seconds=5),
                    )
                ]
            )
        )
        with pytest.raises(ValueError):
            list(executor.copy_lines([("nul\0",)]))
        with pytest.raises(TypeError):
            list(executor.copy_lines([(object(),)]))
    assert line == (
        "\\N\t\ta\\tb\\nc\\rd\\\\e\t\\\\N\tt\tf\t\\\\x00ff\t1000\t0.1\t"
        '{"x y",NULL,"q\\\\"\\\\\\\\"}\t-1 days 5.000000 seconds\n'
    )


def test_postgresql_bad_row_in_a_copy_batch_is_isolated(engine, dialect):
    if dialect != "postgresql":
        pytest.skip("COPY is PostgreSQL only")
    _parent_child(engine)
    rows = [(i, f"u{i}\t\\N", 1 + i % 3) for i in range(1, 3001)]
    rows[1700] = (1701, "u7\t\\N", 2)  # duplicate email
    rows[2500] = (2501, "nul\0", 1)  # not encodable: fails before COPY sends it
    with engine.connect() as conn, conn.begin():
        executor = executor_for(conn)
        executor.batch_size = 2000
        copies = _spy(executor, "copy_lines")
        result = executor.execute_insertion("child", ["id", "email", "parent_id"], [rows], requested=3000)
        ids = [r[0] for r in fetch(conn, "SELECT id FROM child ORDER BY id")]
    assert len(copies) == 2
    assert (result.inserted, result.failed) == (2998, 2)
    unique, nul = result.errors
    assert (unique.error_type, unique.record["id"]) == (ErrorType.UNIQUE_VIOLATION, 1701)
    assert (nul.error_type, nul.record["id"]) == (ErrorType.DATA_ERROR, 2501)
    assert ids == [i for i in range(1, 3001) if i not in (1701, 2501)]


def test_postgresql_copy_is_skipped_where_it_differs_from_insert(engine, dialect):
    if dialect != "postgresql":
        pytest.skip("COPY is PostgreSQL only")
    ddl(
        engine,
        "CREATE TABLE ident (id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, s TEXT)",
        "CREATE TABLE plain (id INTEGER PRIMARY KEY, s TEXT)",
        "CREATE TABLE secured (id INTEGER PRIMARY KEY, s TEXT)",
        "ALTER TABLE secured ENABLE ROW LEVEL SECURITY",
        "CREATE TABLE logged (id INTEGER PRIMARY KEY, s TEXT)",
        "CREATE TABLE audit (id INTEGER)",
        "CREATE RULE log_it AS ON INSERT TO logged DO ALSO INSERT INTO audit VALUES (NEW.id)",
    )
    rows = [(i, f"s{i}") for i in range(1, 21)]
    with engine.connect() as conn, conn.begin():
        executor = executor_for(conn)
        copies = _spy(executor, "copy_lines")
        insert(executor, "ident", ["id", "s"], rows, "bulk", overriding_system_value=True)
        insert(executor, "secured", ["id", "s"], rows, "bulk")
        insert(executor, "logged", ["id", "s"], rows, "bulk")
        assert copies == []
        insert(executor, "plain", ["id", "s"], rows, "bulk")
        assert len(copies) == 1
        assert fetch(conn, "SELECT COUNT(*) FROM audit") == [(20,)]
        assert fetch(conn, "SELECT id, s FROM ident ORDER BY id") == rows
        # Without OVERRIDING SYSTEM VALUE the identity refuses given values, as INSERT does
        # (COPY itself would accept them).
        more = [(i, f"s{i}") for i in range(21, 24)]
        result = executor.execute_insertion("ident", ["id", "s"], [more], requested=3)
        assert (result.inserted, result.failed) == (0, 3) and copies[1:] == []
        assert "non-DEFAULT value" in result.errors[0].message


def test_mysql_multirow_inserts_follow_no_backslash_escapes(engine, dialect, monkeypatch):
    """The multi-row INSERTs, split into several statements by max_allowed_packet, with the
    mode changed after the executor was made: literals must be escaped for the mode in force."""
    if dialect != "mysql":
        pytest.skip("NO_BACKSLASH_ESCAPES is a MySQL setting")
    import querynl.dialects.mysql as mysql_dialect

    sizes: list[int] = []
    packets = mysql_dialect._packets

    def spy(literals, room):
        for values in packets(literals, room):
            sizes.append(len(values.encode()))
            yield values

    monkeypatch.setattr(mysql_dialect, "_packets", spy)
    ddl(engine, "CREATE TABLE hostile (id INTEGER PRIMARY KEY, s TEXT)")
    rows = [(i, s) for i, s in enumerate(HOSTILE * 20)]
    for setting in ("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')", None):
        with engine.connect() as conn, conn.begin():
            executor = executor_for(conn)
            if setting:
                conn.exec_driver_sql(setting)
            executor.max_statement_bytes = 2000  # several statements per batch
            conn.exec_driver_sql("DELETE FROM hostile")
            sizes.clear()
            insert(executor, "hostile", ["id", "s"], rows, "bulk")
            assert len(sizes) > 1 and max(sizes) <= 2000
            assert fetch(conn, "SELECT id, s FROM hostile ORDER BY id") == rows
