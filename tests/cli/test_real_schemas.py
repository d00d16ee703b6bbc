"""Issue 4 acceptance: real public schemas filled on the first try, with 0 failed rows."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from tests.corpus import FIXED_DATABASE, corpus, load, require_corpus
from tests.databases import fresh_database
from tests.integrity import connected, orphan_foreign_keys, querynl, row_counts
from tests.schemas import SCHEMAS, create_schema

REAL = corpus() or [("sqlite", "chinook")]  # absent corpus: one case that skips with the reason
OWN = [(dialect, name) for dialect in ("sqlite", "postgresql", "mysql") for name in sorted(SCHEMAS)]


def largest_child(url: str) -> str:
    """The table with the most foreign keys (ties: the name), as `add 500 <table>` names it."""
    with connected(url) as (_engine, conn):
        insp = inspect(conn)
        return max(insp.get_table_names(), key=lambda t: (len(insp.get_foreign_keys(t)), t))


def seed_ok(url: str, request: str) -> dict:
    run = querynl("seed", url, request, "--yes", "--json")
    assert run.status == 0, (request, run.stderr[-3000:])
    summary = run.summary
    assert summary["ok"] is True
    assert not any(summary["failed"].values()), summary["errors"][:5]
    return summary


def assert_no_orphans(url: str, dialect: str) -> None:
    orphans = {k: v for k, v in orphan_foreign_keys(url).items() if v}
    assert not orphans, orphans
    if dialect == "sqlite":
        conn = sqlite3.connect(make_url(url).database)
        try:
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()


def fill_twice(url: str, dialect: str) -> None:
    before = row_counts(url)
    summary = seed_ok(url, "add sample data")
    after = row_counts(url)
    for table, count in after.items():
        assert count - before[table] >= summary["inserted"].get(table, 0) >= 10, (table, summary["inserted"])
    assert_no_orphans(url, dialect)
    child = largest_child(url)
    seed_ok(url, f"add 500 {child}")
    assert row_counts(url)[child] - after[child] >= 500
    assert_no_orphans(url, dialect)


@pytest.mark.parametrize(("dialect", "name"), REAL, ids=[f"{d}-{n}" for d, n in REAL])
def test_real_schema_filled_on_first_try(dialect, name, tmp_path):
    require_corpus()
    with fresh_database(dialect, tmp_path, FIXED_DATABASE.get((dialect, name))) as url:
        load(dialect, url, name)
        fill_twice(url, dialect)


@pytest.mark.parametrize(("dialect", "name"), OWN, ids=[f"{d}-{n}" for d, n in OWN])
def test_own_schema_filled_on_first_try(dialect, name, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        create_schema(url, name)
        fill_twice(url, dialect)
