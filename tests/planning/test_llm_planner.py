"""The LLM planner against a real local OpenAI-compatible HTTP server (tests/llm_server.py):
good answers are laid over the rule plan, every kind of bad answer is sent back once and
then falls back to the rules with one line, endpoint failures fall back whole, large schemas
go out in groups within the token budget, and answers are cached."""

from __future__ import annotations

import json
import re

import pytest

from querynl.llm.settings import LLMSettings
from querynl.models import TestDataRequest
from querynl.planning.llm_planner import LLMPlanner
from querynl.planning.plan_cache import PlanCache
from querynl.planning.prompt import CHARS_PER_TOKEN, INSTRUCTIONS
from querynl.planning.rule_planner import RuleBasedPlanner
from querynl.planning.validation import validate_plan
from querynl.schema import ColumnInfo, ForeignKeyInfo, SchemaMetadata, TableInfo
from tests.databases import sqlite_schema
from tests.llm_server import Reply

DDL = [
    "CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL, email VARCHAR(120) UNIQUE)",
    "CREATE TABLE products (id INTEGER PRIMARY KEY, sku VARCHAR(32) NOT NULL UNIQUE, label VARCHAR(40),"
    " price NUMERIC(10, 2) NOT NULL)",
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),"
    " status VARCHAR(20) NOT NULL CHECK (status IN ('new', 'paid', 'sent')))",
    "INSERT INTO customers (id, name, email) VALUES (1, 'Row-Value-Zebra', 'zebra@example.org')",
]
REQUEST = TestDataRequest(user_query="add sample data", seed=3)


@pytest.fixture
def schema(tmp_path) -> SchemaMetadata:
    return sqlite_schema(tmp_path / "shop.db", DDL)


def planner(**kwargs) -> LLMPlanner:
    return LLMPlanner(LLMSettings.from_env(), **kwargs)


def answer(tables: list[dict], order: list[str] | None = None, rationale: str = "shop data") -> str:
    body: dict = {"tables": tables, "rationale": rationale}
    if order is not None:
        body["insertion_order"] = order
    return json.dumps(body)


def column(table: str, name: str, provider: str, **args) -> dict:
    return {"table": table, "columns": [{"column": name, "faker_provider": provider, "provider_args": args}]}


def last_user_message(body: dict) -> str:
    return body["messages"][-1]["content"]


def test_good_answer_is_laid_over_the_rule_plan(llm_server, schema):
    llm_server.reply(
        answer([column("products", "label", "color_name"), {"table": "customers", "record_count": 25}])
    )
    plan = planner().plan(schema, REQUEST)
    label = plan.table("products").column("label")
    assert (label.faker_provider, label.source) == ("color_name", "model")
    assert plan.table("customers").record_count == 25
    assert plan.planner == "llm"
    assert plan.planner_notes == []
    assert plan.rationale.startswith("Model: shop data")
    assert validate_plan(plan, schema) == []
    [sent] = llm_server.requests
    assert sent["response_format"]["type"] == "json_schema"
    prompt = last_user_message(sent)
    assert "TABLE products" in prompt and "CHECK (status IN ('new', 'paid', 'sent'))" in prompt
    assert "email VARCHAR(120) UNIQUE = email {} [fixed]" in prompt  # derived from the name
    assert "(1 already there)" in prompt
    assert "Row-Value-Zebra" not in json.dumps(sent)  # the schema only, never the rows


def test_rule_choices_stay_where_the_model_says_nothing(llm_server, schema):
    llm_server.reply(answer([]))
    plan = planner().plan(schema, REQUEST)
    rules = RuleBasedPlanner().plan(schema, REQUEST)
    assert [t.model_dump(exclude={"notes"}) for t in plan.tables] == [
        t.model_dump(exclude={"notes"}) for t in rules.tables
    ]
    assert plan.planner == "rules"


def test_malformed_json_twice_falls_back_whole(llm_server, schema):
    llm_server.reply("Sure! {tables: [oops")
    llm_server.reply("still not json")
    plan = planner().plan(schema, REQUEST)
    assert plan.planner == "rules"
    [line] = plan.planner_notes
    assert line.startswith("LLM planner: the model's answer was not a usable plan (no JSON in the answer")
    assert line.endswith("planned with rules.")
    assert "no JSON in the answer" in last_user_message(llm_server.requests[1])


