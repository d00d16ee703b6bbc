"""The databases QueryNL speaks, one `Dialect` each, registered by SQLAlchemy backend name.

Adding a database is one module with a `Dialect` subclass (and its executor and codec),
plus its line in `DIALECTS` below.
"""

from __future__ import annotations

import difflib

from sqlalchemy.engine import URL

from querynl.dialects.base import Dialect, PartitionBound
from querynl.dialects.mysql import MySQL
from querynl.dialects.postgresql import PostgreSQL
from querynl.dialects.sqlite import SQLite

DIALECTS: dict[str, type[Dialect]] = {d.name: d for d in (SQLite, PostgreSQL, MySQL)}
# Every dialect's sqlglot reader, in registry order: a check text that one cannot parse is
# tried with the others.
SQLGLOT_READERS: tuple[str, ...] = tuple(dict.fromkeys(d.sqlglot_name for d in DIALECTS.values()))


def dialect_for(name: str) -> Dialect:
    """The dialect registered under SQLAlchemy's backend name (``conn.dialect.name``)."""
    try:
        return DIALECTS[name]()
    except KeyError:
        close = difflib.get_close_matches(name, list(DIALECTS), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise ValueError(f"QueryNL does not support the database '{name}'.{hint}") from None


def dialect_for_url(url: URL) -> Dialect | None:
    """The dialect a URL is for: by bare scheme (``postgres://``) or backend name; None if
    QueryNL does not support it."""
    for cls in DIALECTS.values():
        if url.drivername in cls.url_schemes or url.get_backend_name() == cls.name:
            return cls()
    return None


__all__ = ["DIALECTS", "SQLGLOT_READERS", "Dialect", "PartitionBound", "dialect_for", "dialect_for_url"]
