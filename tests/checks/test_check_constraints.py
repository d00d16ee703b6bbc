"""CHECK constraints: parsing the reflected sqltext of each dialect, and repairing rows to satisfy it."""

from __future__ import annotations

import datetime as dt
import random
import string
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import inspect, text

from querynl.checks.model import ColumnBounds, PairRule
from querynl.checks.parser import parse_check_sql as parse_check_text
from querynl.checks.parser import parse_checks as parse_table_checks
from querynl.checks.repair import repair_row
from querynl.checks.rules import CheckRules
from querynl.db.engine import make_engine
from querynl.db.introspection import introspect
from querynl.dialects import SQLGLOT_READERS, dialect_for
from querynl.schema import CheckInfo, ColumnInfo, TableInfo
from querynl.synthesis.value_fitting import fit_value
from tests.databases import executor_for


def parse_checks(table: TableInfo, dialect: str) -> CheckRules:
    """As introspection parses them: the dialect's sqlglot reader, then the others'."""
    return parse_table_checks(table, dialect_for(dialect).sqlglot_name, fallbacks=SQLGLOT_READERS)


def parse_check_sql(sqltext: str, dialect: str, **options: Any) -> CheckRules:
    return parse_check_text(sqltext, dialect_for(dialect).sqlglot_name, fallbacks=SQLGLOT_READERS, **options)


B = ColumnBounds
P = PairRule
U = "unsupported"

COLUMNS = [
    ColumnInfo(name="id", type_name="INTEGER", kind="integer", nullable=False),
    ColumnInfo(name="price", type_name="NUMERIC(10,2)", kind="decimal", precision=10, scale=2),
    ColumnInfo(name="discount", type_name="NUMERIC(10,2)", kind="decimal", precision=10, scale=2),
    ColumnInfo(name="qty", type_name="INTEGER", kind="integer", int_min=-(2**31), int_max=2**31 - 1),
    ColumnInfo(name="score", type_name="DOUBLE PRECISION", kind="float"),
    ColumnInfo(name="status", type_name="VARCHAR(10)", kind="string", length=10),
    ColumnInfo(name="code", type_name="VARCHAR(20)", kind="string", length=20),
    ColumnInfo(name="start_date", type_name="DATE", kind="date"),
    ColumnInfo(name="end_date", type_name="DATE", kind="date"),
    ColumnInfo(name="created_at", type_name="TIMESTAMP", kind="datetime"),
    ColumnInfo(name="UnitPrice", type_name="NUMERIC", kind="decimal"),
    ColumnInfo(name="Quantity", type_name="INTEGER", kind="integer"),
    ColumnInfo(name="release_year", type_name="INTEGER", kind="integer"),
]
TABLE = TableInfo(name="t", columns=COLUMNS, primary_key=["id"])
BY_NAME = {c.name: c for c in COLUMNS}

