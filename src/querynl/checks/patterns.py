"""Text patterns of checks: SQL ``LIKE`` (match and fit a value to one) and simple anchored
regular expressions (match and generate a string: character classes, literals, counts)."""

from __future__ import annotations

import random
import re
import string
from functools import lru_cache

from querynl.checks.model import ColumnBounds

_LETTERS = string.ascii_lowercase
_ESCAPES = {"d": string.digits, "w": string.ascii_letters + string.digits + "_", "s": " "}
_MAX_REPEAT = 4  # `*` and `+` repeat at most this many times when generating


class PatternError(ValueError):
    """A regular expression the generator does not handle."""


@lru_cache(maxsize=256)
def _like_regex(pattern: str) -> re.Pattern[str]:
    parts = [".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern]
    return re.compile("".join(parts), re.DOTALL)


def like_matches(value: str, pattern: str) -> bool:
    """``value LIKE pattern`` (case-sensitive, no escape character)."""
    return _like_regex(pattern).fullmatch(value) is not None


def fit_like(value: str, pattern: str, max_length: int | None, rng: random.Random) -> str:
    """``value`` made to match ``pattern``: its literal parts in order, the first ``%`` holding
    (as much as fits of) the value itself, each ``_`` a random letter."""
    fixed = sum(1 for c in pattern if c != "%")
    room = len(value) if max_length is None else max(0, min(len(value), max_length - fixed))
    filler, out = value[:room], []
    for char in pattern:
        if char == "%":
            out.append(filler)
            filler = ""
        else:
            out.append(rng.choice(_LETTERS) if char == "_" else char)
    return "".join(out)


def avoid_like(value: str, pattern: str, rng: random.Random) -> str:
    """A value of the same length that does not match ``pattern`` (letters only), or ``value``."""
    for _ in range(10):
        candidate = "".join(rng.choice(_LETTERS) for _ in range(max(1, len(value))))
        if not like_matches(candidate, pattern):
            return candidate
    return value


def regex_matches(value: str, pattern: str) -> bool:
    try:
        return re.search(pattern, value) is not None
    except re.error:
        return False


def _class(body: str) -> str:
    chars, i = [], 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            chars += [chr(c) for c in range(ord(body[i]), ord(body[i + 2]) + 1)]
            i += 3
        elif body[i] == "\\" and i + 1 < len(body):
            chars += list(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            chars.append(body[i])
            i += 1
    return "".join(dict.fromkeys(chars))


_ATOM = re.compile(r"\[(\^?)((?:\\.|[^\]])+)\]|\\([dws]|[^A-Za-z0-9])|([^\\\[\]{}()*+?|^$.])|(\.)")
_COUNT = re.compile(r"\{(\d+)(?:,(\d*))?\}|([*+?])")


@lru_cache(maxsize=256)
def parse_regex(pattern: str) -> tuple[tuple[str, int, int], ...]:
    """``pattern`` as (characters, min count, max count) pieces; raises PatternError when it
    uses anything but anchors, classes, escapes, literals and counts."""
    body = pattern[1:] if pattern.startswith("^") else "." + "*" + pattern
    body = body[:-1] if body.endswith("$") and not body.endswith("\\$") else body + ".*"
    pieces, i = [], 0
    while i < len(body):
        atom = _ATOM.match(body, i)
        if atom is None or atom.group(1):
            raise PatternError(pattern)
        chars = _atom_chars(atom)
        i = atom.end()
        count = _COUNT.match(body, i)
        low, high = _counts(count)
        i = count.end() if count else i
        pieces.append((chars, low, high))
    return tuple(pieces)


def _atom_chars(atom: re.Match[str]) -> str:
    if atom.group(2) is not None:
        return _class(atom.group(2))
    if atom.group(3) is not None:
        return _ESCAPES.get(atom.group(3), atom.group(3))
    return _LETTERS if atom.group(5) else atom.group(4)


def _counts(count: re.Match[str] | None) -> tuple[int, int]:
    if count is None:
        return 1, 1
    if count.group(3):
        return {"*": (0, _MAX_REPEAT), "+": (1, _MAX_REPEAT), "?": (0, 1)}[count.group(3)]
    low = int(count.group(1))
    if count.group(2) is None:
        return low, low
    return low, int(count.group(2)) if count.group(2) else low + _MAX_REPEAT


def generate_regex(pattern: str, rng: random.Random, max_length: int | None = None) -> str:
    """A random string matching ``pattern`` (see :func:`parse_regex`), shortest counts first
    when ``max_length`` is tight."""
    pieces = parse_regex(pattern)
    budget = None if max_length is None else max_length - sum(low for _, low, _ in pieces)
    out = []
    for chars, low, high in pieces:
        extra = rng.randint(0, high - low)
        if budget is not None:
            extra = max(0, min(extra, budget))
            budget -= extra
        out.append("".join(rng.choice(chars) for _ in range(low + extra)))
    return "".join(out)


def fit_patterns(
    value: object, bounds: ColumnBounds, rng: random.Random, length: int | None = None
) -> object:
    """A text value changed to meet the bounds' case, LIKE, NOT LIKE and regex conditions
    (no longer than ``length``, the column's, nor the bounds' maximum)."""
    if not isinstance(value, str) or not (bounds.case or bounds.like or bounds.not_like or bounds.regex):
        return value
    for pattern in bounds.regex:
        if not regex_matches(value, pattern):
            value = generate_regex(pattern, rng, _limit(bounds.max_length, length))
    if bounds.case:
        value = getattr(value, bounds.case)()
    for pattern in bounds.not_like:
        if like_matches(value, pattern):
            value = avoid_like(value, pattern, rng)
    for pattern in bounds.like:
        if not like_matches(value, pattern):
            value = fit_like(value, pattern, _limit(bounds.max_length, length), rng)
    return value


def _limit(a: int | None, b: int | None) -> int | None:
    return min(a, b) if a is not None and b is not None else a if b is None else b
