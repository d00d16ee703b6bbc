"""Backslash commands: the registry and one module per family of commands.

A new family is a module here whose handlers carry ``@special_command(...)``, imported below
so that it registers.
"""

from __future__ import annotations

from querynl.cli.special import basics, dbcommands, design, iocommands, planner
from querynl.cli.special.registry import COMMANDS, CommandNotFound, QuitRequested, special_command

__all__ = [
    "COMMANDS",
    "CommandNotFound",
    "QuitRequested",
    "basics",
    "dbcommands",
    "design",
    "iocommands",
    "planner",
    "special_command",
]
