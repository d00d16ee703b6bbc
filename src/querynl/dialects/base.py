"""What a database is to QueryNL: one `Dialect` subclass per database, overriding only what differs.

The base class holds the behaviour most databases share; a subclass sets capability flags and
overrides a method or two, in the style of sqlglot's dialects. Nothing outside this package
branches on a database's name: it asks the dialect instead.
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy.engine import Connection

from querynl.loading.executor import BaseInsertionExecutor
from querynl.models import ForeignKeyConfig


class Dialect:
    name: ClassVar[str]  # SQLAlchemy's backend name: how the registry finds the dialect
    executor_class: ClassVar[type[BaseInsertionExecutor]]

    def executor(self, conn: Connection) -> BaseInsertionExecutor:
        """The insertion executor for a connection to this database."""
        return self.executor_class(conn)

    # ----- foreign keys that break a cycle ------------------------------------------------

    def postpone_check(self, conn: Connection, fk: ForeignKeyConfig) -> None:
        """Let rows reference parents inserted later in this transaction."""
        raise NotImplementedError

    def resume_check(self, conn: Connection) -> None:
        """Undo a postponement that outlives the transaction (a session setting)."""
