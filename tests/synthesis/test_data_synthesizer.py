"""The synthesizer's interface on a real SQLite database: it obeys the plan, it reads nothing
(existing rows come in as a snapshot read up front) and a seed gives the same rows."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from querynl.db.engine import make_engine
from querynl.db.existing import ExistingData
from querynl.pipeline.generator import PreparedRun, TestDataGenerator
from querynl.request.intent import parse_request
from querynl.synthesis.snapshot import existing_needs
from querynl.synthesis.synthesizer import FakerDataSynthesizer
from tests.databases import connected, driver_connection
from tests.integrity import row_counts
from tests.schemas import create_schema

JUNCTION = """
CREATE TABLE students (id INTEGER PRIMARY KEY, name VARCHAR(60) NOT NULL);
CREATE TABLE courses (id INTEGER PRIMARY KEY, title VARCHAR(60) NOT NULL);
CREATE TABLE enrollments (
    student_id INTEGER NOT NULL REFERENCES students (id),
    course_id INTEGER NOT NULL REFERENCES courses (id),
    grade INTEGER,
    PRIMARY KEY (student_id, course_id)
);
"""

# film's INSERT trigger copies each film to film_text, keyed by the film's own id (Sakila).
MIRRORED = """
CREATE TABLE film (film_id INTEGER PRIMARY KEY, title VARCHAR(100) NOT NULL, description TEXT);
CREATE TABLE film_text (film_id SMALLINT NOT NULL PRIMARY KEY, title VARCHAR(255) NOT NULL, description TEXT);
CREATE TRIGGER ins_film AFTER INSERT ON film BEGIN
    INSERT INTO film_text (film_id, title, description) VALUES (new.film_id, new.title, new.description);
END;
"""


def _database(tmp_path, name: str, script: str | None = None) -> str:
    url = f"sqlite:///{tmp_path / f'{name}.db'}"
    if script is None:
        create_schema(url, name)
    else:
        with driver_connection(url) as conn:
            conn.executescript(script)
    return url


def _prepare(url: str, text: str, seed: int = 3) -> tuple[TestDataGenerator, PreparedRun]:
    generator = TestDataGenerator(make_engine(url))
    schema = generator.introspect()
    return generator, generator.prepare(parse_request(text, schema, seed=seed), schema)


def _synthesizer(generator: TestDataGenerator, run: PreparedRun, **options) -> FakerDataSynthesizer:
    with generator.engine.connect() as conn:
        existing = ExistingData.read(conn, existing_needs(run.schema, run.plan))
    return FakerDataSynthesizer(run.schema, run.plan, existing, seed=run.seed, **options)


def _all_rows(synth: FakerDataSynthesizer, run: PreparedRun) -> dict[str, list[tuple]]:
    return {t: [r for b in synth.generate_table_data(t) for r in b] for t in run.plan.insertion_order}


def test_a_seed_gives_the_same_rows_and_another_seed_others(tmp_path):
    url = _database(tmp_path, "ecommerce")
    generator, run = _prepare(url, "add 30 products")
    first, again = (_all_rows(_synthesizer(generator, run), run) for _ in range(2))
    assert len(first["products"]) == 30
    assert first == again
    _, other_run = _prepare(url, "add 30 products", seed=4)
    other = _all_rows(_synthesizer(generator, other_run), other_run)
    assert other["products"] != first["products"]


def test_rows_come_in_batches_of_the_synthesizers_own_size(tmp_path):
    url = _database(tmp_path, "ecommerce")
    generator, run = _prepare(url, "add 30 products")
    synth = _synthesizer(generator, run)
    synth.batch_size = 7
    batches = list(synth.generate_table_data("products"))
    assert [len(b) for b in batches] == [7, 7, 7, 7, 2]
    skus = [row[synth.insert_columns("products").index("sku")] for b in batches for row in b]
    assert len(set(skus)) == 30


def test_synthesis_sends_no_statement_to_the_database(tmp_path):
    url = _database(tmp_path, "ecommerce")
    generator, run = _prepare(url, "add 50 customers and 80 orders")
    assert generator.execute(run).ok  # rows already there: their keys and unique values count
    generator, run = _prepare(url, "add 50 customers and 80 orders", seed=5)
    synth = _synthesizer(generator, run)
    statements: list[str] = []
    event.listen(generator.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with generator.engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
    assert "SELECT 1" in statements  # the listener does hear this engine
    statements.clear()
    rows = _all_rows(synth, run)
    updates = [synth.deferred_updates(t) for t in run.plan.insertion_order]
    assert statements == []
    assert len(rows["customers"]) == 50 and len(rows["orders"]) == 80
    assert updates == [[]] * len(updates)


def test_a_snapshot_is_never_asked_for_what_it_was_not_read_with(tmp_path):
    url = _database(tmp_path, "ecommerce")
    generator, run = _prepare(url, "add 5 products")
    with pytest.raises(KeyError, match="not read up front"):
        FakerDataSynthesizer(run.schema, run.plan, ExistingData(), seed=run.seed)


def test_junction_rows_are_the_plans_count_of_distinct_pairs(tmp_path):
    url = _database(tmp_path, "school", JUNCTION)
    generator, run = _prepare(url, "add 3 students, 2 courses and 50 enrollments")
    config = run.plan.table("enrollments")
    assert config.record_count == 6
    assert any(n.startswith("capped at 6 rows") for n in config.notes)
    synth = _synthesizer(generator, run)
    rows = _all_rows(synth, run)
    assert synth.record_count("enrollments") == 6
    pairs = [row[:2] for row in rows["enrollments"]]
    assert len(pairs) == len(set(pairs)) == 6
    assert not hasattr(synth, "notes")  # the plan decided the cap; synthesis adds nothing


def test_junction_pairs_avoid_those_already_there(tmp_path):
    url = _database(tmp_path, "school", JUNCTION)
    generator, run = _prepare(url, "add 3 students, 2 courses and 4 enrollments")
    assert generator.execute(run).ok
    generator, run = _prepare(url, "add 1 students, 1 courses and 50 enrollments")
    assert run.plan.table("enrollments").record_count == 4 * 3 - 4  # planned: 4 students x 3 courses
    assert generator.execute(run).ok
    assert row_counts(url)["enrollments"] == 12
    with connected(url) as (_engine, conn):
        pairs = "SELECT COUNT(DISTINCT student_id || '-' || course_id) FROM enrollments"
        assert conn.exec_driver_sql(pairs).scalar_one() == 12


def test_ids_copied_by_a_trigger_are_known_before_synthesis(tmp_path):
    url = _database(tmp_path, "films", MIRRORED)
    for seed in (1, 2):
        generator, run = _prepare(url, "add 20 film and 5 film_text", seed=seed)
        assert run.plan.insertion_order == ["film", "film_text"]
        synth = _synthesizer(generator, run)
        film_start, text_start = synth.starts[("film", "film_id")], synth.starts[("film_text", "film_id")]
        assert text_start == film_start + 20  # after the ids film's trigger copies
        result = generator.execute(run)
        assert result.ok and result.total_failed == 0, result.errors[:3]
    assert row_counts(url) == {"film": 40, "film_text": 50}
    with connected(url) as (_engine, conn):
        assert conn.exec_driver_sql("SELECT MAX(film_id) FROM film").scalar_one() == 45
