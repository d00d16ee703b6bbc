"""Backslash commands, registered with a decorator; \\help is generated from the registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.table import Table
from sqlalchemy import inspect

if TYPE_CHECKING:
    from querynl.cli.repl import REPLManager


class CommandNotFound(Exception):
    pass


class QuitRequested(Exception):
    pass


@dataclass(frozen=True)
class SpecialCommand:
    names: tuple[str, ...]
    description: str
    handler: Callable[[REPLManager, str], None]


COMMANDS: dict[str, SpecialCommand] = {}
EXAMPLES = [
    "add sample data",
    "add test data",
    "populate the database",
    "add e-commerce sample data",
]


def special_command(*names: str, description: str):
    def register(handler: Callable[[REPLManager, str], None]):
        command = SpecialCommand(names, description, handler)
        for name in names:
            COMMANDS[name] = command
        return handler

    return register


def dispatch(repl: REPLManager, line: str) -> None:
    word, _, rest = line.strip().partition(" ")
    command = COMMANDS.get(word.lower())
    if command is None:
        raise CommandNotFound(word)
    command.handler(repl, rest.strip())


@special_command("\\q", "quit", "exit", description="Quit.")
def quit_repl(_repl: REPLManager, _arg: str) -> None:
    raise QuitRequested


@special_command("\\help", "\\?", "help", description="Show commands and examples.")
def show_help(repl: REPLManager, _arg: str) -> None:
    grid = Table(title="Commands", show_header=False)
    for command in dict.fromkeys(COMMANDS.values()):
        grid.add_row(", ".join(command.names), command.description)
    repl.console.print(grid)
    repl.console.print("Test data: " + "; ".join(f'"{e}"' for e in EXAMPLES))
    repl.console.print("SQL statements run as typed (destructive ones ask first).")


@special_command("\\dt", description="List tables and their row counts.")
def list_tables(repl: REPLManager, _arg: str) -> None:
    names = inspect(repl.engine).get_table_names()
    if not names:
        repl.console.print("No tables.")
        return
    grid = Table("table", "rows")
    with repl.engine.connect() as conn:
        for name in names:
            quoted = conn.dialect.identifier_preparer.quote(name)
            count = conn.exec_driver_sql(f"SELECT COUNT(*) FROM {quoted}").scalar()
            grid.add_row(name, f"{count:,}")
    repl.console.print(grid)
