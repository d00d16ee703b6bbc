"""Words and phrases of column names: singular forms, splitting fused words, the :class:`Rule` matcher."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from querynl.planning.columns.builders import Builder

_KEEP_ENDINGS = ("ss", "us", "is", "as", "os")
_IRREGULAR = {"movies": "movie", "series": "series", "species": "species", "people": "person"}


def singular(word: str) -> str:
    """A rough English singular: categories -> category, addresses -> address."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.endswith("s") or word.endswith(_KEEP_ENDINGS):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("houses", "causes", "clauses")):  # warehouses, not "warehous"
        return word[:-1]
    if word.endswith(("sses", "uses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


def segment(word: str, vocabulary: frozenset[str]) -> list[str] | None:
    """Split a fused lowercase word into the fewest known words, or None."""
    best: list[list[str] | None] = [None] * (len(word) + 1)
    best[0] = []
    for start in range(len(word)):
        if best[start] is None:
            continue
        for end in range(start + 2, len(word) + 1):
            piece = word[start:end]
            current = best[end]
            if piece in vocabulary and (current is None or len(best[start]) + 1 < len(current)):
                best[end] = [*best[start], piece]
    return best[-1]


@dataclass(frozen=True)
class Rule:
    phrases: tuple[str, ...]  # token phrases that must end the column's tokens
    kinds: frozenset[str]
    build: Builder
    tables: tuple[str, ...] = ()  # phrases one of which must end the table's tokens
    suffixes: tuple[str, ...] = ()  # tokens that may follow the phrase (created *_at*)
    suffix_required: bool = False
    at_start: bool = False  # the phrase begins the name instead (is_*, has_*)

    def match(self, col_tokens: tuple[str, ...], table_tokens: tuple[str, ...]) -> str | None:
        """The matched phrase, or None."""
        if self.tables and not any(_ends(table_tokens, t) for t in self.tables):
            return None
        if self.at_start:
            return next((p for p in self.phrases if _starts(col_tokens, p)), None)
        variants = _variants(col_tokens, self.suffixes, self.suffix_required)
        for phrase in self.phrases:
            if any(_ends(v, phrase) for v in variants):
                return phrase
        return None


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(singular(w) for w in text.split())


def _ends(tokens: tuple[str, ...], phrase: str) -> bool:
    words = _phrase(phrase)
    return len(tokens) >= len(words) and tokens[len(tokens) - len(words) :] == words


def _starts(tokens: tuple[str, ...], phrase: str) -> bool:
    words = _phrase(phrase)
    return len(tokens) > len(words) and tokens[: len(words)] == words


def _variants(tokens: tuple[str, ...], suffixes: tuple[str, ...], required: bool):
    """The tokens as they are, without trailing digits, and without a time suffix."""
    bare = tokens
    while len(bare) > 1 and bare[-1].isdigit():
        bare = bare[:-1]
    stripped = bare[:-1] if len(bare) > 1 and bare[-1] in suffixes else None
    if required:
        return [stripped] if stripped else []
    return [v for v in (tokens, bare, stripped) if v]


def _split(phrases: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in phrases.split(",") if p.strip())


def R(phrases: str, kinds: frozenset[str], build: Builder, tables: str = "", **kw: Any) -> Rule:
    """A rule from comma-separated phrases (and table phrases)."""
    return Rule(_split(phrases), kinds, build, _split(tables), **kw)
