"""Parsing a CHECK constraint's sqltext with sqlglot into :class:`CheckRules` (see the package doc)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import sqlglot
from sqlglot import exp

from querynl.checks.clauses import (
    CASE_FUNCS,
    COMPARATORS,
    Clause,
    Operand,
    Unsupported,
    conjoin,
    disjoin,
    in_bounds,
    json_key_clause,
    single,
)
from querynl.checks.conditional import branches, is_conditional
from querynl.checks.literals import array_values, constant, is_constant, strip_casts, unparen
from querynl.checks.model import MIRROR, ColumnBounds
from querynl.checks.patterns import PatternError, parse_regex
from querynl.checks.rules import CheckRules
from querynl.schema import TableInfo

_OPS: dict[type[exp.Expression], str] = {
    exp.EQ: "=",
    exp.NEQ: "<>",
    exp.LT: "<",
    exp.LTE: "<=",
    exp.GT: ">",
    exp.GTE: ">=",
}
_NEGATE = {"=": "<>", "<>": "=", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}
_CHAR_LENGTH_FUNCS = {"length", "char_length", "character_length", "len"}
_BYTE_LENGTH_FUNCS = {"octet_length", "lengthb"}
_TRIM_FUNCS = {"trim", "btrim", "ltrim", "rtrim"}


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
        raise Unsupported(f"unknown column {name}")


def _parse_sql(sqltext: str, read: str, fallbacks: Sequence[str]) -> exp.Expression:
    text = sqltext.strip()
    if text[:5].upper() == "CHECK" and text[5:].lstrip().startswith("("):
        text = text[5:].strip()
    for reader in dict.fromkeys([read, *fallbacks]):
        try:
            return sqlglot.parse_one(text, read=reader)
        except Exception:  # noqa: BLE001, S112 - try the next dialect
            continue
    raise Unsupported(sqltext)


class _CheckParser:
    def __init__(self, resolve: _Resolver) -> None:
        self.resolve = resolve

    def parse(self, node: exp.Expression, negated: bool = False) -> Clause:
        node = unparen(node)
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
        if isinstance(node, exp.Like | exp.RegexpLike):
            return self._pattern(node, negated)
        if isinstance(node, exp.JSONBContainsTopKey | exp.JSONBContainsAllTopKeys) and not negated:
            return self._json_has_keys(node)
        raise Unsupported(node.key)

    # -- connectors -----------------------------------------------------------------------------

    def _connector(self, children: list[exp.Expression], conjunction: bool, negated: bool) -> Clause:
        parts: list[Clause] = []
        failed = False
        for child in children:
            try:
                parts.append(self.parse(child, negated))
            except Unsupported:
                failed = True
        if not parts:
            raise Unsupported("no understood part")
        if conjunction:
            clause = conjoin(parts)
            clause.partial = clause.partial or failed
            return clause
        return disjoin(parts)

    # -- predicates -----------------------------------------------------------------------------

    def _comparison(self, node: exp.Expression, negated: bool) -> Clause:
        op = _OPS[type(node)]
        left, right = self._operand(node.this), self._operand(node.expression)
        if left.kind in ("const", "any", "all"):
            left, right, op = right, left, MIRROR[op]
        if negated:
            op = _NEGATE[op]
            right = replace(right, kind={"any": "all", "all": "any"}.get(right.kind, right.kind))
        handler = COMPARATORS.get((left.kind, right.kind))
        if handler is None:
            raise Unsupported(f"{left.kind} {op} {right.kind}")
        return handler(left, op, right)

    def _in(self, node: exp.In, negated: bool) -> Clause:
        if node.args.get("query") or node.args.get("unnest") or node.args.get("field"):
            raise Unsupported("IN subquery")
        operand = self._operand(node.this)
        if operand.kind not in ("column", "jsonkey", *CASE_FUNCS):
            raise Unsupported("IN of an expression")
        values = [v for v in (constant(e) for e in node.expressions) if v is not None]
        if not values:
            raise Unsupported("IN (NULL)")
        if operand.kind == "jsonkey":
            bounds = in_bounds(Operand("column", name=operand.name), values, negated)
            return json_key_clause(operand.name, operand.value, bounds)
        return single(operand.name, in_bounds(operand, values, negated))

    def _json_has_keys(self, node: exp.Expression) -> Clause:
        """``doc ? 'key'`` / ``doc ?& ARRAY[...]``: the object has those keys."""
        column = self._column(node.this)
        keys = array_values(node.expression) if isinstance(node.expression, exp.Array) else None
        keys = keys if keys is not None else [constant(node.expression)]
        if not keys or not all(isinstance(k, str) for k in keys):
            raise Unsupported("json keys")
        return conjoin([json_key_clause(column, k, ColumnBounds()) for k in keys])

    def _pattern(self, node: exp.Like | exp.RegexpLike, negated: bool) -> Clause:
        column, pattern = self._column(node.this), constant(node.expression)
        if not isinstance(pattern, str) or node.args.get("escape"):
            raise Unsupported("pattern")
        negated = negated != bool(node.args.get("negate"))
        if isinstance(node, exp.Like):
            return single(
                column, ColumnBounds(not_like=[pattern]) if negated else ColumnBounds(like=[pattern])
            )
        if negated:
            raise Unsupported("NOT regex")
        try:
            parse_regex(pattern)
        except PatternError:
            raise Unsupported(f"regex {pattern}") from None
        return single(column, ColumnBounds(regex=[pattern]))

    def _between(self, node: exp.Between, negated: bool) -> Clause:
        column = self._column(node.this)
        low, high = constant(node.args["low"]), constant(node.args["high"])
        if low is None or high is None:
            raise Unsupported("BETWEEN NULL")
        if not negated:
            return single(column, ColumnBounds(low=low, high=high))
        below = single(column, ColumnBounds(high=low, high_inclusive=False))
        above = single(column, ColumnBounds(low=high, low_inclusive=False))
        return disjoin([below, above])

    def _is(self, node: exp.Is, negated: bool) -> Clause:
        if not isinstance(node.expression, exp.Null):
            raise Unsupported("IS other than NULL")
        negated = negated != bool(node.args.get("negate"))  # sqlglot >= 26: IS NOT NULL
        column = self._column(node.this)
        return single(column, ColumnBounds(not_null=True)) if negated else Clause(null_cols={column})

    # -- operands -------------------------------------------------------------------------------

    def _column(self, node: exp.Expression) -> str:
        operand = self._operand(node)
        if operand.kind != "column":
            raise Unsupported("not a column")
        return operand.name

    def _operand(self, node: exp.Expression) -> Operand:
        if is_constant(node):
            return Operand("const", value=constant(node))
        core = strip_casts(node)
        if isinstance(core, exp.Column):
            return Operand("column", name=self.resolve(core.name))
        if isinstance(core, exp.Length):
            return self._length(core.this, bool(core.args.get("binary")))
        if isinstance(core, exp.Trim):
            return self._trim(core)
        if isinstance(core, exp.Any):
            return Operand("any", value=array_values(core.this))
        if isinstance(core, exp.Lower | exp.Upper):
            return Operand(core.key, name=self._column(core.this))
        if isinstance(core, exp.JSONExtractScalar | exp.JSONValue | exp.JSONType):
            return self._json_operand(core)
        return self._function(core)

    def _json_operand(self, core: exp.Expression) -> Operand:
        """``doc ->> 'key'``, ``JSON_VALUE(doc, '$.key')``, ``doc ->> '$.key'``, ``JSON_TYPE(doc)``."""
        column = self._column(core.this)
        if isinstance(core, exp.JSONType):
            return Operand("jsontype", name=column)
        path = core.args.get("path") or core.expression
        if isinstance(path, exp.JSONPath):
            steps = [p for p in path.expressions if not isinstance(p, exp.JSONPathRoot)]
            key = steps[0].this if len(steps) == 1 and isinstance(steps[0], exp.JSONPathKey) else None
        else:
            key = constant(path)
        if not isinstance(key, str):
            raise Unsupported("json path")
        return Operand("jsonkey", name=column, value=key.removeprefix("$."))

    def _function(self, core: exp.Expression) -> Operand:
        if not isinstance(core, exp.Anonymous) or len(core.expressions) != 1:
            raise Unsupported(core.key)
        name, (argument,) = str(core.this).lower(), core.expressions
        if name in _CHAR_LENGTH_FUNCS | _BYTE_LENGTH_FUNCS:
            return self._length(argument, name in _BYTE_LENGTH_FUNCS)
        if name in _TRIM_FUNCS:
            return Operand("trim", name=self._column(argument))
        if name == "all":
            return Operand("all", value=array_values(argument))
        if name in ("jsonb_typeof", "json_typeof", "json_type"):
            return Operand("jsontype", name=self._column(argument))
        raise Unsupported(f"function {name}")

    def _length(self, argument: exp.Expression, byte: bool) -> Operand:
        inner = self._operand(argument)
        if inner.kind == "column":
            return Operand("length", name=inner.name, byte=byte)
        if inner.kind == "trim":
            return Operand("trimlength", name=inner.name)
        raise Unsupported("length of an expression")

    def _trim(self, core: exp.Trim) -> Operand:
        if core.args.get("expression") is not None:
            raise Unsupported("trim of characters")
        return Operand("trim", name=self._column(core.this))


def parse_checks(table: TableInfo, read: str, fallbacks: Sequence[str] = ()) -> CheckRules:
    """Every check constraint of ``table``, with column names resolved to the table's spelling.
    ``read`` is the sqlglot dialect the texts are written in; a text it cannot parse is tried
    with each of ``fallbacks`` in turn."""
    names = [c.name for c in table.columns]
    rules = CheckRules()
    for check in table.check_constraints:
        rules = rules.merged(parse_check_sql(check.sqltext, read, columns=names, fallbacks=fallbacks))
    for column in table.columns:
        if column.domain_check:
            domain = parse_check_sql(column.domain_check, read, value_column=column.name, fallbacks=fallbacks)
            rules = rules.merged(domain)
    return rules


def parse_check_sql(
    sqltext: str,
    read: str,
    value_column: str | None = None,
    columns: Sequence[str] | None = None,
    fallbacks: Sequence[str] = (),
) -> CheckRules:
    """Rules of one check, parsed as sqlglot's ``read`` dialect (then each of ``fallbacks``).
    ``value_column`` names the column a domain check's ``VALUE`` stands for; ``columns``
    (optional) resolves identifiers case-insensitively to those names."""
    try:
        parser = _CheckParser(_Resolver(columns, value_column))
        node = _parse_sql(sqltext, read, fallbacks)
        if is_conditional(node):
            return CheckRules(alternatives=[branches(parser.parse, node)])
        clause = parser.parse(node)
    except Exception:  # noqa: BLE001 - anything not understood is reported, never raised
        return CheckRules(unsupported=[sqltext])
    partial = clause.partial or bool(clause.null_cols)
    return CheckRules(clause.bounds, clause.pairs, [sqltext] if partial else [])
