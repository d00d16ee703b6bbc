"""Rows from a plan: Faker values fitted to their columns, keys that reference real parents.

Generation is column-wise and batch by batch, so a table is never held in memory whole;
for foreign keys only the parents' keys are kept (a range for a run of integer ids).
"""

from __future__ import annotations

import math
import random
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from faker import Faker

from querynl.checks.repair import repair_row
from querynl.checks.rules import CheckRules
from querynl.db.existing import ExistingData
from querynl.errors import CycleError
from querynl.models import ColumnGenerationConfig, DataGenerationPlan, ForeignKeyConfig
from querynl.providers import make_faker
from querynl.schema import ColumnInfo, SchemaMetadata, TableInfo
from querynl.synthesis.key_pools import KeyPool
from querynl.synthesis.streams import anchor_for, resolve_dates, stream_seed
from querynl.synthesis.uniqueness import DROP, UniqueTuples, UniqueValues, finite_domain
from querynl.synthesis.value_fitting import fit_value

_COMPOSITE_RETRIES = 10
POOL_SIZE = 2_000  # tables larger than this draw column values from a pool of this many
_SUFFIXABLE = {"string", "text", "integer"}  # unique kinds a pool may feed (collisions get a suffix)


class IDataSynthesizer(ABC):
    @abstractmethod
    def generate_value(self, table: str, config: ColumnGenerationConfig) -> Any:
        """One value for one column, fitted to the column's type."""

    @abstractmethod
    def generate_table_data(self, table: str, batch_size: int) -> Iterator[list[tuple[Any, ...]]]:
        """The table's rows, in batches, in the order of insert_columns(table)."""

    @abstractmethod
    def clear_unique_cache(self) -> None:
        """Forget the values unique columns have used (a new run starts clean)."""


@dataclass
class _FakerColumn:
    info: ColumnInfo
    config: ColumnGenerationConfig
    make: Callable[[], Any]
    unique: UniqueValues | None = None
    pool: list[Any] | None = None  # Faker values drawn from when the table is large


@dataclass
class _ForeignKey:
    config: ForeignKeyConfig
    pool: KeyPool
    is_self: bool
    distinct: list[tuple[Any, ...]] | None = None  # pre-drawn distinct combos (junctions)


@dataclass
class _TableState:
    info: TableInfo
    columns: list[str]
    count: int
    sequences: dict[str, int] = field(default_factory=dict)
    fakers: list[_FakerColumn] = field(default_factory=list)
    foreign_keys: list[_ForeignKey] = field(default_factory=list)
    composites: list[tuple[list[str], UniqueTuples]] = field(default_factory=list)
    checks: CheckRules | None = None
    own_keys: KeyPool | None = None  # kept when an UPDATE must find these rows later
    generated: int = 0


