"""What a REPL line is: a backslash command, SQL, a test-data request, an unclear test-data
request, or a question in English for the LLM.

SQL is recognised by structure, not by its first word: "select the best plan for me" and
"delete all users older than 90" start like SQL but sqlglot cannot read them for the
connected database, so they are questions. A line that starts like SQL and ends with `;`,
or that sqlglot cannot read but holds SQL's own marks (`*`, `(`, `=`, WHERE, INTO, VALUES),
is SQL with a mistake: the database says what is wrong with it.
"""

from __future__ import annotations

import re
from enum import Enum

from sqlglot import exp
from sqlglot.errors import SqlglotError

from querynl.request.intent import detect_test_data_intent
from querynl.sql_text import parse_statements


class LineKind(Enum):
    COMMAND = "command"
    SQL = "sql"
    TEST_DATA = "test data"
    UNCLEAR_TEST_DATA = "unclear test data"
    QUESTION = "question"


_COMMAND_WORDS = frozenset({"quit", "exit", "help"})
_SQL_START = re.compile(
    r"^\s*(select|insert|update|delete|create|drop|alter|with|pragma|show|explain|truncate|describe|desc|"
    r"replace|merge|grant|revoke|values|set|use|call|comment)\b",
    re.I,
)
# SHOW followed by one word is a statement ("show tables", PostgreSQL's "show search_path");
# "show me ..." is English.
_SHOW_ONE_WORD = re.compile(
    r"^\s*show\s+(?!(me|us|my|our|the|all|some|every|what|how|which)\b)\w+\s*;?\s*$", re.I
)
_SQL_MARKS = re.compile(r"[*()=]|\b(where|into|values)\b", re.I)
_EXPLAIN = re.compile(r"^\s*explain\s+(?:analyze\s+|query\s+plan\s+)?", re.I)
# Test-data words without a clear count or scope: "add some users maybe", "add data?".
_VAGUE_ADD = re.compile(
    r"^\s*(?:(?:please|maybe|perhaps|can\s+you|could\s+you)\s+)*"
    r"(add|insert|generate|create|make|put\s+in)\s+(some|a\s+few|several|a\s+bunch\s+of|more|lots\s+of|"
    r"many|any)?\s*\w+",
    re.I,
)
_HEDGES = re.compile(
    r"\b(maybe|perhaps|possibly|i\s+guess|not\s+sure|somehow|some|a\s+few|several|more)\b|\?\s*$", re.I
)
_DATA_WORDS = re.compile(r"\b(data|rows?|records?|entries|stuff)\b", re.I)
_NOT_DATA_WORDS = re.compile(
    r"\b(columns?|tables?|index(es)?|indices|constraints?|fields?|schemas?|views?|triggers?|keys?|"
    r"databases?|users?\s+accounts?|roles?|permissions?|reports?|summary|charts?|graphs?|diagrams?|"
    r"quer(y|ies)|scripts?|dashboards?)\b",
    re.I,
)


def classify_line(line: str, reader: str | None = None) -> LineKind:
    """The kind of `line`; `reader` is the sqlglot dialect SQL is read with (the connected
    database's), None for sqlglot's generic SQL."""
    text = line.strip()
    if text.startswith("\\") or text.lower() in _COMMAND_WORDS:
        return LineKind.COMMAND
    if is_sql(text, reader):
        return LineKind.SQL
    if detect_test_data_intent(text):  # "insert 5 rows into orders" is no broken SQL
        return LineKind.TEST_DATA
    if is_broken_sql(text):
        return LineKind.SQL
    if is_unclear_test_data_request(text):
        return LineKind.UNCLEAR_TEST_DATA
    return LineKind.QUESTION


def is_sql(text: str, reader: str | None = None) -> bool:
    """Whether `text` is a SQL statement (or several) rather than English that starts like one."""
    if not _SQL_START.match(text):
        return False
    if _SHOW_ONE_WORD.match(text):
        return True
    explained = _EXPLAIN.match(text)
    if explained:
        return is_sql(text[explained.end() :], reader)
    try:
        statements = parse_statements(text, reader)
    except SqlglotError:
        return False
    return bool(statements) and all(_has_sql_structure(s) for s in statements)


def is_broken_sql(text: str) -> bool:
    """SQL with a mistake, for the database to report: it starts like SQL and ends with `;`
    or holds SQL's own marks."""
    return bool(_SQL_START.match(text)) and (text.rstrip().endswith(";") or bool(_SQL_MARKS.search(text)))


def _has_sql_structure(statement: exp.Expression) -> bool:
    """sqlglot read it as a statement it knows (not its fallback for unknown syntax), and a
    SELECT without FROM selects values, not bare words ("select all users")."""
    if isinstance(statement, exp.Command):
        return False
    if isinstance(statement, exp.Select) and not (statement.args.get("from_") or statement.args.get("from")):
        return not any(isinstance(p.unalias(), exp.Column) for p in statement.expressions)
    return True


def is_unclear_test_data_request(text: str) -> bool:
    """Words that ask for data but say neither how much nor clearly of what ("add some users
    maybe", "add data?", "insert a few rows"): not schema changes ("add a column to users")."""
    if _NOT_DATA_WORDS.search(text) or detect_test_data_intent(text):
        return False
    if not _VAGUE_ADD.match(text):
        return False
    return bool(_HEDGES.search(text) or _DATA_WORDS.search(text))
