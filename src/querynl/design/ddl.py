"""Checking proposed DDL before anything runs: every statement must parse for the connected
database (sqlglot) and be a CREATE TABLE, a CREATE INDEX or an ALTER TABLE that only adds
constraints. What a model proposes is untrusted: anything else is refused, whole."""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp
from sqlglot.errors import SqlglotError

from querynl.errors import RequestError
from querynl.sql_text import describe_parse_error, parse_statements, split_statements


class DDLRejected(RequestError):
    """The DDL was not applied: it does not parse, or holds a statement that is not allowed."""


@dataclass(frozen=True)
class DDLStatement:
    sql: str  # the statement as written (checked, never rewritten)
    creates: str | None  # the table it creates, if it does


ALLOWED = "only CREATE TABLE, CREATE INDEX and ALTER TABLE ... ADD CONSTRAINT are applied"


def check_ddl(text: str, reader: str) -> list[DDLStatement]:
    """The statements of `text`, each parsed alone for the sqlglot dialect `reader`;
    DDLRejected (one line) for the first that does not parse or is not allowed."""
    try:
        pieces = split_statements(text, reader)
    except SqlglotError as exc:
        raise DDLRejected(f"The DDL does not parse: {describe_parse_error(exc)}") from None
    if not pieces:
        raise DDLRejected("There is no statement to apply.")
    return [_checked(piece, number, reader) for number, piece in enumerate(pieces, 1)]


def _checked(piece: str, number: int, reader: str) -> DDLStatement:
    try:
        parsed = parse_statements(piece, reader)
    except SqlglotError as exc:
        raise DDLRejected(f"Statement {number} does not parse: {describe_parse_error(exc)}") from None
    if len(parsed) != 1 or isinstance(parsed[0], exp.Command):
        first_words = " ".join(piece.split()[:3])
        raise DDLRejected(f"Statement {number} ({first_words} ...) cannot be read as SQL for this database.")
    statement = parsed[0]
    if not _allowed(statement):
        raise DDLRejected(f"Refused statement {number} ({_verb(statement)}): {ALLOWED}.")
    return DDLStatement(piece, _created_table(statement))


def _allowed(statement: exp.Expression) -> bool:
    if isinstance(statement, exp.Create):
        kind = str(statement.args.get("kind") or "").upper()
        return kind in ("TABLE", "INDEX") and statement.args.get("expression") is None  # no AS SELECT
    if isinstance(statement, exp.Alter):
        actions = statement.args.get("actions") or []
        return bool(actions) and all(isinstance(a, exp.AddConstraint) for a in actions)
    return False


def _created_table(statement: exp.Expression) -> str | None:
    if not isinstance(statement, exp.Create) or str(statement.args.get("kind")).upper() != "TABLE":
        return None
    table = statement.find(exp.Table)
    return table.name if table is not None else None


def _verb(statement: exp.Expression) -> str:
    kind = statement.args.get("kind")
    words = [statement.key.upper(), str(kind).upper() if isinstance(kind, str) else ""]
    if statement.args.get("expression") is not None:
        words.append("AS SELECT")
    return " ".join(w for w in words if w)
