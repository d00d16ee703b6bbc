"""Foreign keys that break a cycle: checks postponed within the transaction, values set by
UPDATE once the parent rows exist, and a verification before commit."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Select, TableClause, and_, bindparam, column, func, select, table, update
from sqlalchemy.engine import Connection

from querynl.errors import QueryNLError
from querynl.models import ForeignKeyConfig
from querynl.schema import TableLocation, default_location


class DeferredKeyError(QueryNLError):
    """A postponed foreign key still points nowhere: the run is rolled back."""


Locate = Callable[[str], TableLocation]  # a table's (schema, name): SchemaMetadata.locate


def apply_updates(
    conn: Connection,
    table_name: str,
    fk: ForeignKeyConfig,
    key_columns: list[str],
    rows: list[tuple],
    locate: Locate = default_location,
) -> None:
    """rows: (fk values..., key values...) per child row."""
    if not rows:
        return
    names = [f"v{i}" for i in range(len(fk.columns))]
    keys = [f"k{i}" for i in range(len(key_columns))]
    target = _table(locate(table_name), [*fk.columns, *key_columns])
    statement = (
        update(target)
        .where(and_(*(target.c[c] == bindparam(k) for c, k in zip(key_columns, keys, strict=True))))
        .values({c: bindparam(n) for c, n in zip(fk.columns, names, strict=True)})
    )
    params = [dict(zip([*names, *keys], row, strict=True)) for row in rows]
    conn.execute(statement, params)


def _table(where: TableLocation, columns: list[str]) -> TableClause:
    schema, name = where
    return table(name, *(column(c) for c in columns), schema=schema)


def count_orphans(
    conn: Connection, table_name: str, fk: ForeignKeyConfig, locate: Locate = default_location
) -> int:
    query = _orphans(table_name, fk.columns, fk.referenced_table, fk.referenced_columns, locate)
    return conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()


def orphan_sample(
    conn: Connection,
    table_name: str,
    columns: list[str],
    parent: str,
    parent_columns: list[str],
    locate: Locate = default_location,
    limit: int = 5,
) -> tuple[int, list[tuple]]:
    """(how many rows of the table reference no parent row, up to `limit` of their keys)."""
    query = _orphans(table_name, columns, parent, parent_columns, locate)
    count = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    sample = [tuple(row) for row in conn.execute(query.distinct().limit(limit))] if count else []
    return count, sample


def _orphans(
    table_name: str, columns: list[str], parent_name: str, parent_columns: list[str], locate: Locate
) -> Select:
    """The referencing values of the table's rows whose parent row does not exist."""
    child = _table(locate(table_name), columns).alias("c")
    parent = _table(locate(parent_name), parent_columns).alias("p")
    joined = child.outerjoin(
        parent, and_(*(child.c[a] == parent.c[b] for a, b in zip(columns, parent_columns, strict=True)))
    )
    return (
        select(*(child.c[a] for a in columns))
        .select_from(joined)
        .where(and_(*(child.c[a].isnot(None) for a in columns)))
        .where(parent.c[parent_columns[0]].is_(None))
    )


def verify(
    conn: Connection, table_name: str, fk: ForeignKeyConfig, locate: Locate = default_location
) -> None:
    orphans = count_orphans(conn, table_name, fk, locate)
    if orphans:
        raise DeferredKeyError(
            f"{orphans} rows of {table_name} reference missing {fk.referenced_table} rows "
            f"({', '.join(fk.columns)}); nothing was written"
        )
