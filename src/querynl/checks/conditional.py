"""Conditional checks (``CASE WHEN ... END``, MySQL ``IF(c, a, b) = 1``) as a disjunction of
branches: each branch a conjunction of ``col IS NULL``, bounds (``not_null`` among them) and
pairs. ``CASE WHEN c THEN a ELSE b END`` is ``(c AND a) OR (NOT c AND b)``; a missing ELSE is
NULL, which passes. Any part not understood makes the whole check unsupported."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from sqlglot import exp

from querynl.checks.clauses import Clause, Unsupported, conjoin
from querynl.checks.evaluate import bounds_hold, branch_holds
from querynl.checks.literals import constant, is_constant, unparen
from querynl.checks.model import Branch
from querynl.schema import ColumnInfo

MAX_BRANCHES = 16
Parse = Callable[[exp.Expression, bool], Clause]


def is_conditional(node: exp.Expression) -> bool:
    return node.find(exp.Case, exp.If) is not None


def branches(parse: Parse, node: exp.Expression, negated: bool = False) -> list[Branch]:
    """The check as its satisfiable branches (raises Unsupported)."""
    clauses = _dnf(parse, node, negated)
    if not clauses:
        raise Unsupported("a check no row satisfies")
    return [Branch(dict(c.bounds), set(c.null_cols), list(c.pairs)) for c in clauses]


def _dnf(parse: Parse, node: exp.Expression, negated: bool) -> list[Clause]:
    node = unparen(node)
    if isinstance(node, exp.Not):
        return _dnf(parse, node.this, not negated)
    if isinstance(node, exp.And | exp.Or):
        parts = [_dnf(parse, child, negated) for child in node.flatten()]
        if isinstance(node, exp.And) != negated:
            return _product(parts)
        return [clause for part in parts for clause in part]
    if isinstance(node, exp.Case | exp.If):
        return _case(parse, node, negated)
    if is_constant(node):
        return _truth(constant(node), negated)
    tested = _truth_test(node)
    if tested is not None:
        return _dnf(parse, tested[0], negated != tested[1])
    clause = parse(node, negated)
    if clause.partial:
        raise Unsupported("partly understood branch")
    return [clause]


def _truth(value: Any, negated: bool) -> list[Clause]:
    """A constant as a predicate: NULL passes a check, a true value passes, a false one fails."""
    if value is None or bool(value) != negated:
        return [Clause()]
    return []


def _truth_test(node: exp.Expression) -> tuple[exp.Expression, bool] | None:
    """``IF(...) = 1`` / ``CASE ... END <> 0``: the conditional and whether the test negates it."""
    if not isinstance(node, exp.EQ | exp.NEQ):
        return None
    sides = [unparen(node.this), unparen(node.expression)]
    for inner, other in (sides, sides[::-1]):
        if isinstance(inner, exp.Case | exp.If) and is_constant(other):
            value = constant(other)
            if value is None:
                raise Unsupported("comparison with NULL")
            return inner, (not bool(value)) != isinstance(node, exp.NEQ)
    return None


def _case(parse: Parse, node: exp.Expression, negated: bool) -> list[Clause]:
    if isinstance(node, exp.If):
        arms, default = [(node.this, node.args.get("true"))], node.args.get("false")
    else:
        arms, default = (
            [(i.this, i.args.get("true")) for i in node.args.get("ifs") or []],
            node.args.get("default"),
        )
    result: list[Clause] = []
    earlier: list[list[Clause]] = []  # NOT of each earlier condition
    for condition, value in arms:
        result += _product([*earlier, _dnf(parse, condition, False), _value(parse, value, negated)])
        earlier.append(_dnf(parse, condition, True))
    result += _product([*earlier, _value(parse, default, negated)])
    if len(result) > MAX_BRANCHES:
        raise Unsupported("too many branches")
    return result


def _value(parse: Parse, value: exp.Expression | None, negated: bool) -> list[Clause]:
    return [Clause()] if value is None else _dnf(parse, value, negated)


def _product(parts: list[list[Clause]]) -> list[Clause]:
    """AND of disjunctions: every combination of one clause from each, contradictions dropped."""
    combined = [Clause()]
    for part in parts:
        combined = [conjoin([a, b]) for a in combined for b in part]
        combined = [
            c for c in combined if not any(c.bounds[n].not_null for n in c.null_cols if n in c.bounds)
        ]
        if len(combined) > MAX_BRANCHES:
            raise Unsupported("too many branches")
    return combined


# -- evaluating and choosing a branch for a row --------------------------------------------------


def _cost(row: dict[str, Any], branch: Branch) -> int:
    cost = sum(1 for n in branch.null_cols if row.get(n) is not None)
    return cost + sum(1 for n, b in branch.bounds.items() if bounds_hold(row, n, b) is False)


def choose_branch(
    options: list[Branch], row: dict[str, Any], columns: dict[str, ColumnInfo], rng: random.Random
) -> Branch | None:
    """None when a branch already holds; else the feasible branch (no NOT NULL column made
    NULL) needing the fewest changes, ties drawn at random."""
    if any(branch_holds(row, b) for b in options):
        return None
    feasible = [b for b in options if all(columns[n].nullable for n in b.null_cols if n in columns)]
    if not feasible:
        return None
    best = min(_cost(row, b) for b in feasible)
    return rng.choice([b for b in feasible if _cost(row, b) == best])
