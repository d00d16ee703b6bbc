"""How many rows a table can really hold: decided here, once, and recorded in the plan.

A key made only of foreign keys (a junction table, a one-to-one link) holds at most the
distinct combinations its parents offer; a unique column with few possible values (a
boolean, an enum, a CHAR(1)) holds at most that many rows. The capped count and a note go
into the plan; synthesis then generates the plan's count and decides nothing of its own.
"""

from __future__ import annotations

import math

from querynl.models import TableGenerationConfig
from querynl.schema import SchemaMetadata, TableInfo
from querynl.synthesis.uniqueness import column_elements, domain_size


def cap_counts(schema: SchemaMetadata, tables: list[TableGenerationConfig]) -> None:
    """Cap each table in insertion order, so a table's parents are capped before it is."""
    planned = {t.table_name: t for t in tables}
    for config in tables:
        info = schema.table(config.table_name)
        cap_unique_domains(info, config)
        cap_distinct_keys(schema, info, config, planned)


def cap_distinct_keys(
    schema: SchemaMetadata,
    info: TableInfo,
    config: TableGenerationConfig,
    planned: dict[str, TableGenerationConfig],
) -> None:
    """A key made only of foreign keys holds at most the product of its parents' rows (those
    already there and those planned), less the combinations the table already holds."""
    for cols in info.unique_sets():
        keys = config.keys_covering(cols)
        if keys is None:
            continue
        parents = [_parent_rows(schema, planned, fk.referenced_table) for fk in keys]
        capacity = max(math.prod(parents) - info.row_count, 0)
        if capacity < config.record_count:
            config.notes.append(
                f"capped at {capacity} rows: distinct ({', '.join(cols)}) combinations its parents allow"
            )
            config.record_count = capacity


def cap_unique_domains(info: TableInfo, config: TableGenerationConfig) -> None:
    """A NOT NULL unique column with few values (a boolean, an enum, a CHECK's IN list or
    small integer range) caps the table's count; a nullable one gets NULL once they run out."""
    for column in config.columns:
        if not column.unique or column.strategy != "faker":
            continue
        col = info.column(column.column_name)
        size = domain_size(col, column_elements(info, column))
        room = None if size is None else max(size - info.row_count, 0)
        if room is None or room >= config.record_count:
            continue
        held = f"{col.name} ({col.type_name}) holds only {size} distinct values"
        if col.nullable:
            config.notes.append(f"{held}: rows beyond them get NULL there")
        else:
            config.notes.append(f"capped at {room} rows: unique {held}")
            config.record_count = room


def _parent_rows(schema: SchemaMetadata, planned: dict[str, TableGenerationConfig], table: str) -> int:
    config = planned.get(table)
    return schema.table(table).row_count + (config.record_count if config is not None else 0)
