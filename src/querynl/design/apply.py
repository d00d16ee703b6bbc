"""Applying checked DDL to the connected database: refused whole when a table it creates
exists already; otherwise all of it or none (how, the database's Dialect decides)."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from querynl.design.ddl import DDLRejected, DDLStatement
from querynl.dialects import dialect_for
from querynl.errors import describe_failure


def apply_ddl(engine: Engine, statements: list[DDLStatement]) -> list[str]:
    """Run `statements`; the tables created. DDLRejected (one line) when nothing was created."""
    with engine.connect() as conn:
        existing = {name.lower() for name in inspect(conn).get_table_names()}
    clash = next((s.creates for s in statements if s.creates and s.creates.lower() in existing), None)
    if clash is not None:
        raise DDLRejected(f"Table '{clash}' already exists; nothing was created.")
    try:
        dialect_for(engine.dialect.name).create_schema(engine, [(s.sql, s.creates) for s in statements])
    except SQLAlchemyError as exc:
        reason = describe_failure(exc)
        raise DDLRejected(f"The database refused the DDL ({reason}); nothing was created.") from None
    return [s.creates for s in statements if s.creates]
