"""What the INSERT triggers of each table do, read from their bodies with sqlglot.

The dialect lists the bodies (`Dialect.trigger_bodies`: a SQLite CREATE TRIGGER, a MySQL
action statement, a PostgreSQL trigger function's source); trigger_bodies.py cuts a body into
statements under their conditions, and each statement is parsed on its own:

- `INSERT INTO t (a, b) VALUES (NEW.id, 0)` (or `SELECT NEW.id, 0`) is a write into `t`:
  column `a` copies the row's `id`, `b` is the constant 0. `t` is then filled after the
  table, and a constant in a foreign key of `t` names a parent row that must exist.
- `SELECT RAISE(ABORT, 'msg') [WHERE cond]`, `SIGNAL SQLSTATE ... SET MESSAGE_TEXT = 'msg'`,
  `RAISE EXCEPTION 'msg'` under `IF cond THEN` (or SQLite's `WHEN cond`) is a rejection.
  Conditions of the shapes trigger_conditions.py reads become rules generation follows.
"""

from __future__ import annotations

import re
from collections import defaultdict

import sqlglot
from sqlalchemy.engine import Connection
from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.tokens import TokenType

from querynl.checks.clauses import Unsupported
from querynl.checks.literals import constant, is_constant, unparen
from querynl.db.trigger_bodies import Statement, body_statements
from querynl.db.trigger_conditions import read_condition
from querynl.db.trigger_rules import TableTriggers, TriggerRejection, TriggerWrite
from querynl.dialects.base import Dialect
from querynl.schema import qualified_name

_INSERT_INTO = re.compile(
    r"\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+(?:[`\"\[]?(\w+)[`\"\]]?\.)?[`\"\[]?(\w+)", re.I
)
_NOT_ERRORS = {"NOTICE", "WARNING", "INFO", "LOG", "DEBUG"}  # RAISE levels that let the row in
_ABORTS = {"ABORT", "FAIL", "ROLLBACK"}  # SQLite RAISE kinds that reject (IGNORE skips silently)


def read_triggers(conn: Connection, dialect: Dialect) -> dict[str, TableTriggers]:
    """{table: what its INSERT triggers write and reject}, tables named as
    `querynl.schema.qualified_name` does (an unqualified target is in the default schema)."""
    default = conn.dialect.default_schema_name
    writes: dict[str, list[TriggerWrite]] = defaultdict(list)
    rejections: dict[str, list[TriggerRejection]] = defaultdict(list)
    for table, body in dialect.trigger_bodies(conn):
        found = parse_trigger(body, dialect.sqlglot_name)
        named = [w.model_copy(update={"target": _qualified(w.target, default)}) for w in found.writes]
        writes[table] += [w for w in named if w.target != table]
        rejections[table] += found.rejections
    return {t: TableTriggers(writes=writes[t], rejections=rejections[t]) for t in writes | rejections}


def trigger_writers(triggers: dict[str, TableTriggers]) -> dict[str, set[str]]:
    """{written table: {tables whose INSERT triggers write it}}."""
    writers: dict[str, set[str]] = defaultdict(set)
    for source, found in triggers.items():
        for write in found.writes:
            writers[write.target].add(source)
    return dict(writers)


def _qualified(target: str, default: str | None) -> str:
    schema, _, name = target.rpartition(".")
    return qualified_name(schema or None, name, default)


def _targets(text: str) -> list[TriggerWrite]:
    """The tables an INSERT writes, by a plain reading of its text (`schema.name` or `name`)."""
    return [
        TriggerWrite(target=f"{schema}.{name}" if schema else name)
        for schema, name in _INSERT_INTO.findall(text)
    ]


def parse_trigger(body: str, read: str) -> TableTriggers:
    """One trigger body: its writes into other tables and its rejections."""
    statements = body_statements(body, read)
    if not statements:  # not tokenizable: at least the tables it writes
        return TableTriggers(writes=_targets(body))
    writes, rejections = [], []
    for statement in statements:
        if statement.first_word in ("INSERT", "REPLACE"):
            writes += _write(statement, read)
            continue
        rejection = _rejection(statement, read)
        if rejection is not None:
            rejections.append(rejection)
    return TableTriggers(writes=writes, rejections=rejections)