class FakerDataSynthesizer(IDataSynthesizer):
    def __init__(
        self,
        schema: SchemaMetadata,
        plan: DataGenerationPlan,
        existing: ExistingData,
        *,
        seed: int,
        faker: Faker | None = None,
        pooled_tables: set[str] | None = None,
        pool_size: int = POOL_SIZE,
    ) -> None:
        """pooled_tables: tables that draw from value pools (default: those over pool_size rows)."""
        self.schema = schema
        self.pool_size = pool_size
        self.pooled_tables = pooled_tables
        self.plan = plan
        self.existing = existing
        self.seed = seed
        self.anchor = anchor_for(seed)
        self.fake = faker or make_faker()
        self.notes: list[str] = []
        self._pools: dict[tuple[str, tuple[str, ...]], KeyPool] = {}
        self._referenced = self._referenced_keys()
        self._states: dict[str, _TableState] = {}

    # -- public API ------------------------------------------------------------------

    def insert_columns(self, table: str) -> list[str]:
        return self._state(table).columns

    def record_count(self, table: str) -> int:
        """The rows this run will try to insert (the plan's count, capped where keys run out)."""
        return self._state(table).count

    def generate_value(self, table: str, config: ColumnGenerationConfig) -> Any:
        info = self.schema.table(table).column(config.column_name)
        return self._maker(info, config)()

    def generate_table_data(self, table: str, batch_size: int) -> Iterator[list[tuple[Any, ...]]]:
        state = self._state(table)
        for number, start in enumerate(range(0, state.count, batch_size)):
            rows = self._batch(state, number, min(batch_size, state.count - start))
            if rows:
                yield rows

    def clear_unique_cache(self) -> None:
        self._states.clear()
        self._pools.clear()

    # -- per-table setup -------------------------------------------------------------

    def _state(self, table: str) -> _TableState:
        if table not in self._states:
            self._states[table] = self._build_state(table)
        return self._states[table]

    def _build_state(self, table: str) -> _TableState:
        info = self.schema.table(table)
        config = self.plan.table(table)
        fk_columns = {c for fk in config.foreign_keys for c in fk.columns}
        active = [c for c in config.columns if c.strategy != "skip" and c.column_name not in fk_columns]
        wanted = {c.column_name for c in active} | fk_columns
        state = _TableState(info, [c.name for c in info.columns if c.name in wanted], config.record_count)
        for col in active:
            self._add_column(state, col)
        for fk in config.foreign_keys:
            state.foreign_keys.append(_ForeignKey(fk, self._pool_for(fk), fk.referenced_table == table))
        if any(fk.mode == "update_after" for fk in config.foreign_keys) and info.primary_key:
            state.own_keys = KeyPool()
        self._add_composites(state)
        for referenced, cols in self._referenced:
            if referenced == table:
                self._pool(table, list(cols))  # read now: generation never touches the database
        checks = info.checks
        if checks.bounds or checks.pairs:
            state.checks = checks
        return state

    def _add_column(self, state: _TableState, config: ColumnGenerationConfig) -> None:
        info = state.info.column(config.column_name)
        if config.strategy == "sequence":
            state.sequences[info.name] = self._next_id(state.info, info.name)
            return
        unique = None
        if config.unique or state.info.is_unique_column(info.name):
            existing = (r[0] for r in self.existing.rows(state.info.name, [info.name]))
            unique = UniqueValues(info, existing, finite_domain(info, _elements(config)))
        state.fakers.append(_FakerColumn(info, config, self._maker(info, config), unique))

    def _next_id(self, table: TableInfo, column: str) -> int:
        """After the largest id in the table, and in tables its INSERT triggers copy rows to
        (their keys usually mirror this table's: film -> film_text)."""
        tops = [self.existing.max_value(table.name, column)]
        for other in self.schema.tables:
            mirrored = table.name in other.written_by_triggers_of and len(other.primary_key) == 1
            if mirrored and other.column(other.primary_key[0]).kind == "integer":
                tops.append(self.existing.max_value(other.name, other.primary_key[0]))
        return max((int(t) for t in tops if t is not None), default=0) + 1

    def _maker(self, info: ColumnInfo, config: ColumnGenerationConfig) -> Callable[[], Any]:
        formatter = self.fake.get_formatter(config.faker_provider or "pystr")
        args = resolve_dates(config.provider_args, self.anchor)
        return lambda: fit_value(info, formatter(**args))

    def _add_composites(self, state: _TableState) -> None:
        handled = self._draw_distinct_combos(state)
        for cols in state.info.unique_sets():
            if len(cols) < 2 or cols == handled or not set(cols) <= set(state.columns):
                continue
            existing = self.existing.rows(state.info.name, cols)
            state.composites.append((cols, UniqueTuples(existing)))

    def _draw_distinct_combos(self, state: _TableState) -> list[str] | None:
        """A unique key made only of foreign keys (a junction table, a one-to-one link):
        draw distinct parent combinations without replacement, capping the count."""
        for cols in state.info.unique_sets():
            groups = _groups_covering(state.foreign_keys, cols)
            if groups is None:
                continue
            existing = {tuple(r) for r in self.existing.rows(state.info.name, cols)}
            sizes = [len(g.pool) for g in groups]
            capacity = math.prod(sizes) - len(existing)
            if capacity < state.count:
                self.notes.append(
                    f"{state.info.name}: capped at {max(capacity, 0)} rows, the distinct "
                    f"({', '.join(cols)}) combinations its parents allow"
                )
                state.count = max(capacity, 0)
            rng = random.Random(stream_seed(self.seed, state.info.name, "combos"))
            combos = _distinct_combos(rng, groups, sizes, state.count, existing, cols)
            for group, picks in zip(groups, zip(*combos, strict=True) if combos else [], strict=False):
                group.distinct = list(picks)
            if not combos:
                for group in groups:
                    group.distinct = []
            return cols
        return None

    # -- batches ---------------------------------------------------------------------

    def _batch(self, state: _TableState, number: int, size: int) -> list[tuple[Any, ...]]:
        start = state.generated
        values: dict[str, list[Any]] = {}
        for name, first in state.sequences.items():
            values[name] = list(range(first + start, first + start + size))
        for col in state.fakers:
            values[col.info.name] = self._faker_values(state, col, number, size)
        for fk in state.foreign_keys:
            if not fk.is_self:
                self._assign_fk(state, fk, values, number, start, size)
        if state.checks:
            self._repair_checks(state, values, number, size)
        keep = self._keep_mask(state, values, number, size)
        for fk in state.foreign_keys:
            if fk.is_self:
                self._assign_self_fk(state, fk, values, keep, number, size)
        columns = zip(*(values[c] for c in state.columns), strict=True)
        rows = list(columns) if all(keep) else [row for row, k in zip(columns, keep, strict=True) if k]
        state.generated += size
        self._register_keys(state, rows)
        if state.own_keys is not None:
            idx = [state.columns.index(c) for c in state.info.primary_key]
            state.own_keys.add_keys([tuple(row[i] for i in idx) for row in rows])
        return rows

    def deferred_updates(self, table: str) -> list[tuple[ForeignKeyConfig, list[str], list[tuple]]]:
        """For each foreign key set after insertion: (key config, primary key columns,
        rows of (parent key values..., primary key values...))."""
        state = self._states.get(table)
        if state is None or state.own_keys is None:
            return []
        out = []
        for fk in state.foreign_keys:
            if fk.config.mode != "update_after":
                continue
            rng = random.Random(stream_seed(self.seed, table, "update", *fk.config.columns))
            rows = [self._pick(fk, rng) + state.own_keys.get(i) for i in range(len(state.own_keys))]
            out.append((fk.config, state.info.primary_key, rows))
        return out

    def _faker_values(self, state: _TableState, col: _FakerColumn, number: int, size: int) -> list:
        """One batch of a column. Large tables draw from a pool of Faker values made once
        (Faker costs ~100 µs a value; a draw from the pool well under 1 µs)."""
        pool = self._value_pool(state, col)
        self.fake.seed_instance(stream_seed(self.seed, state.info.name, col.info.name, number))
        rng = self.fake.random
        values = [col.make() for _ in range(size)] if pool is None else rng.choices(pool, k=size)
        null_p = col.config.null_probability if col.info.nullable else 0.0
        if null_p:
            values = [None if rng.random() < null_p else v for v in values]
        if col.unique is not None:
            redraw = col.make if pool is None else lambda: rng.choice(pool)
            values = [col.unique.claim(v, redraw) for v in values]
        return values

    def _value_pool(self, state: _TableState, col: _FakerColumn) -> list | None:
        pooled = (
            state.count > self.pool_size
            if self.pooled_tables is None
            else state.info.name in self.pooled_tables
        )
        if not pooled or (col.unique is not None and col.info.kind not in _SUFFIXABLE):
            return None
        if col.pool is None:
            self.fake.seed_instance(stream_seed(self.seed, state.info.name, col.info.name, "pool"))
            col.pool = [col.make() for _ in range(self.pool_size)]
        return col.pool

    def _assign_fk(self, state, fk: _ForeignKey, values, number: int, start: int, size: int) -> None:
        if fk.config.mode == "update_after":
            picks = [(None,) * len(fk.config.columns)] * size  # set by deferred_updates()
        elif fk.distinct is not None:
            picks = fk.distinct[start : start + size]
        else:
            rng = random.Random(stream_seed(self.seed, state.info.name, *fk.config.columns, number))
            if len(fk.config.columns) == 1 and len(fk.pool):
                values[fk.config.columns[0]] = self._pick_single(fk, rng, size)
                return
            picks = [self._pick(fk, rng) for _ in range(size)]
        _scatter(values, fk.config.columns, picks)

    def _pick_single(self, fk: _ForeignKey, rng: random.Random, size: int) -> list[Any]:
        keys = fk.pool.sample(rng, size)
        null_p = fk.config.null_probability
        return [None if rng.random() < null_p else k for k in keys] if null_p else keys

    def _pick(self, fk: _ForeignKey, rng: random.Random) -> tuple[Any, ...]:
        if fk.config.null_probability and rng.random() < fk.config.null_probability:
            return (None,) * len(fk.config.columns)
        key = fk.pool.pick(rng)
        return key if key is not None else (None,) * len(fk.config.columns)

    def _repair_checks(self, state: _TableState, values: dict[str, list], number: int, size: int) -> None:
        """Move values the least needed so every CHECK the parser understood holds."""
        rng = random.Random(stream_seed(self.seed, state.info.name, "checks", number))
        columns = {c.name: c for c in state.info.columns}
        names = list(values)
        keys = self._redrawable_keys(state)
        for i in range(size):
            row = {n: values[n][i] for n in names}
            if any(v is DROP for v in row.values()):
                continue
            fixed = repair_row(state.checks, row, columns, rng)
            if any(fixed[c] != row[c] for fk in keys for c in fk.config.columns):
                fixed = self._repair_with_other_parents(state, row, keys, columns, rng)
            for n in names:
                values[n][i] = fixed[n]

    @staticmethod
    def _redrawable_keys(state: _TableState) -> list[_ForeignKey]:
        return [
            fk
            for fk in state.foreign_keys
            if not fk.is_self and fk.distinct is None and fk.config.mode == "immediate"
        ]

    def _repair_with_other_parents(self, state, row, keys, columns, rng) -> dict[str, Any]:
        """A CHECK on key columns (home_team_id <> away_team_id) is met by drawing other
        parents, never by inventing a key no parent has."""
        key_columns = [c for fk in keys for c in fk.config.columns]
        candidate = dict(row)
        for _ in range(_COMPOSITE_RETRIES):
            fixed = repair_row(state.checks, candidate, columns, rng)
            if all(fixed[c] == candidate[c] for c in key_columns):
                return fixed
            for fk in keys:
                if any(fixed[c] != candidate[c] for c in fk.config.columns):
                    candidate.update(zip(fk.config.columns, self._pick(fk, rng), strict=True))
        return fixed | {c: row[c] for c in key_columns}  # the row fails its CHECK, never its key

    def _keep_mask(self, state: _TableState, values, number: int, size: int) -> list[bool]:
        keep = [True] * size
        for col in state.fakers:  # only unique columns that ran out of values hold DROP
            column = values[col.info.name]
            if col.unique is not None and DROP in column:
                keep = [k and v is not DROP for k, v in zip(keep, column, strict=True)]
        rng = random.Random(stream_seed(self.seed, state.info.name, "composite", number))
        for cols, seen in state.composites:
            for i in range(size):
                if keep[i]:
                    keep[i] = self._claim_composite(state, cols, seen, values, i, rng)
        return keep

    def _claim_composite(self, state, cols, seen: UniqueTuples, values, i: int, rng) -> bool:
        redrawable = [fk for fk in state.foreign_keys if not fk.is_self and fk.distinct is None]
        redrawable = [fk for fk in redrawable if set(fk.config.columns) & set(cols)]
        for _ in range(_COMPOSITE_RETRIES):
            if seen.take(tuple(values[c][i] for c in cols)):
                return True
            for fk in redrawable:
                for col, v in zip(fk.config.columns, self._pick(fk, rng), strict=True):
                    values[col][i] = v
            for col in state.fakers:
                if col.info.name in cols and col.unique is None:
                    values[col.info.name][i] = col.make()
        return False

    def _assign_self_fk(self, state, fk: _ForeignKey, values, keep, number: int, size: int) -> None:
        """A tree: each row's parent is a row inserted before it, or NULL (a root)."""
        rng = random.Random(stream_seed(self.seed, state.info.name, *fk.config.columns, number))
        own = [tuple(values[c][i] for c in fk.config.referenced_columns) for i in range(size)]
        earlier: list[tuple[Any, ...]] = []
        nullable = all(state.info.column(c).nullable for c in fk.config.columns)
        picks = []
        for i in range(size):
            candidates = len(fk.pool) + len(earlier)
            root = nullable and (candidates == 0 or rng.random() < max(fk.config.null_probability, 0.2))
            if root:
                picks.append((None,) * len(fk.config.columns))
            elif candidates == 0:
                picks.append(own[i])  # NOT NULL and nothing earlier: the row is its own parent
            else:
                j = rng.randrange(candidates)
                picks.append(fk.pool.get(j) if j < len(fk.pool) else earlier[j - len(fk.pool)])
            if keep[i]:
                earlier.append(own[i])
        _scatter(values, fk.config.columns, picks)

    # -- keys for children -----------------------------------------------------------

    def _referenced_keys(self) -> set[tuple[str, tuple[str, ...]]]:
        return {
            (fk.referenced_table, tuple(fk.referenced_columns))
            for table in self.plan.tables
            for fk in table.foreign_keys
        }

    def _pool_for(self, fk: ForeignKeyConfig) -> KeyPool:
        if fk.mode != "deferred_check":
            return self._pool(fk.referenced_table, fk.referenced_columns)
        return self._future_pool(fk.referenced_table, fk.referenced_columns)

    def _future_pool(self, table: str, columns: list[str]) -> KeyPool:
        """Keys a parent not yet inserted will have: its next ids are known in advance."""
        config = self.plan.table(table).column(columns[0])
        if len(columns) != 1 or config is None or config.strategy != "sequence":
            raise CycleError([table], f"the keys of {table} cannot be known before it is inserted")
        pool = KeyPool(self.existing.rows(table, columns))
        top = self.existing.max_value(table, columns[0])
        start = (int(top) if top is not None else 0) + 1
        pool.add(range(start, start + self.plan.table(table).record_count))
        return pool

    def _pool(self, table: str, columns: list[str]) -> KeyPool:
        key = (table, tuple(columns))
        if key not in self._pools:
            self._pools[key] = KeyPool(self.existing.rows(table, list(columns)))
        return self._pools[key]

    def _register_keys(self, state: _TableState, rows: list[tuple[Any, ...]]) -> None:
        for table, cols in self._referenced:
            if table != state.info.name or not set(cols) <= set(state.columns):
                continue
            idx = [state.columns.index(c) for c in cols]
            keys = [tuple(row[i] for i in idx) for row in rows]
            self._pool(table, list(cols)).add_keys([k for k in keys if None not in k])


