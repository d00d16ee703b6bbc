"""Shapes as values (WKT, EWKT, WKB, MySQL's stored form) and declared spatial types read from
their text."""

from __future__ import annotations

import struct

import pytest

from querynl.geometry import Geometry, spatial_type
from querynl.schema import SpatialType

SQUARE = ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0))


@pytest.mark.parametrize(
    ("geometry", "wkt"),
    [
        (Geometry("POINT", (1.5, -2.0)), "POINT(1.5 -2)"),
        (Geometry("POINT", (0.00001, 1e-7)), "POINT(0.00001 0.0000001)"),  # never 1e-05
        (Geometry("LINESTRING", ((0, 0), (2, 3))), "LINESTRING(0 0,2 3)"),
        (Geometry("POLYGON", (SQUARE,)), "POLYGON((0 0,1 0,1 1,0 1,0 0))"),
        (Geometry("MULTIPOINT", ((1, 2), (3, 4))), "MULTIPOINT((1 2),(3 4))"),
        (Geometry("MULTILINESTRING", (((0, 0), (1, 1)),)), "MULTILINESTRING((0 0,1 1))"),
        (Geometry("MULTIPOLYGON", ((SQUARE,),)), "MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)))"),
        (
            Geometry(
                "GEOMETRYCOLLECTION", (Geometry("POINT", (1, 2)), Geometry("LINESTRING", ((0, 0), (1, 1))))
            ),
            "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1))",
        ),
        (Geometry("POINT", (1, 2, 30.5), dims="Z"), "POINT Z (1 2 30.5)"),
        (Geometry("LINESTRING", ((1, 2, 0), (3, 4, 1)), dims="M"), "LINESTRING M (1 2 0,3 4 1)"),
    ],
)
def test_wkt(geometry: Geometry, wkt: str) -> None:
    assert geometry.wkt == wkt
    assert geometry.ewkt == wkt  # no SRID: plain WKT
    assert geometry.with_srid(4326).ewkt == f"SRID=4326;{wkt}"
    assert str(geometry.with_srid(3857)) == f"SRID=3857;{wkt}"


def test_wkb_and_mysql_stored_form() -> None:
    point = Geometry("POINT", (1.0, 2.0), 4326)
    assert point.wkb.hex() == "0101000000000000000000f03f0000000000000040"
    assert point.mysql_internal == struct.pack("<I", 4326) + point.wkb
    polygon = Geometry("POLYGON", (SQUARE,))
    assert polygon.wkb == struct.pack("<BII I", 1, 3, 1, 5) + b"".join(struct.pack("<2d", *c) for c in SQUARE)
    multi = Geometry("MULTIPOINT", ((1.0, 2.0),))
    assert multi.wkb == struct.pack("<BII", 1, 4, 1) + Geometry("POINT", (1.0, 2.0)).wkb
    # Z and M are dropped (MySQL stores 2D shapes only)
    assert Geometry("POINT", (1.0, 2.0, 9.0), dims="Z").wkb == point.wkb


@pytest.mark.parametrize(
    ("text", "srid", "expected"),
    [
        ("geometry(Polygon,4326)", None, SpatialType(shape="polygon", srid=4326)),
        ("gis.geometry(Point,4326)", None, SpatialType(shape="point", srid=4326)),
        ('"gis"."geometry"(LineString,3857)', None, SpatialType(shape="linestring", srid=3857)),
        ("geometry(PointZ,3857)", None, SpatialType(shape="point", srid=3857, dims="Z")),
        ("geometry(MultiPolygonZM)", None, SpatialType(shape="multipolygon", dims="ZM")),
        (
            "geometry(GeometryCollectionM,4326)",
            None,
            SpatialType(shape="geometrycollection", srid=4326, dims="M"),
        ),
        ("geometry", None, SpatialType()),
        ("geography", None, SpatialType(srid=4326, geography=True)),  # geography defaults to 4326
        ("geography(Point,4326)", None, SpatialType(shape="point", srid=4326, geography=True)),
        ("POINT", 4326, SpatialType(shape="point", srid=4326)),  # MySQL: SRID reported apart
        ("multipoint", None, SpatialType(shape="multipoint")),
        ("geomcollection", 0, SpatialType(shape="geometrycollection")),
        ("GEOMETRY", None, SpatialType()),
    ],
)
def test_spatial_types_from_declared_text(text: str, srid: int | None, expected: SpatialType) -> None:
    assert spatial_type(text, srid) == expected


@pytest.mark.parametrize(
    "text",
    ["integer", "text", "geometry(CircularString,4326)", "geometry(Tin)", "pointless", "", "box2d"],
)
def test_other_types_are_not_spatial(text: str) -> None:
    assert spatial_type(text) is None
