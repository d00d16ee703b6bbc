"""Questions in English in scripted REPL sessions: with the scripted LLM server, the SQL it
returns is shown, run when it reads, and run only after a yes when it writes; with no LLM, a
one-line hint, and everything else keeps working."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.cli.sessions import repl_session
from tests.databases import connected, execute_statements
from tests.llm_server import llm_server  # noqa: F401 (fixture)
from tests.schemas import create_schema

DELETE_OLD = "```sql\nDELETE FROM users WHERE username <> 'ada'\n```"


@pytest.fixture
def blog_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    create_schema(url, "blog")
    with connected(url) as (_engine, conn), conn.begin():
        for n, name in enumerate(["ada", "grace", "linus"], 1):
            conn.execute(
                text("INSERT INTO users (id, username, email, created_at) VALUES (:i, :u, :e, '2024-01-01')"),
                {"i": n, "u": name, "e": f"{name}@example.com"},
            )
    return url


def usernames(url: str) -> list[str]:
    with connected(url) as (_engine, conn):
        return list(conn.execute(text("SELECT username FROM users ORDER BY username")).scalars())


def test_a_question_runs_the_select_the_model_returns(blog_url, llm_server):  # noqa: F811
    llm_server.reply(
        "```sql\nSELECT username, LENGTH(username) AS letters FROM users ORDER BY username;\n```"
    )
    output = repl_session(blog_url, "which users do we have?\n")
    assert "SELECT username, LENGTH(username) AS letters FROM users" in output
    assert "Run it?" not in output
    for name in ("ada", "grace", "linus"):
        assert name in output
    system, user = llm_server.requests[0]["messages"]
    assert "SQLite" in system["content"]
    assert "users(id INTEGER PK, username VARCHAR(40) NOT NULL" in system["content"]
    assert user["content"] == "which users do we have?"


@pytest.mark.parametrize(("answer", "left"), [("n", ["ada", "grace", "linus"]), ("y", ["ada"])])
def test_a_returned_delete_runs_only_after_yes(blog_url, llm_server, answer, left):  # noqa: F811
    llm_server.reply(DELETE_OLD)
    output = repl_session(blog_url, f"delete all users but ada\n{answer}\n")
    assert "DELETE FROM users WHERE username <> 'ada'" in output
    assert "This statement changes data or schema. Run it? [y/N]" in output
    assert ("Not run." in output) is (answer == "n")
    assert usernames(blog_url) == left


def test_an_unusable_answer_or_a_failing_endpoint_is_one_line(blog_url, llm_server):  # noqa: F811
    llm_server.reply("I am sorry, I cannot answer that.")
    llm_server.reply(status=503)
    output = repl_session(blog_url, "how many users?\nhow many posts?\nselect count(*) from users\n")
    assert "Error: The model's SQL does not parse" in output
    assert "Error: the endpoint failed (503)" in output
    assert "Traceback" not in output
    assert "3" in output.rsplit("select count(*) from users", 1)[1]


def test_without_an_llm_a_hint_and_everything_else_works(blog_url, monkeypatch):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    output = repl_session(
        blog_url,
        "how many orders per customer last month?\nselect username from users\nadd some users maybe\n",
    )
    assert (
        "Questions in English need an LLM: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local server). "
        "SQL, backslash commands and test-data requests work without one." in output
    )
    assert "grace" in output
    assert "That looks like a test-data request, but how much of what?" in output
    assert '"populate the orders table with 300 rows"' in output


WRITING_FUNCTION = {
    "postgresql": "CREATE FUNCTION clean_tags() RETURNS integer LANGUAGE sql AS 'DELETE FROM tags; SELECT 1'",
    "mysql": "CREATE FUNCTION clean_tags() RETURNS INT MODIFIES SQL DATA "
    "BEGIN DELETE FROM tags; RETURN 1; END",
}


@pytest.mark.parametrize("dialect", sorted(WRITING_FUNCTION))
def test_a_reading_answer_runs_in_a_transaction_that_refuses_writes(db_url, dialect, llm_server):  # noqa: F811
    """sqlglot sees only a SELECT; the function it calls deletes: the database refuses."""
    create_schema(db_url, "blog")
    execute_statements(db_url, ["INSERT INTO tags (id, name) VALUES (1, 'a')", WRITING_FUNCTION[dialect]])
    llm_server.reply("```sql\nSELECT clean_tags()\n```")
    output = repl_session(db_url, "clean up the tags\n")
    assert "Run it?" not in output
    assert "Error:" in output and "read" in output.lower()
    assert tag_count(db_url) == 1


def test_the_read_only_setting_ends_with_the_answer(blog_url, llm_server):  # noqa: F811
    llm_server.reply("```sql\nSELECT COUNT(*) AS n FROM users\n```")
    output = repl_session(blog_url, "how many users?\nINSERT INTO tags (id, name) VALUES (7, 'typed')\n")
    assert "OK, 1 row affected" in output
    assert tag_count(blog_url) == 1


def tag_count(url: str) -> int:
    with connected(url) as (_engine, conn):
        return conn.execute(text("SELECT COUNT(*) FROM tags")).scalar_one()
