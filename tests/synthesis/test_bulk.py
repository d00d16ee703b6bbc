"""The bulk composers (synthesis/bulk/): each draws a batch with Faker's parts, shapes and
bounds, as varied as Faker per value, and the same batch again for the same seed."""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal

import pytest

from querynl.providers import make_faker
from querynl.synthesis.bulk import Composers
from querynl.synthesis.bulk.sampling import vocabulary_sample
from querynl.synthesis.column_values import _with_nulls
from querynl.synthesis.streams import SEEDED_ANCHOR

N = 20_000


@pytest.fixture(scope="module")
def composers() -> Composers:
    return Composers(make_faker(), SEEDED_ANCHOR, seed=5)


def _draw(composers: Composers, provider: str, n: int = N, seed: int = 1, **args) -> list:
    compose = composers.composer(provider, args)
    assert compose is not None, provider
    return compose(random.Random(seed), n)


def _faker(provider: str, n: int = N, **args) -> list:
    fake = make_faker()
    fake.seed_instance(99)
    make = fake.get_formatter(provider)
    return [make(**args) for _ in range(n)]


@pytest.mark.parametrize("provider", ["name", "city", "street_address", "company", "email", "user_name"])
def test_templates_are_as_varied_as_faker(composers, provider):
    ours, theirs = _draw(composers, provider), _faker(provider)
    assert len(set(ours)) >= 0.95 * len(set(theirs))
    assert _draw(composers, provider, seed=1) == ours  # the same seed, the same values
    assert abs(sum(map(len, ours)) / N - sum(map(len, theirs)) / N) < 1.5  # the same shape


def test_template_parts_come_from_the_locale(composers):
    fake = make_faker()
    person = fake.get_formatter("last_name").__self__
    companies = _draw(composers, "company", 2_000)
    assert all(c.split(" ")[0].split("-")[0].rstrip(",") in person.last_names for c in companies)
    assert all(
        re.fullmatch(r"[a-z0-9._]+@example\.(org|com|net)", e) for e in _draw(composers, "email", 2_000)
    )
    streets = _draw(composers, "street_address", 2_000)
    assert all(re.match(r"\d{3,5} \S", s) for s in streets)


def test_fitted_values_stay_within_the_length(composers):
    streets = _draw(composers, "fit", source="street_address", max_chars=14)
    assert max(map(len, streets)) <= 14 and len(set(streets)) > 0.9 * N
    names = _draw(composers, "username", 5_000, max_chars=8)
    assert max(map(len, names)) <= 8
    assert composers.composer("fit", {"source": "ipv4", "max_chars": 9}) is None  # no composer: Faker's


@pytest.mark.parametrize("bound", [5, 12, 24, 25, 60, 99, 100, 200, 500])
def test_text_never_passes_its_bound(composers, bound):
    texts = _draw(composers, "short_text", 3_000, max_chars=bound)
    assert all(0 < len(t) <= bound for t in texts)
    assert all(t[0].isupper() for t in texts)
    faker_mean = sum(map(len, _faker("short_text", 3_000, max_chars=bound))) / 3_000
    assert abs(sum(map(len, texts)) / 3_000 - faker_mean) < 0.1 * bound + 1


def test_paragraphs_sentences_and_titles(composers):
    paragraphs = _draw(composers, "paragraph", nb_sentences=4)
    sentences = [p.count(".") for p in paragraphs]
    assert min(sentences) == 2 and max(sentences) == 5  # 4 +/- 40%, as Faker
    assert len(set(paragraphs)) == N
    single = _draw(composers, "paragraph", nb_sentences=1)
    assert len(set(single)) > 0.99 * N  # one sentence: fresh, not from the pool
    titles = _draw(composers, "title", max_chars=30)
    assert all(len(t) <= 30 and not t.endswith(".") and 2 <= len(t.split()) <= 6 for t in titles)
    assert composers.composer("paragraph", {"nb_sentences": 3, "ext_word_list": ["a"]}) is None


def test_numbers_stay_in_their_range(composers):
    ints = _draw(composers, "random_int", min=3, max=7)
    assert set(ints) == {3, 4, 5, 6, 7}
    codes = _draw(composers, "postcode_number", min=10000, max=10004)
    assert set(codes) == {10000, 10001, 10002, 10003, 10004}
    money = _draw(composers, "price", min_value=0.99, max_value=999.99, right_digits=2)
    assert all(isinstance(m, Decimal) and m.as_tuple().exponent == -2 for m in money)
    assert Decimal("0.99") <= min(money) and max(money) <= Decimal("999.99")
    assert len(set(money)) >= 0.95 * len(set(_faker("price", min_value=0.99, max_value=999.99)))
    floats = _draw(composers, "float_number", min_value=-1, max_value=1, right_digits=3)
    assert all(-1 <= f <= 1 and round(f, 3) == f for f in floats)


def test_moments_stay_in_their_window(composers):
    start, end = SEEDED_ANCHOR - dt.timedelta(days=30), SEEDED_ANCHOR
    moments = _draw(composers, "date_time_between", start_date=start, end_date=end)
    assert all(start <= m <= end for m in moments) and len(set(moments)) == N
    days = _draw(composers, "date_between", start_date=start.date(), end_date=end.date())
    assert set(days) == {start.date() + dt.timedelta(days=i) for i in range(31)}  # both ends
    text = _draw(composers, "datetime_text", 10, start_date=start, end_date=end)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", t) for t in text)
    births = _draw(composers, "date_of_birth", minimum_age=18, maximum_age=80)
    ages = {(SEEDED_ANCHOR.date() - b).days // 365.25 for b in births}
    assert min(ages) >= 18 and max(ages) <= 80
    assert composers.composer("date_time_between", {"start_date": "someday", "end_date": end}) is None


def test_a_vocabulary_is_sampled_only_when_its_values_are_few():
    fake = make_faker()
    fake.seed_instance(1)
    assert vocabulary_sample(lambda: fake.random_element(["a", "b", "c"])) is not None
    assert vocabulary_sample(fake.country) is not None  # some 250 countries
    assert vocabulary_sample(fake.ipv4) is None  # as many as values: Faker per value
    assert vocabulary_sample(lambda: [1]) is None  # unhashable: no judgement


def test_nulls_in_bulk_keep_their_rate_and_the_values_order():
    values = _with_nulls(lambda rng, n: list(range(n)), random.Random(4), 50_000, 0.1)
    assert len(values) == 50_000
    assert 0.09 < values.count(None) / 50_000 < 0.11
    kept = [v for v in values if v is not None]
    assert kept == list(range(len(kept)))
    assert _with_nulls(lambda rng, n: list(range(n)), random.Random(4), 3, 1.0) == [None] * 3