# (dialect, sqltext exactly as the inspector reflects it, expected bounds, expected pairs) -- or U.
CASES: list[tuple[str, str, dict[str, ColumnBounds] | str, list[PairRule]]] = [
    # --- SQLite: the text of the DDL, as written
    ("sqlite", "price > 0", {"price": B(low=0, low_inclusive=False)}, []),
    ("sqlite", "0 < qty", {"qty": B(low=0, low_inclusive=False)}, []),
    ("sqlite", "qty BETWEEN 1 AND 100", {"qty": B(low=1, high=100)}, []),
    ("sqlite", "status IN ('a','b','c')", {"status": B(allowed=["a", "b", "c"])}, []),
    ("sqlite", "length(code) <= 10", {"code": B(max_length=10)}, []),
    ("sqlite", "end_date >= start_date", {}, [P("end_date", ">=", "start_date")]),
    ("sqlite", "discount < price", {}, [P("discount", "<", "price")]),
    (
        "sqlite",
        "(qty < 10 OR qty > 90)",
        {"qty": B(any_of=[B(high=10, high_inclusive=False), B(low=90, low_inclusive=False)])},
        [],
    ),
    ("sqlite", "qty <> 5", {"qty": B(excluded=[5])}, []),
    ("sqlite", "status NOT IN ('x','y')", {"status": B(excluded=["x", "y"])}, []),
    ("sqlite", "code IS NOT NULL", {"code": B(not_null=True)}, []),
    ("sqlite", "trim(code) <> ''", {"code": B(not_empty=True)}, []),
    ("sqlite", "start_date >= '2020-01-01'", {"start_date": B(low="2020-01-01")}, []),
    (
        "sqlite",
        "price >= 0.5 AND price <= 999.99",
        {"price": B(low=Decimal("0.5"), high=Decimal("999.99"))},
        [],
    ),
    ("sqlite", "NOT (qty = 7)", {"qty": B(excluded=[7])}, []),
    ("sqlite", "code LIKE 'A%'", {"code": B(like=["A%"])}, []),
    ("sqlite", "qty != 3", {"qty": B(excluded=[3])}, []),
    ("sqlite", "score BETWEEN -1.5 AND 1.5", {"score": B(low=Decimal("-1.5"), high=Decimal("1.5"))}, []),
    ("sqlite", "UnitPrice >= 0", {"UnitPrice": B(low=0)}, []),
    ("sqlite", "Discount >= 0 and Discount <= 1", {"discount": B(low=0, high=1)}, []),
    (
        "sqlite",
        '[Quantity] > 0 AND length("code")<3',
        {"Quantity": B(low=0, low_inclusive=False), "code": B(max_length=2)},
        [],
    ),
    ("sqlite", "unitprice >= 0 AND quantity >= 1", {"UnitPrice": B(low=0), "Quantity": B(low=1)}, []),
    ("sqlite", "code GLOB '[A-Z]*'", U, []),
    ("sqlite", "typeof(qty) = 'integer'", U, []),
    ("sqlite", "status = 'new' OR status = 'paid'", {"status": B(allowed=["new", "paid"])}, []),
    ("sqlite", "length(trim(code)) > 0", {"code": B(not_empty=True)}, []),
    ("sqlite", "code <> ''", {"code": B(not_empty=True)}, []),
    ("sqlite", "length(code) BETWEEN 2 AND 8", U, []),
    ("sqlite", "qty > 0 AND json_valid(code)", U, []),
    # --- PostgreSQL: pg_get_constraintdef, as SQLAlchemy strips it
    ("postgresql", "price > 0::numeric", {"price": B(low=0, low_inclusive=False)}, []),
    ("postgresql", "qty >= 1 AND qty <= 100", {"qty": B(low=1, high=100)}, []),
    (
        "postgresql",
        "status::text = ANY (ARRAY['a'::character varying, 'b'::character varying, "
        "'c'::character varying]::text[])",
        {"status": B(allowed=["a", "b", "c"])},
        [],
    ),
    (
        "postgresql",
        "((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))",
        {"status": B(allowed=["a", "b"])},
        [],
    ),
    ("postgresql", "status::text = ANY (ARRAY['a'::text, 'b'::text])", {"status": B(allowed=["a", "b"])}, []),
    (
        "postgresql",
        "status::text <> ALL (ARRAY['x'::character varying, 'y'::character varying]::text[])",
        {"status": B(excluded=["x", "y"])},
        [],
    ),
    ("postgresql", "length(code::text) <= 10", {"code": B(max_length=10)}, []),
    ("postgresql", "char_length(code::text) <= 10", {"code": B(max_length=10)}, []),
    ("postgresql", "char_length((code)::text) <= 10", {"code": B(max_length=10)}, []),
    ("postgresql", "character_length(code::text) >= 2", {"code": B(min_length=2)}, []),
    ("postgresql", "(end_date >= start_date)", {}, [P("end_date", ">=", "start_date")]),
    ("postgresql", "TRIM(BOTH FROM code) <> ''::text", {"code": B(not_empty=True)}, []),
    ("postgresql", "(btrim((code)::text) <> ''::text)", {"code": B(not_empty=True)}, []),
    ("postgresql", "start_date >= '2020-01-01'::date", {"start_date": B(low="2020-01-01")}, []),
    ("postgresql", "NOT qty = 7", {"qty": B(excluded=[7])}, []),
    ("postgresql", "code::text ~~ 'A%'::text", {"code": B(like=["A%"])}, []),
    ("postgresql", "code::text ~ '^[A-Z]'::text", {"code": B(regex=["^[A-Z]"])}, []),
    ("postgresql", "code::text ~ '^(a|b)+$'::text", U, []),
    ("postgresql", "code::text !~ '^[A-Z]'::text", U, []),
    (
        "postgresql",
        "score >= '-1.5'::numeric::double precision AND score <= 1.5::double precision",
        {"score": B(low=Decimal("-1.5"), high=Decimal("1.5"))},
        [],
    ),
    (
        "postgresql",
        "qty < 40 OR qty > 50",
        {"qty": B(any_of=[B(high=40, high_inclusive=False), B(low=50, low_inclusive=False)])},
        [],
    ),
    ("postgresql", "end_date IS NULL OR end_date >= start_date", {}, [P("end_date", ">=", "start_date")]),
    ("postgresql", "price > 0::numeric OR price IS NULL", {"price": B(low=0, low_inclusive=False)}, []),
    ("postgresql", "created_at <= clock_timestamp()", U, []),
    ("postgresql", "qty > (SELECT 1)", U, []),
    ("postgresql", "CAST(qty AS integer) > 0", {"qty": B(low=0, low_inclusive=False)}, []),
    (
        "postgresql",
        "NOT (qty >= 10 AND qty <= 20)",
        {"qty": B(any_of=[B(high=10, high_inclusive=False), B(low=20, low_inclusive=False)])},
        [],
    ),
    # OR over different columns: the first understood branch is enforced
    ("postgresql", "status::text = 'draft'::text OR code IS NOT NULL", {"status": B(allowed=["draft"])}, []),
    (
        "postgresql",
        "created_at > '2020-01-01 00:00:00'::timestamp without time zone",
        {"created_at": B(low="2020-01-01 00:00:00", low_inclusive=False)},
        [],
    ),
    # --- MariaDB / MySQL: information_schema.CHECK_CONSTRAINTS
    ("mysql", "`price` > 0", {"price": B(low=0, low_inclusive=False)}, []),
    ("mysql", "0 < `qty`", {"qty": B(low=0, low_inclusive=False)}, []),
    ("mysql", "`quantity` > 0", {"Quantity": B(low=0, low_inclusive=False)}, []),
    ("mysql", "`Discount` >= 0 and `Discount` <= 1", {"discount": B(low=0, high=1)}, []),
    ("mysql", "`qty` between 1 and 100", {"qty": B(low=1, high=100)}, []),
    ("mysql", "`status` in ('a','b','c')", {"status": B(allowed=["a", "b", "c"])}, []),
    ("mysql", "`status` not in ('x','y')", {"status": B(excluded=["x", "y"])}, []),
    ("mysql", "`status` in (_utf8mb4'a',_utf8mb4'b')", {"status": B(allowed=["a", "b"])}, []),
    ("mysql", "char_length(`code`) <= 10", {"code": B(max_length=10)}, []),
    ("mysql", "octet_length(`code`) <= 10", {"code": B(max_length=10, byte_length=True)}, []),
    ("mysql", "`end_date` >= `start_date`", {}, [P("end_date", ">=", "start_date")]),
    ("mysql", "`discount` < `price`", {}, [P("discount", "<", "price")]),
    (
        "mysql",
        "`qty` not between 40 and 50",
        {"qty": B(any_of=[B(high=40, high_inclusive=False), B(low=50, low_inclusive=False)])},
        [],
    ),
    ("mysql", "`code` is not null", {"code": B(not_null=True)}, []),
    ("mysql", "trim(`code`) <> ''", {"code": B(not_empty=True)}, []),
    ("mysql", "`code` like 'A%'", {"code": B(like=["A%"])}, []),
    ("mysql", "`code` not like '%!%'", {"code": B(not_like=["%!%"])}, []),
    ("mysql", "json_valid(`code`)", U, []),
    (
        "mysql",
        "`price` >= 0.5 and `price` <= 999.99",
        {"price": B(low=Decimal("0.5"), high=Decimal("999.99"))},
        [],
    ),
    ("mysql", "`start_date` >= '2020-01-01'", {"start_date": B(low="2020-01-01")}, []),
    ("mysql", "`nosuchcolumn` > 0", U, []),
    (
        "mysql",
        "`qty` > 0 and `qty` < 10 and `qty` <> 5",
        {"qty": B(low=0, low_inclusive=False, high=10, high_inclusive=False, excluded=[5])},
        [],
    ),
    ("mysql", "this is not sql at all ((", U, []),
]
UNDERSTOOD = [c for c in CASES if c[2] != U]


