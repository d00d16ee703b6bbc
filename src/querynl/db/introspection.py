"""Read a live schema into the schema model through SQLAlchemy's inspector.

What the inspector misses or misreads on one database is the dialect's business
(`querynl.dialects`): this module asks `dialect_for(conn.dialect.name)` for it.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, inspect, select, table
from sqlalchemy import types as sqltypes
from sqlalchemy.engine import Connection
from sqlalchemy.engine.reflection import Inspector
from sqlalchemy.exc import NoSuchTableError, SAWarning

from querynl.checks.parser import parse_checks
from querynl.checks.spatial import refined, spatial_hints
from querynl.db.partitions import read_partitions
from querynl.db.trigger_rules import TableTriggers
from querynl.db.triggers import read_triggers, trigger_writers
from querynl.dialects import SQLGLOT_READERS, Dialect, dialect_for
from querynl.errors import UnknownSchemaError
from querynl.geometry import UNKNOWN_TYPE_WARNING
from querynl.schema import (
    CheckInfo,
    ColumnInfo,
    ForeignKeyInfo,
    SchemaMetadata,
    SpatialType,
    TableInfo,
    TableLocation,
    UniqueInfo,
    qualified_name,
)

_INT_BOUNDS = {
    "TINYINT": 8,
    "SMALLINT": 16,
    "MEDIUMINT": 24,
    "INTEGER": 32,
    "INT": 32,
    "BIGINT": 64,
}


def introspect(conn: Connection, schemas: Sequence[str] = ()) -> SchemaMetadata:
    """Every user schema's tables (`Dialect.user_schemas`, but extension schemas and tables),
    or only those of `schemas`. The tables outside them that their foreign keys refer to
    (another schema's, an extension's) are read too, `reference_only`: never filled."""
    dialect = dialect_for(conn.dialect.name)
    inspector = inspect(conn)
    default = inspector.default_schema_name
    reading = _Reading(conn, inspector, dialect, dialect.domain_types(conn), default)
    reading.referred = dialect.referred_schemas(conn)
    skipped = dialect.extension_tables(conn)
    located = [
        (schema, name)
        for schema in chosen_schemas(conn, dialect, schemas)
        for name in inspector.get_table_names(schema=schema)  # by name: None lists the search path
        if not dialect.is_internal_table(name) and (schema, name) not in skipped
    ]
    with warnings.catch_warnings():  # spatial types are read below
        warnings.filterwarnings("ignore", UNKNOWN_TYPE_WARNING, SAWarning)
        tables = [_read_table(reading, schema, name) for schema, name in located]
        tables += _outside_parents(reading, tables)
    dialect.add_missed_checks(conn, tables)
    _mark_spatial(tables, dialect.geometry_columns(conn, [t.name for t in tables]), dialect.sqlglot_name)
    dialect.add_type_details(conn, tables)
    partitions = read_partitions(conn, dialect)
    tables = [t for t in tables if t.name not in partitions.routed]  # filled through their parent
    for table_info in tables:
        table_info.check_constraints += partitions.checks.get(table_info.name, [])
    _inherit_partition_keys(tables, partitions.children)
    triggers = read_triggers(conn, dialect)
    writers = trigger_writers(triggers)
    for table_info in tables:
        table_info.written_by_triggers_of = sorted(writers.get(table_info.name, ()))
        _add_triggers(table_info, triggers.get(table_info.name))
        table_info.checks = parse_checks(table_info, dialect.sqlglot_name, fallbacks=SQLGLOT_READERS)
    return SchemaMetadata(dialect=dialect.name, tables=tables, default_schema=default)


def chosen_schemas(conn: Connection, dialect: Dialect, requested: Sequence[str] = ()) -> list[str]:
    """The schemas whose tables a run sees: the user schemas but an extension's, or the
    requested ones (exactly, or the one that matches whatever the case); UnknownSchemaError
    for a schema that is not a user schema."""
    available = dialect.user_schemas(conn)
    if not requested:
        hidden = dialect.extension_schemas(conn)
        return [s for s in available if s not in hidden]
    chosen = set()
    for word in requested:
        folded = [s for s in available if s.casefold() == word.casefold()]
        if word not in available and len(folded) != 1:
            raise UnknownSchemaError(word, available)
        chosen.add(word if word in available else folded[0])
    return [s for s in available if s in chosen]


@dataclass
class _Reading:
    """What reading each table needs: the connection, its inspector and dialect."""

    conn: Connection
    inspector: Inspector
    dialect: Dialect
    domains: dict[str, str]
    default: str | None  # the connection's default schema
    referred: dict[tuple[str, str, str], str] = field(default_factory=dict)  # Dialect.referred_schemas
    parents: dict[str, TableLocation] = field(default_factory=dict)  # every table a key refers to

    def param(self, schema: str | None) -> str | None:
        """The inspector's schema argument: None for the default schema."""
        return None if schema == self.default else schema


