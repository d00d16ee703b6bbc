"""Words a user types for a table resolve to its real name (querynl.request.table_words)."""

import pytest

from querynl.errors import AmbiguousTableError, UnknownTableError
from querynl.request.table_words import TableResolver
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


NOUNS = ["addresses", "boxes", "people", "categories", "statuses", "analyses", "children", "taxes", "mice"]


@pytest.mark.parametrize(
    ("words", "table"),
    [
        ("address", "addresses"), ("addresses", "addresses"), ("box", "boxes"), ("Boxes", "boxes"),
        ("person", "people"), ("people", "people"), ("category", "categories"),
        ("status", "statuses"), ("statuses", "statuses"), ("analysis", "analyses"),
        ("analyses", "analyses"), ("child", "children"), ("tax", "taxes"), ("mouse", "mice"),
    ],
)  # fmt: skip
def test_every_english_noun_class_resolves_both_ways(words, table):
    assert TableResolver(NOUNS).resolve(words) == table


def test_each_plural_table_name_resolves_to_itself():
    resolver = TableResolver(NOUNS)
    assert [resolver.resolve(n) for n in NOUNS] == NOUNS


@pytest.mark.parametrize("words", ["orderItems", "OrderItems", "order items", "order_items", "ORDER_ITEMS"])
def test_case_styles_resolve(words):
    assert TableResolver(["orders", "order_items", "items_archive"]).resolve(words) == "order_items"


def test_camel_and_pascal_table_names_resolve_from_plain_words():
    tables = ["OrderItems", "userProfiles", "HTTPLogs"]
    resolver = TableResolver(tables)
    assert [resolver.resolve(w) for w in ("order items", "user profile", "http logs")] == tables


def test_a_lone_prefixed_table_resolves_without_its_prefix():
    tables = ["users", "posts", "qn_comments"]
    assert TableResolver(tables).resolve("comments") == "qn_comments"
    assert TableResolver(tables).resolve("comment") == "qn_comments"


def test_an_exact_name_beats_a_prefixed_one():
    assert TableResolver(["comments", "wp_comments"]).resolve("comments") == "comments"
    assert TableResolver(["comments", "wp_comments"]).resolve("wp comments") == "wp_comments"


def test_a_schema_qualified_name_resolves_in_its_schema_only():
    resolver = TableResolver(["orders", "boxes"], schema_name="public")
    assert resolver.resolve("public.orders") == "orders"
    assert resolver.resolve("PUBLIC.boxes") == "boxes"
    assert resolver.resolve("sales.orders") is None


def test_two_equal_matches_fail_naming_both():
    with pytest.raises(AmbiguousTableError) as err:
        TableResolver(["order_item", "order_items"]).resolve("order items")
    assert err.value.candidates == ["order_item", "order_items"]
    assert str(err.value) == "'order items' matches 'order_item' and 'order_items' equally; name one of them."


def test_two_equal_matches_ask_the_chooser():
    asked = []

    def choose(words, candidates):
        asked.append((words, candidates))
        return candidates[1]

    resolver = TableResolver(["line_items", "order_items"], choose=choose)
    assert resolver.resolve("items") == "order_items"
    assert asked == [("items", ["line_items", "order_items"])]


def test_a_chooser_that_declines_fails():
    resolver = TableResolver(["line_items", "order_items"], choose=lambda _w, _c: None)
    with pytest.raises(AmbiguousTableError):
        resolver.resolve("items")
