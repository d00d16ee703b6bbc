"""A trigger's rejecting condition, read into rules a generated row can follow.

The condition rejects a row when it holds; each part of a top-level OR must therefore be
false. Three shapes are read (either side of the comparison may come first):

- `NEW.col <> (SELECT c FROM parent WHERE key = NEW.fk)`: the row shares the column with its
  parent (SameAsParent);
- `(SELECT c FROM p1 WHERE key = NEW.fk1) <> (SELECT c FROM p2 WHERE key = NEW.fk2)`: the
  two parents agree (ParentsAgree);
- `NEW.col > 100` (any comparison with a constant): the negation, `col <= 100`, is a CHECK.

Anything else (a function, an aggregate, AND, EXISTS) is not understood: the database still
rejects those rows and the run reports them.
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from querynl.checks.literals import is_constant, strip_casts, unparen
from querynl.db.trigger_rules import ParentsAgree, ParentValue, SameAsParent

_NEGATED: dict[type[exp.Expression], type[exp.Expression]] = {
    exp.EQ: exp.NEQ,
    exp.NEQ: exp.EQ,
    exp.LT: exp.GTE,
    exp.LTE: exp.GT,
    exp.GT: exp.LTE,
    exp.GTE: exp.LT,
}
_MIRRORED: dict[type[exp.Expression], type[exp.Expression]] = {
    exp.EQ: exp.EQ,
    exp.NEQ: exp.NEQ,
    exp.LT: exp.GT,
    exp.LTE: exp.GTE,
    exp.GT: exp.LT,
    exp.GTE: exp.LTE,
}


def read_condition(condition: str, read: str) -> dict:
    """TriggerRejection fields for the condition: its rules and whether all of it was read."""
    try:
        parsed = sqlglot.parse_one(f"SELECT {condition}", read=read)
    except SqlglotError:
        return {}
    if not isinstance(parsed, exp.Select) or len(parsed.expressions) != 1:
        return {}
    same, agree, checks = [], [], []
    understood = True
    for part in _disjuncts(parsed.expressions[0]):
        rule = _rule(part, read)
        if isinstance(rule, SameAsParent):
            same.append(rule)
        elif isinstance(rule, ParentsAgree):
            agree.append(rule)
        elif isinstance(rule, str):
            checks.append(rule)
        else:
            understood = False
    return {"same_as_parent": same, "parents_agree": agree, "checks": checks, "understood": understood}


def _disjuncts(node: exp.Expression) -> list[exp.Expression]:
    node = unparen(node)
    if isinstance(node, exp.Or):
        return _disjuncts(node.this) + _disjuncts(node.expression)
    return [node]


def _rule(part: exp.Expression, read: str) -> SameAsParent | ParentsAgree | str | None:
    if type(part) not in _NEGATED:
        return None
    left, right = part.this, part.expression
    if isinstance(part, exp.NEQ):
        first, second = parent_value(left), parent_value(right)
        if first is not None and second is not None:
            return ParentsAgree(first=first, second=second)
        column = new_column(left) or new_column(right)
        parent = first or second
        if column is not None and parent is not None:
            return SameAsParent(column=column, parent=parent)
    op = type(part)
    if new_column(right) is not None and is_constant(left):
        left, right, op = right, left, _MIRRORED[op]
    column = new_column(left)
    if column is None or not is_constant(right):
        return None
    kept = _NEGATED[op](this=exp.column(column, quoted=True), expression=right.copy())
    return kept.sql(dialect=read)


def new_column(node: exp.Expression) -> str | None:
    """`NEW.col` -> col."""
    node = strip_casts(node)
    if isinstance(node, exp.Column) and node.table.upper() == "NEW":
        return node.name
    return None


def parent_value(node: exp.Expression) -> ParentValue | None:
    """`(SELECT c FROM parent WHERE key = NEW.fk)` -> ParentValue(fk, parent, key, c)."""
    node = unparen(node)
    select = node.this if isinstance(node, exp.Subquery) else None
    if not isinstance(select, exp.Select) or len(select.expressions) != 1 or select.args.get("joins"):
        return None
    source = select.args.get("from") or select.args.get("from_")
    table = source.this if source is not None else None
    value = unparen(select.expressions[0])
    where = select.args.get("where")
    if not isinstance(table, exp.Table) or not isinstance(value, exp.Column) or where is None:
        return None
    test = unparen(where.this)
    if not isinstance(test, exp.EQ):
        return None
    via, key = new_column(test.expression), test.this
    if via is None:
        via, key = new_column(test.this), test.expression
    if via is None or not isinstance(key, exp.Column) or new_column(key) is not None:
        return None
    return ParentValue(via=via, table=table.name, key=key.name, column=value.name)