def test_malformed_then_corrected(llm_server, schema):
    llm_server.reply('{"tables": "not a list"}')
    llm_server.reply(answer([column("products", "label", "color_name")]))
    plan = planner().plan(schema, REQUEST)
    assert plan.table("products").column("label").faker_provider == "color_name"
    second = llm_server.requests[1]
    assert "the answer is not a plan (no list of tables)" in last_user_message(second)
    assert second["messages"][-2] == {"role": "assistant", "content": '{"tables": "not a list"}'}


BAD_PARTS = {
    "unknown table": (
        column("ghosts", "label", "color_name"),
        None,
        "table 'ghosts' fell back to rules (unknown table)",
    ),
    "private attribute": (
        column("products", "label", "_Generator__config"),
        None,
        "products.label fell back to rules ('_Generator__config' is a private name, not a provider)",
    ),
    "plumbing": (
        column("products", "label", "seed_instance", seed=1),
        None,
        "products.label fell back to rules ('seed_instance' is Faker plumbing, not a value provider)",
    ),
    "unknown argument": (
        column("products", "label", "color_name", shade="dark"),
        None,
        "products.label fell back to rules (color_name() takes no argument 'shade')",
    ),
    "argument of the wrong type": (
        column("products", "label", "pystr", max_chars="ten"),
        None,
        "products.label fell back to rules (pystr() argument max_chars='ten' is not int)",
    ),
    "argument of the wrong type to our provider": (
        column("products", "label", "product_name", max_chars=[40]),
        None,
        "products.label fell back to rules (product_name() argument max_chars=[40] is not int or None)",
    ),
    "argument too large": (
        column("products", "label", "paragraphs", nb=100_000),
        None,
        "products.label fell back to rules (argument nb=100000 asks for too much (at most 100))",
    ),
    "argument too large inside fit": (
        column("products", "label", "fit", source="json", max_chars=40, args={"num_rows": 10_000_000}),
        None,
        "products.label fell back to rules (argument num_rows=10000000 asks for too much (at most 100))",
    ),
    "trial call fails": (
        column("products", "price", "color_name"),
        None,
        "products.price fell back to rules (a trial call color_name(...) failed for a decimal column",
    ),
    "negative count": (
        {"table": "orders", "record_count": -5},
        None,
        "orders row count fell back to rules (record_count -5 is not positive)",
    ),
    "sql as a provider": (
        column("products", "label", "x'); DROP TABLE products; --"),
        None,
        "is not a Faker provider",
    ),
    "foreign key": (
        column("orders", "customer_id", "random_int"),
        None,
        "orders.customer_id fell back to rules (a foreign key: its values come from the parent table)",
    ),
    "check constraint": (
        column("orders", "status", "word"),
        None,
        "orders.status fell back to rules (its values are fixed by a CHECK)",
    ),
    "derived column": (
        column("customers", "email", "company_email"),
        None,
        "customers.email fell back to rules (derived from other columns of the row)",
    ),
    "wrong insertion order": (
        column("products", "label", "color_name"),
        ["orders", "customers", "products"],
        "insertion order fell back to rules (orders before its parent customers)",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_PARTS))
def test_bad_part_goes_back_once_then_falls_back(llm_server, schema, case):
    proposed, order, line = BAD_PARTS[case]
    bad = answer([proposed], order)
    llm_server.reply(bad)
    llm_server.reply(bad)  # the model insists
    plan = planner().plan(schema, REQUEST)
    assert len(llm_server.requests) == 2
    problem = line.removeprefix("LLM planner: ").replace(" fell back to rules (", ": ", 1)
    assert problem.rstrip(")") in last_user_message(llm_server.requests[1])
    assert any(line in note for note in plan.planner_notes), plan.planner_notes
    assert validate_plan(plan, schema) == []
    rules = RuleBasedPlanner().plan(schema, REQUEST)
    assert plan.insertion_order == rules.insertion_order
    assert plan.table("orders").record_count == rules.table("orders").record_count


