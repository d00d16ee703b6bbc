"""What a REPL session carries between lines: the connection, display settings, the last query."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from querynl.cli.conversation import Conversation

MAX_ROWS_SHOWN = 200


@dataclass
class OutputSettings:
    """How results are shown: `\\x` toggles expanded, `\\timing` the time after the row count."""

    expanded: bool = False
    timing: bool = True
    max_rows: int = MAX_ROWS_SHOWN


@dataclass
class Session:
    engine: Engine
    settings: OutputSettings = field(default_factory=OutputSettings)
    last_query: str | None = None  # the last SQL typed (what `\e` edits)
    queued: list[str] = field(default_factory=list)  # input a command hands back to run next (`\e`)
    schema_changed: bool = True  # completion must reread tables and columns
    conversation: Conversation | None = None  # the REPL, for commands that ask the user
    planner_choice: str = "auto"  # who plans test data: rules, llm or auto (`\planner`)

    def switch_engine(self, engine: Engine) -> None:
        """Use `engine` from now on (`\\c`); the old one's connections are closed."""
        old, self.engine = self.engine, engine
        self.schema_changed = True
        old.dispose()
