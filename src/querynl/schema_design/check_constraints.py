"""Understand CHECK constraints (parsed with sqlglot) and repair generated rows so they satisfy them.

A check's reflected ``sqltext`` is parsed into an AST and reduced to:

* per-column bounds (:class:`ColumnBounds`): ranges, allowed / excluded values, length limits,
  ``IS NOT NULL`` and "not blank";
* rules between two columns of the row (:class:`PairRule`), e.g. ``end_date >= start_date``.

Understood forms: comparisons with constants in both orientations, ``BETWEEN`` / ``NOT BETWEEN``,
``IN`` / ``NOT IN``, PostgreSQL ``= ANY (ARRAY[...])`` / ``<> ALL (ARRAY[...])``, casts and parentheses
anywhere, ``length`` / ``char_length`` / ``character_length`` / ``len`` (MySQL ``length`` and
``octet_length`` count bytes), ``trim(col) <> ''``, ``length(trim(col)) > 0``, ``IS [NOT] NULL``,
``AND``, ``OR``, ``NOT`` (pushed down with De Morgan) and comparisons between two columns.

``OR`` semantics: ``col IS NULL`` branches are dropped (we never set values to NULL; for
``end_date IS NULL OR end_date >= start_date`` this is exact, since a NULL makes the other branch
UNKNOWN, which passes).  When every remaining branch is understood and constrains the same single
column, the branches are united (allowed values are merged, otherwise :attr:`ColumnBounds.any_of`
holds the alternatives).  Otherwise the FIRST understood branch, in the order written, is chosen and
enforced: satisfying one branch satisfies the disjunction (stricter than the check, never weaker).

Anything else (unknown functions, subqueries, LIKE, GLOB, regular expressions, arithmetic...) makes
the check ``unsupported``; understood conjuncts of a partly understood check are still enforced.
Parsing never raises.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import operator
import random
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import sqlglot
from sqlglot import exp

from querynl.db.schema import ColumnInfo, ColumnKind, TableInfo
from querynl.schema_design.value_fitting import DEFAULT_SCALE, fit_value

# ---------------------------------------------------------------------------------------------
# Public model
# ---------------------------------------------------------------------------------------------


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


@dataclass
class PairRule:
    """``left op right`` between two columns of the row; repairs move ``left`` first."""

    left: str
    op: str  # "<", "<=", ">", ">=", "=", "<>"
    right: str


@dataclass
class CheckRules:
    bounds: dict[str, ColumnBounds] = field(default_factory=dict)
    pairs: list[PairRule] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)

    def merged(self, other: CheckRules) -> CheckRules:
        """Both sets of rules at once (e.g. a table's checks plus a domain's)."""
        bounds = dict(self.bounds)
        for name, extra in other.bounds.items():
            bounds[name] = intersect_bounds(bounds[name], extra) if name in bounds else extra
        pairs = self.pairs + [p for p in other.pairs if p not in self.pairs]
        return CheckRules(bounds, pairs, self.unsupported + other.unsupported)

    def holds(self, row: dict[str, Any]) -> bool | None:
        """Evaluate every understood check on ``row``: False if one fails, None if one cannot be evaluated."""
        results = [_bounds_hold(row, name, b) for name, b in self.bounds.items()]
        results += [_pair_holds(row, pair) for pair in self.pairs]
        if False in results:
            return False
        return None if None in results else True

    def repair(
        self, row: dict[str, Any], columns: dict[str, ColumnInfo], rng: random.Random
    ) -> dict[str, Any]:
        """The row changed as little as possible so that every understood check holds."""
        fixed = dict(row)
        for name, bounds in self.bounds.items():
            if name in fixed:
                fixed[name] = _repair_column(fixed[name], bounds, _column(columns, name, fixed[name]), rng)
        for _ in range(3):
            for pair in self.pairs:
                _repair_pair(fixed, pair, self.bounds, columns, rng)
        return fixed


def parse_checks(table: TableInfo, dialect: str) -> CheckRules:
    """Every check constraint of ``table``, with column names resolved to the table's spelling."""
    names = [c.name for c in table.columns]
    rules = CheckRules()
    for check in table.check_constraints:
        rules = rules.merged(parse_check_sql(check.sqltext, dialect, columns=names))
    for column in table.columns:
        if column.domain_check:
            rules = rules.merged(parse_check_sql(column.domain_check, dialect, value_column=column.name))
    return rules


def parse_check_sql(
    sqltext: str,
    dialect: str,
    value_column: str | None = None,
    columns: Sequence[str] | None = None,
) -> CheckRules:
    """Rules of one check.  ``value_column`` names the column a domain check's ``VALUE`` stands for;
    ``columns`` (optional) resolves identifiers case-insensitively to those names."""
    try:
        clause = _CheckParser(_Resolver(columns, value_column)).parse(_parse_sql(sqltext, dialect))
    except Exception:  # noqa: BLE001 - anything not understood is reported, never raised
        return CheckRules(unsupported=[sqltext])
    partial = clause.partial or bool(clause.null_cols)
    return CheckRules(clause.bounds, clause.pairs, [sqltext] if partial else [])


