"""A large run generates in a forked worker process (querynl.pipeline.worker).

Library API on every dialect, with the worker forced on (WORKER_ROWS = 0) and off: the same
seed writes the same rows either way, rows the database rejects are named the same and take
their keys with them, and a worker that fails or dies ends the run in one line with nothing
written.
"""

from __future__ import annotations

import multiprocessing
import os

import pytest

from querynl.db.engine import make_engine, normalize_url
from querynl.dialects import DIALECTS
from querynl.errors import RunFailed
from querynl.pipeline import worker
from querynl.pipeline.generator import TestDataGenerator
from querynl.request.intent import parse_request
from querynl.synthesis.synthesizer import FakerDataSynthesizer
from tests.databases import execute_statements, fresh_database
from tests.integrity import orphan_foreign_keys, table_contents
from tests.schemas import create_schema

NEVER = 10**12


class _Counted(worker.SynthesisWorker):
    started = 0

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        type(self).started += 1
        super().__init__(*args, **kwargs)


@pytest.fixture
def counted(monkeypatch):
    _Counted.started = 0
    monkeypatch.setattr(worker, "SynthesisWorker", _Counted)
    return _Counted


def _seed(url: str, text: str, seed: int, monkeypatch, threshold: int):
    monkeypatch.setattr(worker, "WORKER_ROWS", threshold)
    engine = make_engine(url)
    try:
        generator = TestDataGenerator(engine)
        schema = generator.introspect()
        run = generator.prepare(parse_request(text, schema, seed=seed), schema)
        return generator.execute(run)
    finally:
        engine.dispose()


def _dialect(url: str) -> str:
    return normalize_url(url).get_backend_name()


def _rejecting_trigger(url: str) -> list[str]:
    """A table whose trigger refuses every row with an id divisible by 5, referenced by
    itself (parent_id) and by a child table."""
    tables = [
        "CREATE TABLE nodes (id INTEGER PRIMARY KEY, label VARCHAR(40) NOT NULL,"
        " parent_id INTEGER REFERENCES nodes(id))",
        "CREATE TABLE leaves (id INTEGER PRIMARY KEY, node_id INTEGER NOT NULL REFERENCES nodes(id),"
        " note VARCHAR(80))",
    ]
    dialect = _dialect(url)
    if dialect == "sqlite":
        return [
            *tables,
            "CREATE TRIGGER no_fives BEFORE INSERT ON nodes WHEN NEW.id % 5 = 0"
            " BEGIN SELECT RAISE(ABORT, 'no fives'); END",
        ]
    if dialect == "postgresql":
        return [
            *tables,
            "CREATE FUNCTION no_fives() RETURNS trigger AS $$ BEGIN IF NEW.id % 5 = 0 THEN"
            " RAISE EXCEPTION 'no fives'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER no_fives BEFORE INSERT ON nodes FOR EACH ROW EXECUTE FUNCTION no_fives()",
        ]
    return [
        *tables,
        "CREATE TRIGGER no_fives BEFORE INSERT ON nodes FOR EACH ROW BEGIN IF NEW.id % 5 = 0 THEN"
        " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no fives'; END IF; END",
    ]


def test_the_worker_writes_the_same_rows_as_one_process(db_url, tmp_path, monkeypatch, counted):
    text = "add 400 customers, 900 orders and 1500 order items"
    with fresh_database(_dialect(db_url), tmp_path) as other:
        create_schema(db_url, "ecommerce")
        create_schema(other, "ecommerce")
        alone = _seed(db_url, text, 21, monkeypatch, threshold=NEVER)
        assert counted.started == 0
        forked = _seed(other, text, 21, monkeypatch, threshold=0)
        assert counted.started == 1
        assert alone.committed and forked.committed
        assert forked.total_inserted == alone.total_inserted > 2_800
        assert forked.load_path == alone.load_path
        assert table_contents(other) == table_contents(db_url)
    assert not multiprocessing.active_children()  # the worker is gone with its run


def test_rejected_rows_are_named_and_take_their_keys_along(db_url, tmp_path, monkeypatch, counted):
    text = "add 300 nodes and 600 leaves"
    # Batches of 50: a batch encoded ahead in the worker can hold a reference to a node the
    # database rejected in an earlier batch, and must be re-read and repaired here.
    monkeypatch.setattr(DIALECTS[_dialect(db_url)].executor_class, "batch_size", 50)
    with fresh_database(_dialect(db_url), tmp_path) as other:
        execute_statements(db_url, _rejecting_trigger(db_url))
        execute_statements(other, _rejecting_trigger(other))
        alone = _seed(db_url, text, 5, monkeypatch, threshold=NEVER)
        forked = _seed(other, text, 5, monkeypatch, threshold=0)
        assert counted.started == 1
        nodes = {t.table_name: t for t in forked.tables}["nodes"]
        assert nodes.failed > 0 and all("no fives" in e.message for e in nodes.errors)
        assert [t.model_dump(exclude={"seconds"}) for t in forked.tables] == [
            t.model_dump(exclude={"seconds"}) for t in alone.tables
        ]
        assert table_contents(other) == table_contents(db_url)
        assert not any(orphan_foreign_keys(other).values())
        leaves = table_contents(other)["leaves"]
        assert leaves and not any(int(row[1]) % 5 == 0 for row in leaves)


def _in_worker(parent: int) -> bool:
    return os.getpid() != parent


def test_a_worker_that_dies_ends_the_run_in_one_line(db_url, monkeypatch):
    create_schema(db_url, "ecommerce")
    before = table_contents(db_url)
    parent, original = os.getpid(), FakerDataSynthesizer.generate_table_data

    def dying(self, table):  # noqa: ANN001, ANN202
        for number, batch in enumerate(original(self, table)):
            if number == 1 and _in_worker(parent):
                os._exit(3)
            yield batch

    monkeypatch.setattr(FakerDataSynthesizer, "batch_size", 100)
    monkeypatch.setattr(FakerDataSynthesizer, "generate_table_data", dying)
    with pytest.raises(RunFailed, match=r"generating process stopped unexpectedly \(exit status 3\)"):
        _seed(db_url, "add 500 customers", 2, monkeypatch, threshold=0)
    assert table_contents(db_url) == before
    assert not multiprocessing.active_children()


class _Unpicklable(Exception):
    def __init__(self, what: str, why: str) -> None:  # two arguments: pickling drops one
        super().__init__(f"{what}: {why}")


@pytest.mark.parametrize(
    ("error", "raised", "words"),
    [
        (ValueError("no more names"), ValueError, "no more names"),
        (_Unpicklable("customers", "no more names"), RuntimeError, "_Unpicklable: customers: no more names"),
    ],
    ids=["pickles", "does-not-pickle"],
)
def test_an_error_in_the_worker_is_raised_here(db_url, monkeypatch, error, raised, words):
    create_schema(db_url, "ecommerce")
    before = table_contents(db_url)
    parent, original = os.getpid(), FakerDataSynthesizer.generate_table_data

    def failing(self, table):  # noqa: ANN001, ANN202
        if table == "orders" and _in_worker(parent):
            raise error
        yield from original(self, table)

    monkeypatch.setattr(FakerDataSynthesizer, "generate_table_data", failing)
    with pytest.raises(raised, match=words):
        _seed(db_url, "add 200 customers and 300 orders", 3, monkeypatch, threshold=0)
    assert table_contents(db_url) == before
    assert not multiprocessing.active_children()
