"""A plan's row links checked against the live schema and the plan (planning/validation.py
runs this for every plan, the rules' or a model's): the columns a link names are inserted by
the table and of a kind the link can set, its foreign keys are the plan's own, its parents'
columns exist; a sum's columns are numeric and a foreign key of the schema joins its lines to
the row."""

from __future__ import annotations

from querynl.models import (
    AfterParent,
    DerivedFrom,
    RowLink,
    SameAddress,
    SameParentThrough,
    SumOfChildren,
    TableGenerationConfig,
    TimeOrder,
)
from querynl.schema import SchemaMetadata

_TIME_KINDS = {"date", "datetime", "integer", "string", "text"}
_TEXT_KINDS = {"string", "text"}
_NUMERIC_KINDS = {"integer", "decimal", "float"}


def link_problems(config: TableGenerationConfig, schema: SchemaMetadata) -> list[str]:
    problems = []
    for link in config.links:
        problems += [f"{config.table_name}: link {link.kind}: {p}" for p in _problems(link, config, schema)]
    return problems


def _problems(link: RowLink, config: TableGenerationConfig, schema: SchemaMetadata) -> list[str]:
    table = schema.table(config.table_name)
    kinds = {c.name: c.kind for c in table.columns}
    if isinstance(link, DerivedFrom):
        return _columns(kinds, [link.column], _TEXT_KINDS) + _columns(kinds, link.sources, None)
    if isinstance(link, SameAddress):
        return _columns(kinds, list(link.parts.values()), None)
    if isinstance(link, TimeOrder):
        return _columns(kinds, [link.earlier, link.later], _TIME_KINDS)
    if isinstance(link, AfterParent):
        problems = _columns(kinds, [link.column], _TIME_KINDS)
        problems += _key(config, link.via, link.parent_table, link.parent_key)
        return problems + _parent_column(schema, link.parent_table, link.parent_column)
    if isinstance(link, SumOfChildren):
        return _sum(link, config, schema)
    return _diamond(link, config, schema)


def _columns(kinds: dict[str, str], columns: list[str], allowed: set[str] | None) -> list[str]:
    """Unknown columns, and columns of a kind the link cannot set; a link on a column the plan
    does not draw (a sequence, a skipped column) is no problem: synthesis leaves it inert."""
    problems = []
    for column in columns:
        if column not in kinds:
            problems.append(f"unknown column {column!r}")
        elif allowed is not None and kinds[column] not in allowed:
            problems.append(f"column {column!r} of kind {kinds[column]} cannot take this link")
    return problems


def _key(config: TableGenerationConfig, via: str, parent: str, key: str) -> list[str]:
    for fk in config.foreign_keys:
        if fk.columns == [via] and fk.referenced_table == parent and fk.referenced_columns == [key]:
            return []
    return [f"no foreign key {via} -> {parent}({key}) in the plan"]


def _parent_column(schema: SchemaMetadata, table: str, column: str) -> list[str]:
    if table not in schema.table_names:
        return [f"unknown table {table!r}"]
    if column not in {c.name for c in schema.table(table).columns}:
        return [f"unknown column {table}.{column}"]
    return []


def _diamond(link: SameParentThrough, config: TableGenerationConfig, schema: SchemaMetadata) -> list[str]:
    problems = _key(config, link.first, link.first_table, link.first_key)
    problems += _key(config, link.second, link.second_table, link.second_key)
    problems += _parent_column(schema, link.first_table, link.first_value)
    return problems + _parent_column(schema, link.second_table, link.second_value)


def _sum(link: SumOfChildren, config: TableGenerationConfig, schema: SchemaMetadata) -> list[str]:
    """The total is a numeric column the run can write, the lines' columns are numeric and a
    foreign key of the lines really references the row."""
    parent = schema.table(config.table_name)
    problems = _columns({c.name: c.kind for c in parent.columns}, [link.column], _NUMERIC_KINDS)
    if not problems and parent.column(link.column).computed:
        problems.append(f"column {link.column!r} is computed by the database")
    if link.child_table not in schema.table_names or link.child_table == config.table_name:
        return [*problems, f"no lines table {link.child_table!r}"]
    child = schema.table(link.child_table)
    problems += _columns({c.name: c.kind for c in child.columns}, link.measures(), _NUMERIC_KINDS)
    joins = any(
        fk.columns == [link.child_key]
        and fk.referred_table == config.table_name
        and fk.referred_columns == [link.parent_key]
        for fk in child.foreign_keys
    )
    if not joins:
        key = f"{link.child_table}.{link.child_key} -> {config.table_name}({link.parent_key})"
        problems.append(f"no foreign key {key}")
    return problems
