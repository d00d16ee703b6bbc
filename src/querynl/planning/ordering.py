"""Insertion order: parents before children, from a toposort of the foreign-key graph."""

from __future__ import annotations

from dataclasses import dataclass

from toposort import CircularDependencyError, toposort_flatten

from querynl.dialects import dialect_for
from querynl.errors import CycleError
from querynl.schema import ForeignKeyInfo, SchemaMetadata


@dataclass(frozen=True)
class CutForeignKey:
    """A foreign key left out of the ordering to break a cycle, and how it is then satisfied."""

    table: str
    columns: tuple[str, ...]
    mode: str  # "update_after" (nullable) or "deferred_check" (NOT NULL)


def insertion_plan(
    schema: SchemaMetadata, after: set[tuple[str, str]] = frozenset()
) -> tuple[list[str], list[CutForeignKey]]:
    """The insertion order, breaking each cycle at the foreign key cheapest to satisfy later:
    a nullable one (insert NULL, UPDATE afterwards) before a NOT NULL one (deferred check).
    Tables written by other tables' INSERT triggers come after those, and each (table, parent)
    of `after` (a parent row a trigger needs) in that order, where that makes no cycle."""
    edges = _edges(schema)
    names = set(schema.table_names)
    soft = _trigger_edges(schema, edges) | {e for e in after if set(e) <= names and e not in edges}
    cut: set[tuple[str, str]] = set()
    while True:
        graph = {t.name: set() for t in schema.tables}
        for child, parent in [*edges, *soft]:
            if (child, parent) not in cut:
                graph[child].add(parent)
        try:
            order = toposort_flatten(graph, sort=True)
        except CircularDependencyError as exc:
            cycle = find_cycle(exc.data)
            ring = [(cycle[i], cycle[(i + 1) % len(cycle)]) for i in range(len(cycle))]
            dropped = [edge for edge in ring if edge in soft]
            if dropped:
                soft.discard(dropped[0])
            else:
                cut.add(_cheapest_edge(schema, cycle, edges))
            continue
        return order, [c for edge in sorted(cut) for c in _cuts(schema, edge, edges[edge])]


def _trigger_edges(schema: SchemaMetadata, edges) -> set[tuple[str, str]]:
    names = set(schema.table_names)
    return {
        (table.name, writer)
        for table in schema.tables
        for writer in table.written_by_triggers_of
        if writer in names and (table.name, writer) not in edges
    }


def _edges(schema: SchemaMetadata) -> dict[tuple[str, str], list[ForeignKeyInfo]]:
    names = set(schema.table_names)
    edges: dict[tuple[str, str], list[ForeignKeyInfo]] = {}
    for table in schema.tables:
        for fk in table.foreign_keys:
            if fk.referred_table != table.name and fk.referred_table in names:
                edges.setdefault((table.name, fk.referred_table), []).append(fk)
    return edges


def _cheapest_edge(schema: SchemaMetadata, cycle: list[str], edges) -> tuple[str, str]:
    ring = [(cycle[i], cycle[(i + 1) % len(cycle)]) for i in range(len(cycle))]
    costs = {edge: _cost(schema, edge, edges[edge]) for edge in ring}
    best = min(ring, key=lambda edge: (costs[edge], edge))
    if costs[best] >= _IMPOSSIBLE:
        raise CycleError(cycle)
    return best


_IMPOSSIBLE = 2


def _cost(schema: SchemaMetadata, edge: tuple[str, str], fks: list[ForeignKeyInfo]) -> int:
    table = schema.table(edge[0])
    required = [fk for fk in fks if not all(table.column(c).nullable for c in fk.columns)]
    if not required:
        return 0
    dialect = dialect_for(schema.dialect)
    if not all(dialect.can_postpone(fk) for fk in required):
        return _IMPOSSIBLE  # e.g. PostgreSQL can postpone only DEFERRABLE constraints
    return 1


def _cuts(schema: SchemaMetadata, edge, fks: list[ForeignKeyInfo]) -> list[CutForeignKey]:
    table = schema.table(edge[0])
    return [
        CutForeignKey(
            edge[0],
            tuple(fk.columns),
            "update_after" if all(table.column(c).nullable for c in fk.columns) else "deferred_check",
        )
        for fk in fks
    ]


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle among the tables toposort could not order, as a list of table names."""
    for start in sorted(graph):
        path = _walk(graph, start, [start])
        if path:
            return path
    return sorted(graph)


def _walk(graph: dict[str, set[str]], node: str, path: list[str]) -> list[str] | None:
    for parent in sorted(graph.get(node, ())):
        if parent == path[0]:
            return path
        if parent not in path:
            found = _walk(graph, parent, [*path, parent])
            if found:
                return found
    return None
