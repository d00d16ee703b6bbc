"""One table's foreign keys: parents drawn at random, distinct parent combinations for a
junction table or a one-to-one link, trees for a self-reference, and the UPDATE rows that
set, after insertion, the keys left NULL to break a cycle."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from querynl.checks.rules import CheckRules
from querynl.models import ForeignKeyConfig
from querynl.synthesis.key_pools import KeyPool
from querynl.synthesis.key_registry import KeyRegistry
from querynl.synthesis.layout import TableSpec, distinct_keys
from querynl.synthesis.streams import stream_seed

Values = dict[str, list[Any]]  # column -> one batch of values


@dataclass
class ForeignKey:
    config: ForeignKeyConfig
    pool: KeyPool
    is_self: bool
    distinct: list[tuple[Any, ...]] | None = None  # pre-drawn distinct combinations (junctions)
    spread: int = 0  # which parents get the most children (key_pools.skewed_indices)

    @property
    def redrawable(self) -> bool:
        """Another parent may be drawn for a row (to meet a CHECK or a unique key)."""
        return not self.is_self and self.distinct is None


class TableKeys:
    def __init__(self, spec: TableSpec, registry: KeyRegistry) -> None:
        info, config = spec.info, spec.config
        self.info = info
        self.seed = spec.seed
        self.existing = spec.existing
        configs = _drawn_keys(config.foreign_keys)
        self.keys = [
            ForeignKey(
                fk,
                registry.pool_for(fk),
                fk.referenced_table == info.name,
                spread=stream_seed(spec.seed, info.name, *fk.columns, "spread"),
            )
            for fk in configs
        ]
        self.count = config.record_count  # rows the keys allow: fewer only when combinations run out
        cycle = any(fk.mode == "update_after" for fk in config.foreign_keys)
        self.own = KeyPool() if cycle and info.primary_key else None  # rows an UPDATE must find later
        for cols, drawn in distinct_keys(info, config):
            groups = [fk for fk in self.keys if any(_draws(fk.config, c) for c in drawn)]
            if all(any(_draws(fk.config, c) for fk in groups) for c in drawn):
                # taken: combinations there, and those the triggers of earlier tables write
                taken = spec.existing.rows(info.name, cols) + registry.known(info.name, cols)
                self._draw_distinct(cols, groups, taken)

    @property
    def self_columns(self) -> set[str]:
        """Columns set by a self-reference (after the rows' other values: see assign_trees)."""
        return {c for fk in self.keys if fk.is_self for c in fk.config.columns}

    def _draw_distinct(self, cols: list[str], groups: list[ForeignKey], existing: list[tuple]) -> None:
        """The plan's count of distinct parent combinations, none already in the table, drawn
        without replacement (fewer only if the parents offer fewer than the plan counted on)."""
        salt = cols if any(fk.distinct is not None for fk in self.keys) else []  # the first: as before
        rng = random.Random(stream_seed(self.seed, self.info.name, "combos", *salt))
        order = [c for g in groups for c in g.config.columns]
        rules = self.info.checks.within(set(order))  # a CHECK on the key columns (a_id <> b_id)
        combos = _distinct_combos(rng, groups, self.count, {tuple(r) for r in existing}, cols, rules)
        for position, group in enumerate(groups):
            group.distinct = [combo[position] for combo in combos]
        self.count = len(combos)

    def assign(self, values: Values, number: int, start: int, size: int) -> None:
        """Every key but a self-reference, for rows start..start+size of the table."""
        for fk in self.keys:
            if not fk.is_self:
                self._assign(fk, values, number, start, size)

    def _assign(self, fk: ForeignKey, values: Values, number: int, start: int, size: int) -> None:
        if fk.config.mode == "update_after":
            picks = [(None,) * len(fk.config.columns)] * size  # set by deferred_updates()
        elif fk.distinct is not None:
            picks = fk.distinct[start : start + size]
        else:
            rng = random.Random(stream_seed(self.seed, self.info.name, *fk.config.columns, number))
            if len(fk.config.columns) == 1 and len(fk.pool):
                values[fk.config.columns[0]] = _sample(fk, rng, size)
                return
            picks = [self.pick(fk, rng) for _ in range(size)]
        _scatter(values, fk.config.columns, picks)

    def pick(self, fk: ForeignKey, rng: random.Random) -> tuple[Any, ...]:
        """One parent's key, or NULLs (as often as the plan says, or when there is no parent)."""
        if fk.config.null_probability and rng.random() < fk.config.null_probability:
            return (None,) * len(fk.config.columns)
        key = fk.pool.pick(rng, fk.spread)
        return key if key is not None else (None,) * len(fk.config.columns)

    def redraw(self, fk: ForeignKey, values: Values, row: int, rng: random.Random) -> None:
        for column, value in zip(fk.config.columns, self.pick(fk, rng), strict=True):
            values[column][row] = value

    def assign_trees(self, values: Values, keep: list[bool], number: int, size: int) -> None:
        """Self-references: each row's parent is a row inserted before it, or NULL (a root)."""
        for fk in self.keys:
            if fk.is_self:
                rng = random.Random(stream_seed(self.seed, self.info.name, *fk.config.columns, number))
                _scatter(values, fk.config.columns, self._tree(fk, values, keep, size, rng))

    def _tree(self, fk: ForeignKey, values: Values, keep: list[bool], size: int, rng) -> list[tuple]:
        own = [tuple(values[c][i] for c in fk.config.referenced_columns) for i in range(size)]
        earlier: list[tuple[Any, ...]] = []
        nullable = all(self.info.column(c).nullable for c in fk.config.columns)
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
        return picks

    def without_orphans(self, values: Values, keep: list[bool]) -> list[bool]:
        """Rows of this batch whose parent (a self-reference) was dropped after they chose it
        (its UNIQUE with the self-reference in it could not be met) are dropped too."""
        keep = list(keep)
        for fk in self.keys:
            if not fk.is_self:
                continue
            refs, cols = fk.config.referenced_columns, fk.config.columns
            dropped = {tuple(values[c][i] for c in refs) for i, k in enumerate(keep) if not k}
            for i, kept in enumerate(keep):
                if kept and dropped and tuple(values[c][i] for c in cols) in dropped:
                    keep[i] = False
                    dropped.add(tuple(values[c][i] for c in refs))
        return keep

    def remember(self, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        """Keep the rows' primary keys when an UPDATE must set their cycle keys later."""
        if self.own is not None:
            idx = [columns.index(c) for c in self.info.primary_key]
            self.own.add_keys([tuple(row[i] for i in idx) for row in rows])

    def deferred_updates(self) -> list[tuple[ForeignKeyConfig, list[str], list[tuple]]]:
        """For each key set after insertion: (key config, primary key columns, rows of
        (parent key values..., primary key values...))."""
        if self.own is None:
            return []
        out = []
        for fk in self.keys:
            if fk.config.mode != "update_after":
                continue
            rng = random.Random(stream_seed(self.seed, self.info.name, "update", *fk.config.columns))
            uniques = [u for u in self.info.unique_sets() if set(u) <= set(fk.config.columns)]
            if uniques:
                picks = self._distinct_picks(fk, rng, len(self.own), uniques)
            else:
                picks = [self.pick(fk, rng) for _ in range(len(self.own))]
            rows = [pick + self.own.get(i) for i, pick in enumerate(picks)]
            out.append((fk.config, self.info.primary_key, rows))
        return out

    def _distinct_picks(
        self, fk: ForeignKey, rng: random.Random, count: int, uniques: list[list[str]]
    ) -> list[tuple[Any, ...]]:
        """A key set after insertion that holds a UNIQUE (a one-to-one link in a cycle, or a
        composite key over one): parents whose unique part no row holds yet, each once, then
        NULLs (the key is nullable, or it could not wait)."""
        cols = fk.config.columns
        parts = [[cols.index(c) for c in u] for u in uniques]
        seen = [{tuple(r) for r in self.existing.rows(self.info.name, u)} for u in uniques]
        keys = [fk.pool.get(i) for i in range(len(fk.pool))]
        rng.shuffle(keys)
        chosen = []
        for key in keys:
            if len(chosen) == count:
                break
            projections = [tuple(key[i] for i in idx) for idx in parts]
            if any(p in taken for p, taken in zip(projections, seen, strict=True)):
                continue
            for p, taken in zip(projections, seen, strict=True):
                taken.add(p)
            chosen.append(key)
        return chosen + [(None,) * len(cols)] * (count - len(chosen))


def _drawn_keys(configs: list[ForeignKeyConfig]) -> list[ForeignKeyConfig]:
    """The keys drawn: one whose columns all belong to a wider key to the same parent columns
    (b1 -> p(b1) beside (b1, b2) -> p(b1, b2)) is left out, as the wider key's parent row sets
    them too; overlapping keys are thus drawn together, from one parent row."""
    return [fk for fk in configs if not any(_covers(other, fk) for other in configs if other is not fk)]


def _draws(fk: ForeignKeyConfig, key: ForeignKeyConfig) -> bool:
    """Whether drawing `fk` sets `key`: it is the key, or a wider key to the same parent row
    (distinct parent rows give distinct values of the narrow key, a unique key of the parent)."""
    return fk is key or _covers(fk, key)


def _covers(wide: ForeignKeyConfig, narrow: ForeignKeyConfig) -> bool:
    if wide.referenced_table != narrow.referenced_table or wide.mode != narrow.mode:
        return False
    pairs = set(zip(wide.columns, wide.referenced_columns, strict=True))
    inside = set(zip(narrow.columns, narrow.referenced_columns, strict=True)) <= pairs
    return inside and len(wide.columns) > len(narrow.columns)


def _sample(fk: ForeignKey, rng: random.Random, size: int) -> list[Any]:
    keys = fk.pool.sample(rng, size, fk.spread)
    null_p = fk.config.null_probability
    return [None if rng.random() < null_p else k for k in keys] if null_p else keys


def _scatter(values: Values, columns: list[str], picks: list[tuple[Any, ...]]) -> None:
    for position, name in enumerate(columns):
        values[name] = [p[position] for p in picks]


def _distinct_combos(
    rng, groups: list[ForeignKey], count: int, existing: set, cols: list[str], rules: CheckRules
) -> list[tuple]:
    """Up to `count` distinct parent combinations, none already present and none breaking a
    CHECK on the key columns alone, by sampling indices."""
    sizes = [len(g.pool) for g in groups]
    total = math.prod(sizes)
    if count <= 0 or total == 0:
        return []
    order = [c for g in groups for c in g.config.columns]
    out = []
    for index in _distinct_indices(rng, total, count + len(existing)):
        picks = []
        for group, size in zip(groups, sizes, strict=True):
            index, offset = divmod(index, size)
            picks.append(group.pool.get(offset))
        flat = dict(zip(order, (v for p in picks for v in p), strict=True))
        if tuple(flat[c] for c in cols) not in existing and rules.holds(flat) is not False:
            out.append(tuple(picks))
        if len(out) == count:
            break
    return out


def _distinct_indices(rng, total: int, wanted: int) -> Iterator[int]:
    """Distinct random indices below `total`: `wanted` of them first, then, while the caller
    keeps asking (some were refused), twice as many more each time, until all are given."""
    size = min(total, wanted)
    first = rng.sample(range(total), size)
    yield from first
    seen = set(first)
    while size < total:
        size = min(total, size * 2)
        for index in rng.sample(range(total), size):
            if index not in seen:
                seen.add(index)
                yield index
