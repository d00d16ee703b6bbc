"""Ctrl+C (issue #12): a real SIGINT to `querynl seed` while its transaction holds 200,000
uncommitted rows leaves every table exactly as it was (tables that held rows included); a
second SIGINT exits at once with 130 and the transaction dies with the connection.

The interrupt is sent once the database shows the run's writes (tests/cli/runs.py), not after
a guessed sleep.
"""

from __future__ import annotations

import json

from tests.cli.runs import (
    ABORTED,
    CANCELLING,
    ROLLED_BACK,
    SeedProcess,
    checksums,
    dialect_of,
    read_once,
    sqlite_hot_journal,
    wait_until_written,
)
from tests.integrity import querynl
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


def test_sigint_mid_insert_rolls_back_every_table(db_url):
    before = blog_with_rows(db_url)
    run = _started(db_url)
    run.interrupt()
    status, stdout = run.finish()

    assert status == 1, run.stderr
    assert CANCELLING in run.stderr
    assert ROLLED_BACK in run.stderr
    assert "Traceback" not in run.stderr
    summary = json.loads(stdout.strip().splitlines()[-1])
    assert summary["cancelled"] is True and summary["ok"] is False
    assert set(summary["inserted"].values()) == {0}
    assert checksums(db_url) == before


def test_second_sigint_exits_at_once_and_the_transaction_dies(db_url):
    before = blog_with_rows(db_url)
    run = _started(db_url)
    run.interrupt_on(CANCELLING)  # the second, as soon as the first has been taken
    run.interrupt()
    status, stdout = run.finish()

    assert run.triggered.is_set()
    assert status == 130, run.stderr
    assert ABORTED in run.stderr
    assert ROLLED_BACK not in run.stderr  # it did not wait for the rollback
    assert "Traceback" not in run.stderr
    assert stdout == ""  # no summary: the process ended where it was
    if dialect_of(db_url) == "sqlite":
        # The writer died inside its transaction: its journal is hot until the next reader
        # rolls it back.
        assert sqlite_hot_journal(db_url)
        read_once(db_url)
        assert not sqlite_hot_journal(db_url)
    assert checksums(db_url) == before
