"""Partition bounds as CHECK-like rules, so rows land in an existing partition.

A partition accepts only rows inside its bound; the partitioned parent accepts rows inside
any partition's bound. The dialect gives each bound as check text (`Dialect.partition_bounds`,
PostgreSQL's only), which then goes through the CHECK parser like any other check.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.engine import Connection

from querynl.dialects.base import Dialect, PartitionBound
from querynl.schema import CheckInfo


def read_partitions(
    conn: Connection, dialect: Dialect
) -> tuple[dict[str, list[CheckInfo]], dict[str, list[str]]]:
    """(checks per table, partitions per partitioned table)."""
    bounds = dialect.partition_bounds(conn)
    children: dict[str, list[str]] = defaultdict(list)
    for bound in bounds:
        children[bound.parent].append(bound.partition)
    return _checks(bounds), dict(children)


def _checks(bounds: list[PartitionBound]) -> dict[str, list[CheckInfo]]:
    checks: dict[str, list[CheckInfo]] = defaultdict(list)
    parents: dict[str, list[str]] = defaultdict(list)
    for child, parent, condition in bounds:
        if condition is None:
            continue
        checks[child].append(CheckInfo(name=f"partition bound of {child}", sqltext=condition))
        parents[parent].append(f"({condition})")
    for parent, conditions in parents.items():
        sqltext = " OR ".join(conditions)
        checks[parent].append(CheckInfo(name=f"partitions of {parent}", sqltext=sqltext))
    return dict(checks)
