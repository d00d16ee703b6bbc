"""Rows from a plan: Faker values fitted to their columns, keys that reference real parents.

Generation is column-wise and batch by batch, so a table is never held in memory whole; for
foreign keys only the parents' keys are kept (a range for a run of integer ids). It obeys the
plan (the counts are the planner's) and reads nothing: what the tables already held comes
in as a snapshot (see snapshot.existing_needs).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from faker import Faker

from querynl.db.existing import ExistingData
from querynl.models import DataGenerationPlan, ForeignKeyConfig
from querynl.planning.links import link_pools, summed_pools
from querynl.providers import make_faker
from querynl.schema import SchemaMetadata, TableInfo
from querynl.synthesis.bulk import Composers
from querynl.synthesis.bulk.sampling import SAMPLE_SIZE
from querynl.synthesis.check_repair import CheckRepair
from querynl.synthesis.column_values import BULK_ROWS, ColumnValues, ValueSource
from querynl.synthesis.foreign_keys import TableKeys, Values
from querynl.synthesis.key_registry import KeyRegistry
from querynl.synthesis.layout import TableSpec, insert_columns, sequence_columns
from querynl.synthesis.linked_draws import LinkedDraws
from querynl.synthesis.row_links import RowLinks
from querynl.synthesis.snapshot import sequence_starts
from querynl.synthesis.streams import DEFAULT_WINDOW_DAYS, anchor_for
from querynl.synthesis.trigger_keys import trigger_pools
from querynl.synthesis.unique_rows import UniqueRows

BATCH_SIZE = 10_000  # rows generated at a time; each executor re-chunks to its own bulk size


@dataclass
class _Table:
    info: TableInfo
    columns: list[str]
    sequences: dict[str, int]  # column -> first id
    values: ColumnValues
    keys: TableKeys
    uniques: UniqueRows
    checks: CheckRepair | None
    linked: LinkedDraws  # columns and parents a rejecting trigger ties to the drawn parents
    links: RowLinks  # the plan's row links: derived names, one address, time order, diamonds
    required: list[dict[str, Any]] = field(default_factory=list)  # rows a trigger needs, made first
    generated: int = field(default=0)

    @property
    def count(self) -> int:
        return self.keys.count


class FakerDataSynthesizer:
    batch_size = BATCH_SIZE

    def __init__(
        self,
        schema: SchemaMetadata,
        plan: DataGenerationPlan,
        existing: ExistingData,
        *,
        seed: int,
        faker: Faker | None = None,
        bulk_tables: set[str] | None = None,
        sample_size: int = SAMPLE_SIZE,
        window_days: int | None = None,
    ) -> None:
        """existing: the snapshot read for `existing_needs(schema, plan)`.
        bulk_tables: tables whose values are drawn in bulk (default: those over BULK_ROWS rows);
        sample_size: values taken to judge a provider without a composer (bulk/sampling.py);
        window_days: what event timestamps spread over, before the anchor (default 3 years)."""
        self.schema = schema
        self.plan = plan
        self.existing = existing
        self.seed = seed
        self.sample_size = sample_size
        self.bulk_tables = bulk_tables
        fake = faker or make_faker()
        anchor = anchor_for(seed)
        window = window_days or DEFAULT_WINDOW_DAYS
        self.source = ValueSource(fake, anchor, Composers(fake, anchor, seed), window)
        self.starts = sequence_starts(schema, plan, existing)
        writes = {t.name: t.triggers.writes for t in schema.tables if t.triggers.writes}
        self.registry = KeyRegistry(
            plan,
            existing,
            self.starts,
            extra=trigger_pools(schema, plan) | link_pools(plan),
            writes=writes,
            fresh=summed_pools(plan),
        )
        self._tables: dict[str, _Table] = {}

    def insert_columns(self, table: str) -> list[str]:
        return self._table(table).columns

    def record_count(self, table: str) -> int:
        """The rows this run generates: the plan's count (fewer only if the parents of a
        junction offer fewer distinct combinations than the planner counted on)."""
        return self._table(table).count

    def generate_table_data(self, table: str) -> Iterator[list[tuple[Any, ...]]]:
        """The table's rows, in batches, in the order of insert_columns(table)."""
        state = self._table(table)
        for number, start in enumerate(range(0, state.count, self.batch_size)):
            rows = self._batch(state, number, min(self.batch_size, state.count - start))
            if rows:
                yield rows

    def deferred_updates(self, table: str) -> list[tuple[ForeignKeyConfig, list[str], list[tuple]]]:
        """For each foreign key set after insertion: (key config, primary key columns,
        rows of (parent key values..., primary key values...))."""
        state = self._tables.get(table)
        return [] if state is None else state.keys.deferred_updates()

    def _table(self, name: str) -> _Table:
        if name not in self._tables:
            self._tables[name] = self._build(name)
        return self._tables[name]

    def _build(self, name: str) -> _Table:
        spec = TableSpec(self.schema.table(name), self.plan.table(name), self.existing, self.seed)
        keys = TableKeys(spec, self.registry)
        values = ColumnValues(self.source, spec, self._bulk(spec), self.sample_size)
        columns = insert_columns(spec.info, spec.config)
        required = _missing(spec)
        keys.count = max(keys.count, len(required))
        return _Table(
            info=spec.info,
            columns=columns,
            sequences={c: self.starts[(name, c)] for c in sequence_columns(spec.config)},
            values=values,
            keys=keys,
            uniques=UniqueRows(spec, values, keys),
            checks=CheckRepair.for_table(spec, keys),
            linked=LinkedDraws(keys, self.registry, columns),
            links=RowLinks(spec, keys, self.registry, values, columns),
            required=required,
        )

    def _bulk(self, spec: TableSpec) -> bool:
        """Whether the table draws its column values in bulk: a large one, unless told."""
        if self.bulk_tables is None:
            return spec.config.record_count > BULK_ROWS
        return spec.name in self.bulk_tables

    def _batch(self, state: _Table, number: int, size: int) -> list[tuple[Any, ...]]:
        start = state.generated
        values: Values = {
            name: list(range(first + start, first + start + size)) for name, first in state.sequences.items()
        }
        state.values.batch(values, number, size)
        state.keys.assign(values, number, start, size)
        for i, row in enumerate(state.required[start : start + size]):
            for column, value in row.items():
                values[column][i] = value
        if state.links:
            state.links.apply(values, number, size)
        if state.checks is not None:
            state.checks.apply(values, number, size)
        if state.linked:
            state.linked.apply(values, number, size)
        keep = state.uniques.keep_mask(values, number, size)
        state.keys.assign_trees(values, keep, number, size)
        keep = state.keys.without_orphans(values, state.uniques.late_mask(values, keep))
        columns = zip(*(values[c] for c in state.columns), strict=True)
        rows = list(columns) if all(keep) else [row for row, k in zip(columns, keep, strict=True) if k]
        state.generated += size
        self.registry.register(state.info.name, state.columns, rows)
        state.keys.remember(state.columns, rows)
        return rows


def _missing(spec: TableSpec) -> list[dict[str, Any]]:
    """The rows a trigger needs (by key) that the table does not hold yet."""
    missing = []
    for row in spec.config.required_rows:
        held = {tuple(r) for r in spec.existing.rows(spec.name, list(row))}
        if tuple(row.values()) not in held and row not in missing:
            missing.append(row)
    return missing
