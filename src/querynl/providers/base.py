"""What every QueryNL provider shares: length-safe picking, retries and clipping, and
values composed from templates over the provider's own word lists (class attributes, so a
locale's subclass can override them, as Faker's own providers do)."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass

from faker.providers import BaseProvider

# Generator plumbing and large payloads that ``fit`` must not call.
NOT_FITTABLE = frozenset(
    {"fit", "binary", "format", "parse", "add_provider", "get_formatter", "set_formatter",
     "seed", "seed_instance", "seed_locale", "set_arguments", "get_arguments", "del_arguments",
     "get_providers", "provider"}
)  # fmt: skip

# --------------------------------------------------------------------------- helpers


def clip(text: str, max_chars: int | None) -> str:
    """Shorten to ``max_chars``: at a word boundary when one is near, else a hard cut."""
    if max_chars is None or len(text) <= max_chars:
        return text
    cut = text[:max_chars].rstrip(" ,;:-/&")
    space = cut.rfind(" ")
    if space >= max_chars // 2:
        cut = cut[:space].rstrip(" ,;:-/&")
    return cut or text[:max_chars]


def positive_length(max_chars: int | None) -> int | None:
    return None if max_chars is None else max(1, int(max_chars))


def vocabulary(values: tuple[str, ...] | str, doc: str | None = None):
    """A provider method that picks one of ``values`` no longer than ``max_chars``: a
    vocabulary is data, so each such formatter is one line in its provider class. ``values``
    may name a class attribute instead, read at each call (a subclass may override it)."""

    def pick(self: QueryNLProvider, max_chars: int | None = None) -> str:
        return self._pick(getattr(self, values) if isinstance(values, str) else values, max_chars)

    pick.__doc__ = doc
    return pick


# In a template's literal text: '#' a digit, '?' an uppercase letter ({attribute}s are words).
MARKS = {"#": string.digits, "?": string.ascii_uppercase}
TOKEN = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Pattern:
    """How a patterned formatter builds a value: ``counts`` (lowest, highest) templates of the
    class attribute ``formats``, each ``{attribute}`` filled by one pick from that class
    attribute (a tuple, or an OrderedDict of weights), joined by spaces after ``prefix``.
    An attribute in ``shared`` is picked once a value: every template of it says the same
    (one topic through a post's sentences). With ``marks``, a template's literal '#' is a
    digit and '?' an uppercase letter (codes); without, they are text (sentences)."""

    formats: str
    counts: tuple[int, int] = (1, 1)
    prefix: str = ""
    shared: tuple[str, ...] = ()
    marks: bool = False


def patterned(
    formats: str,
    counts: tuple[int, int] = (1, 1),
    prefix: str = "",
    shared: tuple[str, ...] = (),
    marks: bool = False,
    doc: str | None = None,
):
    """A provider method composing values by a :class:`Pattern`, no longer than ``max_chars``.
    The pattern rides on the method, so a bulk composer can draw the same values in batches."""
    pattern = Pattern(formats, counts, prefix, shared, marks)

    def make(self: QueryNLProvider, max_chars: int | None = None) -> str:
        return self._retry(lambda: self._compose(pattern), max_chars)

    make.pattern = pattern
    make.__doc__ = doc
    return make


# --------------------------------------------------------------------------- providers


class QueryNLProvider(BaseProvider):
    def _pick(self, values: tuple[str, ...], max_chars: int | None) -> str:
        """A random value that fits, or a clipped one when none does."""
        max_chars = positive_length(max_chars)
        fitting = [v for v in values if max_chars is None or len(v) <= max_chars]
        if fitting:
            return self.random_element(fitting)
        return clip(self.random_element(values), max_chars)

    def _retry(self, make, max_chars: int | None, tries: int = 10) -> str:
        """Draw up to ``tries`` values looking for one that fits; clip the last otherwise."""
        max_chars = positive_length(max_chars)
        value = str(make())
        for _ in range(tries - 1):
            if max_chars is None or len(value) <= max_chars:
                return value
            value = str(make())
        return clip(value, max_chars)

    def _letters(self, count: int, alphabet: str = string.ascii_uppercase) -> str:
        return "".join(self.random_element(alphabet) for _ in range(count))

    def _compose(self, pattern: Pattern) -> str:
        """One value of the pattern; several templates in one value are distinct ones."""
        count = self.random_int(*pattern.counts)
        templates: Sequence[str] = getattr(self, pattern.formats)
        picked = [self.random_element(templates)] if count == 1 else self.random_sample(templates, count)
        fixed = {name: str(self._choose(getattr(self, name))) for name in pattern.shared}
        return pattern.prefix + " ".join(self._fill(t, fixed, pattern.marks) for t in picked)

    def _fill(self, template: str, fixed: dict[str, str], marks: bool) -> str:
        parts = TOKEN.split(template)  # literal, attribute, literal, ..., literal
        return "".join(
            (fixed.get(part) or str(self._choose(getattr(self, part))))
            if odd
            else (self._marks(part) if marks else part)
            for odd, part in ((i % 2 == 1, p) for i, p in enumerate(parts))
        )

    def _choose(self, values):
        """One of a tuple's values, or of an OrderedDict's keys by their weights."""
        if isinstance(values, dict):
            return self.random_elements(values, length=1, use_weighting=True)[0]
        return self.random_element(values)

    def _marks(self, text: str) -> str:
        return "".join(self.random_element(MARKS[c]) if c in MARKS else c for c in text)
