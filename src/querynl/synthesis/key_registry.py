"""Keys a child row may reference: the parent's rows in the snapshot plus the rows generated
for it in this run (only the keys are kept, a range for a run of integer ids)."""

from __future__ import annotations

from typing import Any

from querynl.db.existing import ExistingData
from querynl.errors import CycleError
from querynl.models import DataGenerationPlan, ForeignKeyConfig
from querynl.synthesis.key_pools import KeyPool
from querynl.synthesis.snapshot import Starts

PoolKey = tuple[str, tuple[str, ...]]  # (table, columns)


class KeyRegistry:
    def __init__(self, plan: DataGenerationPlan, existing: ExistingData, starts: Starts) -> None:
        self.plan = plan
        self.existing = existing
        self.starts = starts
        self._referenced: set[PoolKey] = {
            (fk.referenced_table, tuple(fk.referenced_columns)) for t in plan.tables for fk in t.foreign_keys
        }
        self._pools: dict[PoolKey, KeyPool] = {}

    def pool_for(self, fk: ForeignKeyConfig) -> KeyPool:
        """The parent's keys; for a parent not inserted yet (a cycle of NOT NULL keys), the
        keys it will have: its sequence's next ids are known in advance."""
        if fk.mode != "deferred_check":
            return self._pool(fk.referenced_table, fk.referenced_columns)
        return self._future_pool(fk.referenced_table, fk.referenced_columns)

    def register(self, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        """Rows just generated for `table` (in `columns` order) become keys for its children."""
        for referenced, cols in self._referenced:
            if referenced != table or not set(cols) <= set(columns):
                continue
            idx = [columns.index(c) for c in cols]
            keys = [tuple(row[i] for i in idx) for row in rows]
            self._pool(table, list(cols)).add_keys([k for k in keys if None not in k])

    def discard(self, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        """Rows of `table` the database rejected: their keys are no parent's any more."""
        for referenced, cols in self._referenced:
            if referenced != table or not set(cols) <= set(columns) or not rows:
                continue
            idx = [columns.index(c) for c in cols]
            self._pool(table, list(cols)).discard({tuple(row[i] for i in idx) for row in rows})

    def _future_pool(self, table: str, columns: list[str]) -> KeyPool:
        start = self.starts.get((table, columns[0]))
        if len(columns) != 1 or start is None:
            raise CycleError([table], f"the keys of {table} cannot be known before it is inserted")
        pool = KeyPool(self._existing_keys(table, columns))
        pool.add(range(start, start + self.plan.table(table).record_count))
        return pool

    def _pool(self, table: str, columns: list[str]) -> KeyPool:
        key = (table, tuple(columns))
        if key not in self._pools:
            self._pools[key] = KeyPool(self._existing_keys(table, list(columns)))
        return self._pools[key]

    def _existing_keys(self, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
        """The rows already there that a child can reference: none with a NULL in the key
        (a UNIQUE (id, code) whose code is NULL in some rows)."""
        return [key for key in self.existing.rows(table, columns) if None not in key]
