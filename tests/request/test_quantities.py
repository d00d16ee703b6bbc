"""Counts in plain language map to exact numbers per table."""

import pytest

from querynl.errors import UnknownTableError
from querynl.request.intent import detect_test_data_intent, parse_request
from querynl.schema import ColumnInfo, SchemaMetadata, TableInfo

SHOP = ["users", "customers", "orders", "order_items", "categories", "products", "logs", "tags", "people"]
WORDPRESS = ["wp_posts", "wp_users", "wp_comments", "wp_term_taxonomy"]


def schema(names):
    col = ColumnInfo(name="id", type_name="INTEGER", kind="integer")
    return SchemaMetadata(dialect="sqlite", tables=[TableInfo(name=n, columns=[col]) for n in names])


PHRASES = [
    ("add 100 users", SHOP, {"users": 100}, None),
    ("add 50 customers and 200 orders", SHOP, {"customers": 50, "orders": 200}, None),
    ("Add 50 Customers and 200 Orders", SHOP, {"customers": 50, "orders": 200}, None),
    ("add 1k users", SHOP, {"users": 1000}, None),
    ("add 1K users", SHOP, {"users": 1000}, None),
    ("add 1,000 users", SHOP, {"users": 1000}, None),
    ("add 2.5k products", SHOP, {"products": 2500}, None),
    ("add 1.5 million logs", SHOP, {"logs": 1_500_000}, None),
    ("add a million log rows", SHOP, {"logs": 1_000_000}, None),
    ("add ten users", SHOP, {"users": 10}, None),
    ("add twelve users", SHOP, {"users": 12}, None),
    ("add a dozen categories", SHOP, {"categories": 12}, None),
    ("add half a dozen tags", SHOP, {"tags": 6}, None),
    ("add two dozen tags", SHOP, {"tags": 24}, None),
    ("add one user", SHOP, {"users": 1}, None),
    ("add a hundred products", SHOP, {"products": 100}, None),
    ("add three hundred orders", SHOP, {"orders": 300}, None),
    ("add 1 category", SHOP, {"categories": 1}, None),
    ("add 5 people", SHOP, {"people": 5}, None),
    ("add 5 person", SHOP, {"people": 5}, None),
    ("populate orders with 300 rows", SHOP, {"orders": 300}, None),
    ("populate the orders table with 300 records", SHOP, {"orders": 300}, None),
    ("add 300 rows to order items", SHOP, {"order_items": 300}, None),
    ("add 300 records to the order_items table", SHOP, {"order_items": 300}, None),
    ("add 40 order items", SHOP, {"order_items": 40}, None),
    ("add 40 order_items", SHOP, {"order_items": 40}, None),
    ("add 40 OrderItems", SHOP, {"order_items": 40}, None),
    ("users: 100, orders: 500", SHOP, {"users": 100, "orders": 500}, None),
    ("users=100, orders=500", SHOP, {"users": 100, "orders": 500}, None),
    ("add 100 records", SHOP, {}, 100),
    ("add 25 rows", SHOP, {}, 25),
    ("generate 10 users, 20 orders and 30 products", SHOP, {"users": 10, "orders": 20, "products": 30}, None),
    ("add 100 sample users", SHOP, {"users": 100}, None),
    ("add 7 more tags", SHOP, {"tags": 7}, None),
    ("add sample data", SHOP, {}, None),
    ("add e-commerce sample data", SHOP, {}, None),
    ("add 10 posts", WORDPRESS, {"wp_posts": 10}, None),
    ("add 10 wp_posts", WORDPRESS, {"wp_posts": 10}, None),
    ("add 3 comments and 4 users", WORDPRESS, {"wp_comments": 3, "wp_users": 4}, None),
    ("add 9 term taxonomy rows", WORDPRESS, {"wp_term_taxonomy": 9}, None),
]


@pytest.mark.parametrize(("text", "tables", "counts", "default"), PHRASES, ids=[p[0] for p in PHRASES])
def test_phrasings_map_to_exact_counts(text, tables, counts, default):
    request = parse_request(text, schema(tables))
    assert request.record_counts == counts
    assert request.default_count == default


@pytest.mark.parametrize(
    ("text", "word", "suggestion"),
    [
        ("add 100 userz", "userz", "users"),
        ("add 5 ordrs", "ordrs", "orders"),
        ("add 3 widgets", "widgets", None),
    ],
)
def test_unknown_table_suggests_the_closest(text, word, suggestion):
    with pytest.raises(UnknownTableError) as err:
        parse_request(text, schema(SHOP))
    assert err.value.word == word
    assert err.value.suggestion == suggestion
    if suggestion:
        assert str(err.value) == f"No table named '{word}'. Did you mean '{suggestion}'?"


@pytest.mark.parametrize(
    "text",
    [
        "add sample data",
        "add test data",
        "populate",
        "populate the database",
        "generate data",
        "generate test data",
        "add 100 users",
        "add a dozen tags",
        "users: 100, orders: 500",
        "add e-commerce sample data",
        "insert 5 orders",
        "seed the database",
    ],
)
def test_test_data_intent_detected(text):
    assert detect_test_data_intent(text)


@pytest.mark.parametrize(
    "text",
    [
        "select * from users",
        "create table users (id int)",
        "show me the top customers",
        "how many orders are there",
        "add 2 columns to users",
        "delete from users",
    ],
)
def test_other_lines_are_not_test_data_requests(text):
    assert not detect_test_data_intent(text)
