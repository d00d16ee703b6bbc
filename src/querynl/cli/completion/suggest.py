"""What to complete at the cursor, decided from the text alone (pgcli's `suggest_type`):
tables after FROM, JOIN, INTO, UPDATE, TABLE and `\\d`; columns after SELECT, WHERE, ON,
BY, SET and `table.`; backslash commands after `\\`; keywords otherwise."""

from __future__ import annotations

import re
from typing import NamedTuple


class Table(NamedTuple):
    pass


class Column(NamedTuple):
    tables: tuple[str, ...] = ()  # the tables in scope; () when none is named yet: all


class Keyword(NamedTuple):
    pass


class Special(NamedTuple):
    pass


class File(NamedTuple):
    pass


Suggestion = Table | Column | Keyword | Special | File

_TOKEN = re.compile(r"'(?:[^']|'')*'?|\"[^\"]*\"?|`[^`]*`?|[\w$]+(?:\.[\w$]+)*|<>|!=|<=|>=|[^\s\w]")
_PARTIAL = re.compile(r"(?:[\w$]+\.)?[\w$]*$")
_TABLE_WORDS = frozenset({"FROM", "JOIN", "INTO", "UPDATE", "TABLE", "DESCRIBE", "TRUNCATE"})
_COLUMN_WORDS = frozenset(
    {"SELECT", "WHERE", "AND", "OR", "NOT", "ON", "BY", "SET", "HAVING", "DISTINCT", "(", "=",
     "<", ">", "<>", "!=", "<=", ">=", "+", "-", "*", "/"}
)  # fmt: skip
_CLAUSE_WORDS = _TABLE_WORDS | {"SELECT", "WHERE", "ON", "BY", "SET", "HAVING", "VALUES"}
_TABLE_COMMANDS = frozenset({"\\d"})
_FILE_COMMANDS = frozenset({"\\i"})
_REFERENCE = re.compile(
    r"\b(?:FROM|JOIN|INTO|UPDATE)\s+([\w$]+(?:\.[\w$]+)?)(?:\s+(?:AS\s+)?(?!(?:WHERE|ON|JOIN|SET|"
    r"LEFT|RIGHT|INNER|OUTER|FULL|CROSS|GROUP|ORDER|LIMIT|VALUES|USING|NATURAL|UNION)\b)([\w$]+))?",
    re.I,
)


def partial_word(text_before_cursor: str) -> str:
    """The word being typed, a `table.` qualifier included: what a completion replaces."""
    return _PARTIAL.search(text_before_cursor).group(0)


def suggest(text_before_cursor: str, full_text: str | None = None) -> tuple[Suggestion, ...]:
    """The kinds of name that may come at the cursor. `full_text` (the whole input, default
    the text before the cursor) tells which tables a statement names, for its columns."""
    full_text = text_before_cursor if full_text is None else full_text
    if text_before_cursor.lstrip().startswith("\\"):
        return _suggest_for_command(text_before_cursor.lstrip())
    partial = partial_word(text_before_cursor)
    statement = _current_statement(full_text, len(text_before_cursor))
    if "." in partial:
        return (Column(_resolve(statement, partial.split(".")[0])),)
    tokens = _TOKEN.findall(text_before_cursor[: len(text_before_cursor) - len(partial)].split(";")[-1])
    last = tokens[-1].upper() if tokens else ""
    if last == ",":
        last = next((t.upper() for t in reversed(tokens) if t.upper() in _CLAUSE_WORDS), "")
    if last in _TABLE_WORDS:
        return (Table(),)
    if last in _COLUMN_WORDS:
        return Column(_tables_named(statement)), Keyword()
    return (Keyword(),)


def _suggest_for_command(text: str) -> tuple[Suggestion, ...]:
    word, space, _rest = text.partition(" ")
    if not space:
        return (Special(),)
    if word.lower() in _TABLE_COMMANDS:
        return (Table(),)
    if word.lower() in _FILE_COMMANDS:
        return (File(),)
    return ()


def _current_statement(text: str, cursor: int) -> str:
    """The statement the cursor is in: from the `;` before it to the `;` after it."""
    start = text.rfind(";", 0, cursor) + 1
    end = text.find(";", cursor)
    return text[start : end if end >= 0 else len(text)]


def _tables_named(statement: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(match.group(1) for match in _REFERENCE.finditer(statement)))


def _resolve(statement: str, qualifier: str) -> tuple[str, ...]:
    """The table a qualifier stands for: the table its alias names, or the table itself."""
    for match in _REFERENCE.finditer(statement):
        table, alias = match.group(1), match.group(2)
        if qualifier.lower() in (table.lower(), (alias or "").lower(), table.rpartition(".")[2].lower()):
            return (table,)
    return (qualifier,)
