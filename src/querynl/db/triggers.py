"""Tables that INSERT triggers of other tables write to.

A row inserted into `film` may make a trigger insert into `film_text`; `film_text` should
then be filled after `film`, so its new keys start after the rows the trigger wrote.
"""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import text
from sqlalchemy.engine import Connection

_QUERIES = {
    "mysql": "SELECT EVENT_OBJECT_TABLE, ACTION_STATEMENT FROM information_schema.TRIGGERS "
    "WHERE TRIGGER_SCHEMA = DATABASE() AND EVENT_MANIPULATION = 'INSERT'",
    "sqlite": "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%INSERT%ON%'",
    "postgresql": "SELECT c.relname, p.prosrc FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
    "JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal "
    "AND c.relnamespace = current_schema()::regnamespace AND (t.tgtype & 4) <> 0",
}
_INSERT_INTO = re.compile(r"\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+(?:[`\"\[]?\w+[`\"\]]?\.)?[`\"\[]?(\w+)", re.I)


def trigger_targets(conn: Connection) -> dict[str, set[str]]:
    """{written table: {tables whose INSERT triggers write it}}."""
    query = _QUERIES.get(conn.dialect.name)
    if query is None:
        return {}
    writers: dict[str, set[str]] = defaultdict(set)
    for source, body in conn.execute(text(query)):
        for target in _INSERT_INTO.findall(body or ""):
            if target != source:
                writers[target].add(source)
    return dict(writers)
