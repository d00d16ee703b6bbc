"""The rule planner's shape for a geometry column: the declared one, else a hint in its name."""

from __future__ import annotations

import pytest

from querynl.planning.columns.rules import choose_provider
from querynl.schema import ColumnInfo, SpatialType, TableInfo


@pytest.mark.parametrize(
    ("name", "declared", "shape"),
    [
        ("outline", SpatialType(shape="polygon", srid=4326), "polygon"),  # the declared shape wins
        ("route", SpatialType(shape="multipoint"), "multipoint"),
        ("geom", SpatialType(), "polygon"),
        ("the_geom", SpatialType(), "polygon"),
        ("location", SpatialType(), "point"),
        ("pickupLocation", SpatialType(), "point"),
        ("delivery_route", SpatialType(), "linestring"),
        ("trackPath", SpatialType(), "linestring"),
        ("site_boundary", SpatialType(), "polygon"),
        ("service_areas", SpatialType(), "polygon"),
        ("spatial_data", SpatialType(), "point"),  # no hint: a point
    ],
)
def test_rule_planner_picks_the_shape(name: str, declared: SpatialType, shape: str) -> None:
    column = ColumnInfo(name=name, type_name="geometry", kind="geometry", spatial=declared)
    choice = choose_provider(TableInfo(name="places", columns=[column]), column)
    assert choice.provider == "geometry"
    assert choice.args == {"shape": shape, "srid": declared.srid, "dims": declared.dims}
