"""A request changes only what it names: the whole `counts` map of `seed --dry-run --json`.

One schema with a chain (countries <- addresses <- people <- orders <- order_items), a
self-reference (categories), a one-to-one link (profiles), a junction (order_items), a
prefixed table alone in its prefix (qn_comments) and irregular plurals (people, boxes,
statuses, analyses, addresses, categories). Every request is planned on an empty database
and on one that already holds rows, on every dialect.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Column, ForeignKey, Integer, MetaData, PrimaryKeyConstraint, String, Table, Text

from querynl.cli import seed_command
from tests.databases import DIALECTS, engine_for, execute_statements, fresh_database
from tests.integrity import querynl, row_counts

D = "default"  # the planner's default count (10 to 20 rows)
DEFAULT_RANGE = range(10, 21)


def scope_schema() -> MetaData:
    md = MetaData()
    Table("countries", md, Column("id", Integer, primary_key=True), Column("name", String(60)))
    Table(
        "addresses",
        md,
        Column("id", Integer, primary_key=True),
        Column("country_id", Integer, ForeignKey("countries.id"), nullable=False),
        Column("street", String(120)),
    )
    Table(
        "people",
        md,
        Column("id", Integer, primary_key=True),
        Column("address_id", Integer, ForeignKey("addresses.id")),
        Column("name", String(80), nullable=False),
    )
    Table(
        "profiles",
        md,
        Column("person_id", Integer, ForeignKey("people.id"), primary_key=True, autoincrement=False),
        Column("bio", Text),
    )
    Table(
        "categories",
        md,
        Column("id", Integer, primary_key=True),
        Column("parent_id", Integer, ForeignKey("categories.id")),
        Column("name", String(60), nullable=False),
    )
    Table("boxes", md, Column("id", Integer, primary_key=True), Column("label", String(40)))
    Table(
        "statuses",
        md,
        Column("id", Integer, primary_key=True),
        Column("label", String(40), nullable=False, unique=True),
    )
    Table(
        "analyses",
        md,
        Column("id", Integer, primary_key=True),
        Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
        Column("status_id", Integer, ForeignKey("statuses.id"), nullable=False),
        Column("result", Text),
    )
    Table(
        "products",
        md,
        Column("id", Integer, primary_key=True),
        Column("category_id", Integer, ForeignKey("categories.id"), nullable=False),
        Column("box_id", Integer, ForeignKey("boxes.id")),
        Column("name", String(80), nullable=False),
    )
    Table(
        "orders",
        md,
        Column("id", Integer, primary_key=True),
        Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
        Column("status_id", Integer, ForeignKey("statuses.id")),
    )
    Table(
        "order_items",
        md,
        Column("order_id", Integer, ForeignKey("orders.id"), nullable=False),
        Column("product_id", Integer, ForeignKey("products.id"), nullable=False),
        Column("quantity", Integer, nullable=False),
        PrimaryKeyConstraint("order_id", "product_id"),
    )
    Table(
        "qn_comments",
        md,
        Column("id", Integer, primary_key=True),
        Column("person_id", Integer, ForeignKey("people.id")),
        Column("body", Text, nullable=False),
    )
    return md


TABLES = [t.name for t in scope_schema().sorted_tables]
ALL_DEFAULT = dict.fromkeys(TABLES, D)
# Parents pulled in by a table, when empty: {table: its needed ancestors at the default count}.
UP_PEOPLE = {"addresses": D, "countries": D}
UP_ORDERS = {"people": D, "statuses": D, **UP_PEOPLE}
UP_PRODUCTS = {"categories": D, "boxes": D}

# (request, counts on an empty database); on a filled database only the named tables get rows.
CASES: list[tuple[str, dict[str, object]]] = [
    ("add 100 people", {"people": 100, **UP_PEOPLE}),
    ("add 5 person", {"people": 5, **UP_PEOPLE}),
    ("add 5 People", {"people": 5, **UP_PEOPLE}),
    ("add 5 countries", {"countries": 5}),
    ("add 1 country", {"countries": 1}),
    ("add 3 addresses", {"addresses": 3, "countries": D}),
    ("add 3 address", {"addresses": 3, "countries": D}),
    ("add 12 categories", {"categories": 12}),
    ("add 6 category", {"categories": 6}),
    ("add 7 boxes", {"boxes": 7}),
    ("add 3 box", {"boxes": 3}),
    ("add 4 statuses", {"statuses": 4}),
    ("add 4 status", {"statuses": 4}),
    ("add 2 analyses", {"analyses": 2, "people": D, "statuses": D, **UP_PEOPLE}),
    ("add 2 analysis", {"analyses": 2, "people": D, "statuses": D, **UP_PEOPLE}),
    ("add 10 profiles", {"profiles": 10, "people": D, **UP_PEOPLE}),
    ("add 50 profiles", {"profiles": 50, "people": 50, **UP_PEOPLE}),
    ("add 1 profile", {"profiles": 1, "people": D, **UP_PEOPLE}),
    ("add 30 products", {"products": 30, **UP_PRODUCTS}),
    ("add 100 products and 10 categories", {"products": 100, "categories": 10, "boxes": D}),
    ("populate orders with 300 rows", {"orders": 300, **UP_ORDERS}),
    ("add 8 orders", {"orders": 8, **UP_ORDERS}),
    ("add 400 order items", {"order_items": 400, "orders": 20, "products": 20, **UP_ORDERS, **UP_PRODUCTS}),
    (
        "add 300 rows to order items",
        {"order_items": 300, "orders": (18, 20), "products": (18, 20), **UP_ORDERS, **UP_PRODUCTS},
    ),  # fmt: skip
    ("add 5 order_items", {"order_items": 5, "orders": D, "products": D, **UP_ORDERS, **UP_PRODUCTS}),
    ("add 5 order items", {"order_items": 5, "orders": D, "products": D, **UP_ORDERS, **UP_PRODUCTS}),
    ("add 5 OrderItems", {"order_items": 5, "orders": D, "products": D, **UP_ORDERS, **UP_PRODUCTS}),
    ("add 5 orderItems", {"order_items": 5, "orders": D, "products": D, **UP_ORDERS, **UP_PRODUCTS}),
    ("add 9 comments", {"qn_comments": 9, "people": D, **UP_PEOPLE}),
    ("add 9 comment", {"qn_comments": 9, "people": D, **UP_PEOPLE}),
    ("add 9 qn_comments", {"qn_comments": 9, "people": D, **UP_PEOPLE}),
    ("add a dozen boxes", {"boxes": 12}),
    ("add 100 people and 5 countries", {"people": 100, "countries": 5, "addresses": D}),
    ("add 2 countries, 3 addresses and 4 people", {"countries": 2, "addresses": 3, "people": 4}),
    ("people: 5, boxes: 3", {"people": 5, "boxes": 3, **UP_PEOPLE}),
    ("add 100 people and sample data for the rest", {**ALL_DEFAULT, "people": 100}),
    ("add 100 people and fill everything else", {**ALL_DEFAULT, "people": 100}),
    ("add 3 boxes and fill the rest", {**ALL_DEFAULT, "boxes": 3}),
    ("add sample data", ALL_DEFAULT),
    ("add e-commerce sample data", ALL_DEFAULT),
    ("add 100 records", dict.fromkeys(TABLES, 100)),
    ("add 15 rows", dict.fromkeys(TABLES, 15)),
]
EVERY_TABLE = {"add sample data", "add e-commerce sample data", "add 100 records", "add 15 rows"}


# On a database that already holds rows, only the named tables get rows (every table where
# the request asks for it); one-to-one and junction tables are capped by the parents there.
CAPPED = {"profiles": (0, 50), "order_items": (0, 400)}


def on_filled_database(text: str, expected: dict[str, object]) -> dict[str, object]:
    if text in EVERY_TABLE or "rest" in text or "everything else" in text:
        return expected | ({"profiles": (0, 20)} if expected["profiles"] == D else {})
    named = [t for t in expected if t == next(iter(expected)) or t in MULTI_NAMED.get(text, ())]
    return {t: CAPPED.get(t, expected[t]) for t in named}


MULTI_NAMED = {
    "add 100 products and 10 categories": ("categories",),
    "add 100 people and 5 countries": ("countries",),
    "add 2 countries, 3 addresses and 4 people": ("addresses", "people"),
    "people: 5, boxes: 3": ("boxes",),
}


def matches(expected: object, actual: int) -> bool:
    if expected == D:
        return actual in DEFAULT_RANGE
    if isinstance(expected, tuple):
        return expected[0] <= actual <= expected[1]
    return actual == expected


def dry_run_counts(url: str, text: str, capsys) -> dict:
    capsys.readouterr()
    status = seed_command.main([url, text, "--dry-run", "--json", "--seed", "7"])
    out = capsys.readouterr().out.strip().splitlines()
    assert status == 0, out
    return json.loads(out[-1])


@pytest.fixture(scope="module", params=DIALECTS)
def scope_databases(request, tmp_path_factory):
    """(empty database URL, filled database URL) with the schema, per dialect."""
    folders = [tmp_path_factory.mktemp(f"{request.param}-{state}") for state in ("empty", "full")]
    with (
        fresh_database(request.param, folders[0]) as empty,
        fresh_database(request.param, folders[1]) as full,
    ):
        for url in (empty, full):
            engine = engine_for(url)
            scope_schema().create_all(engine)
            engine.dispose()
        run = querynl("seed", full, "add sample data", "--yes", "--json", "--seed", "3")
        assert run.status == 0, run.stderr
        yield empty, full


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_request_fills_exactly_what_it_names(scope_databases, text, expected, capsys):
    empty, full = scope_databases
    for url, wanted in ((empty, expected), (full, on_filled_database(text, expected))):
        summary = dry_run_counts(url, text, capsys)
        counts = summary["counts"]
        assert set(counts) == set(wanted), (url.split(":")[0], counts)
        assert all(matches(wanted[t], counts[t]) for t in wanted), (url.split(":")[0], counts, wanted)


def test_extra_tables_say_why(scope_databases, capsys):
    empty, _full = scope_databases
    summary = dry_run_counts(empty, "add 2 analyses", capsys)
    assert summary["reasons"]["analyses"] == "requested"
    assert summary["reasons"]["statuses"] == "needed by analyses.status_id"
    assert summary["reasons"]["addresses"].startswith("needed by people.address_id (nullable")
    assert any(n.startswith("statuses: ") and "needed by analyses.status_id" in n for n in summary["notes"])


def test_filled_parents_are_reused_not_filled(scope_databases, capsys):
    _empty, full = scope_databases
    before = row_counts(full)
    summary = dry_run_counts(full, "add 2 analyses", capsys)
    assert summary["counts"] == {"analyses": 2}
    assert row_counts(full) == before  # a dry run writes nothing


AMBIGUOUS = [
    "CREATE TABLE order_item (id INTEGER PRIMARY KEY)",
    "CREATE TABLE order_items (id INTEGER PRIMARY KEY)",
]


def test_two_equal_matches_fail_in_seed_naming_both(db_url):
    execute_statements(db_url, AMBIGUOUS)
    run = querynl("seed", db_url, "add 5 order items", "--yes", "--json")
    assert run.status == 2
    assert run.summary == {
        "ok": False,
        "error": "'order items' matches 'order_item' and 'order_items' equally; name one of them.",
    }
    assert row_counts(db_url) == {"order_item": 0, "order_items": 0}


def test_two_equal_matches_are_asked_in_the_repl(db_url):
    execute_statements(db_url, AMBIGUOUS)
    run = querynl(db_url, stdin="add 5 order items\n2\ny\n\\q\n")
    assert run.status == 0, run.stderr
    assert "'order items' could mean:" in run.stdout and "Which table? [1-2]" in run.stdout
    assert row_counts(db_url) == {"order_item": 0, "order_items": 5}


def test_schema_qualified_words_on_postgresql(scope_databases, capsys):
    empty, _full = scope_databases
    if not empty.startswith("postgresql"):
        pytest.skip("schema-qualified table words are checked on PostgreSQL")
    assert dry_run_counts(empty, "add 5 public.boxes", capsys)["counts"] == {"boxes": 5}
