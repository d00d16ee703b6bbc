"""The names completion offers: tables and their columns (reread after DDL and `\\c`), SQL
keywords (sqlglot's) and backslash commands (the registry's)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlglot.tokens import Tokenizer

from querynl.db.introspection import chosen_schemas
from querynl.dialects import dialect_for
from querynl.schema import qualified_name

KEYWORDS: tuple[str, ...] = tuple(
    sorted({word for word in Tokenizer.KEYWORDS if word.replace(" ", "").isalpha() and " " not in word})
)


@dataclass
class CompletionMetadata:
    columns: dict[str, list[str]] = field(default_factory=dict)  # {table as QueryNL names it: columns}
    commands: list[str] = field(default_factory=list)
    keywords: tuple[str, ...] = KEYWORDS

    @property
    def tables(self) -> list[str]:
        return list(self.columns)

    def columns_of(self, tables: tuple[str, ...]) -> list[str]:
        """The columns of `tables` (matched whatever the case), or of every table for ()."""
        wanted = {t.lower() for t in tables}
        chosen = [t for t in self.columns if not wanted or {t.lower(), t.rpartition(".")[2].lower()} & wanted]
        return list(dict.fromkeys(c for t in chosen for c in self.columns[t]))


def read_tables(engine: Engine) -> dict[str, list[str]]:
    """{table: its column names} of every user schema, by table name, tables outside the
    default schema named `schema.table`."""
    with engine.connect() as conn:
        inspector = inspect(conn)
        default = inspector.default_schema_name
        found = {}
        for schema in chosen_schemas(conn, dialect_for(conn.dialect.name)):
            param = None if schema == default else schema
            for table, columns in inspector.get_multi_columns(schema=param).items():
                found[qualified_name(schema, table[1], default)] = [c["name"] for c in columns]
        return dict(sorted(found.items()))
