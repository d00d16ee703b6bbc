"""Insertion order: parents before children, from a toposort of the foreign-key graph."""

from __future__ import annotations

from toposort import CircularDependencyError, toposort_flatten

from querynl.db.schema import SchemaMetadata
from querynl.errors import CycleError


def dependency_graph(schema: SchemaMetadata, tables: list[str] | None = None) -> dict[str, set[str]]:
    """Map each table to the tables it references (self-references left out: rows order them)."""
    names = set(tables if tables is not None else schema.table_names)
    graph: dict[str, set[str]] = {}
    for table in schema.tables:
        if table.name not in names:
            continue
        parents = {fk.referred_table for fk in table.foreign_keys}
        graph[table.name] = {p for p in parents if p != table.name and p in names}
    return graph


def insertion_order(schema: SchemaMetadata, tables: list[str] | None = None) -> list[str]:
    graph = dependency_graph(schema, tables)
    try:
        return toposort_flatten(graph, sort=True)
    except CircularDependencyError as exc:
        raise CycleError(find_cycle(exc.data)) from None


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


def ancestors(schema: SchemaMetadata, table: str) -> set[str]:
    """Every table `table` depends on, transitively."""
    graph = dependency_graph(schema)
    seen: set[str] = set()
    stack = [table]
    while stack:
        for parent in graph.get(stack.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return seen
