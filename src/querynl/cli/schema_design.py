"""`\\schema design`: create a schema from a built-in starter, or (with an LLM) from a
description of the application. The DDL is shown highlighted, checked with sqlglot for the
connected database, and applied all or nothing after the user confirms."""

from __future__ import annotations

from querynl.cli.conversation import Conversation
from querynl.cli.model_sql import highlighted, llm_client
from querynl.cli.prompts import YES
from querynl.design.apply import apply_ddl
from querynl.design.ddl import DDLRejected, check_ddl
from querynl.design.designer import SchemaDesigner
from querynl.design.starters import STARTERS, Starter, find_starter
from querynl.dialects import dialect_for
from querynl.llm.settings import LLMSettings

USAGE = "Usage: \\schema design [STARTER | a description of your application]"
STARTER_NAMES = ", ".join(s.name for s in STARTERS)
OFFLINE_HINT = (
    f"Describing a schema in words needs an LLM (set OPENAI_API_KEY, or OPENAI_BASE_URL for a local "
    f"server). Offline: \\schema design {{{STARTER_NAMES.replace(', ', '|')}}}, type CREATE TABLE "
    "statements, or load a file with \\i."
)
NEXT_STEP = "Try: add sample data"


def schema_command(session: Conversation, arg: str) -> str | None:
    """`\\schema design ...`; a line to show when the arguments are not understood."""
    word, _, rest = arg.strip().partition(" ")
    if word.lower() != "design":
        return USAGE
    design_schema(session, rest.strip())
    return None


def design_schema(session: Conversation, request: str) -> None:
    request = request or _choose(session)
    if not request or request.startswith("\\"):
        session.console.print("Nothing created.")
        return
    starter = _starter(request)
    if starter is not None:
        _review(session, ";\n\n".join(starter.ddl(session.engine.dialect)) + ";", None)
        return
    settings = LLMSettings.from_env()
    if not settings.configured:
        session.console.print(OFFLINE_HINT, highlight=False)
        return
    designer = SchemaDesigner(llm_client(settings), _dialect(session).display_name)
    session.console.print("Asking the model for a schema ...")
    _review(session, designer.propose(request), designer)


def _choose(session: Conversation) -> str:
    session.console.print("Starter schemas:")
    for number, starter in enumerate(STARTERS, 1):
        session.console.print(f"  {number}) {starter.name}: {starter.description}", highlight=False)
    return session.answer("Starter (number or name), or describe your application: ")


def _starter(request: str) -> Starter | None:
    if request.isdigit() and 1 <= int(request) <= len(STARTERS):
        return STARTERS[int(request) - 1]
    return find_starter(request)


def _review(session: Conversation, ddl: str, designer: SchemaDesigner | None) -> None:
    """Show, check, and on confirmation apply `ddl`; with a designer, any other answer than
    yes or no is a change to ask the model for."""
    reader = _dialect(session).sqlglot_name
    question = "Apply? [y/N, or describe a change] " if designer else "Apply? [y/N] "
    while True:
        session.console.print(highlighted(ddl))
        try:
            statements = check_ddl(ddl, reader)
        except DDLRejected as exc:
            session.console.print(f"[red]Not applied:[/red] {exc}", highlight=False)
            if designer is None:
                return
            answer = session.answer("Describe a change for the model (empty: stop): ")
            statements = None
        else:
            answer = session.answer(question)
        if statements and answer.lower() in YES:
            break
        if designer is None or answer.lower() in ("", "n", "no", *YES):
            session.console.print("Nothing created.")
            return
        ddl = designer.revise(answer)
    created = apply_ddl(session.engine, statements)
    session.console.print(f"Created {len(created)} tables: {', '.join(created)}.", highlight=False)
    session.console.print(NEXT_STEP)


def _dialect(session: Conversation):
    return dialect_for(session.engine.dialect.name)
