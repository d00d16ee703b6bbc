"""`querynl seed URL "REQUEST"`: one request without the REPL, for scripts and CI."""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console

from querynl.cli.generate import GenerateOptions, run_generation
from querynl.cli.prompts import ask_line
from querynl.db.engine import make_engine
from querynl.errors import QueryNLError
from querynl.schema_design.test_data_generator import TestDataGenerator

EXAMPLES = """examples:
  querynl seed sqlite:///shop.db "add sample data" --yes
  querynl seed postgresql://postgres@localhost/shop "add sample data" --yes --seed 7 --json
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
    parser.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    # With --json, stdout carries only the summary; the human-readable output goes to stderr.
    console = Console(stderr=args.json)
    try:
        generator = TestDataGenerator(make_engine(args.url))
        outcome = run_generation(
            generator,
            args.request,
            console,
            lambda question: ask_line(console, question),
            GenerateOptions(seed=args.seed, assume_yes=args.yes),
        )
    except QueryNLError as exc:
        Console(stderr=True).print(f"[red]Error:[/red] {exc}", highlight=False)
        if args.json:
            print(json.dumps({"ok": False, "error": str(exc)}))
        return exc.exit_status
    result = outcome.result
    if args.json:
        summary = result.summary() if result else {"ok": False, "declined": True}
        summary["seed"] = outcome.run.seed
        print(json.dumps(summary, default=str))
    sys.stdout.flush()
    return 0 if result is not None and result.ok else 1
