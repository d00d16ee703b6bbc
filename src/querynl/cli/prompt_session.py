"""The interactive prompt: prompt_toolkit with a history file, completion, SQL highlighting
(Pygments) and multi-line SQL that ends at `;`."""

from __future__ import annotations

import os
from pathlib import Path

from prompt_toolkit import PromptSession
from prompt_toolkit.application import get_app
from prompt_toolkit.completion import Completer
from prompt_toolkit.filters import Condition
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.lexers import PygmentsLexer
from pygments.lexers.sql import SqlLexer

from querynl.cli.special import COMMANDS
from querynl.cli.sql_runner import looks_like_sql
from querynl.redaction import redact_urls
from querynl.request.line_kind import LineKind, classify_line

HISTORY_ENV = "QUERYNL_HISTORY"  # a file to keep the history in, instead of the default
CONTINUATION = "      -> "


def history_path() -> Path:
    """$QUERYNL_HISTORY, else $XDG_STATE_HOME/querynl/history, else ~/.querynl_history."""
    if os.environ.get(HISTORY_ENV):
        return Path(os.environ[HISTORY_ENV]).expanduser()
    if os.environ.get("XDG_STATE_HOME"):
        return Path(os.environ["XDG_STATE_HOME"]) / "querynl" / "history"
    return Path.home() / ".querynl_history"


class RedactedFileHistory(FileHistory):
    """A history file that never keeps a URL's password (`\\c postgresql://u:***@host/db`)."""

    def store_string(self, string: str) -> None:
        super().store_string(redact_urls(string))


def open_history(path: Path) -> History:
    """The history file (its folder made if need be); in memory when it cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        return RedactedFileHistory(str(path))
    except OSError:
        return InMemoryHistory()


# SQL's first words that also start English questions: only these end a question at Enter
# ("SELECT name" on its own stays SQL being typed, waiting for more and a `;`)
_ENGLISH_FIRST_WORDS = frozenset({"show", "describe", "explain"})


def is_complete(text: str) -> bool:
    """Whether Enter runs the input: SQL once it ends with `;`, anything else (a backslash
    command, a test-data request, a question) at once, also when it starts with a word SQL
    has too ("insert 5 orders", "show me the top customers")."""
    stripped = text.strip()
    if not stripped or COMMANDS.is_special(stripped) or not looks_like_sql(stripped):
        return True
    kind = classify_line(stripped)
    if kind in (LineKind.TEST_DATA, LineKind.UNCLEAR_TEST_DATA):
        return True
    if kind is LineKind.QUESTION and stripped.split()[0].lower() in _ENGLISH_FIRST_WORDS:
        return True
    return stripped.endswith(";")


def _key_bindings() -> KeyBindings:
    bindings = KeyBindings()

    @bindings.add("enter", filter=Condition(_buffer_complete))
    def _run(event) -> None:  # noqa: ANN001
        event.current_buffer.validate_and_handle()

    return bindings


def _buffer_complete() -> bool:
    return is_complete(get_app().current_buffer.text)


def make_prompt_session(completer: Completer, history: History) -> PromptSession:
    return PromptSession(
        history=history,
        completer=completer,
        lexer=PygmentsLexer(SqlLexer),
        multiline=True,
        key_bindings=_key_bindings(),
        prompt_continuation=lambda width, _line, _wrap: CONTINUATION[-width:].rjust(width),
        complete_while_typing=False,
        enable_history_search=False,
    )