# ---------------------------------------------------------------------------------------------
# Parsing: sqlglot AST -> clauses
# ---------------------------------------------------------------------------------------------

_SQLGLOT_DIALECTS = {"sqlite": "sqlite", "postgresql": "postgres", "postgres": "postgres", "mysql": "mysql"}
_OPS: dict[type[exp.Expression], str] = {
    exp.EQ: "=",
    exp.NEQ: "<>",
    exp.LT: "<",
    exp.LTE: "<=",
    exp.GT: ">",
    exp.GTE: ">=",
}
_MIRROR = {"=": "=", "<>": "<>", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
_NEGATE = {"=": "<>", "<>": "=", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}
_CHAR_LENGTH_FUNCS = {"length", "char_length", "character_length", "len"}
_BYTE_LENGTH_FUNCS = {"octet_length", "lengthb"}
_TRIM_FUNCS = {"trim", "btrim", "ltrim", "rtrim"}
_NOT_BLANK_LENGTHS = {(">", 0), (">=", 1), ("<>", 0)}


class _Unsupported(Exception):
    """A predicate this module does not understand."""


@dataclass
class _Operand:
    kind: str  # column | length | trim | trimlength | const | any | all
    name: str = ""
    value: Any = None
    byte: bool = False


@dataclass
class _Clause:
    bounds: dict[str, ColumnBounds] = field(default_factory=dict)
    pairs: list[PairRule] = field(default_factory=list)
    null_cols: set[str] = field(default_factory=set)  # `col IS NULL` (only usable inside OR)
    partial: bool = False  # some conjunct was not understood and dropped


@dataclass
class _Resolver:
    columns: Sequence[str] | None
    value_column: str | None

    def __call__(self, name: str) -> str:
        if self.value_column and name.upper() == "VALUE":
            name = self.value_column
        if self.columns is None or name in self.columns:
            return name
        for column in self.columns:
            if column.casefold() == name.casefold():
                return column
        raise _Unsupported(f"unknown column {name}")


def _parse_sql(sqltext: str, dialect: str) -> exp.Expression:
    text = sqltext.strip()
    if text[:5].upper() == "CHECK" and text[5:].lstrip().startswith("("):
        text = text[5:].strip()
    first = _SQLGLOT_DIALECTS.get(dialect, dialect)
    for read in dict.fromkeys([first, *_SQLGLOT_DIALECTS.values()]):
        try:
            return sqlglot.parse_one(text, read=read)
        except Exception:  # noqa: BLE001, S112 - try the next dialect
            continue
    raise _Unsupported(sqltext)


class _CheckParser:
    def __init__(self, resolve: _Resolver) -> None:
        self.resolve = resolve

    def parse(self, node: exp.Expression, negated: bool = False) -> _Clause:
        node = _unparen(node)
        if isinstance(node, exp.Not):
            return self.parse(node.this, not negated)
        if isinstance(node, exp.And | exp.Or):
            conjunction = isinstance(node, exp.And) != negated
            return self._connector(list(node.flatten()), conjunction, negated)
        if type(node) in _OPS:
            return self._comparison(node, negated)
        if isinstance(node, exp.In):
            return self._in(node, negated)
        if isinstance(node, exp.Between):
            return self._between(node, negated)
        if isinstance(node, exp.Is):
            return self._is(node, negated)
        raise _Unsupported(node.key)

    # -- connectors -----------------------------------------------------------------------------

    def _connector(self, children: list[exp.Expression], conjunction: bool, negated: bool) -> _Clause:
        parts: list[_Clause] = []
        failed = False
        for child in children:
            try:
                parts.append(self.parse(child, negated))
            except _Unsupported:
                failed = True
        if not parts:
            raise _Unsupported("no understood part")
        if conjunction:
            clause = _conjoin(parts)
            clause.partial = clause.partial or failed
            return clause
        return _disjoin(parts)

    # -- predicates -----------------------------------------------------------------------------

    def _comparison(self, node: exp.Expression, negated: bool) -> _Clause:
        op = _OPS[type(node)]
        left, right = self._operand(node.this), self._operand(node.expression)
        if left.kind in ("const", "any", "all"):
            left, right, op = right, left, _MIRROR[op]
        if negated:
            op = _NEGATE[op]
            right = replace(right, kind={"any": "all", "all": "any"}.get(right.kind, right.kind))
        handler = _COMPARATORS.get((left.kind, right.kind))
        if handler is None:
            raise _Unsupported(f"{left.kind} {op} {right.kind}")
        return handler(left, op, right)

    def _in(self, node: exp.In, negated: bool) -> _Clause:
        if node.args.get("query") or node.args.get("unnest") or node.args.get("field"):
            raise _Unsupported("IN subquery")
        column = self._column(node.this)
        values = [v for v in (_constant(e) for e in node.expressions) if v is not None]
        if not values:
            raise _Unsupported("IN (NULL)")
        return _single(column, ColumnBounds(excluded=values) if negated else ColumnBounds(allowed=values))

    def _between(self, node: exp.Between, negated: bool) -> _Clause:
        column = self._column(node.this)
        low, high = _constant(node.args["low"]), _constant(node.args["high"])
        if low is None or high is None:
            raise _Unsupported("BETWEEN NULL")
        if not negated:
            return _single(column, ColumnBounds(low=low, high=high))
        below = _single(column, ColumnBounds(high=low, high_inclusive=False))
        above = _single(column, ColumnBounds(low=high, low_inclusive=False))
        return _disjoin([below, above])

    def _is(self, node: exp.Is, negated: bool) -> _Clause:
        if not isinstance(node.expression, exp.Null):
            raise _Unsupported("IS other than NULL")
        negated = negated != bool(node.args.get("negate"))  # sqlglot >= 26: IS NOT NULL
        column = self._column(node.this)
        return _single(column, ColumnBounds(not_null=True)) if negated else _Clause(null_cols={column})

    # -- operands -------------------------------------------------------------------------------

    def _column(self, node: exp.Expression) -> str:
        operand = self._operand(node)
        if operand.kind != "column":
            raise _Unsupported("not a column")
        return operand.name

    def _operand(self, node: exp.Expression) -> _Operand:
        if _is_constant(node):
            return _Operand("const", value=_constant(node))
        core = _strip(node)
        if isinstance(core, exp.Column):
            return _Operand("column", name=self.resolve(core.name))
        if isinstance(core, exp.Length):
            return self._length(core.this, bool(core.args.get("binary")))
        if isinstance(core, exp.Trim):
            return self._trim(core)
        if isinstance(core, exp.Any):
            return _Operand("any", value=_array_values(core.this))
        return self._function(core)

    def _function(self, core: exp.Expression) -> _Operand:
        if not isinstance(core, exp.Anonymous) or len(core.expressions) != 1:
            raise _Unsupported(core.key)
        name, (argument,) = str(core.this).lower(), core.expressions
        if name in _CHAR_LENGTH_FUNCS | _BYTE_LENGTH_FUNCS:
            return self._length(argument, name in _BYTE_LENGTH_FUNCS)
        if name in _TRIM_FUNCS:
            return _Operand("trim", name=self._column(argument))
        if name == "all":
            return _Operand("all", value=_array_values(argument))
        raise _Unsupported(f"function {name}")

    def _length(self, argument: exp.Expression, byte: bool) -> _Operand:
        inner = self._operand(argument)
        if inner.kind == "column":
            return _Operand("length", name=inner.name, byte=byte)
        if inner.kind == "trim":
            return _Operand("trimlength", name=inner.name)
        raise _Unsupported("length of an expression")

    def _trim(self, core: exp.Trim) -> _Operand:
        if core.args.get("expression") is not None:
            raise _Unsupported("trim of characters")
        return _Operand("trim", name=self._column(core.this))


def _unparen(node: exp.Expression) -> exp.Expression:
    while isinstance(node, exp.Paren):
        node = node.this
    return node


def _strip(node: exp.Expression) -> exp.Expression:
    """Remove parentheses and casts around an operand."""
    while isinstance(node, exp.Paren | exp.Cast | exp.TryCast):
        node = node.this
    return node


def _is_constant(node: exp.Expression) -> bool:
    core = _strip(node)
    if isinstance(core, exp.Neg):
        return _is_constant(core.this)
    return isinstance(core, exp.Literal | exp.Boolean | exp.Null | exp.Introducer)


def _constant(node: exp.Expression) -> Any:
    if isinstance(node, exp.Paren | exp.Neg):
        value = _constant(node.this)
        return value if isinstance(node, exp.Paren) else -_require_number(value)
    if isinstance(node, exp.Cast | exp.TryCast):
        value = _constant(node.this)
        numeric = node.to.is_type(*exp.DataType.NUMERIC_TYPES)
        return _number(value) if numeric and isinstance(value, str) else value
    if isinstance(node, exp.Introducer):
        return _constant(node.expression)
    if isinstance(node, exp.Literal):
        return node.this if node.is_string else _number(node.this)
    if isinstance(node, exp.Boolean):
        return bool(node.this)
    if isinstance(node, exp.Null):
        return None
    raise _Unsupported(f"constant {node.key}")


def _number(text: str) -> int | Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise _Unsupported(f"number {text!r}") from None
    if value == value.to_integral_value() and "." not in text and "e" not in text.lower():
        return int(value)
    return value


def _require_number(value: Any) -> int | Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise _Unsupported("negated non-number")
    return value


def _array_values(node: exp.Expression) -> list[Any]:
    core = _strip(node)
    if not isinstance(core, exp.Array):
        raise _Unsupported("ANY/ALL of a non-array")
    values = [v for v in (_constant(e) for e in core.expressions) if v is not None]
    if not values:
        raise _Unsupported("empty array")
    return values


# -- comparison handlers: (left kind, right kind) -> clause ----------------------------------


def _single(column: str, bounds: ColumnBounds) -> _Clause:
    return _Clause(bounds={column: bounds})


def _column_vs_const(left: _Operand, op: str, right: _Operand) -> _Clause:
    value = right.value
    if value is None:
        raise _Unsupported("comparison with NULL")
    if op == "=":
        return _single(left.name, ColumnBounds(allowed=[value]))
    if op == "<>":
        bounds = ColumnBounds(not_empty=True) if value == "" else ColumnBounds(excluded=[value])
        return _single(left.name, bounds)
    if op in (">", ">="):
        return _single(left.name, ColumnBounds(low=value, low_inclusive=op == ">="))
    return _single(left.name, ColumnBounds(high=value, high_inclusive=op == "<="))


def _column_vs_column(left: _Operand, op: str, right: _Operand) -> _Clause:
    if left.name == right.name:
        raise _Unsupported("column compared with itself")
    return _Clause(pairs=[PairRule(left.name, op, right.name)])


def _column_vs_array(left: _Operand, op: str, right: _Operand) -> _Clause:
    if (op, right.kind) == ("=", "any"):
        return _single(left.name, ColumnBounds(allowed=list(right.value)))
    if (op, right.kind) == ("<>", "all"):
        return _single(left.name, ColumnBounds(excluded=list(right.value)))
    raise _Unsupported(f"{op} {right.kind.upper()}")


_LENGTH_BOUNDS: dict[str, Callable[[int], dict[str, int]]] = {
    "=": lambda n: {"min_length": n, "max_length": n},
    "<": lambda n: {"max_length": n - 1},
    "<=": lambda n: {"max_length": n},
    ">": lambda n: {"min_length": n + 1},
    ">=": lambda n: {"min_length": n},
}


def _length_vs_const(left: _Operand, op: str, right: _Operand) -> _Clause:
    value = right.value
    if isinstance(value, bool) or not isinstance(value, int | Decimal) or op not in _LENGTH_BOUNDS:
        raise _Unsupported("length comparison")
    if value != int(value):
        raise _Unsupported("fractional length")
    limits = _LENGTH_BOUNDS[op](int(value))
    limits = {k: v for k, v in limits.items() if not (k == "min_length" and v <= 0)}
    return _single(left.name, ColumnBounds(byte_length=left.byte, **limits))


def _trim_vs_const(left: _Operand, op: str, right: _Operand) -> _Clause:
    if (op, right.value) in (("<>", ""), (">", "")):
        return _single(left.name, ColumnBounds(not_empty=True))
    raise _Unsupported("trim comparison")


def _trimlength_vs_const(left: _Operand, op: str, right: _Operand) -> _Clause:
    if (op, right.value) in _NOT_BLANK_LENGTHS:
        return _single(left.name, ColumnBounds(not_empty=True))
    raise _Unsupported("trimmed length comparison")


_COMPARATORS: dict[tuple[str, str], Callable[[_Operand, str, _Operand], _Clause]] = {
    ("column", "const"): _column_vs_const,
    ("column", "column"): _column_vs_column,
    ("column", "any"): _column_vs_array,
    ("column", "all"): _column_vs_array,
    ("length", "const"): _length_vs_const,
    ("trim", "const"): _trim_vs_const,
    ("trimlength", "const"): _trimlength_vs_const,
}


# -- AND / OR ---------------------------------------------------------------------------------


def _conjoin(parts: Iterable[_Clause]) -> _Clause:
    result = _Clause()
    for part in parts:
        for name, bounds in part.bounds.items():
            mine = result.bounds.get(name)
            result.bounds[name] = bounds if mine is None else intersect_bounds(mine, bounds)
        result.pairs += [p for p in part.pairs if p not in result.pairs]
        result.null_cols |= part.null_cols
        result.partial = result.partial or part.partial
    return result


def _disjoin(parts: list[_Clause]) -> _Clause:
    """OR: unite branches on one column, else choose the first satisfiable branch (see module doc)."""
    branches = [p for p in parts if p.bounds or p.pairs]
    if not branches:
        raise _Unsupported("only IS NULL branches")
    candidates = [b for b in branches if not b.null_cols and not b.partial]
    column = _shared_column(candidates) if len(candidates) == len(branches) else None
    if column is not None and len(candidates) > 1:
        return _single(column, union_bounds([b.bounds[column] for b in candidates]))
    chosen = (candidates or [b for b in branches if not b.null_cols] or branches)[0]
    return chosen


def _shared_column(branches: list[_Clause]) -> str | None:
    names = {name for b in branches for name in b.bounds}
    if len(names) != 1 or any(b.pairs for b in branches):
        return None
    return names.pop()


# ---------------------------------------------------------------------------------------------
# Bounds algebra
# ---------------------------------------------------------------------------------------------


def intersect_bounds(a: ColumnBounds, b: ColumnBounds) -> ColumnBounds:
    """Both bounds at once (AND)."""
    low, low_inclusive = _tighter(a.low, a.low_inclusive, b.low, b.low_inclusive, ">")
    high, high_inclusive = _tighter(a.high, a.high_inclusive, b.high, b.high_inclusive, "<")
    return ColumnBounds(
        low=low,
        low_inclusive=low_inclusive,
        high=high,
        high_inclusive=high_inclusive,
        allowed=_intersect_allowed(a.allowed, b.allowed),
        excluded=a.excluded + [x for x in b.excluded if x not in a.excluded],
        max_length=_pick(min, a.max_length, b.max_length),
        min_length=_pick(max, a.min_length, b.min_length),
        not_null=a.not_null or b.not_null,
        not_empty=a.not_empty or b.not_empty,
        byte_length=a.byte_length or b.byte_length,
        any_of=_intersect_alternatives(a.any_of, b.any_of),
    )


def union_bounds(options: list[ColumnBounds]) -> ColumnBounds:
    """Either of the bounds (OR): a merged allowed list, else alternatives."""
    if all(_only(o, "allowed") for o in options):
        merged: list[Any] = []
        for option in options:
            merged += [v for v in option.allowed or [] if v not in merged]
        return ColumnBounds(allowed=merged)
    alternatives: list[ColumnBounds] = []
    for option in options:
        alternatives += _alternatives(option)
    return ColumnBounds(any_of=alternatives)


def _alternatives(bounds: ColumnBounds) -> list[ColumnBounds]:
    if not bounds.any_of:
        return [bounds]
    main = replace(bounds, any_of=None)
    return [intersect_bounds(main, alt) for alt in bounds.any_of]


def _only(bounds: ColumnBounds, name: str) -> bool:
    default = ColumnBounds()
    return all(getattr(bounds, f.name) == getattr(default, f.name) for f in fields(bounds) if f.name != name)


def _tighter(a: Any, a_inc: bool, b: Any, b_inc: bool, stricter: str) -> tuple[Any, bool]:
    if a is None or b is None:
        return (b, b_inc) if a is None else (a, a_inc)
    try:
        if _compare(a, "=", b):
            return a, a_inc and b_inc
        return (a, a_inc) if _compare(a, stricter, b) else (b, b_inc)
    except _EVAL_ERRORS:
        return a, a_inc


def _intersect_allowed(a: list[Any] | None, b: list[Any] | None) -> list[Any] | None:
    if a is None or b is None:
        return b if a is None else a
    return [x for x in a if any(_safe_compare(x, "=", y) for y in b)]


def _intersect_alternatives(a: list[ColumnBounds] | None, b: list[ColumnBounds] | None) -> list | None:
    if a is None or b is None:
        return b if a is None else a
    return [intersect_bounds(x, y) for x in a for y in b]


def _pick(chooser: Callable[..., int], a: int | None, b: int | None) -> int | None:
    values = [v for v in (a, b) if v is not None]
    return chooser(values) if values else None


# ---------------------------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------------------------

_EVAL_ERRORS = (TypeError, ValueError, ArithmeticError, OverflowError)
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "<>": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _compare(a: Any, op: str, b: Any) -> bool:
    """SQL-like comparison of two non-NULL values of possibly different Python types."""
    left, right = _comparable(a, b)
    return _COMPARE[op](left, right)


def _safe_compare(a: Any, op: str, b: Any) -> bool:
    try:
        return _compare(a, op, b)
    except _EVAL_ERRORS:
        return False


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal)


