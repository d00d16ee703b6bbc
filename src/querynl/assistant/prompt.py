"""The messages that ask a model for the SQL answering a question."""

from __future__ import annotations

Message = dict[str, str]  # as querynl.llm.client takes them (not imported: openai is slow to load)

SYSTEM = (
    "You translate questions about a {database} database into SQL. Reply with exactly one "
    "{database} SQL statement in one ```sql block and nothing else. Use only the tables and "
    "columns below; quote identifiers that need it. Prefer a read-only SELECT; write data "
    "(INSERT, UPDATE, DELETE) only when the question asks for a change.\n\nSchema:\n{schema}"
)


def question_messages(question: str, database: str, schema: str) -> list[Message]:
    return [
        {"role": "system", "content": SYSTEM.format(database=database, schema=schema)},
        {"role": "user", "content": question},
    ]
