"""A whole REPL session in a terminal (pexpect, tests/cli/conftest.py) on SQLite: completion,
\\dt, \\d, SQL over several lines, \\help, history across a restart; \\d piped on the servers."""

from __future__ import annotations

import re
import time

import pexpect
import pytest

from querynl.cli.special.basics import EXAMPLES
from tests.cli.conftest import PROMPT
from tests.integrity import querynl
from tests.schemas import create_schema

UP = "\x1b[A"
TAB = "\t"
SHOP_TABLES = ["addresses", "categories", "customers", "order_items", "orders", "products"]


@pytest.fixture
def shop_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    create_schema(url, "ecommerce")
    return url


def keys(repl, *sent: str) -> str:
    """Send keys once the prompt reads them, then Enter; what was printed up to the next prompt."""
    repl.wait_for_keys()
    for key in sent:
        repl.send(key)
        time.sleep(0.3 if key in (TAB, UP) else 0)  # completion runs between keys, as for a person
    repl.send("\r")
    repl.expect_exact(PROMPT)
    return repl.before


def test_a_session_completes_describes_selects_and_helps(shop_url, repl_terminal):
    repl = repl_terminal(shop_url)
    listing = repl.type_line("\\dt")
    for table in SHOP_TABLES:
        assert re.search(rf"│ {table}\s+│ 0\s+│", listing), listing

    described = repl.type_line("\\d orders")
    assert "Table orders" in described
    for expected in ("customer_id", "primary key", "(customer_id) -> customers(id)",
                     "(shipping_address_id) -> addresses(id)", "order_items(order_id) -> (id)"):  # fmt: skip
        assert expected in described, described

    # Tab twice after FROM: the tables are offered, the second Tab takes the first of them.
    completed = keys(repl, "SELECT * FROM ", TAB, TAB, ";")
    assert re.search(r"street\s+┃\s+city", completed), completed  # the columns of addresses
    assert "0 rows" in completed

    inserted = repl.type_line(
        "INSERT INTO customers (id, first_name, last_name, email, created_at) "
        "VALUES (1, 'Ada', 'Lovelace', 'ada@example.com', '2024-01-01');"
    )
    assert "OK, 1 row affected" in inserted
    # SQL goes on over lines until `;`
    repl.wait_for_keys()
    for line in ("SELECT first_name, email", "FROM customers", "WHERE id = 1;"):
        repl.sendline(line)
    repl.expect_exact(PROMPT)
    selected = repl.before
    assert re.search(r"│ Ada\s+│ ada@example.com\s+│", selected), selected
    assert re.search(r"^1 row \(\d+\.\d{3} s\)", selected, re.M), selected

    repl.wait_for_keys()
    repl.sendline("SELECT * FROM nowhere")  # no `;`: the statement goes on...
    repl.sendintr()  # ...until Ctrl+C drops it
    repl.expect_exact(PROMPT)
    assert "Error" not in repl.before and "Error" not in repl.type_line("SELECT 1;")

    help_text = repl.type_line("\\help")
    for name in ("\\dt", "\\d TABLE", "\\dn", "\\c", "\\i FILE", "\\e", "\\timing", "\\x", *EXAMPLES):
        assert name in help_text, name
    assert repl.quit() == 0


def test_history_survives_a_restart(shop_url, repl_terminal, tmp_path):
    first = repl_terminal(shop_url)
    assert "remembered" in first.type_line("SELECT 'remembered' AS word;")
    assert first.quit() == 0
    assert "SELECT 'remembered' AS word;" in (tmp_path / ".querynl_history").read_text()

    # A full-screen terminal this time: Tab after FROM draws the menu of tables.
    second = repl_terminal(shop_url, term="xterm")
    second.send("SELECT * FROM ")
    second.send(TAB)
    for table in SHOP_TABLES:
        second.expect_exact(table)
    second.sendintr()  # drop the line and the menu
    second.wait_for_keys()
    for key in (UP, UP, "\r"):  # the line before the previous session's \\q, run again
        second.send(key)
    second.expect_exact("│ remembered │")
    second.expect_exact("1 row")
    second.wait_for_keys().sendcontrol("d")  # Ctrl+D quits
    second.expect(pexpect.EOF)


@pytest.mark.server
@pytest.mark.parametrize("dialect", ["postgresql", "mysql"])
def test_d_in_the_piped_repl_on_the_servers(db_url):
    create_schema(db_url, "ecommerce")
    run = querynl(db_url, stdin="\\d order_items\n\\d nowhere\n")
    assert run.status == 0 and "Traceback" not in run.stderr, run.stderr
    assert "Table order_items" in run.stdout
    for expected in ("(order_id) -> orders(id)", "(product_id) -> products(id)", "(order_id, product_id)"):
        assert expected in run.stdout, run.stdout
    assert "Error: No table named 'nowhere'." in run.stdout
