"""The base of the per-dialect test modules (test_sqlite.py, test_postgresql.py, test_mysql.py).

Each module subclasses `DialectTests` once and fills its tables; every check below then runs
for that dialect. The codec tables read like sqlglot's `validate_all`: a value, and what the
dialect must write for it (an SQL literal, a bound parameter, ...). The cases every dialect
writes alike are in the COMMON_* tables here; a subclass lists only what is its own.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, ClassVar

import pytest
from sqlalchemy.engine import Engine

from querynl.db.engine import make_engine
from querynl.dialects import dialect_for
from querynl.loading.codec import ValueCodec
from querynl.models import ForeignKeyConfig
from tests.databases import executor_for
from tests.loading.support import ddl, fetch

Cases = list[tuple[Any, Any]]
PLUS_TWO = dt.timezone(dt.timedelta(hours=2))
AWARE = dt.datetime(2024, 1, 2, 12, 0, 0, tzinfo=PLUS_TWO)
AWARE_TIME = dt.time(12, 0, tzinfo=PLUS_TWO)
NAIVE = dt.datetime(2024, 5, 6, 7, 8, 9, 10)
DAY_AND_A_BIT = dt.timedelta(hours=26, minutes=3, microseconds=5)
MINUS_A_DAY = dt.timedelta(days=-1, seconds=5)
AN_ID = uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")


class Size(enum.IntEnum):  # an int subclass: found by isinstance, written as its number
    LARGE = 2


COMMON_LITERALS: Cases = [
    (None, "NULL"),
    (-7, "-7"),
    (Size.LARGE, "2"),
    (1.5, "1.5"),
    (0.1, "0.1"),
    (Decimal("12.340"), "12.340"),
    (Decimal("1E+3"), "1000"),
    (Decimal("-1E-3"), "-0.001"),
    ("O'Brien", "'O''Brien'"),
    ("", "''"),
    ("100%", "'100%'"),
    (dt.date(2024, 1, 2), "'2024-01-02'"),
    (dt.datetime(2024, 1, 2, 3, 4, 5, 123456), "'2024-01-02 03:04:05.123456'"),
    (dt.time(23, 59, 58, 5), "'23:59:58.000005'"),
]
COMMON_REFUSED: Cases = [
    (float("nan"), ValueError),
    (float("inf"), ValueError),
    (Decimal("NaN"), ValueError),
    (object(), TypeError),
]
COMMON_PARAMS: Cases = [(v, v) for v in (None, "x", "", 7, 1.5, True, b"\x00\xff", AN_ID)]

# The codec's defaults (SQLite, MySQL): 1/0 booleans, X'..' blobs, clock-form intervals, naive UTC.
DEFAULT_LITERALS = [
    (True, "1"),
    (False, "0"),
    (b"\x00\xff'", "X'00ff27'"),
    (bytearray(b"ab"), "X'6162'"),
    (memoryview(b"ab"), "X'6162'"),
    (AWARE, "'2024-01-02 10:00:00'"),
    (AWARE_TIME, "'12:00:00'"),
    (DAY_AND_A_BIT, "'26:03:00.000005'"),
    (MINUS_A_DAY, "'-23:59:55'"),
    (dt.timedelta(0), "'00:00:00'"),
]
DEFAULT_PARAMS = [
    (Decimal("12.30"), "12.30"),
    (Decimal("1E+3"), "1000"),
    (bytearray(b"ab"), b"ab"),
    (memoryview(b"ab"), b"ab"),
    (DAY_AND_A_BIT, "26:03:00.000005"),
    (dt.date(2024, 1, 2), "2024-01-02"),
    (AWARE, "2024-01-02 10:00:00"),
    (AWARE_TIME, "12:00:00"),
]
NO_ARRAYS = [([1, 2], TypeError)]


def validate_all(render: Callable[[Any], Any], cases: Cases) -> None:
    """Every value renders as expected, of the expected type (b'' == bytearray(b'') otherwise)."""
    wrong = [
        (value, expected, got)
        for value, expected in cases
        if (type(got := render(value)), got) != (type(expected), expected)
    ]
    assert not wrong, "\n".join(f"{v!r}: expected {e!r}, got {g!r}" for v, e, g in wrong)


def columns_of(values: list[Any]) -> list[list[Any]]:
    """Columns that take each path of column-wise rendering: each value alone, with NULLs,
    with its own type's other values, and all of them mixed; naive and aware times together."""
    columns = [[v, v] for v in values] + [[None, v, None] for v in values] + [values, values[::-1]]
    for cls in {type(v) for v in values}:
        columns.append([v for v in values if type(v) is cls] + [None])
    columns += [[NAIVE, AWARE], [AWARE, None, NAIVE], [NAIVE, None], [dt.time(1, 2), AWARE_TIME]]
    return columns


