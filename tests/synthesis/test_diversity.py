"""Diverse at volume (#10): a large table keeps the variety of Faker called once per value,
children spread over their parents with a long tail, and timestamps over the run's window.

Generation runs through the synthesizer on a SQLite schema, without inserting (as bench/
gen_only.py does); the Faker-per-value reference is computed here, for the same provider,
arguments and row count as the plan gives each column.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter

import pytest

from querynl.db.engine import make_engine
from querynl.db.existing import ExistingData
from querynl.pipeline.generator import PreparedRun, TestDataGenerator
from querynl.providers import make_faker
from querynl.request.intent import parse_request
from querynl.synthesis.bulk import Composers
from querynl.synthesis.key_pools import KeyPool, skewed_indices
from querynl.synthesis.snapshot import existing_needs
from querynl.synthesis.streams import DEFAULT_WINDOW_DAYS, SEEDED_ANCHOR, resolve_dates
from querynl.synthesis.synthesizer import FakerDataSynthesizer
from querynl.synthesis.value_fitting import fit_value
from tests.databases import driver_connection
from tests.integrity import querynl

ROWS = 50_000
PEOPLE = """
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    full_name VARCHAR(100),
    email VARCHAR(120) NOT NULL UNIQUE,
    city VARCHAR(80),
    street VARCHAR(120),
    company VARCHAR(100),
    job_title VARCHAR(100),
    bio TEXT,
    headline VARCHAR(200),
    created_at TIMESTAMP,
    signup_date DATE,
    balance NUMERIC(12, 2)
);
"""
DIVERSE = (
    "full_name", "city", "street", "company", "job_title", "bio", "headline", "created_at",
    "signup_date", "balance",
)  # fmt: skip
SHOP = """
CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(80));
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    placed_at TIMESTAMP
);
"""


def _prepare(tmp_path, script: str, request: str, seed: int = 1) -> tuple[TestDataGenerator, PreparedRun]:
    url = f"sqlite:///{tmp_path / 'diverse.db'}"
    with driver_connection(url) as conn:
        conn.executescript(script)
    generator = TestDataGenerator(make_engine(url))
    schema = generator.introspect()
    return generator, generator.prepare(parse_request(request, schema, seed=seed), schema)


def _generate(generator: TestDataGenerator, run: PreparedRun, **options) -> dict[str, dict[str, list]]:
    """Every table's rows, column by column, generated and not inserted."""
    with generator.engine.connect() as conn:
        existing = ExistingData.read(conn, existing_needs(run.schema, run.plan))
    synth = FakerDataSynthesizer(run.schema, run.plan, existing, seed=run.seed, **options)
    tables = {}
    for name in run.plan.insertion_order:
        columns = synth.insert_columns(name)
        rows = [row for batch in synth.generate_table_data(name) for row in batch]
        tables[name] = {c: [row[i] for row in rows] for i, c in enumerate(columns)}
    return tables


def _faker_distinct(run: PreparedRun, table: str, column: str, count: int) -> int:
    """Distinct values of the column's provider called once per value, `count` times."""
    config = next(c for c in run.plan.table(table).columns if c.column_name == column)
    info = run.schema.table(table).column(column)
    fake = make_faker()
    fake.seed_instance(12345)
    make = fake.get_formatter(config.faker_provider)
    args = resolve_dates(config.provider_args, SEEDED_ANCHOR)
    return len({fit_value(info, make(**args)) for _ in range(count)})


def test_a_large_table_is_as_diverse_as_faker_per_value(tmp_path):
    generator, run = _prepare(tmp_path, PEOPLE, f"add {ROWS} people")
    people = _generate(generator, run)["people"]
    assert len(people["id"]) == ROWS
    assert len(set(people["email"])) == ROWS  # unique stays unique
    ratios = {}
    for column in DIVERSE:
        values = [v for v in people[column] if v is not None]
        ours = len(set(values))
        theirs = _faker_distinct(run, "people", column, len(values))
        ratios[column] = (ours, theirs)
    short = {c: r for c, r in ratios.items() if r[0] < 0.9 * r[1]}
    assert not short, f"distinct values (ours, Faker per value) below 90%: {short}"
    assert ratios["job_title"][1] > 500  # the locale's jobs, not two dozen titles


def test_bulk_values_repeat_with_the_seed(tmp_path):
    generator, run = _prepare(tmp_path, PEOPLE, "add 3000 people", seed=7)
    first = _generate(generator, run)["people"]
    again = _generate(generator, run)["people"]
    assert first == again
    bios = [b for b in first["bio"] if b is not None]
    assert len(set(bios)) > 0.99 * len(bios) > 2_000  # drawn in bulk (over 2,000 rows), not from a pool


