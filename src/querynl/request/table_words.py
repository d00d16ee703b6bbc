"""Words a user types for a table ("order items", "People", "comments") -> the table's real name.

Names compare by their words, whatever the case or separators (`order_items`, `orderItems`,
`OrderItems`, `order items`), the last word in any of its English forms (inflect:
`address`/`addresses`, `person`/`people`, `analysis`/`analyses`). Matches rank: the exact
name, then the same words, then the name without its first segment (`comments` finds
`wp_comments`). A table outside the default schema is named `sales.orders`; words match its
name with or without the schema, and words qualified by a schema (`sales.orders`,
`public.orders`) match only that schema's tables. Two tables matching equally well (`orders`
for `orders` and `sales.orders`) are ambiguous: a chooser (the REPL asks the user) picks
one, or the request fails naming both.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache

import inflect

from querynl.errors import AmbiguousTableError, UnknownTableError
from querynl.schema import TableLocation, default_location

# Words around a table name that are not part of it: "300 rows to the orders table".
NOISE_WORDS = {"rows", "row", "records", "record", "entries", "entry", "items_of", "the", "table", "tables"}
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
EXACT, SAME_WORDS, WITHOUT_PREFIX = 0, 1, 2

Chooser = Callable[[str, list[str]], str | None]  # (words, candidates) -> the chosen table


@cache
def _inflector() -> inflect.engine:
    return inflect.engine()


@cache
def word_forms(word: str) -> frozenset[str]:
    """A word with its singular and plural: inflect's guesses overlap for any two forms of
    one noun, even where a guess is wrong (singular_noun('status') is 'statu')."""
    engine = _inflector()
    forms = {word, engine.plural_noun(word)}
    singular = engine.singular_noun(word)
    if singular:
        forms |= {singular, engine.plural_noun(singular)}
    return frozenset(forms)


def name_words(name: str) -> tuple[str, ...]:
    """Lowercase words of an identifier or phrase in any style."""
    return tuple(w.lower() for part in re.split(r"[\s_\-]+", name) for w in _WORD.findall(part))


def _same_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or len(a) != len(b) or a[:-1] != b[:-1]:
        return False
    return a[-1] == b[-1] or bool(word_forms(a[-1]) & word_forms(b[-1]))


class TableResolver:
    def __init__(
        self,
        tables: Sequence[str],
        schema_name: str | None = None,
        choose: Chooser | None = None,
        locations: Mapping[str, TableLocation] | None = None,
    ) -> None:
        """`schema_name`: the default schema; `locations`: (schema, name) of the tables
        outside it (SchemaMetadata.locate), the others are bare names in the default one."""
        self.tables = list(tables)
        self.schema_name = schema_name
        self.choose = choose
        self.locations = {t: (locations or {}).get(t, default_location(t)) for t in self.tables}
        self._words = {t: name_words(t) for t in self.tables}
        self._local_words = {t: name_words(self.locations[t][1]) for t in self.tables}

    def resolve(self, words: str) -> str | None:
        """The table the words name (the longest trailing phrase that names one), or None."""
        cleaned = [w for w in words.split() if w.lower() not in NOISE_WORDS]
        for start in range(len(cleaned)):  # longest first: "order items" before "items"
            found = self._best(" ".join(cleaned[start:]))
            if found:
                return self._pick(" ".join(cleaned[start:]), found)
        return None

    def resolve_or_fail(self, words: str) -> str:
        found = self.resolve(words)
        if found is None:
            raise UnknownTableError(_display(words), self.suggest(words))
        return found

    def suggest(self, words: str) -> str | None:
        key = "_".join(name_words(" ".join(w for w in words.split() if w.lower() not in NOISE_WORDS)))
        index = {"_".join(w): t for t, w in self._words.items()}
        close = difflib.get_close_matches(key, list(index), n=1, cutoff=0.6)
        return index[close[0]] if close else None

    def _best(self, phrase: str) -> list[str]:
        """The tables matching the phrase at the best rank."""
        qualified = self._qualified(phrase)
        ranked: dict[int, list[str]] = {}
        for table in self.tables:
            rank = self._rank(phrase, table, qualified)
            if rank is not None:
                ranked.setdefault(rank, []).append(table)
        return ranked[min(ranked)] if ranked else []

    def _rank(self, phrase: str, table: str, qualified: TableLocation | None) -> int | None:
        """The phrase against the table's whole name and its name in its schema; a phrase
        qualified by a schema only against that schema's tables."""
        if phrase.casefold() == table.casefold():
            return EXACT
        schema, local = self.locations[table]
        if qualified is not None:
            if qualified[0] != schema:
                return None
            return _rank_words(qualified[1], local, self._local_words[table])
        ranks = [_rank_words(phrase, local, self._local_words[table])]
        ranks.append(_rank_words(phrase, table, self._words[table]))
        return min((r for r in ranks if r is not None), default=None)

    def _qualified(self, phrase: str) -> TableLocation | None:
        """(schema, name) when the phrase is qualified by the default schema (None) or by the
        schema of one of the tables (`public.orders`, `sales.orders`); else None."""
        qualifier, dot, name = phrase.rpartition(".")
        folded = qualifier.strip().casefold()
        if not dot or not folded:
            return None
        if self.schema_name and folded == self.schema_name.casefold():
            return None, name.strip()
        schemas = {s for s, _ in self.locations.values() if s is not None}
        return next(((s, name.strip()) for s in sorted(schemas) if s.casefold() == folded), None)

    def _pick(self, phrase: str, found: list[str]) -> str | None:
        if len(found) == 1:
            return found[0]
        shown = self._shown(found)
        chosen = self.choose(phrase, list(shown)) if self.choose else None
        if chosen in shown:
            return shown[chosen]
        raise AmbiguousTableError(phrase, list(shown))

    def _shown(self, found: list[str]) -> dict[str, str]:
        """{how each candidate is shown: the table}: where they are in different schemas,
        the default schema's are qualified too (`public.orders` and `sales.orders`)."""
        spread = len({self.locations[t][0] for t in found}) > 1
        return {
            f"{self.schema_name}.{t}"
            if spread and self.schema_name and self.locations[t][0] is None
            else t: t
            for t in found
        }


def _rank_words(phrase: str, name: str, own: tuple[str, ...]) -> int | None:
    """How well the phrase names `name` (whose words are `own`), or None."""
    if phrase.casefold() == name.casefold():
        return EXACT
    words = name_words(phrase)
    if _same_words(words, own):
        return SAME_WORDS
    if len(own) > 1 and _same_words(words, own[1:]):
        return WITHOUT_PREFIX
    return None


def _display(words: str) -> str:
    kept = [w for w in words.split() if w.lower() not in NOISE_WORDS]
    return " ".join(kept) or words.strip()
