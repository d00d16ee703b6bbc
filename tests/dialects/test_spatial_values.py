"""Shapes written by each dialect's codec, on every path a value takes (the batch loader:
COPY, multi-row INSERT literals or executemany; the row-by-row retry's bound parameters;
the literal INSERT of previews and --sql-out), read back by the database exactly."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from querynl.dialects.mysql import MySQLCodec
from querynl.dialects.postgresql import PostgreSQLCodec
from querynl.dialects.sqlite import SQLiteCodec
from querynl.geometry import Geometry
from tests.databases import DIALECTS, connected, execute_statements, executor_for, fresh_database
from tests.edge_cases.spatial import create_postgis
from tests.loading.support import fetch

SQUARE = ((2.0, 48.0), (2.001, 48.0), (2.001, 48.001), (2.0, 48.001), (2.0, 48.0))
SHAPES = [
    Geometry("POINT", (2.3522, 48.8566), 4326),
    Geometry("LINESTRING", ((2.35, 48.85), (2.36, 48.86), (2.37, 48.855)), 4326),
    Geometry("POLYGON", (SQUARE,), 4326),
    Geometry("MULTIPOINT", ((2.35, 48.85), (-0.1276, 51.5072)), 4326),
    Geometry("MULTIPOLYGON", ((SQUARE,), (tuple((x + 0.01, y) for x, y in SQUARE),)), 4326),
    Geometry(
        "GEOMETRYCOLLECTION",
        (Geometry("POINT", (2.35, 48.85)), Geometry("LINESTRING", ((2.35, 48.85), (2.36, 48.86)))),
        4326,
    ),
]
TABLES = {
    "postgresql": "CREATE TABLE shapes (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, g gis.geometry)",
    "mysql": "CREATE TABLE shapes (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, g GEOMETRY NOT NULL)",
    "sqlite": "CREATE TABLE shapes (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, g GEOMETRY)",
}
# What the database holds, as (SRID, 2D little-endian WKB) or, for SQLite, the WKT text.
READ_BACK = {
    "postgresql": "SELECT gis.ST_SRID(g), gis.ST_AsBinary(g, 'NDR') FROM shapes ORDER BY id",
    "mysql": "SELECT ST_SRID(g), ST_AsBinary(g) FROM shapes ORDER BY id",
    "sqlite": "SELECT 0, g FROM shapes ORDER BY id",
}


def test_each_codec_writes_a_shape_as_its_database_reads_it() -> None:
    point = SHAPES[0]
    assert SQLiteCodec().literal(point) == "'POINT(2.3522 48.8566)'"
    assert SQLiteCodec().param(point) == "POINT(2.3522 48.8566)"
    postgres = PostgreSQLCodec()
    assert postgres.literal(point) == "'SRID=4326;POINT(2.3522 48.8566)'"
    assert postgres.param(point) == "SRID=4326;POINT(2.3522 48.8566)"
    assert postgres.copy_field(point) == "SRID=4326;POINT(2.3522 48.8566)"
    mysql = MySQLCodec(type("Driver", (), {"server_status": 0})())
    assert mysql.literal(point) == "X'" + point.mysql_internal.hex() + "'"
    assert mysql.param(point) == point.mysql_internal


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("path", ["batch", "retry", "literal"])
def test_shapes_round_trip(dialect: str, path: str, tmp_path) -> None:
    with fresh_database(dialect, tmp_path) as url:
        if dialect == "postgresql":
            create_postgis(url)
        execute_statements(url, [TABLES[dialect]])
        rows = [(i, i, shape) for i, shape in enumerate(SHAPES)]
        _insert(url, path, rows)
        with connected(url) as (_engine, conn):
            found = fetch(conn, READ_BACK[make_url(url).get_backend_name()])
    expected = [(0, s.wkt) if dialect == "sqlite" else (s.srid, s.wkb) for s in SHAPES]
    assert [(srid, bytes(v) if isinstance(v, bytes | memoryview) else v) for srid, v in found] == expected


def _insert(url: str, path: str, rows: list[tuple]) -> None:
    columns = ["id", "n", "g"]
    with connected(url) as (_engine, conn):
        executor = executor_for(conn)
        if path == "literal":
            conn.exec_driver_sql(executor.build_insert_statement("shapes", columns, rows))
        else:
            # a NOT NULL violation fails the batch: every other row is retried with bound parameters
            batch = [*rows, (len(rows), None, SHAPES[0])] if path == "retry" else rows
            result = executor.execute_insertion("shapes", columns, [batch], requested=len(batch))
            assert (result.inserted, result.failed) == (len(rows), len(batch) - len(rows))
        conn.commit()
