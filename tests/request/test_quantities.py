"""Counts in plain language map to exact numbers per table (querynl.request.quantities)."""

import pytest

from querynl.errors import UnknownTableError
from querynl.request.quantities import normalize_numbers, parse_quantities
from querynl.request.table_words import TableResolver
from tests.request.tables import SHOP, WORDPRESS

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
    found = parse_quantities(text, TableResolver(tables))
    assert found.record_counts == counts
    assert found.default_count == default


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("add a dozen tags", "add 12 tags"),
        ("add half a dozen tags", "add 6 tags"),
        ("add two dozen tags", "add 24 tags"),
        ("add 2.5k products", "add 2500 products"),
        ("add 1.5 million logs", "add 1500000 logs"),
        ("add 1,000 users", "add 1000 users"),
        ("add a hundred products", "add 100 products"),
        ("add twelve users", "add 12 users"),
    ],
)
def test_number_words_and_shorthands_become_integers(text, normalized):
    assert normalize_numbers(text) == normalized


@pytest.mark.parametrize(("text", "word"), [("add 100 userz", "userz"), ("add 3 widgets", "widgets")])
def test_a_counted_word_that_is_no_table_is_an_error(text, word):
    with pytest.raises(UnknownTableError) as err:
        parse_quantities(text, TableResolver(SHOP))
    assert err.value.word == word
