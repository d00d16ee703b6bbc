"""A question in English: the model's SQL is shown highlighted, then run through the same
runner as typed SQL: at once when it only reads, after a yes when it writes."""

from __future__ import annotations

from querynl.assistant.prompt import question_messages
from querynl.assistant.schema_text import describe_schema
from querynl.assistant.sql_answer import read_answer
from querynl.cli.conversation import Conversation
from querynl.cli.model_sql import highlighted, llm_client
from querynl.cli.render import render_special
from querynl.cli.session import OutputSettings
from querynl.cli.sql_runner import run_query
from querynl.dialects import dialect_for
from querynl.llm.settings import LLMSettings

NO_LLM_HINT = (
    "Questions in English need an LLM: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local server). "
    "SQL, backslash commands and test-data requests work without one."
)
CONFIRM_WRITE = "This statement changes data or schema. Run it? [y/N] "


def answer_question(session: Conversation, question: str, settings: LLMSettings) -> None:
    if not settings.configured:
        session.console.print(NO_LLM_HINT, highlight=False)
        return
    dialect = dialect_for(session.engine.dialect.name)
    with session.engine.connect() as conn:
        schema = describe_schema(conn)
    messages = question_messages(question, dialect.display_name, schema)
    answer = read_answer(llm_client(settings).chat(messages), dialect.sqlglot_name)
    session.console.print(highlighted(answer.sql))
    if not answer.read_only and not session.ask(CONFIRM_WRITE):
        session.console.print("Not run.")
        return
    result = run_query(session.engine, answer.sql, OutputSettings(), read_only=answer.read_only)
    render_special(session.console, [result])