def _dec(value: Any) -> Decimal:
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value.strip()) if isinstance(value, str) else Decimal(value)


def _comparable(a: Any, b: Any) -> tuple[Any, Any]:
    if _is_number(a) and (_is_number(b) or isinstance(b, str)) or _is_number(b) and isinstance(a, str):
        return _dec(a), _dec(b)
    if isinstance(a, dt.date | dt.time) or isinstance(b, dt.date | dt.time):
        convert = _temporal_converter(a, b)
        return convert(a), convert(b)
    if isinstance(a, str) and isinstance(b, str):
        return a, b
    raise TypeError(f"cannot compare {type(a).__name__} with {type(b).__name__}")


def _temporal_converter(a: Any, b: Any) -> Callable[[Any], Any]:
    if isinstance(a, dt.datetime) or isinstance(b, dt.datetime):
        return _to_datetime
    if isinstance(a, dt.date) or isinstance(b, dt.date):
        return _to_date
    return _to_time


def _to_datetime(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    else:
        moment = dt.datetime.fromisoformat(str(value).strip())
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _to_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])


def _to_time(value: Any) -> dt.time:
    return value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value).strip())


def _text_length(value: Any, byte: bool) -> int:
    text = value if isinstance(value, str) else str(value)
    return len(text.encode()) if byte else len(text)


