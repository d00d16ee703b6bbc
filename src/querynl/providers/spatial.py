"""Shapes on the map: points near real places, short paths, small parcels and their collections.

Every shape is drawn around one place on land (Faker's `location_on_land`, moved up to a few
kilometres so no two rows share it) in a local frame of metres east and north of it, then
written in the column's reference system:

* geographic SRIDs (4326 and the other EPSG 4xxx codes, or none declared: then tagged 4326):
  longitude and latitude in degrees, in that order (6 decimals, ~0.1 m);
* Web Mercator (3857 and its aliases): the exact spherical projection, in metres;
* WGS 84 / UTM zones (326zz north, 327zz south): around a place inside the zone, projected
  (`projections.py`), in metres;
* any other (projected) SRID, which cannot be transformed without PROJ: metres around a
  false origin inside the usual range of national grids.

Polygons are simple by construction: their vertices go counter-clockwise around the centre
at increasing angles, each gap under half a turn, so every edge stays in its own sector.
Paths advance along one heading (no step turns back more than 70°), so they never cross
themselves; the parts of a multi-shape are set apart farther than their sizes.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from faker.providers.geo import Provider as GeoProvider

from querynl.geometry import PART_SHAPES, Coordinate, Geometry
from querynl.providers.base import QueryNLProvider
from querynl.providers.projections import EARTH_RADIUS, MERCATOR_SRIDS, mercator, utm, utm_band, utm_zone

WGS84 = 4326  # what longitude/latitude without a declared SRID is tagged with
METRES_PER_DEGREE = math.pi * EARTH_RADIUS / 180
LAND = tuple((float(lon), float(lat)) for lat, lon, *_ in GeoProvider.land_coords)  # Faker's places
PROJECTED_ORIGIN = ((200_000, 800_000), (100_000, 5_000_000))  # false easting, northing ranges
SHAPES = ("point", "linestring", "polygon", *(s.lower() for s in PART_SHAPES), "geometrycollection")

Frame = Callable[[float, float], Coordinate]  # metres east and north of the place -> x, y


def is_geographic(srid: int) -> bool:
    """Longitude/latitude in degrees: EPSG's geographic 2D codes, or no SRID at all."""
    return srid == 0 or 4000 <= srid < 5000


