"""Which generated rows are kept: a row whose unique column ran out of values is dropped, and a
row whose unique combination (first_name, last_name) is taken is redrawn a few times first.

A combination that includes a self-reference, (name, parent_id), is claimed only once the
rows' parents are drawn (late_mask): its other columns are redrawn, and a nullable parent is
made NULL (a root) as a last resort, so no row another row may reference is dropped."""

from __future__ import annotations

import random

from querynl.synthesis.column_values import ColumnValues
from querynl.synthesis.foreign_keys import TableKeys, Values
from querynl.synthesis.layout import TableSpec, composite_keys
from querynl.synthesis.streams import stream_seed
from querynl.synthesis.uniqueness import UniqueTuples

RETRIES = 10  # redraws of a row before it is dropped


class UniqueRows:
    def __init__(self, spec: TableSpec, columns: ColumnValues, keys: TableKeys) -> None:
        self.name = spec.name
        self.seed = spec.seed
        self.columns = columns
        self.keys = keys
        sets = [
            (cols, UniqueTuples(spec.existing.rows(spec.name, cols)))
            for cols in composite_keys(spec.info, spec.config)
        ]
        late = keys.self_columns
        self.sets = [(cols, seen) for cols, seen in sets if not late & set(cols)]
        self.late = [(cols, seen) for cols, seen in sets if late & set(cols)]
        self.roots = [
            fk.config.columns
            for fk in keys.keys
            if fk.is_self and all(spec.info.column(c).nullable for c in fk.config.columns)
        ]

    def keep_mask(self, values: Values, number: int, size: int) -> list[bool]:
        keep = self.columns.kept(values, size)
        rng = random.Random(stream_seed(self.seed, self.name, "composite", number))
        for cols, seen in self.sets:
            redrawable = [fk for fk in self.keys.keys if fk.redrawable and set(fk.config.columns) & set(cols)]
            for i in range(size):
                if keep[i]:
                    keep[i] = self._claim(cols, seen, redrawable, values, i, rng)
        return keep

    def late_mask(self, values: Values, keep: list[bool]) -> list[bool]:
        """Claim the combinations that include a self-reference, once it is set."""
        keep = list(keep)
        for cols, seen in self.late:
            for i, kept in enumerate(keep):
                if kept:
                    keep[i] = self._claim_late(cols, seen, values, i)
        return keep

    def _claim_late(self, cols: list[str], seen: UniqueTuples, values: Values, i: int) -> bool:
        for _ in range(RETRIES):
            if seen.take(tuple(values[c][i] for c in cols)):
                return True
            self.columns.redraw(values, i, cols)
        for columns in self.roots:
            if set(columns) & set(cols):
                for c in columns:
                    values[c][i] = None
        return seen.take(tuple(values[c][i] for c in cols))

    def _claim(
        self, cols, seen: UniqueTuples, redrawable, values: Values, i: int, rng: random.Random
    ) -> bool:
        for _ in range(RETRIES):
            if seen.take(tuple(values[c][i] for c in cols)):
                return True
            for fk in redrawable:
                self.keys.redraw(fk, values, i, rng)
            self.columns.redraw(values, i, cols)
        return False
