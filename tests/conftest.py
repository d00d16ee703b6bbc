from __future__ import annotations

import pytest

from tests.databases import DIALECTS, fresh_database


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "seeds: a multi-seed test (tests/seeds.py); `make sweep` runs these on seeds 1 to 10"
    )
    config.addinivalue_line("markers", "heavy: a long test that is not multi-seed (the fuzzer); runs first")


def pytest_collection_modifyitems(items) -> None:
    """The long tests (multi-seed fills, the fuzzer) first, in their order, then the rest: under
    `--dist worksteal` the workers then end on short tests and finish together, instead of one
    worker running the last long tests alone."""
    items.sort(key=lambda item: not (item.get_closest_marker("seeds") or item.get_closest_marker("heavy")))


@pytest.fixture(params=DIALECTS)
def dialect(request) -> str:
    return request.param


@pytest.fixture
def db_url(dialect, tmp_path):
    """A fresh, empty database of each dialect (bare-scheme URL)."""
    with fresh_database(dialect, tmp_path) as url:
        yield url


@pytest.fixture(autouse=True)
def offline_llm(monkeypatch, tmp_path_factory):
    """No test reaches a real model: the endpoint variables of the developer's environment are
    dropped (tests/llm_server.py's `llm_server` sets its own), and plan caches go to a temporary
    folder, never ~/.cache."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "QUERYNL_MODEL", "QUERYNL_LLM_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
