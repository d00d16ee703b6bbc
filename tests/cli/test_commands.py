"""Backslash commands as plain functions: what each returns, against real databases."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from sqlalchemy import text

from querynl.cli.commands import (
    COMMANDS,
    EXAMPLES,
    CommandNotFound,
    CommandRegistry,
    QuitRequested,
    SpecialResult,
    execute,
    is_special_command,
    list_tables,
    quit_repl,
    show_help,
)
from querynl.cli.render import render_special
from tests.databases import connected
from tests.schemas import create_schema


def test_dt_lists_every_table_with_its_row_count(db_url):
    create_schema(db_url, "blog")
    with connected(db_url) as (_engine, conn), conn.begin():
        conn.execute(text("INSERT INTO tags (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')"))
    with connected(db_url) as (_engine, conn):
        [result] = list_tables(conn)
    assert result.headers == ["table", "rows"]
    assert sorted(result.rows) == [("comments", 0), ("post_tags", 0), ("posts", 0), ("tags", 3), ("users", 0)]
    assert result.status is None


def test_dt_on_an_empty_database_says_no_tables(tmp_path):
    with connected(f"sqlite:///{tmp_path / 'empty.db'}") as (_engine, conn):
        assert list_tables(conn) == [SpecialResult(status="No tables.")]


def test_help_lists_every_registered_command_once():
    [result] = show_help()
    assert result.title == "Commands"
    names = [names for names, _ in result.rows]
    # the built-in commands first; modules of other command families register more after them
    assert names[:3] == ["\\q, quit, exit", "\\help, \\?, help", "\\dt"]
    assert len(set(names)) == len(names)
    assert [row[1] for row in result.rows] == [c.description for c in COMMANDS.commands()]
    assert all(f'"{example}"' in result.status for example in EXAMPLES)


def test_quit_raises_quit_requested():
    with pytest.raises(QuitRequested):
        quit_repl()


@pytest.mark.parametrize("line", ["\\help", "\\?", "help", "HELP", "  \\Help  "])
def test_every_help_alias_gives_the_same_results(line, tmp_path):
    engine_url = f"sqlite:///{tmp_path / 'x.db'}"
    with connected(engine_url) as (engine, _conn):
        assert execute(engine, line) == show_help()


def test_execute_passes_a_connection_to_commands_that_take_one(tmp_path):
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    create_schema(url, "blog")
    with connected(url) as (engine, _conn):
        [result] = execute(engine, "\\dt")
    assert dict(result.rows)["users"] == 0


def test_unknown_command_raises_with_its_word(tmp_path):
    with (
        connected(f"sqlite:///{tmp_path / 'x.db'}") as (engine, _conn),
        pytest.raises(CommandNotFound) as err,
    ):
        execute(engine, "\\frobnicate now")
    assert err.value.args == ("\\frobnicate",)


@pytest.mark.parametrize(
    ("line", "special"),
    [("\\dt", True), ("\\anything", True), ("quit", True), ("Exit", True), ("help", True),
     ("help me add data", False), ("add sample data", False), ("SELECT 1", False)],
)  # fmt: skip
def test_which_lines_are_special_commands(line, special):
    assert is_special_command(line) is special


def test_a_handler_gets_what_it_takes_in_order(tmp_path):
    registry = CommandRegistry()
    seen = []

    @registry.command("\\echo", description="Echo.", takes=("arg", "conn"))
    def echo(arg, conn):
        seen.append(conn.exec_driver_sql("SELECT 1").scalar_one())
        return [SpecialResult(status=arg)]

    @registry.command("\\none", description="Nothing.")
    def nothing():
        return []

    with connected(f"sqlite:///{tmp_path / 'x.db'}") as (engine, _conn):
        assert registry.execute(engine, "\\ECHO  two words ") == [SpecialResult(status="two words")]
        assert registry.execute(engine, "\\none ignored") == []
    assert seen == [1]
    assert [c.names for c in registry.commands()] == [("\\echo",), ("\\none",)]


def render(results: list[SpecialResult]) -> str:
    out = io.StringIO()
    render_special(Console(file=out, width=100, color_system=None), results)
    return out.getvalue()


def test_rendering_draws_a_table_then_the_status():
    shown = render([SpecialResult("Things", [("a", 1234), ("b", None)], ["name", "n"], "Done [x].")])
    lines = shown.splitlines()
    assert "Things" in lines[0]
    assert any("name" in line and " n " in line for line in lines)
    assert any("a" in line and "1,234" in line for line in lines)
    assert any("b" in line and "NULL" in line for line in lines)
    assert lines[-1] == "Done [x]."


def test_rendering_a_status_alone_prints_one_line():
    assert render([SpecialResult(status="No tables.")]) == "No tables.\n"
