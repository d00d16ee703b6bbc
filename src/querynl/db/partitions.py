"""PostgreSQL partition bounds as CHECK-like rules, so rows land in an existing partition.

A partition accepts only rows inside its bound; the partitioned parent accepts rows inside
any partition's bound. Both are expressed as check text and go through the CHECK parser.
"""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import text
from sqlalchemy.engine import Connection

from querynl.schema import CheckInfo

_QUERY = text(
    """
    SELECT child.relname, parent.relname,
           pg_get_expr(child.relpartbound, child.oid), pg_get_partkeydef(parent.oid)
    FROM pg_inherits i
    JOIN pg_class child ON child.oid = i.inhrelid
    JOIN pg_class parent ON parent.oid = i.inhparent
    WHERE child.relispartition AND child.relnamespace = current_schema()::regnamespace
    """
)
_KEY = re.compile(r"^(RANGE|LIST)\s*\(\s*([A-Za-z_][\w$]*|\"[^\"]+\")\s*\)$", re.I)
_RANGE = re.compile(r"^FOR VALUES FROM \((.+)\) TO \((.+)\)$", re.I | re.S)
_LIST = re.compile(r"^FOR VALUES IN \((.+)\)$", re.I | re.S)


def read_partitions(conn: Connection) -> tuple[dict[str, list[CheckInfo]], dict[str, list[str]]]:
    """(checks per table, partitions per partitioned table)."""
    if conn.dialect.name != "postgresql":
        return {}, {}
    rows = list(conn.execute(_QUERY))
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent, _bound, _keydef in rows:
        children[parent].append(child)
    return _checks(rows), dict(children)


def _checks(rows) -> dict[str, list[CheckInfo]]:
    checks: dict[str, list[CheckInfo]] = defaultdict(list)
    parents: dict[str, list[str]] = defaultdict(list)
    for child, parent, bound, keydef in rows:
        condition = _condition(keydef or "", bound or "")
        if condition is None:
            continue
        checks[child].append(CheckInfo(name=f"partition bound of {child}", sqltext=condition))
        parents[parent].append(f"({condition})")
    for parent, conditions in parents.items():
        sqltext = " OR ".join(conditions)
        checks[parent].append(CheckInfo(name=f"partitions of {parent}", sqltext=sqltext))
    return dict(checks)


def _condition(keydef: str, bound: str) -> str | None:
    key = _KEY.match(keydef.strip())
    if key is None:
        return None  # hash or multi-column keys: rows are still attempted
    column = key.group(2)
    if match := _RANGE.match(bound.strip()):
        parts = [f"{column} >= {match.group(1)}"] if "MINVALUE" not in match.group(1).upper() else []
        parts += [f"{column} < {match.group(2)}"] if "MAXVALUE" not in match.group(2).upper() else []
        return " AND ".join(parts) or None
    if match := _LIST.match(bound.strip()):
        return f"{column} IN ({match.group(1)})"
    return None
