"""Keys a child row may reference: the parent's rows in the snapshot plus the rows generated
for it in this run (only the keys are kept, a range for a run of integer ids)."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from querynl.db.existing import ExistingData
from querynl.db.trigger_rules import TriggerWrite
from querynl.errors import CycleError
from querynl.models import DataGenerationPlan, ForeignKeyConfig
from querynl.synthesis.key_pools import KeyPool
from querynl.synthesis.snapshot import Starts
from querynl.synthesis.trigger_keys import written_rows

PoolKey = tuple[str, tuple[str, ...]]  # (table, columns)


class KeyRegistry:
    def __init__(
        self,
        plan: DataGenerationPlan,
        existing: ExistingData,
        starts: Starts,
        *,
        extra: set[PoolKey] = frozenset(),
        writes: dict[str, list[TriggerWrite]] | None = None,
    ) -> None:
        """extra: other (table, columns) sets kept (trigger_keys.trigger_pools); writes: each
        table's trigger writes, whose rows enter the written tables' sets."""
        self.plan = plan
        self.existing = existing
        self.starts = starts
        self._referenced: set[PoolKey] = {
            (fk.referenced_table, tuple(fk.referenced_columns)) for t in plan.tables for fk in t.foreign_keys
        } | set(extra)
        self._writes = writes or {}
        self._pools: dict[PoolKey, KeyPool] = {}

    def pool_for(self, fk: ForeignKeyConfig) -> KeyPool:
        """The parent's keys; for a parent not inserted yet (a cycle of NOT NULL keys), the
        keys it will have: its sequence's next ids are known in advance."""
        if fk.mode != "deferred_check":
            return self._pool(fk.referenced_table, fk.referenced_columns)
        return self._future_pool(fk.referenced_table, fk.referenced_columns)

    def register(self, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        """Rows just generated for `table` (in `columns` order) become keys for its children,
        and so do the rows its INSERT triggers will write."""
        self._register(table, columns, rows)
        for write in self._writes.get(table, ()):
            self._register(write.target, *written_rows(write, columns, rows))

    def known(self, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
        """The (table, columns) keys kept so far: rows there and rows written or generated."""
        if (table, tuple(columns)) not in self._referenced:
            return []
        pool = self._pool(table, columns)
        return [pool.get(i) for i in range(len(pool))]

    def _register(self, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        for referenced, cols in self._referenced:
            if referenced != table or not set(cols) <= set(columns):
                continue
            keys = _keys(rows, [columns.index(c) for c in cols])
            self._pool(table, list(cols)).add_keys([k for k in keys if None not in k])

    def discard(self, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        """Rows of `table` the database rejected: their keys are no parent's any more, nor
        those of the rows its triggers would have written."""
        self._discard(table, columns, rows)
        for write in self._writes.get(table, ()):
            self._discard(write.target, *written_rows(write, columns, rows))

    def _discard(self, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
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


def _keys(rows: list[tuple[Any, ...]], positions: list[int]) -> list[tuple[Any, ...]]:
    """The values at `positions` of each row, as a tuple a row (itemgetter: C-level)."""
    if len(positions) == 1:
        return list(zip(map(itemgetter(positions[0]), rows)))
    return list(map(itemgetter(*positions), rows))
