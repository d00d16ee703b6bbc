"""Titles, tags, descriptions and other text that fits its column."""

from __future__ import annotations

import string
from typing import Any

from querynl.providers.base import NOT_FITTABLE, QueryNLProvider, clip, positive_length, vocabulary
from querynl.providers.vocabulary import (
    TAGS,
)


class TextProvider(QueryNLProvider):
    def short_text(self, max_chars: int = 200) -> str:
        """Faker ``text`` made safe for any ``max_chars >= 1``."""
        max_chars = max(1, int(max_chars))
        if max_chars >= 5:
            return self.generator.text(max_nb_chars=max_chars)
        return self.word_fitting(max_chars)

    def word_fitting(self, max_chars: int = 10) -> str:
        """One lowercase word of at most ``max_chars`` letters."""
        max_chars = max(1, int(max_chars))
        for _ in range(10):
            word = self.generator.word()
            if len(word) <= max_chars:
                return word
        return self._letters(max_chars, string.ascii_lowercase)

    def title(self, max_chars: int | None = 80) -> str:
        """A headline-like sentence without the trailing period."""
        nb_words = self.random_int(2, 6)
        text = self.generator.sentence(nb_words=nb_words, variable_nb_words=False)
        return clip(text.rstrip("."), positive_length(max_chars))

    def label(self, max_chars: int | None = None) -> str:
        """One to three capitalised words, e.g. ``North Harbor``: a name for a thing."""
        words = [self.generator.word().capitalize() for _ in range(self.random_int(1, 3))]
        return clip(" ".join(words), positive_length(max_chars))

    tag = vocabulary(TAGS)

    def tag_name(self, max_chars: int | None = None) -> str:
        return self.tag(max_chars)

    def slug(self, value: str | None = None, max_chars: int | None = None) -> str:
        """Lowercase words joined by hyphens, e.g. ``quick-brown-fox``."""
        if value is None:
            value = " ".join(self.generator.words(nb=self.random_int(2, 4)))
        text = "-".join("".join(c for c in w if c.isalnum()) for w in value.lower().split())
        return clip(text.replace("--", "-"), positive_length(max_chars)).strip("-") or "x"

    def username(self, max_chars: int | None = None) -> str:
        return self._retry(self.generator.user_name, max_chars)

    def version(self, max_chars: int | None = None) -> str:
        value = f"{self.random_int(0, 9)}.{self.random_int(0, 20)}.{self.random_int(0, 30)}"
        return clip(value, max_chars)

    def fit(self, source: str, max_chars: int, args: dict[str, Any] | None = None) -> str:
        """Any string formatter, retried then clipped so that it fits ``max_chars``."""
        if source.startswith("_") or source in NOT_FITTABLE:
            raise ValueError(f"fit cannot wrap {source!r}")
        return self._retry(lambda: self.generator.format(source, **(args or {})), max_chars)
