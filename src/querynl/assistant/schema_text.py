"""The connected schema in a few lines, for a prompt: tables, columns with their types and
keys, and what each foreign key refers to."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.engine import Connection

MAX_TABLES = 200  # a prompt, not a dump: the first tables by name


def describe_schema(conn: Connection) -> str:
    """One line per table: `orders(id INTEGER PK, customer_id INTEGER -> customers.id, ...)`."""
    inspector = inspect(conn)
    lines = []
    for table in sorted(inspector.get_table_names())[:MAX_TABLES]:
        keys = set(inspector.get_pk_constraint(table).get("constrained_columns") or [])
        refers = {
            column: f"{fk['referred_table']}.{referred}"
            for fk in inspector.get_foreign_keys(table)
            for column, referred in zip(fk["constrained_columns"], fk["referred_columns"], strict=False)
        }
        columns = [_column(c, keys, refers) for c in inspector.get_columns(table)]
        lines.append(f"{table}({', '.join(columns)})")
    return "\n".join(lines) or "(no tables yet)"


def _column(column: dict, keys: set[str], refers: dict[str, str]) -> str:
    name = column["name"]
    text = f"{name} {column['type']}"
    if name in keys:
        text += " PK"
    if not column.get("nullable", True) and name not in keys:
        text += " NOT NULL"
    if name in refers:
        text += f" -> {refers[name]}"
    return text