def satisfies(value: Any, bounds: ColumnBounds) -> bool:
    """Whether a non-NULL value meets the bounds (raises on values that cannot be compared)."""
    if bounds.allowed is not None and not any(_safe_compare(value, "=", a) for a in bounds.allowed):
        return False
    if bounds.low is not None and not _compare(value, ">=" if bounds.low_inclusive else ">", bounds.low):
        return False
    if bounds.high is not None and not _compare(value, "<=" if bounds.high_inclusive else "<", bounds.high):
        return False
    if any(_safe_compare(value, "=", x) for x in bounds.excluded):
        return False
    return _lengths_ok(value, bounds) and (
        not bounds.any_of or any(satisfies(value, a) for a in bounds.any_of)
    )


def _lengths_ok(value: Any, bounds: ColumnBounds) -> bool:
    size = _text_length(value, bounds.byte_length)
    if bounds.max_length is not None and size > bounds.max_length:
        return False
    if bounds.min_length is not None and size < bounds.min_length:
        return False
    return not (bounds.not_empty and not str(value).strip())


def _safe_satisfies(value: Any, bounds: ColumnBounds) -> bool:
    try:
        return value is not None and satisfies(value, bounds)
    except _EVAL_ERRORS:
        return False


def _bounds_hold(row: dict[str, Any], name: str, bounds: ColumnBounds) -> bool | None:
    if name not in row:
        return True
    if row[name] is None:
        return not bounds.not_null
    try:
        return satisfies(row[name], bounds)
    except _EVAL_ERRORS:
        return None


