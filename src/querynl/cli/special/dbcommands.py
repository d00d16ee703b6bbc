"""What is in the database: `\\dt` tables and row counts, `\\d TABLE` its definition, `\\dn`
schemas. Definitions come from the schema model (querynl.db.introspection)."""

from __future__ import annotations

import difflib

from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from querynl.cli.results import Results, SpecialResult
from querynl.cli.special.registry import special_command
from querynl.db.introspection import chosen_schemas, introspect
from querynl.dialects import dialect_for
from querynl.errors import UnknownTableError
from querynl.schema import ForeignKeyInfo, SchemaMetadata, TableInfo, qualified_name


@special_command("\\dt", description="List tables and their row counts.", takes=("conn",))
def list_tables(conn: Connection) -> Results:
    """Every user schema's tables, named as \\d takes them (`schema.table` outside the default)."""
    dialect = dialect_for(conn.dialect.name)
    inspector = inspect(conn)
    default = inspector.default_schema_name
    quote = conn.dialect.identifier_preparer.quote
    rows = []
    for schema in chosen_schemas(conn, dialect):
        param = None if schema == default else schema
        for name in inspector.get_table_names(schema=param):
            if dialect.is_internal_table(name):
                continue
            sql = f"SELECT COUNT(*) FROM {quote(schema) + '.' if param else ''}{quote(name)}"
            rows.append((qualified_name(schema, name, default), conn.exec_driver_sql(sql).scalar_one()))
    if not rows:
        return [SpecialResult(status="No tables.")]
    return [SpecialResult(None, rows, ["table", "rows"])]


@special_command("\\dn", description="List schemas (PostgreSQL) and their tables.", takes=("conn",))
def list_schemas(conn: Connection) -> Results:
    dialect = dialect_for(conn.dialect.name)
    if dialect.no_schemas_note is not None:
        return [SpecialResult(status=dialect.no_schemas_note)]
    inspector = inspect(conn)
    rows = [(name, len(inspector.get_table_names(schema=name))) for name in dialect.user_schemas(conn)]
    return [SpecialResult(None, rows, ["schema", "tables"])]


@special_command(
    "\\d",
    description="Describe a table: columns, keys, uniques, checks, foreign keys in and out, triggers.",
    takes=("conn", "arg"),
    usage="TABLE",
)
def describe_table(conn: Connection, arg: str) -> Results:
    if not arg:
        return list_tables(conn)
    schema = introspect(conn)
    table = _find_table(schema, arg)
    columns = [
        (c.name, c.type_name, "" if c.nullable else "not null", c.default or "") for c in table.columns
    ]
    constraints = _constraints(schema, table)
    schema_name, name = table.location
    triggers = dialect_for(conn.dialect.name).triggers_on(conn, schema_name, name)
    constraints += [("trigger", trigger, when) for trigger, when in triggers]
    return [
        SpecialResult(f"Table {table.name}", columns, ["column", "type", "null", "default"]),
        SpecialResult(None, constraints, ["constraint", "name", "definition"]),
    ]


def _find_table(schema: SchemaMetadata, word: str) -> TableInfo:
    """The table named `word` (exactly, else whatever the case); UnknownTableError with the
    closest name otherwise."""
    names = schema.table_names
    folded = [name for name in names if name.casefold() == word.casefold()]
    if word in names or len(folded) == 1:
        return schema.table(word if word in names else folded[0])
    close = difflib.get_close_matches(word, names, n=1)
    raise UnknownTableError(word, close[0] if close else None)


def _constraints(schema: SchemaMetadata, table: TableInfo) -> list[tuple[str, str, str]]:
    rows = [("primary key", "", _columns(table.primary_key))] if table.primary_key else []
    rows += [("unique", u.name or "", _columns(u.columns)) for u in table.unique_constraints]
    rows += [("check", c.name or "", c.sqltext) for c in table.check_constraints]
    rows += [
        ("foreign key", fk.name or "", f"{_columns(fk.columns)} -> {_reference(fk)}")
        for fk in table.foreign_keys
    ]
    rows += [
        (
            "referenced by",
            fk.name or "",
            f"{child.name}{_columns(fk.columns)} -> {_columns(fk.referred_columns)}",
        )
        for child in schema.tables
        for fk in child.foreign_keys
        if fk.referred_table == table.name
    ]
    return rows


def _reference(fk: ForeignKeyInfo) -> str:
    return f"{fk.referred_table}{_columns(fk.referred_columns)}"


def _columns(names: list[str]) -> str:
    return f"({', '.join(names)})"
