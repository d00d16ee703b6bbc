"""`\\schema design` in scripted REPL sessions (answers piped in; one through `python -m querynl`):
starters offline on every database, then "add sample data"; with the scripted LLM server,
DDL from a description, applied after a yes, changed on request, refused when it does not
parse or does more than create."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from tests.cli.sessions import repl_session
from tests.databases import connected
from tests.integrity import assert_integrity, querynl, row_counts
from tests.llm_server import llm_server  # noqa: F401 (fixture)

ECOMMERCE = {"customers", "categories", "products", "orders", "order_items"}
BLOG_DDL = """Here is the schema:
```sql
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username VARCHAR(40) NOT NULL UNIQUE
);
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    title VARCHAR(200) NOT NULL
);
CREATE INDEX ix_posts_user ON posts (user_id);
```"""
WITH_TAGS = BLOG_DDL.replace("```\n", "").replace(
    "```", "CREATE TABLE tags (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL UNIQUE);\n```"
)


@pytest.fixture
def offline(monkeypatch):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


def tables(url: str) -> set[str]:
    with connected(url) as (_engine, conn):
        return set(inspect(conn).get_table_names())


def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'design.db'}"


ECOMMERCE_SESSION = "\\schema design ecommerce\ny\nadd sample data\ny\n\\q\n"


def test_offline_ecommerce_starter_then_sample_data(db_url, offline):
    assert_ecommerce_session(db_url, repl_session(db_url, ECOMMERCE_SESSION))


def test_the_same_session_through_the_command_line(tmp_path, offline):
    url = sqlite_url(tmp_path)
    run = querynl(url, stdin=ECOMMERCE_SESSION)
    assert run.status == 0, run.stderr
    assert_ecommerce_session(url, run.stdout)


def assert_ecommerce_session(db_url: str, output: str) -> None:
    assert "CREATE TABLE order_items" in output
    assert "Created 5 tables" in output
    assert "Try: add sample data" in output
    assert "Successfully inserted" in output
    counts = row_counts(db_url)
    assert set(counts) == ECOMMERCE
    assert all(counts.values()), counts
    assert_integrity(db_url)


def test_without_a_name_the_starters_are_listed_and_one_is_picked_by_number(tmp_path, offline):
    url = sqlite_url(tmp_path)
    output = repl_session(url, "\\schema design\n4\ny\n\\schema design company\ny\n")
    assert "4) company: departments, employees (with managers)" in output
    assert tables(url) == {"departments", "employees", "projects", "project_members"}
    # the second time every table exists already: one line, nothing else changes
    assert "Error: Table 'departments' already exists; nothing was created." in output


def test_declined_or_offline_description_creates_nothing(tmp_path, offline):
    url = sqlite_url(tmp_path)
    output = repl_session(url, "\\schema design blog\nn\n\\schema design a blog with users and posts\n")
    assert "Nothing created." in output
    assert "Describing a schema in words needs an LLM" in output
    assert "\\schema design {blog|ecommerce|inventory|company}" in output
    assert tables(url) == set()


def test_llm_ddl_is_applied_after_confirmation(tmp_path, llm_server):  # noqa: F811
    llm_server.reply(BLOG_DDL)
    url = sqlite_url(tmp_path)
    output = repl_session(url, "\\schema design a blog with users and posts\ny\n")
    assert "CREATE INDEX ix_posts_user" in output
    assert "Created 2 tables: users, posts." in output
    assert "Try: add sample data" in output
    assert tables(url) == {"users", "posts"}
    system, user = llm_server.requests[0]["messages"]
    assert "SQLite" in system["content"] and "CREATE TABLE" in system["content"]
    assert "a blog with users and posts" in user["content"]


def test_a_change_is_sent_back_with_the_previous_ddl(tmp_path, llm_server):  # noqa: F811
    llm_server.reply(BLOG_DDL)
    llm_server.reply(WITH_TAGS)
    url = sqlite_url(tmp_path)
    repl_session(url, "\\schema design a blog\nadd a tags table\ny\n")
    assert tables(url) == {"users", "posts", "tags"}
    messages = llm_server.requests[1]["messages"]
    assert "CREATE TABLE posts" in messages[2]["content"]  # the model's first DDL
    assert "add a tags table" in messages[3]["content"]


@pytest.mark.parametrize(
    ("reply", "shown"),
    [
        (
            "```sql\nCREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL,\n```",
            "Statement 1 does not parse: Expecting )",
        ),
        (
            "```sql\nCREATE TABLE posts (id INTEGER PRIMARY KEY);\nDROP TABLE users;\n```",
            "Refused statement 2 (DROP TABLE)",
        ),
    ],
)
def test_ddl_that_does_not_parse_or_does_more_is_shown_and_not_applied(
    tmp_path,
    llm_server,  # noqa: F811
    reply,
    shown,
):
    llm_server.reply(reply)
    url = sqlite_url(tmp_path)
    output = repl_session(url, "\\schema design a blog\ny\n\\dt\n")
    assert "CREATE TABLE posts" in output  # shown
    assert f"Not applied: {shown}" in output
    assert "Apply?" not in output
    assert "Describe a change for the model (empty: stop): y" in output
    assert "Nothing created." in output
    assert "No tables." in output
    assert tables(url) == set()


def test_rejected_ddl_can_be_fixed_by_asking_for_a_change(tmp_path, llm_server):  # noqa: F811
    llm_server.reply("```sql\nCREATE TABLE users (id INTEGER PRIMARY KEY);\nDROP TABLE posts;\n```")
    llm_server.reply(BLOG_DDL)
    url = sqlite_url(tmp_path)
    output = repl_session(url, "\\schema design a blog\nno DROP please\ny\n")
    assert "Refused statement 2 (DROP TABLE)" in output
    assert "Created 2 tables: users, posts." in output
    assert "no DROP please" in llm_server.requests[1]["messages"][-1]["content"]