def _id(case: tuple) -> str:
    return f"{case[0]}:{case[1]}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_parse(case: tuple) -> None:
    dialect, sqltext, bounds, pairs = case
    table = TABLE.model_copy(update={"check_constraints": [CheckInfo(name="ck", sqltext=sqltext)]})
    rules = parse_checks(table, dialect)
    if bounds == U:
        assert rules.unsupported == [sqltext]
        return
    assert rules.unsupported == []
    assert rules.bounds == bounds
    assert rules.pairs == pairs


def test_partly_understood_check_keeps_its_understood_part() -> None:
    rules = parse_check_sql("qty > 0 AND json_valid(code)", "sqlite", columns=[c.name for c in COLUMNS])
    assert rules.bounds == {"qty": B(low=0, low_inclusive=False)}
    assert rules.unsupported == ["qty > 0 AND json_valid(code)"]


def test_domain_check_applies_to_a_column() -> None:
    rules = parse_check_sql("VALUE >= 1901 AND VALUE <= 2155", "postgresql", value_column="release_year")
    assert rules.bounds == {"release_year": B(low=1901, high=2155)}
    rng = random.Random(1)
    row = repair_row(rules, {"release_year": 1200}, BY_NAME, rng)
    assert row == {"release_year": 1901}


def test_checks_are_intersected_across_constraints() -> None:
    checks = [CheckInfo(sqltext="qty >= 1"), CheckInfo(sqltext="qty <= 10"), CheckInfo(sqltext="qty > 3")]
    rules = parse_checks(TABLE.model_copy(update={"check_constraints": checks}), "sqlite")
    assert rules.bounds == {"qty": B(low=3, low_inclusive=False, high=10)}


