"""Issue 9 class 8: spatial columns (tests/edge_cases/spatial.py) filled twice on every dialect,
one test per seed (tests/seeds.py: two in CI, ten in `make sweep`): no failed row, no orphan;
then every value, read back by the server, is a valid shape of the declared type and SRID,
inside longitude/latitude bounds, with closed counter-clockwise rings, near a real place, and
the places are spread.

PostGIS tests create the extension in their fresh database; without the package they skip
with the reason (and fail under QUERYNL_REQUIRE_SERVERS=1, as in CI, where .ci/run installs it).
MariaDB 10.11 has no ST_IsValid: rings are checked with ST_IsRing, paths with ST_IsSimple.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import make_url

from tests.corpus_runs import seed_ok
from tests.databases import DIALECTS, connected, execute_statements, fresh_database, q
from tests.edge_cases.spatial import SPATIAL, SPATIAL_COLUMNS, Column, create_postgis, km_to_nearest_place
from tests.edge_schemas import statements
from tests.integrity import assert_integrity, row_counts
from tests.seeds import seeded_cases

pytestmark = pytest.mark.filterwarnings(
    "ignore:Did not recognize type:sqlalchemy.exc.SAWarning"
)  # the helpers reflect
NEAR_KM = 20  # a place is moved up to ~7 km, a multi-shape's parts spread a few more
_FIRST_RINGS = re.compile(r"\(\(([^()]*)\)")


def _create(url: str) -> None:
    dialect = make_url(url).get_backend_name()
    if dialect == "postgresql":
        create_postgis(url)
    execute_statements(url, statements(SPATIAL[dialect]))


SEEDED = seeded_cases([(d,) for d in DIALECTS], lambda d: f"{d}-spatial")


@pytest.mark.parametrize(("dialect", "seed"), SEEDED)
def test_spatial_columns_fill_twice_with_valid_placed_shapes(dialect, seed, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        _create(url)
        for _ in range(2):
            seed_ok(url, "add sample data", seed)
        counts = row_counts(url)
        assert set(counts) == {column.table for column in SPATIAL_COLUMNS[dialect]}
        assert all(counts.values()), counts
        assert_integrity(url)
        for column in SPATIAL_COLUMNS[dialect]:
            values = list(_read(url, column))
            assert values, f"{column.table}.{column.name} is all NULL"
            for shape, srid, valid, text in values:
                _check_value(column, shape, srid, valid, text)
            _check_spread(column, [text for *_, text in values])


# ----- reading the values back -------------------------------------------------------------


def _read(url: str, column: Column) -> Iterator[tuple[str, int, bool, str]]:
    """(type name, SRID, valid by the server, WKT) of each non-NULL value."""
    with connected(url) as (engine, conn):
        table, name = q(engine, column.table), q(engine, column.name)
        sql = {"postgresql": _postgis_sql, "mysql": _mariadb_sql, "sqlite": _sqlite_sql}[engine.dialect.name]
        yield from conn.exec_driver_sql(sql(table, name, column)).fetchall()


def _postgis_sql(table: str, name: str, column: Column) -> str:
    g = f"{name}::gis.geometry"
    text = g if column.geographic else f"gis.ST_Transform({g}, 3857)"  # any projection, read as Mercator
    return (
        f"SELECT gis.GeometryType({g}), gis.ST_SRID({g}), gis.ST_IsValid({g}) AND gis.ST_IsPolygonCCW({g}), "
        f"gis.ST_AsText({text}) FROM {table} WHERE {name} IS NOT NULL"
    )


def _mariadb_sql(table: str, name: str, column: Column) -> str:
    valid = {
        "POLYGON": f"ST_IsRing(ST_ExteriorRing({name}))",
        "LINESTRING": f"ST_IsSimple({name})",
    }.get(column.shape, "1")
    return (
        f"SELECT ST_GeometryType({name}), ST_SRID({name}), {valid}, ST_AsText({name}) "
        f"FROM {table} WHERE {name} IS NOT NULL"
    )


def _sqlite_sql(table: str, name: str, _column: Column) -> str:
    # WKT text: its type is its first word; no SRID; validity is checked from the text
    return (
        f"SELECT substr({name}, 1, instr({name}, '(') - 1), 0, 1, {name} "
        f"FROM {table} WHERE {name} IS NOT NULL"
    )


# ----- what each value must be -------------------------------------------------------------


def _check_value(column: Column, shape: str, srid: int, valid: bool, text: str) -> None:
    where = f"{column.table}.{column.name}: {text[:80]}"
    assert shape.upper().removeprefix("ST_") == column.shape, where
    assert srid == column.srid, where
    assert valid, where
    vertices = _lonlat(column, text)
    assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in vertices), where
    if "POLYGON" in column.shape or column.shape == "GEOMETRYCOLLECTION":
        rings = [_vertices(ring) for ring in _FIRST_RINGS.findall(text)]
        assert rings, where
        for ring in rings:
            assert ring[0] == ring[-1] and len(ring) >= 5, where
            assert _signed_area(ring) > 0, f"clockwise ring in {where}"
    assert km_to_nearest_place(*vertices[0]) < NEAR_KM, where


def _check_spread(column: Column, texts: list[str]) -> None:
    """Not all at one spot (0,0 or any other): distinct values, over many places. (Both runs
    have the same seed, so each value is there twice: a seeded run is reproducible.)"""
    starts = [_lonlat(column, text)[0] for text in texts]
    assert len(set(texts)) >= len(texts) // 2, f"{column.table}.{column.name} repeats values"
    places = {(round(lon), round(lat)) for lon, lat in starts}
    assert len(places) >= max(2, len(starts) // 3), (column, sorted(places))
    assert not any(abs(lon) < 0.01 and abs(lat) < 0.01 for lon, lat in starts)


def _vertices(text: str) -> list[tuple[float, float]]:
    """Each vertex's longitude and latitude (Z and M dropped), in the order written."""
    bare = re.sub(r"[A-Za-z()]", " ", text)
    return [tuple(map(float, vertex.split()[:2])) for vertex in bare.split(",") if vertex.strip()]


def _lonlat(column: Column, text: str) -> list[tuple[float, float]]:
    vertices = _vertices(text)
    return vertices if column.geographic else [_unmercator(*vertex) for vertex in vertices]


def _unmercator(x: float, y: float) -> tuple[float, float]:
    """Web Mercator metres back to longitude and latitude."""
    lon = math.degrees(x / 6378137)
    return lon, math.degrees(2 * math.atan(math.exp(y / 6378137)) - math.pi / 2)


def _signed_area(ring: list[tuple[float, float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))
