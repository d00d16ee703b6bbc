"""Issue 4: every constraint real databases use, on each dialect that has it, with schemas
written here (tests/edge_schemas.py). Each schema is filled twice (`fill_twice`) on the seeds
of tests/seeds.py (one per schema in CI, ten in `make sweep`), then the targeted tests check
what that constraint means for the rows."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from faker import Faker
from sqlalchemy import inspect

from tests.corpus import FIXED_DATABASE, corpus, load, require_corpus
from tests.corpus_runs import fill_twice, seed_ok
from tests.databases import DIALECTS, connected, execute_statements, fresh_database, q
from tests.edge_schemas import (
    EDGE_SCHEMAS,
    NO_FEATURE,
    TRIGGER_MESSAGE,
    UNIQUES_SEED_ROWS,
    create_edge_schema,
)
from tests.integrity import assert_no_orphans, duplicate_unique_values, querynl, row_counts
from tests.seeds import seeded_cases

# Schemas `fill_twice` cannot apply to, by design; each has its targeted test below.
NOT_FILLED_TWICE = {
    "tiny_domains": "a table holds at most 2 rows by design (test_tiny_unique_domains_are_capped)",
    "triggers": "a trigger rejects rows by design (test_trigger_rejections_are_reported)",
}
NOT_FILLED_TWICE_ON = {
    ("hard_cycle", "postgresql"): "PostgreSQL cannot postpone a non-DEFERRABLE key "
    "(test_postgresql_hard_cycle_is_refused)",
}
CASES = [(name, dialect) for name in EDGE_SCHEMAS for dialect in DIALECTS]


def _skip_reason(name: str, dialect: str) -> str | None:
    if dialect not in EDGE_SCHEMAS[name]:
        return NO_FEATURE.get((name, dialect), f"{dialect} lacks the feature {name} needs")
    return NOT_FILLED_TWICE.get(name) or NOT_FILLED_TWICE_ON.get((name, dialect))


@pytest.fixture
def edge_db(request, tmp_path):
    """A fresh database of `dialect` holding the edge schema `name` (indirect parameters)."""
    name, dialect = request.param
    if dialect not in EDGE_SCHEMAS[name]:
        pytest.skip(NO_FEATURE.get((name, dialect), f"{dialect} lacks the feature"))
    with fresh_database(dialect, tmp_path) as url:
        create_edge_schema(url, name)
        yield url, dialect


def on(name: str, dialects=DIALECTS):
    cases = [(name, d) for d in dialects]
    return pytest.mark.parametrize("edge_db", cases, ids=[f"{d}-{name}" for _, d in cases], indirect=True)


def rows(url: str, sql: str) -> list[tuple]:
    with connected(url) as (_engine, conn):
        return [tuple(r) for r in conn.exec_driver_sql(sql).fetchall()]


@pytest.mark.parametrize(("name", "dialect", "seed"), seeded_cases(CASES, lambda n, d: f"{d}-{n}", count=1))
def test_edge_schema_filled_twice(name, dialect, seed, tmp_path):
    reason = _skip_reason(name, dialect)
    if reason:
        pytest.skip(reason)
    with fresh_database(dialect, tmp_path) as url:
        create_edge_schema(url, name)
        fill_twice(url, seed)
        assert not any(duplicate_unique_values(url).values())


# -- 1. foreign keys ------------------------------------------------------------------------


@on("composite_fk")
def test_composite_foreign_key_points_at_whole_parent_keys(edge_db):
    url, _ = edge_db
    seed_ok(url, "add 60 stores")
    pairs = rows(url, "SELECT country_code, region_no FROM stores")
    parents = set(rows(url, "SELECT country_code, region_no FROM regions"))
    assert len(pairs) >= 60 and set(pairs) <= parents and len(set(pairs)) > 1


@on("same_parent")
def test_several_keys_to_one_parent_are_drawn_independently(edge_db):
    url, _ = edge_db
    seed_ok(url, "add 60 matches")
    found = rows(url, "SELECT home_team_id, away_team_id FROM matches")
    assert len(found) >= 60
    assert all(home != away for home, away in found)
    assert len({h for h, _ in found}) > 1 and len({a for _, a in found}) > 1


@on("fk_to_unique")
def test_foreign_key_to_a_unique_column_that_is_not_the_primary_key(edge_db):
    url, _ = edge_db
    seed_ok(url, "add 40 orders")
    codes = {c for (c,) in rows(url, "SELECT code FROM customers")}
    used = [c for (c,) in rows(url, "SELECT customer_code FROM orders")]
    assert len(used) >= 40 and set(used) <= codes and len(set(used)) > 1


@on("tree")
def test_self_reference_builds_a_tree(edge_db):
    url, _ = edge_db
    seed_ok(url, "add 60 categories")
    parent_of = dict(rows(url, "SELECT id, parent_id FROM categories"))
    assert len(parent_of) >= 50
    assert any(p is None for p in parent_of.values())
    assert all(p is None or p in parent_of for p in parent_of.values())

    def depth(node, seen=()):
        parent = parent_of[node]
        assert node not in seen, "a cycle in the tree"
        return 0 if parent is None else 1 + depth(parent, (*seen, node))

    assert max(depth(n) for n in parent_of) > 1


@on("one_to_one")
def test_one_to_one_is_capped_by_the_parents_available(edge_db):
    url, _ = edge_db
    run = querynl("seed", url, "add 5 users and 50 profiles", "--yes", "--json")
    assert run.status == 0, run.stderr[-2000:]
    assert run.summary["inserted"]["profiles"] == 5
    assert not any(run.summary["failed"].values())
    assert re.search(r"profiles.*capped at 5", run.stderr.replace("\n", " ")), run.stderr[-2000:]
    users = [u for (u,) in rows(url, "SELECT user_id FROM profiles")]
    assert len(users) == len(set(users)) == 5


# -- 2. cycles --------------------------------------------------------------------------------


@on("nullable_cycle")
def test_nullable_cycle_key_is_set_by_update(edge_db):
    url, _ = edge_db
    plan = querynl("seed", url, "add sample data", "--dry-run")
    assert "Foreign-key cycles broken at departments(manager_id)" in " ".join(plan.stdout.split())
    seed_ok(url, "add sample data", seed=1)  # a fixed draw: NULLs come at the plan's rate
    managers = [m for (m,) in rows(url, "SELECT manager_id FROM departments")]
    assert sum(m is not None for m in managers) >= 0.7 * len(managers), managers
    assert_no_orphans(url)


@on("deferrable_cycle", dialects=("postgresql",))
def test_postgresql_deferrable_not_null_cycle(edge_db):
    url, _ = edge_db
    seed_ok(url, "add sample data")
    assert all(row_counts(url)[t] >= 10 for t in ("departments", "employees"))
    assert_no_orphans(url)


@on("hard_cycle", dialects=("postgresql",))
def test_postgresql_hard_cycle_is_refused(edge_db):
    url, _ = edge_db
    run = querynl("seed", url, "add sample data", "--yes", "--json")
    assert run.status == 2, run.stderr[-2000:]
    assert run.summary["ok"] is False
    assert "cycle" in run.summary["error"]
    assert "departments" in run.summary["error"] and "employees" in run.summary["error"]
    assert set(row_counts(url).values()) == {0}


@on("hard_cycle", dialects=("sqlite", "mysql"))
def test_not_null_cycle_by_postponed_checks(edge_db):
    url, _ = edge_db
    seed_ok(url, "add sample data")
    assert all(row_counts(url)[t] >= 10 for t in ("departments", "employees"))
    assert_no_orphans(url)


# -- 3. junctions -----------------------------------------------------------------------------


@on("junction")
def test_junction_pairs_are_distinct_and_capped(edge_db):
    url, _ = edge_db
    run = querynl("seed", url, "add 3 students, 2 courses and 500 enrollments", "--yes", "--json")
    assert run.status == 0, run.stderr[-2000:]
    assert not any(run.summary["failed"].values())
    assert run.summary["inserted"]["enrollments"] == 6
    assert re.search(r"enrollments.*capped at 6", run.stderr.replace("\n", " ")), run.stderr[-2000:]
    assert any(n.startswith("enrollments: capped at 6") for n in run.summary["notes"]), run.summary["notes"]
    pairs = rows(url, "SELECT student_id, course_id FROM enrollments")
    assert len(pairs) == len(set(pairs)) == 6


# -- 4. uniques -------------------------------------------------------------------------------


@on("uniques")
def test_uniques_avoid_each_other_and_existing_rows(edge_db):
    url, _ = edge_db
    execute_statements(url, UNIQUES_SEED_ROWS)
    before = row_counts(url)
    seed_ok(url, "add 300 people, 100 tags and 200 countries")
    after = row_counts(url)
    assert after["people"] - before["people"] >= 300
    assert after["countries"] - before["countries"] >= 200
    assert not any(duplicate_unique_values(url).values()), duplicate_unique_values(url)
    emails = [e.casefold() for (e,) in rows(url, "SELECT email FROM people") if e]
    assert emails.count("john@example.com") == 1
    fill_twice(url)
    assert not any(duplicate_unique_values(url).values())


@on("tiny_domains")
def test_tiny_unique_domains_are_capped(edge_db):
    url, _ = edge_db
    run = querynl("seed", url, "add 500 switches and 500 codes", "--yes", "--json")
    assert run.status == 0, run.stderr[-2000:]
    assert not any(run.summary["failed"].values()), run.summary["errors"][:3]
    assert run.summary["inserted"]["switches"] == 2
    assert re.search(r"switches.*capped at 2", run.stderr.replace("\n", " ")), run.stderr[-2000:]
    assert run.summary["inserted"]["codes"] == 500
    assert not any(duplicate_unique_values(url).values())
    codes = [c for (c,) in rows(url, "SELECT code FROM codes")]
    assert all(len(c.strip()) == 2 for c in codes)


# -- 5. checks --------------------------------------------------------------------------------


@on("checks")
def test_checks_hold_and_unsupported_ones_are_reported(edge_db):
    url, _ = edge_db
    run = querynl("seed", url, "add 200 products", "--yes", "--json")
    assert run.status == 0, run.stderr[-2000:]
    assert not any(run.summary["failed"].values()), run.summary["errors"][:3]
    assert "CHECK not understood" in run.stderr and "abs" in run.stderr
    rationale = " ".join(run.stderr.split())
    assert "CHECK constraints not understood on products" in rationale
    sql = (
        "SELECT name, price, discount, quantity, status, sku, weight, rating, stock, start_date, "
        "end_date FROM products"
    )
    for name, price, discount, qty, status, sku, weight, rating, stock, start, end in rows(url, sql):
        assert len(name) <= 40 and Decimal(price) > 0 and Decimal(discount) < Decimal(price)
        assert 1 <= qty <= 100 and status in ("new", "used", "refurbished")
        assert sku is None or len(sku) <= 6
        assert weight is not None and (rating is None or 1 <= rating <= 5)
        assert 0 <= stock < 1000 or stock == 5000
        assert end is None or str(end)[:10] >= str(start)[:10]


# -- 6. types ---------------------------------------------------------------------------------


@on("types")
def test_types_fit_their_columns(edge_db):
    url, dialect = edge_db
    seed_ok(url, "add 100 gadgets")
    with connected(url) as (_engine, conn):
        names = [c["name"] for c in inspect(conn).get_columns("gadgets")]
    found = [dict(zip(names, r, strict=True)) for r in rows(url, "SELECT * FROM gadgets")]
    assert len(found) >= 100
    for row in found:
        assert abs(Decimal(str(row["ratio"]))) < 100 and abs(Decimal(str(row["whole"]))) < 1000
        assert Decimal(str(row["whole"])) == Decimal(str(row["whole"])).to_integral_value()
        assert len(row["code"].rstrip()) == 5 and len(row["abbr"]) <= 3
        assert row["quirk"] == 7, "a column with only the type fallback is left to its DEFAULT"
        assert row["mood"] in ("happy", "sad", "neutral")
    if dialect == "postgresql":
        assert all(1 <= r["score"] <= 10 for r in found)
        assert all(r["label"] is None or 2 <= len(r["label"]) <= 8 for r in found)
        assert all(
            r["price_with_tax"] == (r["price"] * Decimal("1.2")).quantize(Decimal("0.01")) for r in found
        )
    if dialect == "mysql":
        assert all(1901 <= int(r["made_year"]) <= 2155 for r in found)
        assert all(0 <= r["tiny_u"] <= 255 and r["big_u"] >= 0 for r in found)
        assert all(set(r["features"].split(",")) <= {"wifi", "bluetooth", "nfc", ""} for r in found)


# -- 8. triggers ------------------------------------------------------------------------------


@on("triggers")
def test_trigger_rejections_are_reported(edge_db):
    url, _ = edge_db
    run = querynl("seed", url, "add 60 readings", "--yes", "--json")
    assert run.status == 1, run.stderr[-2000:]
    summary = run.summary
    assert summary["failed"]["readings"] > 0 and summary["inserted"]["readings"] > 0
    assert summary["failed"]["readings"] + summary["inserted"]["readings"] == 60
    assert any(TRIGGER_MESSAGE in e["message"] for e in summary["errors"]), summary["errors"][:3]
    scores = [s for (s,) in rows(url, "SELECT score FROM readings")]
    assert len(scores) == summary["inserted"]["readings"] and all(s % 3 for s in scores)


# -- 9. realism -------------------------------------------------------------------------------

_FAKER_CITIES = None


def _letters(value) -> bool:
    return isinstance(value, str) and bool(
        # a leading apostrophe for places such as 's-Hertogenbosch or 't Zandt (nl_NL addresses)
        re.fullmatch(r"'?[^\W\d_]+(?:[ '.\-,()&/][^\W\d_]*)*\.?", value.strip())
    )


def _city(value) -> bool:
    global _FAKER_CITIES
    if _FAKER_CITIES is None:
        fake = Faker("en_US")
        _FAKER_CITIES = {fake.city() for _ in range(2000)}
    return value in _FAKER_CITIES or _letters(value)


def _money(value) -> bool:
    number = Decimal(str(value))
    return number > 0 and number == number.quantize(Decimal("0.01"))


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _past(years: int):
    def check(value) -> bool:
        day = _as_date(value)
        return (
            dt.date.today() - dt.timedelta(days=365 * years) <= day <= dt.date.today() + dt.timedelta(days=1)
        )

    return check


def _phone(value) -> bool:
    return len(re.findall(r"\d", str(value))) >= 7


def _email(value) -> bool:
    return bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", str(value), re.I))


def _postal(value) -> bool:
    return bool(re.fullmatch(r"[A-Z0-9][A-Z0-9 \-]{2,9}", str(value).strip(), re.I))


def _company(value) -> bool:
    return bool(re.search(r"[A-Za-z]{2}", str(value)))


# column name (lowercase, no underscores or spaces) -> what a plausible value looks like
MEANINGS: list[tuple[re.Pattern, object]] = [
    (re.compile(r"(billing|ship)?city$"), _city),
    (re.compile(r"(billing|ship)?country$"), _letters),
    (re.compile(r"(unitprice|listprice|rentalrate|replacementcost|freight)$"), _money),
    (re.compile(r"hiredate$"), _past(40)),
    (re.compile(r"lastupdate$"), _past(40)),
    (re.compile(r"^(homephone|phone|fax|mobile)$"), _phone),
    (re.compile(r"e?mail$"), _email),
    (re.compile(r"^(firstname|lastname)$"), _letters),
    (re.compile(r"(billing|ship)?postalcode$"), _postal),
    (re.compile(r"companyname$"), _company),
]


def _meaning(column: str):
    key = re.sub(r"[_ ]", "", column.lower())
    return next((check for pattern, check in MEANINGS if pattern.search(key)), None)


def plausibility(url: str) -> tuple[int, int, list[str]]:
    """(plausible values, checked values, a few implausible examples) over every column
    whose name has a known meaning."""
    good = total = 0
    bad: list[str] = []
    with connected(url) as (engine, conn):
        insp = inspect(conn)
        for table in insp.get_table_names():
            for column in insp.get_columns(table):
                check = _meaning(column["name"])
                if check is None:
                    continue
                sql = f"SELECT {q(engine, column['name'])} FROM {q(engine, table)}"
                for (value,) in conn.exec_driver_sql(sql):
                    if value is None:
                        continue
                    total += 1
                    try:
                        ok = check(value)
                    except (ValueError, ArithmeticError):
                        ok = False
                    good += ok
                    if not ok and len(bad) < 10:
                        bad.append(f"{table}.{column['name']}={value!r}")
    return good, total, bad


@on("realism")
def test_values_look_right_for_real_column_names(edge_db):
    url, _ = edge_db
    seed_ok(url, "add 100 customers, 50 employees, 50 products and 100 orders")
    good, total, bad = plausibility(url)
    print(f"realism share (own schema): {good}/{total} = {good / total:.1%}")
    assert total > 1000 and good == total, bad


CORPUS = corpus() or [("sqlite", "chinook")]


@pytest.mark.parametrize(("dialect", "name"), CORPUS, ids=[f"{d}-{n}" for d, n in CORPUS])
def test_realism_share_over_the_corpus(dialect, name, tmp_path):
    require_corpus()
    with fresh_database(dialect, tmp_path, FIXED_DATABASE.get((dialect, name))) as url:
        load(dialect, url, name)
        seed_ok(url, "add sample data")
        good, total, bad = plausibility(url)
    share = good / total if total else 1.0
    print(f"realism share {dialect}/{name}: {good}/{total} = {share:.1%}")
    assert share >= 0.95, bad
