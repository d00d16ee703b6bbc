"""Issue 10, notes only a run can give: a total (a parent column that sums its lines) that
keeps its drawn value because a CHECK forbids the sum is said, one line, after the run's
summary, in the human output of `querynl seed` and of the REPL, and in `--json`'s notes."""

from __future__ import annotations

from tests.databases import connected, execute_statements, fresh_database
from tests.integrity import querynl

# CHECK (total <= 500): the drawn totals keep to it, most sums of four lines do not
SHOP = [
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, total DECIMAL(10, 2) NOT NULL CHECK (total <= 500))",
    "CREATE TABLE order_items (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders (id),"
    " quantity INTEGER NOT NULL, unit_price DECIMAL(8, 2) NOT NULL)",
]
REQUEST = "orders: 60, order items: 240"
SUMMARY = "✓ Successfully inserted 300 records across 2 tables"


def _kept_note(url: str) -> str:
    """The note the run must give, with the count of orders whose total is not their sum."""
    sql = (
        "SELECT COUNT(*) FROM orders o WHERE o.total <> COALESCE((SELECT SUM(i.quantity * i.unit_price)"
        " FROM order_items i WHERE i.order_id = o.id), 0)"
    )
    with connected(url) as (_, conn):
        kept = conn.exec_driver_sql(sql).scalar_one()
    assert 0 < kept < 60, kept  # the CHECK keeps some totals as drawn, not every one
    return (
        f"orders: total: {kept} of 60 rows keep their generated value: the sum of their order_items"
        " (0 without any) breaks a CHECK or the column's type"
    )


def _after_summary(output: str) -> list[str]:
    """The lines after the run's summary line."""
    lines = output.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith(SUMMARY)]
    assert len(starts) == 1, output[-3000:]
    return lines[starts[0] + 1 :]


def test_seed_shows_a_total_kept_by_a_check_after_its_summary_and_in_json(tmp_path):
    with fresh_database("sqlite", tmp_path) as url:
        execute_statements(url, SHOP)
        run = querynl("seed", url, REQUEST, "--yes", "--seed", "3")
        assert run.status == 0, run.stderr[-3000:]
        note = _kept_note(url)
        assert _after_summary(run.stdout)[:1] == [f"Note: {note}"]
        assert run.stdout.count(note) == 1  # not in the plan's preview: known only once it has run
    with fresh_database("sqlite", tmp_path) as url:
        execute_statements(url, SHOP)
        run = querynl("seed", url, REQUEST, "--yes", "--seed", "3", "--json")
        assert run.status == 0, run.stderr[-3000:]
        assert _after_summary(run.stderr)[:1] == [f"Note: {_kept_note(url)}"]
        assert _kept_note(url) in run.summary["notes"]


def test_the_repl_shows_a_total_kept_by_a_check_after_its_summary(tmp_path):
    with fresh_database("sqlite", tmp_path) as url:
        execute_statements(url, SHOP)
        run = querynl(url, stdin=f"{REQUEST}\ny\n\\q\n")
        assert run.status == 0, run.stdout[-3000:] + run.stderr[-3000:]
        after = _after_summary(run.stdout)
        assert after[:1] == [f"Note: {_kept_note(url)}"], after
        assert not any(line.startswith("Note: ") for line in after[1:]), after  # one line, once
