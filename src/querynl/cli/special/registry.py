"""Backslash commands in the style of pgcli's pgspecial.

A handler takes only what it needs (a connection, the text after the command word, or
nothing) and returns results, each ``(title, rows, headers, status)``; it prints nothing.
The REPL renders the results (``querynl.cli.render.render_special``). ``\\help`` is generated
from the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine


class CommandNotFound(Exception):
    pass


class QuitRequested(Exception):
    pass


class SpecialResult(NamedTuple):
    """One block of a command's output: an optional titled table, then an optional line."""

    title: str | None = None
    rows: Sequence[Sequence[Any]] = ()
    headers: Sequence[str] = ()
    status: str | None = None


Results = list[SpecialResult]
Need = Literal["conn", "arg"]  # a connection to the database; the text after the command word


@dataclass(frozen=True)
class SpecialCommand:
    names: tuple[str, ...]
    description: str
    handler: Callable[..., Results]
    takes: tuple[Need, ...] = ()

    def run(self, engine: Engine, arg: str) -> Results:
        """Call the handler with what it takes, in the order it lists them."""
        with engine.connect() if "conn" in self.takes else nullcontext() as conn:
            given = {"conn": conn, "arg": arg}
            return self.handler(*(given[need] for need in self.takes))


@dataclass
class CommandRegistry:
    """Commands by every name they answer to, lower-cased."""

    by_name: dict[str, SpecialCommand] = field(default_factory=dict)

    def command(self, *names: str, description: str, takes: tuple[Need, ...] = ()):
        """Decorator: register the handler under `names`."""

        def register(handler: Callable[..., Results]) -> Callable[..., Results]:
            command = SpecialCommand(names, description, handler, takes)
            self.by_name.update((name.lower(), command) for name in names)
            return handler

        return register

    def commands(self) -> Iterator[SpecialCommand]:
        """Each command once, in the order of registration."""
        yield from dict.fromkeys(self.by_name.values())

    def is_special(self, line: str) -> bool:
        """A backslash command, or a whole line that is a command's word (quit, exit, help)."""
        line = line.strip()
        return line.startswith("\\") or line.lower() in self.by_name

    def execute(self, engine: Engine, line: str) -> Results:
        word, _, rest = line.strip().partition(" ")
        command = self.by_name.get(word.lower())
        if command is None:
            raise CommandNotFound(word)
        return command.run(engine, rest.strip())


COMMANDS = CommandRegistry()
special_command = COMMANDS.command
EXAMPLES = [
    "add sample data",
    "add test data",
    "populate the database",
    "add e-commerce sample data",
]
HELP_FOOTER = (
    "Test data: " + "; ".join(f'"{e}"' for e in EXAMPLES) + "\n"
    "SQL statements run as typed (destructive ones ask first)."
)


def is_special_command(line: str) -> bool:
    return COMMANDS.is_special(line)


def execute(engine: Engine, line: str) -> Results:
    """Run the special command on `line`; CommandNotFound when there is none of that name."""
    return COMMANDS.execute(engine, line)


@special_command("\\q", "quit", "exit", description="Quit.")
def quit_repl() -> Results:
    raise QuitRequested


@special_command("\\help", "\\?", "help", description="Show commands and examples.")
def show_help() -> Results:
    rows = [(", ".join(command.names), command.description) for command in COMMANDS.commands()]
    return [SpecialResult("Commands", rows, [], HELP_FOOTER)]


@special_command("\\dt", description="List tables and their row counts.", takes=("conn",))
def list_tables(conn: Connection) -> Results:
    names = inspect(conn).get_table_names()
    if not names:
        return [SpecialResult(status="No tables.")]
    quote = conn.dialect.identifier_preparer.quote
    rows = [
        (name, conn.exec_driver_sql(f"SELECT COUNT(*) FROM {quote(name)}").scalar_one()) for name in names
    ]
    return [SpecialResult(None, rows, ["table", "rows"])]
