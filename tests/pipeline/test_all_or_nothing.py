"""One run, one transaction: a failure or a cancellation anywhere leaves the database as it was.

Library API on every dialect: TestDataGenerator.prepare + execute with a RunContext whose
ProgressSink fails (or cancels) part-way through the insertion order.
"""

from __future__ import annotations

import pytest

from querynl.db.engine import make_engine, normalize_url
from querynl.dialects import DIALECTS
from querynl.models import CancellationToken
from querynl.pipeline.context import RunContext
from querynl.pipeline.generator import TestDataGenerator
from querynl.request.intent import parse_request
from tests.integrity import row_counts, table_contents
from tests.schemas import create_schema


class FailingSink:
    """Raises RuntimeError when table number `fail_at` (1-based) starts."""

    def __init__(self, fail_at: int) -> None:
        self.fail_at = fail_at
        self.started: list[str] = []
        self.rows = 0
        self.finished = False

    def start_table(self, table: str, total: int) -> None:
        self.started.append(table)
        if len(self.started) == self.fail_at:
            raise RuntimeError(f"sink failed at {table}")

    def advance(self, rows: int) -> None:
        self.rows += rows

    def finish(self) -> None:
        self.finished = True


class CancellingSink:
    """Cancels the token after the first batch of table number `cancel_at` (1-based)."""

    def __init__(self, token: CancellationToken, cancel_at: int) -> None:
        self.token = token
        self.cancel_at = cancel_at
        self.started: list[str] = []
        self.rows_by_table: dict[str, int] = {}
        self.finished = False

    def start_table(self, table: str, total: int) -> None:
        self.started.append(table)
        self.rows_by_table[table] = 0

    def advance(self, rows: int) -> None:
        table = self.started[-1]
        self.rows_by_table[table] += rows
        if len(self.started) == self.cancel_at:
            self.token.cancel()

    def finish(self) -> None:
        self.finished = True


def _prepare(url: str, text: str = "add sample data", seed: int = 11):
    engine = make_engine(url)
    generator = TestDataGenerator(engine)
    schema = generator.introspect()
    run = generator.prepare(parse_request(text, schema, seed=seed), schema)
    return engine, generator, run


def _seed_normally(url: str, seed: int) -> None:
    engine, generator, run = _prepare(url, seed=seed)
    try:
        result = generator.execute(run)
        assert result.committed and result.ok, result.summary()
    finally:
        engine.dispose()


@pytest.mark.parametrize("preexisting", [False, True], ids=["empty", "with-rows"])
def test_exception_in_fourth_table_rolls_back_everything(db_url, preexisting):
    create_schema(db_url, "ecommerce")
    if preexisting:
        _seed_normally(db_url, seed=1)
    before = table_contents(db_url)
    assert all(before.values()) if preexisting else not any(before.values())

    engine, generator, run = _prepare(db_url, seed=2)
    assert len(run.plan.insertion_order) == 6
    sink = FailingSink(fail_at=4)
    try:
        with pytest.raises(RuntimeError, match="sink failed at"):
            generator.execute(run, RunContext(progress=sink))
    finally:
        engine.dispose()

    # Three tables were inserted inside the transaction before the failure...
    assert sink.started == run.plan.insertion_order[:4]
    first_three = sum(run.plan.table(t).record_count for t in run.plan.insertion_order[:3])
    assert sink.rows == first_three > 0
    assert sink.finished
    # ...and none of them survived.
    assert table_contents(db_url) == before


def test_cancel_in_the_middle_of_third_table_rolls_back(db_url, monkeypatch):
    create_schema(db_url, "ecommerce")
    _seed_normally(db_url, seed=3)
    before = table_contents(db_url)

    # Small batches and a larger third table so the cancel lands between two batches of it.
    executor_class = DIALECTS[normalize_url(db_url).get_backend_name()].executor_class
    monkeypatch.setattr(executor_class, "batch_size", 50)
    monkeypatch.setattr(executor_class, "rows_per_load", 50, raising=False)  # MySQL's LOAD DATA
    engine, generator, run = _prepare(db_url, seed=4)
    third = run.plan.insertion_order[2]
    run.plan.table(third).record_count = 180

    result, sink = _run_cancelled_at_third_table(engine, generator, run)

    assert result.cancelled is True
    assert result.committed is False
    assert result.ok is False
    assert sink.finished
    assert sink.started == run.plan.insertion_order[:3]  # the fourth table never started
    assert 0 < sink.rows_by_table[third] < 180  # really cancelled mid-table
    assert sink.rows_by_table[run.plan.insertion_order[0]] > 0
    assert table_contents(db_url) == before


def test_cancelled_run_leaves_empty_database_empty(db_url):
    create_schema(db_url, "ecommerce")
    result, sink = _run_cancelled_at_third_table(*_prepare(db_url, seed=5))
    assert result.cancelled and not result.committed
    assert len(sink.started) >= 3
    assert set(row_counts(db_url).values()) == {0}


def _run_cancelled_at_third_table(engine, generator, run):
    """Execute the run with a progress sink that cancels it when the third table starts."""
    token = CancellationToken()
    sink = CancellingSink(token, cancel_at=3)
    try:
        return generator.execute(run, RunContext(cancel=token, progress=sink)), sink
    finally:
        engine.dispose()
