"""Entry point: `querynl [DATABASE_URL]` opens the REPL, `querynl seed ...` runs one request."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from querynl.cli import seed_command
from querynl.cli.logs import configure_logging
from querynl.db.demo import create_demo_schema
from querynl.db.engine import DEFAULT_SQLITE_FILE, check_connection, default_url, make_engine
from querynl.db.introspection import chosen_schemas
from querynl.dialects import dialect_for
from querynl.errors import QueryNLError
from querynl.planning.plan_file import plan_json_schema
from querynl.redaction import redact


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="querynl",
        description="Natural-language SQL for SQLite, PostgreSQL and MySQL. "
        "`querynl seed URL REQUEST` runs one test-data request without the REPL;"
        " `querynl plan-schema` prints the JSON Schema of a generation plan file.",
    )
    parser.add_argument(
        "url",
        nargs="?",
        help=f"SQLAlchemy database URL (default: ./{DEFAULT_SQLITE_FILE}, an embedded SQLite demo)",
    )
    seed_command.add_log_option(parser)
    seed_command.add_schema_option(parser)
    seed_command.add_busy_timeout_option(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:  # a second Ctrl+C: the open transaction dies with the process
        Console(stderr=True).print("Aborted. Nothing was committed.")
        return 130
    except BrokenPipeError:  # `querynl ... | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _main(argv: list[str]) -> int:
    if argv and argv[0] == "seed":
        return seed_command.main(argv[1:])
    if argv and argv[0] == "plan-schema":
        print(json.dumps(plan_json_schema(), indent=2))
        return 0
    args = build_parser().parse_args(argv)
    redact.register_url(args.url)
    try:
        configure_logging(args.log_file, args.url)
        engine = make_engine(args.url, args.busy_timeout) if args.url else _default_engine(args.busy_timeout)
        check_connection(engine)
        if args.schema:
            with engine.connect() as conn:
                chosen_schemas(conn, dialect_for(conn.dialect.name), args.schema)
    except QueryNLError as exc:
        Console(stderr=True).print(f"[red]Error:[/red] {escape(redact(str(exc)))}", highlight=False)
        return exc.exit_status
    from querynl.cli.repl import REPLManager  # the terminal's stack: not loaded for `seed`

    return REPLManager(engine, schemas=args.schema).run()


def _default_engine(busy_timeout: float | None):
    """The embedded database in the current folder; a new one starts with the demo schema."""
    fresh = not Path(DEFAULT_SQLITE_FILE).exists()
    engine = make_engine(default_url(), busy_timeout)
    if fresh:
        create_demo_schema(engine)
    return engine
