"""Tables outside the default schema (issue 9 class 11): the executor names them by schema and
table, each quoted ("Audit"."Events"), on every path (COPY, INSERT, literal statements, the
sequence reset); a bare name with a dot stays one identifier."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

from querynl.db.engine import make_engine
from querynl.dialects import dialect_for
from querynl.schema import TableLocation, default_location
from tests.databases import execute_statements
from tests.loading.support import fetch, insert, raw_execute

LOCATIONS: dict[str, TableLocation] = {"Audit.Events": ("Audit", "Events"), "odd%.x y": ("odd%", "x y")}


def locate(name: str) -> TableLocation:
    return LOCATIONS.get(name, default_location(name))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    execute_statements(  # as written: '%' is no parameter marker here
        db_url,
        [
            'CREATE SCHEMA "Audit"',
            'CREATE SCHEMA "odd%"',
            'CREATE TABLE "Audit"."Events" (id SERIAL PRIMARY KEY, kind TEXT)',
            'CREATE TABLE "odd%"."x y" (id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind TEXT)',
            'CREATE TABLE "Audit.Events" (id INTEGER PRIMARY KEY, kind TEXT)',  # public, a dot in its name
        ],
    )
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def _executor(conn):
    return dialect_for(conn.dialect.name).executor(conn, locate)


@pytest.mark.parametrize("dialect", ["postgresql"])
def test_quoted_schema_and_table_apart(engine):
    with engine.connect() as conn:
        executor = _executor(conn)
        assert executor.quote_table("Audit.Events") == '"Audit"."Events"'
        assert executor.quote_table("odd%.x y") == '"odd%"."x y"'
        assert executor.quote_table("orders") == '"orders"'
        assert dialect_for("postgresql").executor(conn).quote_table("Audit.Events") == '"Audit.Events"'


@pytest.mark.parametrize("dialect", ["postgresql"])
@pytest.mark.parametrize("path", ["literal", "bulk"])
def test_rows_land_in_the_schema_table_and_its_sequence_moves(engine, path):
    rows = [(1, "a"), (2, "b'\\"), (3, "c")]
    with engine.begin() as conn:
        executor = _executor(conn)
        insert(executor, "Audit.Events", ["id", "kind"], rows, path)
        insert(executor, "odd%.x y", ["id", "kind"], rows, path, overriding_system_value=True)
        executor.fix_sequences("Audit.Events", ["id"])
        executor.fix_sequences("odd%.x y", ["id"])
    with engine.begin() as conn:
        assert fetch(conn, 'SELECT id, kind FROM "Audit"."Events" ORDER BY id') == rows
        assert fetch(conn, 'SELECT id, kind FROM "odd%"."x y" ORDER BY id') == rows
        assert fetch(conn, 'SELECT COUNT(*) FROM "Audit.Events"') == [(0,)]
        raw_execute(conn, """INSERT INTO "Audit"."Events" (kind) VALUES ('next')""")
        assert fetch(conn, 'SELECT MAX(id) FROM "Audit"."Events"') == [(4,)]
        raw_execute(conn, """INSERT INTO "odd%"."x y" (kind) VALUES ('next')""")
        assert fetch(conn, 'SELECT MAX(id) FROM "odd%"."x y"') == [(4,)]
