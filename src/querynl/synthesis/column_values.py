"""Values of a table's plain columns: Faker values fitted to each column, drawn from a pool
made once when the table is large, and made distinct for unique columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from faker import Faker

from querynl.models import ColumnGenerationConfig
from querynl.schema import ColumnInfo
from querynl.synthesis.layout import TableSpec, is_unique_value, value_columns
from querynl.synthesis.streams import resolve_dates, stream_seed
from querynl.synthesis.uniqueness import DROP, UniqueValues, column_elements, finite_domain
from querynl.synthesis.value_fitting import fit_value

POOL_SIZE = 2_000  # tables larger than this draw column values from a pool of this many
_SUFFIXABLE = {"string", "text", "integer"}  # unique kinds a pool may feed (collisions get a suffix)


@dataclass
class FakerColumn:
    info: ColumnInfo
    config: ColumnGenerationConfig
    make: Callable[[], Any]
    unique: UniqueValues | None = None
    pool: list[Any] | None = None  # Faker values drawn from when the table is large


@dataclass(frozen=True)
class ValueSource:
    """What every table's columns share: one Faker and the run's date anchor."""

    fake: Faker
    anchor: dt.datetime

    def maker(self, info: ColumnInfo, config: ColumnGenerationConfig) -> Callable[[], Any]:
        formatter = self.fake.get_formatter(config.faker_provider or "pystr")
        args = resolve_dates(config.provider_args, self.anchor)
        return lambda: fit_value(info, formatter(**args))


class ColumnValues:
    """One table's Faker columns, batch by batch. `pool_size` is None: no pools (a small table)."""

    def __init__(self, source: ValueSource, spec: TableSpec, pool_size: int | None) -> None:
        self.source = source
        self.spec = spec
        self.pool_size = pool_size
        self.columns = [self._column(config) for config in value_columns(spec.config)]

    def _column(self, config: ColumnGenerationConfig) -> FakerColumn:
        info = self.spec.info.column(config.column_name)
        unique = None
        if is_unique_value(self.spec.info, config):
            taken = (row[0] for row in self.spec.existing.rows(self.spec.name, [info.name]))
            unique = UniqueValues(info, taken, finite_domain(info, column_elements(self.spec.info, config)))
        return FakerColumn(info, config, self.source.maker(info, config), unique)

    def batch(self, values: dict[str, list[Any]], number: int, size: int) -> None:
        """Fill `values` with one batch of every column. Large tables draw from a pool of
        Faker values made once (Faker costs ~100 µs a value; a draw from the pool well under 1 µs)."""
        for col in self.columns:
            values[col.info.name] = self._column_batch(col, number, size)

    def _column_batch(self, col: FakerColumn, number: int, size: int) -> list[Any]:
        pool = self._pool(col)
        fake = self.source.fake
        fake.seed_instance(stream_seed(self.spec.seed, self.spec.name, col.info.name, number))
        rng = fake.random
        values = [col.make() for _ in range(size)] if pool is None else rng.choices(pool, k=size)
        null_p = col.config.null_probability if col.info.nullable else 0.0
        if null_p:
            values = [None if rng.random() < null_p else v for v in values]
        if col.unique is not None:
            redraw = col.make if pool is None else lambda: rng.choice(pool)
            values = [col.unique.claim(v, redraw) for v in values]
        return values

    def _pool(self, col: FakerColumn) -> list[Any] | None:
        if self.pool_size is None or (col.unique is not None and col.info.kind not in _SUFFIXABLE):
            return None
        if col.pool is None:
            seed = stream_seed(self.spec.seed, self.spec.name, col.info.name, "pool")
            self.source.fake.seed_instance(seed)
            col.pool = [col.make() for _ in range(self.pool_size)]
        return col.pool

    def kept(self, values: dict[str, list[Any]], size: int) -> list[bool]:
        """False for rows where a unique column had no distinct value left."""
        keep = [True] * size
        for col in self.columns:
            column = values[col.info.name]
            if col.unique is not None and DROP in column:
                keep = [k and v is not DROP for k, v in zip(keep, column, strict=True)]
        return keep

    def redraw(self, values: dict[str, list[Any]], row: int, names: list[str]) -> None:
        """New values in row `row` for the columns named that are not unique on their own."""
        for col in self.columns:
            if col.info.name in names and col.unique is None:
                values[col.info.name][row] = col.make()
