"""Starter schemas, the DDL check and applying DDL all or nothing, on real databases."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import inspect

from querynl.db.engine import make_engine
from querynl.design.apply import apply_ddl
from querynl.design.ddl import DDLRejected, check_ddl
from querynl.design.starters import STARTERS, find_starter
from querynl.dialects import dialect_for
from tests.corpus_runs import seed_ok
from tests.databases import DIALECTS, connected, fresh_database
from tests.integrity import assert_integrity, row_counts


def reader(engine) -> str:
    return dialect_for(engine.dialect.name).sqlglot_name


def tables(url: str) -> set[str]:
    with connected(url) as (_engine, conn):
        return set(inspect(conn).get_table_names())


def apply_every_starter(url: str) -> None:
    """All four starters side by side (their table names differ)."""
    engine = make_engine(url)
    try:
        for starter in STARTERS:
            statements = check_ddl(";\n".join(starter.ddl(engine.dialect)), reader(engine))
            assert apply_ddl(engine, statements) == [s.creates for s in statements if s.creates]
    finally:
        engine.dispose()
    assert {"post_tags", "categories", "employees", "stock_movements"} <= tables(url)


def test_every_starter_applies(db_url):
    """Auto-increment keys, booleans, timestamps, CHECKs, a many-to-many and self-references
    as this database spells them."""
    apply_every_starter(db_url)
    assert set(row_counts(db_url).values()) == {0}


FILL_ON = DIALECTS if os.environ.get("QUERYNL_TEST_ALL_STARTERS") == "1" else ("sqlite",)


@pytest.mark.parametrize("kind", FILL_ON)
def test_every_starter_fills(kind, tmp_path):
    """ "add sample data" fills every starter table (CI: on SQLite; the piped sessions of
    tests/cli/test_schema_design.py fill the e-commerce starter on every database;
    QUERYNL_TEST_ALL_STARTERS=1 fills all four on every database)."""
    with fresh_database(kind, tmp_path) as url:
        apply_every_starter(url)
        seed_ok(url, "add sample data", seed=3)
        assert all(row_counts(url).values()), row_counts(url)
        assert_integrity(url)


def test_a_failing_statement_leaves_nothing_created(db_url):
    engine = make_engine(db_url)
    # the second table has two primary keys: every database refuses it, after the first
    ddl = (
        "CREATE TABLE authors (id INTEGER PRIMARY KEY); "
        "CREATE TABLE books (id INT, x INT REFERENCES authors (id), PRIMARY KEY (id), PRIMARY KEY (x))"
    )
    try:
        with pytest.raises(DDLRejected, match="nothing was created"):
            apply_ddl(engine, check_ddl(ddl, reader(engine)))
    finally:
        engine.dispose()
    assert tables(db_url) == set()


def test_an_existing_table_refuses_the_whole_ddl(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    engine = make_engine(url)
    try:
        apply_ddl(engine, check_ddl("CREATE TABLE users (id INTEGER PRIMARY KEY)", "sqlite"))
        ddl = "CREATE TABLE posts (id INTEGER PRIMARY KEY); CREATE TABLE IF NOT EXISTS Users (id INTEGER)"
        with pytest.raises(DDLRejected, match="Table 'Users' already exists; nothing was created."):
            apply_ddl(engine, check_ddl(ddl, "sqlite"))
    finally:
        engine.dispose()
    assert tables(url) == {"users"}


@pytest.mark.parametrize(
    ("ddl", "message"),
    [
        ("DROP TABLE users", r"Refused statement 1 \(DROP TABLE\)"),
        ("CREATE TABLE a (id INT); DELETE FROM a", r"Refused statement 2 \(DELETE\)"),
        ("CREATE TABLE a AS SELECT 1 AS x", r"Refused statement 1 \(CREATE TABLE AS SELECT\)"),
        ("ALTER TABLE a DROP COLUMN x", r"Refused statement 1 \(ALTER TABLE\)"),
        ("CREATE VIEW v AS SELECT 1", r"Refused statement 1 \(CREATE VIEW AS SELECT\)"),
        ("CREATE TABLE posts (id INT PRIMARY KEY, title TEXT,", r"Statement 1 does not parse: Expecting \)"),
        ("CREATE TABEL posts (id INT)", r"Statement 1 \(CREATE TABEL posts \.\.\.\) cannot be read"),
        ("  ;  ", "There is no statement to apply."),
    ],
)
def test_ddl_that_is_not_allowed_is_refused_whole(ddl, message):
    with pytest.raises(DDLRejected, match=message):
        check_ddl(ddl, "postgres")


def test_allowed_statements_keep_their_own_text():
    ddl = (
        "CREATE TABLE a (note TEXT DEFAULT 'x; y'); -- a comment\n"
        "CREATE INDEX ix ON a (note);\nALTER TABLE a ADD CONSTRAINT c CHECK (note <> '')"
    )
    statements = check_ddl(ddl, "sqlite")
    assert [s.sql for s in statements] == [
        "CREATE TABLE a (note TEXT DEFAULT 'x; y')",
        "-- a comment\nCREATE INDEX ix ON a (note)",
        "ALTER TABLE a ADD CONSTRAINT c CHECK (note <> '')",
    ]
    assert [s.creates for s in statements] == ["a", None, None]


def test_starters_are_found_by_name_or_alias():
    assert find_starter(" E-Commerce ").name == "ecommerce"
    assert find_starter("blog").name == "blog"
    assert find_starter("a blog with users") is None
