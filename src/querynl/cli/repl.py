"""The REPL: read a line, route it (special command, SQL, test-data request, question), show
the result."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from prompt_toolkit import PromptSession
from rich.console import Console
from rich.markup import escape
from sqlalchemy.engine import Engine

from querynl.cli.cancel import NOTHING_WRITTEN
from querynl.cli.completion.completer import SQLCompleter
from querynl.cli.completion.metadata import CompletionMetadata, read_tables
from querynl.cli.errors_file import save_failed_rows
from querynl.cli.generate import GenerateOptions, run_generation
from querynl.cli.line_help import show_test_data_examples
from querynl.cli.prompt_session import history_path, make_prompt_session, open_history
from querynl.cli.prompts import YES
from querynl.cli.questions import answer_question
from querynl.cli.render import MAX_DETAILED_ERRORS, render_special
from querynl.cli.session import Session
from querynl.cli.special import COMMANDS, CommandNotFound, QuitRequested
from querynl.cli.sql_runner import run_statements
from querynl.cli.statements import split_statements
from querynl.db.reconnect import ConnectionWatch
from querynl.dialects import dialect_for
from querynl.errors import Cancelled, QueryNLError, describe_failure
from querynl.llm.settings import LLMSettings
from querynl.models import InsertionResult
from querynl.pipeline.generator import TestDataGenerator
from querynl.planning.choice import make_planner
from querynl.redaction import redact, redact_urls, safe_url
from querynl.request.line_kind import LineKind, classify_line

log = logging.getLogger(__name__)
PROMPT = "querynl> "
DEFAULT_ERRORS_FILE = "querynl-failed-rows.jsonl"  # the offer answered "y"


class REPLManager:
    def __init__(
        self,
        engine: Engine,
        console: Console | None = None,
        interactive: bool | None = None,
        schemas: Sequence[str] = (),
    ) -> None:
        self.session = Session(engine, conversation=self)
        self.console = console or Console()
        self.interactive = sys.stdin.isatty() if interactive is None else interactive
        self.schemas = schemas  # --schema
        self._generator: TestDataGenerator | None = None
        commands = sorted(name for name in COMMANDS.by_name if name.startswith("\\"))
        self.completion = CompletionMetadata(commands=commands)
        self.llm_settings = LLMSettings.from_env()
        self._watch: ConnectionWatch | None = None
        self._prompt = None
        self._questions = None
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

    @property
    def watch(self) -> ConnectionWatch:
        """Notices dropped connections of the current engine (a new one after `\\c`)."""
        if self._watch is None or self._watch.engine is not self.engine:
            self._watch = ConnectionWatch(self.engine)
        return self._watch

    def run(self) -> int:
        url = escape(safe_url(self.engine.url))
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
            if self.watch.reconnect():
                self.console.print("[yellow]The connection to the database was lost; reconnected.[/yellow]")
            self._evaluate(line)
        except QuitRequested:
            raise
        except KeyboardInterrupt:
            self.console.print(f"[yellow]{NOTHING_WRITTEN}[/yellow]", highlight=False)
        except Cancelled as exc:
            self.console.print(f"[yellow]{escape(str(exc))}[/yellow]", highlight=False)
        except QueryNLError as exc:
            self.console.print(f"[red]Error:[/red] {escape(redact(str(exc)))}", highlight=False)
        except Exception as exc:  # noqa: BLE001 - the loop must survive any failure
            log.exception("command failed: %s", redact(line))
            self.console.print(f"[red]Error:[/red] {escape(redact(describe_failure(exc)))}", highlight=False)
        finally:
            self._busy = False

    def _evaluate(self, line: str) -> None:
        kind = classify_line(line, dialect_for(self.engine.dialect.name).sqlglot_name)
        if kind is LineKind.COMMAND or COMMANDS.is_special(line):
            self._run_special(line)
        elif kind is LineKind.SQL:
            self._run_sql(line)
        elif kind is LineKind.TEST_DATA:
            self._handle_test_data_generation(line)
        elif kind is LineKind.UNCLEAR_TEST_DATA:
            show_test_data_examples(self.console)
        else:
            answer_question(self, line, self.llm_settings)

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

    def _handle_test_data_generation(self, line: str) -> None:
        options = GenerateOptions(choose=self.choose_table)
        self.generator.planner = make_planner(self.session.planner_choice)  # \\planner's choice
        outcome = run_generation(self.generator, line, self.console, self.ask, options)
        if outcome.result is not None and outcome.result.total_failed >= MAX_DETAILED_ERRORS:
            self._offer_failed_rows(outcome.result)

    def _offer_failed_rows(self, result: InsertionResult) -> None:
        """Many failed rows are summarised; offer the whole list as a JSON-lines file."""
        kept = len(result.errors)
        answer = self._answer(f"Write the {kept:,} failed rows to a file? [path, Enter for no] ")
        if answer.lower() in ("", "n", "no"):
            return
        path = Path(DEFAULT_ERRORS_FILE if answer.lower() in YES else answer).expanduser()
        written = save_failed_rows(path, result)
        self.console.print(f"Wrote {written:,} failed rows to {path}", highlight=False, markup=False)

    def ask(self, question: str) -> bool:
        return self._answer(question).lower() in YES

    def answer(self, question: str) -> str:
        return self._answer(question)

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
        """One line from the user: the terminal prompt, or the next piped line (EOF: empty).
        Ctrl+C cancels the request (KeyboardInterrupt goes up); answers stay out of the
        command history."""
        if self.interactive:
            try:
                return self._question_session().prompt(question).strip()
            except EOFError:
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

    def _question_session(self) -> PromptSession:
        if self._questions is None:
            self._questions = PromptSession()
        return self._questions

    def _prompt_session(self):
        if self._prompt is None:
            self._prompt = make_prompt_session(SQLCompleter(self.completion), open_history(history_path()))
        return self._prompt
