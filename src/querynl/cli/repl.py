"""The REPL: read a line, route it (special command, test-data request, SQL), show the result."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from sqlalchemy.engine import Engine

from querynl.cli.commands import CommandNotFound, QuitRequested, execute, is_special_command
from querynl.cli.generate import GenerateOptions, run_generation
from querynl.cli.planner_command import SWITCH as PLANNER
from querynl.cli.prompts import YES
from querynl.cli.render import render_special
from querynl.cli.sql_runner import is_destructive, looks_like_sql, run_sql
from querynl.errors import QueryNLError, describe_failure
from querynl.pipeline.generator import TestDataGenerator
from querynl.request.intent import detect_test_data_intent

log = logging.getLogger(__name__)
PROMPT = "querynl> "
HISTORY_FILE = Path.home() / ".querynl_history"


class REPLManager:
    def __init__(
        self,
        engine: Engine,
        console: Console | None = None,
        interactive: bool | None = None,
        schemas: Sequence[str] = (),
    ) -> None:
        self.engine = engine
        self.console = console or Console()
        self.interactive = sys.stdin.isatty() if interactive is None else interactive
        self.generator = TestDataGenerator(engine, schemas=schemas)  # schemas: --schema
        self._session = None
        self._busy = False

    def run(self) -> int:
        self.console.print(
            f"QueryNL on [bold]{self.engine.url.render_as_string()}[/bold]. \\help for help, \\q to quit."
        )
        # On a terminal only: piped input keeps the default, so ^C ends a blocked read.
        previous = signal.signal(signal.SIGINT, self._on_interrupt) if self.interactive else None
        try:
            for line in self._lines():
                try:
                    self.execute_command(line)
                except QuitRequested:
                    break
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
        return 0

    def _on_interrupt(self, _signum, _frame) -> None:
        """^C stops a running command; between commands (the prompt reads ^C as a key once
        it has the terminal) it is ignored rather than surfacing wherever Python happens to be."""
        if self._busy:
            raise KeyboardInterrupt

    def execute_command(self, line: str) -> None:
        """Puts the E in REPL: one line, one clear outcome, never a traceback."""
        line = line.strip()
        if not line:
            return
        self._busy = True
        try:
            self._evaluate(line)
        except QuitRequested:
            raise
        except KeyboardInterrupt:
            self.console.print("Aborted. Nothing was committed.")
        except QueryNLError as exc:
            self.console.print(f"[red]Error:[/red] {exc}", highlight=False)
        except Exception as exc:  # noqa: BLE001 - the loop must survive any failure
            log.exception("command failed: %s", line)
            self.console.print(f"[red]Error:[/red] {escape(describe_failure(exc))}", highlight=False)
        finally:
            self._busy = False

    def _evaluate(self, line: str) -> None:
        if is_special_command(line):
            self._run_special(line)
            return
        if self._detect_test_data_intent(line):
            self._handle_test_data_generation(line)
        elif looks_like_sql(line):
            if is_destructive(line) and not self.ask("This statement changes data or schema. Run it? [y/N] "):
                return
            run_sql(self.engine, self.console, line)
        else:
            self.console.print(
                "Natural-language questions need an LLM (set OPENAI_API_KEY). "
                "SQL statements and test-data requests (\\help) work offline."
            )

    def _run_special(self, line: str) -> None:
        try:
            results = execute(self.engine, line)
        except CommandNotFound:
            self.console.print(f"[red]Error:[/red] unknown command {line.split()[0]}; try \\help")
            return
        render_special(self.console, results)

    def _detect_test_data_intent(self, line: str) -> bool:
        return detect_test_data_intent(line)

    def _handle_test_data_generation(self, line: str) -> None:
        options = GenerateOptions(choose=self.choose_table)
        self.generator.planner = PLANNER.planner()  # \planner's choice
        run_generation(self.generator, line, self.console, self.ask, options)

    def ask(self, question: str) -> bool:
        return self._answer(question).lower() in YES

    def choose_table(self, words: str, candidates: list[str]) -> str | None:
        """Words that name two tables equally: let the user pick one (by number or name)."""
        self.console.print(f"'{words}' could mean:", highlight=False)
        for number, table in enumerate(candidates, 1):
            self.console.print(f"  {number}) {table}", highlight=False)
        answer = self._answer(f"Which table? [1-{len(candidates)}] ")
        if answer.isdigit() and 1 <= int(answer) <= len(candidates):
            return candidates[int(answer) - 1]
        return answer if answer in candidates else None

    def _answer(self, question: str) -> str:
        """One line from the user: the terminal prompt, or the next piped line (EOF: empty)."""
        if self.interactive:
            try:
                return self._prompt_session().prompt(question).strip()
            except (EOFError, KeyboardInterrupt):
                return ""
        self.console.print(question, end="", markup=False)
        answer = sys.stdin.readline().strip()
        self.console.print(answer, markup=False)
        return answer

    def _lines(self) -> Iterator[str]:
        if not self.interactive:
            while line := sys.stdin.readline():
                self.console.print(f"{PROMPT}{line.rstrip()}", highlight=False)
                yield line
            return
        session = self._prompt_session()
        while True:
            try:
                yield session.prompt(PROMPT)
            except KeyboardInterrupt:
                continue
            except EOFError:
                return

    def _prompt_session(self):
        if self._session is None:
            from prompt_toolkit import PromptSession
            from prompt_toolkit.history import FileHistory, InMemoryHistory

            try:
                history = FileHistory(str(HISTORY_FILE))
            except OSError:
                history = InMemoryHistory()
            self._session = PromptSession(history=history)
        return self._session
