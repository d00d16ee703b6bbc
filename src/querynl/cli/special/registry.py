"""The registry of backslash commands, in the style of pgcli's pgspecial.

A handler takes only what it needs (a connection, the text after the command word, the
session) and returns results (``querynl.cli.results.SpecialResult``); it prints nothing.
The REPL renders them. A family of commands is one module of this package registering its
handlers with ``@special_command(...)``; the package's ``__init__`` imports each family.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Literal

from querynl.cli.results import Results
from querynl.cli.session import Session


class CommandNotFound(Exception):
    pass


class QuitRequested(Exception):
    pass


# a connection to the database; the text after the command word; the REPL's session
Need = Literal["conn", "arg", "session"]


@dataclass(frozen=True)
class SpecialCommand:
    names: tuple[str, ...]
    description: str
    handler: Callable[..., Results]
    takes: tuple[Need, ...] = ()
    usage: str = ""  # the argument, as shown by \help: "TABLE", "FILE"

    def run(self, session: Session, arg: str) -> Results:
        """Call the handler with what it takes, in the order it lists them."""
        with session.engine.connect() if "conn" in self.takes else nullcontext() as conn:
            given = {"conn": conn, "arg": arg, "session": session}
            return self.handler(*(given[need] for need in self.takes))


@dataclass
class CommandRegistry:
    """Commands by every name they answer to, lower-cased."""

    by_name: dict[str, SpecialCommand] = field(default_factory=dict)

    def command(self, *names: str, description: str, takes: tuple[Need, ...] = (), usage: str = ""):
        """Decorator: register the handler under `names`."""

        def register(handler: Callable[..., Results]) -> Callable[..., Results]:
            command = SpecialCommand(names, description, handler, takes, usage)
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

    def execute(self, session: Session, line: str) -> Results:
        word, _, rest = line.strip().partition(" ")
        command = self.by_name.get(word.lower())
        if command is None:
            raise CommandNotFound(word)
        return command.run(session, rest.strip().rstrip(";").rstrip())


COMMANDS = CommandRegistry()
special_command = COMMANDS.command
