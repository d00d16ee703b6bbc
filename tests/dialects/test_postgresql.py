"""PostgreSQL: E'' strings, bytea/interval/array literals, COPY for the batches, DEFERRABLE keys."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy.engine import Engine

from querynl.dialects.postgresql import PostgreSQLCodec
from querynl.models import ErrorType
from tests.databases import executor_for
from tests.dialects.base import (
    AWARE,
    AWARE_TIME,
    DAY_AND_A_BIT,
    MINUS_A_DAY,
    DialectTests,
    Size,
    columns_of,
    validate_all,
    validate_refused,
)
from tests.loading.support import HOSTILE, ddl, fetch, insert, parent_child, spy

COPY_FIELDS = [
    (None, "\\N"),
    ("", ""),
    ("a\tb\nc\rd\\e", "a\\tb\\nc\\rd\\\\e"),
    ("\\N", "\\\\N"),
    (True, "t"),
    (False, "f"),
    (7, "7"),
    (Size.LARGE, "2"),
    (b"\x00\xff", "\\\\x00ff"),
    (memoryview(b"\x01"), "\\\\x01"),
    (Decimal("1E+3"), "1000"),
    (0.1, "0.1"),
    (["x y", None, 'q"\\'], '{"x y",NULL,"q\\\\"\\\\\\\\"}'),
    (MINUS_A_DAY, "-1 days 5.000000 seconds"),
    (dt.datetime(2024, 1, 2, 3, 4, 5), "2024-01-02 03:04:05"),
    (AWARE, "2024-01-02 12:00:00+02:00"),
    (dt.date(2024, 1, 2), "2024-01-02"),
    (AWARE_TIME, "12:00:00+02:00"),
]
COPY_REFUSED = [("nul\0", ValueError), (object(), TypeError), ([object()], TypeError)]


class TestPostgreSQL(DialectTests):
    name = "postgresql"
    LITERALS = [
        (True, "TRUE"),
        (False, "FALSE"),
        ("back\\slash", "E'back\\\\slash'"),  # E'' reads the same whatever the session says
        ("it's \\", "E'it''s \\\\'"),
        (b"\x00\xff", "E'\\\\x00ff'::bytea"),
        (bytearray(b"ab"), "E'\\\\x6162'::bytea"),
        (AWARE, "'2024-01-02 12:00:00+02:00'"),
        (AWARE_TIME, "'12:00:00+02:00'"),
        (DAY_AND_A_BIT, "'1 days 7380.000005 seconds'::interval"),
        (MINUS_A_DAY, "'-1 days 5.000000 seconds'::interval"),
        # Arrays in the untyped '{...}' form, every element but NULL double-quoted.
        ([1, None, 3], """'{"1",NULL,"3"}'"""),
        ([[1, 2], [3]], """'{{"1","2"},{"3"}}'"""),
        ([True, 1.5, Decimal("2.50"), dt.date(2024, 1, 2)], """'{"true","1.5","2.50","2024-01-02"}'"""),
        ([DAY_AND_A_BIT, AWARE], """'{"1 days 7380.000005 seconds","2024-01-02 12:00:00+02:00"}'"""),
        (['a"b', "c'd"], """E'{"a\\\\"b","c''d"}'"""),  # element escapes, then the literal's
        ([b"\x01"], "E'{\"\\\\\\\\x01\"}'"),
    ]
    REFUSED = [("nul\0", ValueError), ([object()], TypeError), ([float("nan")], ValueError)]
    PARAMS = [
        ([1, None], '{"1",NULL}'),
        (Decimal("1.50"), Decimal("1.50")),
        (DAY_AND_A_BIT, DAY_AND_A_BIT),
        (AWARE, AWARE),
        (AWARE_TIME, AWARE_TIME),
        (bytearray(b"ab"), bytearray(b"ab")),
    ]
    FK_OPTIONS = " DEFERRABLE INITIALLY IMMEDIATE"

    def test_copy_fields(self) -> None:
        codec = PostgreSQLCodec()
        validate_all(codec.copy_field, COPY_FIELDS)
        validate_refused(codec.copy_field, COPY_REFUSED)

    def test_copy_columns_encode_as_their_fields_do(self) -> None:
        codec = PostgreSQLCodec()
        for column in columns_of([value for value, _field in COPY_FIELDS]):
            assert list(codec.copy_column(column)) == [codec.copy_field(v) for v in column], column
        for value, error in COPY_REFUSED:
            with pytest.raises(error):
                codec.copy_column(["ok", value])

    def test_copy_lines(self, engine: Engine) -> None:
        with engine.connect() as conn:
            executor = executor_for(conn)
        rows = [(value, 1) for value, _field in COPY_FIELDS]
        expected = "".join(f"{field}\t1\n" for _value, field in COPY_FIELDS)
        assert "".join(executor.copy_lines(rows)) == expected
        for value, error in COPY_REFUSED:
            with pytest.raises(error):
                list(executor.copy_lines([(1, value)]))

    @pytest.mark.parametrize("path", ["literal", "bulk"])
    def test_hostile_strings_with_standard_conforming_strings_off(self, engine: Engine, path: str) -> None:
        ddl(engine, "CREATE TABLE hostile (id INTEGER PRIMARY KEY, s TEXT)")
        rows = [(i, s) for i, s in enumerate(HOSTILE)]
        with engine.connect() as conn, conn.begin():
            conn.exec_driver_sql("SET standard_conforming_strings = off")
            insert(executor_for(conn), "hostile", ["id", "s"], rows, path)
            assert fetch(conn, "SELECT id, s FROM hostile ORDER BY id") == rows

    @pytest.mark.parametrize("path", ["literal", "bulk"])
    def test_arrays_round_trip(self, engine: Engine, path: str) -> None:
        ddl(engine, "CREATE TABLE arr (id INTEGER PRIMARY KEY, n INT[], d DATE[], u UUID[], s TEXT[])")
        uuid = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
        row = (1, [1, None, 3], [dt.date(2024, 1, 2)], [uuid], [*HOSTILE, None])
        with engine.connect() as conn, conn.begin():
            insert(executor_for(conn), "arr", ["id", "n", "d", "u", "s"], [row], path)
            (got,) = fetch(conn, "SELECT id, n, d, u::text[], s FROM arr")
        assert got == row

    @pytest.mark.parametrize(
        ("id_ddl", "overriding"),
        [("SERIAL PRIMARY KEY", False), ("INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY", True)],
    )
    def test_fix_sequences(self, engine: Engine, id_ddl: str, overriding: bool) -> None:
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

    def test_batches_go_through_copy(self, engine: Engine) -> None:
        ddl(engine, "CREATE TABLE hostile (id INTEGER PRIMARY KEY, s TEXT, n TEXT)")
        rows = [(i, s, None if i % 2 else s) for i, s in enumerate(HOSTILE)]
        with engine.connect() as conn, conn.begin():
            executor = executor_for(conn)
            calls = spy(executor, "copy_lines")
            insert(executor, "hostile", ["id", "s", "n"], rows, "bulk")
            assert len(calls) == 1
            got = fetch(conn, "SELECT id, s, n, s IS NULL, n IS NULL FROM hostile ORDER BY id")
        assert [g[:3] for g in got] == rows
        assert [g[3:] for g in got] == [(False, i % 2 == 1) for i in range(len(rows))]
        assert got[HOSTILE.index("")][1:4] == ("", "", False)  # '' stays '', None is NULL

    def test_bad_row_in_a_copy_batch_is_isolated(self, engine: Engine) -> None:
        parent_child(engine)
        rows = [(i, f"u{i}\t\\N", 1 + i % 3) for i in range(1, 3001)]
        rows[1700] = (1701, "u7\t\\N", 2)  # duplicate email
        rows[2500] = (2501, "nul\0", 1)  # not encodable: fails before COPY sends it
        with engine.connect() as conn, conn.begin():
            executor = executor_for(conn)
            executor.batch_size = 2000
            copies = spy(executor, "copy_lines")
            result = executor.execute_insertion("child", ["id", "email", "parent_id"], [rows], requested=3000)
            ids = [r[0] for r in fetch(conn, "SELECT id FROM child ORDER BY id")]
        assert len(copies) == 2
        assert (result.inserted, result.failed) == (2998, 2)
        unique, nul = result.errors
        assert (unique.error_type, unique.record["id"]) == (ErrorType.UNIQUE_VIOLATION, 1701)
        assert (nul.error_type, nul.record["id"]) == (ErrorType.DATA_ERROR, 2501)
        assert ids == [i for i in range(1, 3001) if i not in (1701, 2501)]

    def test_copy_is_skipped_where_it_differs_from_insert(self, engine: Engine) -> None:
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
            copies = spy(executor, "copy_lines")
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