def _outside_parents(reading: _Reading, tables: list[TableInfo]) -> list[TableInfo]:
    """The tables outside the chosen schemas that their foreign keys refer to."""
    inside = {t.name for t in tables}
    outside = sorted(
        {key for t in tables for fk in t.foreign_keys if (key := fk.referred_table) not in inside}
    )
    found = []
    for key in outside:
        try:
            found.append(_read_table(reading, *reading.parents[key]))
        except NoSuchTableError:
            continue  # a key to a table that does not exist (SQLite lets one be declared)
    for table_info in found:
        table_info.reference_only = True
    return found


def _mark_spatial(tables: list[TableInfo], spatial: dict[tuple[str, str], SpatialType], read: str) -> None:
    """Geometry columns get their kind, shape and SRID (and lose what affinity guessed); an
    untyped one, the shape and SRID its CHECKs name."""
    for table_info in tables:
        columns = [c for c in table_info.columns if (table_info.name, c.name) in spatial]
        hints = spatial_hints([c.sqltext for c in table_info.check_constraints], read) if columns else {}
        for col in columns:
            found = refined(spatial[(table_info.name, col.name)], hints.get(col.name, {}))
            col.kind, col.spatial = "geometry", found
            base = "geography" if found.geography else "geometry"
            col.type_name = f"{base}({found.shape}{found.dims},{found.srid})"
            col.length = col.precision = col.scale = col.int_min = col.int_max = None


def _add_triggers(info: TableInfo, triggers: TableTriggers | None) -> None:
    """The table's triggers; a rejection that compares a column with a constant is a CHECK."""
    if triggers is None:
        return
    info.triggers = triggers
    for rejection in triggers.rejections:
        info.check_constraints += [CheckInfo(name="trigger", sqltext=text) for text in rejection.checks]


def _inherit_partition_keys(tables: list[TableInfo], partitions: dict[str, list[str]]) -> None:
    """Rows inserted through a partitioned table must satisfy its partitions' foreign keys."""
    by_name = {t.name: t for t in tables}
    for parent, children in partitions.items():
        if parent not in by_name:
            continue
        own = by_name[parent].foreign_keys
        for child in children:
            for fk in by_name[child].foreign_keys if child in by_name else []:
                if not any(f.columns == fk.columns and f.referred_table == fk.referred_table for f in own):
                    own.append(fk.model_copy(update={"name": None}))


def _read_table(reading: _Reading, schema: str | None, name: str) -> TableInfo:
    """One table of `schema` (None or the default: the default schema)."""
    inspector, dialect, where = reading.inspector, reading.dialect, reading.param(schema)
    pk = inspector.get_pk_constraint(name, schema=where).get("constrained_columns") or []
    with warnings.catch_warnings():  # types it does not know are named by the dialect
        warnings.filterwarnings("ignore", "Did not recognize type", SAWarning)
        columns = inspector.get_columns(name, schema=where)
    info = TableInfo(
        name=qualified_name(where, name),
        schema_name=where,
        columns=[_read_column(dialect, raw, reading.domains) for raw in columns],
        primary_key=list(pk),
        foreign_keys=_foreign_keys(reading, schema, name),
        unique_constraints=_uniques(inspector, dialect, where, name, pk),
        check_constraints=_checks(inspector, where, name),
        row_count=reading.conn.execute(
            select(func.count()).select_from(table(name, schema=where))
        ).scalar_one(),
    )
    dialect.finish_table(info)
    return info