def validate_refused(render: Callable[[Any], Any], cases: Cases) -> None:
    for value, error in cases:
        with pytest.raises(error):
            render(value)


class DialectTests:
    """One dialect's codec tables and its behaviour on a real database."""

    name: ClassVar[str]
    LITERALS: ClassVar[Cases]  # value -> SQL literal
    REFUSED: ClassVar[Cases] = []  # value -> the error its literal raises
    PARAMS: ClassVar[Cases]  # value -> the bound parameter
    REFUSED_PARAMS: ClassVar[Cases] = []
    FK_OPTIONS: ClassVar[str] = ""  # what makes a foreign key postponable

    def make_codec(self) -> ValueCodec:
        return dialect_for(self.name).executor_class.codec_class()

    @pytest.fixture
    def dialect(self) -> str:
        """This class's dialect, for the `db_url` fixture."""
        return self.name

    @pytest.fixture
    def engine(self, db_url: str) -> Iterator[Engine]:
        engine = make_engine(db_url)
        yield engine
        engine.dispose()

    # ----- the codec --------------------------------------------------------------------

    def test_literals(self) -> None:
        validate_all(self.make_codec().literal, COMMON_LITERALS + self.LITERALS)

    def test_refused_literals(self) -> None:
        validate_refused(self.make_codec().literal, COMMON_REFUSED + self.REFUSED)

    def test_params(self) -> None:
        validate_all(self.make_codec().param, COMMON_PARAMS + self.PARAMS)

    def test_refused_params(self) -> None:
        validate_refused(self.make_codec().param, self.REFUSED_PARAMS)

    def test_columns_render_as_their_values_do(self) -> None:
        """A batch rendered column by column is exactly its values rendered one by one."""
        codec = self.make_codec()
        for column in columns_of([v for v, _ in COMMON_LITERALS + self.LITERALS]):
            assert list(codec.literal_column(column)) == [codec.literal(v) for v in column], column
        for column in columns_of([v for v, _ in COMMON_PARAMS + self.PARAMS]):
            assert list(codec.param_column(column)) == [codec.param(v) for v in column], column
        rows = [(1, "O'Brien", None, NAIVE), (2, "x", 1.5, None)]
        assert codec.param_rows(rows) == [tuple(map(codec.param, row)) for row in rows]

    def test_a_refused_value_fails_its_column(self) -> None:
        codec = self.make_codec()
        for value, error in COMMON_REFUSED + self.REFUSED:
            with pytest.raises(error):
                codec.literal_column(["ok", value])
            with pytest.raises(error):
                codec.literal_column([value, value])

    def test_the_executor_writes_with_the_dialects_codec(self, engine: Engine) -> None:
        with engine.connect() as conn:
            executor = executor_for(conn)
        value = self.LITERALS[0][0]
        assert executor.escape_value(value) == self.make_codec().literal(value)

    # ----- foreign keys -------------------------------------------------------------------

    def test_a_postponed_foreign_key_accepts_children_first(self, engine: Engine) -> None:
        ddl(
            engine,
            "CREATE TABLE parent (id INTEGER PRIMARY KEY)",
            "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL, "
            f"CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id){self.FK_OPTIONS})",
        )
        fk = ForeignKeyConfig(
            columns=["parent_id"],
            referenced_table="parent",
            referenced_columns=["id"],
            mode="deferred_check",
            constraint_name="fk_parent",
        )
        dialect = dialect_for(self.name)
        with engine.connect() as conn, conn.begin():
            dialect.postpone_check(conn, fk)
            conn.exec_driver_sql("INSERT INTO child (id, parent_id) VALUES (1, 7)")
            dialect.resume_check(conn)
            conn.exec_driver_sql("INSERT INTO parent (id) VALUES (7)")
        with engine.connect() as conn:
            assert fetch(conn, "SELECT id, parent_id FROM child") == [(1, 7)]
