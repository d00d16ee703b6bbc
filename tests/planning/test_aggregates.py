"""Issue 10, aggregates: which totals the rule planner sums from their lines (names and
foreign keys, read from SQLite), which it leaves alone, how the link reads in the preview and
what validation refuses in one."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from querynl.db.engine import make_engine
from querynl.db.introspection import introspect
from querynl.models import DataGenerationPlan, SumOfChildren, TestDataRequest
from querynl.planning.links import describe_link, summed_pools
from querynl.planning.rule_planner import RuleBasedPlanner
from querynl.planning.validation import validate_plan
from querynl.schema import SchemaMetadata
from tests.databases import driver_connection

SHOP = """
CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(40));
CREATE TABLE products (id INTEGER PRIMARY KEY, name VARCHAR(40), price DECIMAL(8, 2));
CREATE TABLE orders (
    id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id),
    subtotal DECIMAL(10, 2), total DECIMAL(10, 2), status VARCHAR(20)
);
CREATE TABLE order_lines (
    id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders (id),
    product_id INTEGER REFERENCES products (id), qty INTEGER, unit_price DECIMAL(8, 2),
    list_price DECIMAL(8, 2)
);
CREATE TABLE invoices (id INTEGER PRIMARY KEY, grand_total NUMERIC(12, 2), code VARCHAR(10));
CREATE TABLE invoice_items (
    id INTEGER PRIMARY KEY, invoice_id INTEGER REFERENCES invoices (id), line_total NUMERIC(10, 2),
    quantity INTEGER, price NUMERIC(8, 2)
);
CREATE TABLE payments (id INTEGER PRIMARY KEY, amount DECIMAL(10, 2));
CREATE TABLE refunds (id INTEGER PRIMARY KEY, payment_id INTEGER REFERENCES payments (id),
    amount DECIMAL(10, 2));
CREATE TABLE baskets (id INTEGER PRIMARY KEY, total_amount VARCHAR(20));
CREATE TABLE basket_items (id INTEGER PRIMARY KEY, basket_id INTEGER REFERENCES baskets (id),
    quantity INTEGER, price DECIMAL(8, 2));
"""


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> tuple[SchemaMetadata, DataGenerationPlan]:
    url = f"sqlite:///{tmp_path_factory.mktemp('sums') / 'shop.db'}"
    with driver_connection(url) as conn:
        conn.executescript(SHOP)
    engine = make_engine(url)
    with engine.connect() as conn:
        schema = introspect(conn)
    engine.dispose()
    plan = RuleBasedPlanner().plan(schema, TestDataRequest(user_query="add sample data", seed=1))
    return schema, plan


def _sums(plan: DataGenerationPlan, table: str) -> list[SumOfChildren]:
    return [link for link in plan.table(table).links if isinstance(link, SumOfChildren)]


def test_a_subtotal_sums_quantity_times_unit_price_and_the_total_stays_drawn(planned):
    _, plan = planned
    [link] = _sums(plan, "orders")
    assert (link.column, link.child_table, link.child_key, link.parent_key) == (
        "subtotal",
        "order_lines",
        "order_id",
        "id",
    )
    assert (link.quantity, link.price, link.amount) == ("qty", "unit_price", None)  # not list_price


def test_a_line_amount_is_summed_before_quantity_times_price(planned):
    _, plan = planned
    [link] = _sums(plan, "invoices")
    assert (link.column, link.amount, link.quantity, link.price) == ("grand_total", "line_total", None, None)


def test_no_sum_where_the_children_are_no_lines_or_the_column_no_number(planned):
    _, plan = planned
    assert _sums(plan, "payments") == []  # refunds are no lines of a payment
    assert _sums(plan, "baskets") == []  # a text column
    assert _sums(plan, "products") == []  # a price is no total
    assert _sums(plan, "order_lines") == []


def test_the_preview_line_and_the_keys_kept(planned):
    _, plan = planned
    [orders] = _sums(plan, "orders")
    [invoices] = _sums(plan, "invoices")
    assert describe_link("orders", orders) == "orders.subtotal: the sum of its order_lines (qty × unit_price)"
    assert (
        describe_link("invoices", invoices)
        == "invoices.grand_total: the sum of its invoice_items (line_total)"
    )
    assert summed_pools(plan) == {("orders", ("id",)), ("invoices", ("id",))}


def test_validation_refuses_a_sum_that_cannot_hold(planned):
    schema, plan = planned
    assert validate_plan(plan, schema) == []
    bad = plan.model_copy(deep=True)
    base = {"child_key": "order_id", "parent_key": "id", "quantity": "qty", "price": "unit_price"}
    bad.table("orders").links += [
        SumOfChildren(column="status", child_table="order_lines", **base),
        SumOfChildren(column="total", child_table="invoice_items", **base),
        SumOfChildren(column="total", child_table="nowhere", **base),
        SumOfChildren(column="total", child_table="order_lines", **{**base, "child_key": "product_id"}),
    ]
    problems = validate_plan(bad, schema)
    assert "orders: link sum_of_children: column 'status' of kind string cannot take this link" in problems
    assert "orders: link sum_of_children: unknown column 'qty'" in problems  # not in invoice_items
    assert "orders: link sum_of_children: no lines table 'nowhere'" in problems
    assert "orders: link sum_of_children: no foreign key order_lines.product_id -> orders(id)" in problems


def test_a_planner_may_leave_a_sum_out_and_a_sum_needs_one_measure(planned):
    schema, plan = planned
    data = plan.model_dump(mode="json")
    orders = next(t for t in data["tables"] if t["table_name"] == "orders")
    orders["links"] = [link for link in orders["links"] if link["kind"] != "sum_of_children"]
    fewer = DataGenerationPlan.model_validate(data)
    assert validate_plan(fewer, schema) == [] and _sums(fewer, "orders") == []
    assert summed_pools(fewer) == {("invoices", ("id",))}
    base = {"column": "total", "child_table": "order_lines", "child_key": "order_id", "parent_key": "id"}
    with pytest.raises(ValidationError):
        SumOfChildren(**base, quantity="qty", price="unit_price", amount="unit_price")
    with pytest.raises(ValidationError):
        SumOfChildren(**base, quantity="qty")
