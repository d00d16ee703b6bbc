"""Words a user types for a table resolve to its real name (querynl.request.table_words)."""

import pytest

from querynl.errors import UnknownTableError
from querynl.request.table_words import TableResolver, common_prefix
from tests.request.tables import SHOP, WORDPRESS


@pytest.mark.parametrize(
    ("words", "tables", "table"),
    [
        ("users", SHOP, "users"),
        ("Users", SHOP, "users"),
        ("user", SHOP, "users"),
        ("person", SHOP, "people"),
        ("order items", SHOP, "order_items"),
        ("OrderItems", SHOP, "order_items"),
        ("order-item", SHOP, "order_items"),
        ("the orders table", SHOP, "orders"),
        ("log rows", SHOP, "logs"),
        ("posts", WORDPRESS, "wp_posts"),
        ("wp_posts", WORDPRESS, "wp_posts"),
        ("term taxonomy", WORDPRESS, "wp_term_taxonomy"),
        ("widgets", SHOP, None),
        ("rows", SHOP, None),
    ],
)
def test_words_resolve_to_the_table(words, tables, table):
    assert TableResolver(tables).resolve(words) == table


@pytest.mark.parametrize(
    ("words", "suggestion"),
    [("userz", "users"), ("ordrs", "orders"), ("widgets", None)],
)
def test_unknown_words_suggest_the_closest_table(words, suggestion):
    with pytest.raises(UnknownTableError) as err:
        TableResolver(SHOP).resolve_or_fail(words)
    assert err.value.word == words
    assert err.value.suggestion == suggestion
    hint = f" Did you mean '{suggestion}'?" if suggestion else ""
    assert str(err.value) == f"No table named '{words}'.{hint}"


def test_unknown_words_are_shown_without_noise():
    with pytest.raises(UnknownTableError) as err:
        TableResolver(SHOP).resolve_or_fail("widget rows")
    assert err.value.word == "widget"


@pytest.mark.parametrize(
    ("tables", "prefix"),
    [(WORDPRESS, "wp_"), (SHOP, ""), (["wp_posts"], ""), (["ab_x", "ab_y", "abc"], "")],
)
def test_common_prefix_up_to_an_underscore(tables, prefix):
    assert common_prefix(tables) == prefix
