"""The REPL in a real terminal (the `repl_terminal` fixture, tests/cli/conftest.py)."""

from __future__ import annotations

import re
import time

import pytest

from tests.cli.conftest import PROMPT
from tests.integrity import row_counts
from tests.schemas import create_schema

BLOG_TABLES = ["comments", "post_tags", "posts", "tags", "users"]
DEMO_TABLES = ["addresses", "categories", "customers", "order_items", "orders", "products"]


@pytest.fixture
def blog_url(tmp_path) -> str:
    """A SQLite database holding the blog schema, no rows."""
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    create_schema(url, "blog")
    return url


def test_full_session_on_every_dialect(db_url, repl_terminal):
    create_schema(db_url, "blog")
    repl = repl_terminal(db_url)
    inserted = repl.accept_plan()
    counts = row_counts(db_url)
    assert int(inserted.replace(",", "")) == sum(counts.values())
    assert all(10 <= n <= 20 for n in counts.values()), counts

    listing = repl.type_line("\\dt")
    for table in BLOG_TABLES:
        assert re.search(rf"│ {table}\s+│ {counts[table]}\s+│", listing), listing

    result = repl.type_line("SELECT COUNT(*) FROM users;")
    assert re.search(rf"│\s*{counts['users']}\s*│", result), result

    help_text = repl.type_line("\\help")
    for name in ("\\q", "\\dt", "\\help", "add sample data"):
        assert name in help_text

    assert repl.quit() == 0


def test_declining_the_plan_writes_nothing(db_url, repl_terminal):
    create_schema(db_url, "blog")
    repl = repl_terminal(db_url)
    repl.sendline("add sample data")
    repl.expect_exact("Proceed? [y/N] ")
    repl.sendline("n")
    repl.expect_exact("Nothing written.")
    repl.expect_exact(PROMPT)
    assert set(row_counts(db_url).values()) == {0}
    assert repl.quit() == 0
    assert set(row_counts(db_url).values()) == {0}


def test_unknown_backslash_command_is_one_line_and_repl_continues(blog_url, repl_terminal):
    repl = repl_terminal(blog_url)
    output = repl.type_line("\\frobnicate now")
    lines = [line for line in output.splitlines() if line.strip()]
    assert lines == ["Error: unknown command \\frobnicate; try \\help"], output
    # Ctrl+C at the prompt only clears the line (once the prompt has the terminal: a
    # person's ^C never lands in the milliseconds before that).
    time.sleep(0.3)
    repl.sendintr()
    repl.expect_exact(PROMPT)
    assert "users" in repl.type_line("\\dt")
    assert repl.quit() == 0


def test_empty_database_says_no_schema(tmp_path, repl_terminal):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    repl = repl_terminal(url)
    output = repl.type_line("add sample data")
    assert "No schema found. Create one with `\\schema design`" in output
    assert "Proceed?" not in output
    assert "No tables." in repl.type_line("\\dt")
    assert repl.quit() == 0
    assert row_counts(url) == {}


def test_unknown_table_gets_a_suggestion_and_writes_nothing(blog_url, repl_terminal):
    repl = repl_terminal(blog_url)
    output = repl.type_line("add 5 userz")
    assert "No table named 'userz'. Did you mean 'users'?" in output
    assert "Proceed?" not in output
    assert repl.quit() == 0
    assert set(row_counts(blog_url).values()) == {0}


def test_default_url_creates_demo_database_and_fills_it(tmp_path, repl_terminal):
    workdir = tmp_path / "fresh"
    workdir.mkdir()
    repl = repl_terminal(cwd=workdir)
    database = workdir / "querynl.db"
    assert database.exists()
    repl.accept_plan()
    assert repl.quit() == 0

    counts = row_counts(f"sqlite:///{database}")
    assert sorted(counts) == DEMO_TABLES
    assert all(10 <= n <= 20 for n in counts.values()), counts


def test_counted_request_in_terminal(blog_url, repl_terminal):
    repl = repl_terminal(blog_url)
    repl.accept_plan("add a dozen tags")
    assert repl.quit() == 0
    assert row_counts(blog_url)["tags"] == 12
