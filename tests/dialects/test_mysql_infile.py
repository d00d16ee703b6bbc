"""MySQL/MariaDB LOAD DATA LOCAL INFILE (querynl.dialects.mysql_infile), on a real server:
each admitted column type round-trips equal to the INSERT path, bad rows are found (LOCAL
turns errors into warnings) and named by the row-by-row retry, other types keep the INSERT,
the path report says why LOAD DATA was not used, no file is sent but our own, no file is left.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy.engine import Engine

from querynl.db.engine import make_engine
from querynl.dialects.mysql_infile import LOAD_PATH, TSV_TYPES, refusal
from querynl.models import ErrorType
from tests.databases import engine_for, executor_for
from tests.loading.support import HOSTILE, ddl, fetch, spy

NO_BACKSLASH_ESCAPES = "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')"
REFUSED_BY_CLIENT = "multi-row INSERT (LOAD DATA LOCAL off in the client)"
PLUS_TWO = dt.timezone(dt.timedelta(hours=2))

# One column of each admitted type (JSON is MariaDB's: LONGTEXT with a json_valid check).
TYPES_DDL = (
    "id INT PRIMARY KEY, ti TINYINT, si SMALLINT, mi MEDIUMINT, i INT, bi BIGINT, "
    "ub BIGINT UNSIGNED, yr YEAR, flag BOOLEAN, d DECIMAL(14,4), f FLOAT, db DOUBLE, c CHAR(10), "
    "vc VARCHAR(200), tt TINYTEXT, t TEXT, mt MEDIUMTEXT, lt LONGTEXT, e ENUM('a','b c','d'), "
    "st SET('x','y','z'), day DATE, tm TIME(6), span TIME(6), dtm DATETIME(6), ts TIMESTAMP(6) NULL, "
    "whole DATETIME, js JSON"
)
TYPES_COLUMNS = [part.split()[0] for part in TYPES_DDL.split(", ")]
TYPES_ROWS = [
    (
        1,
        -128,
        32767,
        -8388608,
        2147483647,
        -9223372036854775808,
        18446744073709551615,
        2155,
        True,
        Decimal("-1234567890.1234"),
        0.1,
        1.5e300,
        "ab",
        "O'Brien\\N\t%s",
        "tiny\ttab\\",
        "line1\nline2\r\n",
        "\\N",
        "é中文😀 日本語",
        "b c",
        "x,z",
        dt.date(2024, 2, 29),
        dt.time(23, 59, 58, 5),
        dt.timedelta(hours=-838, minutes=-59, seconds=-59),
        dt.datetime(2024, 1, 2, 3, 4, 5, 123456),
        dt.datetime(2024, 1, 2, 12, 0, 0, tzinfo=PLUS_TWO),
        dt.datetime(1000, 1, 1),
        '{"a": [1, "x\\ty"], "b": null}',
    ),
    (2, *[None] * (len(TYPES_COLUMNS) - 1)),
    (
        3,
        0,
        -1,
        1,
        7,
        2**53 + 1,
        0,
        1901,
        False,
        Decimal("0.0001"),
        1e-05,
        -2.5e-300,
        "",
        "",
        "",
        "NULL",
        "\\",
        "\x01\x1a\x7f\u2028",
        "a",
        "",
        dt.date(9999, 12, 31),
        dt.time(0, 0),
        dt.timedelta(hours=26, minutes=3, microseconds=5),
        dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
        dt.datetime(2038, 1, 18, 3, 14, 7),
        dt.datetime(2024, 6, 1, 12, 30),
        "[]",
    ),
    *[
        (n, n % 100, n, -n, n * 7, n**3, n, 1901 + n % 200, n % 2 == 0, Decimal(n) / 8, n / 3, n * 1e10)
        + (f"c{n}", f"{HOSTILE[n % len(HOSTILE)]}-{n}", "x" * (n % 255), *[f"{n}\\{n}\t"] * 3)
        + ("d", "y", dt.date(2000, 1, 1) + dt.timedelta(days=n), dt.time(n % 24, n % 60))
        + (dt.timedelta(seconds=-n), dt.datetime(2020, 1, 1) + dt.timedelta(seconds=n * 7919) / 3)
        + (dt.datetime(2021, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=n), None, f'{{"n": {n}}}')
        for n in range(4, 400)
    ],
]


@pytest.fixture
def dialect() -> str:
    return "mysql"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """QueryNL's engine: connections with the LOAD DATA LOCAL capability."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def plain_engine(db_url: str) -> Iterator[Engine]:
    """An engine without the capability: batches go as multi-row INSERTs."""
    engine = engine_for(db_url)
    yield engine
    engine.dispose()


