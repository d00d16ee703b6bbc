"""Ctrl+C in the REPL's terminal during a run: the whole run is rolled back and the REPL goes
on. `querynl seed` under SIGINT: tests/cli/test_faults_cancel.py."""

from __future__ import annotations

from tests.cli.conftest import PROMPT
from tests.cli.runs import ROLLED_BACK, wait_until_written
from tests.integrity import querynl, table_contents
from tests.schemas import create_schema

LONG_REQUEST = "add 200000 users"
CANCEL_MESSAGE = "Operation cancelled by user. Rolling back changes"


def test_ctrl_c_in_the_repl_cancels_and_returns_to_the_prompt(db_url, repl_terminal):
    create_schema(db_url, "blog")
    first = querynl("seed", db_url, "add sample data", "--yes", "--seed", "8")
    assert first.status == 0, first.stderr
    before = table_contents(db_url)

    repl = repl_terminal(db_url)
    repl.sendline(LONG_REQUEST)
    repl.expect(r"This will generate 200,\d+ records \(estimated [^)]+\)\. Continue\? \(y/N\) ")
    repl.sendline("y")
    wait_until_written(repl, db_url)  # the database shows the run's uncommitted rows
    repl.sendintr()  # ^C from the terminal: SIGINT to the foreground process
    outcome = repl.expect_exact([CANCEL_MESSAGE, "Successfully inserted"])
    assert outcome == 0, "the run ended before ^C: make LONG_REQUEST larger"
    repl.expect_exact(ROLLED_BACK)
    repl.expect_exact(PROMPT)
    assert table_contents(db_url) == before

    # The REPL is alive and well: the next request runs normally.
    listing = repl.type_line("\\dt")
    assert "users" in listing
    assert repl.quit() == 0  # the REPL has exited: nothing of the run can still commit
    assert table_contents(db_url) == before