def _pair_holds(row: dict[str, Any], pair: PairRule) -> bool | None:
    left, right = row.get(pair.left), row.get(pair.right)
    if left is None or right is None:
        return True
    try:
        return _compare(left, pair.op, right)
    except _EVAL_ERRORS:
        return None


# ---------------------------------------------------------------------------------------------
# Repair
# ---------------------------------------------------------------------------------------------

_FAMILIES: dict[str, str] = {
    "integer": "int",
    "decimal": "decimal",
    "float": "float",
    "boolean": "bool",
    "date": "date",
    "datetime": "datetime",
    "time": "time",
    "string": "str",
    "text": "str",
    "enum": "str",
    "uuid": "str",
}
_NUMERIC = {"int", "decimal", "float"}
_LETTERS = string.ascii_lowercase
_SPREAD_DAYS = (1, 30)


def _kind_of_value(value: Any) -> ColumnKind:
    checks: list[tuple[type | tuple[type, ...], ColumnKind]] = [
        (bool, "boolean"),
        (int, "integer"),
        (Decimal, "decimal"),
        (float, "float"),
        (dt.datetime, "datetime"),
        (dt.date, "date"),
        (dt.time, "time"),
        (str, "string"),
    ]
    return next((kind for cls, kind in checks if isinstance(value, cls)), "other")


