"""Typed SQL as results: rows and their count, truncation, one transaction, the failing line."""

from __future__ import annotations

import re

import pytest

from querynl.cli.session import OutputSettings
from querynl.cli.sql_runner import run_statements
from querynl.cli.statements import split_statements
from querynl.errors import StatementFailed
from tests.databases import connected

UNTIMED = OutputSettings(timing=False)


def run(engine, sql: str, settings: OutputSettings = UNTIMED):
    return run_statements(engine, split_statements(sql, "sqlite"), settings)


def test_a_select_gives_headers_rows_as_text_and_the_count(tmp_path):
    with connected(f"sqlite:///{tmp_path / 'a.db'}") as (engine, _conn):
        [result] = run(engine, "SELECT 1 AS n, NULL AS missing, 'x' AS s UNION ALL SELECT 2, NULL, 'y';")
    assert (result.headers, result.rows) == (["n", "missing", "s"], [("1", "NULL", "x"), ("2", "NULL", "y")])
    assert result.status == "2 rows"


def test_the_time_follows_the_count_when_timing_is_on(tmp_path):
    with connected(f"sqlite:///{tmp_path / 'a.db'}") as (engine, _conn):
        [select, create] = run(engine, "SELECT 1; CREATE TABLE t (id int)", OutputSettings())
    assert re.fullmatch(r"1 row \(\d+\.\d{3} s\)", select.status)
    assert re.fullmatch(r"OK \(\d+\.\d{3} s\)", create.status)


def test_long_results_are_cut_with_a_note(tmp_path):
    sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) SELECT i FROM n"
    with connected(f"sqlite:///{tmp_path / 'a.db'}") as (engine, _conn):
        [result] = run(engine, sql, OutputSettings(timing=False, max_rows=10))
    assert [row[0] for row in result.rows] == [str(i) for i in range(1, 11)]
    assert result.status == "first 10 rows shown; add LIMIT or WHERE to see others"


def test_a_failing_statement_rolls_back_the_line_and_names_its_place(tmp_path):
    with connected(f"sqlite:///{tmp_path / 'a.db'}") as (engine, conn):
        run(engine, "CREATE TABLE t (id INT PRIMARY KEY)")
        with pytest.raises(StatementFailed) as err:
            run(engine, "INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (1)")
        assert str(err.value).startswith(
            "statement 2 (line 2): IntegrityError: UNIQUE constraint failed: t.id"
        )
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM t").scalar_one() == 0
        with pytest.raises(StatementFailed) as err:
            run(engine, "SELECT nope FROM t")
        assert str(err.value) == "OperationalError: no such column: nope"  # one statement: no line
