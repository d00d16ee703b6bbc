"""The REPL loop in process (piped mode, a Console on a buffer): routing, confirmation of
destructive SQL, completion names reread after DDL and \\c, \\e's query run, one-line errors."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator

import pytest
from rich.console import Console

from querynl.cli.repl import REPLManager
from querynl.db.engine import make_engine
from tests.integrity import row_counts
from tests.schemas import create_schema


@pytest.fixture
def repl(tmp_path) -> Iterator[REPLManager]:
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    create_schema(url, "blog")
    manager = REPLManager(make_engine(url), console=Console(file=io.StringIO(), width=120), interactive=False)
    yield manager
    manager.engine.dispose()


def output(repl: REPLManager) -> str:
    shown = repl.console.file.getvalue()
    repl.console.file.seek(0)
    repl.console.file.truncate()
    return shown


@pytest.mark.parametrize("answer", [True, False])
def test_a_drop_typed_by_hand_asks_first(repl, monkeypatch, answer):
    asked = []
    monkeypatch.setattr(repl, "ask", lambda question: asked.append(question) or answer)
    repl.execute_command("DROP TABLE post_tags;")
    assert asked == ["This DROP cannot be undone. Run it? [y/N] "]
    assert ("post_tags" in row_counts(str(repl.engine.url))) is not answer
    assert ("Not run." in output(repl)) is not answer


def test_other_writes_run_as_typed(repl, monkeypatch):
    monkeypatch.setattr(repl, "ask", lambda question: pytest.fail(f"asked {question}"))
    repl.execute_command("INSERT INTO tags (id, name) VALUES (1, 'a'), (2, 'b');")
    repl.execute_command("DELETE FROM tags WHERE id = 1")
    assert "OK, 1 row affected" in output(repl)
    assert row_counts(str(repl.engine.url))["tags"] == 1


def test_completion_names_are_reread_after_ddl(repl):
    repl.refresh_completion()
    assert "fresh" not in repl.completion.tables
    repl.execute_command("CREATE TABLE fresh (id INT, label TEXT);")
    repl.refresh_completion()
    assert repl.completion.columns["fresh"] == ["id", "label"]
    repl.execute_command("SELECT * FROM fresh;")
    assert not repl.session.schema_changed  # a query does not reread them


def test_c_moves_the_repl_and_its_completion_elsewhere(repl, tmp_path):
    other = f"sqlite:///{tmp_path / 'shop.db'}"
    create_schema(other, "ecommerce")
    repl.refresh_completion()
    repl.execute_command(f"\\c {other}")
    assert f"Connected to {other}." in output(repl)
    repl.refresh_completion()
    assert "orders" in repl.completion.tables and "users" not in repl.completion.tables
    assert repl.generator.engine is repl.engine
    repl.execute_command("\\c nosuch://x")
    assert output(repl).splitlines() == ["Error: Unsupported database 'nosuch' in URL"]
    assert str(repl.engine.url) == other


def test_e_runs_the_edited_query(repl, tmp_path, monkeypatch):
    editor = tmp_path / "editor.py"
    editor.write_text("import pathlib, sys\npath = pathlib.Path(sys.argv[1])\n")
    editor.write_text(editor.read_text() + "path.write_text(path.read_text().replace('1', '2'))\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    repl.execute_command("SELECT 1 AS n;")
    output(repl)
    repl.execute_command("\\e")
    shown = output(repl)
    assert shown.splitlines()[0] == "SELECT 2 AS n;"
    assert "│ 2 │" in shown and "1 row" in shown
    assert repl.session.last_query == "SELECT 2 AS n;"


def test_sql_errors_are_one_red_line_and_change_nothing(repl):
    repl.execute_command(
        "INSERT INTO tags (id, name) VALUES (1, 'a');\nINSERT INTO tags (id, name) VALUES (1, 'b');"
    )
    assert output(repl).splitlines() == [
        "Error: statement 2 (line 2): IntegrityError: UNIQUE constraint failed: tags.id"
    ]
    assert row_counts(str(repl.engine.url))["tags"] == 0
