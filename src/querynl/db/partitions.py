"""Partition bounds as CHECK-like rules, so rows land in an existing partition.

A partition accepts only rows inside its bound; the partitioned parent accepts rows inside
any partition's bound (any row at all when it has a DEFAULT partition, which takes the rows no
other partition accepts). The dialect gives each bound as check text
(`Dialect.partition_bounds`), which then goes through the CHECK parser like any other check.
A partition whose bound cannot be said as a check (a HASH partition, a multi-column key) is
not filled on its own: its rows come through its parent, which routes each row itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection

from querynl.dialects.base import Dialect, PartitionBound
from querynl.schema import CheckInfo


@dataclass
class Partitions:
    checks: dict[str, list[CheckInfo]] = field(default_factory=dict)  # per table
    children: dict[str, list[str]] = field(default_factory=dict)  # partitions per partitioned table
    routed: set[str] = field(default_factory=set)  # partition tables filled only through the parent


def read_partitions(conn: Connection, dialect: Dialect) -> Partitions:
    listed = dialect.partition_bounds(conn)
    bounds = [_with_default(b, listed) for b in listed]
    children: dict[str, list[str]] = defaultdict(list)
    for bound in bounds:
        children[bound.parent].append(bound.partition)
    routed = {b.partition for b in bounds if b.condition is None} if dialect.partitions_are_tables else set()
    return Partitions(_checks(bounds), dict(children), routed)


def _with_default(bound: PartitionBound, bounds: list[PartitionBound]) -> PartitionBound:
    """A DEFAULT partition accepts the rows none of its siblings accepts."""
    if not bound.default:
        return bound
    siblings = [b for b in bounds if b.parent == bound.parent and b.partition != bound.partition]
    if not siblings or any(b.condition is None for b in siblings):
        return bound._replace(condition=None)
    others = " OR ".join(f"({b.condition})" for b in siblings)
    return bound._replace(condition=f"NOT ({others})")


def _checks(bounds: list[PartitionBound]) -> dict[str, list[CheckInfo]]:
    checks: dict[str, list[CheckInfo]] = defaultdict(list)
    parents: dict[str, list[str]] = defaultdict(list)
    unbounded = {b.parent for b in bounds if b.default}  # a DEFAULT partition takes any row
    for child, parent, condition, _default in bounds:
        if condition is None:
            continue
        checks[child].append(CheckInfo(name=f"partition bound of {child}", sqltext=condition))
        parents[parent].append(f"({condition})")
    for parent, conditions in parents.items():
        if parent not in unbounded:
            checks[parent].append(CheckInfo(name=f"partitions of {parent}", sqltext=" OR ".join(conditions)))
    return dict(checks)
