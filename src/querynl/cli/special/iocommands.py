"""The session and its input and output: `\\c` connect elsewhere, `\\i` run a file, `\\e` edit
the last query, `\\timing` and `\\x` display settings."""

from __future__ import annotations

from pathlib import Path

from querynl.cli.editor import edit_text
from querynl.cli.results import Results, SpecialResult
from querynl.cli.session import Session
from querynl.cli.special.registry import special_command
from querynl.cli.sql_runner import run_statements
from querynl.cli.statements import split_statements
from querynl.db.engine import check_connection, make_engine
from querynl.dialects import dialect_for
from querynl.errors import QueryNLError


@special_command(
    "\\c",
    "\\connect",
    description="Connect to another database.",
    takes=("session", "arg"),
    usage="URL",
)
def connect(session: Session, arg: str) -> Results:
    """A URL that does not connect leaves the session where it was."""
    if arg:
        engine = make_engine(arg)
        try:
            check_connection(engine)
        except QueryNLError:
            engine.dispose()
            raise
        session.switch_engine(engine)
    return [SpecialResult(status=f"Connected to {session.engine.url.render_as_string()}.")]


@special_command(
    "\\i",
    description="Run the SQL statements of a file, in one transaction.",
    takes=("session", "arg"),
    usage="FILE",
)
def include_file(session: Session, arg: str) -> Results:
    if not arg:
        raise QueryNLError("\\i needs a file name: \\i FILE")
    path = Path(arg).expanduser()
    try:
        sql = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryNLError(f"Cannot read {arg}: {getattr(exc, 'strerror', None) or exc}") from None
    statements = split_statements(sql, dialect_for(session.engine.dialect.name).sqlglot_name)
    results = run_statements(session.engine, statements, session.settings, source=arg)
    session.schema_changed |= any(s.changes_schema for s in statements)
    return results or [SpecialResult(status=f"{arg} holds no statements.")]


@special_command(
    "\\e",
    "\\edit",
    description="Edit the last query in $EDITOR, then run it.",
    takes=("session",),
)
def edit_last_query(session: Session) -> Results:
    edited = edit_text(session.last_query or "").strip()
    if not edited:
        return [SpecialResult(status="Nothing to run.")]
    session.queued.append(edited)
    return [SpecialResult(status=edited)]


@special_command(
    "\\timing",
    description="Toggle the time shown after each result.",
    takes=("session", "arg"),
    usage="[on|off]",
)
def toggle_timing(session: Session, arg: str) -> Results:
    session.settings.timing = _toggled(session.settings.timing, arg)
    return [SpecialResult(status=f"Timing is {_state(session.settings.timing)}.")]


@special_command(
    "\\x",
    description="Toggle expanded display (one record per block).",
    takes=("session", "arg"),
    usage="[on|off]",
)
def toggle_expanded(session: Session, arg: str) -> Results:
    session.settings.expanded = _toggled(session.settings.expanded, arg)
    return [SpecialResult(status=f"Expanded display is {_state(session.settings.expanded)}.")]


def _toggled(current: bool, arg: str) -> bool:
    word = arg.lower()
    if word in ("", "toggle"):
        return not current
    if word not in ("on", "off"):
        raise QueryNLError(f"Expected on or off, not '{arg}'.")
    return word == "on"


def _state(on: bool) -> str:
    return "on" if on else "off"
