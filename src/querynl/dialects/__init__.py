"""The databases QueryNL speaks, one `Dialect` each, registered by SQLAlchemy backend name."""

from __future__ import annotations

import difflib

from querynl.dialects.base import Dialect
from querynl.dialects.mysql import MySQL
from querynl.dialects.postgresql import PostgreSQL
from querynl.dialects.sqlite import SQLite

DIALECTS: dict[str, type[Dialect]] = {d.name: d for d in (SQLite, PostgreSQL, MySQL)}


def dialect_for(name: str) -> Dialect:
    """The dialect registered under SQLAlchemy's backend name (``conn.dialect.name``)."""
    try:
        return DIALECTS[name]()
    except KeyError:
        close = difflib.get_close_matches(name, list(DIALECTS), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise ValueError(f"QueryNL does not support the database '{name}'.{hint}") from None


__all__ = ["DIALECTS", "Dialect", "dialect_for"]
