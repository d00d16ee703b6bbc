"""What a request's data is about (querynl.request.domains): a named domain for the rule
planner, the user's own words for the LLM, neither mistaken for tables or counts."""

import pytest

from querynl.errors import UnknownTableError
from querynl.request.domains import DOMAINS, domain_words
from querynl.request.intent import detect_test_data_intent, parse_request
from querynl.schema import ColumnInfo, SchemaMetadata, TableInfo

PHRASINGS = [
    # (request, named domain, the user's words)
    ("add e-commerce sample data", "e-commerce", "e-commerce"),
    ("add ecommerce data", "e-commerce", None),
    ("generate realistic e-commerce test data", "e-commerce", "e-commerce"),
    ("add sample data for an online store", "e-commerce", "online store"),
    ("populate the database like an online bookstore", "e-commerce", "online bookstore"),
    ("fill it with retail test data", "e-commerce", None),
    ("add blog sample data", "blog", "blog"),
    ("add sample data for my blog", "blog", "blog"),
    ("seed a blogging platform with dummy data", "blog", None),
    ("add social media sample data", "social media", "social media"),
    ("generate test data for a social network", "social media", "social network"),
    ("add medical sample data", "medical", "medical"),
    ("add healthcare test data", "medical", "healthcare"),
    ("add sample data for a hospital", "medical", "hospital"),
    ("add sample data for a veterinary clinic", "medical", "veterinary clinic"),
    ("add 50 rows for a dentist's office", "medical", "dentist's office"),
    ("add financial sample data", "financial", "financial"),
    ("generate banking test data", "financial", "banking"),
    ("add test data for a fintech startup", "financial", "fintech startup"),
    ("add inventory sample data", "inventory", "inventory"),
    ("add warehouse test data", "inventory", "warehouse"),
    ("add sample data for a supply chain company", "inventory", "supply chain company"),
    ("add sample data for a hotel chain", None, "hotel chain"),
    ("add sample data for a yoga studio and 20 members", None, "yoga studio"),
    ("add pizzeria sample data", None, "pizzeria"),
    ("add sample data", None, None),
    ("add some more test data", None, None),
    ("add 100 users", None, None),
    ("add 10 stores and 50 products", None, None),
    ("add 200 blog posts", "blog", None),
]


@pytest.mark.parametrize(("text", "domain", "words"), PHRASINGS)
def test_domain_and_words(text, domain, words):
    found = domain_words(text)
    assert (found.domain, found.text) == (domain, words)
    assert found.domain is None or found.domain in DOMAINS


def test_every_named_domain_is_among_the_phrasings():
    assert {d for _, d, _ in PHRASINGS} - {None} == set(DOMAINS)


def schema(names: list[str]) -> SchemaMetadata:
    col = ColumnInfo(name="id", type_name="INTEGER", kind="integer")
    return SchemaMetadata(dialect="sqlite", tables=[TableInfo(name=n, columns=[col]) for n in names])


def test_free_text_is_not_read_as_a_table_or_a_count():
    shop = schema(["customers", "orders", "stores", "products", "blog_posts"])
    request = parse_request("add 50 rows for a dentist's office", shop)
    assert (request.record_counts, request.default_count) == ({}, 50)
    assert (request.domain_context, request.domain_text) == ("medical", "dentist's office")
    request = parse_request("add 20 customers and 30 orders for an online bookstore", shop)
    assert request.record_counts == {"customers": 20, "orders": 30}
    assert (request.domain_context, request.domain_text) == ("e-commerce", "online bookstore")
    request = parse_request("add 10 stores and 40 products", shop)
    assert request.record_counts == {"stores": 10, "products": 40}
    assert request.domain_context is None  # the stores are a table here, not a domain
    request = parse_request("add 100 e-commerce orders and 5 blog posts", shop)
    assert request.record_counts == {"orders": 100, "blog_posts": 5}
    with pytest.raises(UnknownTableError):
        parse_request("add 5 veterinary clinics", shop)  # counted: a table, and there is none


@pytest.mark.parametrize(
    "text",
    [
        "add sample data for a veterinary clinic",
        "add 50 rows for a dentist's office",
        "add pizzeria sample data",
    ],
)
def test_free_text_requests_are_test_data_requests(text):
    assert detect_test_data_intent(text)
