"""Ctrl+C during a run: the whole run is rolled back and the database is exactly as before.

`querynl seed` gets a real SIGINT while it inserts; the REPL gets a real ^C from its terminal.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import threading
import time

from tests.cli.conftest import PROMPT
from tests.integrity import cli_env, querynl, row_counts, table_contents
from tests.schemas import create_schema

# Several seconds on every dialect (measured: ~8 s PostgreSQL, ~12 s SQLite, ~20 s MySQL on a
# 2-core machine), and a cancel lands after ~2 s of inserting.
LONG_REQUEST = "add 400000 users"
CANCEL_MESSAGE = "Operation cancelled by user. Rolling back changes"
ROLLED_BACK = "Operation cancelled. All changes rolled back; nothing was written."
RUNNING_FOR = 1.5  # seconds of inserting before the interrupt


class SeedProcess:
    """`querynl seed ... --json` in the background, its stderr collected line by line."""

    def __init__(self, url: str, request: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "querynl", "seed", url, request, "--yes", "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(160),
        )
        self.stderr_lines: list[str] = []
        self._reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._reader.start()

    def _read_stderr(self) -> None:
        for line in self.proc.stderr:
            self.stderr_lines.append(line)

    @property
    def stderr(self) -> str:
        return "".join(self.stderr_lines)

    def wait_for_stderr(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.stderr:
            assert self.proc.poll() is None, f"exited early ({self.proc.returncode}): {self.stderr}"
            assert time.monotonic() < deadline, f"no {text!r} on stderr: {self.stderr}"
            time.sleep(0.05)

    def interrupt(self) -> None:
        assert self.proc.poll() is None, "the run finished before it could be interrupted"
        self.proc.send_signal(signal.SIGINT)

    def finish(self, timeout: float = 60) -> tuple[int, str]:
        try:
            stdout = self.proc.stdout.read() if self.proc.wait(timeout=timeout) is not None else ""
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(timeout=5)
        return self.proc.returncode, stdout


def start_long_run(url: str) -> SeedProcess:
    run = SeedProcess(url, LONG_REQUEST)
    # With --yes a large run prints its estimate just before the transaction starts.
    run.wait_for_stderr("This will generate 400,")
    time.sleep(RUNNING_FOR)
    return run


def test_sigint_cancels_seed_and_rolls_back(db_url):
    create_schema(db_url, "blog")
    run = start_long_run(db_url)
    started = time.monotonic()
    run.interrupt()
    status, stdout = run.finish()
    assert time.monotonic() - started < 30  # cancelled between batches, not at the end

    assert status == 1, run.stderr
    summary = json.loads(stdout.strip().splitlines()[-1])
    assert summary["cancelled"] is True
    assert summary["ok"] is False
    assert set(summary["inserted"].values()) == {0}  # rolled back: nothing remains
    # Rows had been written inside the transaction before the interrupt (the final progress
    # frame shows how many)...
    done = re.search(r"all tables\s.*?(\d+)/400\d{3}\b", run.stderr)
    assert done and int(done.group(1)) > 0, run.stderr
    assert CANCEL_MESSAGE in run.stderr
    assert ROLLED_BACK in run.stderr
    assert "Traceback" not in run.stderr
    # ...and not one of them is left.
    counts = row_counts(db_url)
    assert set(counts) == {"users", "posts", "comments", "tags", "post_tags"}
    assert set(counts.values()) == {0}, counts


def test_sigint_keeps_rows_that_were_there_before(tmp_path):
    # SQLite only here; the REPL test below covers pre-existing rows on every dialect.
    db_url = f"sqlite:///{tmp_path / 'blog.db'}"
    create_schema(db_url, "blog")
    first = querynl("seed", db_url, "add sample data", "--yes", "--seed", "3", "--json")
    assert first.status == 0, first.stderr
    before = table_contents(db_url)
    assert all(before.values())

    run = start_long_run(db_url)
    run.interrupt()
    status, stdout = run.finish()
    assert status == 1, run.stderr
    assert json.loads(stdout.strip().splitlines()[-1])["cancelled"] is True
    assert table_contents(db_url) == before


def test_second_sigint_aborts_and_still_rolls_back(tmp_path):
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    create_schema(url, "blog")
    run = start_long_run(url)
    run.interrupt()
    run.wait_for_stderr(CANCEL_MESSAGE)
    run.interrupt()  # impatient: abort now instead of after the current batch
    status, _ = run.finish()
    # 130: the second ^C aborted the rollback; 1: the rollback had already finished (a race
    # the test cannot control). Either way: one clear line, no traceback, nothing written.
    assert status in (1, 130), run.stderr
    if status == 130:
        assert "Aborted. Nothing was committed." in run.stderr
    assert "Traceback" not in run.stderr
    assert set(row_counts(url).values()) == {0}


def test_ctrl_c_in_the_repl_cancels_and_returns_to_the_prompt(db_url, repl_terminal):
    create_schema(db_url, "blog")
    first = querynl("seed", db_url, "add sample data", "--yes", "--seed", "8")
    assert first.status == 0, first.stderr
    before = table_contents(db_url)

    repl = repl_terminal(db_url)
    repl.sendline(LONG_REQUEST)
    repl.expect(r"This will generate 400,\d+ records \(estimated [^)]+\)\. Continue\? \(y/N\) ")
    repl.sendline("y")
    # On a dumb terminal Rich draws the progress only when the run stops: nothing to wait
    # for but time. The run needs several seconds more than this.
    time.sleep(RUNNING_FOR)
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
