"""`\\schema design`: create a schema from a starter or, with an LLM, from a description."""

from __future__ import annotations

from querynl.cli.results import Results, SpecialResult
from querynl.cli.schema_design import STARTER_NAMES, schema_command
from querynl.cli.session import Session
from querynl.cli.special.registry import special_command


@special_command(
    "\\schema",
    description=f"Create a schema (starters: {STARTER_NAMES}; a description needs an LLM).",
    takes=("arg", "session"),
    usage="design [STARTER | description]",
)
def design_schema(arg: str, session: Session) -> Results:
    if session.conversation is None:
        return [SpecialResult(status="\\schema design asks questions: run it in the REPL.")]
    status = schema_command(session.conversation, arg)
    session.schema_changed = True  # completion rereads the tables
    return [SpecialResult(status=status)] if status else []