def _column(columns: dict[str, ColumnInfo], name: str, sample: Any) -> ColumnInfo:
    if name in columns:
        return columns[name]
    return ColumnInfo(name=name, type_name="", kind=_kind_of_value(sample))


def _family(column: ColumnInfo) -> str:
    return _FAMILIES.get(column.kind, "other")


def _quantum(column: ColumnInfo) -> Decimal:
    return Decimal(10) ** -(column.scale if column.scale is not None else DEFAULT_SCALE)


def _native(value: Any, column: ColumnInfo) -> Any:
    """``value`` as the Python type the column's rows hold."""
    family = _family(column)
    if family == "int":
        value = int(_dec(value).to_integral_value(ROUND_HALF_UP))
    elif family in ("decimal", "float"):
        value = _dec(value)
    return fit_value(column, value)


def _rounded(bound: Any, column: ColumnInfo, up: bool) -> Any:
    """The bound as a column value, rounded towards the allowed side."""
    family = _family(column)
    if family == "int":
        return int(_dec(bound).to_integral_value(ROUND_CEILING if up else ROUND_FLOOR))
    if family == "decimal":
        return fit_value(column, _dec(bound).quantize(_quantum(column), ROUND_CEILING if up else ROUND_FLOOR))
    return _native(bound, column)


