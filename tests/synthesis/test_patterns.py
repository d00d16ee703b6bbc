"""Our patterned providers drawn in bulk (querynl.synthesis.bulk.patterns): the same values,
as diverse as Faker per value."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from querynl.providers import make_faker
from querynl.synthesis.bulk import Composers
from querynl.synthesis.bulk.patterns import pattern_composer
from tests.providers.test_domains import PATTERNED


@pytest.mark.parametrize("name", PATTERNED)
def test_patterned_values_drawn_in_bulk_are_as_diverse_as_per_value(name):
    fake = make_faker()
    bulk = pattern_composer(fake, name, {})(random.Random(5), 5_000)
    fake.seed_instance(5)
    per_value = [fake.format(name) for _ in range(5_000)]
    assert len(set(bulk)) >= 0.9 * len(set(per_value))
    mean_length = sum(map(len, bulk)) / len(bulk)  # the same kind of values
    assert abs(mean_length - sum(map(len, per_value)) / len(per_value)) < 0.05 * mean_length


def test_a_bulk_draw_repeats_with_its_seed_and_fits_max_chars():
    composers = Composers(make_faker(), dt.datetime(2025, 1, 1), seed=3)
    draw = composers.composer("post_title", {"max_chars": 24})
    first = draw(random.Random(9), 500)
    assert first == draw(random.Random(9), 500)
    assert all(0 < len(v) <= 24 for v in first)


def test_only_patterned_providers_without_other_arguments_are_composed():
    fake = make_faker()
    assert pattern_composer(fake, "product_price", {}) is None  # not patterned
    assert pattern_composer(fake, "no_such_formatter", {}) is None
    assert pattern_composer(fake, "post_body", {"nb_sentences": 3}) is None
