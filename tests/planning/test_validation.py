"""Plan validation, the gate for untrusted (LLM) plans: each kind of bad plan is refused with
a problem that names it; the rule planner's own plans pass (the corpus tests run them all)."""

from __future__ import annotations

import pytest

from querynl.models import (
    ColumnGenerationConfig,
    DataGenerationPlan,
    ForeignKeyConfig,
    TableGenerationConfig,
    TestDataRequest,
)
from querynl.planning.rule_planner import RuleBasedPlanner
from querynl.planning.validation import MAX_RECORDS_PER_TABLE, json_problem, validate_plan
from querynl.schema import ColumnInfo, ForeignKeyInfo, SchemaMetadata, TableInfo

SCHEMA = SchemaMetadata(
    dialect="sqlite",
    tables=[
        TableInfo(
            name="users",
            columns=[
                ColumnInfo(name="id", type_name="INTEGER", kind="integer", nullable=False),
                ColumnInfo(name="email", type_name="VARCHAR(120)", kind="string", length=120, nullable=False),
                ColumnInfo(name="name", type_name="VARCHAR(80)", kind="string", length=80),
            ],
            primary_key=["id"],
        ),
        TableInfo(
            name="posts",
            columns=[
                ColumnInfo(name="id", type_name="INTEGER", kind="integer", nullable=False),
                ColumnInfo(name="user_id", type_name="INTEGER", kind="integer", nullable=False),
                ColumnInfo(name="title", type_name="VARCHAR(200)", kind="string", length=200, nullable=False),
            ],
            primary_key=["id"],
            foreign_keys=[
                ForeignKeyInfo(columns=["user_id"], referred_table="users", referred_columns=["id"])
            ],
        ),
    ],
)


@pytest.fixture
def plan() -> DataGenerationPlan:
    """The rule planner's plan for SCHEMA: valid, and each test breaks it one way."""
    return RuleBasedPlanner().plan(SCHEMA, TestDataRequest(user_query="add sample data"))


def with_column(plan: DataGenerationPlan, table: str, column: str, **config) -> DataGenerationPlan:
    """`plan` with the column's config replaced by ColumnGenerationConfig(**config)."""
    replacement = ColumnGenerationConfig(column_name=column, **config)
    columns = plan.table(table).columns
    columns[:] = [replacement if c.column_name == column else c for c in columns]
    return plan


def title_from(plan: DataGenerationPlan, provider: str, **args) -> list[str]:
    """The problems of `plan` once posts.title comes from `provider(**args)`."""
    return validate_plan(
        with_column(plan, "posts", "title", faker_provider=provider, provider_args=args), SCHEMA
    )


def test_the_rule_planners_plan_is_valid(plan):
    assert plan.insertion_order == ["users", "posts"]
    assert validate_plan(plan, SCHEMA) == []


def test_valid_calls_pass(plan):
    assert title_from(plan, "sentence", nb_words=6) == []
    assert title_from(plan, "fit", source="catch_phrase", max_chars=200) == []
    assert title_from(plan, "random_element", elements=["a", "b", 3, None, {"k": [1.5]}]) == []
    assert title_from(plan, "binary", length=16) == []


# ----- provider names -------------------------------------------------------------------


def test_unknown_provider(plan):
    assert title_from(plan, "exec") == ["posts.title: 'exec' is not a known Faker provider"]


@pytest.mark.parametrize("name", ["_x", "__class__", "__init__", "_retry"])
def test_private_and_dunder_names(plan, name):
    assert title_from(plan, name) == [f"posts.title: {name!r} is a private name, not a provider"]


@pytest.mark.parametrize("name", ["seed_instance", "add_provider", "format", "parse", "set_formatter"])
def test_faker_plumbing(plan, name):
    assert title_from(plan, name) == [f"posts.title: {name!r} is Faker plumbing, not a value provider"]


def test_faker_strategy_without_a_provider(plan):
    assert title_from(plan, None) == ["posts.title: strategy 'faker' needs a faker_provider"]


def test_fit_may_not_wrap_plumbing(plan):
    problems = title_from(plan, "fit", source="seed_instance", max_chars=10, args={"seed": 1})
    assert problems == ["posts.title: fit source: 'seed_instance' is Faker plumbing, not a value provider"]


def test_fit_checks_the_wrapped_call(plan):
    problems = title_from(plan, "fit", source="sentence", max_chars=10, args={"shell": "rm -rf /"})
    assert problems == ["posts.title: fit source: sentence() takes no argument 'shell'"]


def test_binary_needs_a_bounded_length(plan):
    assert title_from(plan, "binary") == ["posts.title: binary() needs a length from 1 to 65,536"]
    assert title_from(plan, "binary", length=10**9) == [
        "posts.title: binary() needs a length from 1 to 65,536"
    ]


# ----- provider arguments ---------------------------------------------------------------


def test_unknown_argument_name(plan):
    assert title_from(plan, "sentence", nb_words=3, shell="rm") == [
        "posts.title: sentence() takes no argument 'shell'"
    ]


def test_unknown_argument_names_pass_where_the_formatter_takes_any(plan):
    assert title_from(plan, "dsv", num_rows=2, delimiter=";") == []


def test_missing_required_argument(plan):
    assert title_from(plan, "fit", max_chars=10) == ["posts.title: fit() needs the argument 'source'"]


