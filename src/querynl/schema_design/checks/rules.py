"""All the understood checks of a table: merge them, evaluate them on a row, repair a row."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from querynl.db.schema import ColumnInfo
from querynl.schema_design.checks.bounds import intersect_bounds
from querynl.schema_design.checks.evaluate import bounds_hold, pair_holds
from querynl.schema_design.checks.model import ColumnBounds, PairRule
from querynl.schema_design.checks.repair import repair_column, repair_pair
from querynl.schema_design.checks.values import column_info


@dataclass
class CheckRules:
    bounds: dict[str, ColumnBounds] = field(default_factory=dict)
    pairs: list[PairRule] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)

    def merged(self, other: CheckRules) -> CheckRules:
        """Both sets of rules at once (e.g. a table's checks plus a domain's)."""
        bounds = dict(self.bounds)
        for name, extra in other.bounds.items():
            bounds[name] = intersect_bounds(bounds[name], extra) if name in bounds else extra
        pairs = self.pairs + [p for p in other.pairs if p not in self.pairs]
        return CheckRules(bounds, pairs, self.unsupported + other.unsupported)

    def holds(self, row: dict[str, Any]) -> bool | None:
        """Evaluate every understood check on ``row``: False if one fails, None if one cannot be evaluated."""
        results = [bounds_hold(row, name, b) for name, b in self.bounds.items()]
        results += [pair_holds(row, pair) for pair in self.pairs]
        if False in results:
            return False
        return None if None in results else True

    def repair(
        self, row: dict[str, Any], columns: dict[str, ColumnInfo], rng: random.Random
    ) -> dict[str, Any]:
        """The row changed as little as possible so that every understood check holds."""
        fixed = dict(row)
        for name, bounds in self.bounds.items():
            if name in fixed:
                fixed[name] = repair_column(fixed[name], bounds, column_info(columns, name, fixed[name]), rng)
        for _ in range(3):
            for pair in self.pairs:
                repair_pair(fixed, pair, self.bounds, columns, rng)
        return fixed
