"""Faults the generator cannot foresee: rows a trigger rejects, a COMMIT that fails, a lost
connection, a bug. Rejected parents take their keys with them; anything fatal is one line (and
the JSON object), an exit status of 1 or 2, and the database as it was."""

from __future__ import annotations

import io
import json
import re

import pytest
from rich.console import Console

from querynl.cli import seed_command
from querynl.cli.repl import REPLManager
from querynl.db.engine import make_engine
from querynl.errors import RunFailed
from querynl.models import TestDataRequest
from querynl.pipeline.generator import TestDataGenerator
from tests.databases import connected, execute_statements, fresh_database
from tests.edge_cases import faults
from tests.integrity import assert_no_orphans, querynl, row_counts, table_contents


@pytest.fixture
def rejecting_url(dialect, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        execute_statements(url, faults.rejecting_parents(dialect))
        yield url


def test_children_never_reference_rejected_parents(rejecting_url):
    run = querynl(
        "seed", rejecting_url, "add 30 suppliers, 60 parts and 30 sections", "--yes", "--seed", "3", "--json"
    )
    assert "Traceback" not in run.stderr, run.stderr
    summary = run.summary
    assert run.status == 1  # rows were rejected, the rest was committed
    assert summary["failed"]["parts"] == 0
    assert summary["inserted"]["parts"] == 60
    assert summary["failed"]["suppliers"] == 10  # ids 3, 6, ..., 30
    assert summary["failed"]["sections"] == 10
    for table in ("suppliers", "sections"):
        assert summary["inserted"][table] == 20
    assert row_counts(rejecting_url) == summary["inserted"]
    assert_no_orphans(rejecting_url)
    errors = summary["errors"]
    assert {e["table_name"] for e in errors} == {"suppliers", "sections"}
    assert all(faults.MESSAGE in e["message"] for e in errors)
    assert all(e["record"]["id"] % 3 == 0 for e in errors)
    contents = table_contents(rejecting_url)
    assert not any(row[1] % 3 == 0 for row in contents["parts"] if isinstance(row[1], int))


def test_sqlite_cycle_keeps_later_orphans_row_by_row(tmp_path):
    """defer_foreign_keys breaks the cycle, then is switched off: a later table's rows whose
    trigger writes an orphan are rejected one by one, and COMMIT succeeds."""
    with fresh_database("sqlite", tmp_path) as url:
        execute_statements(url, faults.SQLITE_CYCLE_THEN_ORPHANS)
        run = querynl("seed", url, "add 10 a, 10 b and 30 notes", "--yes", "--seed", "1", "--json")
        assert "Traceback" not in run.stderr, run.stderr
        summary = run.summary
        assert run.status == 1
        assert summary["failed"]["a"] == summary["failed"]["b"] == 0
        assert summary["inserted"]["a"] == summary["inserted"]["b"] == 10
        assert summary["failed"]["notes"] == 10  # ids 3, 6, ..., 30
        assert {e["error_type"] for e in summary["errors"]} == {"foreign_key_violation"}
        counts = row_counts(url)
        assert counts["notes"] == summary["inserted"]["notes"] == 20
        assert_no_orphans(url)
        with connected(url) as (_, conn):
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []


def test_commit_failure_is_one_line_and_writes_nothing(tmp_path):
    with fresh_database("postgresql", tmp_path) as url:
        execute_statements(url, faults.COMMIT_FAILS)
        generator = TestDataGenerator(make_engine(url))
        run = generator.prepare(
            TestDataRequest(
                user_query="add 5 owners and 20 pets", record_counts={"owners": 5, "pets": 20}, seed=1
            )
        )
        execute_statements(url, [faults.LATE_KEY])  # unknown to the plan: checked at COMMIT
        with pytest.raises(RunFailed) as caught:
            generator.execute(run)
        generator.engine.dispose()
        assert str(caught.value).startswith("COMMIT failed: ")
        assert "\n" not in str(caught.value)
        assert row_counts(url) == {"owners": 0, "pets": 0}


def test_seed_reports_a_bug_in_one_line(monkeypatch, capsys, tmp_path):
    with fresh_database("sqlite", tmp_path) as url:
        execute_statements(url, faults.TABLES)

        def broken(*_args, **_kwargs):
            raise RuntimeError("synthetic failure\nsecond line")

        monkeypatch.setattr(TestDataGenerator, "_insert_table", broken)
        status = seed_command.main([url, "add sample data", "--yes", "--json"])
        out, err = capsys.readouterr()
        assert status == 2
        assert json.loads(out.strip()) == {"ok": False, "error": "RuntimeError: synthetic failure"}
        assert "Traceback" not in err and "second line" not in err
        assert "Error: RuntimeError: synthetic failure" in err
        assert set(row_counts(url).values()) == {0}


def test_sqlite_cycle_parent_rejected_is_reported_precisely(tmp_path):
    """A cycle's postponed key waits for parent rows a trigger then rejects: the run stops with
    one precise line before COMMIT, and nothing is written."""
    with fresh_database("sqlite", tmp_path) as url:
        execute_statements(
            url,
            [
                *faults.SQLITE_CYCLE_THEN_ORPHANS[:2],
                faults.sqlite_rejecting("a"),
                faults.sqlite_rejecting("b"),
            ],
        )
        run = querynl("seed", url, "add 10 a and 10 b", "--yes", "--seed", "1", "--json")
        assert "Traceback" not in run.stderr, run.stderr
        assert run.status == 2
        error = run.summary["error"]
        assert re.fullmatch(r"\d+ rows of [ab] reference missing [ab] rows; nothing was written", error), (
            error
        )
        assert row_counts(url) == {"a": 0, "b": 0}


def test_repl_reports_a_failed_run_in_one_line_and_goes_on(monkeypatch, tmp_path):
    with fresh_database("sqlite", tmp_path) as url:
        execute_statements(url, faults.TABLES)
        console = Console(file=io.StringIO(), width=200)
        repl = REPLManager(make_engine(url), console=console, interactive=False)
        monkeypatch.setattr(repl, "ask", lambda _question: True)

        def broken(*_args, **_kwargs):
            raise RuntimeError("synthetic failure\nsecond line")

        with monkeypatch.context() as patch:
            patch.setattr(TestDataGenerator, "_insert_table", broken)
            repl.execute_command("add 5 suppliers")
        output = console.file.getvalue()
        assert "Error: RuntimeError: synthetic failure" in output
        assert "second line" not in output and "Traceback" not in output
        assert row_counts(url)["suppliers"] == 0
        repl.execute_command("add 5 suppliers")  # still usable
        assert row_counts(url)["suppliers"] == 5
        repl.engine.dispose()