@pytest.mark.parametrize("name", ["__class__", "_x"])
def test_private_argument_names(plan, name):
    assert title_from(plan, "dsv", **{name: 1}) == [
        f"posts.title: dsv() argument names may not be private: {name}"
    ]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (print, "a builtin_function_or_method is not a JSON value"),
        (lambda: 1, "a function is not a JSON value"),
        (object(), "a object is not a JSON value"),
        ([1, {"deep": {1, 2}}], "a set is not a JSON value"),
        ({1: "a"}, "a dict key is not a string"),
        (float("nan"), "nan is not a finite number"),
    ],
    ids=["builtin", "lambda", "object", "nested-set", "int-key", "nan"],
)
def test_argument_values_must_be_json_like(plan, value, problem):
    assert title_from(plan, "random_element", elements=value) == [
        f"posts.title: provider arguments: {problem}"
    ]


def test_self_containing_argument_is_refused_not_followed(plan):
    loop: list = []
    loop.append(loop)
    assert json_problem(loop) == "nested deeper than 8 levels"
    assert title_from(plan, "random_element", elements=loop) == [
        "posts.title: provider arguments: nested deeper than 8 levels"
    ]


def test_arguments_too_large(plan):
    assert title_from(plan, "random_element", elements=["x" * 100] * 50) == [
        "posts.title: provider arguments too large"
    ]


# ----- tables, columns, counts ----------------------------------------------------------


def test_unknown_table(plan):
    plan.tables.append(TableGenerationConfig(table_name="secrets", record_count=5))
    plan.insertion_order.append("secrets")
    assert validate_plan(plan, SCHEMA) == ["unknown table 'secrets'"]


def test_unknown_column(plan):
    plan.table("users").columns.append(ColumnGenerationConfig(column_name="password", faker_provider="word"))
    assert validate_plan(plan, SCHEMA) == ["unknown column users.password"]


def test_column_planned_twice(plan):
    plan.table("users").columns.append(ColumnGenerationConfig(column_name="name", faker_provider="name"))
    assert validate_plan(plan, SCHEMA) == ["users.name is planned twice"]


@pytest.mark.parametrize("count", [-1, MAX_RECORDS_PER_TABLE + 1, 10**15])
def test_record_count_out_of_range(plan, count):
    plan.table("users").record_count = count  # assignment is not validated: a Python-built plan
    assert validate_plan(plan, SCHEMA) == [f"users: record_count {count} out of range (0 to 50,000,000)"]


@pytest.mark.parametrize("count", [2.5, "10", True])
def test_record_count_not_a_whole_number(plan, count):
    plan.table("users").record_count = count
    assert validate_plan(plan, SCHEMA) == [f"users: record_count {count!r} is not a whole number"]


def test_table_twice_and_insertion_order(plan):
    plan.tables.append(plan.table("users").model_copy())
    assert validate_plan(plan, SCHEMA) == [
        "a table appears twice in the plan",
        "insertion_order must list exactly the plan's tables",
    ]


def test_sequence_on_a_non_integer_column(plan):
    assert validate_plan(with_column(plan, "users", "email", strategy="sequence"), SCHEMA) == [
        "users.email: a sequence needs an integer column"
    ]


def test_unknown_strategy(plan):
    plan.table("users").column("name").strategy = "eval"
    assert validate_plan(plan, SCHEMA) == ["users.name: unknown strategy 'eval'"]


def test_not_null_column_without_a_value(plan):
    assert validate_plan(with_column(plan, "posts", "title", strategy="skip"), SCHEMA) == [
        "posts.title is NOT NULL but the plan gives it no value"
    ]


# ----- foreign keys ---------------------------------------------------------------------


def test_foreign_key_not_in_the_schema(plan):
    extra = ForeignKeyConfig(columns=["title"], referenced_table="users", referenced_columns=["email"])
    plan.table("posts").foreign_keys.append(extra)
    assert validate_plan(plan, SCHEMA) == ["posts: foreign key ['title'] -> users is not in the schema"]


def test_declared_foreign_key_without_a_plan(plan):
    plan.table("posts").foreign_keys.clear()
    assert validate_plan(plan, SCHEMA) == [
        "posts.user_id is NOT NULL but the plan gives it no value",
        "posts: foreign key ['user_id'] -> users has no plan",
    ]


def test_parent_inserted_after_its_child(plan):
    plan.insertion_order.reverse()
    assert validate_plan(plan, SCHEMA) == ["posts is inserted before its parent users"]


def test_unknown_foreign_key_mode(plan):
    plan.table("posts").foreign_keys[0].mode = "whenever"
    assert validate_plan(plan, SCHEMA) == ["posts: foreign key ['user_id'] has unknown mode 'whenever'"]


def _without_users(plan: DataGenerationPlan) -> DataGenerationPlan:
    plan.tables = [t for t in plan.tables if t.table_name != "users"]
    plan.insertion_order = ["posts"]
    return plan


def test_a_child_of_an_empty_parent_the_plan_does_not_fill(plan):
    assert validate_plan(_without_users(plan), SCHEMA) == [
        "posts(user_id) needs rows of users, which is empty and not in the plan"
    ]


def test_a_parent_that_holds_rows_need_not_be_in_the_plan(plan):
    filled = SCHEMA.model_copy(deep=True)
    filled.table("users").row_count = 3
    assert validate_plan(_without_users(plan), filled) == []


def test_a_cycle_cut_through_a_table_the_plan_does_not_fill(plan):
    plan = _without_users(plan)
    plan.table("posts").foreign_keys[0].mode = "update_after"
    filled = SCHEMA.model_copy(deep=True)
    filled.table("users").row_count = 3
    assert validate_plan(plan, filled) == [
        "posts(user_id) breaks a cycle through users, which the plan does not fill"
    ]
