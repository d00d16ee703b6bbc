"""All the understood checks of a table, as data: merge them and evaluate them on a row.

The schema model holds one per table (parsed once, at introspection); repairing a row to
satisfy them is `querynl.checks.repair.repair_row`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from querynl.checks.bounds import intersect_bounds
from querynl.checks.evaluate import bounds_hold, branch_holds, pair_holds
from querynl.checks.model import Branch, ColumnBounds, PairRule


@dataclass
class CheckRules:
    bounds: dict[str, ColumnBounds] = field(default_factory=dict)
    pairs: list[PairRule] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    # conditional checks: one branch of each holds
    alternatives: list[list[Branch]] = field(default_factory=list)

    def merged(self, other: CheckRules) -> CheckRules:
        """Both sets of rules at once (e.g. a table's checks plus a domain's)."""
        bounds = dict(self.bounds)
        for name, extra in other.bounds.items():
            bounds[name] = intersect_bounds(bounds[name], extra) if name in bounds else extra
        pairs = self.pairs + [p for p in other.pairs if p not in self.pairs]
        alternatives = self.alternatives + [a for a in other.alternatives if a not in self.alternatives]
        return CheckRules(bounds, pairs, self.unsupported + other.unsupported, alternatives)

    def within(self, columns: set[str]) -> CheckRules:
        """The rules that read only `columns` (e.g. a junction's key columns, known before the
        rest of its row)."""
        bounds = {name: b for name, b in self.bounds.items() if name in columns}
        pairs = [p for p in self.pairs if {p.left, p.right} <= columns]
        alternatives = [
            options for options in self.alternatives if all(_branch_columns(b) <= columns for b in options)
        ]
        return CheckRules(bounds, pairs, [], alternatives)

    def holds(self, row: dict[str, Any]) -> bool | None:
        """Evaluate every understood check on ``row``: False if one fails, None if one cannot be evaluated."""
        results = [bounds_hold(row, name, b) for name, b in self.bounds.items()]
        results += [pair_holds(row, pair) for pair in self.pairs]
        results += [any(branch_holds(row, b) for b in options) for options in self.alternatives]
        if False in results:
            return False
        return None if None in results else True


def _branch_columns(branch: Branch) -> set[str]:
    return set(branch.bounds) | branch.null_cols | {c for p in branch.pairs for c in (p.left, p.right)}
