"""Table words for tables in several database schemas (querynl.request.table_words): the
default schema's tables are named bare, the others `schema.table`."""

import pytest

from querynl.errors import AmbiguousTableError, UnknownTableError
from querynl.request.intent import parse_request
from querynl.request.table_words import TableResolver
from querynl.schema import ColumnInfo, SchemaMetadata, TableInfo

TABLES = ["orders", "customers", "sales.orders", "sales.order_lines", "inventory.products", "Audit.Events"]
LOCATIONS = {
    "sales.orders": ("sales", "orders"),
    "sales.order_lines": ("sales", "order_lines"),
    "inventory.products": ("inventory", "products"),
    "Audit.Events": ("Audit", "Events"),
}


def resolver(**options) -> TableResolver:
    return TableResolver(TABLES, schema_name="public", locations=LOCATIONS, **options)


@pytest.mark.parametrize(
    ("words", "table"),
    [
        ("sales.orders", "sales.orders"),
        ("SALES.Orders", "sales.orders"),
        ("public.orders", "orders"),
        ("sales.order lines", "sales.order_lines"),
        ("order lines", "sales.order_lines"),  # unique across the schemas
        ("sales order lines", "sales.order_lines"),
        ("products", "inventory.products"),
        ("product", "inventory.products"),
        ("inventory.product", "inventory.products"),
        ("audit.events", "Audit.Events"),
        ("events", "Audit.Events"),
        ("customers", "customers"),
        ("sales.customers", None),  # no customers table in sales
        ("public.products", None),
        ("nosuch.orders", None),
    ],
)
def test_qualified_and_bare_words_resolve(words, table):
    assert resolver().resolve(words) == table


def test_a_bare_name_in_two_schemas_is_ambiguous_naming_both_qualified():
    with pytest.raises(AmbiguousTableError) as err:
        resolver().resolve("orders")
    assert err.value.candidates == ["public.orders", "sales.orders"]
    assert str(err.value) == "'orders' matches 'public.orders' and 'sales.orders' equally; name one of them."


def test_the_chooser_sees_qualified_names_and_its_choice_is_the_table():
    asked = []

    def choose(words, candidates):
        asked.append((words, candidates))
        return candidates[0]

    assert resolver(choose=choose).resolve("order") == "orders"
    assert asked == [("order", ["public.orders", "sales.orders"])]


def test_two_matches_in_one_schema_stay_bare():
    with pytest.raises(AmbiguousTableError) as err:
        TableResolver(["order_item", "order_items"], schema_name="public").resolve("order items")
    assert err.value.candidates == ["order_item", "order_items"]


def _table(name: str, schema: str | None = None, reference_only: bool = False) -> TableInfo:
    columns = [ColumnInfo(name="id", type_name="INTEGER", kind="integer")]
    return TableInfo(name=name, schema_name=schema, reference_only=reference_only, columns=columns)


def test_requests_name_tables_of_other_schemas_but_never_a_reference_only_one():
    schema = SchemaMetadata(
        dialect="postgresql",
        default_schema="public",
        tables=[
            _table("orders"),
            _table("sales.orders", "sales"),
            _table("inventory.products", "inventory", reference_only=True),
        ],
    )
    request = parse_request("add 50 sales.orders", schema)
    assert request.record_counts == {"sales.orders": 50}
    assert parse_request("add 5 public.orders", schema).record_counts == {"orders": 5}
    with pytest.raises(UnknownTableError, match="No table named 'products'"):
        parse_request("add 5 products", schema)
