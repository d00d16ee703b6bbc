"""Rows kept out of a rejecting trigger's condition, where it was read (db/trigger_conditions.py).

- SameAsParent (`NEW.region <> (SELECT region FROM stores WHERE id = NEW.store_id)`): the
  column is derived from the drawn parent row: it copies the parent's value.
- ParentsAgree (`(SELECT org_id FROM teams WHERE id = NEW.team_id) <> (SELECT org_id FROM
  projects WHERE id = NEW.project_id)`): the second parent is drawn among those agreeing with
  the first; a first parent no second one agrees with is redrawn among those some agree with.

The parents' (key, value) pairs come from the key registry (rows there, rows generated, less
rows rejected). A rule whose key is not a single-column foreign key drawn from that parent
is left to the database, which rejects the rows it must (and the run reports them).
"""

from __future__ import annotations

import random
from typing import Any

from querynl.db.trigger_rules import ParentsAgree, ParentValue, SameAsParent
from querynl.synthesis.foreign_keys import ForeignKey, TableKeys, Values
from querynl.synthesis.key_registry import KeyRegistry
from querynl.synthesis.streams import stream_seed


class LinkedDraws:
    def __init__(
        self,
        keys: TableKeys,
        registry: KeyRegistry,
        columns: list[str],
        rules: list[ParentsAgree] | None = None,
    ) -> None:
        """rules: parents that must agree (a plan's diamonds), instead of the triggers' rules."""
        self.keys = keys
        self.registry = registry
        self.copies: list[tuple[str, str, dict[Any, Any]]] = []  # (column, key column, parent key -> value)
        self.pairs: list[tuple] = []  # (first key column, second, firsts, seconds, by_value, agreeable)
        if rules is None:
            rejections = keys.info.triggers.rejections
            rules = [r for rej in rejections for r in (*rej.same_as_parent, *rej.parents_agree)]
        for rule in rules:
            self._add(rule, columns)

    def _add(self, rule: SameAsParent | ParentsAgree, columns: list[str]) -> None:
        if isinstance(rule, SameAsParent):
            self._copy(rule, columns)
        else:
            self._pair(rule)

    def __bool__(self) -> bool:
        return bool(self.copies or self.pairs)

    def _copy(self, rule: SameAsParent, columns: list[str]) -> None:
        key_columns = {c for fk in self.keys.keys for c in fk.config.columns}
        fk = self._foreign_key(rule.parent)
        if fk is not None and rule.column in columns and rule.column not in key_columns:
            self.copies.append((rule.column, rule.parent.via, self._values(rule.parent)))

    def _pair(self, rule: ParentsAgree) -> None:
        first, second = self._foreign_key(rule.first), self._foreign_key(rule.second)
        if first is None or second is None or not (first.redrawable and second.redrawable):
            return
        by_value: dict[Any, list[Any]] = {}
        seconds = self._values(rule.second)
        for key, value in seconds.items():
            if value is not None:
                by_value.setdefault(value, []).append(key)
        firsts = self._values(rule.first)
        agreeable = [key for key, value in firsts.items() if value in by_value]
        self.pairs.append((rule.first.via, rule.second.via, firsts, seconds, by_value, agreeable))

    def _foreign_key(self, parent: ParentValue) -> ForeignKey | None:
        """The table's key drawn from `parent` (one column, not a self-reference)."""
        for fk in self.keys.keys:
            config = fk.config
            if (
                config.columns == [parent.via]
                and config.referenced_table == parent.table
                and config.referenced_columns == [parent.key]
                and config.mode == "immediate"
                and not fk.is_self
            ):
                return fk
        return None

    def _values(self, parent: ParentValue) -> dict[Any, Any]:
        return dict(self.registry.known(parent.table, [parent.key, parent.column]))

    def apply(self, values: Values, number: int, size: int) -> None:
        """Set the derived columns and agreeing parents of rows 0..size of the batch."""
        for column, via, lookup in self.copies:
            values[column] = [
                lookup[k] if lookup.get(k) is not None else old
                for k, old in zip(values[via], values[column], strict=True)
            ]
        for position, pair in enumerate(self.pairs):
            rng = random.Random(stream_seed(self.keys.seed, self.keys.info.name, "linked", position, number))
            for i in range(size):
                self._agree(values, i, rng, pair)

    @staticmethod
    def _agree(values: Values, i: int, rng: random.Random, pair: tuple) -> None:
        first, second, firsts, seconds, by_value, agreeable = pair
        key = values[first][i]
        if key is None or values[second][i] is None or key not in firsts or firsts[key] is None:
            return  # NULL on either side: the condition is not true, the row goes in
        if firsts[key] not in by_value:
            if not agreeable:
                return  # no parents agree at all: the database rejects the row
            key = values[first][i] = rng.choice(agreeable)
        if seconds.get(values[second][i]) != firsts[key]:
            values[second][i] = rng.choice(by_value[firsts[key]])
