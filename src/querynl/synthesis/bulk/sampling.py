"""A provider without a composer whose values are few (a status, a country, a flag, a small
vocabulary): a sample of its values, drawn from at their natural frequencies.

Whether the values are few is measured, not assumed: a sample of Faker values is kept when
hardly any of them occurs only once (Good-Turing: the share of values seen once estimates the
share of draws that would bring a value the sample lacks). Otherwise None: the column calls
Faker per value, correct and slower, rather than repeat a few thousand values.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

SAMPLE_SIZE = 2_000  # Faker values drawn to judge a provider
UNSEEN_SHARE = 0.01  # at most this share of the sample seen once: the sample covers the values


def vocabulary_sample(make: Callable[[], Any], size: int = SAMPLE_SIZE) -> list[Any] | None:
    """`size` values of `make` when they cover what it gives, else None."""
    sample = [make() for _ in range(size)]
    try:
        counts = Counter(sample)
    except TypeError:  # unhashable values (lists): no way to judge them
        return None
    seen_once = sum(1 for c in counts.values() if c == 1)
    return sample if seen_once <= UNSEEN_SHARE * size else None
