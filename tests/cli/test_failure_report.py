"""Rows the database rejects are reported, not fatal: the rest of the run is committed.

SQLite: a CHECK the generator cannot understand (GLOB, modulo) rejects some rows.
PostgreSQL / MySQL: a BEFORE INSERT trigger rejects every row whose id is a multiple of 3.
"""

from __future__ import annotations

import re

import pytest

from tests.databases import execute_statements, fresh_database
from tests.integrity import orphan_foreign_keys, querynl, row_counts

PARENT = "CREATE TABLE suppliers (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL, city VARCHAR(60))"

SQLITE_CHECK = "code GLOB '[0-9][0-9][0-9]' OR id % 2 = 0"
SQLITE_DDL = [
    PARENT,
    "CREATE TABLE parts ("
    " id INTEGER PRIMARY KEY,"
    " supplier_id INTEGER NOT NULL REFERENCES suppliers(id),"
    " name VARCHAR(80) NOT NULL,"
    f" code TEXT NOT NULL CHECK ({SQLITE_CHECK}),"
    " price NUMERIC(8, 2))",
]

PARTS_SERVER = (
    "CREATE TABLE parts ("
    " id INTEGER PRIMARY KEY,"
    " supplier_id INTEGER NOT NULL REFERENCES suppliers(id),"
    " name VARCHAR(80) NOT NULL,"
    " price NUMERIC(8, 2))"
)
POSTGRES_DDL = [
    PARENT,
    PARTS_SERVER,
    """CREATE FUNCTION reject_every_third() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.id % 3 = 0 THEN
            RAISE EXCEPTION 'rejected by trigger: id %', NEW.id;
        END IF;
        RETURN NEW;
    END $$""",
    "CREATE TRIGGER parts_reject BEFORE INSERT ON parts FOR EACH ROW EXECUTE FUNCTION reject_every_third()",
]
MYSQL_DDL = [
    PARENT,
    PARTS_SERVER,
    """CREATE TRIGGER parts_reject BEFORE INSERT ON parts FOR EACH ROW
    BEGIN
        DECLARE msg VARCHAR(100);
        IF NEW.id % 3 = 0 THEN
            SET msg = CONCAT('rejected by trigger: id ', NEW.id);
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = msg;
        END IF;
    END""",
]
DDL = {"sqlite": SQLITE_DDL, "postgresql": POSTGRES_DDL, "mysql": MYSQL_DDL}


