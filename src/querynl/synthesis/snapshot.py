"""What synthesis needs from the database, named before it starts, and the first id of every
sequence column, worked out once from that snapshot and the plan.

Synthesis never queries: the pipeline reads `existing_needs(...)` up front. Rows that INSERT
triggers write during the run (film's trigger copies each film to film_text) are therefore
not in the snapshot; their ids are known from the plan instead: the writer's ids when the
trigger copies them, and at most one row per writer row otherwise. Unique values a trigger
copies cannot be known in advance; the database still refuses a duplicate and the executor
reports that row.
"""

from __future__ import annotations

from querynl.db.existing import ExistingData, ExistingNeeds
from querynl.models import DataGenerationPlan
from querynl.planning.links import link_pools
from querynl.schema import SchemaMetadata
from querynl.synthesis.layout import (
    composite_keys,
    distinct_keys,
    is_unique_value,
    sequence_columns,
    trigger_mirrors,
    value_columns,
)
from querynl.synthesis.trigger_keys import trigger_pools

Starts = dict[tuple[str, str], int]  # (table, column) -> first id this run gives


def existing_needs(schema: SchemaMetadata, plan: DataGenerationPlan) -> ExistingNeeds:
    """Parent keys children reference, values of unique columns and unique column sets, and
    the largest id of each sequence column (and of the tables its triggers mirror it to)."""
    rows: set[tuple[str, tuple[str, ...]]] = set()
    maxima: set[tuple[str, str]] = set()
    for config in plan.tables:
        info = schema.table(config.table_name)
        rows |= {(fk.referenced_table, tuple(fk.referenced_columns)) for fk in config.foreign_keys}
        rows |= {(info.name, (c.column_name,)) for c in value_columns(config) if is_unique_value(info, c)}
        rows |= {(info.name, tuple(cols)) for cols in composite_keys(info, config)}
        rows |= {(info.name, tuple(cols)) for cols, _ in distinct_keys(info, config)}
        rows |= {  # a UNIQUE in a key set after insertion is drawn distinct from those there
            (info.name, tuple(u))
            for fk in config.foreign_keys
            if fk.mode == "update_after"
            for u in info.unique_sets()
            if set(u) <= set(fk.columns)
        }
        for column in sequence_columns(config):
            maxima.add((info.name, column))
            maxima |= {(m.name, m.primary_key[0]) for m in trigger_mirrors(schema, info.name)}
    rows |= trigger_pools(schema, plan) | link_pools(plan)
    return ExistingNeeds(frozenset(rows), frozenset(maxima))


def sequence_starts(schema: SchemaMetadata, plan: DataGenerationPlan, existing: ExistingData) -> Starts:
    """The first id of each sequence column, in insertion order (a table's start may depend on
    the ids planned for a table inserted before it)."""
    starts: Starts = {}
    for name in plan.insertion_order:
        for column in sequence_columns(plan.table(name)):
            tops = [existing.max_value(name, column)]
            tops += _mirrored_tops(schema, plan, existing, starts, name)
            tops += _trigger_written_tops(schema, plan, existing, starts, name, column)
            required = (row.get(column) for row in plan.table(name).required_rows)  # keys a trigger needs
            tops += [key for key in required if type(key) is int]
            starts[(name, column)] = max((int(t) for t in tops if t is not None), default=0) + 1
    return starts


def _mirrored_tops(schema, plan, existing, starts: Starts, table: str) -> list:
    """The tables this one's triggers copy its keys to: after their ids, those already there
    and those planned for them earlier in the run."""
    tops = []
    for other in trigger_mirrors(schema, table):
        key = other.primary_key[0]
        tops += [existing.max_value(other.name, key), _last_id(plan, starts, other.name, key)]
    return tops


def _trigger_written_tops(schema, plan, existing, starts: Starts, table: str, column: str) -> list:
    """A table written by the triggers of tables inserted before it: after the ids those
    triggers give, the writers' own (a copied key) or the next ones (a counter of its own)."""
    info = schema.table(table)
    order = plan.insertion_order
    writers = [w for w in info.written_by_triggers_of if w in order and order.index(w) < order.index(table)]
    if info.primary_key != [column] or not writers:
        return []
    own = existing.max_value(table, column) or 0
    tops = [int(own) + sum(plan.table(w).record_count for w in writers)]
    for writer in writers:
        tops += [_last_id(plan, starts, writer, c) for c in schema.table(writer).primary_key]
    return tops


def _last_id(plan: DataGenerationPlan, starts: Starts, table: str, column: str) -> int | None:
    start = starts.get((table, column))
    return None if start is None else start + plan.table(table).record_count - 1
