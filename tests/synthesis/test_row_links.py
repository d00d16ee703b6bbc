"""Issue 10, coherent rows in synthesis: time values compared and written back in their own
form, and the plan's links holding on the rows generated, Faker per value and in bulk alike,
with CHECK repair still met and unique columns still distinct."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from querynl.db.engine import make_engine
from querynl.db.existing import ExistingData
from querynl.pipeline.generator import TestDataGenerator
from querynl.request.intent import parse_request
from querynl.synthesis.row_links import like, to_moment
from querynl.synthesis.snapshot import existing_needs
from querynl.synthesis.synthesizer import FakerDataSynthesizer
from tests.databases import driver_connection
from tests.edge_cases.coherence import COHERENCE

REQUEST = "customers: 150, addresses: 200, orders: 600, order items: 900, promotions: 200, employees: 150"


def test_time_values_of_every_form_compare_as_moments():
    aware = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert to_moment(aware) == dt.datetime(2025, 3, 1, 10, 0)
    assert to_moment(dt.date(2025, 3, 1)) == dt.datetime(2025, 3, 1)
    assert to_moment(1_740_830_400) == dt.datetime(2025, 3, 1, 12, 0)
    assert to_moment(1_740_830_400_000) == dt.datetime(2025, 3, 1, 12, 0)  # milliseconds
    assert to_moment("2025-03-01 12:00:00") == dt.datetime(2025, 3, 1, 12, 0)
    assert to_moment("not a time") is None and to_moment(None) is None


def test_a_raised_time_keeps_its_form_and_never_falls_before_the_floor():
    floor = dt.datetime(2025, 3, 1, 10, 30, 15, 500)
    assert like(dt.date(2020, 1, 1), floor) == dt.date(2025, 3, 2)  # a date rounds up
    assert like(dt.date(2020, 1, 1), dt.datetime(2025, 3, 1)) == dt.date(2025, 3, 1)
    aware = like(dt.datetime(2020, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=-5))), floor)
    assert aware.utcoffset() == dt.timedelta(hours=-5) and to_moment(aware) >= floor.replace(microsecond=0)
    assert like(5, floor) >= 1_740_825_015 and like(10**12, floor) >= 1_740_825_015_000
    assert to_moment(like(5, floor)) >= floor and to_moment(like(10**12, floor)) >= floor
    assert like("2020-01-01", floor) == "2025-03-01"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('row_links') / 'coherence.db'}"
    with driver_connection(url) as conn:
        conn.executescript(COHERENCE["sqlite"])
    generator = TestDataGenerator(make_engine(url))
    schema = generator.introspect()
    run = generator.prepare(parse_request(REQUEST, schema, seed=5), schema)
    with generator.engine.connect() as conn:
        existing = ExistingData.read(conn, existing_needs(run.schema, run.plan))
    yield run, existing
    generator.engine.dispose()


def _rows(run, existing, bulk: bool) -> dict[str, list[dict]]:
    tables = set(run.plan.insertion_order) if bulk else set()
    synth = FakerDataSynthesizer(run.schema, run.plan, existing, seed=run.seed, bulk_tables=tables)
    out = {}
    for table in run.plan.insertion_order:
        columns = synth.insert_columns(table)
        out[table] = [dict(zip(columns, r, strict=True)) for b in synth.generate_table_data(table) for r in b]
    return out


def _ordered(rows: list[dict], earlier: str, later: str) -> bool:
    pairs = [(r[earlier], r[later]) for r in rows if r[earlier] is not None and r[later] is not None]
    return len(pairs) > 20 and all(to_moment(a) <= to_moment(b) for a, b in pairs)


@pytest.mark.parametrize("bulk", [False, True], ids=["per-value", "bulk"])
def test_links_hold_on_every_generated_row(prepared, bulk):
    run, existing = prepared
    rows = _rows(run, existing, bulk)
    customers = {r["id"]: r for r in rows["customers"]}
    addresses = {r["id"]: r for r in rows["addresses"]}
    assert _ordered(rows["customers"], "created_at", "updated_at")
    assert _ordered(rows["orders"], "ordered_at", "shipped_at")
    assert _ordered(rows["orders"], "shipped_at", "delivered_at")
    for order in rows["orders"]:
        assert addresses[order["shipping_address_id"]]["customer_id"] == order["customer_id"]
        assert to_moment(order["ordered_at"]) >= to_moment(customers[order["customer_id"]]["created_at"])
    orders = {r["id"]: r for r in rows["orders"]}
    assert all(
        to_moment(i["added_at"]) >= to_moment(orders[i["order_id"]]["ordered_at"])
        for i in rows["order_items"]
    )
    for customer in customers.values():
        assert (
            customer["last_name"].lower()[:3] in customer["email"]
            or customer["first_name"].lower()[:3] in customer["email"]
        )
    emails = [c["email"].lower() for c in customers.values()]
    assert len(set(emails)) == len(emails)


@pytest.mark.parametrize("bulk", [False, True], ids=["per-value", "bulk"])
def test_check_repair_still_holds_after_the_links(prepared, bulk):
    run, existing = prepared
    promotions = _rows(run, existing, bulk)["promotions"]
    assert len(promotions) == 200
    assert all(to_moment(p["window_open"]) < to_moment(p["window_close"]) for p in promotions)


def test_birth_hire_and_termination_keep_their_gaps(prepared):
    run, existing = prepared
    employees = _rows(run, existing, False)["employees"]
    births = [(r["birth_date"], r["hire_date"]) for r in employees if r["birth_date"] and r["hire_date"]]
    assert len(births) > 50
    assert all(h >= b + dt.timedelta(days=16 * 365) for b, h in births)
    assert _ordered(employees, "hire_date", "termination_date")


def test_the_links_draw_from_their_own_stream(prepared):
    """Same seed, same rows: the links' random choices are reproducible."""
    run, existing = prepared
    assert _rows(run, existing, False)["orders"] == _rows(run, existing, False)["orders"]
    random.seed(99)  # the global random stream plays no part
    assert _rows(run, existing, False)["customers"] == _rows(run, existing, False)["customers"]