def _step(value: Any, count: int, column: ColumnInfo) -> Any:
    """``value`` moved ``count`` of the column's smallest steps."""
    family = _family(column)
    if family == "int":
        return value + count
    if family == "decimal":
        return value + count * _quantum(column)
    if family == "float":
        return value + count * max(abs(value) * 1e-5, 1e-5)
    if family in ("date", "datetime"):
        unit = dt.timedelta(days=1) if family == "date" else dt.timedelta(seconds=1)
        return value + count * unit
    if family == "time":
        moment = dt.datetime.combine(dt.date(2000, 1, 1), value) + dt.timedelta(seconds=count)
        return moment.time() if moment.date() == dt.date(2000, 1, 1) else value
    if family == "str":
        return value + "a" * count if count > 0 else value[:count]
    return value


def _edge(bound: Any, inclusive: bool, column: ColumnInfo, up: bool) -> Any:
    """The column value closest to ``bound`` that satisfies it (from above when ``up``)."""
    wanted = (">=" if inclusive else ">") if up else ("<=" if inclusive else "<")
    value = _rounded(bound, column, up)
    for _ in range(3):
        if _compare(value, wanted, bound):
            break
        value = _step(value, 1 if up else -1, column)
    return value


def _clamp(value: Any, bounds: ColumnBounds, column: ColumnInfo) -> Any:
    low, high = bounds.low, bounds.high
    if low is not None and not _compare(value, ">=" if bounds.low_inclusive else ">", low):
        value = _edge(low, bounds.low_inclusive, column, up=True)
    if high is not None and not _compare(value, "<=" if bounds.high_inclusive else "<", high):
        value = _edge(high, bounds.high_inclusive, column, up=False)
    return value


def _random_text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(_LETTERS) for _ in range(size))


def _fit_length(value: Any, bounds: ColumnBounds, rng: random.Random) -> Any:
    if not isinstance(value, str):
        return value
    if bounds.max_length is not None:
        while value and _text_length(value, bounds.byte_length) > bounds.max_length:
            value = value[:-1]
    if bounds.min_length is not None and len(value) < bounds.min_length:
        value += _random_text(rng, bounds.min_length - _text_length(value, bounds.byte_length))
    if bounds.not_empty and not value.strip():
        size = max(1, bounds.min_length or 1)
        value = _random_text(rng, min(size, bounds.max_length) if bounds.max_length else size)
    return value


def _nudge(value: Any, count: int, column: ColumnInfo, bounds: ColumnBounds, rng: random.Random) -> Any:
    if _family(column) != "str":
        return _step(value, count, column)
    room = bounds.max_length is None or len(value) < bounds.max_length
    return (value if room else value[:-1]) + rng.choice(_LETTERS)


def _avoid_excluded(value: Any, bounds: ColumnBounds, column: ColumnInfo, rng: random.Random) -> Any:
    if not any(_safe_compare(value, "=", x) for x in bounds.excluded):
        return value
    plain = replace(bounds, any_of=None)
    for count in (1, -1, 2, -2, 3, -3, 5, -5, 10, -10, 100, -100):
        candidate = _nudge(value, count, column, bounds, rng)
        if _safe_satisfies(candidate, plain):
            return candidate
    return value


def _choose_allowed(value: Any, bounds: ColumnBounds, column: ColumnInfo, rng: random.Random) -> Any:
    if any(_safe_compare(value, "=", a) for a in bounds.allowed or []):
        return value
    natives = []
    for option in bounds.allowed or []:
        try:
            natives.append(_native(option, column))
        except _EVAL_ERRORS:
            continue
    fitting = [v for v in natives if _safe_satisfies(v, replace(bounds, any_of=None))]
    return rng.choice(fitting or natives) if fitting or natives else value


def _repair_plain(value: Any, bounds: ColumnBounds, column: ColumnInfo, rng: random.Random) -> Any:
    """Repair into bounds without alternatives."""
    if bounds.allowed is not None:
        return _choose_allowed(value, bounds, column, rng)
    value = _fit_length(value, bounds, rng)
    with contextlib.suppress(*_EVAL_ERRORS):
        value = _clamp(value, bounds, column)
    return _avoid_excluded(value, bounds, column, rng)


def _nearest(value: Any, candidates: list[Any]) -> Any:
    def distance(candidate: Any) -> Any:
        try:
            left, right = _comparable(candidate, value)
            return abs(left - right)
        except (*_EVAL_ERRORS, AttributeError):
            return 0

    try:
        return min(candidates, key=distance)
    except TypeError:
        return candidates[0]


