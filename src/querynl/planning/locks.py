"""Columns whose values the schema fixes: a model's proposal never changes them."""

from __future__ import annotations

from querynl.models import ColumnGenerationConfig, TableGenerationConfig
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


def link_reason(config: TableGenerationConfig, column: str) -> str | None:
    """A column a link derives from others of the row (an email from the name, the parts of
    one address): its values are the link's, whatever its provider."""
    for link in config.links:
        if link.kind == "derived_from" and link.column == column:
            return "derived from other columns of the row"
        if link.kind == "same_address" and column in link.parts.values():
            return "part of one address with other columns of the row"
    return None
