"""The schema fuzzer: random schemas (tests/fuzz/schemas.py) filled twice on every dialect.

Each must take "add sample data" twice with 0 failed rows, 0 orphans and 0 duplicates, and
leave every table non-empty or say why in a note. CI runs a fixed sample (derandomized, a
few schemas per dialect); `make fuzz` runs many more with fresh random draws:
QUERYNL_FUZZ_EXAMPLES (per dialect) and QUERYNL_FUZZ_RANDOM=1.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings

from tests.databases import DIALECTS, execute_statements, fresh_database
from tests.fuzz.schemas import Schema, schemas
from tests.integrity import assert_integrity, querynl, row_counts

pytestmark = pytest.mark.heavy  # a few schemas filled twice per test: run first (tests/conftest.py)
EXAMPLES = int(os.environ.get("QUERYNL_FUZZ_EXAMPLES", "5"))
RANDOM = os.environ.get("QUERYNL_FUZZ_RANDOM") == "1"


def fill(url: str, seed: int) -> dict:
    run = querynl("seed", url, "add sample data", "--yes", "--json", "--seed", str(seed))
    assert run.status == 0, run.stderr[-2000:]
    summary = run.summary
    assert summary["ok"] is True and not any(summary["failed"].values()), summary["errors"][:3]
    return summary


@pytest.mark.parametrize("dialect", DIALECTS)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not RANDOM,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(schema=schemas())
def test_a_random_schema_fills_twice_cleanly(dialect: str, schema: Schema) -> None:
    ddl = schema.render(dialect)
    note(";\n".join(ddl))
    with tempfile.TemporaryDirectory() as folder, fresh_database(dialect, Path(folder)) as url:
        execute_statements(url, ddl)
        notes = []
        for seed in (11, 12):
            notes += fill(url, seed)["notes"]
        assert_integrity(url)
        empty = [t for t, n in row_counts(url).items() if n == 0]
        unexplained = [t for t in empty if not any(n.startswith(f"{t}: ") for n in notes)]
        assert not unexplained, (unexplained, notes)
