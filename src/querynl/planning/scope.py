"""Which tables a request fills, with how many rows, and why.

"add sample data" fills every table. A request that names tables fills exactly those with
exactly their counts; another table gets rows only when a named table needs it: a parent
with no rows that one of its foreign keys points at (a NOT NULL key cannot be filled
otherwise; a nullable one would be NULL in every row, rarely what a person wants). Such a
parent gets the default count, or more where the child's unique keys need more, and its own
parents are found the same way. A parent that already holds rows is reused, not filled.
A table outside the schemas the run is limited to (`reference_only`) is never filled: a
NOT NULL key to one that has no rows fails the request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from querynl.errors import RequestError
from querynl.models import TestDataRequest
from querynl.schema import ForeignKeyInfo, SchemaMetadata, TableInfo

REQUESTED = "requested"
EVERY_TABLE = "every table"
THE_REST = "the rest, as asked"


@dataclass(frozen=True)
class TableScope:
    count: int
    reason: str  # REQUESTED, EVERY_TABLE, THE_REST or "needed by <child>.<columns>..."

    @property
    def is_extra(self) -> bool:
        """Filled although the request did not name it."""
        return self.reason.startswith("needed by")


def request_scope(
    schema: SchemaMetadata, request: TestDataRequest, default_count: Callable[[str], int]
) -> dict[str, TableScope]:
    """{table: scope} for every table the request fills, in schema order."""
    scope = _scope(schema, request, default_count)
    _require_outside_parents(schema, scope)
    return scope


def _scope(
    schema: SchemaMetadata, request: TestDataRequest, default_count: Callable[[str], int]
) -> dict[str, TableScope]:
    named = {t: TableScope(n, REQUESTED) for t, n in request.record_counts.items()}
    fillable = [t for t in schema.tables if not t.reference_only]
    if not named:
        count = request.default_count
        return {t.name: TableScope(count or default_count(t.name), EVERY_TABLE) for t in fillable}
    if request.fill_rest:
        rest = {t.name: TableScope(default_count(t.name), THE_REST) for t in fillable}
        return _in_schema_order(schema, rest | named)
    return _in_schema_order(schema, with_needed_parents(schema, named, default_count))


def _require_outside_parents(schema: SchemaMetadata, scope: dict[str, TableScope]) -> None:
    """A NOT NULL key to a table outside the run's schemas needs rows there already."""
    for name in scope:
        child = schema.table(name)
        for fk in _keys_to_other_tables(schema, child):
            parent = schema.table(fk.referred_table)
            required = not all(child.column(c).nullable for c in fk.columns)
            if parent.reference_only and required and not parent.row_count and parent.name not in scope:
                raise RequestError(
                    f"{child.name}({', '.join(fk.columns)}) needs rows of {parent.name}, which is "
                    "outside the schemas this run fills and has none; add its schema with --schema."
                )


def with_needed_parents(
    schema: SchemaMetadata, scope: dict[str, TableScope], default_count: Callable[[str], int]
) -> dict[str, TableScope]:
    scope = dict(scope)
    queue = list(scope)
    while queue:
        child = schema.table(queue.pop(0))
        keys = _keys_to_other_tables(schema, child)
        for fk in keys:
            parent = fk.referred_table
            if parent in scope and scope[parent].reason == REQUESTED:
                continue  # the user said how many
            if parent not in scope and (
                schema.table(parent).row_count or schema.table(parent).reference_only
            ):
                continue  # its rows are reused (or it is never filled)
            count = max(default_count(parent), _rows_needed(child, fk, keys, scope[child.name].count))
            if parent in scope:
                scope[parent] = TableScope(max(scope[parent].count, count), scope[parent].reason)
            else:
                scope[parent] = TableScope(count, _reason(child, fk))
                queue.append(parent)
    return scope


def _keys_to_other_tables(schema: SchemaMetadata, child: TableInfo) -> list[ForeignKeyInfo]:
    known = set(schema.table_names)
    return [fk for fk in child.foreign_keys if fk.referred_table != child.name and fk.referred_table in known]


def _rows_needed(child: TableInfo, fk: ForeignKeyInfo, keys: list[ForeignKeyInfo], child_count: int) -> int:
    """The fewest parent rows that let ``child_count`` children keep their unique keys: one
    per child for a one-to-one link; for a junction, enough that the parents' product holds
    the distinct combinations."""
    for cols in child.unique_sets():
        if set(fk.columns) == set(cols):
            return child_count
        members = [k for k in keys if set(k.columns) <= set(cols)]
        if fk in members and len(members) > 1 and {c for k in members for c in k.columns} == set(cols):
            return _integer_root(child_count, len(members))
    return 1


def _integer_root(n: int, k: int) -> int:
    """The smallest r with r ** k >= n."""
    root = max(1, int(round(n ** (1 / k))))
    while root**k < n:
        root += 1
    while root > 1 and (root - 1) ** k >= n:
        root -= 1
    return root


def _reason(child: TableInfo, fk: ForeignKeyInfo) -> str:
    nullable = all(child.column(c).nullable for c in fk.columns)
    where = f"{child.name}.{', '.join(fk.columns)}"
    return f"needed by {where}" + (" (nullable: filled so the links are not all NULL)" if nullable else "")


def _in_schema_order(schema: SchemaMetadata, scope: dict[str, TableScope]) -> dict[str, TableScope]:
    return {t.name: scope[t.name] for t in schema.tables if t.name in scope}
