"""Caps are decided once, by the planner, and recorded in the plan; the run then inserts
exactly the plan's counts (a parent's cap is known before its children's are decided)."""

from __future__ import annotations

from querynl.db.engine import make_engine
from querynl.pipeline.generator import TestDataGenerator
from querynl.request.intent import parse_request
from tests.databases import driver_connection
from tests.integrity import row_counts

# switches hold at most 2 rows (a unique boolean); wirings pair a switch with a lamp.
SCHEMA = """
CREATE TABLE switches (id INTEGER PRIMARY KEY, is_on BOOLEAN NOT NULL UNIQUE);
CREATE TABLE lamps (id INTEGER PRIMARY KEY, label VARCHAR(40) NOT NULL);
CREATE TABLE wirings (
    switch_id INTEGER NOT NULL REFERENCES switches (id),
    lamp_id INTEGER NOT NULL REFERENCES lamps (id),
    PRIMARY KEY (switch_id, lamp_id)
);
CREATE TABLE owners (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);
CREATE TABLE badges (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL UNIQUE REFERENCES owners (id));
"""


def _url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'caps.db'}"


def _run(tmp_path, text: str):
    if not (tmp_path / "caps.db").exists():
        with driver_connection(_url(tmp_path)) as conn:
            conn.executescript(SCHEMA)
    generator = TestDataGenerator(make_engine(_url(tmp_path)))
    schema = generator.introspect()
    run = generator.prepare(parse_request(text, schema, seed=9), schema)
    return run, generator.execute(run)


def test_a_junction_is_capped_by_its_parents_capped_counts(tmp_path):
    run, result = _run(tmp_path, "add 10 switches, 3 lamps, 50 wirings, 4 owners and 9 badges")
    plan = {t.table_name: t for t in run.plan.tables}
    assert plan["switches"].record_count == 2
    assert plan["wirings"].record_count == 2 * 3  # the capped 2 switches, not the 10 asked
    assert plan["badges"].record_count == 4  # one badge per owner
    assert any(n.startswith("capped at 6 rows") for n in plan["wirings"].notes)
    assert result.ok and result.total_failed == 0
    assert {t.table_name: t.inserted for t in result.tables} == {
        name: config.record_count for name, config in plan.items()
    }
    assert row_counts(_url(tmp_path)) == {"switches": 2, "lamps": 3, "wirings": 6, "owners": 4, "badges": 4}


def test_caps_count_the_rows_already_there(tmp_path):
    _run(tmp_path, "add 10 switches, 3 lamps, 50 wirings, 4 owners and 9 badges")
    run, result = _run(tmp_path, "add 1 lamps, 50 wirings, 1 owners and 9 badges")
    plan = {t.table_name: t for t in run.plan.tables}
    assert "switches" not in plan  # not named, and its rows are reused
    assert plan["wirings"].record_count == 2 * 4 - 6
    assert plan["badges"].record_count == 5 - 4
    assert result.ok and result.total_failed == 0
    counts = row_counts(_url(tmp_path))
    assert counts["wirings"] == 8 and counts["badges"] == 5
