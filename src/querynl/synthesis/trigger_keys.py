"""Keys INSERT triggers add or tie together, for the key registry.

- Rows a trigger writes (`INSERT INTO member_roles (member_id, role_id) VALUES (NEW.id, 0)`)
  are known from the rows of the trigger's table: they become keys children may reference,
  and combinations the written table's own generated rows avoid.
- A rejecting trigger's rule ties a row to values of its parents (db/trigger_rules.py): the
  parent's (key, column) pairs are kept like keys.
- A row a trigger needs by its key (`required_rows`) is looked up in the snapshot.

`trigger_pools` names every such (table, columns) set, for the up-front read and the registry.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from querynl.db.trigger_rules import ParentValue, TriggerWrite
from querynl.models import DataGenerationPlan
from querynl.schema import SchemaMetadata

PoolKey = tuple[str, tuple[str, ...]]


def trigger_pools(schema: SchemaMetadata, plan: DataGenerationPlan) -> set[PoolKey]:
    pools: set[PoolKey] = set()
    for config in plan.tables:
        info = schema.table(config.table_name)
        pools |= {(info.name, tuple(row)) for row in config.required_rows}
        pools |= {(p.table, (p.key, p.column)) for p in parent_values(schema, info.name)}
        for write in writes_into(schema, info.name):
            covered = set(write.copies) | set(write.constants)
            pools |= {(info.name, tuple(cols)) for cols in info.unique_sets() if set(cols) <= covered}
    return pools


def parent_values(schema: SchemaMetadata, table: str) -> list[ParentValue]:
    """The parent values a table's rejecting triggers compare its rows with."""
    out: list[ParentValue] = []
    for rejection in schema.table(table).triggers.rejections:
        out += [rule.parent for rule in rejection.same_as_parent]
        out += [p for rule in rejection.parents_agree for p in (rule.first, rule.second)]
    return out


def writes_into(schema: SchemaMetadata, target: str) -> list[TriggerWrite]:
    return [w for t in schema.tables for w in t.triggers.writes if w.target == target]


def written_rows(
    write: TriggerWrite, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The rows the trigger writes for `rows` of its table (in `columns` order): the target's
    columns it sets from them (copies of inserted columns, constants) and their values."""
    copied = [(target, columns.index(source)) for target, source in write.copies.items() if source in columns]
    targets = [t for t, _ in copied] + list(write.constants)
    constants = tuple(write.constants.values())
    return targets, [tuple(row[i] for _, i in copied) + constants for row in rows]