def load(engine: Engine, table: str, columns, rows, *setup: str):
    """Insert the rows in one batch through the executor, committed; the result, the paths
    used and how many savepoints were tried (1: the batch went in whole)."""
    with engine.connect() as conn, conn.begin():
        for statement in setup:
            conn.exec_driver_sql(statement)
        executor = executor_for(conn)
        tries = spy(executor, "_try_in_savepoint")
        result = executor.execute_insertion(table, columns, [rows], requested=len(rows))
    return result, executor.paths_used, len(tries)


def select_all(engine: Engine, table: str) -> list[tuple]:
    with engine.connect() as conn:
        return fetch(conn, f"SELECT * FROM `{table}` ORDER BY 1")


def test_every_admitted_type_round_trips_equal_to_the_insert(engine, plain_engine):
    ddl(engine, f"CREATE TABLE via_load ({TYPES_DDL})", f"CREATE TABLE via_insert ({TYPES_DDL})")
    with engine.connect() as conn:
        listed = "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
        types = {data_type for (data_type,) in fetch(conn, listed)}
    assert types <= TSV_TYPES and TSV_TYPES - types <= {"json"}  # each admitted type is here

    loaded, paths, tries = load(engine, "via_load", TYPES_COLUMNS, TYPES_ROWS)
    assert paths == [LOAD_PATH] and tries == 1  # one LOAD, no warning, no row-by-row retry
    inserted, insert_paths, _ = load(plain_engine, "via_insert", TYPES_COLUMNS, TYPES_ROWS)
    assert insert_paths == [REFUSED_BY_CLIENT]

    assert (loaded.inserted, loaded.failed) == (inserted.inserted, inserted.failed) == (len(TYPES_ROWS), 0)
    via_load = select_all(engine, "via_load")
    assert via_load == select_all(engine, "via_insert")
    assert via_load[0][13:17] == TYPES_ROWS[0][13:17]  # strings with tabs, newlines, \N intact
    assert via_load[1][1:] == (None,) * (len(TYPES_COLUMNS) - 1)  # \N is NULL


@pytest.mark.parametrize("mode", [None, NO_BACKSLASH_ESCAPES])
def test_hostile_strings_in_either_escape_mode(engine, mode):
    """The statement's own literals (tab, backslash, the file name) follow the session's mode."""
    ddl(engine, "CREATE TABLE hostile (id INTEGER PRIMARY KEY, s TEXT)")
    rows = [(i, s) for i, s in enumerate(HOSTILE)]
    result, paths, tries = load(engine, "hostile", ["id", "s"], rows, *filter(None, [mode]))
    assert (result.inserted, paths, tries) == (len(rows), [LOAD_PATH], 1)
    assert select_all(engine, "hostile") == rows


BAD_ROWS = {
    "duplicate unique value": ((30, "user1@example.com", 1), ErrorType.UNIQUE_VIOLATION),
    "foreign key orphan": ((30, "orphan@example.com", 99), ErrorType.FOREIGN_KEY_VIOLATION),
    "over-long string": ((30, "x" * 41, 2), ErrorType.DATA_ERROR),
}


