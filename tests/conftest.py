from __future__ import annotations

import pytest

from tests.databases import DIALECTS, fresh_database


@pytest.fixture(params=DIALECTS)
def dialect(request) -> str:
    return request.param


@pytest.fixture
def db_url(dialect, tmp_path):
    """A fresh, empty database of each dialect (bare-scheme URL)."""
    with fresh_database(dialect, tmp_path) as url:
        yield url
