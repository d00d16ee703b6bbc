"""Filling a whole schema through the CLI, as the corpus tests (real and edge schemas) do."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import inspect

from tests.databases import connected
from tests.integrity import assert_no_orphans, querynl, row_counts


def largest_child(url: str) -> str:
    """The table with the most foreign keys (ties: the name), as `add 500 <table>` names it."""
    with connected(url) as (_engine, conn):
        insp = inspect(conn)
        return max(insp.get_table_names(), key=lambda t: (len(insp.get_foreign_keys(t)), t))


def seed_ok(url: str, request: str, seed: int | None = None, options: Sequence[str] = ()) -> dict:
    """`querynl seed URL REQUEST --yes --json [--seed N] [OPTIONS]`, which must succeed with no
    failed row; its summary."""
    seeded = ["--seed", str(seed)] if seed is not None else []
    run = querynl("seed", url, request, "--yes", "--json", *seeded, *options)
    assert run.status == 0, (request, seed, run.stderr[-3000:])
    summary = run.summary
    assert summary["ok"] is True, (seed, summary)
    assert not any(summary["failed"].values()), (seed, summary["errors"][:5])
    return summary


def assert_explained(url: str, summary: dict) -> None:
    """Every table holds rows, or the run's notes say why it does not."""
    for table, count in row_counts(url).items():
        assert count or any(n.startswith(f"{table}:") for n in summary["notes"]), (table, summary)


def fill_twice(url: str, seed: int | None = None) -> None:
    """Seed `add sample data` (at least 10 new rows in every table), then 500 rows of the
    table with the most foreign keys (only that table: its parents now hold rows; fewer where
    a cap says its keys allow fewer); no orphan after either."""
    before = row_counts(url)
    summary = seed_ok(url, "add sample data", seed)
    after = row_counts(url)
    for table, count in after.items():
        assert count - before[table] >= summary["inserted"].get(table, 0), (table, summary["inserted"])
        # a table the run's INSERT triggers fill (film_text) gets no generated rows, and says so
        by_triggers = f"{table}: no rows generated: its rows are written by the INSERT triggers of"
        if any(n.startswith(by_triggers) for n in summary["notes"]):
            assert summary["inserted"][table] == 0 and count - before[table] >= 10, (table, count)
        else:
            assert summary["inserted"].get(table, 0) >= 10, (table, summary["inserted"])
    assert_no_orphans(url)
    child = largest_child(url)
    summary = seed_ok(url, f"add 500 {child}", seed)
    added = row_counts(url)[child] - after[child]
    assert added == summary["inserted"][child] == summary["counts"][child]
    capped = [n for n in summary["notes"] if n.startswith(f"{child}: capped at")]
    assert added == 500 or capped, (added, summary["notes"])  # fewer only where its keys allow fewer
    assert_no_orphans(url)
