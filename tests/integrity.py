"""Checks a test makes on a database after a run, all through SQL; and the CLI run as a user
runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Inspector, inspect
from sqlalchemy.engine import Engine

from tests.databases import connected, q

__all__ = [
    "CliRun",
    "Table",
    "all_tables",
    "assert_integrity",
    "assert_no_orphans",
    "cli_env",
    "duplicate_unique_values",
    "foreign_key_violations",
    "orphan_foreign_keys",
    "querynl",
    "row_counts",
    "table_contents",
]

# -> (label, COUNT query)
Counts = Callable[[Engine, Inspector, "Table"], Iterable[tuple[str, str]]]
# PostgreSQL's schemas of its own; every other schema of a PostgreSQL database is checked.
_USER_SCHEMAS = "SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'"
# Tables an extension owns (PostGIS's spatial_ref_sys, topology's): never the user's to fill.
_EXTENSION_TABLES = (
    "SELECT n.nspname, c.relname FROM pg_depend d JOIN pg_class c ON d.classid = 'pg_class'::regclass "
    "AND d.objid = c.oid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE d.deptype = 'e'"
)


@dataclass(frozen=True)
class Table:
    """One table as the checks see it: its schema (None: the default one), its name, and
    its label: the name, qualified by the schema outside the default one."""

    schema: str | None
    name: str

    @property
    def label(self) -> str:
        return self.name if self.schema is None else f"{self.schema}.{self.name}"

    def sql(self, engine: Engine) -> str:
        return (
            q(engine, self.name)
            if self.schema is None
            else f"{q(engine, self.schema)}.{q(engine, self.name)}"
        )

    def referred(self, fk: dict, default: str | None) -> Table:
        """The table a reflected foreign key of this one refers to: the inspector leaves out
        the schema of a table on the search path (the tests' is the default one)."""
        schema = fk.get("referred_schema")
        return Table(None if schema == default else schema, fk["referred_table"])


def all_tables(conn) -> list[Table]:
    """The default schema's tables and, on PostgreSQL, every other user schema's (but the
    tables an extension owns)."""
    insp = inspect(conn)
    default = insp.default_schema_name  # by name: PostgreSQL's None lists the whole search path
    tables = [Table(None, t) for t in insp.get_table_names(schema=default)]
    if conn.dialect.name != "postgresql":
        return tables
    others = sorted(s for s in conn.exec_driver_sql(_USER_SCHEMAS).scalars() if s != default)
    tables += [Table(s, t) for s in others for t in insp.get_table_names(schema=s)]
    owned = {(s, t) for s, t in conn.exec_driver_sql(_EXTENSION_TABLES)}
    return [t for t in tables if ((t.schema or default), t.name) not in owned]


def _counts(url: str, queries: Counts) -> dict[str, int]:
    """For each table, run the COUNT(*) queries `queries(engine, inspector, table)` gives;
    the counts by their labels."""
    found = {}
    with connected(url) as (engine, conn):
        insp = inspect(conn)
        for table in all_tables(conn):
            for label, sql in queries(engine, insp, table):
                found[label] = conn.exec_driver_sql(sql).scalar_one()
    return found


def row_counts(url: str) -> dict[str, int]:
    return _counts(url, lambda engine, _insp, t: [(t.label, f"SELECT COUNT(*) FROM {t.sql(engine)}")])


def orphan_foreign_keys(url: str) -> dict[str, int]:
    """For every FK, the child rows whose non-NULL key has no parent row (by a LEFT JOIN)."""

    def queries(engine: Engine, insp: Inspector, table: Table) -> Iterable[tuple[str, str]]:
        for fk in insp.get_foreign_keys(table.name, schema=table.schema):
            cols, refs = fk["constrained_columns"], fk["referred_columns"]
            on = " AND ".join(f"c.{q(engine, a)} = p.{q(engine, b)}" for a, b in zip(cols, refs, strict=True))
            not_null = " AND ".join(f"c.{q(engine, a)} IS NOT NULL" for a in cols)
            parent = table.referred(fk, insp.default_schema_name)
            sql = (
                f"SELECT COUNT(*) FROM {table.sql(engine)} c LEFT JOIN {parent.sql(engine)} p ON {on} "
                f"WHERE {not_null} AND p.{q(engine, refs[0])} IS NULL"
            )
            yield f"{table.label}({','.join(cols)})", sql

    return _counts(url, queries)


def duplicate_unique_values(url: str) -> dict[str, int]:
    """For every PK, unique constraint and unique index: groups of rows sharing a key."""

    def queries(engine: Engine, insp: Inspector, table: Table) -> Iterable[tuple[str, str]]:
        name, schema = table.name, table.schema
        sets = [insp.get_pk_constraint(name, schema=schema)["constrained_columns"]]
        sets += [u["column_names"] for u in insp.get_unique_constraints(name, schema=schema)]
        sets += [i["column_names"] for i in insp.get_indexes(name, schema=schema) if i.get("unique")]
        for cols in filter(None, sets):
            cs = ", ".join(q(engine, c) for c in cols)
            nn = " AND ".join(f"{q(engine, c)} IS NOT NULL" for c in cols)
            sql = (
                f"SELECT COUNT(*) FROM (SELECT {cs} FROM {table.sql(engine)} WHERE {nn} "
                f"GROUP BY {cs} HAVING COUNT(*) > 1) d"
            )
            yield f"{table.label}({','.join(cols)})", sql

    return _counts(url, queries)


def foreign_key_violations(url: str) -> list[tuple]:
    """SQLite's own foreign-key check (PRAGMA foreign_key_check); the servers enforce theirs."""
    with connected(url) as (engine, conn):
        if engine.dialect.name != "sqlite":
            return []
        return [tuple(r) for r in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()]


def assert_no_orphans(url: str) -> None:
    orphans = {k: v for k, v in orphan_foreign_keys(url).items() if v}
    assert not orphans, orphans
    assert foreign_key_violations(url) == []


def assert_integrity(url: str) -> None:
    """No orphan foreign keys, no duplicated unique keys."""
    assert_no_orphans(url)
    duplicates = {k: v for k, v in duplicate_unique_values(url).items() if v}
    assert not duplicates, duplicates


def table_contents(url: str) -> dict[str, list[tuple]]:
    with connected(url) as (engine, conn):
        out = {}
        for table in all_tables(conn):
            rows = conn.exec_driver_sql(f"SELECT * FROM {table.sql(engine)}").fetchall()
            out[table.label] = sorted(tuple(map(repr, r)) for r in rows)
        return out


@dataclass
class CliRun:
    status: int
    stdout: str
    stderr: str

    @property
    def summary(self) -> dict:
        return json.loads(self.stdout.strip().splitlines()[-1])


def cli_env(columns: int = 200, **extra: str) -> dict[str, str]:
    """The environment the CLI runs in under test: offline (no OPENAI_API_KEY nor
    OPENAI_BASE_URL: the planner is the rules) and a console `columns` wide."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    return env | {"COLUMNS": str(columns), **extra}


def querynl(
    *args: str, stdin: str | None = None, cwd=None, timeout: float = 300, columns: int = 200
) -> CliRun:
    """`python -m querynl ARGS` to completion, `stdin` piped in (empty by default)."""
    proc = subprocess.run(
        [sys.executable, "-m", "querynl", *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env=cli_env(columns),
    )
    return CliRun(proc.returncode, proc.stdout, proc.stderr)
