"""The rule planner's shape for a geometry column (the declared one, else a hint in its name),
and plan validation of geometry columns."""

from __future__ import annotations

import pytest

from querynl.models import ColumnGenerationConfig, TestDataRequest
from querynl.planning.columns.rules import choose_provider
from querynl.planning.rule_planner import RuleBasedPlanner
from querynl.planning.validation import validate_plan
from querynl.schema import ColumnInfo, SchemaMetadata, SpatialType, TableInfo


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


SPATIAL_SCHEMA = SchemaMetadata(
    dialect="postgresql",
    tables=[
        TableInfo(
            name="parcels",
            columns=[
                ColumnInfo(name="id", type_name="INTEGER", kind="integer", nullable=False),
                ColumnInfo(
                    name="outline",
                    type_name="geometry(polygon,4326)",
                    kind="geometry",
                    nullable=False,
                    spatial=SpatialType(shape="polygon", srid=4326),
                ),
            ],
            primary_key=["id"],
        )
    ],
)


def test_the_rule_plan_of_a_geometry_column_validates() -> None:
    plan = RuleBasedPlanner().plan(SPATIAL_SCHEMA, TestDataRequest(user_query="add sample data"))
    outline = next(c for c in plan.table("parcels").columns if c.column_name == "outline")
    assert (outline.faker_provider, outline.provider_args) == (
        "geometry",
        {"shape": "polygon", "srid": 4326, "dims": ""},
    )
    assert validate_plan(plan, SPATIAL_SCHEMA) == []


def test_a_plan_filling_a_geometry_column_with_text_is_refused() -> None:
    """An LLM plan may name any provider: only shapes fit a geometry column."""
    plan = RuleBasedPlanner().plan(SPATIAL_SCHEMA, TestDataRequest(user_query="add sample data"))
    columns = plan.table("parcels").columns
    columns[:] = [
        ColumnGenerationConfig(column_name="outline", faker_provider="pystr")
        if c.column_name == "outline"
        else c
        for c in columns
    ]
    assert validate_plan(plan, SPATIAL_SCHEMA) == [
        "parcels.outline: a geometry column needs the geometry provider"
    ]
