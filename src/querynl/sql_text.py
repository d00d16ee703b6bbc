"""Reading SQL text with sqlglot: statements parsed without sqlglot's warnings on the console,
and a script split into its statements' own text (comments and spelling kept)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import sqlglot
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect as SqlglotDialect
from sqlglot.errors import ParseError, SqlglotError
from sqlglot.tokens import TokenType

_SQLGLOT_LOG = logging.getLogger("sqlglot")


@contextmanager
def _quiet() -> Iterator[None]:
    """sqlglot logs a warning when it falls back to a Command; a REPL line is no place for it."""
    level = _SQLGLOT_LOG.level
    _SQLGLOT_LOG.setLevel(logging.ERROR)
    try:
        yield
    finally:
        _SQLGLOT_LOG.setLevel(level)


def parse_statements(text: str, reader: str | None = None) -> list[exp.Expression]:
    """The statements of `text` read for the sqlglot dialect `reader`; raises SqlglotError."""
    with _quiet():
        return [s for s in sqlglot.parse(text, read=reader) if s is not None]


def split_statements(text: str, reader: str | None = None) -> list[str]:
    """The text of each statement in `text`, split at the semicolons the tokenizer sees (not
    those in strings or comments); raises SqlglotError when it cannot be tokenized."""
    tokens = SqlglotDialect.get_or_raise(reader).tokenize(text)
    pieces, start = [], 0
    for token in tokens:
        if token.token_type == TokenType.SEMICOLON:
            pieces.append(text[start : token.start])
            start = token.end + 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def describe_parse_error(exc: SqlglotError) -> str:
    """One line: sqlglot's first complaint and where."""
    errors = exc.errors if isinstance(exc, ParseError) else []
    if not errors:
        return str(exc).splitlines()[0]
    first = errors[0]
    return f"{first.get('description')} at line {first.get('line')}, column {first.get('col')}"
