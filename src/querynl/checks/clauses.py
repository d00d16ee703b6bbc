"""Clauses: what a parsed predicate says, built from operands and combined with AND / OR."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from querynl.checks.bounds import intersect_bounds, union_bounds
from querynl.checks.model import ColumnBounds, PairRule

_NOT_BLANK_LENGTHS = {(">", 0), (">=", 1), ("<>", 0)}


class Unsupported(Exception):
    """A predicate this package does not understand."""


@dataclass
class Operand:
    kind: str  # column | length | trim | trimlength | const | any | all
    name: str = ""
    value: Any = None
    byte: bool = False


@dataclass
class Clause:
    bounds: dict[str, ColumnBounds] = field(default_factory=dict)
    pairs: list[PairRule] = field(default_factory=list)
    null_cols: set[str] = field(default_factory=set)  # `col IS NULL` (only usable inside OR)
    partial: bool = False  # some conjunct was not understood and dropped


# -- comparison handlers: (left kind, right kind) -> clause ----------------------------------


def single(column: str, bounds: ColumnBounds) -> Clause:
    return Clause(bounds={column: bounds})


def _column_vs_const(left: Operand, op: str, right: Operand) -> Clause:
    value = right.value
    if value is None:
        raise Unsupported("comparison with NULL")
    if op == "=":
        return single(left.name, ColumnBounds(allowed=[value]))
    if op == "<>":
        bounds = ColumnBounds(not_empty=True) if value == "" else ColumnBounds(excluded=[value])
        return single(left.name, bounds)
    if op in (">", ">="):
        return single(left.name, ColumnBounds(low=value, low_inclusive=op == ">="))
    return single(left.name, ColumnBounds(high=value, high_inclusive=op == "<="))


def _column_vs_column(left: Operand, op: str, right: Operand) -> Clause:
    if left.name == right.name:
        raise Unsupported("column compared with itself")
    return Clause(pairs=[PairRule(left.name, op, right.name)])


def _column_vs_array(left: Operand, op: str, right: Operand) -> Clause:
    if (op, right.kind) == ("=", "any"):
        return single(left.name, ColumnBounds(allowed=list(right.value)))
    if (op, right.kind) == ("<>", "all"):
        return single(left.name, ColumnBounds(excluded=list(right.value)))
    raise Unsupported(f"{op} {right.kind.upper()}")


_LENGTH_BOUNDS: dict[str, Callable[[int], dict[str, int]]] = {
    "=": lambda n: {"min_length": n, "max_length": n},
    "<": lambda n: {"max_length": n - 1},
    "<=": lambda n: {"max_length": n},
    ">": lambda n: {"min_length": n + 1},
    ">=": lambda n: {"min_length": n},
}


def _length_vs_const(left: Operand, op: str, right: Operand) -> Clause:
    value = right.value
    if isinstance(value, bool) or not isinstance(value, int | Decimal) or op not in _LENGTH_BOUNDS:
        raise Unsupported("length comparison")
    if value != int(value):
        raise Unsupported("fractional length")
    limits = _LENGTH_BOUNDS[op](int(value))
    limits = {k: v for k, v in limits.items() if not (k == "min_length" and v <= 0)}
    return single(left.name, ColumnBounds(byte_length=left.byte, **limits))


def _trim_vs_const(left: Operand, op: str, right: Operand) -> Clause:
    if (op, right.value) in (("<>", ""), (">", "")):
        return single(left.name, ColumnBounds(not_empty=True))
    raise Unsupported("trim comparison")


def _trimlength_vs_const(left: Operand, op: str, right: Operand) -> Clause:
    if (op, right.value) in _NOT_BLANK_LENGTHS:
        return single(left.name, ColumnBounds(not_empty=True))
    raise Unsupported("trimmed length comparison")


COMPARATORS: dict[tuple[str, str], Callable[[Operand, str, Operand], Clause]] = {
    ("column", "const"): _column_vs_const,
    ("column", "column"): _column_vs_column,
    ("column", "any"): _column_vs_array,
    ("column", "all"): _column_vs_array,
    ("length", "const"): _length_vs_const,
    ("trim", "const"): _trim_vs_const,
    ("trimlength", "const"): _trimlength_vs_const,
}


# -- AND / OR ---------------------------------------------------------------------------------


def conjoin(parts: Iterable[Clause]) -> Clause:
    result = Clause()
    for part in parts:
        for name, bounds in part.bounds.items():
            mine = result.bounds.get(name)
            result.bounds[name] = bounds if mine is None else intersect_bounds(mine, bounds)
        result.pairs += [p for p in part.pairs if p not in result.pairs]
        result.null_cols |= part.null_cols
        result.partial = result.partial or part.partial
    return result


def disjoin(parts: list[Clause]) -> Clause:
    """OR: unite branches on one column, else choose the first satisfiable branch (see the package doc)."""
    branches = [p for p in parts if p.bounds or p.pairs]
    if not branches:
        raise Unsupported("only IS NULL branches")
    candidates = [b for b in branches if not b.null_cols and not b.partial]
    column = _shared_column(candidates) if len(candidates) == len(branches) else None
    if column is not None and len(candidates) > 1:
        return single(column, union_bounds([b.bounds[column] for b in candidates]))
    chosen = (candidates or [b for b in branches if not b.null_cols] or branches)[0]
    return chosen


def _shared_column(branches: list[Clause]) -> str | None:
    names = {name for b in branches for name in b.bounds}
    if len(names) != 1 or any(b.pairs for b in branches):
        return None
    return names.pop()
