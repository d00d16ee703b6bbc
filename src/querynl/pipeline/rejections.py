"""Rows the database rejects take their keys with them: no child may reference them.

A table's keys enter the key registry when its rows are generated, before the database has
seen them. The executor reports each row it could not insert; once the table is loaded their
keys leave the registry, before any child table is generated. Within the table itself (a
self-reference, whose later rows may already be generated) a row pointing at a rejected row
is re-pointed before it is tried: NULL when the key is nullable, else the row itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from querynl.loading.executor import Row, RowFeedback
from querynl.schema import TableInfo
from querynl.synthesis.key_registry import KeyRegistry


@dataclass
class _SelfKey:
    columns: list[int]  # positions of the referencing columns in the row
    referenced: list[int]  # positions of the referenced columns
    nullable: bool
    rejected: set[tuple[Any, ...]] = field(default_factory=set)

    def repair(self, row: Row) -> Row:
        if tuple(row[i] for i in self.columns) not in self.rejected:
            return row
        fixed = list(row)
        for target, source in zip(self.columns, self.referenced, strict=True):
            fixed[target] = None if self.nullable else row[source]
        return tuple(fixed)


class Rejections(RowFeedback):
    """One table's rejected rows, fed back to the key registry when the table is done."""

    def __init__(self, registry: KeyRegistry, info: TableInfo, columns: list[str], foreign_keys) -> None:
        self.registry = registry
        self.table = info.name
        self.columns = columns
        self.rows: list[Row] = []
        self.self_keys = [
            _SelfKey(
                [columns.index(c) for c in fk.columns],
                [columns.index(c) for c in fk.referenced_columns],
                all(info.column(c).nullable for c in fk.columns),
            )
            for fk in foreign_keys
            if fk.referenced_table == info.name
            and set(fk.columns) | set(fk.referenced_columns) <= set(columns)
        ]

    def rejected(self, row: Row) -> None:
        self.rows.append(tuple(row))
        for key in self.self_keys:
            key.rejected.add(tuple(row[i] for i in key.referenced))

    @property
    def repairs(self) -> bool:
        return any(key.rejected for key in self.self_keys)

    def repair(self, rows: Sequence[Row]) -> Sequence[Row]:
        keys = [key for key in self.self_keys if key.rejected]
        if not keys:
            return rows
        out = []
        for row in rows:
            for key in keys:
                row = key.repair(row)
            out.append(row)
        return out

    def finish(self) -> None:
        """The table is loaded: its rejected rows' keys leave the parents' pools."""
        if self.rows:
            self.registry.discard(self.table, self.columns, [tuple(r) for r in self.rows])
