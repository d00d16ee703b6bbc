"""Spatial columns read from each database: kind "geometry" with the declared shape, SRID and
extra dimensions, where SQLAlchemy sees NullType (PostGIS, MariaDB) or an affinity (SQLite)."""

from __future__ import annotations

import warnings

import pytest
from sqlalchemy.exc import SAWarning

from querynl.db.engine import make_engine
from querynl.db.introspection import introspect
from querynl.schema import SchemaMetadata, SpatialType
from tests.databases import execute_statements, fresh_database
from tests.edge_cases.spatial import create_postgis

POSTGIS = """CREATE TABLE parcels (
    id SERIAL PRIMARY KEY,
    outline {s}geometry(Polygon,4326) NOT NULL,
    entrance {s}geography(Point),
    anywhere {s}geography,
    route {s}geometry(LineStringZ,3857),
    geom {s}geometry,
    label TEXT
)"""
EXPECTED_POSTGIS = {
    "outline": SpatialType(shape="polygon", srid=4326),
    "entrance": SpatialType(shape="point", srid=4326, geography=True),
    "anywhere": SpatialType(shape="geometry", srid=4326, geography=True),
    "route": SpatialType(shape="linestring", srid=3857, dims="Z"),
    "geom": SpatialType(),
}


def _introspect(url: str) -> SchemaMetadata:
    engine = make_engine(url)
    try:
        with engine.connect() as conn, warnings.catch_warnings():
            warnings.simplefilter("error", SAWarning)  # no "Did not recognize type" left over
            return introspect(conn)
    finally:
        engine.dispose()


def _spatial(schema: SchemaMetadata, table: str) -> dict[str, SpatialType]:
    columns = schema.table(table).columns
    assert all((c.kind == "geometry") == (c.spatial is not None) for c in columns)
    return {c.name: c.spatial for c in columns if c.spatial is not None}


@pytest.mark.parametrize("schema_name", ["gis", "public"])
def test_postgis_columns(tmp_path, schema_name: str) -> None:
    """The extension in its own schema (types written `gis.geometry(...)`) or in public."""
    with fresh_database("postgresql", tmp_path) as url:
        if schema_name == "gis":
            create_postgis(url)
        else:
            _create_postgis_in_public(url)
        prefix = "gis." if schema_name == "gis" else ""
        execute_statements(url, [POSTGIS.format(s=prefix)])
        schema = _introspect(url)
    assert _spatial(schema, "parcels") == EXPECTED_POSTGIS
    outline = schema.table("parcels").column("outline")
    assert outline.type_name == "geometry(polygon,4326)" and not outline.nullable
    assert schema.table("parcels").column("label").kind == "text"


def _create_postgis_in_public(url: str) -> None:
    create_postgis(url)  # skips where PostGIS is missing
    execute_statements(url, ["DROP EXTENSION postgis", "CREATE EXTENSION postgis"])


def test_mariadb_columns_and_their_srid(tmp_path) -> None:
    with fresh_database("mysql", tmp_path) as url:
        execute_statements(
            url,
            [
                "CREATE TABLE sites (id INT PRIMARY KEY, location POINT REF_SYSTEM_ID=4326 NOT NULL, "
                "outline POLYGON, path LINESTRING, geom GEOMETRY, pins MULTIPOINT, "
                "ways MULTILINESTRING, areas MULTIPOLYGON, bag GEOMETRYCOLLECTION, SPATIAL INDEX (location))"
            ],
        )
        schema = _introspect(url)
    assert _spatial(schema, "sites") == {
        "location": SpatialType(shape="point", srid=4326),
        "outline": SpatialType(shape="polygon"),
        "path": SpatialType(shape="linestring"),
        "geom": SpatialType(),
        "pins": SpatialType(shape="multipoint"),
        "ways": SpatialType(shape="multilinestring"),
        "areas": SpatialType(shape="multipolygon"),
        "bag": SpatialType(shape="geometrycollection"),
    }


def test_sqlite_columns_declared_with_geometry_names(tmp_path) -> None:
    """SQLAlchemy reads POINT as INTEGER and GEOMETRY as NUMERIC by affinity: not numbers here."""
    with fresh_database("sqlite", tmp_path) as url:
        execute_statements(
            url,
            [
                "CREATE TABLE sites (id INTEGER PRIMARY KEY, location POINT, outline POLYGON, "
                "geom GEOMETRY, n INTEGER)"
            ],
        )
        schema = _introspect(url)
    assert _spatial(schema, "sites") == {
        "location": SpatialType(shape="point"),
        "outline": SpatialType(shape="polygon"),
        "geom": SpatialType(),
    }
    location = schema.table("sites").column("location")
    assert location.int_min is None and location.int_max is None
    assert schema.table("sites").column("n").kind == "integer"
