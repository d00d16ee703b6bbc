"""What an interactive command needs of the REPL: the database, the console, and answers
from the user (on a terminal, or the next piped line)."""

from __future__ import annotations

from typing import Protocol

from rich.console import Console
from sqlalchemy.engine import Engine


class Conversation(Protocol):
    engine: Engine
    console: Console

    def ask(self, question: str) -> bool:
        """A yes/no question; True for yes."""
        ...

    def answer(self, question: str) -> str:
        """One line from the user, stripped (empty at end of input)."""
        ...
