"""Rejected rows leave the key pools; a self-reference to a rejected row is re-pointed."""

from __future__ import annotations

import random

from querynl.pipeline.rejections import Rejections
from querynl.schema import ColumnInfo, TableInfo
from querynl.synthesis.key_pools import KeyPool


def _keys(pool: KeyPool) -> list:
    return [pool.get(i) for i in range(len(pool))]


def test_discard_splits_a_range():
    pool = KeyPool()
    pool.add_keys([(i,) for i in range(1, 11)])
    pool.discard({(3,), (4,), (10,), (99,)})
    assert _keys(pool) == [(i,) for i in (1, 2, 5, 6, 7, 8, 9)]
    assert all(k in {1, 2, 5, 6, 7, 8, 9} for k in pool.sample(random.Random(1), 50))
    pool.add_keys([(11,), (12,)])
    assert _keys(pool)[-2:] == [(11,), (12,)]


def test_discard_from_lists_and_existing_rows():
    pool = KeyPool([("a", 1), ("b", 2)])
    pool.add_keys([("c", 3), ("d", 4)])
    pool.discard({("b", 2), ("c", 3)})
    assert _keys(pool) == [("a", 1), ("d", 4)]
    pool.discard({("a", 1), ("d", 4)})
    assert len(pool) == 0 and pool.pick(random.Random(0)) is None


class _Registry:
    def __init__(self) -> None:
        self.discarded: list = []

    def discard(self, table, columns, rows) -> None:  # noqa: ANN001
        self.discarded.append((table, columns, rows))


class _Key:
    def __init__(self, columns, referenced_table, referenced_columns) -> None:  # noqa: ANN001
        self.columns = columns
        self.referenced_table = referenced_table
        self.referenced_columns = referenced_columns


def _table(nullable: bool) -> TableInfo:
    columns = [
        ColumnInfo(name="id", type_name="INTEGER", kind="integer", nullable=False),
        ColumnInfo(name="parent_id", type_name="INTEGER", kind="integer", nullable=nullable),
    ]
    return TableInfo(name="nodes", columns=columns, primary_key=["id"])


def test_self_reference_to_a_rejected_row_is_repointed():
    for nullable, fixed in ((True, (4, None)), (False, (4, 4))):
        registry = _Registry()
        feedback = Rejections(
            registry, _table(nullable), ["id", "parent_id"], [_Key(["parent_id"], "nodes", ["id"])]
        )
        rows = [(1, None), (2, 1), (3, 2), (4, 3)]
        assert feedback.repair(rows) is rows  # nothing rejected yet: untouched
        feedback.rejected((3, 2))
        assert feedback.repair(rows) == [(1, None), (2, 1), (3, 2), fixed]
        feedback.finish()
        assert registry.discarded == [("nodes", ["id", "parent_id"], [(3, 2)])]
