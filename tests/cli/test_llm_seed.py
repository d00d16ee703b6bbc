"""`querynl seed --planner ...` end to end, in-process, against a real local OpenAI-compatible
server: the model's provider choices show in the inserted rows, failures fall back with one
line and rows are still inserted, answers are cached, and with no endpoint configured
nothing reaches the network."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import pytest
from faker.providers.color.en_US import Provider as ColorProvider
from sqlalchemy import inspect, text

from querynl.cli.main import main
from querynl.planning.columns.rules import choose_provider
from tests.databases import connected, fresh_database
from tests.integrity import assert_integrity, row_counts
from tests.llm_server import TEST_KEY

DDL = [
    "CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL, email VARCHAR(120) UNIQUE)",
    "CREATE TABLE products (id INTEGER PRIMARY KEY, sku VARCHAR(32) NOT NULL UNIQUE, label VARCHAR(40),"
    " price NUMERIC(10, 2) NOT NULL)",
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),"
    " product_id INTEGER REFERENCES products(id), status VARCHAR(20) NOT NULL)",
]
COLOURS = set(ColorProvider.all_colors)
DROPPING = ["x'); DROP TABLE products; --", 'Robert"); DROP TABLE customers;--']


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the preview's columns unwrapped


def shop(url: str) -> str:
    with connected(url) as (_engine, conn):
        for statement in DDL:
            conn.execute(text(statement))
        conn.commit()
    return url


def proposal(provider: str = "color_name", **args) -> str:
    columns = [{"column": "label", "faker_provider": provider, "provider_args": args}]
    return json.dumps({"tables": [{"table": "products", "columns": columns}], "rationale": "[bold]shop[/]"})


def seed(capsys, url: str, *extra: str, request: str = "add sample data") -> tuple[int, dict, str]:
    status = main(["seed", url, request, "--yes", "--json", "--seed", "5", *extra])
    out, err = capsys.readouterr()
    return status, json.loads(out.strip().splitlines()[-1]), err


def labels(url: str) -> list[str]:
    with connected(url) as (_engine, conn):
        return [r[0] for r in conn.execute(text("SELECT label FROM products")) if r[0] is not None]


def test_rules_would_not_choose_colours_for_a_label(tmp_path):
    from querynl.schema import ColumnInfo, TableInfo

    column = ColumnInfo(name="label", type_name="VARCHAR(40)", kind="string", length=40)
    assert choose_provider(TableInfo(name="products", columns=[column]), column).provider != "color_name"


def test_model_choices_appear_in_the_rows(llm_server, capsys, tmp_path):
    url = shop(f"sqlite:///{tmp_path / 'shop.db'}")
    llm_server.reply(proposal())
    status, summary, err = seed(capsys, url)
    assert status == 0, err
    assert summary["ok"] and summary["planner"] == "llm" and summary["planner_notes"] == []
    assert labels(url) and set(labels(url)) <= COLOURS
    assert "label: color_name (model)" in err
    assert "[bold]shop[/]" in err  # the model's rationale is text, not markup
    assert TEST_KEY not in err
    assert_integrity(url)


@pytest.mark.server
@pytest.mark.parametrize("dialect", ["postgresql", "mysql"])
def test_model_choices_appear_in_the_rows_on_servers(llm_server, capsys, tmp_path, dialect):
    with fresh_database(dialect, tmp_path) as url:
        shop(url)
        llm_server.reply(proposal())
        status, summary, err = seed(capsys, url)
        assert status == 0, err
        assert summary["planner"] == "llm"
        assert labels(url) and set(labels(url)) <= COLOURS
        assert_integrity(url)


def test_sql_in_a_field_is_only_ever_data(llm_server, capsys, tmp_path):
    url = shop(f"sqlite:///{tmp_path / 'shop.db'}")
    llm_server.reply(proposal("random_element", elements=DROPPING))
    status, summary, err = seed(capsys, url)
    assert status == 0, err
    with connected(url) as (engine, _conn):
        assert set(inspect(engine).get_table_names()) == {"customers", "products", "orders"}
    assert set(labels(url)) <= set(DROPPING) and labels(url)
    assert all(row_counts(url).values())


def table_answer(table: dict, order: list[str] | None = None) -> str:
    return json.dumps({"tables": [table], "insertion_order": order})


BAD = {
    "malformed json": (["{not json", "still not"], "LLM planner: the model's answer was not a usable plan"),
    "unknown table": (
        [table_answer({"table": "ghosts", "record_count": 3})] * 2,
        "LLM planner: table 'ghosts' fell back to rules (unknown table)",
    ),
    "private attribute": (
        [proposal("__class__")] * 2,
        "LLM planner: products.label fell back to rules ('__class__' is a private name, not a provider)",
    ),
    "bad arguments": (
        [proposal("color_name", shade="dark")] * 2,
        "LLM planner: products.label fell back to rules (color_name() takes no argument 'shade')",
    ),
    "count of -5": (
        [table_answer({"table": "orders", "record_count": -5})] * 2,
        "LLM planner: orders row count fell back to rules (record_count -5 is not positive)",
    ),
    "sql as a provider": (
        [proposal("'; DROP TABLE products; --")] * 2,
        "LLM planner: products.label fell back to rules ("
        + repr("'; DROP TABLE products; --")
        + " is not a Faker provider)",
    ),
    "wrong insertion order": (
        [table_answer({"table": "orders"}, ["customers", "orders", "products"])] * 2,
        "LLM planner: insertion order fell back to rules (orders before its parent products)",
    ),
    "401": ([401], "LLM planner unavailable (the endpoint refused the API key (401)); planned with rules."),
    "timeout": (["slow"], "LLM planner unavailable (no answer within 0.3 s); planned with rules."),
}


@pytest.mark.parametrize("case", list(BAD))
def test_each_bad_answer_ends_with_rows_and_one_line(llm_server, capsys, tmp_path, monkeypatch, case):
    url = shop(f"sqlite:///{tmp_path / 'shop.db'}")
    replies, line = BAD[case]
    monkeypatch.setenv("QUERYNL_LLM_TIMEOUT", "0.3")
    for reply in replies:
        if reply == 401:
            llm_server.reply(status=401)
        elif reply == "slow":
            llm_server.reply(proposal(), delay=1.0)
        else:
            llm_server.reply(reply)
    status, summary, err = seed(capsys, url)
    assert status == 0, err
    [note] = summary["planner_notes"]
    assert note.startswith(line)
    assert err.count(line) == 1
    assert TEST_KEY not in err
    with connected(url) as (engine, _conn):
        assert set(inspect(engine).get_table_names()) == {"customers", "products", "orders"}
    assert all(row_counts(url).values())
    assert_integrity(url)


def test_rate_limit_then_success(llm_server, capsys, tmp_path):
    url = shop(f"sqlite:///{tmp_path / 'shop.db'}")
    llm_server.reply(status=429, headers={"Retry-After": "0"})
    llm_server.reply(proposal())
    status, summary, err = seed(capsys, url)
    assert status == 0, err
    assert summary["planner_notes"] == [] and summary["planner"] == "llm"
    assert set(labels(url)) <= COLOURS and labels(url)


def test_answers_are_cached_and_no_cache_asks_again(llm_server, capsys, tmp_path):
    url = shop(f"sqlite:///{tmp_path / 'shop.db'}")
    llm_server.reply(proposal())
    llm_server.reply(proposal())
    assert seed(capsys, url, "--dry-run")[0] == 0
    assert seed(capsys, url)[0] == 0  # same request, same schema: the cached answer
    assert len(llm_server.requests) == 1
    assert seed(capsys, url, "--dry-run", "--no-cache")[0] == 0
    assert len(llm_server.requests) == 2
    assert set(labels(url)) <= COLOURS


def test_planner_rules_asks_nothing(llm_server, capsys, tmp_path):
    url = shop(f"sqlite:///{tmp_path / 'shop.db'}")
    status, summary, _err = seed(capsys, url, "--planner", "rules")
    assert status == 0 and summary["planner"] == "rules"
    assert llm_server.requests == []


def test_no_endpoint_no_network_no_noise(no_network, capsys, tmp_path):
    url = shop(f"sqlite:///{tmp_path / 'shop.db'}")
    status, summary, err = seed(capsys, url)
    assert status == 0, err
    assert summary["planner"] == "rules" and summary["planner_notes"] == []
    assert "LLM" not in err
    assert all(row_counts(url).values())


def test_planner_llm_without_an_endpoint_is_one_line_error(no_network, capsys, tmp_path):
    url = shop(f"sqlite:///{tmp_path / 'shop.db'}")
    status, summary, err = seed(capsys, url, "--planner", "llm")
    assert status == 2
    assert err.strip().splitlines() == [
        "Error: The LLM planner needs an endpoint: no LLM configured (set OPENAI_API_KEY, or "
        "OPENAI_BASE_URL for a local server)."
    ]
    assert summary["ok"] is False
    assert not any(row_counts(url).values())


def test_ctrl_c_while_waiting_for_the_model_cancels_cleanly(llm_server, capsys, tmp_path, monkeypatch):
    """A real SIGINT to this process while `seed` (in-process) waits for the model's answer."""
    url = shop(f"sqlite:///{tmp_path / 'shop.db'}")
    llm_server.reply(proposal(), delay=30)
    monkeypatch.setenv("QUERYNL_LLM_TIMEOUT", "60")

    def interrupt_once_asked() -> None:
        deadline = time.monotonic() + 60
        while not llm_server.requests and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.2)  # the client is reading the socket by now
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=interrupt_once_asked, daemon=True).start()
    status = main(["seed", url, "add sample data", "--yes"])
    out, err = capsys.readouterr()
    assert status == 1, out + err  # one Ctrl+C cancels the request (a second would exit 130)
    assert "Operation cancelled by user. Nothing was written." in out + err
    assert "Traceback" not in out + err
    assert not any(row_counts(url).values())
