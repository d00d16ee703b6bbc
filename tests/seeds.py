"""The seeds of every multi-seed suite (real and own schemas, edge cases): each case fills its
schema with `--seed N` for a few N, and this module alone says which.

QUERYNL_SEEDS set (`make sweep` gives "1 2 ... 10"; "7" repeats one seed): every case runs on
exactly those seeds. Unset, as in CI: each case runs on `count` consecutive seeds of SWEEP,
starting at a point its name picks (crc32, the same on every run and machine), so the cases
of a suite between them cover the whole sweep while each runs only a fixed few.

Multi-seed tests carry the `seeds` marker (`seeded_cases` adds it; a test that loops over
`seeds()` itself says it): `make sweep` selects them with `-m seeds`, and tests/conftest.py
runs them first.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable, Sequence

import pytest

SWEEP = tuple(range(1, 11))
ENV = "QUERYNL_SEEDS"


def chosen_seeds() -> list[int] | None:
    """The seeds QUERYNL_SEEDS names, or None where it is unset or blank."""
    text = os.environ.get(ENV, "").strip()
    if not text:
        return None
    try:
        return [int(word) for word in text.replace(",", " ").split()]
    except ValueError:
        raise pytest.UsageError(f"{ENV} must be whole numbers separated by spaces, not {text!r}") from None


def seeds(case: str, count: int = 2) -> list[int]:
    """The seeds the case named `case` runs on (see the module's docstring)."""
    chosen = chosen_seeds()
    if chosen is not None:
        return chosen
    start = zlib.crc32(case.encode()) % len(SWEEP)
    return [SWEEP[(start + i) % len(SWEEP)] for i in range(count)]


def seeded_cases(cases: Iterable[Sequence], case_id: Callable[..., str], count: int = 2) -> list:
    """pytest parameters: each case's values followed by one of its seeds, one test per seed,
    named `ID-seedN`. `case_id` takes a case's values and names it (the name picks the seeds)."""
    params = []
    for case in cases:
        name = case_id(*case)
        params += [
            pytest.param(*case, seed, id=f"{name}-seed{seed}", marks=pytest.mark.seeds)
            for seed in seeds(name, count)
        ]
    return params
