"""`querynl seed URL "REQUEST"`: one request without the REPL, for scripts and CI."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from contextlib import nullcontext
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from querynl.cli.errors_file import open_errors_file, write_failed_rows
from querynl.cli.generate import GenerateOptions, Outcome, run_generation
from querynl.cli.logs import configure_logging
from querynl.cli.prompts import ask_line
from querynl.db.engine import busy_timeout, make_engine
from querynl.errors import QueryNLError, describe_failure
from querynl.models import InsertionResult
from querynl.pipeline.generator import TestDataGenerator
from querynl.planning.choice import PLANNER_CHOICES, make_planner
from querynl.planning.plan_file import PlanFilePlanner, read_plan_file, saved_form
from querynl.redaction import redact
from querynl.synthesis.streams import span_days

log = logging.getLogger(__name__)
ERRORS_OUT_HINT = "Every failed row, as JSON lines: add `--errors-out FILE` to the command."

EXAMPLES = """examples:
  querynl seed sqlite:///shop.db "add sample data" --yes
  querynl seed sqlite:///shop.db "add 50 customers and 200 orders" --dry-run --json
  querynl seed sqlite:///shop.db "add 1k users" --dry-run --sql-out users.sql
  querynl seed sqlite:///shop.db "add sample data" --dry-run --json > plan.json
  querynl seed sqlite:///copy.db --plan-file plan.json --yes
  querynl seed postgresql://postgres@localhost/shop "add sample data" --yes --seed 7 --json
  querynl seed postgresql://postgres@localhost/shop "add 50 sales.orders" --schema sales --yes
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="querynl seed",
        description="Fill a database with realistic rows that satisfy every key and constraint.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("url", help="SQLAlchemy database URL (sqlite:///, postgresql://, mysql://)")
    parser.add_argument("request", nargs="?", help='what to generate, e.g. "add sample data"')
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    parser.add_argument("--seed", type=int, help="make the run reproducible")
    parser.add_argument(
        "--window",
        type=_window,
        metavar="SPAN",
        help="spread event timestamps (created, ordered, shipped...) over the SPAN before the run's"
        " date: 3y (the default), 18M, 6w, 90d",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    _add_plan_options(parser)
    add_schema_option(parser)
    add_busy_timeout_option(parser)
    _add_output_options(parser)
    add_log_option(parser)
    return parser


def _add_plan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="show the plan, write nothing (with --json, the output replays with --plan-file)",
    )
    parser.add_argument(
        "--plan-file",
        type=Path,
        metavar="FILE",
        help="run the plan saved in FILE (the --dry-run --json output, or a bare plan; see"
        " `querynl plan-schema`) instead of planning a request; its seed unless --seed",
    )
    parser.add_argument(
        "--planner",
        choices=PLANNER_CHOICES,
        default="auto",
        help="who plans the values: the offline rules, an LLM (OPENAI_API_KEY / OPENAI_BASE_URL,"
        " QUERYNL_MODEL), or auto (the default: the LLM when an endpoint is configured)",
    )
    parser.add_argument("--no-cache", action="store_true", help="ask the LLM again, not its cached plan")


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sql-out",
        type=Path,
        metavar="FILE",
        help="write the INSERT statements to FILE (with --dry-run: instead of executing them)",
    )
    parser.add_argument(
        "--errors-out",
        type=Path,
        metavar="FILE",
        help="write every failed row to FILE as JSON lines (table, constraint, columns, error, record)",
    )


def add_log_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--log-file",
        type=Path,
        metavar="FILE",
        help="write the log to FILE (level from QUERYNL_LOG_LEVEL: DEBUG, INFO or WARNING; "
        "DEBUG when unset), secrets masked",
    )


def add_schema_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--schema",
        action="append",
        default=[],
        metavar="NAME",
        help="fill only this database schema's tables (repeatable; default: every user schema); "
        "tables of other schemas its keys refer to must already have rows",
    )


