"""The map projections a shape can be written in without PROJ: spherical Web Mercator (exact)
and WGS 84 / UTM (Krüger's series to the third order: well under a millimetre in its zone)."""

from __future__ import annotations

import math

EARTH_RADIUS = 6_378_137.0  # WGS 84 semi-major axis: Web Mercator's sphere
MERCATOR_SRIDS = frozenset({3857, 3785, 900913, 102100, 102113})
MAX_MERCATOR_LATITUDE = 85.0
UTM_NORTH, UTM_SOUTH = 32600, 32700  # EPSG 326zz / 327zz: WGS 84 / UTM zone zz N / S
_UTM_SCALE = 0.9996
_N = (1 / 298.257223563) / (2 - 1 / 298.257223563)  # WGS 84 third flattening
_A = EARTH_RADIUS / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)  # rectifying radius
_ALPHA = (_N / 2 - 2 * _N**2 / 3 + 5 * _N**3 / 16, 13 * _N**2 / 48 - 3 * _N**3 / 5, 61 * _N**3 / 240)
_E = 2 * math.sqrt(_N) / (1 + _N)  # the first eccentricity


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator metres (EPSG 3857) of a longitude and latitude, to the centimetre."""
    lat = max(-MAX_MERCATOR_LATITUDE, min(MAX_MERCATOR_LATITUDE, lat))
    x = math.radians(lon) * EARTH_RADIUS
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * EARTH_RADIUS
    return round(x, 2), round(y, 2)


def utm_zone(srid: int) -> tuple[int, bool] | None:
    """(zone, southern hemisphere) of a WGS 84 / UTM SRID, or None."""
    for base, south in ((UTM_NORTH, False), (UTM_SOUTH, True)):
        if base + 1 <= srid <= base + 60:
            return srid - base, south
    return None


def utm_band(zone: int) -> tuple[float, float]:
    """The longitudes a UTM zone covers."""
    west = -180.0 + 6 * (zone - 1)
    return west, west + 6


def utm(lon: float, lat: float, zone: int, south: bool) -> tuple[float, float]:
    """Easting and northing in metres (to the centimetre) in a WGS 84 UTM zone."""
    phi = math.radians(lat)
    dlam = math.radians(lon - (utm_band(zone)[0] + 3))
    t = math.sinh(math.atanh(math.sin(phi)) - _E * math.atanh(_E * math.sin(phi)))
    xi = math.atan2(t, math.cos(dlam))
    eta = math.atanh(math.sin(dlam) / math.sqrt(1 + t * t))
    east = eta + sum(a * math.cos(2 * j * xi) * math.sinh(2 * j * eta) for j, a in enumerate(_ALPHA, 1))
    north = xi + sum(a * math.sin(2 * j * xi) * math.cosh(2 * j * eta) for j, a in enumerate(_ALPHA, 1))
    easting = 500_000 + _UTM_SCALE * _A * east
    northing = (10_000_000 if south else 0) + _UTM_SCALE * _A * north
    return round(easting, 2), round(northing, 2)