def test_children_per_parent_have_a_long_tail(tmp_path):
    generator, run = _prepare(tmp_path, SHOP, "add 1000 customers and 20000 orders")
    tables = _generate(generator, run)
    per_parent = Counter(tables["orders"]["customer_id"])
    counts = [per_parent.get(key, 0) for key in tables["customers"]["id"]]
    mean = statistics.mean(counts)
    assert mean == 20
    assert max(counts) >= 4 * mean  # some customers order a lot
    assert sum(c < mean for c in counts) > 0.6 * len(counts)  # most order less than the mean
    assert sum(c > 0 for c in counts) > 0.9 * len(counts)  # and nearly all order something


def test_skewed_indices_reach_every_parent_and_repeat_with_the_seed():
    import random

    draws = skewed_indices(random.Random(3), 10, 5_000, spread=99)
    assert set(draws) == set(range(10))
    assert draws == skewed_indices(random.Random(3), 10, 5_000, spread=99)
    assert Counter(skewed_indices(random.Random(3), 10, 5_000, spread=1234)) != Counter(draws)
    assert skewed_indices(random.Random(3), 0, 5) == []
    pool = KeyPool([("a",), ("b",)])
    assert {pool.pick(random.Random(i), 5)[0] for i in range(50)} == {"a", "b"}


@pytest.mark.parametrize("rows", [500, 5_000])  # Faker per value, and in bulk
@pytest.mark.parametrize("window_days", [None, 90])
def test_timestamps_spread_over_the_window(tmp_path, rows, window_days):
    generator, run = _prepare(tmp_path, SHOP, f"add 50 customers and {rows} orders")
    placed = _generate(generator, run, window_days=window_days)["orders"]["placed_at"]
    days = window_days or DEFAULT_WINDOW_DAYS
    start, end = SEEDED_ANCHOR - dt.timedelta(days=days), SEEDED_ANCHOR
    moments = [m for m in placed if m is not None]
    assert all(start <= m <= end for m in moments)
    span = end - start
    assert min(moments) - start < span * 0.02 and end - max(moments) < span * 0.02


def test_seed_takes_a_window(tmp_path):
    url = f"sqlite:///{tmp_path / 'window.db'}"
    with driver_connection(url) as conn:
        conn.executescript(SHOP)
    done = querynl("seed", url, "add 20 customers and 300 orders", "--yes", "--seed", "2", "--window", "30d")
    assert done.status == 0, done.stderr
    with driver_connection(url) as conn:
        low, high = conn.execute("SELECT MIN(placed_at), MAX(placed_at) FROM orders").fetchone()
    assert dt.datetime.fromisoformat(low) >= SEEDED_ANCHOR - dt.timedelta(days=30)
    assert dt.datetime.fromisoformat(high) <= SEEDED_ANCHOR
    bad = querynl("seed", url, "add 5 customers", "--yes", "--window", "soon")
    assert bad.status == 2
    assert "not a time span" in bad.stderr and "Traceback" not in bad.stderr


DOMAIN_ROWS = 3_000  # over BULK_ROWS: drawn in bulk
DOMAIN_TABLES = """
CREATE TABLE products (id INTEGER PRIMARY KEY, name VARCHAR(120), price NUMERIC(10, 2));
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    title VARCHAR(200),
    slug VARCHAR(220) NOT NULL UNIQUE,
    excerpt VARCHAR(300),
    body TEXT,
    followers_count INTEGER
);
"""


def test_domain_vocabularies_at_volume_are_as_diverse_as_faker_per_value(tmp_path):
    request = f"add {DOMAIN_ROWS} products and {DOMAIN_ROWS} posts for my blog"
    generator, run = _prepare(tmp_path, DOMAIN_TABLES, request)
    composers = Composers(make_faker(), SEEDED_ANCHOR, 1)
    for table, column in (("products", "name"), ("posts", "title"), ("posts", "excerpt"), ("posts", "body")):
        config = run.plan.table(table).column(column)
        assert config.note.endswith(("(e-commerce)", "(blog)")), config  # a domain vocabulary...
        assert composers.composer(config.faker_provider, config.provider_args) is not None  # ...composed
    tables = _generate(generator, run)
    short = {}
    for table, column in (("products", "name"), ("products", "price"), ("posts", "title"), ("posts", "slug"),
                          ("posts", "excerpt"), ("posts", "body"), ("posts", "followers_count")):  # fmt: skip
        values = [v for v in tables[table][column] if v is not None]
        ours, theirs = len(set(values)), _faker_distinct(run, table, column, len(values))
        if ours < 0.9 * theirs:
            short[f"{table}.{column}"] = (ours, theirs)
    assert not short, f"distinct values (ours, Faker per value) below 90%: {short}"
