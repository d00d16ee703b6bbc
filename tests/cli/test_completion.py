"""Completion: `suggest` as a plain function (table-driven), then the Completer on metadata."""

from __future__ import annotations

import pytest

from querynl.cli.completion.completer import SQLCompleter, matches
from querynl.cli.completion.metadata import CompletionMetadata, read_tables
from querynl.cli.completion.suggest import Column, File, Keyword, Special, Table, partial_word, suggest
from tests.databases import engine_for
from tests.schemas import create_schema

SUGGESTIONS = [
    ("SELECT * FROM ", (Table(),)),
    ("select * from us", (Table(),)),
    ("SELECT * FROM users JOIN ", (Table(),)),
    ("SELECT * FROM users, ", (Table(),)),
    ("INSERT INTO ", (Table(),)),
    ("UPDATE ", (Table(),)),
    ("DROP TABLE ", (Table(),)),
    ("SELECT ", (Column(), Keyword())),
    ("SELECT id, ", (Column(), Keyword())),
    ("SELECT * FROM users WHERE ", (Column(("users",)), Keyword())),
    ("SELECT * FROM users u JOIN posts p ON ", (Column(("users", "posts")), Keyword())),
    ("SELECT * FROM users WHERE id = 1 AND ", (Column(("users",)), Keyword())),
    ("UPDATE users SET ", (Column(("users",)), Keyword())),
    ("INSERT INTO users (", (Column(("users",)), Keyword())),
    ("SELECT u.", (Column(("u",)),)),
    ("SELECT * FROM users WHERE users.em", (Column(("users",)),)),
    ("SELECT * FROM users ", (Keyword(),)),
    ("SELECT * FROM users WHERE id ", (Keyword(),)),
    ("", (Keyword(),)),
    ("sel", (Keyword(),)),
    ("SELECT 1; SELECT * FROM ", (Table(),)),
    ("SELECT 'FROM ", (Keyword(),)),
    ("\\", (Special(),)),
    ("\\d", (Special(),)),
    ("\\d ", (Table(),)),
    ("\\d or", (Table(),)),
    ("\\i ", (File(),)),
    ("\\x ", ()),
]


@pytest.mark.parametrize(("text", "expected"), SUGGESTIONS)
def test_suggest(text, expected):
    assert suggest(text) == expected


def test_an_alias_names_its_table_from_anywhere_in_the_statement():
    text = "SELECT p. FROM posts AS p JOIN users u ON u.id = p.user_id"
    assert suggest("SELECT p.", text) == (Column(("posts",)),)
    assert suggest("SELECT p.id, u.", text) == (Column(("users",)),)
    assert suggest("SELECT ", text) == (Column(("posts", "users")), Keyword())


@pytest.mark.parametrize(
    ("text", "word"), [("SELECT * FROM us", "us"), ("SELECT u.na", "u.na"), ("SELECT ", ""), ("x(", "")]
)
def test_partial_word(text, word):
    assert partial_word(text) == word


@pytest.fixture
def completer(tmp_path) -> SQLCompleter:
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    create_schema(url, "blog")
    engine = engine_for(url)
    metadata = CompletionMetadata(read_tables(engine), commands=["\\d", "\\dt", "\\help"])
    engine.dispose()
    return SQLCompleter(metadata)


def test_completer_offers_every_table_after_from(completer):
    assert sorted(matches(completer, "SELECT * FROM ")) == ["comments", "post_tags", "posts", "tags", "users"]
    assert sorted(matches(completer, "select * from PO")) == ["post_tags", "posts"]


def test_completer_offers_the_columns_of_the_tables_named(completer):
    assert matches(completer, "SELECT * FROM tags WHERE ")[:2] == ["id", "name"]
    assert matches(completer, "SELECT t.n") == []  # an alias no FROM names yet
    assert matches(completer, "SELECT * FROM users u WHERE u.e") == ["email"]


def test_completer_offers_keywords_and_commands(completer):
    assert "SELECT" in matches(completer, "sel")
    assert matches(completer, "\\d") == ["\\d", "\\dt"]
    assert matches(completer, "\\d u") == ["users"]


def test_completer_offers_files_after_backslash_i(completer, tmp_path):
    (tmp_path / "setup.sql").write_text("SELECT 1;")
    assert matches(completer, f"\\i {tmp_path}/se") == ["tup.sql"]  # the rest of the name
