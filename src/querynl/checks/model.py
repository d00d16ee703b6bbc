"""The rules a CHECK constraint is reduced to: bounds on one column, comparisons between two."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ColumnBounds:
    """What single-column predicates say about one column (all conditions hold together)."""

    low: Any | None = None
    low_inclusive: bool = True
    high: Any | None = None
    high_inclusive: bool = True
    allowed: list[Any] | None = None
    excluded: list[Any] = field(default_factory=list)
    max_length: int | None = None
    min_length: int | None = None
    not_null: bool = False
    not_empty: bool = False
    byte_length: bool = False  # the length limits count bytes (MySQL length()/octet_length())
    any_of: list[ColumnBounds] | None = None  # OR of alternatives on this column: one must hold too
    case: str | None = None  # "lower" / "upper": the value equals lower(value) / upper(value)
    like: list[str] = field(default_factory=list)  # LIKE patterns the value matches
    not_like: list[str] = field(default_factory=list)  # LIKE patterns the value must not match
    regex: list[str] = field(default_factory=list)  # (simple) regular expressions it matches
    # JSON: keys its object must have, with bounds on each key's text (`->>`), and its type
    json_keys: dict[str, ColumnBounds] = field(default_factory=dict)
    json_type: str | None = None  # "object", "array", ... (jsonb_typeof / JSON_TYPE, lower case)


@dataclass
class PairRule:
    """``left op right`` between two columns of the row; repairs move ``left`` first."""

    left: str
    op: str  # "<", "<=", ">", ">=", "=", "<>"
    right: str


MIRROR = {"=": "=", "<>": "<>", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


@dataclass
class Branch:
    """One alternative of a conditional check: columns that are NULL, bounds (``not_null``
    for columns that are not) and pairs, all holding together."""

    bounds: dict[str, ColumnBounds] = field(default_factory=dict)
    null_cols: set[str] = field(default_factory=set)
    pairs: list[PairRule] = field(default_factory=list)
