"""CHECK constraints kept by construction: each row's values are moved the least needed for
every rule the parser understood to hold; a rule on key columns is met by other parents."""

from __future__ import annotations

import random
from typing import Any

from querynl.checks.repair import repair_row
from querynl.checks.rules import CheckRules
from querynl.schema import TableInfo
from querynl.synthesis.foreign_keys import ForeignKey, TableKeys, Values
from querynl.synthesis.layout import TableSpec
from querynl.synthesis.streams import stream_seed
from querynl.synthesis.uniqueness import DROP

RETRIES = 10  # other parents tried for a row before it is left to the database


class CheckRepair:
    def __init__(self, rules: CheckRules, info: TableInfo, keys: TableKeys, seed: int) -> None:
        self.rules = rules
        self.info = info
        self.keys = keys
        self.seed = seed
        self.columns = {c.name: c for c in info.columns}
        self.redrawable = [fk for fk in keys.keys if fk.redrawable and fk.config.mode == "immediate"]
        # keys no repair may touch: drawn distinct (a junction's pairs, already meeting the CHECKs
        # on key columns alone) or left NULL for a cycle's UPDATE (a tree's are set after this)
        redrawn = {id(fk) for fk in self.redrawable}
        fixed = [fk for fk in keys.keys if id(fk) not in redrawn and not fk.is_self]
        self.kept = [c for fk in fixed for c in fk.config.columns]

    @classmethod
    def for_table(cls, spec: TableSpec, keys: TableKeys) -> CheckRepair | None:
        """None when the table has no CHECK the parser understood."""
        checks = spec.info.checks
        understood = checks.bounds or checks.pairs or checks.alternatives
        return cls(checks, spec.info, keys, spec.seed) if understood else None

    def apply(self, values: Values, number: int, size: int) -> None:
        rng = random.Random(stream_seed(self.seed, self.info.name, "checks", number))
        names = list(values)
        for i in range(size):
            row = {n: values[n][i] for n in names}
            if any(v is DROP for v in row.values()):
                continue
            fixed = repair_row(self.rules, row, self.columns, rng)
            if any(fixed[c] != row[c] for fk in self.redrawable for c in fk.config.columns):
                fixed = self._with_other_parents(row, rng)
            fixed.update((c, row[c]) for c in self.kept)
            for n in names:
                values[n][i] = fixed[n]

    def _with_other_parents(self, row: dict[str, Any], rng: random.Random) -> dict[str, Any]:
        """A CHECK on key columns (home_team_id <> away_team_id) is met by drawing other
        parents, never by inventing a key no parent has."""
        key_columns = [c for fk in self.redrawable for c in fk.config.columns]
        candidate = dict(row)
        for _ in range(RETRIES):
            fixed = repair_row(self.rules, candidate, self.columns, rng)
            if all(fixed[c] == candidate[c] for c in key_columns):
                return fixed
            for fk in self._moved(fixed, candidate):
                candidate.update(zip(fk.config.columns, self.keys.pick(fk, rng), strict=True))
        return fixed | {c: row[c] for c in key_columns}  # the row fails its CHECK, never its key

    def _moved(self, fixed: dict[str, Any], candidate: dict[str, Any]) -> list[ForeignKey]:
        return [fk for fk in self.redrawable if any(fixed[c] != candidate[c] for c in fk.config.columns)]