def test_each_column_falls_back_alone(llm_server, schema):
    mixed = answer(
        [
            {
                "table": "products",
                "columns": [
                    {"column": "label", "faker_provider": "color_name"},
                    {"column": "sku", "faker_provider": "no_such_provider"},
                ],
            }
        ]
    )
    llm_server.reply(mixed)
    llm_server.reply(mixed)
    plan = planner().plan(schema, REQUEST)
    assert plan.table("products").column("label").faker_provider == "color_name"
    sku = plan.table("products").column("sku")
    assert sku.source == "rules" and sku.faker_provider != "no_such_provider"
    assert plan.planner_notes == [
        "LLM planner: products.sku fell back to rules ('no_such_provider' is not a Faker provider)"
    ]


def test_requested_counts_stay(llm_server, schema):
    llm_server.reply(answer([{"table": "products", "record_count": 7}]))
    llm_server.reply(answer([{"table": "products", "record_count": 7}]))
    request = TestDataRequest(user_query="add 30 products", record_counts={"products": 30}, seed=1)
    plan = planner().plan(schema, request)
    assert plan.table("products").record_count == 30
    assert "the request asked for 30 rows, not 7" in plan.planner_notes[0]


def test_the_asked_count_is_no_problem(llm_server, schema):
    llm_server.reply(answer([{"table": "products", "record_count": 30}]))
    request = TestDataRequest(user_query="add 30 products", record_counts={"products": 30}, seed=1)
    plan = planner().plan(schema, request)
    assert plan.table("products").record_count == 30
    assert plan.planner_notes == [] and len(llm_server.requests) == 1


def test_endpoint_without_structured_output_gets_a_fenced_block(llm_server, schema):
    llm_server.reply(status=400, body={"error": {"message": "response_format is not supported"}})
    llm_server.reply(
        "Here you are:\n```json\n" + answer([column("products", "label", "color_name")]) + "\n```"
    )
    plan = planner().plan(schema, REQUEST)
    assert plan.table("products").column("label").faker_provider == "color_name"
    assert "response_format" in llm_server.requests[0]
    assert "response_format" not in llm_server.requests[1]


@pytest.mark.parametrize(
    ("replies", "reason"),
    [
        ([Reply(status=401)], "the endpoint refused the API key (401)"),
        ([Reply(status=503)], "the endpoint failed (503)"),
        ([Reply(status=429, headers={"Retry-After": "0"})] * 3, "the model is rate limited (429, 3 tries)"),
    ],
)
def test_endpoint_failures_fall_back_whole(llm_server, schema, replies, reason):
    for reply in replies:
        llm_server.reply(reply.content, status=reply.status, headers=reply.headers)
    plan = planner().plan(schema, REQUEST)
    assert plan.planner_notes == [f"LLM planner unavailable ({reason}); planned with rules."]
    assert plan.planner == "rules"
    assert validate_plan(plan, schema) == []


def test_rate_limit_then_success(llm_server, schema):
    llm_server.reply(status=429, headers={"Retry-After": "0"})
    llm_server.reply(answer([column("products", "label", "color_name")]))
    plan = planner().plan(schema, REQUEST)
    assert plan.table("products").column("label").faker_provider == "color_name"
    assert len(llm_server.requests) == 2


def test_timeout_falls_back(llm_server, schema, monkeypatch):
    monkeypatch.setenv("QUERYNL_LLM_TIMEOUT", "0.3")
    llm_server.reply(answer([]), delay=1.0)
    plan = planner().plan(schema, REQUEST)
    assert plan.planner_notes == ["LLM planner unavailable (no answer within 0.3 s); planned with rules."]


