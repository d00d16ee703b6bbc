"""Words a user types for a table ("order items", "Users", "posts") -> the table's real name."""

from __future__ import annotations

import difflib
import os
import re
from functools import cache

import inflect

from querynl.errors import UnknownTableError

# Words around a table name that are not part of it: "300 rows to the orders table".
NOISE_WORDS = {"rows", "row", "records", "record", "entries", "entry", "items_of", "the", "table", "tables"}


@cache
def _inflector() -> inflect.engine:
    return inflect.engine()


def _singular(word: str) -> str:
    return _inflector().singular_noun(word) or word


def _normal(name: str) -> str:
    """Compare names case-, separator- and number-insensitively: 'Order Items' ~ order_item."""
    words = [w for w in re.split(r"[\s_\-]+", _split_camel(name).lower()) if w]
    if words:
        words[-1] = _singular(words[-1])
    return "_".join(words)


def _split_camel(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)


def common_prefix(tables: list[str]) -> str:
    """A prefix all tables share up to an underscore, like WordPress's `wp_`."""
    if len(tables) < 2:
        return ""
    prefix = os.path.commonprefix([t.lower() for t in tables])
    cut = prefix.rfind("_")
    return prefix[: cut + 1] if cut > 0 else ""


class TableResolver:
    def __init__(self, tables: list[str]) -> None:
        self.tables = tables
        prefix = common_prefix(tables)
        self._index: dict[str, str] = {}
        for table in tables:
            self._index.setdefault(_normal(table), table)
        for table in tables:
            if prefix:
                self._index.setdefault(_normal(table[len(prefix) :]), table)

    def resolve(self, words: str) -> str | None:
        cleaned = [w for w in re.split(r"\s+", words.strip()) if w.lower() not in NOISE_WORDS]
        if not cleaned:
            return None
        # Longest match first: "order items" before "items".
        for start in range(len(cleaned)):
            found = self._index.get(_normal(" ".join(cleaned[start:])))
            if found:
                return found
        return None

    def resolve_or_fail(self, words: str) -> str:
        found = self.resolve(words)
        if found is None:
            raise UnknownTableError(_display(words), self.suggest(words))
        return found

    def suggest(self, words: str) -> str | None:
        key = _normal(" ".join(w for w in words.split() if w.lower() not in NOISE_WORDS))
        close = difflib.get_close_matches(key, list(self._index), n=1, cutoff=0.6)
        return self._index[close[0]] if close else None


def _display(words: str) -> str:
    kept = [w for w in words.split() if w.lower() not in NOISE_WORDS]
    return " ".join(kept) or words.strip()