def _write(statement: Statement, read: str) -> list[TriggerWrite]:
    try:
        insert = sqlglot.parse_one(statement.text, read=read)
    except SqlglotError:
        insert = None
    if not isinstance(insert, exp.Insert):
        return _targets(statement.text)
    target = insert.find(exp.Table)
    columns = [c.name for c in insert.this.expressions] if isinstance(insert.this, exp.Schema) else []
    values = _inserted_values(insert.expression)
    if target is None:
        return []
    name = f"{target.db}.{target.name}" if target.db else target.name
    write = TriggerWrite(target=name)
    if columns and values is not None and len(values) == len(columns):
        write = TriggerWrite(target=name, **_columns_written(columns, values))
    return [write]


def _inserted_values(source: exp.Expression | None) -> list[exp.Expression] | None:
    """The one row a `VALUES (...)` or a FROM-less `SELECT ...` inserts."""
    if isinstance(source, exp.Values) and len(source.expressions) == 1:
        row = source.expressions[0]
        return list(row.expressions) if isinstance(row, exp.Tuple) else [row]
    if isinstance(source, exp.Select) and not _has_from(source):
        return list(source.expressions)
    return None


def _columns_written(columns: list[str], values: list[exp.Expression]) -> dict:
    copies, constants = {}, {}
    for column, value in zip(columns, values, strict=True):
        value = unparen(value)
        if isinstance(value, exp.Column) and value.table.upper() == "NEW":
            copies[column] = value.name
        elif is_constant(value):
            try:
                found = constant(value)
            except Unsupported:
                continue
            if found is not None and not isinstance(found, bool):
                constants[column] = found
    return {"copies": copies, "constants": constants}


def _rejection(statement: Statement, read: str) -> TriggerRejection | None:
    """The statement rejects the row (under its conditions): its message and what we read."""
    word = statement.first_word
    if word == "SELECT":
        return _sqlite_raise(statement, read)
    if word == "SIGNAL":
        return _rejected(
            _string_after(statement, "MESSAGE_TEXT") or statement.text, statement.conditions, read
        )
    if word == "RAISE":
        level = statement.tokens[1].text.upper() if len(statement.tokens) > 1 else ""
        if level in _NOT_ERRORS:
            return None
        message = next((t.text for t in statement.tokens if t.token_type == TokenType.STRING), statement.text)
        return _rejected(message, statement.conditions, read)
    return None


def _sqlite_raise(statement: Statement, read: str) -> TriggerRejection | None:
    try:
        select = sqlglot.parse_one(statement.text, read=read)
    except SqlglotError:
        return None
    raised = next((a for a in select.find_all(exp.Anonymous) if a.name.upper() == "RAISE"), None)
    if raised is None or len(raised.expressions) < 2 or raised.expressions[0].name.upper() not in _ABORTS:
        return None
    message = raised.expressions[1].name
    where = select.args.get("where")
    direct = select.expressions and select.expressions[0] is raised and not _has_from(select)
    conditions = statement.conditions
    if not direct:
        conditions += (None,)  # RAISE inside a CASE, or against rows of another table
    elif where is not None:
        conditions += (where.this.sql(dialect=read),)
    return _rejected(message, conditions, read)


def _rejected(message: str, conditions: tuple[str | None, ...], read: str) -> TriggerRejection:
    known = None not in conditions
    condition = " AND ".join(f"({c})" for c in conditions) if known and conditions else None
    if len(conditions) != 1 or not known:
        return TriggerRejection(message=message, condition=condition)
    return TriggerRejection(message=message, condition=conditions[0], **read_condition(conditions[0], read))


def _string_after(statement: Statement, word: str) -> str | None:
    tokens = statement.tokens
    for i, token in enumerate(tokens):
        if token.text.upper() == word:
            return next((t.text for t in tokens[i + 1 :] if t.token_type == TokenType.STRING), None)
    return None


def _has_from(select: exp.Expression) -> bool:
    return bool(select.args.get("from") or select.args.get("from_") or select.args.get("joins"))