def test_nulls_pass_unless_not_null() -> None:
    rules = parse_check_sql("price > 0 AND code IS NOT NULL", "sqlite")
    assert rules.holds({"price": None, "code": "x"}) is True
    assert rules.holds({"price": Decimal(1), "code": None}) is False
    repaired = repair_row(rules, {"price": None, "code": None}, BY_NAME, random.Random(0))
    assert repaired["price"] is None and repaired["code"]


def test_holds_is_none_when_not_comparable() -> None:
    rules = parse_check_sql("qty > 0", "sqlite")
    assert rules.holds({"qty": object()}) is None
    assert rules.holds({"qty": -1}) is False


def test_repair_moves_the_dependent_column() -> None:
    rules = parse_check_sql("end_date >= start_date AND discount < price", "sqlite")
    row = {
        "start_date": dt.date(2024, 5, 10),
        "end_date": dt.date(2024, 1, 1),
        "price": Decimal("10.00"),
        "discount": Decimal("50.00"),
    }
    fixed = repair_row(rules, row, BY_NAME, random.Random(3))
    assert fixed["start_date"] == row["start_date"] and fixed["price"] == row["price"]
    assert dt.timedelta(days=1) <= fixed["end_date"] - row["start_date"] <= dt.timedelta(days=30)
    assert Decimal(0) <= fixed["discount"] < Decimal("9.00") + Decimal("0.01")
    assert fixed["discount"] == fixed["discount"].quantize(Decimal("0.01"))


def test_repair_respects_exclusive_bounds_per_kind() -> None:
    rules = parse_check_sql("qty > 0 AND price > 0 AND score > 0 AND start_date > '2020-01-01'", "postgresql")
    row = {"qty": -5, "price": Decimal("-3.10"), "score": -2.0, "start_date": dt.date(2019, 1, 1)}
    fixed = repair_row(rules, row, BY_NAME, random.Random(0))
    assert fixed["qty"] == 1
    assert fixed["price"] == Decimal("0.01")
    assert 0 < fixed["score"] < 0.001
    assert fixed["start_date"] == dt.date(2020, 1, 2)


def test_repair_leaves_valid_rows_alone() -> None:
    rules = parse_check_sql("qty BETWEEN 1 AND 100 AND status IN ('a','b')", "sqlite")
    row = {"qty": 50, "status": "b", "other": "x"}
    assert repair_row(rules, row, BY_NAME, random.Random(0)) == row


# --- property tests: random (often out-of-range) rows become valid -----------------------------


def random_value(column: ColumnInfo, rng: random.Random) -> Any:
    if column.nullable and rng.random() < 0.1:
        return None
    return fit_value(column, _RANDOM[column.kind](rng))


def _random_string(rng: random.Random) -> str:
    alphabet = string.ascii_letters + "  éß中😀"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))


