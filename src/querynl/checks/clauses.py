"""Clauses: what a parsed predicate says, built from operands and combined with AND / OR."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from querynl.checks.bounds import intersect_bounds, union_bounds
from querynl.checks.model import ColumnBounds, PairRule

_NOT_BLANK_LENGTHS = {(">", 0), (">=", 1), ("<>", 0)}


class Unsupported(Exception):
    """A predicate this package does not understand."""


@dataclass
class Operand:
    # column | length | trim | trimlength | lower | upper | const | any | all | jsonkey | jsontype
    kind: str
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


CASE_FUNCS = ("lower", "upper")


def _convert(kind: str, value: Any) -> Any:
    return getattr(value, kind)() if isinstance(value, str) else value


def in_bounds(operand: Operand, values: list[Any], negated: bool) -> ColumnBounds:
    """``operand [NOT] IN (values)``; for ``upper(col)`` only values already upper case are kept
    (stricter than the check), and every spelling of an excluded value is excluded."""
    if operand.kind not in CASE_FUNCS:
        return ColumnBounds(excluded=values) if negated else ColumnBounds(allowed=values)
    if negated:
        spellings = [s for v in values for s in (v, _convert("lower", v), _convert("upper", v))]
        return ColumnBounds(excluded=list(dict.fromkeys(spellings)))
    kept = [v for v in values if _convert(operand.kind, v) == v]
    if not kept:
        raise Unsupported("no value of that case")
    return ColumnBounds(allowed=kept)


def _case_vs_const(left: Operand, op: str, right: Operand) -> Clause:
    if op not in ("=", "<>") or right.value is None:
        raise Unsupported(f"{left.kind} comparison")
    return single(left.name, in_bounds(left, [right.value], op == "<>"))


def _case_vs_array(left: Operand, op: str, right: Operand) -> Clause:
    """``upper(col) = ANY (ARRAY[...])`` / ``lower(col) <> ALL (ARRAY[...])``."""
    if (op, right.kind) not in (("=", "any"), ("<>", "all")):
        raise Unsupported(f"{left.kind} {op} {right.kind.upper()}")
    return single(left.name, in_bounds(left, list(right.value), op == "<>"))


def _column_vs_case(left: Operand, op: str, right: Operand) -> Clause:
    """``col = lower(col)``: the column holds lower-case text."""
    if left.name != right.name or op != "=":
        raise Unsupported(f"column {op} {right.kind}")
    return single(left.name, ColumnBounds(case=right.kind))


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


def _json_key_vs(left: Operand, op: str, right: Operand) -> Clause:
    """``doc ->> 'key' op ...``: the bounds the comparison puts on the key's text."""
    inner = COMPARATORS.get(("column", right.kind))
    if inner is None or right.kind == "column":
        raise Unsupported(f"json key {op} {right.kind}")
    bounds = inner(Operand("column", name=left.name), op, right).bounds[left.name]
    return json_key_clause(left.name, left.value, bounds)


def json_key_clause(column: str, key: str, bounds: ColumnBounds) -> Clause:
    return single(column, ColumnBounds(json_keys={key: replace(bounds, not_null=True)}))


def _json_type_vs_const(left: Operand, op: str, right: Operand) -> Clause:
    if op != "=" or not isinstance(right.value, str):
        raise Unsupported("json type comparison")
    return single(left.name, ColumnBounds(json_type=right.value.lower()))


COMPARATORS: dict[tuple[str, str], Callable[[Operand, str, Operand], Clause]] = {
    ("column", "const"): _column_vs_const,
    ("column", "column"): _column_vs_column,
    ("column", "any"): _column_vs_array,
    ("column", "all"): _column_vs_array,
    ("length", "const"): _length_vs_const,
    ("trim", "const"): _trim_vs_const,
    ("trimlength", "const"): _trimlength_vs_const,
    ("lower", "const"): _case_vs_const,
    ("upper", "const"): _case_vs_const,
    ("lower", "any"): _case_vs_array,
    ("upper", "any"): _case_vs_array,
    ("lower", "all"): _case_vs_array,
    ("upper", "all"): _case_vs_array,
    ("column", "lower"): _column_vs_case,
    ("column", "upper"): _column_vs_case,
    ("lower", "column"): lambda left, op, right: _column_vs_case(right, op, left),
    ("upper", "column"): lambda left, op, right: _column_vs_case(right, op, left),
    ("jsonkey", "const"): _json_key_vs,
    ("jsonkey", "any"): _json_key_vs,
    ("jsonkey", "all"): _json_key_vs,
    ("jsontype", "const"): _json_type_vs_const,
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
