"""Checks a test makes on a database after a run, all through SQL."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import Connection, Engine

from querynl.db.engine import normalize_url


def engine_for(url: str) -> Engine:
    return create_engine(normalize_url(url))


@contextmanager
def connected(url: str) -> Iterator[tuple[Engine, Connection]]:
    """A connection to `url`, its engine disposed afterwards (no pooled connection lingers
    to block the test database's DROP)."""
    engine = engine_for(url)
    try:
        with engine.connect() as conn:
            yield engine, conn
    finally:
        engine.dispose()


def q(engine: Engine, name: str) -> str:
    return engine.dialect.identifier_preparer.quote(name)


def row_counts(url: str) -> dict[str, int]:
    with connected(url) as (engine, conn):
        return {
            t: conn.exec_driver_sql(f"SELECT COUNT(*) FROM {q(engine, t)}").scalar_one()
            for t in inspect(conn).get_table_names()
        }


def orphan_foreign_keys(url: str) -> dict[str, int]:
    """For every FK, the child rows whose non-NULL key has no parent row (by a LEFT JOIN)."""
    found = {}
    with connected(url) as (engine, conn):
        insp = inspect(conn)
        for table in insp.get_table_names():
            for fk in insp.get_foreign_keys(table):
                cols, refs = fk["constrained_columns"], fk["referred_columns"]
                on = " AND ".join(
                    f"c.{q(engine, a)} = p.{q(engine, b)}" for a, b in zip(cols, refs, strict=True)
                )
                not_null = " AND ".join(f"c.{q(engine, a)} IS NOT NULL" for a in cols)
                sql = (
                    f"SELECT COUNT(*) FROM {q(engine, table)} c LEFT JOIN "
                    f"{q(engine, fk['referred_table'])} p ON {on} "
                    f"WHERE {not_null} AND p.{q(engine, refs[0])} IS NULL"
                )
                found[f"{table}({','.join(cols)})"] = conn.exec_driver_sql(sql).scalar_one()
    return found


def duplicate_unique_values(url: str) -> dict[str, int]:
    """For every PK, unique constraint and unique index: groups of rows sharing a key."""
    found = {}
    with connected(url) as (engine, conn):
        insp = inspect(conn)
        for table in insp.get_table_names():
            sets = [insp.get_pk_constraint(table)["constrained_columns"]]
            sets += [u["column_names"] for u in insp.get_unique_constraints(table)]
            sets += [i["column_names"] for i in insp.get_indexes(table) if i.get("unique")]
            for cols in filter(None, sets):
                cs = ", ".join(q(engine, c) for c in cols)
                nn = " AND ".join(f"{q(engine, c)} IS NOT NULL" for c in cols)
                sql = (
                    f"SELECT COUNT(*) FROM (SELECT {cs} FROM {q(engine, table)} WHERE {nn} "
                    f"GROUP BY {cs} HAVING COUNT(*) > 1) d"
                )
                found[f"{table}({','.join(cols)})"] = conn.exec_driver_sql(sql).scalar_one()
    return found


def table_contents(url: str) -> dict[str, list[tuple]]:
    with connected(url) as (engine, conn):
        out = {}
        for table in inspect(conn).get_table_names():
            rows = conn.exec_driver_sql(f"SELECT * FROM {q(engine, table)}").fetchall()
            out[table] = sorted(tuple(map(repr, r)) for r in rows)
        return out


@dataclass
class CliRun:
    status: int
    stdout: str
    stderr: str

    @property
    def summary(self) -> dict:
        return json.loads(self.stdout.strip().splitlines()[-1])


def querynl(*args: str, stdin: str | None = None, cwd=None, timeout: float = 300) -> CliRun:
    proc = subprocess.run(
        [sys.executable, "-m", "querynl", *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env=_env(),
    )
    return CliRun(proc.returncode, proc.stdout, proc.stderr)


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.pop("OPENAI_API_KEY", None)  # tests run offline
    env["COLUMNS"] = "200"
    return env
