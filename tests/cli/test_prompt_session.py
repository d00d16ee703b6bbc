"""The prompt's rules: when Enter runs the input, where the history file lives."""

from __future__ import annotations

import pytest

from querynl.cli.prompt_session import history_path, is_complete


@pytest.mark.parametrize(
    ("text", "complete"),
    [("SELECT 1", False), ("SELECT 1;", True), ("select *\nfrom t\n;  ", True), ("", True),
     ("\\dt", True), ("\\d orders", True), ("add 100 users", True), ("quit", True),
     ("how many users are there", True), ("CREATE TABLE t (id int", False),
     ("insert 5 orders", True), ("create 50 customers", True), ("insert some rows", True),
     ("show me the top customers", True), ("explain why orders dropped", True),
     ("show tables", False), ("SELECT name", False), ("insert into users", False)],
)  # fmt: skip
def test_enter_runs_sql_only_once_it_ends_with_a_semicolon(text, complete):
    assert is_complete(text) is complete


def test_history_file_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("QUERYNL_HISTORY", raising=False)
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert history_path() == tmp_path / ".querynl_history"
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert history_path() == tmp_path / "state" / "querynl" / "history"
    monkeypatch.setenv("QUERYNL_HISTORY", str(tmp_path / "h"))
    assert history_path() == tmp_path / "h"
