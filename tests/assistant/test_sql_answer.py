"""What a model's SQL may do: only a statement that reads runs without asking."""

from __future__ import annotations

import pytest

from querynl.assistant.prompt import question_messages
from querynl.assistant.schema_text import describe_schema
from querynl.assistant.sql_answer import UnusableAnswer, read_answer
from tests.databases import connected
from tests.schemas import create_schema

READERS = ("sqlite", "postgres", "mysql")

READS = [
    "```sql\nSELECT * FROM users;\n```",
    "SELECT c.id, COUNT(o.id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id",
    "WITH t AS (SELECT 1 AS n) SELECT n FROM t",
    "SELECT 1 UNION SELECT 2",
    "EXPLAIN SELECT * FROM users",
    "DESCRIBE users",
]
WRITES = [
    "DELETE FROM users",
    "UPDATE users SET name = 'x'",
    "INSERT INTO users (id) VALUES (1)",
    "DROP TABLE users",
    "WITH d AS (DELETE FROM users RETURNING id) SELECT * FROM d",
    "SELECT * INTO copy FROM users",
    "SELECT * FROM users FOR UPDATE",
    "SELECT setval('users_id_seq', 1)",
    "SELECT SLEEP(10)",
    "EXPLAIN ANALYZE DELETE FROM users",
]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("text", READS)
def test_reading_statements_run_without_asking(text, reader):
    assert read_answer(text, reader).read_only


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("text", WRITES)
def test_statements_that_write_or_act_ask_first(text, reader):
    assert not read_answer(text, reader).read_only


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SELECT 1; DELETE FROM users", "The model gave 2 statements"),
        ("I cannot help with that", "does not parse"),
        ("users", "not a SQL statement"),
        ("```sql\n\n```", "no SQL"),
    ],
)
def test_unusable_answers_are_one_line(text, message):
    with pytest.raises(UnusableAnswer, match=message) as caught:
        read_answer(text, "postgres")
    assert "\n" not in str(caught.value)


def test_the_fenced_statement_is_what_runs():
    answer = read_answer("Here you go:\n```sql\nSELECT id FROM users;\n```\nEnjoy.", "sqlite")
    assert answer.sql == "SELECT id FROM users"


def test_prompt_holds_the_database_the_schema_and_the_question(tmp_path):
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    create_schema(url, "blog")
    with connected(url) as (_engine, conn):
        schema = describe_schema(conn)
    assert "posts(id INTEGER PK, user_id INTEGER NOT NULL -> users.id," in schema
    system, user = question_messages("how many posts per user?", "SQLite", schema)
    assert "SQLite" in system["content"] and schema in system["content"]
    assert user == {"role": "user", "content": "how many posts per user?"}
