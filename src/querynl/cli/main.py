"""Entry point: `querynl [DATABASE_URL]` opens the REPL, `querynl seed ...` runs one request."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from rich.console import Console

from querynl.cli import seed_command
from querynl.cli.repl import REPLManager
from querynl.db.demo import create_demo_schema
from querynl.db.engine import DEFAULT_SQLITE_FILE, check_connection, default_url, make_engine
from querynl.db.introspection import chosen_schemas
from querynl.dialects import dialect_for
from querynl.errors import QueryNLError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="querynl",
        description="Natural-language SQL for SQLite, PostgreSQL and MySQL. "
        "`querynl seed URL REQUEST` runs one test-data request without the REPL.",
    )
    parser.add_argument(
        "url",
        nargs="?",
        help=f"SQLAlchemy database URL (default: ./{DEFAULT_SQLITE_FILE}, an embedded SQLite demo)",
    )
    parser.add_argument("--log-file", help="write a debug log to this file")
    seed_command.add_schema_option(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:  # a second Ctrl+C: the open transaction dies with the process
        Console(stderr=True).print("Aborted. Nothing was committed.")
        return 130


def _main(argv: list[str]) -> int:
    if argv and argv[0] == "seed":
        return seed_command.main(argv[1:])
    args = build_parser().parse_args(argv)
    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=logging.DEBUG)
    else:  # a failure's traceback goes to the log file or nowhere, never to the terminal
        logging.getLogger("querynl").addHandler(logging.NullHandler())
    try:
        engine = make_engine(args.url) if args.url else _default_engine()
        check_connection(engine)
        if args.schema:
            with engine.connect() as conn:
                chosen_schemas(conn, dialect_for(conn.dialect.name), args.schema)
    except QueryNLError as exc:
        Console(stderr=True).print(f"[red]Error:[/red] {exc}", highlight=False)
        return exc.exit_status
    return REPLManager(engine, schemas=args.schema).run()


def _default_engine():
    """The embedded database in the current folder; a new one starts with the demo schema."""
    fresh = not Path(DEFAULT_SQLITE_FILE).exists()
    engine = make_engine(default_url())
    if fresh:
        create_demo_schema(engine)
    return engine
