"""Which Faker provider fills a column: a table of name rules, then a fallback by kind.

A column name is split into lowercase singular tokens (``BillingCity`` -> billing, city;
``unitsinstock`` -> unit, in, stock). Each rule names phrases that must end the token list,
the column kinds it accepts, optionally the table names it applies to, and a builder that
turns the column (kind, length, precision...) into a provider and its arguments. The first
rule whose builder gives an answer wins; the kind decides when no rule does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from querynl.planning.columns.domain_rules import DOMAIN_RULES
from querynl.planning.columns.phrases import segment, singular
from querynl.planning.columns.rule_table import (
    EXTRA_WORDS,
    FALLBACK,
    KIND_FIRST,
    RULES,
    TIME_SUFFIX,
    TYPE_FIRST,
)
from querynl.planning.columns.sql_types import type_choice
from querynl.schema import ColumnInfo, TableInfo

__all__ = [
    "FALLBACK",
    "FALLBACK_REASON",
    "KIND_FIRST",
    "RULES",
    "ProviderChoice",
    "choose_provider",
    "tokenize",
]


@dataclass(frozen=True)
class ProviderChoice:
    provider: str  # a Faker formatter name available on querynl.providers.make_faker()
    args: dict[str, Any]  # JSON-serialisable keyword arguments
    reason: str  # short, e.g. "name ends with 'email'"


_WORD_RE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def tokenize(name: str) -> tuple[str, ...]:
    """Lowercase singular tokens of an identifier in any style."""
    words: list[str] = []
    for raw in _WORD_RE.findall(name):
        word = raw.lower()
        pieces = None
        if len(word) >= 5 and word not in _vocabulary():
            pieces = segment(word, _vocabulary())
        words.extend(pieces or [word])
    return tuple(singular(w) for w in words)


def choose_provider(table: TableInfo, column: ColumnInfo, domain: str | None = None) -> ProviderChoice:
    """The provider and arguments that fill ``column`` of ``table``; ``domain`` (a named one)
    lets its vocabularies fill the columns they fit."""
    by_type = TYPE_FIRST.get(column.type_name.upper()) or type_choice(column)
    if by_type:
        return ProviderChoice(by_type[0], dict(by_type[1]), f"column type {column.type_name}")
    kind_first = KIND_FIRST.get(column.kind)
    built = kind_first(column) if kind_first else None
    if built:
        return ProviderChoice(built[0], built[1], f"column kind {column.kind}")
    col_tokens, table_tokens = tokenize(column.name), tokenize(table.name)
    for domain_rule in DOMAIN_RULES:
        applies = domain_rule.bound or domain_rule.domain == domain
        if not applies or column.kind not in domain_rule.rule.kinds:
            continue
        phrase = domain_rule.rule.match(col_tokens, table_tokens)
        built = domain_rule.rule.build(column) if phrase else None
        if built:
            return ProviderChoice(built[0], built[1], domain_rule.reason)
    for rule in RULES:
        if column.kind not in rule.kinds:
            continue
        phrase = rule.match(col_tokens, table_tokens)
        built = rule.build(column) if phrase else None
        if built:
            where = f" in table '{table.name}'" if rule.tables else ""
            return ProviderChoice(built[0], built[1], f"name ends with '{phrase}'{where}")
    return _fallback(column)


FALLBACK_REASON = "fallback for kind"


def _fallback(column: ColumnInfo) -> ProviderChoice:
    builder = FALLBACK.get(column.kind)
    built = builder(column) if builder else None
    if built is None:
        built = "pystr", {"max_chars": min(column.length or 20, 20)}
    return ProviderChoice(built[0], built[1], f"{FALLBACK_REASON} {column.kind}")


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    words = set(EXTRA_WORDS) | set(TIME_SUFFIX)
    for rule in (*RULES, *(d.rule for d in DOMAIN_RULES)):
        for phrase in (*rule.phrases, *rule.tables):
            words.update(phrase.split())
    words |= {w + "s" for w in words} | {w + "es" for w in words}
    return frozenset(w for w in words if len(w) >= 2)
