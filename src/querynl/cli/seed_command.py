"""`querynl seed URL "REQUEST"`: one request without the REPL, for scripts and CI."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from querynl.cli.generate import GenerateOptions, Outcome, run_generation
from querynl.cli.prompts import ask_line
from querynl.db.engine import make_engine
from querynl.errors import QueryNLError, describe_failure
from querynl.models import InsertionResult
from querynl.pipeline.generator import TestDataGenerator
from querynl.planning.choice import PLANNER_CHOICES, make_planner
from querynl.synthesis.streams import span_days

log = logging.getLogger(__name__)

EXAMPLES = """examples:
  querynl seed sqlite:///shop.db "add sample data" --yes
  querynl seed sqlite:///shop.db "add 50 customers and 200 orders" --dry-run --json
  querynl seed sqlite:///shop.db "add 1k users" --dry-run --sql-out users.sql
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
    parser.add_argument("request", help='what to generate, e.g. "add sample data"')
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
    parser.add_argument("--dry-run", action="store_true", help="show the plan, write nothing")
    add_schema_option(parser)
    parser.add_argument(
        "--planner",
        choices=PLANNER_CHOICES,
        default="auto",
        help="who plans the values: the offline rules, an LLM (OPENAI_API_KEY / OPENAI_BASE_URL,"
        " QUERYNL_MODEL), or auto (the default: the LLM when an endpoint is configured)",
    )
    parser.add_argument("--no-cache", action="store_true", help="ask the LLM again, not its cached plan")
    parser.add_argument(
        "--sql-out",
        type=Path,
        metavar="FILE",
        help="write the INSERT statements to FILE (with --dry-run: instead of executing them)",
    )
    return parser


def add_schema_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--schema",
        action="append",
        default=[],
        metavar="NAME",
        help="fill only this database schema's tables (repeatable; default: every user schema); "
        "tables of other schemas its keys refer to must already have rows",
    )


def _window(text: str) -> int:
    try:
        return span_days(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    # With --json, stdout carries only the summary; the human-readable output goes to stderr.
    console = Console(stderr=args.json)
    try:
        planner = make_planner(args.planner, use_cache=not args.no_cache)
        generator = TestDataGenerator(make_engine(args.url), planner=planner, schemas=args.schema)
        outcome = run_generation(
            generator,
            args.request,
            console,
            lambda question: ask_line(console, question),
            GenerateOptions(
                seed=args.seed,
                window_days=args.window,
                assume_yes=args.yes,
                dry_run=args.dry_run,
                sql_out=args.sql_out,
            ),
        )
    except QueryNLError as exc:
        return _fail(str(exc), exc.exit_status, args.json)
    except Exception as exc:  # noqa: BLE001 - a bug or a driver failure: one line, never a traceback
        log.debug("seed failed", exc_info=True)
        return _fail(describe_failure(exc), 2, args.json)
    if args.json:
        print(json.dumps(_summary(outcome), default=str))
    sys.stdout.flush()
    return 0 if outcome.dry_run or (outcome.result is not None and outcome.result.ok) else 1


def _fail(message: str, status: int, as_json: bool) -> int:
    """One error line on stderr and, with --json, the JSON object on stdout."""
    Console(stderr=True).print(f"[red]Error:[/red] {escape(message)}", highlight=False)
    if as_json:
        print(json.dumps({"ok": False, "error": message}))
    sys.stdout.flush()
    return status


def _summary(outcome: Outcome) -> dict:
    counts = {t.table_name: t.record_count for t in outcome.run.plan.tables}
    if outcome.dry_run:
        summary = InsertionResult().summary() | {"ok": True, "dry_run": True, "counts": counts}
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
    reasons = {t.table_name: t.reason for t in tables}
    plan = outcome.run.plan
    return summary | {
        "seed": outcome.run.seed,
        "notes": notes,
        "reasons": reasons,
        "planner": plan.planner,
        "planner_notes": plan.planner_notes,
    }