_TYPE_ARGS = re.compile(r"\((\d+)(?:\s*,\s*(\d+))?\)")


def _read_column(dialect: Dialect, raw: dict, domains: dict[str, str]) -> ColumnInfo:
    col_type = raw["type"]
    domain_check = None
    domain_type = None
    if getattr(col_type, "data_type", None) is not None:  # a PostgreSQL domain: its base type counts
        domain_check = getattr(col_type, "check", None)
        domain_type = domains.get(getattr(col_type, "name", None))
        col_type = col_type.data_type
    info = ColumnInfo(
        name=raw["name"],
        type_name=_type_name(col_type),
        kind=_kind(col_type),
        nullable=bool(raw.get("nullable", True)),
        default=_default_text(raw.get("default")),
        computed=raw.get("computed") is not None,
        comment=raw.get("comment"),
        domain_check=str(domain_check) if domain_check is not None else None,
    )
    _fill_type_details(info, col_type)
    if domain_type:
        _fill_domain_arguments(info, domain_type)
    if info.kind == "array":
        item_kind = _kind(col_type.item_type)
        info.item_kind = item_kind if item_kind != "array" else None
    identity = raw.get("identity")
    if identity is not None:
        info.identity_always = bool(identity.get("always"))
    info.autoincrement = identity is not None or dialect.column_autoincrement(raw)
    return info


def _fill_domain_arguments(info: ColumnInfo, base_type: str) -> None:
    """SQLAlchemy drops a domain's type arguments: `character varying(8)` keeps its length."""
    match = _TYPE_ARGS.search(base_type)
    if match is None:
        return
    if info.kind in ("string", "text") and "char" in base_type.lower():
        info.kind, info.length = "string", int(match.group(1))
        info.fixed_length = base_type.lower().startswith(("character(", "char("))
    elif info.kind == "decimal":
        info.precision = int(match.group(1))
        info.scale = int(match.group(2) or 0)


def _type_name(col_type: sqltypes.TypeEngine) -> str:
    try:
        return str(col_type)
    except Exception:  # noqa: BLE001 - some dialect types cannot compile generically
        return type(col_type).__name__.upper()


def _default_text(default: object) -> str | None:
    return None if default is None else str(default)


def _kind(t: sqltypes.TypeEngine) -> str:
    name = type(t).__name__.upper()
    if isinstance(t, sqltypes.Enum) or name in ("SET",):
        return "enum"
    if isinstance(t, sqltypes.Boolean):
        return "boolean"
    if name == "TINYINT" and getattr(t, "display_width", None) == 1:
        return "boolean"
    if name == "YEAR":
        return "integer"
    if isinstance(t, sqltypes.Integer):
        return "integer"
    if isinstance(t, sqltypes.Float) or name in ("REAL", "DOUBLE", "DOUBLE_PRECISION"):
        return "float"
    if isinstance(t, sqltypes.Numeric) or name == "MONEY":
        return "decimal"
    if isinstance(t, sqltypes.DateTime) or name in ("TIMESTAMP", "DATETIME"):
        return "datetime"
    if isinstance(t, sqltypes.Date):
        return "date"
    if isinstance(t, sqltypes.Time):
        return "time"
    if isinstance(t, sqltypes.Interval) or name == "INTERVAL":
        return "interval"
    if isinstance(t, sqltypes.JSON) or name in ("JSONB", "JSON"):
        return "json"
    if isinstance(t, sqltypes.Uuid) or name == "UUID":
        return "uuid"
    if isinstance(t, sqltypes.ARRAY):
        return "array"
    if isinstance(t, sqltypes._Binary) or name in ("BYTEA", "BLOB", "BINARY", "VARBINARY"):
        return "binary"
    if isinstance(t, sqltypes.Text) or name in ("TEXT", "MEDIUMTEXT", "LONGTEXT", "CLOB"):
        return "text"
    if isinstance(t, sqltypes.String):
        return "text" if getattr(t, "length", None) is None else "string"
    return "other"


