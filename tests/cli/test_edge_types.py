"""Issue 9 class 15: database types that used to get random text, and partitions
(tests/edge_cases/types.py), filled twice, one test per seed (tests/seeds.py: two in CI, ten
in `make sweep`): no failed row, no orphan, every table non-empty; then the server itself
checks the values' shapes."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from tests.corpus_runs import seed_ok
from tests.databases import connected, execute_statements, fresh_database
from tests.edge_cases.types import ISN_CONTROL, TYPE_SCHEMAS
from tests.edge_schemas import statements
from tests.integrity import assert_integrity, row_counts
from tests.seeds import seeded_cases

CASES = [(name, d) for name in TYPE_SCHEMAS for d in ("postgresql", "mysql") if d in TYPE_SCHEMAS[name]]

# Each query counts the rows whose value does not have the shape its type promises.
PG_SHAPES = {
    "typed_things": [
        "SELECT COUNT(*) FROM typed_things WHERE bit_length(flags) <> 8 OR bit_length(one_bit) <> 1",
        "SELECT COUNT(*) FROM typed_things WHERE bit_length(mask) > 12",
        "SELECT COUNT(*) FROM typed_things WHERE (home).zip !~ '^[0-9]{5}$' OR (home).street IS NULL",
        "SELECT COUNT(*) FROM typed_things WHERE isempty(seats) OR lower(seats) > upper(seats)",
        "SELECT COUNT(*) FROM typed_things WHERE isempty(price_band)"
        " OR lower(price_band) > upper(price_band)",
        "SELECT COUNT(*) FROM typed_things WHERE isempty(stay) OR lower(stay) > upper(stay)",
        "SELECT COUNT(*) FROM typed_things WHERE isempty(shift) OR isempty(booked)"
        " OR upper(booked) - lower(booked) > interval '60 days'",
        "SELECT COUNT(*) FROM typed_things WHERE length(words) = 0 OR length(body) = 0",
        "SELECT COUNT(*) FROM typed_things WHERE fee < 0::money OR fee > 100000::money",
        "SELECT COUNT(*) FROM typed_things WHERE NOT xml_is_well_formed_document(doc::text)",
        "SELECT COUNT(*) FROM typed_things WHERE NOT (meta ? 'name') OR spec->>'kind' NOT IN ('a', 'b')",
        "SELECT COUNT(*) FROM typed_things WHERE json_typeof(raw) IS NULL",
    ],
    "book_codes": [
        "SELECT COUNT(*) FROM book_codes WHERE NOT is_valid(book) OR NOT is_valid(article)",
        "SELECT COUNT(*) FROM book_codes WHERE NOT is_valid(product) OR NOT is_valid(book13)",
    ],
}
MYSQL_SHAPES = {
    "gadgets": [
        "SELECT COUNT(*) FROM gadgets WHERE made < 1901 OR made > 2155 OR features = ''",
        "SELECT COUNT(*) FROM gadgets WHERE is_on + 0 NOT IN (0, 1)",
        "SELECT COUNT(*) FROM gadgets WHERE flags + 0 > 255",
        "SELECT COUNT(*) FROM gadgets WHERE json_type(meta) <> 'OBJECT'",
    ],
}
# Partitions that must receive rows (every partition whose bounds the generated values reach).
PG_PARTITIONS = (
    "readings_2025, readings_2026, words_a_m, words_m_z, tickets_bug, tickets_feature,"
    " events_low, sessions_0, sessions_1"
)
MYSQL_PARTITIONS = {
    "readings": ("p2024", "p2025"),  # seeded runs' dates end on 2026-01-01: moved into p2025
    "levels": ("low", "high"),
    "regions": ("north", "south"),
    "kinds": ("pa", "pb"),
    "sessions": ("p0", "p1", "p2"),
}


def _scalars(url: str, queries: list[str]) -> list[tuple[str, int]]:
    with connected(url) as (_engine, conn):
        return [(sql, conn.exec_driver_sql(sql).scalar_one()) for sql in queries]


def _shapes_hold(url: str, dialect: str) -> None:
    shapes = PG_SHAPES if dialect == "postgresql" else MYSQL_SHAPES
    counts = row_counts(url)
    queries = [sql for table, sqls in shapes.items() if table in counts for sql in sqls]
    assert [(sql, bad) for sql, bad in _scalars(url, queries) if bad] == []


def _partitions_filled(url: str, dialect: str) -> None:
    if dialect == "postgresql":
        names = [n.strip() for n in PG_PARTITIONS.split(",")]
        queries = [f'SELECT COUNT(*) FROM "{n}"' for n in names]
    else:
        queries = [
            f"SELECT COUNT(*) FROM `{table}` PARTITION (`{p}`)"
            for table, parts in MYSQL_PARTITIONS.items()
            for p in parts
        ]
    assert [sql for sql, count in _scalars(url, queries) if not count] == []


@pytest.mark.parametrize(("name", "dialect", "seed"), seeded_cases(CASES, lambda n, d: f"{d}-{n}"))
def test_type_schema_filled_twice(name, dialect, seed, tmp_path):
    if name == "isn_types" and not ISN_CONTROL.exists():
        pytest.skip(f"the isn extension is not installed here ({ISN_CONTROL} missing)")
    with fresh_database(dialect, tmp_path) as url:
        execute_statements(url, statements(TYPE_SCHEMAS[name][make_url(url).get_backend_name()]))
        for _ in range(2):
            seed_ok(url, "add sample data", seed)
        counts = row_counts(url)
        assert all(counts.values()), counts
        assert_integrity(url)
        _shapes_hold(url, dialect)
        if name == "partitions":
            _partitions_filled(url, dialect)
