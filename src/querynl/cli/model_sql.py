"""What the REPL needs to talk to a model about SQL, loaded only when used: the chat client
(the openai package takes seconds to import) and SQL shown highlighted (pygments)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from querynl.llm.settings import LLMSettings

if TYPE_CHECKING:
    from rich.syntax import Syntax

    from querynl.llm.client import LLMClient


def llm_client(settings: LLMSettings) -> LLMClient:
    from querynl.llm.client import LLMClient

    return LLMClient(settings)


def highlighted(sql: str) -> Syntax:
    from rich.syntax import Syntax

    return Syntax(sql, "sql", word_wrap=True)
