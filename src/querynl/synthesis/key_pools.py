"""Keys a child row may reference: rows already in the parent table plus the rows we generate.

A contiguous run of generated integer ids is kept as a range, not a list, so a million-row
parent costs a few bytes.
"""

from __future__ import annotations

import bisect
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

    def get(self, index: int) -> tuple[Any, ...]:
        seg = bisect.bisect_right(self._ends, index)
        start = self._ends[seg - 1] if seg else 0
        item = self._segments[seg][index - start]
        return item if isinstance(item, tuple) else (item,)

    def sample(self, rng: random.Random, k: int) -> list[Any]:
        """k single-column keys drawn with replacement (values, not tuples)."""
        if len(self._segments) == 1 and isinstance(self._segments[0], range):
            return rng.choices(self._segments[0], k=k)
        total = len(self)
        return [self.get(int(rng.random() * total))[0] for _ in range(k)]

    def pick(self, rng: random.Random) -> tuple[Any, ...] | None:
        return self.get(rng.randrange(len(self))) if len(self) else None


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
