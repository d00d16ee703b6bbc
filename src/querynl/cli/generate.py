"""One test-data request from words to a committed (or rolled back) run; shared by the REPL
and `querynl seed`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from querynl.cli.cancel import CancelScope, cancellable
from querynl.cli.progress import RichProgress
from querynl.cli.render import render_plan, render_result
from querynl.errors import RequestError
from querynl.models import InsertionResult, TestDataRequest
from querynl.pipeline.context import RunContext
from querynl.pipeline.estimate import LARGE_RUN, estimate_seconds, format_duration, record_rate
from querynl.pipeline.generator import PreparedRun, TestDataGenerator
from querynl.request.intent import parse_request
from querynl.request.table_words import Chooser

Ask = Callable[[str], bool]


@dataclass
class GenerateOptions:
    seed: int | None = None
    window_days: int | None = None  # event timestamps spread over these days before the anchor
    assume_yes: bool = False
    dry_run: bool = False
    sql_out: Path | None = None
    choose: Chooser | None = None  # picks a table when words name two equally (the REPL asks)
    request: TestDataRequest | None = None  # a request made already (a replayed plan), not words
    failures_hint: str | None = None  # shown under the summary of many failed rows


@dataclass
class Outcome:
    run: PreparedRun
    result: InsertionResult | None  # None: declined or a dry run, nothing was written
    dry_run: bool = False


def run_generation(
    generator: TestDataGenerator,
    text: str,
    console: Console,
    ask: Ask,
    options: GenerateOptions,
) -> Outcome:
    """The whole request under one Ctrl+C handler: before the run writes, Ctrl+C is
    `Cancelled` (nothing written); while it writes, see `querynl.cli.cancel`."""
    with cancellable(console) as scope:
        return _generate(generator, text, console, ask, options, scope)


def _generate(
    generator: TestDataGenerator,
    text: str,
    console: Console,
    ask: Ask,
    options: GenerateOptions,
    scope: CancelScope,
) -> Outcome:
    with console.status("Reading the schema..."):
        schema = generator.introspect()
    request = options.request or parse_request(text, schema, seed=options.seed, choose=options.choose)
    if options.window_days is not None:
        request = request.model_copy(update={"time_window_days": options.window_days})
    with console.status(_planning_status(generator)):
        run = generator.prepare(request, schema)
    render_plan(console, run)
    if options.dry_run:
        _dry_run(generator, run, console, options.sql_out)
        return Outcome(run, None, dry_run=True)
    if not options.assume_yes and not ask(_question(generator, run, console)):
        console.print("Nothing written.")
        return Outcome(run, None)
    if options.assume_yes and run.plan.total_records > LARGE_RUN:
        console.print(_large_warning(generator, run, console), markup=False)
    with _sql_file(options.sql_out) as write, scope.writing() as token:
        progress = RichProgress(console, run.plan.total_records)
        result = generator.execute(run, RunContext(cancel=token, progress=progress, sql_out=write))
    render_result(console, result, options.failures_hint)
    if result.committed:
        record_rate(generator, result.total_inserted, result.seconds)
    return Outcome(run, result)


def _planning_status(generator: TestDataGenerator) -> str:
    """The spinner's words while planning (Rich shows it on a terminal only)."""
    describe = getattr(generator.planner, "describe", None)
    return f"Asking {describe()} for a plan..." if describe else "Planning..."


def _question(generator: TestDataGenerator, run: PreparedRun, console: Console) -> str:
    if run.plan.total_records > LARGE_RUN:
        return _large_warning(generator, run, console).replace(".", ". Continue? (y/N) ", 1)
    return "Proceed? [y/N] "


def _large_warning(generator: TestDataGenerator, run: PreparedRun, console: Console) -> str:
    with console.status("Measuring this database's speed..."):
        seconds = estimate_seconds(generator, run)
    return f"This will generate {run.plan.total_records:,} records (estimated {format_duration(seconds)})."


def _dry_run(generator: TestDataGenerator, run: PreparedRun, console: Console, sql_out: Path | None) -> None:
    if sql_out is not None:
        with _sql_file(sql_out) as write:
            rows = generator.export_sql(run, write)
        console.print(f"Wrote INSERT statements for {rows:,} rows to {sql_out}; nothing executed.")
    else:
        console.print("Dry run: nothing written.")


class _sql_file:  # noqa: N801 - used as a context manager like open()
    """A writer of one statement per line to a file, or None when no file was asked for."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._file = None

    def __enter__(self) -> Callable[[str], None] | None:
        if self.path is None:
            return None
        try:
            self._file = self.path.open("w", encoding="utf-8")
        except OSError as exc:
            raise RequestError(f"Cannot write {self.path}: {exc.strerror}") from None
        return lambda statement: self._file.write(statement + "\n")

    def __exit__(self, *_exc) -> None:
        if self._file is not None:
            self._file.close()