def _random_status(rng: random.Random) -> str:
    return (
        rng.choice(["a", "b", "c", "x", "y", "new", "paid", "draft", "", "  "])
        if rng.random() < 0.5
        else (_random_string(rng))
    )


_RANDOM = {
    "integer": lambda rng: rng.choice([rng.randint(-1000, 1000), rng.randint(-(2**31), 2**31 - 1), 0, 7, 5]),
    "decimal": lambda rng: Decimal(str(round(rng.uniform(-2000, 2000), rng.randint(0, 3)))),
    "float": lambda rng: rng.choice([rng.uniform(-1e6, 1e6), rng.uniform(-3, 3), 0.0]),
    "string": _random_status,
    "date": lambda rng: dt.date(1990, 1, 1) + dt.timedelta(days=rng.randint(0, 40 * 365)),
    "datetime": lambda rng: dt.datetime(1990, 1, 1) + dt.timedelta(seconds=rng.randint(0, 40 * 365 * 86400)),
}


@pytest.mark.parametrize("case", UNDERSTOOD, ids=_id)
def test_repair_satisfies_every_understood_check(case: tuple) -> None:
    dialect, sqltext = case[:2]
    table = TABLE.model_copy(update={"check_constraints": [CheckInfo(sqltext=sqltext)]})
    rules = parse_checks(table, dialect)
    rng = random.Random(sqltext)
    for _ in range(200):
        row = {c.name: random_value(c, rng) for c in COLUMNS}
        fixed = repair_row(rules, row, BY_NAME, rng)
        assert rules.holds(fixed) is True, (row, fixed)
        assert fixed.keys() == row.keys()


def test_repair_satisfies_a_combination_of_checks() -> None:
    texts = [
        "qty BETWEEN 1 AND 100",
        "qty <> 50",
        "status IN ('new','paid','shipped')",
        "length(code) <= 5 AND trim(code) <> ''",
        "end_date >= start_date",
        "discount < price",
        "price > 0 AND discount >= 0",
        "score < 10 OR score > 90",
    ]
    table = TABLE.model_copy(update={"check_constraints": [CheckInfo(sqltext=t) for t in texts]})
    rules = parse_checks(table, "sqlite")
    assert rules.unsupported == []
    rng = random.Random(42)
    for _ in range(300):
        row = {c.name: random_value(c, rng) for c in COLUMNS}
        assert rules.holds(repair_row(rules, row, BY_NAME, rng)) is True


# --- real databases ----------------------------------------------------------------------------

REAL_CHECKS = {
    "sqlite": {
        "range": "qty BETWEEN 1 AND 100",
        "list": "status IN ('new','paid','shipped')",
        "len": "length(code) <= 5 AND length(code) >= 2",
        "dates": "end_date >= start_date",
        "disc": "discount < price",
        "pos": "price > 0 AND discount >= 0",
        "ranges": "(score < 10 OR score > 90)",
    },
    "postgresql": {
        "range": "qty BETWEEN 1 AND 100",
        "list": "status IN ('new','paid','shipped')",
        "len": "char_length(code) <= 5 AND char_length(code) >= 2",
        "dates": "end_date >= start_date",
        "disc": "discount < price",
        "pos": "price > 0 AND discount >= 0",
        "ranges": "score < 10 OR score > 90",
    },
    "mysql": {
        "range": "qty BETWEEN 1 AND 100",
        "list": "status IN ('new','paid','shipped')",
        "len": "char_length(code) <= 5 AND octet_length(code) >= 2",
        "dates": "end_date >= start_date",
        "disc": "discount < price",
        "pos": "price > 0 AND discount >= 0",
        "ranges": "score < 10 OR score > 90",
    },
}
REAL_COLUMNS = (
    "id INTEGER PRIMARY KEY, qty INTEGER, status VARCHAR(10) NOT NULL, code VARCHAR(20), "
    "start_date DATE NOT NULL, end_date DATE, price NUMERIC(10,2) NOT NULL, discount NUMERIC(10,2), "
    "score {float}"
)
FLOAT_TYPE = {"sqlite": "REAL", "postgresql": "DOUBLE PRECISION", "mysql": "DOUBLE"}
# What each inspector gives back for some of the texts above (the forms CASES is written in).
REFLECTED = {
    "sqlite": {"range": "qty BETWEEN 1 AND 100", "ranges": "(score < 10 OR score > 90)"},
    "postgresql": {
        "range": "qty >= 1 AND qty <= 100",
        "list": "status::text = ANY (ARRAY['new'::character varying, 'paid'::character varying, "
        "'shipped'::character varying]::text[])",
        "len": "char_length(code::text) <= 5 AND char_length(code::text) >= 2",
        "pos": "price > 0::numeric AND discount >= 0::numeric",
    },
    "mysql": {
        "range": "`qty` between 1 and 100",
        "list": "`status` in ('new','paid','shipped')",
        "len": "char_length(`code`) <= 5 and octet_length(`code`) >= 2",
        "dates": "`end_date` >= `start_date`",
        "disc": "`discount` < `price`",
    },
}


