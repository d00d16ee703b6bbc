"""Shapes as values: the `Geometry` a provider makes and the forms databases read it in
(WKT, PostGIS EWKT, MySQL's internal SRID + WKB), and declared spatial column types read
from their text (`geometry(Polygon,4326)`, `POINT`, `gis.geography`)."""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, replace
from typing import Any

from querynl.schema import SpatialType

# OGC shape names, their WKB type codes, and the shapes their parts are.
WKB_CODES = {
    "POINT": 1,
    "LINESTRING": 2,
    "POLYGON": 3,
    "MULTIPOINT": 4,
    "MULTILINESTRING": 5,
    "MULTIPOLYGON": 6,
    "GEOMETRYCOLLECTION": 7,
}
PART_SHAPES = {"MULTIPOINT": "POINT", "MULTILINESTRING": "LINESTRING", "MULTIPOLYGON": "POLYGON"}
SPATIAL_TYPE_NAMES = ("geometry", "geography", *(name.lower() for name in WKB_CODES), "geomcollection")
# SQLAlchemy warns that it does not know these types (it reflects them as NullType).
UNKNOWN_TYPE_WARNING = r"Did not recognize type '(?:[^']*\.)?(?:{})'".format("|".join(SPATIAL_TYPE_NAMES))
_TYPE_TEXT = re.compile(
    r'^\s*(?:"?[\w$]+"?\.)?"?(\w+)"?\s*(?:\(\s*(\w+)\s*(?:,\s*(-?\d+)\s*)?\))?\s*$',
    re.IGNORECASE,
)

Coordinate = tuple[float, ...]  # x, y, then z and/or m


@dataclass(frozen=True)
class Geometry:
    """One shape: `body` is a coordinate (POINT), a coordinate list (LINESTRING), a ring
    list (POLYGON), a list of the parts' bodies (MULTI*) or of Geometry (GEOMETRYCOLLECTION).
    Rings are closed; x is the longitude (or easting), y the latitude (or northing)."""

    shape: str  # upper-case OGC name, a key of WKB_CODES
    body: Any
    srid: int = 0
    dims: str = ""  # "", "Z", "M" or "ZM"

    def with_srid(self, srid: int) -> Geometry:
        return self if srid == self.srid else replace(self, srid=srid)

    @property
    def wkt(self) -> str:
        """ISO WKT: `POLYGON((...))`, `POINT Z (1 2 3)`."""
        tag = f"{self.shape} {self.dims} " if self.dims else self.shape
        return tag + _wkt_body(self.shape, self.body)

    @property
    def ewkt(self) -> str:
        """PostGIS extended WKT: the SRID first (`SRID=4326;POINT(1 2)`)."""
        return f"SRID={self.srid};{self.wkt}" if self.srid else self.wkt

    @property
    def wkb(self) -> bytes:
        """Little-endian 2D WKB (the Z and M values are dropped)."""
        return _wkb(self.shape, self.body)

    @property
    def mysql_internal(self) -> bytes:
        """MySQL/MariaDB's stored form: the SRID as 4 little-endian bytes, then the WKB."""
        return struct.pack("<I", self.srid) + self.wkb

    def __str__(self) -> str:
        return self.ewkt


def _number(value: float) -> str:
    """Shortest exact text, never in exponent form (not every WKT reader takes 1e-05)."""
    text = float.__repr__(float(value))
    if "e" in text or "E" in text:
        text = format(float(value), ".12f").rstrip("0")
    return text.removesuffix(".0").removesuffix(".")


def _numbers(coordinate: Coordinate) -> str:
    return " ".join(map(_number, coordinate))


def _wkt_body(shape: str, body: Any) -> str:
    if shape == "POINT":
        return f"({_numbers(body)})"
    if shape == "LINESTRING":
        return "(" + ",".join(map(_numbers, body)) + ")"
    if shape == "POLYGON":
        return "(" + ",".join(_wkt_body("LINESTRING", ring) for ring in body) + ")"
    if shape == "GEOMETRYCOLLECTION":
        return "(" + ",".join(member.wkt for member in body) + ")"
    part = PART_SHAPES[shape]
    return "(" + ",".join(_wkt_body(part, item) for item in body) + ")"


def _points(coordinates: Any) -> bytes:
    return struct.pack("<I", len(coordinates)) + b"".join(struct.pack("<2d", *c[:2]) for c in coordinates)


def _wkb(shape: str, body: Any) -> bytes:
    head = struct.pack("<BI", 1, WKB_CODES[shape])
    if shape == "POINT":
        return head + struct.pack("<2d", *body[:2])
    if shape == "LINESTRING":
        return head + _points(body)
    if shape == "POLYGON":
        return head + struct.pack("<I", len(body)) + b"".join(_points(ring) for ring in body)
    if shape == "GEOMETRYCOLLECTION":
        return head + struct.pack("<I", len(body)) + b"".join(m.wkb for m in body)
    part = PART_SHAPES[shape]
    return head + struct.pack("<I", len(body)) + b"".join(_wkb(part, item) for item in body)


def spatial_type(type_text: str, srid: int | None = None) -> SpatialType | None:
    """The spatial type a column's declared type text names, or None when it names none
    (or a shape not generated: curves, TINs, surfaces). `srid` is the SRID the database
    reports apart from the type text (MySQL/MariaDB)."""
    match = _TYPE_TEXT.match(type_text or "")
    if match is None:
        return None
    base, modifier, typmod_srid = match.group(1).lower(), match.group(2), match.group(3)
    if base not in SPATIAL_TYPE_NAMES:
        return None
    geography = base == "geography"
    shape, dims = shape_and_dims(modifier or base)
    if shape is None:
        return None
    declared = int(typmod_srid) if typmod_srid else (srid or 0)
    return SpatialType(
        shape=shape, srid=declared or (4326 if geography else 0), dims=dims, geography=geography
    )


def shape_and_dims(name: str) -> tuple[str | None, str]:
    """`PointZ` -> (point, Z); `geography` and `geomcollection` name their shapes too."""
    name = name.lower()
    for dims in ("zm", "z", "m", ""):
        if not name.endswith(dims):
            continue
        base = name[: len(name) - len(dims)]
        base = _ALIASES.get(base, base)
        if base == "geometry" or base.upper() in WKB_CODES:
            return base, dims.upper()
    return None, ""


_ALIASES = {"geography": "geometry", "geomcollection": "geometrycollection"}
