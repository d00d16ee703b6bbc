"""Keys a child row may reference: rows already in the parent table plus the rows we generate.

A contiguous run of generated integer ids is kept as a range, not a list, so a million-row
parent costs a few bytes.
"""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Sequence
from typing import Any


class KeyPool:
    def __init__(self, existing: Sequence[tuple[Any, ...]] = ()) -> None:
        self._segments: list[Sequence[Any]] = []
        self._ends: list[int] = []
        if existing:
            self.add(list(existing))

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    def add(self, keys: Sequence[Any]) -> None:
        """Append keys: tuples, or a range of single-column integer ids (a range continuing
        the last one extends it, so batch after batch of ids stays one range)."""
        if not len(keys):
            return
        last = self._segments[-1] if self._segments else None
        if isinstance(keys, range) and isinstance(last, range) and keys.start == last.stop:
            self._segments[-1] = range(last.start, keys.stop)
            self._ends[-1] += len(keys)
            return
        self._segments.append(keys)
        self._ends.append(len(self) + len(keys))

    def add_keys(self, keys: list[tuple[Any, ...]]) -> None:
        """Append generated key tuples, compressing a contiguous integer run into a range."""
        if not keys:
            return
        if _is_int_run(keys):
            self.add(range(keys[0][0], keys[-1][0] + 1))
        else:
            self.add(keys)

    def discard(self, keys: set[tuple[Any, ...]]) -> None:
        """Drop keys (rows the database rejected): a range is split around them."""
        if not keys:
            return
        segments: list[Sequence[Any]] = []
        for segment in self._segments:
            segments.extend(_without(segment, keys))
        self._segments, self._ends = [], []
        for segment in segments:
            self._segments.append(segment)
            self._ends.append(len(self) + len(segment))

    def segments(self) -> list[Sequence[Any]]:
        """The keys as kept: ranges of integer ids and lists of key tuples."""
        return list(self._segments)

    def get(self, index: int) -> tuple[Any, ...]:
        seg = bisect.bisect_right(self._ends, index)
        start = self._ends[seg - 1] if seg else 0
        item = self._segments[seg][index - start]
        return item if isinstance(item, tuple) else (item,)

    def sample(self, rng: random.Random, k: int, spread: int = 0) -> list[Any]:
        """k single-column keys drawn with replacement (values, not tuples), with a long
        tail (see skewed_indices; `spread` chooses which parents are the busy ones)."""
        if len(self._segments) == 1 and isinstance(self._segments[0], range) and self._segments[0].step == 1:
            return skewed_indices(rng, len(self), k, spread, base=self._segments[0].start)
        return [self.get(i)[0] for i in skewed_indices(rng, len(self), k, spread)]

    def pick(self, rng: random.Random, spread: int = 0) -> tuple[Any, ...] | None:
        return self.get(skewed_indices(rng, len(self), 1, spread)[0]) if len(self) else None


SKEW = 100  # a parent's share of children falls from ~SKEW/ln(SKEW+1) (~22) times the mean
# for the busiest to ~1/5 of the mean for the quietest


def skewed_indices(rng: random.Random, n: int, k: int, spread: int = 0, base: int = 0) -> list[int]:
    """k indices into n parents, Zipf-like: the parent of rank r is drawn with density
    proportional to 1 / (r + n/SKEW) (1 / (r + 2) for few parents), so a few parents get
    many children and most get few, as with customers and their orders; every parent keeps
    a chance. Ranks are scattered
    over the pool by a multiplier prime to n (from `spread`), so the busy parents are not
    simply the first rows, and stay the same ones from batch to batch. `base` is added to
    each index (the first id of a range of ids)."""
    if n <= 0:
        return []
    scale = max(n / SKEW, 2.0)  # few parents: a gentler slope, so the first is not half of all
    top, r = (n + scale) / scale, rng.random
    step, offset = _scatter(n, spread)
    # the rank is below n (u < 1); were rounding to give n, the modulo would still land in the pool
    return [(int(scale * top ** r() - scale) * step + offset) % n + base for _ in range(k)]


def _scatter(n: int, spread: int) -> tuple[int, int]:
    """A multiplier prime to n and an offset: rank -> (rank * step + offset) % n is a bijection."""
    step = spread % n or 1
    while math.gcd(step, n) != 1:
        step += 1
    return step, (spread // n) % n


def _is_int_run(keys: list[tuple[Any, ...]]) -> bool:
    first = keys[0]
    if len(first) != 1 or type(first[0]) is not int:
        return False
    start = first[0]
    return all(len(k) == 1 and k[0] == start + i for i, k in enumerate(keys))


def _without(segment: Sequence[Any], keys: set[tuple[Any, ...]]) -> list[Sequence[Any]]:
    """The segment minus `keys`: what is left of a range as ranges, of a list as a list."""
    if not isinstance(segment, range):
        kept = [k for k in segment if (k if isinstance(k, tuple) else (k,)) not in keys]
        return [kept] if kept else []
    cuts = sorted(k[0] for k in keys if len(k) == 1 and type(k[0]) is int and k[0] in segment)
    pieces, start = [], segment.start
    for cut in cuts:
        pieces.append(range(start, cut))
        start = cut + 1
    pieces.append(range(start, segment.stop))
    return [piece for piece in pieces if len(piece)]