def _fill_type_details(info: ColumnInfo, t: sqltypes.TypeEngine) -> None:
    name = type(t).__name__.upper()
    if info.kind in ("string", "text", "binary", "other"):  # other: BIT(n)
        info.length = getattr(t, "length", None)
        info.fixed_length = name in ("CHAR", "NCHAR", "BINARY")
    if info.kind == "enum":
        values = getattr(t, "enums", None) or getattr(t, "values", None)
        info.enum_values = [str(v) for v in values] if values else None
    if info.kind == "decimal":
        info.precision = getattr(t, "precision", None)
        info.scale = getattr(t, "scale", None)
    if info.kind == "integer":
        _int_bounds(info, t, name)
    if info.kind in ("datetime", "time"):
        info.timezone = bool(getattr(t, "timezone", False))
        info.precision = getattr(t, "fsp", None) or getattr(t, "precision", None)  # fractional digits


def _int_bounds(info: ColumnInfo, t: sqltypes.TypeEngine, name: str) -> None:
    if name == "YEAR":
        info.int_min, info.int_max = 1901, 2155
        return
    bits = _INT_BOUNDS.get(name)
    if bits is None:
        bits = (
            64 if isinstance(t, sqltypes.BigInteger) else 16 if isinstance(t, sqltypes.SmallInteger) else 32
        )
    if getattr(t, "unsigned", False):
        info.int_min, info.int_max = 0, 2**bits - 1
    else:
        info.int_min, info.int_max = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1


def _foreign_keys(reading: _Reading, schema: str | None, name: str) -> list[ForeignKeyInfo]:
    """The table's foreign keys, each referring to a table named as qualified_name does (the
    inspector's referred_schema None: the default schema)."""
    found = []
    for fk in reading.inspector.get_foreign_keys(name, schema=reading.param(schema)):
        if not (fk.get("referred_table") and fk.get("constrained_columns")):
            continue
        own = (schema or reading.default or "", name, fk.get("name") or "")
        referred_schema = reading.referred.get(own, fk.get("referred_schema") or reading.default)
        key = qualified_name(reading.param(referred_schema), fk["referred_table"])
        reading.parents[key] = (referred_schema, fk["referred_table"])
        found.append(
            ForeignKeyInfo(
                name=fk.get("name"),
                columns=fk["constrained_columns"],
                referred_table=key,
                referred_columns=fk["referred_columns"],
                deferrable=bool((fk.get("options") or {}).get("deferrable")),
            )
        )
    return found


def _uniques(
    inspector: Inspector, dialect: Dialect, schema: str | None, name: str, pk: list[str]
) -> list[UniqueInfo]:
    found: list[UniqueInfo] = []
    seen: list[list[str]] = [list(pk)] if pk else []
    raw = inspector.get_unique_constraints(name, schema=schema)
    candidates = [(u.get("name"), u["column_names"]) for u in raw]
    candidates += [
        (ix.get("name"), ix["column_names"])
        for ix in inspector.get_indexes(name, schema=schema, **dialect.unique_index_options)
        if ix.get("unique") and all(c is not None for c in ix.get("column_names", []))
    ]
    for cname, cols in candidates:
        cols = list(cols)
        if cols and cols not in seen:
            seen.append(cols)
            found.append(UniqueInfo(name=cname, columns=cols))
    return found


def _checks(inspector: Inspector, schema: str | None, name: str) -> list[CheckInfo]:
    try:
        raw = inspector.get_check_constraints(name, schema=schema)
    except NotImplementedError:
        return []
    return [CheckInfo(name=c.get("name"), sqltext=c["sqltext"]) for c in raw if c.get("sqltext")]
