"""The spatial provider: valid shapes of the asked type and SRID, placed near real places."""

from __future__ import annotations

import math
from itertools import combinations

import pytest

from querynl.geometry import Geometry
from querynl.providers import make_faker
from querynl.providers.spatial import SHAPES
from tests.edge_cases.spatial import km_to_nearest_place

DRAWS = 200


@pytest.fixture
def fake():
    fake = make_faker()
    fake.seed_instance(20261201)
    return fake


def signed_area(ring) -> float:
    """Twice the shoelace area: positive for a counter-clockwise ring."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:], strict=False))


def _cross(o, a, b) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def segments_cross(p1, p2, q1, q2) -> bool:
    """Whether two segments properly cross or touch (collinear overlaps count too)."""
    d1, d2 = _cross(q1, q2, p1), _cross(q1, q2, p2)
    d3, d4 = _cross(p1, p2, q1), _cross(p1, p2, q2)
    if ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and 0 not in (d1, d2, d3, d4):
        return True
    return 0 in (d1, d2, d3, d4) and _bounding_overlap(p1, p2, q1, q2)


def _bounding_overlap(p1, p2, q1, q2) -> bool:
    return (
        min(p1[0], p2[0]) <= max(q1[0], q2[0])
        and min(q1[0], q2[0]) <= max(p1[0], p2[0])
        and min(p1[1], p2[1]) <= max(q1[1], q2[1])
        and min(q1[1], q2[1]) <= max(p1[1], p2[1])
    )


def is_simple_path(points, closed: bool) -> bool:
    """No two non-adjacent edges meet (for a ring: the first and last edges are adjacent)."""
    edges = list(zip(points, points[1:], strict=False))
    for (i, a), (j, b) in combinations(enumerate(edges), 2):
        adjacent = j == i + 1 or (closed and i == 0 and j == len(edges) - 1)
        if not adjacent and segments_cross(*a, *b):
            return False
    return True


def assert_valid_ring(ring) -> None:
    assert ring[0] == ring[-1], "ring not closed"
    assert len(ring) >= 5  # at least four distinct vertices
    assert len(set(ring[:-1])) == len(ring) - 1, "repeated vertex"
    assert signed_area(ring) > 0, "ring not counter-clockwise"
    assert is_simple_path(ring, closed=True), "ring crosses itself"


def test_polygons_are_closed_simple_and_counter_clockwise(fake) -> None:
    for _ in range(DRAWS):
        polygon = fake.geometry("polygon", 4326)
        assert polygon.shape == "POLYGON" and polygon.srid == 4326
        (ring,) = polygon.body
        assert_valid_ring(ring)


def test_polygon_size_is_a_parcel(fake) -> None:
    """Tens to a few hundred metres across (in degrees: well under 0.01 of latitude)."""
    for _ in range(DRAWS):
        (ring,) = fake.geometry("polygon", 4326).body
        lats = [y for _x, y in ring]
        assert 0.0001 < max(lats) - min(lats) < 0.005


def test_multipolygon_parts_are_valid_and_apart(fake) -> None:
    for _ in range(DRAWS // 2):
        multi = fake.geometry("multipolygon", 4326)
        assert 2 <= len(multi.body) <= 4
        boxes = []
        for (ring,) in multi.body:
            assert_valid_ring(ring)
            xs, ys = [x for x, _y in ring], [y for _x, y in ring]
            boxes.append((min(xs), max(xs), min(ys), max(ys)))
        for a, b in combinations(boxes, 2):  # bounding boxes apart: the parts cannot overlap
            assert a[1] < b[0] or b[1] < a[0] or a[3] < b[2] or b[3] < a[2]


def test_paths_never_cross_themselves(fake) -> None:
    for _ in range(DRAWS):
        path = fake.geometry("linestring", 4326).body
        assert 3 <= len(path) <= 8
        assert len(set(path)) == len(path)
        assert is_simple_path(path, closed=False)


def test_points_are_on_land_near_real_places_and_spread(fake) -> None:
    points = [fake.geometry("point", 4326).body for _ in range(DRAWS)]
    for lon, lat in points:
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert km_to_nearest_place(lon, lat) < 10
    assert len(set(points)) == DRAWS
    assert len({(round(lon), round(lat)) for lon, lat in points}) > DRAWS // 2  # many places


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_is_of_its_type_and_srid(fake, shape: str) -> None:
    for srid in (4326, 3857, 27700, 0):
        value = fake.geometry(shape, srid)
        assert isinstance(value, Geometry)
        assert value.shape == shape.upper()
        assert value.srid == (srid or 4326)  # no SRID declared: longitude/latitude, tagged 4326
        assert value.wkt.startswith(shape.upper() + "(")


def test_web_mercator_is_the_projection_of_a_real_place(fake) -> None:
    for _ in range(50):
        x, y = fake.geometry("point", 3857).body
        lon = math.degrees(x / 6378137)
        lat = math.degrees(2 * math.atan(math.exp(y / 6378137)) - math.pi / 2)
        assert km_to_nearest_place(lon, lat) < 10


def test_other_projected_srids_are_metres_in_a_grid_range(fake) -> None:
    for _ in range(50):
        (ring,) = fake.geometry("polygon", 27700).body
        assert_valid_ring(ring)
        for x, y in ring:
            assert 100_000 < x < 900_000 and 0 < y < 5_100_000


def test_extra_dimensions(fake) -> None:
    point = fake.geometry("point", 4326, "Z")
    assert len(point.body) == 3 and point.dims == "Z" and point.wkt.startswith("POINT Z (")
    (ring,) = fake.geometry("polygon", 4326, "ZM").body
    assert all(len(c) == 4 for c in ring)
    measured = fake.geometry("linestring", 4326, "M").body
    assert [m for *_xy, m in measured] == [float(i) for i in range(len(measured))]
    collection = fake.geometry("geometrycollection", 3857, "Z")
    assert all(member.dims == "Z" for member in collection.body)
    assert collection.wkt.startswith("GEOMETRYCOLLECTION Z (POINT Z (")


def test_any_shape_is_one_of_the_simple_three(fake) -> None:
    shapes = {fake.geometry("geometry", 4326).shape for _ in range(60)}
    assert shapes == {"POINT", "LINESTRING", "POLYGON"}


def test_a_seed_reproduces_the_shapes() -> None:
    first, second = make_faker(), make_faker()
    first.seed_instance(7)
    second.seed_instance(7)
    assert [first.geometry("multipolygon").wkt for _ in range(5)] == [
        second.geometry("multipolygon").wkt for _ in range(5)
    ]
