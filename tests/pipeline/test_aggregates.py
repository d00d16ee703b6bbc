"""Issue 10, aggregates in a run: totals set from their lines on the run's own rows only (rows
already there keep theirs), left as drawn when the plan leaves the sum out, reproduced by the
SQL export, and left as drawn, with a note, when the database refuses the sums."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest

from querynl.db.engine import make_engine
from querynl.models import InsertionResult, SumOfChildren
from querynl.pipeline.generator import PreparedRun, TestDataGenerator
from querynl.request.intent import parse_request
from tests.databases import DIALECTS, connected, execute_statements, fresh_database

SHOP = [
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, code VARCHAR(10) NOT NULL,"
    " total DECIMAL({digits}, 2) NOT NULL{check})",
    "CREATE TABLE order_items (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders (id),"
    " quantity INTEGER NOT NULL, unit_price DECIMAL(8, 2) NOT NULL)",
]
# a CHECK the planner does not understand (rows still attempted): every drawn total (at most
# 2,000) passes it, many sums of lines do not
REFUSING = " CHECK (total <= 2000 + 0 * LENGTH(code))"
REQUEST = "orders: 60, order items: 240"


def _shop(url: str, check: str = "", digits: int = 10) -> None:
    execute_statements(url, [s.format(check=check, digits=digits) for s in SHOP])


def _prepare(url: str, seed: int) -> tuple[TestDataGenerator, PreparedRun]:
    generator = TestDataGenerator(make_engine(url))
    schema = generator.introspect()
    return generator, generator.prepare(parse_request(REQUEST, schema, seed=seed), schema)


def _run(url: str, seed: int, summed: bool = True) -> InsertionResult:
    generator, run = _prepare(url, seed)
    if not summed:  # what a planner does to turn the link off: leave it out
        orders = run.plan.table("orders")
        orders.links = [link for link in orders.links if not isinstance(link, SumOfChildren)]
    planned = [list(config.notes) for config in run.plan.tables]
    try:
        result = generator.execute(run)
    finally:
        generator.engine.dispose()
    assert result.ok
    assert [config.notes for config in run.plan.tables] == planned  # the run's notes are the result's
    return result


def _totals(url: str) -> dict[int, tuple[Decimal, Decimal]]:
    """{order id: (its total, the sum of its lines)}."""
    sql = (
        "SELECT o.id, o.total, COALESCE((SELECT SUM(i.quantity * i.unit_price) FROM order_items i"
        " WHERE i.order_id = o.id), 0) FROM orders o"
    )
    with connected(url) as (_, conn):
        rows = conn.exec_driver_sql(sql).all()
    return {int(i): (Decimal(str(t)), Decimal(str(s)).quantize(Decimal("0.01"))) for i, t, s in rows}


def _summed(totals: dict[int, tuple[Decimal, Decimal]], ids) -> int:
    return sum(1 for i in ids if totals[i][0] == totals[i][1])


def test_only_the_runs_rows_are_summed_and_a_sum_left_out_is_not_applied(tmp_path):
    with fresh_database("sqlite", tmp_path) as url:
        _shop(url)
        _run(url, seed=1)
        first = _totals(url)
        assert _summed(first, first) == len(first) == 60
        _run(url, seed=2)  # its lines also join the first run's orders: those keep their totals
        second = _totals(url)
        assert all(second[i][0] == first[i][0] for i in first)
        assert _summed(second, first) < len(first)
        new = set(second) - set(first)
        assert _summed(second, new) == len(new) == 60
        _run(url, seed=3, summed=False)
        third = _totals(url)
        new = set(third) - set(second)
        assert len(new) == 60 and _summed(third, new) < 10  # as drawn: a sum only by chance


def test_the_sql_export_sets_the_totals_too(tmp_path):
    with fresh_database("sqlite", tmp_path) as url, fresh_database("sqlite", tmp_path) as copy:
        _shop(url)
        _shop(copy)
        generator, run = _prepare(url, seed=4)
        statements: list[str] = []
        try:
            assert generator.export_sql(run, statements.append) == 300
        finally:
            generator.engine.dispose()
        assert any(s.startswith("UPDATE orders SET total=") for s in statements)
        assert _totals(url) == {}  # nothing executed
        with sqlite3.connect(copy.removeprefix("sqlite:///")) as conn:
            conn.executescript("\n".join(statements))
        totals = _totals(copy)
        assert _summed(totals, totals) == len(totals) == 60


@pytest.mark.parametrize("dialect", DIALECTS)
def test_sums_the_database_refuses_leave_the_drawn_totals_and_a_note(dialect, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        _shop(url, REFUSING)
        notes = _run(url, seed=5).notes
        refused = "orders: total: left as generated, the database refused ("
        assert len(notes) == 1 and notes[0].startswith(refused), notes
        totals = _totals(url)
        assert len(totals) == 60 and all(t <= 2000 for t, _ in totals.values())
        assert _summed(totals, totals) < 10


def test_a_sum_past_the_columns_precision_keeps_the_drawn_total(tmp_path):
    """DECIMAL(5, 2) holds at most 999.99 (SQLite would store more: the guard keeps it)."""
    with fresh_database("sqlite", tmp_path) as url:
        _shop(url, digits=5)
        notes = _run(url, seed=6).notes
        totals = _totals(url)
        over = [i for i, (_, s) in totals.items() if s > Decimal("999.99")]
        assert over and all(totals[i][0] <= Decimal("999.99") for i in over)
        assert _summed(totals, set(totals) - set(over)) == len(totals) - len(over)
        note = f"orders: total: {len(over):,} of 60 rows keep their generated value: the sum of their"
        assert len(notes) == 1 and notes[0].startswith(note), notes
