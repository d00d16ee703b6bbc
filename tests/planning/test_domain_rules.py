"""Domain awareness of the rule planner (planning/columns/domain_rules.py): a domain's
vocabularies fill the columns they fit, unmistakable ones without a domain too, and the
reason, the preview and the rationale name them."""

from __future__ import annotations

import pytest

from querynl.models import TestDataRequest
from querynl.planning.columns.domain_rules import DOMAIN_RULES, domain_of_reason
from querynl.planning.columns.rules import choose_provider
from querynl.planning.rule_planner import RuleBasedPlanner
from querynl.planning.validation import call_problems
from querynl.request.domains import DOMAINS
from querynl.schema import ColumnInfo, SchemaMetadata, TableInfo

INT32 = {"int_min": -(2**31), "int_max": 2**31 - 1}


def column(name: str, kind: str, length: int | None = None, **extra) -> ColumnInfo:
    if kind == "integer":
        extra = {**INT32, **extra}
    if kind == "decimal":
        extra = {"precision": 10, "scale": 2, **extra}
    return ColumnInfo(name=name, type_name=kind.upper(), kind=kind, length=length, **extra)


def choose(table: str, col: ColumnInfo, domain: str | None):
    return choose_provider(TableInfo(name=table, columns=[col]), col, domain)


# (domain, table, column, kind, length, provider with the domain, provider without it)
CASES = [
    ("e-commerce", "products", "name", "string", 120, "product_name", "product_name"),
    ("e-commerce", "products", "title", "string", 120, "product_name", "product_name"),
    ("e-commerce", "products", "price", "decimal", None, "product_price", "price"),
    ("e-commerce", "products", "description", "text", None, "product_description", "paragraph"),
    ("e-commerce", "categories", "name", "string", 80, "product_category", "category_name"),
    ("e-commerce", "orders", "status", "string", 20, "order_status", "order_status"),
    ("e-commerce", "customers", "first_name", "string", 50, "first_name", "first_name"),
    ("blog", "posts", "title", "string", 200, "post_title", "title"),
    ("blog", "posts", "body", "text", None, "post_body", "paragraph"),
    ("blog", "articles", "content", "text", None, "post_body", "paragraph"),
    ("blog", "posts", "excerpt", "string", 300, "post_excerpt", "short_text"),
    ("blog", "posts", "slug", "string", 220, "post_slug", "slug"),
    ("blog", "posts", "status", "string", 20, "post_status", "status"),
    ("blog", "comments", "body", "text", None, "comment_body", "paragraph"),
    ("blog", "tags", "name", "string", 50, "blog_tag", "tag"),
    ("blog", "categories", "name", "string", 50, "blog_category", "category_name"),
    ("social media", "users", "handle", "string", 30, "social_handle", "username"),
    ("social media", "users", "followers_count", "integer", None, "follower_count", "follower_count"),
    ("social media", "hashtags", "name", "string", 40, "hashtag", "label"),
    ("social media", "posts", "content", "text", None, "social_post", "paragraph"),
    ("social media", "reactions", "type", "string", 10, "reaction_type", "short_text"),
    ("medical", "patients", "blood_type", "string", 3, "blood_type", "blood_type"),
    ("medical", "patients", "diagnosis", "string", 120, "diagnosis", "diagnosis"),
    ("medical", "visits", "chief_complaint", "string", 120, "diagnosis", "short_text"),
    ("medical", "diagnoses", "icd10_code", "string", 10, "icd10_code", "icd10_code"),
    ("medical", "medications", "name", "string", 60, "medication", "medication"),
    ("medical", "prescriptions", "dosage", "string", 80, "prescription", "short_text"),
    ("medical", "patients", "allergies", "string", 60, "allergy", "allergy"),
    ("medical", "doctors", "specialty", "string", 60, "medical_specialty", "short_text"),
    ("medical", "appointments", "status", "string", 20, "appointment_status", "status"),
    ("financial", "accounts", "iban", "string", 34, "iban", "iban"),
    ("financial", "accounts", "account_number", "string", 20, "account_number", "bban"),
    ("financial", "accounts", "account_type", "string", 30, "account_type", "account_type"),
    ("financial", "transactions", "type", "string", 20, "transaction_type", "transaction_type"),
    ("financial", "transactions", "amount", "decimal", None, "transaction_amount", "price"),
    ("financial", "transactions", "status", "string", 20, "transaction_status", "payment_status"),
    ("financial", "transactions", "memo", "string", 100, "transaction_description", "short_text"),
    ("inventory", "bins", "code", "string", 20, "code", "code"),
    ("inventory", "stock", "bin_location", "string", 20, "bin_location", "bin_location"),
    ("inventory", "locations", "name", "string", 20, "bin_location", "label"),
    ("inventory", "lots", "lot_number", "string", 20, "lot_number", "lot_number"),
    ("inventory", "inventory", "quantity_on_hand", "integer", None, "stock_level", "random_int"),
    ("inventory", "warehouses", "name", "string", 60, "warehouse_name", "warehouse_name"),
    ("inventory", "stock_movements", "type", "string", 20, "stock_movement_type", "stock_movement_type"),
    ("inventory", "products", "unit_of_measure", "string", 10, "unit_of_measure", "unit_of_measure"),
]


