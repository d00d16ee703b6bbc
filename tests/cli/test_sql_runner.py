"""Typed SQL as results: rows and their count, truncation, one transaction, the failing line."""

from __future__ import annotations

import re

import pytest

from querynl.cli.session import OutputSettings
from querynl.cli.sql_runner import run_statements
from querynl.cli.statements import split_statements
from querynl.dialects import dialect_for
from querynl.errors import StatementFailed
from tests.databases import connected, fresh_database

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


def test_load_data_local_typed_by_hand_is_refused_in_one_line_and_the_connection_lives(tmp_path):
    """MySQL connections carry the LOAD DATA LOCAL capability for QueryNL's own loads only:
    the driver would answer anyone else's with a protocol error and lose the connection."""
    data = tmp_path / "t.tsv"
    data.write_text("1\n2\n")
    with fresh_database("mysql", tmp_path) as url, connected(url) as (engine, _conn):
        run_statements(engine, split_statements("CREATE TABLE t (a INT)", "mysql"), UNTIMED)
        for sql in (
            f"LOAD DATA LOCAL INFILE '{data}' INTO TABLE t",
            f"/* hint */ load  data low_priority local infile '{data}' into table t",
            f"LOAD XML LOCAL INFILE '{data}' INTO TABLE t",
        ):
            with pytest.raises(StatementFailed, match=r"^LOAD DATA LOCAL is not sent from QueryNL .*\)"):
                run_statements(engine, split_statements(sql, "mysql"), UNTIMED)
        [count] = run_statements(engine, split_statements("SELECT COUNT(*) FROM t", "mysql"), UNTIMED)
        assert count.rows == [("0",)]


@pytest.mark.parametrize(("dialect", "refused"), [("mysql", True), ("postgresql", False), ("sqlite", False)])
def test_only_mysql_refuses_load_data_local(dialect, refused):
    said = dialect_for(dialect).refused_statement("LOAD DATA LOCAL INFILE 'x' INTO TABLE t")
    assert (said is not None) == refused
    assert dialect_for(dialect).refused_statement("SELECT 'LOAD DATA LOCAL'") is None