class SpatialProvider(QueryNLProvider):
    def geometry(self, shape: str = "point", srid: int = 4326, dims: str = "") -> Geometry:
        """A valid shape of `shape` (point, linestring, polygon, multipoint, multilinestring,
        multipolygon, geometrycollection; geometry: any of the first three) in `srid`, with
        `dims` (Z: elevation in metres, M: a measure) beyond x and y."""
        shape = shape.lower()
        if shape not in SHAPES:
            shape = self.random_element(("point", "linestring", "polygon"))
        frame = self._frame(srid)
        extra = self._extra(dims.upper())
        body = self._body(shape.upper(), frame, extra, dims.upper())
        return Geometry(shape.upper(), body, srid or WGS84, dims.upper())

    # ----- frames ----------------------------------------------------------------------

    def _frame(self, srid: int) -> Frame:
        zone = utm_zone(srid)
        if not (is_geographic(srid) or srid in MERCATOR_SRIDS or zone):
            (x_low, x_high), (y_low, y_high) = PROJECTED_ORIGIN
            x0 = self.generator.random.uniform(x_low, x_high)
            y0 = self.generator.random.uniform(y_low, y_high)
            return lambda east, north: _rounded((x0 + east, y0 + north), 2)
        lon, lat = self._place(zone)
        if srid in MERCATOR_SRIDS:
            return lambda east, north: mercator(*_degrees(lon, lat, east, north))
        if zone is not None:
            return lambda east, north: utm(*_degrees(lon, lat, east, north), *zone)
        return lambda east, north: _rounded(_degrees(lon, lat, east, north), 6)

    def _place(self, zone: tuple[int, bool] | None) -> tuple[float, float]:
        """Longitude and latitude up to ~5 km from a real place on land (in the UTM zone if
        one is given; kept off the poles and the antimeridian, where a shape's few
        kilometres would wrap around)."""
        rng = self.generator.random
        lon, lat = self._landmark(zone)
        lon, lat = _degrees(lon, lat, rng.uniform(-5000, 5000), rng.uniform(-5000, 5000))
        west, east = (-179.0, 179.0) if zone is None else utm_band(zone[0])
        low, high = (-80.0, 80.0) if zone is None else ((-80.0, -0.1) if zone[1] else (0.1, 84.0))
        return max(west, min(east, lon)), max(low, min(high, lat))

    def _landmark(self, zone: tuple[int, bool] | None) -> tuple[float, float]:
        """A place on land (within the UTM zone's band and hemisphere; a point in it when
        it has none)."""
        if zone is None:
            lat, lon, *_ = self.generator.location_on_land()
            return float(lon), float(lat)
        (west, east), south = utm_band(zone[0]), zone[1]
        inside = [(lon, lat) for lon, lat in LAND if west <= lon < east and (lat < 0) == south]
        if inside:
            return self.random_element(inside)
        rng = self.generator.random
        return rng.uniform(west + 0.5, east - 0.5), rng.uniform(-60, -1) if south else rng.uniform(1, 60)

    def _extra(self, dims: str) -> Callable[[int], tuple[float, ...]]:
        """The Z (elevation) and M (measure: the vertex number) values of vertex i."""
        ground = round(self.generator.random.uniform(0, 500), 1)
        if dims == "ZM":
            return lambda i: (ground, float(i))
        if dims == "Z":
            return lambda i: (ground,)
        if dims == "M":
            return lambda i: (float(i),)
        return lambda i: ()

    # ----- shapes in a frame ------------------------------------------------------------

    def _body(self, shape: str, frame: Frame, extra: Callable[[int], tuple], dims: str) -> object:
        rng = self.generator.random
        if shape == "POINT":
            return frame(0.0, 0.0) + extra(0)
        if shape == "LINESTRING":
            return self._path(frame, extra, 0.0, 0.0)
        if shape == "POLYGON":
            return self._ring(frame, extra, 0.0, 0.0)
        if shape == "GEOMETRYCOLLECTION":
            parts = ("POINT", "LINESTRING", "POLYGON")
            offsets = _apart(rng.uniform(0, 2 * math.pi), len(parts))
            bodies = [self._part(p, frame, extra, *offsets[i]) for i, p in enumerate(parts)]
            return tuple(Geometry(p, b, 0, dims) for p, b in zip(parts, bodies, strict=True))
        count = rng.randint(2, 4)
        offsets = _apart(rng.uniform(0, 2 * math.pi), count)
        if shape == "MULTIPOINT":  # points need no room: scattered within a kilometre
            offsets = [(rng.uniform(-800, 800), rng.uniform(-800, 800)) for _ in range(count)]
        return tuple(self._part(PART_SHAPES[shape], frame, extra, *offsets[i]) for i in range(count))

    def _part(self, shape: str, frame: Frame, extra: Callable[[int], tuple], east: float, north: float):
        if shape == "POINT":
            return frame(east, north) + extra(0)
        if shape == "LINESTRING":
            return self._path(frame, extra, east, north)
        return self._ring(frame, extra, east, north)

    def _path(self, frame: Frame, extra: Callable[[int], tuple], east: float, north: float) -> tuple:
        """3 to 8 vertices, 40-250 m apart, never turning back: a short walk or drive."""
        rng = self.generator.random
        heading = rng.uniform(0, 2 * math.pi)
        vertices = [frame(east, north) + extra(0)]
        for i in range(1, rng.randint(3, 8)):
            step = rng.uniform(40, 250)
            turn = heading + rng.uniform(-1.2, 1.2)  # within ~70° of the heading
            east, north = east + step * math.cos(turn), north + step * math.sin(turn)
            vertices.append(frame(east, north) + extra(i))
        return tuple(vertices)

    def _ring(self, frame: Frame, extra: Callable[[int], tuple], east: float, north: float) -> tuple:
        """One closed counter-clockwise ring of 4 to 9 vertices, 30-200 m from its centre."""
        rng = self.generator.random
        count = rng.randint(4, 9)
        spacing = 2 * math.pi / count
        start = rng.uniform(0, 2 * math.pi)
        radius = rng.uniform(30, 200)
        ring = []
        for i in range(count):
            angle = start + spacing * (i + rng.uniform(-0.3, 0.3))
            reach = radius * rng.uniform(0.7, 1.0)
            ring.append(frame(east + reach * math.cos(angle), north + reach * math.sin(angle)) + extra(i))
        return ((*ring, ring[0]),)


def _apart(direction: float, count: int) -> list[tuple[float, float]]:
    """Offsets 600 m apart along a line: farther than any two parts' sizes (200 m each)."""
    return [(600.0 * i * math.cos(direction), 600.0 * i * math.sin(direction)) for i in range(count)]


def _degrees(lon: float, lat: float, east: float, north: float) -> tuple[float, float]:
    """The longitude and latitude `east` and `north` metres from (lon, lat)."""
    lat2 = lat + north / METRES_PER_DEGREE
    lon2 = lon + east / (METRES_PER_DEGREE * max(math.cos(math.radians(lat)), 0.1))
    return lon2, lat2


def _rounded(coordinate: tuple[float, float], digits: int) -> Coordinate:
    return round(coordinate[0], digits), round(coordinate[1], digits)