@pytest.mark.parametrize(("domain", "table", "name", "kind", "length", "with_domain", "without"), CASES)
def test_domain_choices(domain, table, name, kind, length, with_domain, without):
    col = column(name, kind, length)
    chosen = choose(table, col, domain)
    assert chosen.provider == with_domain, chosen
    assert call_problems(chosen.provider, chosen.args) == []
    if with_domain not in ("code", "first_name"):
        assert domain_of_reason(chosen.reason) == domain, chosen.reason
    plain = choose(table, col, None)
    assert plain.provider == without, plain
    for other in set(DOMAINS) - {domain}:  # another domain's request: this one's vocabulary only if bound
        chosen = choose(table, col, other)
        assert domain_of_reason(chosen.reason) != domain or chosen.provider == without


def test_the_reason_names_vocabulary_and_domain():
    chosen = choose("products", column("name", "string", 120), "e-commerce")
    assert chosen.reason == "product-name vocabulary (e-commerce)"
    assert domain_of_reason("name ends with 'name' in table 'products'") is None


def test_every_domain_rule_names_a_known_domain_and_provider():
    assert {r.domain for r in DOMAIN_RULES} == set(DOMAINS)
    for rule in DOMAIN_RULES:
        for kind in sorted(rule.rule.kinds):
            built = rule.rule.build(column("x", kind, 50 if kind == "string" else None))
            if built:
                assert call_problems(built[0], built[1]) == [], (rule.label, built)


def test_money_keeps_within_the_column_and_its_decimals():
    price = choose("products", column("price", "decimal", precision=5, scale=2), "e-commerce")
    assert price.args == {"max_value": 999.99}
    whole = choose("products", column("price", "decimal", precision=8, scale=0), "e-commerce")
    assert whole.provider != "product_price"  # whole numbers: the generic rule rounds them


def shop() -> SchemaMetadata:
    products = TableInfo(
        name="products",
        columns=[
            ColumnInfo(name="id", type_name="INTEGER", kind="integer", **INT32),
            column("name", "string", 120),
            column("price", "decimal"),
        ],
        primary_key=["id"],
    )
    return SchemaMetadata(dialect="sqlite", tables=[products])


def test_the_rationale_lists_the_domain_and_its_columns():
    request = TestDataRequest(
        user_query="x", domain_context="e-commerce", domain_text="online bookstore", seed=1
    )
    rationale = RuleBasedPlanner().plan(shop(), request).rationale
    assert "Domain: e-commerce ('online bookstore')." in rationale
    assert "products.name: product-name vocabulary (e-commerce)" in rationale
    assert "products.price: shelf prices by category (e-commerce)" in rationale
    plain = RuleBasedPlanner().plan(shop(), TestDataRequest(user_query="x", seed=1)).rationale
    assert "Domain:" not in plain and "products.name: product-name vocabulary (e-commerce)" in plain
    assert "products.price" not in plain
    free = TestDataRequest(user_query="x", domain_text="veterinary clinic", seed=1)
    named_none = "Domain: none of the six named ones ('veterinary clinic')."
    assert named_none in RuleBasedPlanner().plan(shop(), free).rationale
