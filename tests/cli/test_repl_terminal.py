"""The REPL in a real terminal: `python -m querynl URL` on a pty, driven with pexpect.

On a tty the REPL reads lines through prompt_toolkit (TERM=dumb keeps its output plain);
everything else is the same code the piped tests exercise.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
import time
from pathlib import Path

import pexpect

from tests.integrity import row_counts
from tests.schemas import create_schema

PROMPT = "querynl> "
BLOG_TABLES = ["comments", "post_tags", "posts", "tags", "users"]
DEMO_TABLES = ["addresses", "categories", "customers", "order_items", "orders", "products"]


def spawn_repl(home: Path, *args: str, cwd: Path | None = None, timeout: float = 60) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    env.update(COLUMNS="160", LINES="60", TERM="dumb", HOME=str(home))  # history goes to HOME
    child = pexpect.spawn(
        sys.executable,
        ["-m", "querynl", *args],
        env=env,
        cwd=str(cwd) if cwd else None,
        encoding="utf-8",
        timeout=timeout,
        dimensions=(60, 160),
    )
    child.expect_exact("\\help for help, \\q to quit.")
    child.expect_exact(PROMPT)
    return child


def command(child: pexpect.spawn, line: str) -> str:
    """Type a line, wait for the next prompt, return what was printed in between."""
    child.sendline(line)
    child.expect_exact(PROMPT)
    output = child.before
    echoed, _, rest = output.partition("\n")
    assert line in echoed, output
    return rest


def quit_repl(child: pexpect.spawn) -> int:
    child.sendline("\\q")
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def accept_plan(child: pexpect.spawn, request: str = "add sample data") -> str:
    child.sendline(request)
    child.expect_exact("Generation plan")
    child.expect_exact("Insertion order:")
    child.expect_exact("Proceed? [y/N] ")
    child.sendline("y")
    child.expect(r"Successfully inserted ([\d,]+) records across (\d+) tables")
    inserted = child.match.group(1)
    child.expect_exact(PROMPT)
    return inserted


def test_full_session_on_every_dialect(db_url, tmp_path):
    create_schema(db_url, "blog")
    child = spawn_repl(tmp_path, db_url)
    try:
        inserted = accept_plan(child)
        counts = row_counts(db_url)
        assert int(inserted.replace(",", "")) == sum(counts.values())
        assert all(10 <= n <= 20 for n in counts.values()), counts

        listing = command(child, "\\dt")
        for table in BLOG_TABLES:
            assert re.search(rf"│ {table}\s+│ {counts[table]}\s+│", listing), listing

        result = command(child, "SELECT COUNT(*) FROM users")
        assert re.search(rf"│\s*{counts['users']}\s*│", result), result

        help_text = command(child, "\\help")
        for name in ("\\q", "\\dt", "\\help", "add sample data"):
            assert name in help_text

        assert quit_repl(child) == 0
    finally:
        child.close(force=True)


def test_declining_the_plan_writes_nothing(db_url, tmp_path):
    create_schema(db_url, "blog")
    child = spawn_repl(tmp_path, db_url)
    try:
        child.sendline("add sample data")
        child.expect_exact("Proceed? [y/N] ")
        child.sendline("n")
        child.expect_exact("Nothing written.")
        child.expect_exact(PROMPT)
        assert set(row_counts(db_url).values()) == {0}
        assert quit_repl(child) == 0
    finally:
        child.close(force=True)
    assert set(row_counts(db_url).values()) == {0}


def test_unknown_backslash_command_is_one_line_and_repl_continues(tmp_path):
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    create_schema(url, "blog")
    child = spawn_repl(tmp_path, url)
    try:
        output = command(child, "\\frobnicate now")
        lines = [line for line in output.splitlines() if line.strip()]
        assert lines == ["Error: unknown command \\frobnicate; try \\help"], output
        # Ctrl+C at the prompt only clears the line (once the prompt has the terminal: a
        # person's ^C never lands in the milliseconds before that).
        time.sleep(0.3)
        child.sendintr()
        child.expect_exact(PROMPT)
        assert "users" in command(child, "\\dt")
        assert quit_repl(child) == 0
    finally:
        child.close(force=True)


def test_empty_database_says_no_schema(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    child = spawn_repl(tmp_path, url)
    try:
        output = command(child, "add sample data")
        assert "No schema found. Create one with `\\schema design`" in output
        assert "Proceed?" not in output
        assert "No tables." in command(child, "\\dt")
        assert quit_repl(child) == 0
    finally:
        child.close(force=True)
    assert row_counts(url) == {}


def test_unknown_table_gets_a_suggestion_and_writes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    create_schema(url, "blog")
    child = spawn_repl(tmp_path, url)
    try:
        output = command(child, "add 5 userz")
        assert "No table named 'userz'. Did you mean 'users'?" in output
        assert "Proceed?" not in output
        assert quit_repl(child) == 0
    finally:
        child.close(force=True)
    assert set(row_counts(url).values()) == {0}


def test_default_url_creates_demo_database_and_fills_it(tmp_path):
    workdir = tmp_path / "fresh"
    workdir.mkdir()
    child = spawn_repl(tmp_path, cwd=workdir)
    try:
        database = workdir / "querynl.db"
        assert database.exists()
        accept_plan(child)
        assert quit_repl(child) == 0
    finally:
        child.close(force=True)

    conn = sqlite3.connect(database)
    try:
        tables = sorted(
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        )
        assert tables == DEMO_TABLES
        counts = {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()
    assert all(10 <= n <= 20 for n in counts.values()), counts


def test_counted_request_in_terminal(tmp_path):
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    create_schema(url, "blog")
    child = spawn_repl(tmp_path, url)
    try:
        accept_plan(child, "add a dozen tags")
        assert quit_repl(child) == 0
    finally:
        child.close(force=True)
    assert row_counts(url)["tags"] == 12
