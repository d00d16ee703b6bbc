"""Issue 10, coherent rows: which links the rule planner finds from names, foreign keys and
CHECKs (the coherence schema of tests/edge_cases/coherence.py, read from SQLite), how epoch
columns are recognised, and what validation refuses in a link."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from querynl.db.engine import make_engine
from querynl.db.introspection import introspect
from querynl.models import (
    AfterParent,
    DataGenerationPlan,
    DerivedFrom,
    SameAddress,
    SameParentThrough,
    TestDataRequest,
    TimeOrder,
)
from querynl.planning.columns.rules import choose_provider
from querynl.planning.links import describe_link, link_pools, time_role
from querynl.planning.rule_planner import RuleBasedPlanner
from querynl.planning.validation import validate_plan
from querynl.schema import ColumnInfo, SchemaMetadata, TableInfo
from tests.databases import driver_connection
from tests.edge_cases.coherence import COHERENCE


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> tuple[SchemaMetadata, DataGenerationPlan]:
    url = f"sqlite:///{tmp_path_factory.mktemp('links') / 'coherence.db'}"
    with driver_connection(url) as conn:
        conn.executescript(COHERENCE["sqlite"])
    engine = make_engine(url)
    with engine.connect() as conn:
        schema = introspect(conn)
    engine.dispose()
    plan = RuleBasedPlanner().plan(schema, TestDataRequest(user_query="add sample data", seed=1))
    return schema, plan


def _links(plan: DataGenerationPlan, table: str, kind: type) -> list:
    return [link for link in plan.table(table).links if isinstance(link, kind)]


def test_emails_and_user_names_derive_from_first_and_last_name(planned):
    _, plan = planned
    derived = {(d.column, d.form, tuple(d.sources)) for d in _links(plan, "customers", DerivedFrom)}
    assert derived == {
        ("email", "email", ("first_name", "last_name")),
        ("username", "username", ("first_name", "last_name")),
    }
    assert _links(plan, "employees", DerivedFrom) == []  # no email there


def test_address_parts_come_from_one_address(planned):
    _, plan = planned
    [address] = _links(plan, "addresses", SameAddress)
    assert address.parts == {
        "street": "street",
        "city": "city",
        "state": "state",
        "postal_code": "postal_code",
        "country": "country",
        "phone": "phone",
    }
    assert _links(plan, "customers", SameAddress) == []


def _orders(plan: DataGenerationPlan, table: str) -> list[tuple[str, str, float]]:
    return [(t.earlier, t.later, t.min_gap_days) for t in _links(plan, table, TimeOrder)]


def test_time_columns_keep_their_natural_order(planned):
    _, plan = planned
    assert _orders(plan, "customers") == [("created_at", "updated_at", 0.0)]
    assert _orders(plan, "orders") == [("ordered_at", "shipped_at", 0.0), ("shipped_at", "delivered_at", 0.0)]
    assert _orders(plan, "memberships") == [("starts_on", "ends_on", 0.0)]
    assert _orders(plan, "employees") == [
        ("birth_date", "hire_date", 16 * 365.25),
        ("hire_date", "termination_date", 0.0),
    ]
    assert _orders(plan, "notifications") == [("sent_at", "delivered_ms", 0.0)]


def test_a_check_orders_columns_whose_names_say_nothing(planned):
    schema, plan = planned
    assert time_role("window_open") is None and time_role("window_close") is None
    assert _orders(plan, "promotions") == [("window_open", "window_close", 0.0)]


def test_a_childs_first_time_follows_its_parents_creation(planned):
    _, plan = planned
    after = {(a.column, a.via, a.parent_table, a.parent_column) for a in _links(plan, "orders", AfterParent)}
    assert after == {
        ("ordered_at", "customer_id", "customers", "created_at"),
        ("ordered_at", "shipping_address_id", "addresses", "created_at"),
    }  # shipped and delivered follow ordered_at within the row
    lines = {(a.column, a.parent_table, a.parent_column) for a in _links(plan, "order_items", AfterParent)}
    assert lines == {("added_at", "orders", "ordered_at"), ("added_at", "products", "created_at")}
    assert _links(plan, "teams", AfterParent) == []  # no time column
    assert _links(plan, "employees", AfterParent) == []  # no parent


def test_two_foreign_keys_that_meet_are_a_diamond(planned):
    _, plan = planned
    [direct] = _links(plan, "orders", SameParentThrough)
    assert (direct.first, direct.second, direct.first_value, direct.second_value) == (
        "customer_id",
        "shipping_address_id",
        "id",
        "customer_id",
    )
    [through] = _links(plan, "assignments", SameParentThrough)
    assert {through.first, through.second} == {"team_id", "project_id"}
    assert through.first_value == through.second_value == "organization_id"
    assert _links(plan, "order_items", SameParentThrough) == []  # orders and products share nothing


def test_the_registry_keeps_only_the_parent_values_links_read(planned):
    _, plan = planned
    pools = link_pools(plan)
    assert ("customers", ("id", "created_at")) in pools
    assert ("addresses", ("id", "customer_id")) in pools
    assert ("teams", ("id", "organization_id")) in pools
    assert not any(table == "employees" for table, _ in pools)


def test_each_link_is_one_line(planned):
    _, plan = planned
    lines = [describe_link(t.table_name, link) for t in plan.tables for link in t.links]
    assert all("\n" not in line for line in lines)
    assert "orders.ordered_at: not before the customers.created_at of its customer_id" in lines


def _integer(name: str, type_name: str = "BIGINT") -> ColumnInfo:
    top = 2**63 - 1 if type_name == "BIGINT" else 2**31 - 1
    return ColumnInfo(name=name, type_name=type_name, kind="integer", int_min=-top - 1, int_max=top)


@pytest.mark.parametrize(
    ("name", "type_name", "millis"),
    [
        ("created_at", "INTEGER", False),
        ("updated_at", "BIGINT", False),
        ("next_fire_time", "BIGINT", True),  # a scheduler's convention
        ("start_time", "INTEGER", False),
        ("delivered_ms", "BIGINT", True),
        ("event_millis", "BIGINT", True),
        ("timestamp", "INTEGER", False),
    ],
)
def test_integer_columns_whose_names_say_time_hold_epoch_times(name, type_name, millis):
    column = _integer(name, type_name)
    choice = choose_provider(TableInfo(name="jobs", columns=[column]), column)
    assert choice.provider == "unix_timestamp"
    assert choice.args == {"start_date": "window", "end_date": "now", "millis": millis}


@pytest.mark.parametrize("name", ["duration_ms", "quantity", "runtime", "created_by"])
def test_other_integers_are_no_epoch_times(name):
    column = _integer(name, "INTEGER")
    assert choose_provider(TableInfo(name="jobs", columns=[column]), column).provider != "unix_timestamp"


def test_validation_refuses_a_link_to_a_missing_or_unfit_column(planned):
    schema, plan = planned
    bad = plan.model_copy(deep=True)
    bad.table("orders").links.append(TimeOrder(earlier="ordered_at", later="nope"))
    bad.table("customers").links.append(DerivedFrom(column="created_at", sources=["first_name"]))
    bad.table("orders").links.append(
        AfterParent(
            column="ordered_at",
            via="customer_id",
            parent_table="products",
            parent_key="id",
            parent_column="x",
        )
    )
    problems = validate_plan(bad, schema)
    assert "orders: link time_order: unknown column 'nope'" in problems
    assert any(
        p.startswith("customers: link derived_from: column 'created_at' of kind datetime") for p in problems
    )
    assert "orders: link after_parent: no foreign key customer_id -> products(id) in the plan" in problems
    assert validate_plan(plan, schema) == []


def test_links_cross_the_plans_json_and_a_planner_may_leave_any_out(planned):
    schema, plan = planned
    data = plan.model_dump(mode="json")
    assert DataGenerationPlan.model_validate(data) == plan
    orders = next(t for t in data["tables"] if t["table_name"] == "orders")
    orders["links"] = [link for link in orders["links"] if link["kind"] != "same_parent_through"]
    fewer = DataGenerationPlan.model_validate(data)
    assert validate_plan(fewer, schema) == []
    assert _links(fewer, "orders", SameParentThrough) == [] and _links(fewer, "orders", TimeOrder)
    orders["links"].append({"kind": "no_such_link", "column": "ordered_at"})
    with pytest.raises(ValidationError):
        DataGenerationPlan.model_validate(data)


def test_a_comment_is_not_drawn_on_its_authors_own_post(tmp_path):
    """posts.user_id points back at the comment's user_id too, but a post is no possession:
    no diamond (an address, a card, an account of the row's owner would be one)."""
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    with driver_connection(url) as conn:
        conn.executescript(
            "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50), created_at DATETIME);"
            "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id),"
            " created_at DATETIME);"
            "CREATE TABLE comments (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id),"
            " post_id INTEGER NOT NULL REFERENCES posts (id), created_at DATETIME);"
        )
    engine = make_engine(url)
    with engine.connect() as conn:
        schema = introspect(conn)
    engine.dispose()
    plan = RuleBasedPlanner().plan(schema, TestDataRequest(user_query="add sample data", seed=1))
    assert _links(plan, "comments", SameParentThrough) == []
    parents = {a.parent_table for a in _links(plan, "comments", AfterParent)}
    assert parents == {"users", "posts"}
