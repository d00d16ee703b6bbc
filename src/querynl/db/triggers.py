"""Tables that INSERT triggers of other tables write to.

A row inserted into `film` may make a trigger insert into `film_text`; `film_text` should
then be filled after `film`, so its new keys start after the rows the trigger wrote. The
dialect lists the trigger bodies (`Dialect.trigger_bodies`); this module reads their INSERTs.
"""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy.engine import Connection

from querynl.dialects.base import Dialect
from querynl.schema import qualified_name

_INSERT_INTO = re.compile(
    r"\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+(?:[`\"\[]?(\w+)[`\"\]]?\.)?[`\"\[]?(\w+)", re.I
)


def trigger_targets(conn: Connection, dialect: Dialect) -> dict[str, set[str]]:
    """{written table: {tables whose INSERT triggers write it}}, named as
    `querynl.schema.qualified_name` does (an unqualified target is in the default schema)."""
    default = conn.dialect.default_schema_name
    writers: dict[str, set[str]] = defaultdict(set)
    for source, body in dialect.trigger_bodies(conn):
        for schema, name in _INSERT_INTO.findall(body):
            target = qualified_name(schema or None, name, default)
            if target != source:
                writers[target].add(source)
    return dict(writers)
