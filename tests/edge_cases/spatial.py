"""Issue 9 class 8: spatial types, one schema per dialect, as {dialect: DDL}, and what each
spatial column must hold, as {dialect: [Column]}.

PostGIS lives in its own schema (`gis`, created by the test with the extension) so its
spatial_ref_sys table is not among the tables filled, and the types are written qualified
(`gis.geometry(...)`), as format_type reports them when `gis` is not on the search path.
MariaDB writes the SRID of a column as REF_SYSTEM_ID (MySQL 8 would say SRID 4326), and a
SPATIAL INDEX needs a NOT NULL column. SQLite, without SpatiaLite, keeps WKT text in columns
declared with the geometry type names.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from faker.providers.geo import Provider as GeoProvider

from tests.databases import execute_statements, skip_or_fail


class Column(NamedTuple):
    table: str
    name: str
    shape: str  # the OGC type name its values have
    srid: int  # the SRID its values have (4326 where the column declares none)
    geographic: bool = True  # coordinates are longitude/latitude (else metres, read as Web Mercator)


PLACES = [(float(lon), float(lat)) for lat, lon, *_ in GeoProvider.land_coords]  # Faker's places


def km_to_nearest_place(lon: float, lat: float) -> float:
    """Great-circle kilometres to the nearest of Faker's places on land."""

    def km(place: tuple[float, float]) -> float:
        lon2, lat2 = place
        p1, p2 = math.radians(lat), math.radians(lat2)
        across = math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon) / 2) ** 2
        h = math.sin((p2 - p1) / 2) ** 2 + across
        return 2 * 6371 * math.asin(math.sqrt(min(1.0, h)))

    return min(map(km, PLACES))


POSTGIS_SETUP = ["CREATE SCHEMA gis", "CREATE EXTENSION postgis SCHEMA gis"]


def create_postgis(url: str) -> None:
    """PostGIS in schema `gis` of a fresh database; skip (fail in CI) where it is not installed."""
    try:
        execute_statements(url, POSTGIS_SETUP)
    except Exception as exc:  # noqa: BLE001 - any failure here means PostGIS is not installed
        reason = str(exc).splitlines()[0]
        skip_or_fail(f"PostGIS not available (apt-get install postgresql-15-postgis-3): {reason}")


SPATIAL = {
    "postgresql": """
CREATE TABLE districts (
    id SERIAL PRIMARY KEY,
    name VARCHAR(60) NOT NULL,
    boundary gis.geometry(MultiPolygon,4326)
);
CREATE TABLE parcels (
    id SERIAL PRIMARY KEY,
    district_id INTEGER NOT NULL REFERENCES districts (id),
    outline gis.geometry(Polygon,4326) NOT NULL CHECK (gis.ST_IsValid(outline)),
    centroid gis.geometry(Point,4326),
    entrance gis.geography(Point),
    site_area gis.geography,
    access_route gis.geometry(LineString,3857),
    geom gis.geometry,
    footprint gis.geometry NOT NULL CHECK (gis.ST_IsValid(footprint) AND gis.ST_SRID(footprint) = 4326
        AND gis.GeometryType(footprint) = 'POLYGON'),
    survey_point gis.geometry(PointZ,4326),
    lot_utm gis.geometry(Polygon,32633)
);
CREATE TABLE legacy_roads (
    id SERIAL PRIMARY KEY,
    district_id INTEGER REFERENCES districts (id),
    the_geom gis.geometry,
    CONSTRAINT enforce_geotype_the_geom
        CHECK (gis.geometrytype(the_geom) = 'LINESTRING'::text OR the_geom IS NULL),
    CONSTRAINT enforce_srid_the_geom CHECK (gis.st_srid(the_geom) = 3857),
    CONSTRAINT enforce_dims_the_geom CHECK (gis.st_ndims(the_geom) = 2)
);
""",
    "mysql": """
CREATE TABLE districts (
    id INT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(60) NOT NULL,
    boundary POLYGON
);
CREATE TABLE sites (
    id INT AUTO_INCREMENT PRIMARY KEY,
    district_id INT NOT NULL,
    location POINT REF_SYSTEM_ID=4326 NOT NULL,
    outline POLYGON REF_SYSTEM_ID=4326,
    route LINESTRING,
    geom GEOMETRY,
    entrances MULTIPOINT,
    extras GEOMETRYCOLLECTION,
    SPATIAL INDEX (location),
    FOREIGN KEY (district_id) REFERENCES districts (id)
);
CREATE TABLE legacy_roads (
    id INT AUTO_INCREMENT PRIMARY KEY,
    shape GEOMETRY NOT NULL,
    CONSTRAINT road_type CHECK (ST_GeometryType(shape) = 'LINESTRING'),
    CONSTRAINT road_srid CHECK (ST_SRID(shape) = 3857)
);
""",
    "sqlite": """
CREATE TABLE districts (
    id INTEGER PRIMARY KEY,
    name VARCHAR(60) NOT NULL,
    boundary MULTIPOLYGON
);
CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    district_id INTEGER NOT NULL REFERENCES districts (id),
    location POINT NOT NULL CHECK (location LIKE 'POINT(%'),
    outline POLYGON,
    route LINESTRING,
    geom GEOMETRY
);
""",
}

SPATIAL_COLUMNS = {
    "postgresql": [
        Column("districts", "boundary", "MULTIPOLYGON", 4326),
        Column("parcels", "outline", "POLYGON", 4326),
        Column("parcels", "centroid", "POINT", 4326),
        Column("parcels", "entrance", "POINT", 4326),
        Column("parcels", "site_area", "POLYGON", 4326),  # any shape: `area` makes it a polygon
        Column("parcels", "access_route", "LINESTRING", 3857, geographic=False),
        Column("parcels", "geom", "POLYGON", 4326),
        Column("parcels", "footprint", "POLYGON", 4326),
        Column("parcels", "survey_point", "POINT", 4326),
        Column("parcels", "lot_utm", "POLYGON", 32633, geographic=False),
        # PostGIS 1.x style: plain geometry, shape and SRID in CHECKs (its name says polygon)
        Column("legacy_roads", "the_geom", "LINESTRING", 3857, geographic=False),
    ],
    "mysql": [
        Column("districts", "boundary", "POLYGON", 4326),
        Column("sites", "location", "POINT", 4326),
        Column("sites", "outline", "POLYGON", 4326),
        Column("sites", "route", "LINESTRING", 4326),
        Column("sites", "geom", "POLYGON", 4326),
        Column("sites", "entrances", "MULTIPOINT", 4326),
        Column("sites", "extras", "GEOMETRYCOLLECTION", 4326),
        Column("legacy_roads", "shape", "LINESTRING", 3857, geographic=False),  # from its CHECKs
    ],
    "sqlite": [
        Column("districts", "boundary", "MULTIPOLYGON", 0),
        Column("sites", "location", "POINT", 0),
        Column("sites", "outline", "POLYGON", 0),
        Column("sites", "route", "LINESTRING", 0),
        Column("sites", "geom", "POLYGON", 0),
    ],
}
