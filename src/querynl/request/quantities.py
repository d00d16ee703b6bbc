"""Counts in plain language: "add 50 customers and 200 orders", "add a dozen tags",
"users: 100, orders: 500", "add 300 rows to order items", "add 100 records"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from text_to_num import alpha2digit

from querynl.request.table_words import NOISE_WORDS, TableResolver

_HALF_DOZEN = re.compile(r"\bhalf\s+a\s+dozen\b", re.I)
_N_DOZEN = re.compile(r"\b(\d+)\s+dozens?\b", re.I)
_DOZEN = re.compile(r"\b(?:a\s+)?dozens?\b", re.I)
_A_SCALE = re.compile(r"\ba\s+(hundred|thousand|million)\b", re.I)
_ARTICLE_BEFORE_NUMBER = re.compile(r"\b(?:a|an|one)\s+(?=\d)", re.I)
_MULTIPLIERS = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "mm": 1_000_000, "million": 1_000_000}
_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|mm|m|thousand|million)?(?![\w.])",
    re.I,
)
_STOP = r"(?=\s*(?:,|;|\.|\band\b|\bwith\b|\bplus\b|\bto\b|\binto\b|\bin\b|\bfor\b|\d|$))"
_NAME = r"([a-z][\w\- ]*?(?:\.[a-z_]\w*)?)"  # optionally schema-qualified
_PAIR = re.compile(rf"{_NAME}\s*[:=]\s*(\d+)", re.I)
_POPULATE = re.compile(rf"\b(?:populate|fill|seed)\s+(?:the\s+)?{_NAME}\s+(?:table\s+)?with\s+(\d+)", re.I)
_ROWS_TO = re.compile(
    rf"(\d+)\s+(?:more\s+)?(?:rows?|records?|entries|entry)\s+(?:to|in|into|for)\s+(?:the\s+)?{_NAME}"
    rf"(?:\s+table)?{_STOP}",
    re.I,
)
_N_THINGS = re.compile(rf"(\d+)\s+{_NAME}{_STOP}", re.I)
_N_ALONE = re.compile(r"^\s*(?:add|insert|generate|create|populate)\s+(\d+)\s*$", re.I)


@dataclass
class Quantities:
    record_counts: dict[str, int] = field(default_factory=dict)
    default_count: int | None = None


def normalize_numbers(text: str) -> str:
    """Number words and shorthands to plain integers: 'a dozen' -> 12, '2.5k' -> 2500."""
    text = _NUMBER.sub(lambda m: str(_to_int(m.group(1), m.group(2))), text)  # "1.5 million"
    text = _word_numbers(text)
    return _NUMBER.sub(lambda m: str(_to_int(m.group(1), m.group(2))), text)


def _word_numbers(text: str) -> str:
    text = _HALF_DOZEN.sub("6", text)
    text = alpha2digit(text, "en", threshold=0)
    text = _N_DOZEN.sub(lambda m: str(int(m.group(1)) * 12), text)
    text = _DOZEN.sub("12", text)
    text = _A_SCALE.sub(lambda m: "1 " + m.group(1), text)
    return _ARTICLE_BEFORE_NUMBER.sub("", text)


def _to_int(number: str, unit: str | None) -> int:
    value = Decimal(number.replace(",", ""))
    if unit:
        value *= _MULTIPLIERS[unit.lower()]
    return int(value)


def parse_quantities(text: str, resolver: TableResolver) -> Quantities:
    found = Quantities()
    remaining = normalize_numbers(text)
    for pattern, number_group, name_group in (
        (_PAIR, 2, 1),
        (_POPULATE, 2, 1),
        (_ROWS_TO, 1, 2),
    ):
        remaining = _take(pattern, remaining, number_group, name_group, resolver, found)
    for match in _N_THINGS.finditer(remaining):
        _assign(found, resolver, match.group(2), int(match.group(1)))
    alone = _N_ALONE.match(remaining)
    if alone:
        found.default_count = int(alone.group(1))
    return found


def _take(pattern, text: str, number_group: int, name_group: int, resolver, found: Quantities) -> str:
    def consume(match: re.Match) -> str:
        _assign(found, resolver, match.group(name_group), int(match.group(number_group)))
        return " ; "

    return pattern.sub(consume, text)


def _assign(found: Quantities, resolver: TableResolver, words: str, count: int) -> None:
    words = re.sub(
        r"^(?:add|insert|generate|create|populate|more|new|sample|test|fake)\s+", "", words.strip()
    )
    if all(w.lower() in NOISE_WORDS for w in words.split()):
        found.default_count = count
        return
    found.record_counts[resolver.resolve_or_fail(words)] = count