@pytest.mark.server
@pytest.mark.parametrize("dialect", ["sqlite", "postgresql", "mysql"])
def test_repaired_rows_are_accepted_by_the_database(dialect: str, db_url: str) -> None:
    engine = make_engine(db_url)
    checks = ", ".join(f"CONSTRAINT ck_{name} CHECK ({sql})" for name, sql in REAL_CHECKS[dialect].items())
    try:
        with engine.begin() as conn:
            conn.execute(
                text(f"CREATE TABLE orders ({REAL_COLUMNS.format(float=FLOAT_TYPE[dialect])}, {checks})")
            )
        reflected = {c["name"]: c["sqltext"] for c in inspect(engine).get_check_constraints("orders")}
        for name, sqltext in REFLECTED[dialect].items():
            assert reflected[f"ck_{name}"] == sqltext
        with engine.connect() as conn:
            table = introspect(conn).table("orders")
        rules = parse_checks(table, dialect)
        assert rules.unsupported == []
        columns = {c.name: c for c in table.columns}
        rng = random.Random(dialect)
        rows = []
        for number in range(1, 201):
            row = {c.name: random_value(c, rng) for c in table.columns} | {"id": number}
            row["code"] = row["code"] if rng.random() < 0.8 else "中文😀中文"  # multi-byte strings
            fixed = repair_row(rules, row, columns, rng)
            assert rules.holds(fixed) is True, (row, fixed)
            rows.append(fixed)
        names = [c.name for c in table.columns]
        insert = text(f"INSERT INTO orders ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})")
        with engine.begin() as conn:
            executor = executor_for(conn)
            for row in rows:
                conn.execute(insert, {k: executor.adapt_param(v) for k, v in row.items()})
        with engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM orders")).scalar_one() == 200
    finally:
        engine.dispose()


NONSENSE = [
    "",
    "(",
    "1 = 1",
    "NULL",
    "qty",
    "qty IN (SELECT 1)",
    "qty = ANY (SELECT 1)",
    "qty > price + 1",
    "qty IS TRUE",
    "`qty` <=> 1",
    "length(code) <> 3",
    "qty IS NULL",
    "qty = NULL",
    "qty IN (NULL)",
    "upper(code) = code",
    "coalesce(qty, 0) > 0",
    "length(code) = 2.5",
    "qty BETWEEN NULL AND 3",
    "qty > 1 AND " * 300 + "qty < 5",
]


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql", "mysql"])
def test_parse_never_raises(dialect: str) -> None:
    for sqltext in NONSENSE:
        rules = parse_check_sql(sqltext, dialect, columns=[c.name for c in COLUMNS])
        assert rules.unsupported == [sqltext] or rules.bounds, sqltext
        repair_row(rules, {"qty": "not a number", "code": 5, "price": None}, BY_NAME, random.Random(0))


def test_rules_merge_and_keep_unsupported() -> None:
    merged = parse_check_sql("qty > 0", "sqlite").merged(parse_check_sql("code ~ '(x)'", "postgresql"))
    assert isinstance(merged, CheckRules)
    assert merged.bounds == {"qty": B(low=0, low_inclusive=False)}
    assert merged.unsupported == ["code ~ '(x)'"]


def test_a_text_its_own_reader_cannot_parse_is_tried_with_the_others() -> None:
    sqltext = "`qty` > 0"
    assert parse_check_text(sqltext, "postgres").unsupported == [sqltext]
    rules = parse_check_text(sqltext, "postgres", fallbacks=SQLGLOT_READERS)
    assert (rules.bounds, rules.unsupported) == ({"qty": B(low=0, low_inclusive=False)}, [])
