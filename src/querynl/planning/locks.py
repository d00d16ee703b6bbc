"""Columns whose values the schema fixes: a model's proposal never changes them."""

from __future__ import annotations

from querynl.models import ColumnGenerationConfig
from querynl.schema import ColumnInfo

# the rule planner's reasons for a choice read from a CHECK (rule_planner._choice_from_check...)
CHECK_REASONS = frozenset({"values allowed by a CHECK", "range allowed by a CHECK"})


def fixed_reason(column: ColumnInfo, config: ColumnGenerationConfig) -> str | None:
    """Why the rule's choice for `column` stays whatever a model says, or None when it may change."""
    if column.kind == "enum" or column.enum_values:
        return "its values are the enum's"
    if column.kind == "geometry":
        return "a geometry column keeps the geometry provider"
    if config.note in CHECK_REASONS:
        return "its values are fixed by a CHECK"
    return None
