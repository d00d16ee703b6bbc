"""The executor tells its caller which rows the database rejected, and lets it rewrite a row
before it is tried (the pipeline uses both to keep children off rejected parents)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

from querynl.db.engine import make_engine
from querynl.loading.executor import RowFeedback
from tests.databases import executor_for
from tests.loading.support import batches, fetch, parent_child


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


class _Recorder(RowFeedback):
    """Rejects nothing itself; rewrites an orphan's parent to 1 once it has seen one fail."""

    def __init__(self) -> None:
        self.rejected_rows: list[tuple] = []

    def rejected(self, row) -> None:  # noqa: ANN001
        self.rejected_rows.append(tuple(row))

    def repair(self, rows):  # noqa: ANN001
        if not self.rejected_rows:
            return rows
        return [(r[0], r[1], 1) if r[2] == 999 else r for r in rows]


def test_rejected_rows_are_reported_and_later_rows_repaired(engine):
    parent_child(engine)
    rows = [(i, f"user{i}@example.com", 1 + i % 3) for i in range(1, 21)]
    rows[4] = (5, "user5@example.com", 999)  # an orphan: rejected, reported
    rows[15] = (16, "user16@example.com", 999)  # an orphan after it: repaired before it is tried
    feedback = _Recorder()
    with engine.connect() as conn, conn.begin():
        result = executor_for(conn).execute_insertion(
            "child", ["id", "email", "parent_id"], batches(rows, 20), requested=20, feedback=feedback
        )
        stored = dict(fetch(conn, "SELECT id, parent_id FROM child"))
    assert (result.inserted, result.failed) == (19, 1)
    assert feedback.rejected_rows == [(5, "user5@example.com", 999)]
    assert 5 not in stored and stored[16] == 1
