"""The schema model: what introspection finds and the one input of every planner."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from querynl.checks.rules import CheckRules
from querynl.db.trigger_rules import TableTriggers

ColumnKind = Literal[
    "integer",
    "decimal",
    "float",
    "string",
    "text",
    "boolean",
    "date",
    "datetime",
    "time",
    "interval",
    "binary",
    "json",
    "uuid",
    "enum",
    "array",
    "geometry",
    "other",
]
GeometryShape = Literal[
    "point",
    "linestring",
    "polygon",
    "multipoint",
    "multilinestring",
    "multipolygon",
    "geometrycollection",
    "geometry",  # any shape
]


class SpatialType(BaseModel):
    """A geometry or geography column's declared shape, SRID and extra dimensions."""

    shape: GeometryShape = "geometry"
    srid: int = 0  # 0: none declared
    dims: Literal["", "Z", "M", "ZM"] = ""  # coordinates beyond x and y
    geography: bool = False  # PostGIS geography: longitude/latitude on the spheroid


TableLocation = tuple[str | None, str]  # (schema, name in it); schema None: the default schema


def qualified_name(schema: str | None, name: str, default: str | None = None) -> str:
    """How QueryNL names a table everywhere (plan, preview, JSON, errors, keys): bare in the
    connection's default schema (None or `default`), `schema.name` in any other."""
    return name if schema is None or schema == default else f"{schema}.{name}"


def default_location(name: str) -> TableLocation:
    """A table name that is not qualified: in the connection's default schema."""
    return None, name


class ColumnInfo(BaseModel):
    name: str
    type_name: str
    kind: ColumnKind
    nullable: bool = True
    default: str | None = None
    length: int | None = None  # max characters (varchar/char) or bytes
    fixed_length: bool = False  # char(n)
    precision: int | None = None
    scale: int | None = None
    int_min: int | None = None
    int_max: int | None = None
    autoincrement: bool = False  # SERIAL, AUTO_INCREMENT, identity, SQLite rowid alias
    identity_always: bool = False  # PostgreSQL GENERATED ALWAYS AS IDENTITY
    computed: bool = False  # generated column: never inserted
    enum_values: list[str] | None = None
    timezone: bool = False
    comment: str | None = None
    domain_check: str | None = None  # a PostgreSQL domain's CHECK, written with VALUE
    item_kind: ColumnKind | None = None  # an array's element kind
    fields: list[tuple[str, str]] | None = None  # a composite type's attributes: (name, SQL type)
    spatial: SpatialType | None = None  # a geometry column's shape and SRID


class ForeignKeyInfo(BaseModel):
    name: str | None = None
    columns: list[str]
    referred_table: str
    referred_columns: list[str]
    deferrable: bool = False  # PostgreSQL DEFERRABLE: checked at commit once deferred


class UniqueInfo(BaseModel):
    name: str | None = None
    columns: list[str]


class CheckInfo(BaseModel):
    name: str | None = None
    sqltext: str


class TableInfo(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    name: str  # qualified_name(schema, ...): "orders", or "sales.orders" outside the default schema
    columns: list[ColumnInfo]
    schema_name: str | None = None  # None: the connection's default schema
    # Outside the schemas a run is limited to (--schema): read for the keys its children
    # reference, never filled.
    reference_only: bool = False
    primary_key: list[str] = Field(default_factory=list)
    foreign_keys: list[ForeignKeyInfo] = Field(default_factory=list)
    unique_constraints: list[UniqueInfo] = Field(default_factory=list)
    check_constraints: list[CheckInfo] = Field(default_factory=list)
    row_count: int = 0
    written_by_triggers_of: list[str] = Field(default_factory=list)  # fill this table after those
    # what its INSERT triggers write into other tables and which rows they reject
    triggers: TableTriggers = Field(default_factory=TableTriggers)
    # check_constraints and domain checks as understood by querynl.checks (filled once, at introspection)
    checks: CheckRules = Field(default_factory=CheckRules, exclude=True)

    @property
    def location(self) -> TableLocation:
        """(schema, name) as SQL names the table: the schema None in the default schema."""
        if self.schema_name is None:
            return None, self.name
        return self.schema_name, self.name.removeprefix(f"{self.schema_name}.")

    def column(self, name: str) -> ColumnInfo:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name}.{name}")

    def unique_sets(self) -> list[list[str]]:
        """Every column set that must be unique: the primary key and each unique constraint."""
        sets = [self.primary_key] if self.primary_key else []
        sets += [u.columns for u in self.unique_constraints if u.columns not in sets]
        return sets

    def is_unique_column(self, name: str) -> bool:
        return [name] in self.unique_sets()


class SchemaMetadata(BaseModel):
    dialect: str  # the registered dialect name (querynl.dialects.DIALECTS)
    tables: list[TableInfo]
    default_schema: str | None = None  # where the tables live: `public`, `main`, the MySQL database

    def table(self, name: str) -> TableInfo:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)

    @property
    def table_names(self) -> list[str]:
        return [t.name for t in self.tables]

    def locate(self, name: str) -> TableLocation:
        """Where SQL finds a table named by QueryNL: (schema, name); a name that is not a
        table of this schema is taken as a bare name in the default schema."""
        found = next((t for t in self.tables if t.name == name), None)
        return found.location if found is not None else default_location(name)
