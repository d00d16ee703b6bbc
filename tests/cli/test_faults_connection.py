"""Lost connections and locks (issue #12): the run's session killed from outside
(PostgreSQL's pg_terminate_backend, MariaDB's KILL), another process holding SQLite's write
lock, a server's statement timeout. Each: one line naming the cause (and the table and
batch), exit 1, every table as before, and the REPL goes on (saying it reconnected).
"""

from __future__ import annotations

import json
import re

import pytest

from tests.cli.runs import (
    ReplPipe,
    SeedProcess,
    assert_clean,
    checksums,
    kill_session,
    sqlite_writer,
    wait_until_written,
)
from tests.cli.test_faults_cancel import BIG_REQUEST, ESTIMATE, blog_with_rows
from tests.databases import execute_statements, fresh_database
from tests.integrity import querynl, row_counts

LOST = re.compile(
    r"Lost the connection to the database while inserting batch \d+ of 'users' "
    r"\(rows [\d,]+-[\d,]+\) \(.+\)\. Nothing was written\."
)
RECONNECTED = "The connection to the database was lost; reconnected."


@pytest.mark.parametrize("dialect", ["postgresql", "mysql"])
def test_killed_session_fails_in_one_line_and_the_repl_reconnects(dialect, tmp_path):
    """`querynl seed`, then the REPL, each has its session killed mid-insert (one database
    for both: each run's setup costs seconds)."""
    with fresh_database(dialect, tmp_path) as url:
        before = blog_with_rows(url)
        run = SeedProcess(url, BIG_REQUEST)
        run.wait_for_stderr(ESTIMATE)
        kill_session(url, wait_until_written(run, url))
        status, stdout = run.finish()
        assert status == 1, run.stderr
        assert_clean(run.stderr)
        error = json.loads(stdout.strip().splitlines()[-1])["error"]
        assert LOST.fullmatch(error), error
        assert "Error: Lost the connection to the database while inserting batch" in run.stderr
        assert checksums(url) == before
        _repl_reconnects(url)
        assert checksums(url) == before


def _repl_reconnects(url: str) -> None:
    repl = ReplPipe(url)
    repl.send(BIG_REQUEST, "y")
    repl.wait_for("Continue? (y/N)")
    kill_session(url, wait_until_written(repl, url))
    failed = repl.wait_for("Error: Lost the connection to the database while inserting batch")
    repl.send("SELECT COUNT(*) FROM tags")
    shown = repl.wait_for(RECONNECTED, failed)
    repl.wait_for(f"│ {row_counts(url)['tags']}", shown)
    assert repl.quit() == 0
    assert_clean(repl.output)
    assert repl.output.count(RECONNECTED) == 1


def test_sqlite_locked_by_another_writer_waits_then_fails(tmp_path):
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    before = blog_with_rows(url)
    users = row_counts(url)["users"]
    with sqlite_writer(url):
        by_option = querynl("seed", url, "add 20 users", "--yes", "--json", "--busy-timeout", "1")
        by_url = querynl("seed", f"{url}?timeout=0.5", "add 20 users", "--yes", "--json")
    for run, waited in ((by_option, "1"), (by_url, "0.5")):
        assert run.status == 1, run.stderr
        assert_clean(run.stderr)
        expected = f"The database is locked by another writer (waited {waited} s). Nothing was written."
        assert run.summary == {"ok": False, "error": expected}
    assert checksums(url) == before

    # The lock is gone: the REPL's next request goes through.
    repl = ReplPipe(url)
    repl.send("add 20 users", "y")
    repl.wait_for("Successfully inserted 20 records")
    assert repl.quit() == 0
    assert row_counts(url)["users"] == users + 20


SLOW_TABLE = {
    "postgresql": [
        "CREATE TABLE readings (id INTEGER PRIMARY KEY, label VARCHAR(40) NOT NULL)",
        "CREATE FUNCTION slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$"
        " BEGIN PERFORM pg_sleep(0.005); RETURN NEW; END $$",
        "CREATE TRIGGER readings_slow BEFORE INSERT ON readings FOR EACH ROW EXECUTE FUNCTION slow_insert()",
    ],
    "mysql": [
        "CREATE TABLE readings (id INTEGER PRIMARY KEY, label VARCHAR(40) NOT NULL)",
        "CREATE TRIGGER readings_slow BEFORE INSERT ON readings FOR EACH ROW SET @slept = SLEEP(0.005)",
    ],
}
TIMEOUT_OPTION = {
    "postgresql": "options=-c%20statement_timeout%3D1000",
    "mysql": "init_command=SET%20SESSION%20max_statement_time%3D1",
}


@pytest.mark.parametrize("dialect", ["postgresql", "mysql"])
def test_statement_timeout_stops_the_run_in_one_line(dialect, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        execute_statements(url, SLOW_TABLE[dialect])
        run = querynl("seed", f"{url}?{TIMEOUT_OPTION[dialect]}", "add 2000 readings", "--yes", "--json")
        assert run.status == 1, run.stderr
        assert_clean(run.stderr)
        error = run.summary["error"]
        assert re.fullmatch(
            r"The server's statement timeout cancelled the statement while inserting batch 1 of"
            r" 'readings' \(rows 1-[\d,]+\) \(.+\)\. Nothing was written\.",
            error,
        ), error
        assert row_counts(url) == {"readings": 0}