def _repair_bounds(value: Any, bounds: ColumnBounds, column: ColumnInfo, rng: random.Random) -> Any:
    if _safe_satisfies(value, bounds):
        return value
    if not bounds.any_of:
        return _repair_plain(value, bounds, column, rng)
    options = _alternatives(bounds)
    candidates = [_repair_plain(value, option, column, rng) for option in options]
    valid = [c for c in candidates if _safe_satisfies(c, bounds)]
    return _nearest(value, valid) if valid else candidates[0]


_SEEDS: dict[str, Any] = {
    "int": 0,
    "decimal": Decimal(0),
    "float": 0.0,
    "bool": False,
    "date": dt.date(2024, 1, 1),
    "datetime": dt.datetime(2024, 1, 1, 9),
    "time": dt.time(9),
}


def _seeds(bounds: ColumnBounds, column: ColumnInfo, rng: random.Random) -> list[Any]:
    """Starting values for a column whose value is NULL (but must not be) or unusable."""
    seeds = [rng.choice(bounds.allowed)] if bounds.allowed else []
    seeds += [bound for bound in (bounds.low, bounds.high) if bound is not None]
    fallback = _random_text(rng, max(1, bounds.min_length or 1))
    return seeds + [_SEEDS.get(_family(column), fallback)]


def _as_native(value: Any, bounds: ColumnBounds, column: ColumnInfo, rng: random.Random) -> Any:
    candidates = [] if value is None else [value]
    for candidate in candidates + _seeds(bounds, column, rng):
        try:
            return _native(candidate, column)
        except _EVAL_ERRORS:
            continue
    return value


def _repair_column(value: Any, bounds: ColumnBounds, column: ColumnInfo, rng: random.Random) -> Any:
    if value is None and not bounds.not_null:
        return None
    native = _as_native(value, bounds, column, rng)
    try:
        return _repair_bounds(native, bounds, column, rng)
    except _EVAL_ERRORS:
        return native


def _pair_limit(op: str, other: Any) -> ColumnBounds:
    """The bounds ``value op other`` puts on the value."""
    limits = {
        "<": ColumnBounds(high=other, high_inclusive=False),
        "<=": ColumnBounds(high=other),
        ">": ColumnBounds(low=other, low_inclusive=False),
        ">=": ColumnBounds(low=other),
        "=": ColumnBounds(allowed=[other]),
        "<>": ColumnBounds(excluded=[other]),
    }
    return limits[op]


def _spread(op: str, other: Any, column: ColumnInfo, rng: random.Random) -> Any:
    """A plausible value for ``value op other``: a few days after a start date, a fraction of a price."""
    family = _family(column)
    if op == "=":
        return other
    if family in ("date", "datetime"):
        delta = dt.timedelta(days=rng.randint(*_SPREAD_DAYS))
        return _native(other, column) + (-delta if op in ("<", "<=") else delta)
    if family in _NUMERIC:
        return _spread_number(op, _dec(other), rng)
    return other


def _spread_number(op: str, other: Decimal, rng: random.Random) -> Decimal:
    magnitude = abs(other) or Decimal(1)
    if op in ("<", "<="):
        if other > 0:
            return other * Decimal(str(rng.uniform(0, 0.9)))
        return other - magnitude * Decimal(str(rng.uniform(0.1, 1)))
    if other > 0:
        return other * Decimal(str(rng.uniform(1.1, 2)))
    return other + magnitude * Decimal(str(rng.uniform(0.1, 1)))


def _move(
    row: dict[str, Any],
    target: str,
    op: str,
    other: str,
    limits: tuple[dict[str, ColumnBounds], dict[str, ColumnInfo]],
    rng: random.Random,
) -> bool:
    """Change ``row[target]`` so ``target op other`` holds within the target's own bounds."""
    bounds, columns = limits
    column = _column(columns, target, row[target])
    merged = intersect_bounds(bounds.get(target, ColumnBounds()), _pair_limit(op, row[other]))
    try:
        candidate = _repair_bounds(_native(_spread(op, row[other], column, rng), column), merged, column, rng)
    except _EVAL_ERRORS:
        return False
    if not _safe_satisfies(candidate, merged):
        return False
    row[target] = candidate
    return True


def _repair_pair(
    row: dict[str, Any],
    pair: PairRule,
    bounds: dict[str, ColumnBounds],
    columns: dict[str, ColumnInfo],
    rng: random.Random,
) -> None:
    if _pair_holds(row, pair) is not False:
        return
    if not _move(row, pair.left, pair.op, pair.right, (bounds, columns), rng):
        _move(row, pair.right, _MIRROR[pair.op], pair.left, (bounds, columns), rng)
