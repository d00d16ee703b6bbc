"""Issue 9: CHECK classes (tests/edge_cases/checks.py) filled twice on every dialect that has
them, one test per seed (tests/seeds.py: two in CI, ten in `make sweep`): no failed row,
every table non-empty."""

from __future__ import annotations

import pytest

from tests.corpus_runs import seed_ok
from tests.databases import DIALECTS, execute_statements, fresh_database
from tests.edge_cases.checks import CHECK_SCHEMAS
from tests.integrity import assert_integrity, row_counts
from tests.seeds import seeded_cases

CASES = seeded_cases([(name, d) for name in CHECK_SCHEMAS for d in DIALECTS], lambda n, d: f"{d}-{n}")


def _statements(ddl: str) -> list[str]:
    return [s.strip() for s in ddl.split(";\n") if s.strip()]


@pytest.mark.parametrize(("name", "dialect", "seed"), CASES)
def test_check_class_fills_twice(name, dialect, seed, tmp_path):
    if dialect not in CHECK_SCHEMAS[name]:
        pytest.skip(f"{dialect} lacks {name}")
    with fresh_database(dialect, tmp_path) as url:
        execute_statements(url, _statements(CHECK_SCHEMAS[name][dialect]))
        for _ in range(2):
            summary = seed_ok(url, "add sample data", seed)
        assert all(row_counts(url).values()), row_counts(url)
        assert_integrity(url)
        assert not [n for n in summary["notes"] if "crash" in n.lower()]
