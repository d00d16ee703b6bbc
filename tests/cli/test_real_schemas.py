"""Issue 4 acceptance: real public schemas filled on the first try, with 0 failed rows."""

from __future__ import annotations

import pytest

from tests.corpus import FIXED_DATABASE, corpus, load, require_corpus
from tests.corpus_runs import fill_twice
from tests.databases import fresh_database
from tests.schemas import SCHEMAS, create_schema

REAL = corpus() or [("sqlite", "chinook")]  # absent corpus: one case that skips with the reason
OWN = [(dialect, name) for dialect in ("sqlite", "postgresql", "mysql") for name in sorted(SCHEMAS)]


@pytest.mark.parametrize(("dialect", "name"), REAL, ids=[f"{d}-{n}" for d, n in REAL])
def test_real_schema_filled_on_first_try(dialect, name, tmp_path):
    require_corpus()
    with fresh_database(dialect, tmp_path, FIXED_DATABASE.get((dialect, name))) as url:
        load(dialect, url, name)
        fill_twice(url)


@pytest.mark.parametrize(("dialect", "name"), OWN, ids=[f"{d}-{n}" for d, n in OWN])
def test_own_schema_filled_on_first_try(dialect, name, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        create_schema(url, name)
        fill_twice(url)
