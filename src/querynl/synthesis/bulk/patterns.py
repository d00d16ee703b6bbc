"""Our patterned providers (providers/base.py `patterned`: product names, post titles and
bodies, handles, hashtags, bins, lots...) composed for a whole batch at once.

Such a value is one or more templates of a provider's class attribute, each ``{attribute}``
a pick from another class attribute and (in codes) each '#' or '?' a digit or a letter. Here the
templates are picked for every value at once (distinct ones within a value, as the provider
picks them), then each template's words and marks are drawn for all its rows in one draw:
the same parts at the same frequencies, so as many distinct values as Faker per value.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from faker import Faker

from querynl.providers.base import MARKS, TOKEN, Pattern
from querynl.synthesis.bulk.templates import Choices, Compose


def pattern_composer(fake: Faker, provider: str, args: dict[str, Any]) -> Compose | None:
    """n values of a patterned provider without arguments (but `max_chars`), or None."""
    try:
        formatter = fake.get_formatter(provider)
    except AttributeError:
        return None
    pattern = getattr(formatter, "pattern", None)
    if not isinstance(pattern, Pattern) or set(args) - {"max_chars"}:
        return None
    return PatternDraw(formatter.__self__, pattern)


class PatternDraw:
    def __init__(self, owner: Any, pattern: Pattern) -> None:
        self.owner, self.pattern = owner, pattern
        self.templates: Sequence[str] = list(getattr(owner, pattern.formats))
        self._words: dict[str, Choices] = {}

    def __call__(self, rng: random.Random, n: int) -> list[str]:
        low, high = self.pattern.counts
        counts = rng.choices(range(low, high + 1), k=n) if high > low else [low] * n
        picked: list[str] = []
        for k in counts:
            picked.extend(rng.choices(self.templates) if k == 1 else rng.sample(self.templates, k))
        shared = {
            name: [v for v, k in zip(self._choices(name).draw(rng, n), counts, strict=True) for _ in range(k)]
            for name in self.pattern.shared
        }  # one pick a value, repeated for each of its templates
        filled = iter(self._fill(picked, rng, shared))
        prefix = self.pattern.prefix
        return [prefix + " ".join(next(filled) for _ in range(k)) for k in counts]

    def _fill(self, picked: list[str], rng: random.Random, shared: dict[str, list[str]]) -> list[str]:
        """Each template filled: the rows of one template together, one draw per part."""
        rows: dict[str, list[int]] = {}
        for i, template in enumerate(picked):
            rows.setdefault(template, []).append(i)
        out = [""] * len(picked)
        for template, where in rows.items():
            parts = TOKEN.split(template)  # literal, attribute, literal, ..., literal
            columns = [
                self._part(part, i % 2 == 1, where, rng, shared)
                for i, part in enumerate(parts)
                if i % 2 or part
            ]
            for row, value in zip(where, map("".join, zip(*columns, strict=True)), strict=True):
                out[row] = value
        return out

    def _part(self, part: str, token: bool, where: list[int], rng: random.Random, shared) -> list[str]:
        """A template's part for its rows: a literal's marks, or an attribute's words."""
        if not token:
            return _marks(part, rng, len(where)) if self.pattern.marks else [part] * len(where)
        if part in shared:
            return [shared[part][row] for row in where]
        return [str(v) for v in self._choices(part).draw(rng, len(where))]

    def _choices(self, attribute: str) -> Choices:
        if attribute not in self._words:
            self._words[attribute] = Choices(getattr(self.owner, attribute))
        return self._words[attribute]


def _marks(text: str, rng: random.Random, n: int) -> list[str]:
    """`text` n times with each '#' a digit and '?' an uppercase letter."""
    marks = [c for c in text if c in MARKS]
    if not marks:
        return [text] * n
    pattern = "".join("{}" if c in MARKS else c.replace("{", "{{").replace("}", "}}") for c in text)
    drawn = [rng.choices(MARKS[c], k=n) for c in marks]
    return [pattern.format(*chars) for chars in zip(*drawn, strict=True)]
