"""The domain vocabularies (querynl.providers.domains): values that read like their domain,
data a locale can override, formatters a plan may name."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

import faker
import pytest

from querynl.planning.validation import call_problems, provider_problem
from querynl.providers import make_faker
from querynl.providers.base import Pattern
from querynl.providers.domains import DOMAIN_PROVIDERS
from querynl.providers.domains.ecommerce import EcommerceProvider
from querynl.providers.domains.medical import MedicalProvider

FORMATTERS = sorted(
    name
    for provider in DOMAIN_PROVIDERS
    for name, value in vars(provider).items()
    if not name.startswith("_") and callable(value)
)
PATTERNED = sorted(
    n for n in FORMATTERS if isinstance(getattr(make_faker().get_formatter(n), "pattern", None), Pattern)
)


@pytest.fixture
def fake() -> faker.Faker:
    fake = make_faker()
    fake.seed_instance(2024)
    return fake


def test_every_domain_formatter_is_a_provider_a_plan_may_name(fake):
    assert len(FORMATTERS) >= 30
    for name in FORMATTERS:
        assert provider_problem(name) is None, name
        assert call_problems(name, {}) == [], name
        assert fake.format(name) not in (None, ""), name


def test_domain_formatters_shadow_no_other_formatter():
    plain = faker.Faker("en_US")
    others = make_faker().get_providers()
    for provider in DOMAIN_PROVIDERS:
        for name in (n for n in vars(provider) if not n.startswith("_") and callable(vars(provider)[n])):
            assert not hasattr(plain, name), f"{name} would replace Faker's own"
            owners = [p for p in others if type(p) is not provider and name in dir(type(p))]
            assert not owners, f"{name} is also a formatter of {owners}"


@pytest.mark.parametrize("name", PATTERNED)
def test_patterned_values_fit_max_chars(fake, name):
    for limit in (1, 4, 9, 16, 40):
        for _ in range(30):
            value = fake.format(name, max_chars=limit)
            assert value and len(value) <= limit


@cache
def people_and_companies() -> frozenset[str]:
    """5,000 of Faker's person names and 5,000 company names."""
    fake = make_faker()
    fake.seed_instance(1)
    return frozenset({fake.name() for _ in range(5_000)} | {fake.company() for _ in range(5_000)})


def test_product_names_are_products_not_people_or_companies(fake):
    people = people_and_companies()
    nouns = EcommerceProvider.product_nouns
    names = [fake.product_name() for _ in range(2_000)]
    assert not people & set(names)
    assert all(any(n.endswith(noun) for noun in nouns) for n in names)
    assert all(n.split()[0] in EcommerceProvider.product_adjectives for n in names)
    assert len(set(names)) > 1_800


def test_product_prices_have_two_decimals_within_their_category(fake):
    for category, (low, high) in EcommerceProvider.category_prices.items():
        for _ in range(50):
            price = fake.product_price(category=category)
            assert isinstance(price, Decimal) and price.as_tuple().exponent == -2
            assert Decimal(str(low)) <= price <= Decimal(str(high))
    assert all(0 < fake.product_price(max_value=9.99) <= Decimal("9.99") for _ in range(200))
    prices = [fake.product_price() for _ in range(2_000)]
    assert sorted(prices)[1_000] < 100 < max(prices)  # cheap things are common, dear ones exist


def test_post_bodies_are_sentences_and_titles_headlines(fake):
    for _ in range(200):
        body = fake.post_body()
        sentences = re.findall(r"[^.!?]+[.!?]", body)
        assert 3 <= len(sentences) <= 7
        assert len(set(sentences)) == len(sentences)  # no sentence twice in one body
        title = fake.post_title()
        assert not title[0].islower() and not title.endswith(".")
        slug = fake.post_slug(max_chars=40)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and len(slug) <= 40


def test_social_values(fake):
    assert all(re.fullmatch(r"#[A-Z][A-Za-z]+", fake.hashtag()) for _ in range(200))
    assert all(re.fullmatch(r"[a-z0-9_.]+", fake.social_handle()) for _ in range(200))
    followers = sorted(fake.follower_count() for _ in range(5_000))
    median = followers[2_500]
    assert 50 < median < 2_000 and followers[-1] > 100 * median  # a long tail
    assert all(fake.follower_count(max_value=1000) <= 1000 for _ in range(500))


def test_medical_values(fake):
    codes = {fake.icd10_code() for _ in range(2_000)}
    assert all(re.fullmatch(r"[A-Z]\d{2}(\.\d{1,3}[A-Z]?)?", c) for c in codes)
    names = dict(MedicalProvider.icd10_diagnoses)
    assert {fake.diagnosis() for _ in range(2_000)} <= set(names.values())
    types = [fake.blood_type() for _ in range(5_000)]
    assert set(types) == {"O+", "A+", "B+", "O-", "A-", "AB+", "B-", "AB-"}
    assert types.count("O+") > 10 * types.count("AB-")  # population frequencies, not uniform
    assert re.fullmatch(r"[A-Z][a-z ]+ [\d.]+ mg, [a-z 0-9]+", fake.prescription())


def test_finance_and_inventory_values(fake):
    amounts = [fake.transaction_amount() for _ in range(2_000)]
    assert all(a > 0 and a.as_tuple().exponent == -2 for a in amounts)
    assert sorted(amounts)[1_000] < 100 < max(amounts)
    assert all(re.fullmatch(r"[\d-]{10,14}", fake.account_number()) for _ in range(100))
    assert all(re.fullmatch(r"[A-Z]{1,2}\d?-\d\d-\d\d(-\d)?", fake.bin_location()) for _ in range(200))
    assert fake.transaction_type() in fake.get_formatter("transaction_type").__self__.transaction_types
    levels = [fake.stock_level() for _ in range(2_000)]
    assert 0 in levels and max(levels) > 500 and all(v >= 0 for v in levels)


def test_a_locale_overrides_the_vocabulary_by_its_class_attributes():
    class GermanShop(EcommerceProvider):
        product_adjectives = ("Praktische",)
        product_materials = ("Eichen",)
        product_nouns = ("Schreibtischlampe",)
        category_prices = {"Haushalt": (5.0, 9.0)}

    fake = faker.Faker("de_DE")
    fake.add_provider(GermanShop)
    assert fake.product_name() == "Praktische Eichen Schreibtischlampe"
    assert fake.product_category() == "Haushalt"
    assert Decimal(5) <= fake.product_price() <= Decimal(9)
