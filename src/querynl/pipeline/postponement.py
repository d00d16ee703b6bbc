"""When the foreign keys that break a cycle are postponed, and for how long.

Most databases postpone one key at a time (PostgreSQL's SET CONSTRAINTS, MySQL's
FOREIGN_KEY_CHECKS around one table's inserts). SQLite's `defer_foreign_keys` postpones every
key of the connection, so it is kept only from the first table whose key is postponed to the
last parent those keys wait for; then every key of those tables is verified
(`PRAGMA foreign_key_check`) and checks are immediate again, so a later bad row is still
rejected row by row, and COMMIT never finds a violation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Connection

from querynl.dialects import Dialect
from querynl.loading.deferred_keys import DeferredKeyError
from querynl.models import DataGenerationPlan
from querynl.schema import TableLocation, default_location


class Postponement:
    def __init__(
        self,
        conn: Connection,
        dialect: Dialect,
        plan: DataGenerationPlan,
        locate: Callable[[str], TableLocation] = default_location,
    ) -> None:
        self.conn = conn
        self.dialect = dialect
        self.plan = plan
        self.locate = locate  # a table's (schema, name): its constraints are in its schema
        order = plan.insertion_order
        self.postponed = [
            (config.table_name, fk)
            for config in plan.tables
            for fk in config.foreign_keys
            if fk.mode == "deferred_check"
        ]
        ends = [order.index(t) for t, fk in self.postponed]
        ends += [order.index(fk.referenced_table) for _, fk in self.postponed]
        self.span = order[min(ends) : max(ends) + 1] if ends else []
        self.baseline: set[tuple] = set()

    @contextmanager
    def around(self, name: str) -> Iterator[None]:
        """Insert table `name` with whatever postponement it needs."""
        dialect, conn = self.dialect, self.conn
        if not dialect.postpones_whole_connection:
            with self._one_table(name):
                yield
            return
        if self.span and name == self.span[0]:
            self.baseline = set(dialect.postponed_violations(conn, self.span))
            dialect.postpone_check(conn, self.postponed[0][1])  # reset by commit or rollback
        yield
        if self.span and name == self.span[-1]:
            self._close()

    def _close(self) -> None:
        dialect, conn = self.dialect, self.conn
        found = [v for v in dialect.postponed_violations(conn, self.span) if tuple(v) not in self.baseline]
        if found:
            raise DeferredKeyError(_describe(found))
        dialect.resume_check(conn)

    @contextmanager
    def _one_table(self, name: str) -> Iterator[None]:
        """Let the table's cycle keys reference parents inserted later in the transaction."""
        postponed = [fk for fk in self.plan.table(name).foreign_keys if fk.mode == "deferred_check"]
        schema, _ = self.locate(name)
        for fk in postponed:
            self.dialect.postpone_check(self.conn, fk, schema)
        try:
            yield
        finally:
            if postponed:  # a session setting on MySQL: restore it even when the run fails
                self.dialect.resume_check(self.conn)


def _describe(violations: list[tuple]) -> str:
    counts = Counter((v[0], v[2]) for v in violations)
    parts = [f"{n} rows of {table} reference missing {parent} rows" for (table, parent), n in counts.items()]
    return "; ".join(parts) + "; nothing was written"
