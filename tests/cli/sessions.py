"""A scripted REPL session in this process: the REPLManager `python -m querynl URL` runs,
reading piped lines from `stdin` and printing to a plain console; what it printed. (Starting
the CLI as a process costs seconds of imports; tests/cli/test_seed_e2e.py covers that path.)"""

from __future__ import annotations

import io
import sys

from rich.console import Console

from querynl.cli.repl import REPLManager
from querynl.db.engine import make_engine


def repl_session(url: str, stdin: str, width: int = 400) -> str:
    engine = make_engine(url)
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, force_terminal=False)
    piped, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        assert REPLManager(engine, console=console, interactive=False).run() == 0
    finally:
        sys.stdin = piped
        engine.dispose()
    return out.getvalue()
