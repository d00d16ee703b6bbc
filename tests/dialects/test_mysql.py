"""MySQL/MariaDB: backslash escapes that follow NO_BACKSLASH_ESCAPES, multi-row INSERTs
(LOAD DATA LOCAL INFILE: tests/dialects/test_mysql_infile.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

import querynl.dialects.mysql as mysql_dialect
from querynl.dialects.mysql import SERVER_STATUS_NO_BACKSLASH_ESCAPES, MySQLCodec
from tests.databases import engine_for, executor_for
from tests.dialects.base import DEFAULT_LITERALS, DEFAULT_PARAMS, NO_ARRAYS, DialectTests, validate_all
from tests.loading.support import HOSTILE, ddl, fetch, insert

NO_BACKSLASH_ESCAPES = "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')"
BACKSLASHES = [("back\\slash", "'back\\\\slash'"), ("nul\0", "'nul\\0'"), ("\\'", "'\\\\'''")]
AS_WRITTEN = [("back\\slash", "'back\\slash'"), ("nul\0", "'nul\0'"), ("\\'", "'\\'''")]


class TestMySQL(DialectTests):
    name = "mysql"
    LITERALS = [*DEFAULT_LITERALS, *BACKSLASHES]
    REFUSED = NO_ARRAYS
    PARAMS = DEFAULT_PARAMS
    REFUSED_PARAMS = NO_ARRAYS

    def make_codec(self, server_status: int = 0) -> MySQLCodec:
        return MySQLCodec(SimpleNamespace(server_status=server_status))

    def test_literals_follow_the_server_status_of_the_last_reply(self) -> None:
        """The flag is read at each literal, so a change of sql_mode is followed at once."""
        driver = SimpleNamespace(server_status=SERVER_STATUS_NO_BACKSLASH_ESCAPES)
        codec = MySQLCodec(driver)
        validate_all(codec.literal, AS_WRITTEN)
        driver.server_status = 0
        validate_all(codec.literal, BACKSLASHES)

    @pytest.mark.parametrize("path", ["literal", "bulk"])
    def test_hostile_strings_with_no_backslash_escapes(self, engine: Engine, path: str) -> None:
        ddl(engine, "CREATE TABLE hostile (id INTEGER PRIMARY KEY, s TEXT)")
        rows = [(i, s) for i, s in enumerate(HOSTILE)]
        with engine.connect() as conn, conn.begin():
            conn.exec_driver_sql(NO_BACKSLASH_ESCAPES)  # before the executor is made
            executor = executor_for(conn)
            assert executor.backslash_escapes is False
            insert(executor, "hostile", ["id", "s"], rows, path)
            assert fetch(conn, "SELECT id, s FROM hostile ORDER BY id") == rows

    def test_multirow_inserts_follow_no_backslash_escapes(self, db_url: str, monkeypatch) -> None:
        """The multi-row INSERTs, split into several statements by max_allowed_packet, with the
        mode changed after the executor was made: literals must be escaped for the mode in force.
        The engine is made without the LOAD DATA LOCAL capability, so batches go as INSERTs."""
        engine = engine_for(db_url)
        try:
            self._multirow_inserts(engine, monkeypatch)
        finally:
            engine.dispose()

    def _multirow_inserts(self, engine: Engine, monkeypatch) -> None:
        sizes: list[int] = []
        packets = mysql_dialect._packets

        def spy(literals, room):
            for values in packets(literals, room):
                sizes.append(len(values.encode()))
                yield values

        monkeypatch.setattr(mysql_dialect, "_packets", spy)
        ddl(engine, "CREATE TABLE hostile (id INTEGER PRIMARY KEY, s TEXT)")
        rows = [(i, s) for i, s in enumerate(HOSTILE * 20)]
        for setting in (NO_BACKSLASH_ESCAPES, None):
            with engine.connect() as conn, conn.begin():
                executor = executor_for(conn)
                if setting:
                    conn.exec_driver_sql(setting)
                executor.max_statement_bytes = 2000  # several statements per batch
                conn.exec_driver_sql("DELETE FROM hostile")
                sizes.clear()
                insert(executor, "hostile", ["id", "s"], rows, "bulk")
                assert len(sizes) > 1 and max(sizes) <= 2000
                assert executor.paths_used == ["multi-row INSERT (LOAD DATA LOCAL off in the client)"]
                assert fetch(conn, "SELECT id, s FROM hostile ORDER BY id") == rows
