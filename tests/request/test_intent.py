"""Is a line a test-data request, and what does it ask for (querynl.request.intent)."""

import pytest

from querynl.errors import UnknownTableError
from querynl.request.intent import detect_domain, detect_test_data_intent, parse_request
from querynl.schema import ColumnInfo, SchemaMetadata, TableInfo
from tests.request.tables import SHOP


def schema(names: list[str]) -> SchemaMetadata:
    col = ColumnInfo(name="id", type_name="INTEGER", kind="integer")
    return SchemaMetadata(dialect="sqlite", tables=[TableInfo(name=n, columns=[col]) for n in names])


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


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("add e-commerce sample data", "e-commerce"),
        ("add ecommerce data", "e-commerce"),
        ("fill the shop", "e-commerce"),
        ("add hospital test data", "medical"),
        ("add sample data", None),
    ],
)
def test_domain_detected(text, domain):
    assert detect_domain(text) == domain


def test_request_carries_counts_tables_dialect_and_seed():
    request = parse_request("  add 50 customers and 200 orders  ", schema(SHOP), seed=7)
    assert request.user_query == "add 50 customers and 200 orders"
    assert request.record_counts == {"customers": 50, "orders": 200}
    assert request.target_tables == ["customers", "orders"]
    assert request.default_count is None
    assert request.database_type == "sqlite"
    assert request.seed == 7


def test_request_without_a_schema_names_no_tables():
    request = parse_request("add 100 records")
    assert (request.record_counts, request.default_count, request.database_type) == ({}, 100, None)


def test_unknown_table_in_a_request_suggests_the_closest():
    with pytest.raises(UnknownTableError, match=r"No table named 'userz'\. Did you mean 'users'\?"):
        parse_request("add 100 userz", schema(SHOP))
