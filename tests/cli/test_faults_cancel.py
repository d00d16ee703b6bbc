"""Ctrl+C (issue #12): a real SIGINT to `querynl seed` while its transaction holds 200,000
uncommitted rows leaves every table exactly as it was (tables that held rows included); a
second SIGINT exits at once with 130 and the transaction dies with the connection.

The interrupt is sent once the database shows the run's writes (tests/cli/runs.py), not after
a guessed sleep.
"""

from __future__ import annotations

import json

from tests.cli.conftest import PROMPT
from tests.cli.runs import (
    ABORTED,
    CANCELLING,
    NOTHING_WRITTEN,
    ROLLED_BACK,
    ReplPipe,
    SeedProcess,
    assert_clean,
    checksums,
    dialect_of,
    read_once,
    sqlite_hot_journal,
    wait_until_written,
)
from tests.databases import execute_statements
from tests.integrity import querynl, row_counts
from tests.schemas import create_schema

BIG_REQUEST = "add 200000 users"
ESTIMATE = "This will generate 200,000"  # printed with --yes just before the transaction starts


def blog_with_rows(url: str) -> dict[str, str]:
    """The blog schema with a sample of rows in every table; the tables' checksums."""
    create_schema(url, "blog")
    first = querynl("seed", url, "add sample data", "--yes", "--seed", "3")
    assert first.status == 0, first.stderr
    before = checksums(url)
    assert set(before) == {"users", "posts", "comments", "tags", "post_tags"}
    return before


def _started(url: str) -> SeedProcess:
    run = SeedProcess(url, BIG_REQUEST)
    run.wait_for_stderr(ESTIMATE)
    wait_until_written(run, url)
    return run


def test_sigint_mid_insert_rolls_back_then_a_second_sigint_exits_at_once(db_url):
    """One database per dialect for both runs (each run's setup costs seconds)."""
    before = blog_with_rows(db_url)
    _first_sigint_cancels(db_url)
    assert checksums(db_url) == before
    _second_sigint_aborts(db_url)
    assert checksums(db_url) == before


def _first_sigint_cancels(url: str) -> None:
    run = _started(url)
    run.interrupt()
    status, stdout = run.finish()
    assert status == 1, run.stderr
    assert CANCELLING in run.stderr
    assert ROLLED_BACK in run.stderr
    assert_clean(run.stderr)
    summary = json.loads(stdout.strip().splitlines()[-1])
    assert summary["cancelled"] is True and summary["ok"] is False
    assert set(summary["inserted"].values()) == {0}


def _second_sigint_aborts(url: str) -> None:
    run = _started(url)
    run.interrupt_on(CANCELLING)  # the second, as soon as the first has been taken
    run.interrupt()
    status, stdout = run.finish()
    assert run.triggered.is_set()
    assert status == 130, run.stderr
    assert ABORTED in run.stderr
    assert ROLLED_BACK not in run.stderr  # it did not wait for the rollback
    assert_clean(run.stderr)
    assert stdout == ""  # no summary: the process ended where it was
    if dialect_of(url) == "sqlite":
        # The writer died inside its transaction: its journal stays hot until the next
        # connection that reads rolls it back.
        assert sqlite_hot_journal(url)
        read_once(url)
        assert not sqlite_hot_journal(url)


# ----- before anything is written: a question, a slow planning step --------------------


def test_sigint_at_the_question_in_the_piped_repl(tmp_path):
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    create_schema(url, "blog")
    repl = ReplPipe(url)
    repl.send("add 5 tags")
    asked = repl.wait_for("Proceed? [y/N] ")
    repl.interrupt()
    cancelled = repl.wait_for(NOTHING_WRITTEN, asked)
    assert row_counts(url)["tags"] == 0

    repl.send("add 5 tags", "y")  # the same request again
    repl.wait_for("Successfully inserted 5 records", cancelled)
    assert repl.quit() == 0
    assert_clean(repl.output)
    assert row_counts(url)["tags"] == 5


def test_ctrl_c_at_the_question_in_the_terminal_keeps_the_history(tmp_path, repl_terminal):
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    create_schema(url, "blog")
    repl = repl_terminal(url)
    repl.sendline("add 5 tags")
    repl.expect_exact("Proceed? [y/N] ")
    repl.sendintr()
    repl.expect_exact(NOTHING_WRITTEN)
    repl.expect_exact(PROMPT)
    assert row_counts(url)["tags"] == 0

    repl.send(UP_ARROW)  # the request again, from the history
    repl.send("\r")
    repl.expect_exact("Proceed? [y/N] ")
    repl.sendline("y")
    repl.expect_exact("Successfully inserted 5 records")
    repl.expect_exact(PROMPT)
    assert repl.quit() == 0
    assert row_counts(url)["tags"] == 5
    history = (tmp_path / ".querynl_history").read_text()
    assert "+add 5 tags\n" in history
    assert "+y\n" not in history  # answers are not commands


def test_sigint_while_reading_a_huge_schema_cancels_the_request(tmp_path):
    """Reading 600 tables takes seconds: a real slow step before the plan exists."""
    url = f"sqlite:///{tmp_path / 'huge.db'}"
    execute_statements(url, huge_schema(600))
    repl = ReplPipe(url)
    repl.send("add 3 t0001")
    started = repl.wait_for(f"{PROMPT}add 3 t0001")  # echoed as the request starts
    repl.interrupt()
    cancelled = repl.wait_for(NOTHING_WRITTEN, started)
    assert "Generation plan" not in repl.output  # it never got to the plan

    repl.send("SELECT COUNT(*) FROM t0001")
    repl.wait_for("│ 0", cancelled)
    assert repl.quit() == 0
    assert_clean(repl.output)
    assert set(row_counts(url).values()) == {0}


UP_ARROW = "\x1b[A"


def huge_schema(tables: int) -> list[str]:
    """`tables` tables with a key, a unique, a check and (nine in ten) a key to the previous."""
    statements = []
    for i in range(tables):
        parent = f", p_id INTEGER REFERENCES t{i - 1:04d}(id)" if i % 10 else ""
        statements.append(
            f"CREATE TABLE t{i:04d} (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL,"
            f" email VARCHAR(80) UNIQUE, amount NUMERIC(10, 2) CHECK (amount >= 0){parent})"
        )
    return statements
