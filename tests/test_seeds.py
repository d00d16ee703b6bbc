"""tests/seeds.py: which seeds the multi-seed suites run, in CI and under QUERYNL_SEEDS."""

from __future__ import annotations

import pytest

from tests.seeds import ENV, SWEEP, seeded_cases, seeds


def test_ci_sample_is_consecutive_seeds_of_the_sweep_fixed_by_the_name(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    picked = seeds("postgresql-chinook")
    assert len(picked) == 2 and set(picked) <= set(SWEEP)
    assert picked[1] == picked[0] % len(SWEEP) + 1  # consecutive, 10 wraps to 1
    assert seeds("postgresql-chinook") == picked  # the same on every call and run
    assert len(seeds("postgresql-chinook", count=1)) == 1


def test_ci_sample_spreads_over_the_sweep_across_cases(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    names = [f"{d}-{n}" for d in ("sqlite", "postgresql", "mysql") for n in ("blog", "shop", "hr", "crm")]
    covered = {seed for name in names for seed in seeds(name)}
    assert len(covered) >= 6, covered


def test_env_names_the_exact_seeds_for_every_case(monkeypatch):
    monkeypatch.setenv(ENV, "3 7, 10")
    assert seeds("sqlite-blog") == seeds("mysql-shop", count=1) == [3, 7, 10]


def test_blank_env_is_the_ci_sample(monkeypatch):
    monkeypatch.setenv(ENV, "  ")
    assert len(seeds("sqlite-blog")) == 2


def test_bad_env_is_a_usage_error(monkeypatch):
    monkeypatch.setenv(ENV, "1 two")
    with pytest.raises(pytest.UsageError, match="QUERYNL_SEEDS must be whole numbers"):
        seeds("sqlite-blog")


def test_seeded_cases_are_one_marked_test_per_seed(monkeypatch):
    monkeypatch.setenv(ENV, "4 5")
    params = seeded_cases([("blog", "sqlite"), ("shop", "mysql")], lambda n, d: f"{d}-{n}")
    ids = ["sqlite-blog-seed4", "sqlite-blog-seed5", "mysql-shop-seed4", "mysql-shop-seed5"]
    assert [p.id for p in params] == ids
    assert [p.values for p in params][:2] == [("blog", "sqlite", 4), ("blog", "sqlite", 5)]
    assert all([m.name for m in p.marks] == ["seeds"] for p in params)
