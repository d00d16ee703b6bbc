"""Asking a model for a schema: DDL for the connected database from a description, then the
whole DDL again with each change the user asks for. What comes back is only text to check
(querynl.design.ddl); nothing here runs it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from querynl.llm.answers import extract_sql

if TYPE_CHECKING:  # the openai client takes seconds to import: only when a model is asked
    from querynl.llm.client import LLMClient

Message = dict[str, str]

SYSTEM = (
    "You design relational database schemas for {database}. Reply with {database} DDL only, "
    "in one ```sql block: CREATE TABLE statements (primary keys, foreign keys, NOT NULL, UNIQUE "
    "and CHECK constraints where they fit; parents before children) and CREATE INDEX "
    "statements, each ending with a semicolon. No other statement: no DROP, INSERT, UPDATE, "
    "DELETE, CREATE VIEW or ALTER (except ALTER TABLE ... ADD CONSTRAINT)."
)
CHANGE = "Change the schema: {change}\nReply with the whole DDL again, in one ```sql block."


class SchemaDesigner:
    """One design conversation: the description, then changes, each answered with DDL."""

    def __init__(self, client: LLMClient, database: str) -> None:
        self._client = client
        self._messages: list[Message] = [{"role": "system", "content": SYSTEM.format(database=database)}]

    def propose(self, description: str) -> str:
        """DDL for an application described in words."""
        return self._ask(f"Design the schema for: {description}")

    def revise(self, change: str) -> str:
        """The last DDL again, with `change` made."""
        return self._ask(CHANGE.format(change=change))

    def _ask(self, content: str) -> str:
        self._messages.append({"role": "user", "content": content})
        ddl = extract_sql(self._client.chat(self._messages))
        self._messages.append({"role": "assistant", "content": f"```sql\n{ddl}\n```"})
        return ddl
