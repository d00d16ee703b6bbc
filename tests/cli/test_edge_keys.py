"""Issue 9: each class of key failure, its own schema (tests/edge_cases/keys.py) on every
dialect it applies to, filled twice ("add sample data" twice), one test per seed
(tests/seeds.py: two in CI, ten in `make sweep`): no failed row, no orphan, no duplicate,
every table non-empty or a note saying why."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from tests.corpus_runs import assert_explained, seed_ok
from tests.databases import DIALECTS, execute_statements, fresh_database
from tests.edge_cases.keys import KEY_SCHEMAS
from tests.edge_schemas import statements
from tests.integrity import assert_integrity, row_counts
from tests.seeds import seeded_cases

CASES = [(name, d) for name in KEY_SCHEMAS for d in DIALECTS if d in KEY_SCHEMAS[name]]


def _create(url: str, name: str) -> None:
    execute_statements(url, statements(KEY_SCHEMAS[name][make_url(url).get_backend_name()]))


@pytest.mark.parametrize(("name", "dialect", "seed"), seeded_cases(CASES, lambda n, d: f"{d}-{n}"))
def test_key_schema_filled_twice(name, dialect, seed, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        _create(url, name)
        for _ in range(2):
            summary = seed_ok(url, "add sample data", seed)
            assert_integrity(url)
            assert_explained(url, summary)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_tiny_unique_range_is_capped_with_a_note(dialect, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        _create(url, "tiny_unique_int")
        summary = seed_ok(url, "add 300 slots", 1)
        assert summary["inserted"]["slots"] == 5 == row_counts(url)["slots"]
        assert any(n.startswith("slots: capped at 5") for n in summary["notes"]), summary["notes"]
        if dialect == "mysql":  # TINYINT UNSIGNED: 256 values at most, fewer if its rule draws fewer
            summary = seed_ok(url, "add 300 bytes", 1)
            capped = [int(n.split()[3]) for n in summary["notes"] if n.startswith("bytes: capped at")]
            assert capped and 250 <= capped[0] <= 256, summary["notes"]
            assert summary["inserted"]["bytes"] == capped[0] == row_counts(url)["bytes"]
        assert_integrity(url)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_two_unique_foreign_keys_are_capped_by_their_parent(dialect, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        _create(url, "two_unique_fks")
        seed_ok(url, "add 10 people", 1)
        summary = seed_ok(url, "add 30 pairs", 1)
        assert summary["inserted"]["pairs"] == 10, summary
        assert any(n.startswith("pairs: capped at 10") for n in summary["notes"]), summary["notes"]
        assert_integrity(url)
