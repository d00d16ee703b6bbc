"""The REPL in a real terminal: `python -m querynl ARGS` on a pty, driven with pexpect.

On a tty the REPL reads lines through prompt_toolkit (TERM=dumb keeps its output plain);
everything else is the same code the piped tests exercise.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pexpect
import pytest

from tests.integrity import cli_env
from tests.llm_server import llm_server, no_network  # noqa: F401 (fixtures)

PROMPT = "querynl> "
BANNER_END = "\\help for help, \\q to quit."


class ReplTerminal(pexpect.spawn):
    """The REPL process: pexpect's spawn, plus the steps a session is made of."""

    def __init__(
        self, home: Path, *args: str, cwd: Path | None = None, timeout: float = 60, term: str = "dumb"
    ) -> None:
        # TERM=dumb: prompt_toolkit prints plain text. Another TERM draws the full screen (the
        # completion menu), without colours and without asking where the cursor is.
        screen = {} if term == "dumb" else {"NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"}
        super().__init__(
            sys.executable,
            ["-m", "querynl", *args],
            env=cli_env(160, LINES="60", TERM=term, HOME=str(home), **screen),  # history goes to HOME
            cwd=str(cwd) if cwd else None,
            encoding="utf-8",
            timeout=timeout,
            dimensions=(60, 160),
        )
        self.term = term

    def wait_for_prompt(self) -> ReplTerminal:
        self.expect_exact(BANNER_END)
        if self.term == "dumb":  # elsewhere the prompt is drawn with cursor moves
            self.expect_exact(PROMPT)
        return self.wait_for_keys()

    def wait_for_keys(self) -> ReplTerminal:
        """Wait until the prompt reads keys itself (the terminal no longer echoes them): a key
        sent sooner reaches a line-buffered terminal and would be echoed twice."""
        self.waitnoecho()
        return self

    def type_line(self, line: str) -> str:
        """Type a line, wait for the next prompt, return what was printed in between."""
        self.wait_for_keys()
        self.sendline(line)
        self.expect_exact(PROMPT)
        output = self.before
        echoed, _, rest = output.partition("\n")
        assert line in echoed, output
        return rest

    def quit(self) -> int:
        """\\q; the exit status."""
        self.sendline("\\q")
        self.expect(pexpect.EOF)
        self.close()
        return self.exitstatus

    def accept_plan(self, request: str = "add sample data") -> str:
        """Ask for test data and accept the plan; the number of records inserted, as shown."""
        self.sendline(request)
        self.expect_exact("Generation plan")
        self.expect_exact("Insertion order:")
        self.expect_exact("Proceed? [y/N] ")
        self.sendline("y")
        self.expect(r"Successfully inserted ([\d,]+) records across (\d+) tables")
        inserted = self.match.group(1)
        self.expect_exact(PROMPT)
        return inserted


@pytest.fixture
def repl_terminal(tmp_path) -> Iterator[Callable[..., ReplTerminal]]:
    """`repl_terminal(*args, cwd=None, term="dumb")`: the REPL started with `args`, at its first prompt,
    HOME in tmp_path; every one started is closed (killed if need be) after the test."""
    started: list[ReplTerminal] = []

    def start(*args: str, cwd: Path | None = None, term: str = "dumb") -> ReplTerminal:
        terminal = ReplTerminal(tmp_path, *args, cwd=cwd, term=term)
        started.append(terminal)
        return terminal.wait_for_prompt()

    yield start
    for terminal in started:
        terminal.close(force=True)
