"""The shape of one table's rows, read from the plan: the columns filled, which of them are
sequences, Faker values or keys, and which unique rules synthesis keeps by construction.

Both the up-front read of existing data (snapshot.py) and the generation itself ask here,
so what is read is exactly what generation uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from querynl.db.existing import ExistingData
from querynl.models import ColumnGenerationConfig, ForeignKeyConfig, TableGenerationConfig
from querynl.schema import SchemaMetadata, TableInfo


@dataclass(frozen=True)
class TableSpec:
    """What each part generating one table starts from."""

    info: TableInfo
    config: TableGenerationConfig
    existing: ExistingData  # the snapshot read before the run
    seed: int

    @property
    def name(self) -> str:
        return self.info.name


def insert_columns(info: TableInfo, config: TableGenerationConfig) -> list[str]:
    """The INSERT's columns, in the table's order: planned values and foreign keys."""
    wanted = {c.column_name for c in config.columns if c.strategy != "skip"} | _key_columns(config)
    return [c.name for c in info.columns if c.name in wanted]


def sequence_columns(config: TableGenerationConfig) -> list[str]:
    """Integer keys numbered on from the largest already there."""
    keys = _key_columns(config)
    return [c.column_name for c in config.columns if c.strategy == "sequence" and c.column_name not in keys]


def value_columns(config: TableGenerationConfig) -> list[ColumnGenerationConfig]:
    """Columns filled by Faker (a foreign key column is filled from its parents instead)."""
    keys = _key_columns(config)
    return [c for c in config.columns if c.strategy == "faker" and c.column_name not in keys]


def is_unique_value(info: TableInfo, config: ColumnGenerationConfig) -> bool:
    return config.unique or info.is_unique_column(config.column_name)


def distinct_keys(
    info: TableInfo, config: TableGenerationConfig
) -> list[tuple[list[str], list[ForeignKeyConfig]]]:
    """Every unique key made only of foreign keys set at insert (a junction table, a one-to-one
    link, two UNIQUE references), with those keys, none sharing a column with an earlier one:
    the rows of each draw distinct parent combinations."""
    out: list[tuple[list[str], list[ForeignKeyConfig]]] = []
    taken: set[str] = set()
    for cols in info.unique_sets():
        keys = config.keys_covering(cols)
        if keys is None or any(fk.mode == "update_after" for fk in keys) or taken & set(cols):
            continue
        out.append((cols, keys))
        taken |= set(cols)
    return out


def composite_keys(info: TableInfo, config: TableGenerationConfig) -> list[list[str]]:
    """Unique keys of several inserted columns, other than the distinct keys: each row's
    combination is claimed, or the row redrawn."""
    columns = set(insert_columns(info, config))
    drawn = [cols for cols, _ in distinct_keys(info, config)]
    return [
        cols for cols in info.unique_sets() if len(cols) >= 2 and set(cols) <= columns and cols not in drawn
    ]


def trigger_mirrors(schema: SchemaMetadata, table: str) -> list[TableInfo]:
    """Tables that `table`'s INSERT triggers copy rows to, keyed by one integer column: their
    keys usually mirror this table's (film -> film_text)."""
    return [
        other
        for other in schema.tables
        if table in other.written_by_triggers_of
        and len(other.primary_key) == 1
        and other.column(other.primary_key[0]).kind == "integer"
    ]


def _key_columns(config: TableGenerationConfig) -> set[str]:
    return {c for fk in config.foreign_keys for c in fk.columns}