def _elements(config: ColumnGenerationConfig) -> list[Any] | None:
    """The values a random_element column is drawn from (a CHECK's IN list, an enum-like rule)."""
    if config.faker_provider != "random_element":
        return None
    return list(config.provider_args.get("elements") or []) or None


def _scatter(values: dict[str, list[Any]], columns: list[str], picks: list[tuple[Any, ...]]) -> None:
    for position, name in enumerate(columns):
        values[name] = [p[position] for p in picks]


def _groups_covering(foreign_keys: list[_ForeignKey], cols: list[str]) -> list[_ForeignKey] | None:
    groups = [
        fk
        for fk in foreign_keys
        if not fk.is_self and fk.config.mode != "update_after" and set(fk.config.columns) <= set(cols)
    ]
    covered = [c for g in groups for c in g.config.columns]
    if groups and sorted(covered) == sorted(cols):
        return groups
    return None


def _distinct_combos(rng, groups, sizes, count, existing, cols) -> list[tuple[tuple[Any, ...], ...]]:
    """`count` distinct parent combinations, none already present, by sampling indices."""
    total = math.prod(sizes)
    if count <= 0 or total == 0:
        return []
    order = [c for g in groups for c in g.config.columns]
    out = []
    for index in rng.sample(range(total), min(total, count + len(existing))):
        picks = []
        for group, size in zip(groups, sizes, strict=True):
            index, offset = divmod(index, size)
            picks.append(group.pool.get(offset))
        flat = dict(zip(order, (v for p in picks for v in p), strict=True))
        if tuple(flat[c] for c in cols) not in existing:
            out.append(tuple(picks))
        if len(out) == count:
            break
    return out
