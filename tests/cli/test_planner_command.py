"""`\\planner` in the REPL: shows the planner and the endpoint (never the key), switches it,
and the switch decides whether a test-data request asks the model."""

from __future__ import annotations

import io
import json
import sys

import pytest
from rich.console import Console
from sqlalchemy import create_engine, text

from querynl.cli.repl import REPLManager
from tests.llm_server import TEST_KEY


@pytest.fixture
def repl(tmp_path, monkeypatch):
    engine = create_engine(f"sqlite:///{tmp_path / 'shop.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE products (id INTEGER PRIMARY KEY, label VARCHAR(40))"))
    output = io.StringIO()
    yield REPLManager(engine, console=Console(file=output, width=200), interactive=False), output
    engine.dispose()


def run(repl, line: str, answers: str = "") -> str:
    manager, output = repl
    output.seek(0)
    output.truncate()
    sys.stdin = io.StringIO(answers)
    try:
        manager.execute_command(line)
    finally:
        sys.stdin = sys.__stdin__
    return output.getvalue()


def test_planner_shows_and_switches(repl, llm_server):
    assert run(repl, "\\planner").strip() == f"planner: auto (test-model at {llm_server.base_url})"
    assert run(repl, "\\planner rules").strip() == "planner: rules (offline)"
    assert "Unknown planner 'magic'" in run(repl, "\\planner magic")
    assert run(repl, "\\planner").strip() == "planner: rules (offline)"
    assert TEST_KEY not in run(repl, "\\planner llm")


def test_switch_decides_who_plans(repl, llm_server):
    llm_server.reply(json.dumps({"tables": [{"table": "products", "columns": [
        {"column": "label", "faker_provider": "color_name"}]}]}))  # fmt: skip
    run(repl, "\\planner rules")
    assert "(rules planner" in run(repl, "add sample data", "n\n")
    assert llm_server.requests == []
    run(repl, "\\planner auto")
    shown = run(repl, "add sample data", "n\n")
    assert "(llm planner" in shown and "label: color_name (model)" in shown
    assert len(llm_server.requests) == 1


def test_llm_without_an_endpoint_is_refused(repl, no_network):
    assert run(repl, "\\planner llm").strip() == (
        "The LLM planner needs an endpoint: no LLM configured (set OPENAI_API_KEY, or "
        "OPENAI_BASE_URL for a local server)."
    )
    assert run(repl, "\\planner").strip().startswith("planner: auto (rules: no LLM configured")
