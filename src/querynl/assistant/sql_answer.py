"""What a model's SQL may do. The answer is untrusted: it must be one statement that parses
for the connected database, and only a query that reads nothing but data (a SELECT, a WITH
query, DESCRIBE, SHOW) runs without the user's confirmation; anything else writes."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict
from sqlglot import exp
from sqlglot.errors import SqlglotError

from querynl.errors import QueryNLError
from querynl.llm.answers import extract_sql
from querynl.sql_text import describe_parse_error, parse_statements

# Nodes that change data or schema anywhere in a statement (a data-modifying CTE, SELECT INTO).
_WRITES = (exp.Insert, exp.Update, exp.Delete, exp.Merge, exp.Create, exp.Drop, exp.Alter, exp.Into,
           exp.TruncateTable, exp.Command, exp.Lock)  # fmt: skip
# Functions that act (sequences, sessions, locks, files) though called from a SELECT.
_ACTING_FUNCTIONS = frozenset(
    {"nextval", "setval", "pg_terminate_backend", "pg_cancel_backend", "pg_advisory_lock", "set_config",
     "lo_import", "lo_export", "lo_unlink", "dblink_exec", "pg_reload_conf", "get_lock", "load_file",
     "sleep", "pg_sleep", "benchmark", "load_extension"}
)  # fmt: skip


# What a statement can be; anything else (a bare word or expression, sqlglot's fallback
# Command for text it cannot read) is no answer.
_STATEMENTS = (exp.Query, exp.Insert, exp.Update, exp.Delete, exp.Merge, exp.Create, exp.Drop, exp.Alter,
               exp.TruncateTable, exp.Describe, exp.Show, exp.Pragma)  # fmt: skip


# EXPLAIN reads what its statement reads (EXPLAIN ANALYZE runs it: a DELETE still deletes).
_EXPLAIN = re.compile(r"^\s*explain\s+(?:(?:analyze|verbose|query\s+plan)\s+)*", re.I)


class UnusableAnswer(QueryNLError):
    """The model's answer holds no single statement this database can read: nothing ran."""


class SqlAnswer(BaseModel):
    model_config = ConfigDict(frozen=True)

    sql: str
    read_only: bool


def read_answer(text: str, reader: str) -> SqlAnswer:
    """The one statement of a model's answer and whether it only reads."""
    sql = extract_sql(text).strip().rstrip(";").strip()
    if not sql:
        raise UnusableAnswer("The model gave no SQL.")
    explained = _EXPLAIN.match(sql)
    if explained:
        return SqlAnswer(sql=sql, read_only=read_answer(sql[explained.end() :], reader).read_only)
    try:
        statements = parse_statements(sql, reader)
    except SqlglotError as exc:
        raise UnusableAnswer(f"The model's SQL does not parse: {describe_parse_error(exc)}") from None
    if len(statements) != 1:
        raise UnusableAnswer(f"The model gave {len(statements)} statements; only one is run at a time.")
    if not isinstance(statements[0], _STATEMENTS):
        raise UnusableAnswer(f"The model's answer is not a SQL statement: {sql.splitlines()[0][:80]}")
    return SqlAnswer(sql=sql, read_only=is_read_only(statements[0]))


def is_read_only(statement: exp.Expression) -> bool:
    if isinstance(statement, exp.Describe | exp.Show):
        return True
    if not isinstance(statement, exp.Query):
        return False
    if any(isinstance(node, _WRITES) for node in statement.walk()):
        return False
    return not any(_acts(f) for f in statement.find_all(exp.Func))


def _acts(function: exp.Func) -> bool:
    name = function.name if isinstance(function, exp.Anonymous) else function.sql_name()
    return name.lower() in _ACTING_FUNCTIONS
