"""Rows INSERT triggers need or write, as the planner sees them.

- A trigger writing a constant into a foreign key (`INSERT INTO member_roles (member_id,
  role_id) VALUES (NEW.id, 0)`) needs the parent row `roles.id = 0` before the first row of
  its table: the parent is inserted first (ordering.py) and the row is planned
  (`required_rows`; synthesis makes it only when the table does not hold it yet).
- A table whose rows the triggers of tables in the same run write gets none of its own when
  the request fills every table: the triggers fill it, and a note says so. Named in the
  request, it gets its rows (their keys avoid those the triggers write).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from querynl.models import TableGenerationConfig
from querynl.planning.scope import EVERY_TABLE, THE_REST, TableScope, with_needed_parents
from querynl.schema import SchemaMetadata

WRITTEN_BY_TRIGGERS = "written by the INSERT triggers of"
FOR_A_TRIGGER = "holds a row an INSERT trigger writes into"
TRIGGER_NOT_READ = "an INSERT trigger rejects rows (not understood, rows still attempted)"


@dataclass(frozen=True)
class ConstantParent:
    """`table`'s trigger writes constants into `target`'s foreign key `columns` to `parent`."""

    table: str
    target: str
    columns: tuple[str, ...]
    parent: str
    row: dict[str, Any]  # the parent's key values

    @property
    def where(self) -> str:
        return f"{self.target}({', '.join(self.columns)})"


def constant_parents(schema: SchemaMetadata, table: str) -> list[ConstantParent]:
    """The parent rows `table`'s INSERT triggers reference through constants."""
    names = set(schema.table_names)
    out = []
    for write in schema.table(table).triggers.writes:
        if write.target not in names:
            continue
        for fk in schema.table(write.target).foreign_keys:
            if fk.referred_table in names and fk.columns and all(c in write.constants for c in fk.columns):
                row = {
                    ref: write.constants[c] for c, ref in zip(fk.columns, fk.referred_columns, strict=True)
                }
                out.append(ConstantParent(table, write.target, tuple(fk.columns), fk.referred_table, row))
    return out


def trigger_parents(schema: SchemaMetadata, tables: Iterable[str]) -> set[tuple[str, str]]:
    """(table, parent) for each parent a trigger of one of `tables` needs a row of."""
    return {
        (need.table, need.parent) for t in tables for need in constant_parents(schema, t) if need.parent != t
    }


def trigger_scope(
    schema: SchemaMetadata, scope: dict[str, TableScope], default_count: Callable[[str], int]
) -> dict[str, TableScope]:
    """The request's scope with the parents trigger constants need (no rows of their own
    beyond the needed one unless the request fills them, and their own empty parents) and,
    when every table is filled, no generated rows for the tables the run's triggers write."""
    scope = dict(scope)
    added = False
    for name in list(scope):
        for need in constant_parents(schema, name):
            if need.parent not in scope:
                scope[need.parent] = TableScope(0, f"{FOR_A_TRIGGER} {need.where}")
                added = True
    if added:
        scope = with_needed_parents(schema, scope, default_count)
    for name, entry in list(scope.items()):
        writers = [w for w in schema.table(name).written_by_triggers_of if w in scope and w != name]
        if writers and entry.reason in (EVERY_TABLE, THE_REST):
            scope[name] = TableScope(0, f"{WRITTEN_BY_TRIGGERS} {', '.join(writers)}")
    return {t.name: scope[t.name] for t in schema.tables if t.name in scope}


def plan_trigger_rows(schema: SchemaMetadata, tables: list[TableGenerationConfig]) -> None:
    """Plan the parent rows trigger constants need; say why a table gets no rows, and which
    rejecting conditions were not understood."""
    planned = {t.table_name: t for t in tables}
    for config in tables:
        if (config.reason or "").startswith(WRITTEN_BY_TRIGGERS):
            config.notes.append(f"no rows generated: its rows are {config.reason}")
        for rejection in schema.table(config.table_name).triggers.rejections:
            if not rejection.understood and config.record_count:
                condition = rejection.condition or "a condition not found"
                config.notes.append(f"{TRIGGER_NOT_READ} when {condition} ({rejection.message})")
        for need in constant_parents(schema, config.table_name):
            parent = planned.get(need.parent)
            if parent is None or need.row in parent.required_rows:
                continue
            parent.required_rows.append(need.row)
            key = ", ".join(f"{k} = {v!r}" for k, v in need.row.items())
            parent.notes.append(
                f"row {key} inserted unless already there: the INSERT trigger of {need.table} "
                f"writes it into {need.where}"
            )