def test_refused_connection_falls_back(llm_server, schema, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    plan = planner().plan(schema, REQUEST)
    assert plan.planner_notes == [
        "LLM planner unavailable (cannot reach http://127.0.0.1:9/v1); planned with rules."
    ]


def test_cache_hit_asks_nothing_and_no_cache_asks_again(llm_server, schema, tmp_path):
    llm_server.respond_with(lambda body: Reply(content=answer([column("products", "label", "color_name")])))
    cache = PlanCache(tmp_path / "plans")
    for seed in (1, 2):  # another seed is the same request
        plan = planner(cache=cache).plan(schema, REQUEST.model_copy(update={"seed": seed}))
        assert plan.table("products").column("label").faker_provider == "color_name"
    assert len(llm_server.requests) == 1
    planner(cache=None).plan(schema, REQUEST)
    assert len(llm_server.requests) == 2
    for path in (tmp_path / "plans").iterdir():
        path.write_text("{corrupt")
    planner(cache=cache).plan(schema, REQUEST)
    assert len(llm_server.requests) == 3


def test_failed_answers_are_not_cached(llm_server, schema, tmp_path):
    cache = PlanCache(tmp_path / "plans")
    llm_server.reply(status=401)
    planner(cache=cache).plan(schema, REQUEST)
    assert not (tmp_path / "plans").exists()


def huge_schema(tables: int = 300) -> SchemaMetadata:
    """Chains of five tables, each child pointing at the one before."""
    infos = []
    for i in range(tables):
        fks = (
            []
            if i % 5 == 0
            else [ForeignKeyInfo(columns=["parent_id"], referred_table=f"t{i - 1}", referred_columns=["id"])]
        )
        columns = [
            ColumnInfo(name="id", type_name="INTEGER", kind="integer", nullable=False),
            ColumnInfo(name="name", type_name="VARCHAR(40)", kind="string", length=40),
        ]
        if fks:
            columns.append(ColumnInfo(name="parent_id", type_name="INTEGER", kind="integer", nullable=False))
        infos.append(TableInfo(name=f"t{i}", columns=columns, primary_key=["id"], foreign_keys=fks))
    return SchemaMetadata(dialect="sqlite", tables=infos)


def test_huge_schema_is_planned_in_groups_within_the_budget(llm_server):
    budget = 2_000

    def propose(body: dict) -> Reply:
        names = re.findall(r"^TABLE (\w+):", last_user_message(body), re.M)
        return Reply(content=answer([column(name, "name", "color_name") for name in names]))

    llm_server.respond_with(propose)
    schema = huge_schema()
    plan = planner(budget_tokens=budget).plan(schema, TestDataRequest(user_query="add sample data", seed=1))
    assert len(llm_server.requests) >= 3
    seen: list[str] = []
    for body in llm_server.requests:
        prompt = last_user_message(body)
        assert len(prompt) - len(INSTRUCTIONS) <= (budget + 200) * CHARS_PER_TOKEN
        seen += re.findall(r"^TABLE (\w+):", prompt, re.M)
    assert sorted(seen) == sorted(schema.table_names)  # each table in exactly one group
    for i in range(0, 300, 5):  # a chain of related tables stays in one group
        assert any(
            all(f"TABLE t{j}:" in last_user_message(b) for j in range(i, i + 5)) for b in llm_server.requests
        )
    assert {plan.table(n).column("name").faker_provider for n in schema.table_names} == {"color_name"}
    assert validate_plan(plan, schema) == []
    assert plan.planner_notes == []


def test_not_configured_never_reaches_the_network(no_network, schema):
    from querynl.planning.choice import make_planner

    assert isinstance(make_planner("auto"), RuleBasedPlanner)


def test_model_text_in_lines_is_printable_and_short(llm_server, schema):
    hostile = "x\x1b[2J" + "y" * 5_000
    bad = answer([column("products", hostile, "color_name")], rationale="ok\x1b[31m" + "z" * 2_000)
    llm_server.reply(bad)
    llm_server.reply(bad)
    plan = planner().plan(schema, REQUEST)
    [line] = plan.planner_notes
    assert "\x1b" not in line and len(line) < 400
    assert line.startswith("LLM planner: products.x [2Jyyy")


def test_parts_of_the_wrong_shape_fall_back_alone(llm_server, schema):
    shaped = json.dumps(
        {
            "tables": [
                {"table": "products", "record_count": "many", "columns": [
                    {"column": "label", "faker_provider": "color_name"},
                    {"column": "sku", "faker_provider": None},
                ]},
                "not a table",
            ],
            "insertion_order": "customers first",
        }
    )  # fmt: skip
    llm_server.reply(shaped)
    llm_server.reply(shaped)
    plan = planner().plan(schema, REQUEST)
    assert plan.table("products").column("label").faker_provider == "color_name"
    assert plan.planner_notes == [
        "LLM planner: products.sku fell back to rules (faker_provider: Input should be a valid string)",
        "LLM planner: products row count fell back to rules (record_count: Input should be a valid integer,"
        " unable to parse string as an integer)",
        "LLM planner: tables[1] fell back to rules (not a table with a name)",
        "LLM planner: insertion order fell back to rules (not a list of table names)",
    ]