@pytest.mark.parametrize("case", BAD_ROWS)
def test_a_bad_row_is_rejected_and_named_the_rest_inserted(engine, case):
    """LOCAL would skip the duplicate and the orphan and cut the string, with warnings: the
    batch rolls back and the row-by-row retry rejects exactly the bad row."""
    ddl(
        engine,
        "CREATE TABLE parent (id INTEGER PRIMARY KEY)",
        "INSERT INTO parent (id) VALUES (1), (2), (3)",
        "CREATE TABLE child (id INTEGER PRIMARY KEY, email VARCHAR(40) UNIQUE, "
        "parent_id INTEGER, FOREIGN KEY (parent_id) REFERENCES parent (id))",
    )
    bad, error_type = BAD_ROWS[case]
    good = [(n, f"user{n}@example.com", n % 3 + 1) for n in range(1, 60) if n != bad[0]]
    rows = [*good[:29], bad, *good[29:]]
    result, paths, tries = load(engine, "child", ["id", "email", "parent_id"], rows)
    assert paths == [LOAD_PATH] and tries == 1 + len(rows)  # the LOAD, then row by row
    assert (result.inserted, result.failed) == (len(good), 1)
    (error,) = result.errors
    assert error.error_type == error_type
    assert error.record == {"id": bad[0], "email": bad[1], "parent_id": bad[2]}
    assert select_all(engine, "child") == sorted(good)


@pytest.mark.parametrize(
    ("column", "value"),
    [("b LONGBLOB", b"\x00\t\n\\"), ("b VARBINARY(8)", b"\xff\x00"), ("b BIT(3)", 5), ("b INET6", "::1")],
)
def test_other_types_keep_the_insert(engine, column, value):
    ddl(engine, f"CREATE TABLE other (id INTEGER PRIMARY KEY, {column})")
    result, paths, tries = load(engine, "other", ["id", "b"], [(1, value), (2, None)])
    assert (result.inserted, paths, tries) == (2, ["multi-row INSERT"], 1)


def test_without_the_client_capability_the_insert_says_why(plain_engine):
    ddl(plain_engine, "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)")
    result, paths, _ = load(plain_engine, "t", ["id", "s"], [(1, "a"), (2, "b")])
    assert (result.inserted, paths) == (2, [REFUSED_BY_CLIENT])


def test_refusal_names_the_server_setting(engine):
    with engine.connect() as conn:
        driver = conn.connection.dbapi_connection
        assert refusal(driver, lambda: True) is None
        assert refusal(driver, lambda: False) == "LOAD DATA LOCAL off on the server (local_infile)"


def test_no_file_is_sent_but_the_loaders_own(engine, tmp_path):
    """The connection asks for the capability but sends no file outside our LOAD: a LOAD DATA
    LOCAL of anyone else's (a server naming a file after any statement) is refused."""
    ddl(engine, "CREATE TABLE t (s TEXT)")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret\n")
    with engine.connect() as conn:
        cursor = conn.connection.dbapi_connection.cursor()
        with pytest.raises(RuntimeError, match="local_infile option is false"):
            cursor.execute(f"LOAD DATA LOCAL INFILE '{secret}' INTO TABLE t")
        conn.invalidate()  # the refused request leaves the protocol out of step
    result, paths, _ = load(engine, "t", ["s"], [("ours",)])
    assert (result.inserted, paths) == (1, [LOAD_PATH])
    assert select_all(engine, "t") == [("ours",)]


def test_no_file_is_left_behind(engine, tmp_path, monkeypatch):
    folder = tmp_path / "tsv"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    made: list[str] = []
    mkstemp = tempfile.mkstemp

    def recorded(**kw):
        descriptor, path = mkstemp(**kw)
        made.append(path)
        return descriptor, path

    monkeypatch.setattr(tempfile, "mkstemp", recorded)
    ddl(engine, "CREATE TABLE t (id INTEGER PRIMARY KEY)")
    result, paths, _ = load(engine, "t", ["id"], [(1,), (2,), (1,)])  # a duplicate: LOAD, then retry
    assert (result.inserted, result.failed, paths) == (2, 1, [LOAD_PATH])
    assert made and all(path.startswith(str(folder)) for path in made)
    assert os.listdir(folder) == []
