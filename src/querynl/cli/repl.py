"""The REPL: read a line, route it (special command, test-data request, SQL), show the result."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Iterator, Sequence

from prompt_toolkit import prompt
from rich.console import Console
from rich.markup import escape
from sqlalchemy.engine import Engine

from querynl.cli.completion.completer import SQLCompleter
from querynl.cli.completion.metadata import CompletionMetadata, read_tables
from querynl.cli.generate import GenerateOptions, run_generation
from querynl.cli.prompt_session import history_path, make_prompt_session, open_history
from querynl.cli.prompts import YES
from querynl.cli.render import render_special
from querynl.cli.session import Session
from querynl.cli.special import COMMANDS, CommandNotFound, QuitRequested
from querynl.cli.sql_runner import looks_like_sql, run_statements
from querynl.cli.statements import split_statements
from querynl.dialects import dialect_for
from querynl.errors import QueryNLError, describe_failure
from querynl.pipeline.generator import TestDataGenerator
from querynl.redact import redact_urls
from querynl.request.intent import detect_test_data_intent

log = logging.getLogger(__name__)
PROMPT = "querynl> "


class REPLManager:
    def __init__(
        self,
        engine: Engine,
        console: Console | None = None,
        interactive: bool | None = None,
        schemas: Sequence[str] = (),
    ) -> None:
        self.session = Session(engine)
        self.console = console or Console()
        self.interactive = sys.stdin.isatty() if interactive is None else interactive
        self.schemas = schemas  # --schema
        self._generator: TestDataGenerator | None = None
        commands = sorted(name for name in COMMANDS.by_name if name.startswith("\\"))
        self.completion = CompletionMetadata(commands=commands)
        self._prompt = None
        self._busy = False

    @property
    def engine(self) -> Engine:
        return self.session.engine

    @property
    def generator(self) -> TestDataGenerator:
        """The test-data generator for the current connection (a new one after `\\c`)."""
        if self._generator is None or self._generator.engine is not self.engine:
            self._generator = TestDataGenerator(self.engine, schemas=self.schemas)
        return self._generator

    def run(self) -> int:
        url = escape(self.engine.url.render_as_string())
        self.console.print(f"QueryNL on [bold]{url}[/bold]. \\help for help, \\q to quit.")
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
        """Puts the E in REPL: one line, one clear outcome, never a traceback; then whatever
        the command handed back to run (the query `\\e` edited)."""
        self._execute_one(line)
        while self.session.queued:
            self._execute_one(self.session.queued.pop(0))

    def _execute_one(self, line: str) -> None:
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
            self.console.print(f"[red]Error:[/red] {escape(str(exc))}", highlight=False)
        except Exception as exc:  # noqa: BLE001 - the loop must survive any failure
            log.exception("command failed: %s", line)
            self.console.print(f"[red]Error:[/red] {escape(describe_failure(exc))}", highlight=False)
        finally:
            self._busy = False

    def _evaluate(self, line: str) -> None:
        if COMMANDS.is_special(line):
            self._run_special(line)
        elif self._detect_test_data_intent(line):
            self._handle_test_data_generation(line)
        elif looks_like_sql(line):
            self._run_sql(line)
        else:
            self.console.print(
                "Natural-language questions need an LLM (set OPENAI_API_KEY). "
                "SQL statements and test-data requests (\\help) work offline."
            )

    def _run_special(self, line: str) -> None:
        try:
            results = COMMANDS.execute(self.session, line)
        except CommandNotFound:
            self.console.print(f"[red]Error:[/red] unknown command {escape(line.split()[0])}; try \\help")
            return
        render_special(self.console, results, self.session.settings)

    def _run_sql(self, text: str) -> None:
        """SQL as typed, like psql; DROP, TRUNCATE and DELETE without WHERE ask first."""
        statements = split_statements(text, dialect_for(self.engine.dialect.name).sqlglot_name)
        self.session.last_query = text
        destructive = [s.verb for s in statements if s.destructive]
        if destructive and not self.ask(f"This {destructive[0]} cannot be undone. Run it? [y/N] "):
            self.console.print("Not run.")
            return
        try:
            results = run_statements(self.engine, statements, self.session.settings)
        finally:
            self.session.schema_changed |= any(s.changes_schema for s in statements)
        render_special(self.console, results, self.session.settings)

    def _detect_test_data_intent(self, line: str) -> bool:
        return detect_test_data_intent(line)

    def _handle_test_data_generation(self, line: str) -> None:
        options = GenerateOptions(choose=self.choose_table)
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
                return prompt(question).strip()
            except (EOFError, KeyboardInterrupt):
                return ""
        self.console.print(question, end="", markup=False)
        answer = sys.stdin.readline().strip()
        self.console.print(answer, markup=False)
        return answer

    def _lines(self) -> Iterator[str]:
        if not self.interactive:
            while line := sys.stdin.readline():
                self.console.print(f"{PROMPT}{redact_urls(line.rstrip())}", markup=False, highlight=False)
                yield line
            return
        while True:
            self.refresh_completion()
            try:
                yield self._prompt_session().prompt(PROMPT)
            except KeyboardInterrupt:  # ^C clears the line
                continue
            except EOFError:  # ^D quits
                return

    def refresh_completion(self) -> None:
        """Reread tables and columns after DDL or `\\c` (a failure leaves the old names)."""
        if not self.session.schema_changed:
            return
        self.session.schema_changed = False
        try:
            self.completion.columns = read_tables(self.engine)
        except Exception:  # noqa: BLE001 - completion must never stop the REPL
            log.exception("reading names for completion failed")

    def _prompt_session(self):
        if self._prompt is None:
            self._prompt = make_prompt_session(SQLCompleter(self.completion), open_history(history_path()))
        return self._prompt
