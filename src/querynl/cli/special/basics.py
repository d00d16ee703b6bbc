"""Quitting and help: `\\help` is generated from the registry, plus test-data examples."""

from __future__ import annotations

from querynl.cli.results import Results, SpecialResult
from querynl.cli.special.registry import COMMANDS, QuitRequested, special_command

EXAMPLES = [
    "add sample data",
    "add 100 users",
    "add 50 customers and 200 orders",
    "add e-commerce product data",
]
HELP_FOOTER = (
    "Test data: " + "; ".join(f'"{e}"' for e in EXAMPLES) + "\n"
    "SQL runs as typed and ends at `;` (DROP, TRUNCATE and DELETE without WHERE ask first)."
)


@special_command("\\q", "quit", "exit", description="Quit (or Ctrl+D).")
def quit_repl() -> Results:
    raise QuitRequested


@special_command("\\help", "\\?", "help", description="Show commands and examples.")
def show_help() -> Results:
    rows = [
        (", ".join(command.names) + (f" {command.usage}" if command.usage else ""), command.description)
        for command in COMMANDS.commands()
    ]
    return [SpecialResult("Commands", rows, [], HELP_FOOTER)]
