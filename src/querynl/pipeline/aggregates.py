"""Totals set to the sum of their lines (models.SumOfChildren) once every table is inserted,
in the run's transaction, on the run's own rows: the statements come from loading/sums.py;
this runs them, the deepest parent first (a line's own total is set before it is summed),
each link under a savepoint, and writes them to the SQL export.

A row whose sum the column cannot hold (its precision, a CHECK such as `total > 0` for a
parent without lines, which would get 0) keeps its generated value; a note ("orders: total:
...", in `notes`, the run's result's) says how many. A link the database refuses whole (a CHECK
not understood, a trigger) leaves its rows as generated, with a note, and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.dml import Update

from querynl.dialects import Dialect
from querynl.loading.executor import first_line
from querynl.loading.sums import SumStatements, limits
from querynl.models import DataGenerationPlan, SumOfChildren
from querynl.schema import SchemaMetadata
from querynl.synthesis.key_registry import KeyRegistry

SAVEPOINT = "qnl_sums"
Write = Callable[[str], None]


def sum_links(plan: DataGenerationPlan) -> list[tuple[str, SumOfChildren]]:
    """(parent table, link) of every sum, parents inserted last first."""
    position = {name: i for i, name in enumerate(plan.insertion_order)}
    found = [
        (config.table_name, link)
        for config in plan.tables
        for link in config.links
        if isinstance(link, SumOfChildren)
    ]
    return sorted(found, key=lambda item: -position.get(item[0], 0))


@dataclass
class Sums:
    conn: Connection
    dialect: Dialect
    schema: SchemaMetadata
    plan: DataGenerationPlan
    registry: KeyRegistry
    literal: Callable[[object], str]  # the executor's literal writer, for the SQL export
    notes: list[str] = field(default_factory=list)  # "table: what was left as generated"

    def export(self, write: Write) -> None:
        """Write the UPDATEs as SQL, without running them."""
        for table, link in sum_links(self.plan):
            for statement in self._statements(table, link, literal=True):
                write(self._sql(statement))

    def apply(self, write: Write | None = None) -> None:
        """Run the UPDATEs (and write each to `write`, the SQL echo of a run)."""
        for table, link in sum_links(self.plan):
            rows = len(self.registry.generated(table, [link.parent_key]))
            if not rows:
                continue
            self.conn.exec_driver_sql(f"SAVEPOINT {SAVEPOINT}")
            try:
                updated = self._run(table, link, write)
            except DBAPIError as exc:
                self.conn.exec_driver_sql(f"ROLLBACK TO SAVEPOINT {SAVEPOINT}")
                reason = first_line(exc.orig or exc)[:200]
                self._note(table, f"{link.column}: left as generated, the database refused ({reason})")
                continue
            finally:
                self.conn.exec_driver_sql(f"RELEASE SAVEPOINT {SAVEPOINT}")
            if updated < rows:
                self._note(table, _kept(link, rows - updated, rows))

    def _run(self, table: str, link: SumOfChildren, write: Write | None) -> int:
        updated = 0
        shown = self._statements(table, link, literal=True)
        for statement, literal in zip(self._statements(table, link, literal=False), shown, strict=True):
            if write is not None:
                write(self._sql(literal))
            updated += max(self.conn.execute(statement).rowcount, 0)
        return updated

    def _statements(self, table: str, link: SumOfChildren, literal: bool) -> Iterator[Update]:
        builder = SumStatements(
            link,
            self.schema.locate(table),
            self.schema.locate(link.child_table),
            limits(self.schema.table(table), link.column),
            self.dialect,
            self.literal if literal else None,
        )
        return builder.statements(self.registry.generated(table, [link.parent_key]).segments())

    def _sql(self, statement: Update) -> str:
        compiled = statement.compile(dialect=self.conn.dialect, compile_kwargs={"literal_binds": True})
        return f"{compiled};"

    def _note(self, table: str, note: str) -> None:
        self.notes.append(f"{table}: {note}")


def _kept(link: SumOfChildren, kept: int, rows: int) -> str:
    return (
        f"{link.column}: {kept:,} of {rows:,} rows keep their generated value: the sum of their"
        f" {link.child_table} (0 without any) breaks a CHECK or the column's type"
    )
