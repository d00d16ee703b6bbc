"""Values of a table's plain columns: Faker values fitted to each column, drawn in bulk when
the table is large (synthesis/bulk: as diverse as Faker per value), and made distinct for
unique columns."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from faker import Faker

from querynl.models import ColumnGenerationConfig
from querynl.schema import ColumnInfo
from querynl.synthesis.bulk import Compose, Composers
from querynl.synthesis.bulk.sampling import SAMPLE_SIZE, vocabulary_sample
from querynl.synthesis.layout import TableSpec, is_unique_value, value_columns
from querynl.synthesis.streams import DEFAULT_WINDOW_DAYS, resolve_dates, stream_seed
from querynl.synthesis.uniqueness import DROP, UniqueValues, column_elements, finite_domain
from querynl.synthesis.value_fitting import fit_value, fit_values

BULK_ROWS = 2_000  # tables larger than this draw their column values in bulk
_SUFFIXABLE = {"string", "text", "integer"}  # unique kinds a sample may feed (collisions get a suffix)


@dataclass
class FakerColumn:
    info: ColumnInfo
    config: ColumnGenerationConfig
    make: Callable[[], Any]
    unique: UniqueValues | None = None
    draw: Compose | None = None  # a batch at once, when the table is large (None: Faker per value)
    judged: bool = False  # whether `draw` was decided


@dataclass(frozen=True)
class ValueSource:
    """What every table's columns share: one Faker, the run's date anchor and time window
    (days before the anchor that event timestamps spread over), the composers."""

    fake: Faker
    anchor: dt.datetime
    composers: Composers
    window_days: int = DEFAULT_WINDOW_DAYS

    def maker(self, info: ColumnInfo, config: ColumnGenerationConfig) -> Callable[[], Any]:
        formatter = self.fake.get_formatter(config.faker_provider or "pystr")
        args = resolve_dates(config.provider_args, self.anchor, self.window_days)
        return lambda: fit_value(info, formatter(**args))

    def composer(self, info: ColumnInfo, config: ColumnGenerationConfig) -> Compose | None:
        """The column's values a batch at once, fitted to it, when its provider has a composer."""
        args = resolve_dates(config.provider_args, self.anchor, self.window_days)
        compose = self.composers.composer(config.faker_provider or "pystr", args)
        if compose is None:
            return None
        return lambda rng, n: fit_values(info, compose(rng, n))


class ColumnValues:
    """One table's Faker columns, batch by batch. `bulk`: draw each batch at once (a large
    table); `sample_size`: Faker values taken to judge a provider that has no composer."""

    def __init__(
        self, source: ValueSource, spec: TableSpec, bulk: bool, sample_size: int = SAMPLE_SIZE
    ) -> None:
        self.source = source
        self.spec = spec
        self.bulk = bulk
        self.sample_size = sample_size
        self.columns = [self._column(config) for config in value_columns(spec.config)]

    def _column(self, config: ColumnGenerationConfig) -> FakerColumn:
        info = self.spec.info.column(config.column_name)
        unique = None
        if is_unique_value(self.spec.info, config):
            taken = (row[0] for row in self.spec.existing.rows(self.spec.name, [info.name]))
            unique = UniqueValues(info, taken, finite_domain(info, column_elements(self.spec.info, config)))
        return FakerColumn(info, config, self.source.maker(info, config), unique)

    def batch(self, values: dict[str, list[Any]], number: int, size: int) -> None:
        """Fill `values` with one batch of every column."""
        for col in self.columns:
            values[col.info.name] = self._column_batch(col, number, size)

    def _column_batch(self, col: FakerColumn, number: int, size: int) -> list[Any]:
        draw = self._draw(col)
        fake = self.source.fake
        fake.seed_instance(stream_seed(self.spec.seed, self.spec.name, col.info.name, number))
        rng = fake.random
        null_p = col.config.null_probability if col.info.nullable else 0.0
        if draw is not None:
            values = _with_nulls(draw, rng, size, null_p)
        else:
            values = [col.make() for _ in range(size)]
            if null_p:
                values = [None if rng.random() < null_p else v for v in values]
        if col.unique is not None:
            redraw = col.make if draw is None else _Spares(draw, rng)
            values = [col.unique.claim(v, redraw) for v in values]
        return values

    def _draw(self, col: FakerColumn) -> Compose | None:
        """How a large table draws the column: its composer; else, when its provider's values
        are few, a sample of them (a unique column only when a collision can take a suffix);
        else None, Faker per value."""
        if not self.bulk or col.judged:
            return col.draw
        col.judged = True
        col.draw = self.source.composer(col.info, col.config)
        if col.draw is None and (col.unique is None or col.info.kind in _SUFFIXABLE):
            seed = stream_seed(self.spec.seed, self.spec.name, col.info.name, "sample")
            self.source.fake.seed_instance(seed)
            sample = vocabulary_sample(col.make, self.sample_size)
            if sample is not None:
                col.draw = lambda rng, n: rng.choices(sample, k=n)
        return col.draw

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


def _with_nulls(draw: Compose, rng: random.Random, size: int, null_p: float) -> list[Any]:
    """`size` values, each NULL with probability null_p: only the others are drawn, and the
    NULLs' rows come from geometric gaps (one random number a NULL, not one a row)."""
    nulls = _null_rows(rng, size, null_p)
    drawn = draw(rng, size - len(nulls))
    if not nulls:
        return drawn
    out: list[Any] = []
    taken = 0
    for before, row in enumerate(nulls):  # `before` NULLs precede this one
        out.extend(drawn[taken : row - before])
        out.append(None)
        taken = row - before
    out.extend(drawn[taken:])
    return out


def _null_rows(rng: random.Random, size: int, null_p: float) -> list[int]:
    """The rows of a batch that are NULL, each with probability null_p, in order."""
    if null_p <= 0:
        return []
    if null_p >= 1:
        return list(range(size))
    rows, row, log_q = [], -1, math.log1p(-null_p)
    while True:
        row += 1 + int(math.log1p(-rng.random()) / log_q)
        if row >= size:
            return rows
        rows.append(row)


class _Spares:
    """Redraws for a bulk-drawn unique column, drawn in bulk too (a collision is not worth
    a Faker call when the column is composed)."""

    def __init__(self, draw: Compose, rng) -> None:
        self.draw, self.rng = draw, rng
        self.left: list[Any] = []

    def __call__(self) -> Any:
        if not self.left:
            self.left = self.draw(self.rng, 256)[::-1]
        return self.left.pop()
