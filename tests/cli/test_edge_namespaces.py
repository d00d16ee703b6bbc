"""Issue 9 class 11: PostgreSQL schemas other than `public` (tests/edge_cases/namespaces.py),
through the CLI as a user runs it. Tables outside the default schema are named `schema.table`
in the plan, the JSON and errors; `--schema NAME` limits a run to those schemas, and a NOT
NULL key to a table outside them needs rows there already (its parents are never filled)."""

from __future__ import annotations

import pytest

from tests.corpus_runs import seed_ok
from tests.databases import connected, execute_statements, fresh_database
from tests.edge_cases.namespaces import NAMESPACE_TABLES, NAMESPACES
from tests.edge_schemas import statements
from tests.integrity import assert_integrity, querynl, row_counts
from tests.seeds import seeded_cases

SALES = [t for t in NAMESPACE_TABLES if t.startswith("sales.")]
TRIGGER_WRITTEN = "Audit.order_log"  # sales.orders' trigger writes a row per order


@pytest.fixture
def url(tmp_path):
    with fresh_database("postgresql", tmp_path) as url:
        execute_statements(url, statements(NAMESPACES))
        yield url


def _seed(url: str, request: str, *options: str, seed: int = 1) -> dict:
    return seed_ok(url, request, seed, options)


def _refused(url: str, request: str, *options: str) -> str:
    """The one line a refused request prints; nothing is written."""
    before = row_counts(url)
    run = querynl("seed", url, request, "--yes", "--json", *options)
    assert run.status == 2, run.stdout[-3000:]
    assert "Traceback" not in run.stderr, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert row_counts(url) == before
    return run.summary["error"]


@pytest.mark.parametrize("seed", seeded_cases([()], lambda: "postgresql-namespaces"))
def test_every_schema_filled_twice(seed, tmp_path):
    with fresh_database("postgresql", tmp_path) as url:
        execute_statements(url, statements(NAMESPACES))
        for _ in range(2):
            summary = _seed(url, "add sample data", seed=seed)
            assert sorted(summary["inserted"]) == sorted(NAMESPACE_TABLES)  # qualified names
            assert_integrity(url)
        counts = row_counts(url)
        assert sorted(counts) == sorted(NAMESPACE_TABLES)
        assert all(counts.values()), counts


def test_a_qualified_table_gets_exactly_its_rows(url):
    summary = _seed(url, "add 50 sales.orders")
    assert summary["inserted"]["sales.orders"] == 50
    assert summary["reasons"] == {
        "sales.customers": "needed by sales.orders.customer_id",
        "sales.orders": "requested",
    }
    counts = row_counts(url)
    assert counts["sales.orders"] == 50 and counts["orders"] == 0
    filled = {t for t, n in counts.items() if n}
    assert filled == {"sales.orders", "sales.customers", TRIGGER_WRITTEN}
    summary = _seed(url, "add 7 public.orders and 3 audit events")
    assert summary["inserted"] == {"orders": 7, "Audit.Events": 3}
    assert_integrity(url)


def test_a_bare_name_in_two_schemas_is_ambiguous(url):
    error = _refused(url, "add 5 orders")
    assert error == "'orders' matches 'public.orders' and 'sales.orders' equally; name one of them."


def test_the_repl_asks_which_schema_a_bare_name_means(url):
    run = querynl(url, stdin="add 5 orders\n2\ny\n\\q\n")
    assert run.status == 0, run.stderr
    assert "'orders' could mean:" in run.stdout
    assert "1) public.orders" in run.stdout and "2) sales.orders" in run.stdout
    counts = row_counts(url)
    assert (counts["orders"], counts["sales.orders"]) == (0, 5)


def test_schema_option_fills_only_its_schemas(url):
    error = _refused(url, "add sample data", "--schema", "sales")
    assert "which is outside the schemas this run fills and has none; add its schema with --schema." in error
    assert error.split(" needs rows of ")[1].startswith("inventory.")
    _seed(url, "add sample data")
    before = row_counts(url)
    summary = _seed(url, "add sample data", "--schema", "sales", seed=2)
    assert sorted(summary["inserted"]) == SALES
    after = row_counts(url)
    changed = {t for t in after if after[t] != before[t]}
    assert changed == {*SALES, TRIGGER_WRITTEN}
    assert_integrity(url)


def test_two_schema_options_fill_both_from_empty(url):
    summary = _seed(url, "add sample data", "--schema", "sales", "--schema", "INVENTORY")
    assert {t.split(".")[0] for t in summary["inserted"]} == {"sales", "inventory"}
    counts = row_counts(url)
    assert counts["orders"] == counts["refunds"] == counts["Audit.Events"] == 0
    assert_integrity(url)


def test_a_table_outside_the_schema_option_cannot_be_named(url):
    error = _refused(url, "add 5 sales.orders", "--schema", "inventory")
    assert error.startswith("No table named 'sales.orders'.")


def test_unknown_schema_is_one_line(url):
    error = _refused(url, "add sample data", "--schema", "nosuch")
    assert error == "No schema named 'nosuch' (schemas here: public, Audit, inventory, sales)."
    run = querynl(url, "--schema", "nosuch", stdin="\\q\n")
    assert run.status == 2
    assert (
        run.stderr.strip()
        == "Error: No schema named 'nosuch' (schemas here: public, Audit, inventory, sales)."
    )


def test_the_repl_takes_the_schema_option(url):
    run = querynl(url, "--schema", "sales", stdin="add 5 orders\ny\n\\q\n")
    assert run.status == 0, run.stderr
    assert "could mean" not in run.stdout  # public.orders is outside the run
    assert row_counts(url)["sales.orders"] == 5


def test_extension_tables_and_schemas_are_not_filled(tmp_path):
    """PostGIS's spatial_ref_sys (a member of the extension, shipped with rows) and the
    postgis_topology extension's own schema are left alone; a key to spatial_ref_sys draws
    from its rows."""
    with fresh_database("postgresql", tmp_path) as url:
        execute_statements(
            url,
            [
                "CREATE EXTENSION postgis",
                "CREATE EXTENSION postgis_topology",
                "CREATE TABLE places (id SERIAL PRIMARY KEY, name VARCHAR(50) NOT NULL, "
                "srid INTEGER NOT NULL REFERENCES spatial_ref_sys (srid))",
            ],
        )
        owned = ("spatial_ref_sys", "topology.topology", "topology.layer")
        before = _counts(url, owned)
        assert before[0] > 1000 and before[1:] == [0, 0]  # shipped with rows; the topology tables empty
        summary = _seed(url, "add sample data")
        assert list(summary["inserted"]) == ["places"]
        assert _counts(url, owned) == before
        assert row_counts(url) == {"places": summary["inserted"]["places"]}  # the user's only table
        assert_integrity(url)


def _counts(url: str, tables: tuple[str, ...]) -> list[int]:
    with connected(url) as (_engine, conn):
        return [conn.exec_driver_sql(f"SELECT COUNT(*) FROM {t}").scalar_one() for t in tables]
