"""The shape and SRID a spatial column's CHECKs name (PostGIS 1.x style, MariaDB/MySQL)."""

from __future__ import annotations

import pytest

from querynl.checks.spatial import refined, spatial_hints
from querynl.schema import SpatialType


@pytest.mark.parametrize(
    ("checks", "read", "hints"),
    [
        (
            [
                "((gis.geometrytype(the_geom) = 'LINESTRING'::text) OR (the_geom IS NULL))",
                "(gis.st_srid(the_geom) = 3857)",
                "(gis.st_ndims(the_geom) = 2)",
            ],
            "postgres",
            {"the_geom": {"shape": "linestring", "srid": 3857}},
        ),
        (["geometrytype(geom) = 'MULTIPOLYGONM'::text"], "postgres", {"geom": {"shape": "multipolygon"}}),
        (["ST_GeometryType(geom) = 'ST_Point'"], "postgres", {"geom": {"shape": "point"}}),
        (["st_geometrytype(`shape`) = 'LINESTRING'", "srid(`shape`) = 3857"], "mysql",
         {"shape": {"shape": "linestring", "srid": 3857}}),
        (["4326 = ST_SRID(g)"], "mysql", {"g": {"srid": 4326}}),
        # the first alternative of a disjunction is enough
        (["geometrytype(g) = 'POLYGON' OR geometrytype(g) = 'MULTIPOLYGON'"], "postgres",
         {"g": {"shape": "polygon"}}),
        # not hints: negated, not a spatial function, not a constant, not a shape, unparsable
        (["NOT (geometrytype(g) = 'POINT')"], "postgres", {}),
        (["st_ndims(g) = 2", "length(name) = 4"], "postgres", {}),
        (["st_srid(g) = st_srid(h)", "geometrytype(g) = 'CIRCULARSTRING'"], "postgres", {}),
        (["geometrytype(g) = = 'POINT'"], "postgres", {}),
    ],
)  # fmt: skip
def test_hints(checks: list[str], read: str, hints: dict) -> None:
    assert spatial_hints(checks, read) == hints


def test_hints_refine_only_what_the_type_leaves_open() -> None:
    hint = {"shape": "linestring", "srid": 3857}
    assert refined(SpatialType(), hint) == SpatialType(shape="linestring", srid=3857)
    declared = SpatialType(shape="point", srid=4326)
    assert refined(declared, hint) == declared
    assert refined(SpatialType(dims="Z"), {}) == SpatialType(dims="Z")