def add_busy_timeout_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--busy-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="SQLite: how long to wait for another writer's lock before giving up (default 5; "
        "also the URL's ?timeout=)",
    )


def _seconds(text: str) -> float:
    try:
        return busy_timeout(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _window(text: str) -> int:
    try:
        return span_days(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if (args.request is None) == (args.plan_file is None):
        parser.error("give a REQUEST or --plan-file FILE (one of them)")
    redact.register_url(args.url)
    # With --json, stdout carries only the summary; the human-readable output goes to stderr.
    console = Console(stderr=args.json)
    try:
        configure_logging(args.log_file, args.url)
        errors_file = open_errors_file(args.errors_out) if args.errors_out else nullcontext()
        with errors_file:
            outcome = _run(args, console)
            if args.errors_out and outcome.result is not None:
                written = write_failed_rows(errors_file, outcome.result)
                console.print(f"Wrote {written:,} failed rows to {args.errors_out}", highlight=False)
    except QueryNLError as exc:
        return _fail(str(exc), exc.exit_status, args.json)
    except Exception as exc:  # noqa: BLE001 - a bug or a driver failure: one line, never a traceback
        log.debug("seed failed", exc_info=True)
        return _fail(describe_failure(exc), 2, args.json)
    if args.json:
        print(redact(json.dumps(_summary(outcome), default=str)))
    sys.stdout.flush()
    return 0 if outcome.dry_run or (outcome.result is not None and outcome.result.ok) else 1


def _run(args: argparse.Namespace, console: Console) -> Outcome:
    saved = read_plan_file(args.plan_file) if args.plan_file else None
    planner = PlanFilePlanner(saved) if saved else make_planner(args.planner, use_cache=not args.no_cache)
    engine = make_engine(args.url, busy_timeout=args.busy_timeout)
    generator = TestDataGenerator(engine, planner=planner, schemas=args.schema)
    hint = None if args.errors_out else ERRORS_OUT_HINT
    return run_generation(
        generator,
        args.request or "",
        console,
        lambda question: ask_line(console, question),
        GenerateOptions(
            seed=args.seed,
            window_days=args.window,
            assume_yes=args.yes,
            dry_run=args.dry_run,
            sql_out=args.sql_out,
            failures_hint=hint,
            request=saved.request(args.seed) if saved else None,
        ),
    )


def _fail(message: str, status: int, as_json: bool) -> int:
    """One error line on stderr and, with --json, the JSON object on stdout (secrets masked)."""
    message = redact(message)
    Console(stderr=True).print(f"[red]Error:[/red] {escape(message)}", highlight=False)
    if as_json:
        print(json.dumps({"ok": False, "error": message}))
    sys.stdout.flush()
    return status


def _summary(outcome: Outcome) -> dict:
    counts = {t.table_name: t.record_count for t in outcome.run.plan.tables}
    if outcome.dry_run:
        summary = InsertionResult().summary() | {"ok": True, "dry_run": True, "counts": counts}
        summary |= saved_form(outcome.run.plan, outcome.run.request.time_window_days)
        summary["inserted"] = dict.fromkeys(counts, 0)
        summary["failed"] = dict.fromkeys(counts, 0)
    elif outcome.result is None:
        summary = {"ok": False, "declined": True, "counts": counts}
    else:
        summary = outcome.result.summary() | {"counts": counts}
        if not outcome.result.committed:  # rolled back: nothing remains in any planned table
            summary["inserted"] = dict.fromkeys(counts, 0)
    tables = outcome.run.plan.tables
    notes = [f"{t.table_name}: {note}" for t in tables for note in t.notes]
    if outcome.result is not None:
        notes += outcome.result.notes  # what the run left as generated (a total kept as drawn)
    reasons = {t.table_name: t.reason for t in tables}
    plan = outcome.run.plan
    return summary | {
        "seed": outcome.run.seed,
        "notes": notes,
        "reasons": reasons,
        "planner": plan.planner,
        "planner_notes": plan.planner_notes,
    }
