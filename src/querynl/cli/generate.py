"""One test-data request from words to a committed (or rolled back) run; shared by the REPL
and `querynl seed`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console

from querynl.cli.cancel import cancellable
from querynl.cli.render import render_plan, render_result
from querynl.models import InsertionResult
from querynl.schema_design.intent import parse_request
from querynl.schema_design.progress import RichProgress
from querynl.schema_design.test_data_generator import PreparedRun, TestDataGenerator

Ask = Callable[[str], bool]


@dataclass
class GenerateOptions:
    seed: int | None = None
    assume_yes: bool = False


@dataclass
class Outcome:
    run: PreparedRun
    result: InsertionResult | None  # None: the user declined, nothing was written


def run_generation(
    generator: TestDataGenerator,
    text: str,
    console: Console,
    ask: Ask,
    options: GenerateOptions,
) -> Outcome:
    with console.status("Reading the schema and planning..."):
        schema = generator.introspect()
        request = parse_request(text, schema, seed=options.seed)
        run = generator.prepare(request, schema)
    render_plan(console, run)
    if not options.assume_yes and not ask("Proceed? [y/N] "):
        console.print("Nothing written.")
        return Outcome(run, None)
    with cancellable(console) as token:
        progress = RichProgress(console, run.plan.total_records)
        result = generator.execute(run, cancel=token, progress=progress)
    render_result(console, result, run.notes)
    return Outcome(run, result)
