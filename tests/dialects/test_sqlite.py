"""SQLite: the codec's defaults, foreign keys switched on for every connection."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from tests.dialects.base import DEFAULT_LITERALS, DEFAULT_PARAMS, NO_ARRAYS, DialectTests
from tests.loading.support import ddl


class TestSQLite(DialectTests):
    name = "sqlite"
    LITERALS = [*DEFAULT_LITERALS, ("back\\slash", "'back\\slash'")]
    REFUSED = NO_ARRAYS
    PARAMS = DEFAULT_PARAMS
    REFUSED_PARAMS = NO_ARRAYS

    def test_every_connection_enforces_foreign_keys(self, engine: Engine) -> None:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1

    def test_savepoints_work_inside_the_transaction(self, engine: Engine) -> None:
        ddl(engine, "CREATE TABLE t (id INTEGER PRIMARY KEY)")
        with engine.connect() as conn, conn.begin():
            conn.exec_driver_sql("INSERT INTO t (id) VALUES (1)")
            conn.exec_driver_sql("SAVEPOINT sp")
            conn.exec_driver_sql("INSERT INTO t (id) VALUES (2)")
            conn.exec_driver_sql("ROLLBACK TO SAVEPOINT sp")
            conn.exec_driver_sql("RELEASE SAVEPOINT sp")
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT id FROM t").scalars().all() == [1]