@pytest.fixture
def rejecting_url(dialect, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        execute_statements(url, DDL[dialect])
        yield url


def expected_message(dialect: str) -> str:
    return "CHECK constraint failed" if dialect == "sqlite" else "rejected by trigger: id "


def test_rejected_rows_are_reported_in_json(rejecting_url, dialect):
    run = querynl("seed", rejecting_url, "add sample data", "--yes", "--seed", "5", "--json")
    assert run.status == 1, run.stderr
    assert "Traceback" not in run.stderr
    summary = run.summary
    assert summary["ok"] is False
    assert summary["cancelled"] is False
    assert summary["failed"]["suppliers"] == 0
    failed, inserted = summary["failed"]["parts"], summary["inserted"]["parts"]
    assert failed > 0
    assert inserted > 0  # the good rows of the same table went in
    # What the summary says is exactly what the database holds: the run was committed.
    assert row_counts(rejecting_url) == summary["inserted"]
    assert not any(orphan_foreign_keys(rejecting_url).values())

    errors = summary["errors"]
    assert len(errors) == failed
    for error in errors:
        assert error["table_name"] == "parts"
        assert expected_message(dialect) in error["database_message"]
        assert error["record"] and "id" in error["record"]
    rejected_ids = sorted(e["record"]["id"] for e in errors)
    if dialect == "sqlite":
        assert {e["error_type"] for e in errors} == {"check_violation"}
        assert all(e["message"].startswith("CHECK ") and "'code'" in e["message"] for e in errors)
        assert all(SQLITE_CHECK in e["constraint"] for e in errors)
        assert all(i % 2 == 1 for i in rejected_ids)
        assert not any(re.fullmatch(r"\d{3}", e["record"]["code"]) for e in errors)
    else:
        # Ids start at 1 on an empty table: exactly the multiples of 3 are rejected.
        requested = inserted + failed
        assert rejected_ids == list(range(3, requested + 1, 3))
        assert {e["error_type"] for e in errors} == {"trigger_rejection"}
        assert all(e["message"].endswith(f"id {e['record']['id']}") for e in errors)
        assert all(e["columns"] == ["id"] for e in errors)  # what the trigger's condition reads


def test_few_failures_are_listed_row_by_row(rejecting_url, dialect, tmp_path):
    # Same seed on two empty databases gives the same rows: the JSON run names the rejected
    # records, the human run must show each of them.
    with fresh_database(dialect, tmp_path) as twin:
        execute_statements(twin, DDL[dialect])
        errors = querynl("seed", twin, "add sample data", "--yes", "--seed", "9", "--json").summary["errors"]
    assert 0 < len(errors) < 20

    # Human output on a very wide console, so Rich does not wrap the cells of the error table.
    run = querynl("seed", rejecting_url, "add sample data", "--yes", "--seed", "9", timeout=120, columns=500)
    assert "Traceback" not in run.stderr, run.stderr
    out = run.stdout
    assert run.status == 1
    assert f"{len(errors):,} rows failed" in out
    assert "Failed rows" in out
    for header in ("table", "error", "constraint", "columns", "record"):
        assert header in out
    shown_ids = sorted(int(i) for i in re.findall(r"\{'id': (\d+),", out))
    assert shown_ids == sorted(e["record"]["id"] for e in errors)
    if dialect == "sqlite":
        assert f"CHECK {SQLITE_CHECK} on 'code', 'id' refused" in out
        assert out.count(SQLITE_CHECK) >= 2 * len(errors)  # message and constraint columns
        assert "CHECK not understood" in out  # the plan warned before the run
    else:
        for error in errors:
            assert f"rejected by trigger: id {error['record']['id']}" in out
    assert not re.search(r"parts: [\d,]+ failed", out)  # not the per-table summary


def test_many_failures_get_a_per_table_summary(rejecting_url, dialect):
    before = row_counts(rejecting_url)
    run = querynl("seed", rejecting_url, "add 60 parts", "--yes", "--seed", "4", timeout=120, columns=500)
    assert "Traceback" not in run.stderr, run.stderr
    out = run.stdout
    assert run.status == 1
    after = row_counts(rejecting_url)
    added = after["parts"] - before["parts"]
    failed = 60 - added
    assert failed >= 20
    if dialect != "sqlite":
        assert failed == 20  # 60 consecutive ids hold exactly 20 multiples of 3
    constraint = SQLITE_CHECK if dialect == "sqlite" else "trigger_rejection"
    assert f"Failed rows by constraint ({failed:,} rows)" in out
    assert re.search(rf"│ parts +│ {re.escape(constraint)} +│ +{failed:,} │", out), out
    assert f"{failed:,} rows failed" in out
    assert "Failed rows\n" not in out  # no row-by-row table
    assert "--errors-out FILE" in out


def test_failures_do_not_undo_other_tables(tmp_path):
    """The parent table is fully written even though its child loses rows."""
    with fresh_database("sqlite", tmp_path) as url:
        execute_statements(url, DDL["sqlite"])
        run = querynl("seed", url, "add 15 suppliers and 30 parts", "--yes", "--seed", "2", "--json")
        assert run.status == 1, run.stderr
        assert run.summary["inserted"]["suppliers"] == 15 == row_counts(url)["suppliers"]
        assert run.summary["failed"]["parts"] >= 1
        assert (
            row_counts(url)["parts"]
            == run.summary["inserted"]["parts"]
            == 30 - run.summary["failed"]["parts"]
        )
