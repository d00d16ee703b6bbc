"""SQL text cut into statements with sqlglot's tokenizer for the database's dialect, so a `;`
inside a string, a comment or a dollar-quoted body does not end a statement."""

from __future__ import annotations

from typing import NamedTuple

import sqlglot
from sqlglot.errors import SqlglotError
from sqlglot.tokens import Token, TokenType

_SCHEMA_VERBS = frozenset({"CREATE", "DROP", "ALTER", "RENAME"})
_BODY_OWNERS = frozenset({"TRIGGER", "PROCEDURE", "FUNCTION"})
_END_OF_STATEMENT_BLOCK = frozenset({"IF", "LOOP", "WHILE", "REPEAT"})  # END IF closes no BEGIN


class Statement(NamedTuple):
    text: str  # as typed, without the closing `;`
    line: int  # where it starts in the text, from 1
    verb: str  # its first word, upper-case
    has_where: bool

    @property
    def destructive(self) -> bool:
        """DROP, TRUNCATE, or a DELETE of every row: asked about before it runs."""
        return self.verb in ("DROP", "TRUNCATE") or (self.verb == "DELETE" and not self.has_where)

    @property
    def changes_schema(self) -> bool:
        return self.verb in _SCHEMA_VERBS


def split_statements(sql: str, read: str) -> list[Statement]:
    """The statements of `sql` in order (empty ones dropped), read as sqlglot dialect `read`.
    Text the tokenizer cannot read is one statement: the database will say what is wrong."""
    try:
        tokens = sqlglot.Dialect.get_or_raise(read).tokenize(sql)
    except SqlglotError:
        stripped = sql.strip().rstrip(";")
        return [_statement(stripped, 1, [])] if stripped else []
    statements, current = [], []
    for token in [*tokens, None]:
        if token is not None and (token.token_type != TokenType.SEMICOLON or _inside_block(current)):
            current.append(token)
            continue
        if current:
            text = sql[current[0].start : current[-1].end + 1]
            statements.append(_statement(text, current[0].line, current))
        current = []
    return statements


def _inside_block(tokens: list[Token]) -> bool:
    """Whether a `;` after `tokens` is inside the BEGIN ... END body of a CREATE TRIGGER (or
    procedure, function) rather than ending it; CASE ... END nests, END IF (LOOP...) does not."""
    words = [t.text.upper() for t in tokens]
    if not words or words[0] != "CREATE" or not _BODY_OWNERS & set(words):
        return False
    depth = 0
    for previous, word, following in zip(["", *words[:-1]], words, [*words[1:], ""], strict=True):
        if word == "BEGIN" or (word == "CASE" and previous != "END"):
            depth += 1
        elif word == "END" and following not in _END_OF_STATEMENT_BLOCK:
            depth -= 1
    return depth > 0


def _statement(text: str, line: int, tokens: list[Token]) -> Statement:
    words = [t.text.upper() for t in tokens] or text.split(None, 1)[:1]
    verb = words[0].upper() if words else ""
    return Statement(text, line, verb, any(t.token_type == TokenType.WHERE for t in tokens))
