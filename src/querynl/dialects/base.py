"""What a database is to QueryNL: one `Dialect` subclass per database, overriding only what differs.

The base class holds the behaviour most databases share; a subclass sets capability flags and
attributes and overrides a method or two, in the style of sqlglot's dialects. Nothing outside
this package branches on a database's name: it asks the dialect instead. A dialect owns:

* loading: its insertion executor (bulk path, error classification) and, through it, its value
  codec (`executor_class.codec_class`);
* connecting: the bare URL schemes it answers to, their driver, connection options and any
  per-connection setup;
* planning: which foreign keys it can postpone to the end of the transaction (a cycle of NOT
  NULL keys can only be broken at one it can postpone), and how;
* introspection: what SQLAlchemy's inspector misses or misreads (internal tables, domain base
  types, autoincrement columns, hidden unique indexes, checks, partition bounds, triggers);
* CHECK parsing: the sqlglot dialect its check texts are read with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar, NamedTuple

from sqlalchemy import ColumnElement, exists, func, text
from sqlalchemy.engine import URL, Connection, Engine, RootTransaction

from querynl.geometry import spatial_type
from querynl.loading.executor import BaseInsertionExecutor
from querynl.loading.faults import Fault
from querynl.models import ForeignKeyConfig
from querynl.schema import ForeignKeyInfo, SpatialType, TableInfo, TableLocation, default_location

APPLICATION_NAME = "querynl"  # how the servers' session lists name QueryNL's connections


class PartitionBound(NamedTuple):
    """One partition of a partitioned table, and the rows it accepts as check text (None when
    that cannot be said as a simple check: rows are then still attempted)."""

    partition: str
    parent: str
    condition: str | None
    default: bool = False  # the DEFAULT partition: every row no other partition accepts


class Dialect:
    # ----- identity and loading --------------------------------------------------------------
    name: ClassVar[str]  # SQLAlchemy's backend name: how the registry finds the dialect
    executor_class: ClassVar[type[BaseInsertionExecutor]]
    sqlglot_name: ClassVar[str]  # the sqlglot dialect CHECK texts (and SQL, DDL) are read with
    display_name: ClassVar[str]  # as the user (and a model asked for its SQL) knows it

    # ----- connecting ----------------------------------------------------------------------
    url_schemes: ClassVar[tuple[str, ...]] = ()  # bare schemes a user may type (postgres://)
    driver: ClassVar[str]  # the SQLAlchemy drivername a bare scheme becomes
    url_query: ClassVar[dict[str, str]] = {}  # connection options added unless given

    # ----- capabilities and introspection quirks ------------------------------------------------
    postpones_any_foreign_key: ClassVar[bool] = True  # False: only DEFERRABLE ones
    # True: postponing one key postpones every key of the connection until the transaction
    # ends (SQLite); the pipeline then keeps it only while a cycle's tables are inserted.
    postpones_whole_connection: ClassVar[bool] = False
    key_checks_off: ClassVar[str | None] = None  # how switch_off_key_checks does it, for reports
    internal_table_prefix: ClassVar[str | None] = None  # the database's own tables
    unique_index_options: ClassVar[dict[str, Any]] = {}  # for Inspector.get_indexes
    trigger_query: ClassVar[str | None] = None  # rows of (table, body) of its INSERT triggers
    partitions_are_tables: ClassVar[bool] = True  # False: partitions are not tables (MySQL)
    # rows of (table, column, declared type text, SRID or NULL) of its spatial columns
    geometry_query: ClassVar[str | None] = None
    # rows of (trigger name, when it fires: "BEFORE INSERT") of the triggers on :table in
    # :schema (NULL: the default schema); shown by the REPL's \d
    trigger_names_query: ClassVar[str | None] = None
    no_schemas_note: ClassVar[str | None] = None  # what \dn says where there are no schemas
    transactional_ddl: ClassVar[bool] = True  # False: CREATE, DROP, ALTER commit at once

    def executor(
        self, conn: Connection, locate: Callable[[str], TableLocation] = default_location
    ) -> BaseInsertionExecutor:
        """The insertion executor for a connection to this database; `locate` gives the
        (schema, name) of a table QueryNL names (SchemaMetadata.locate)."""
        return self.executor_class(conn, locate)

    # ----- connecting ----------------------------------------------------------------------

    def normalize_url(self, url: URL) -> URL:
        """A bare scheme gets the project's driver; the connection options are added."""
        if url.drivername in self.url_schemes:
            url = url.set(drivername=self.driver)
        missing = {key: value for key, value in self.url_query.items() if key not in url.query}
        return url.update_query_dict(missing) if missing else url

    def configure_engine(self, engine: Engine) -> None:
        """Set up each new connection of a freshly made engine."""

    def connect_args(self, url: URL, busy_timeout: float | None) -> dict[str, Any]:
        """The driver's connect() arguments QueryNL adds (they override the URL's query):
        a name the server shows for the session, how long to wait for a lock (seconds;
        None: the URL's or QueryNL's default)."""
        return {}

    def refused_statement(self, sql: str) -> str | None:
        """Why a statement the user typed is not sent, in one line; None: it is sent."""
        return None

    def begin_write(self, conn: Connection) -> RootTransaction:
        """Begin a transaction that is going to write."""
        return conn.begin()

    def fault(self, exc: BaseException, conn: Connection) -> Fault | None:
        """What ends a run in the driver's error `exc` (a lost connection, a lock, a server
        limit), or None for an error of the statement's rows; asked of the executor class."""
        return self.executor_class.fault(getattr(exc, "orig", None) or exc, conn)

    # ----- foreign keys that break a cycle ------------------------------------------------

    def can_postpone(self, fk: ForeignKeyInfo) -> bool:
        """Whether `postpone_check` can let this key's rows precede their parents."""
        return self.postpones_any_foreign_key or fk.deferrable

    def postpone_check(self, conn: Connection, fk: ForeignKeyConfig, schema: str | None = None) -> None:
        """Let rows reference parents inserted later in this transaction (`schema`: the
        child table's, None for the default schema)."""
        raise NotImplementedError

    def resume_check(self, conn: Connection) -> None:
        """Undo a postponement that outlives the transaction (a session setting)."""

    def switch_off_key_checks(self, conn: Connection, tables: list[str]) -> bool:
        """Switch off, for the rest of this transaction, the row-by-row foreign key checks
        of inserts into `tables` (each quoted as SQL names it), when the database permits it
        and nothing else those inserts do changes; the caller then verifies every foreign key
        of the run before commit. False (the default): the checks stay on."""
        return False

    def postponed_violations(self, conn: Connection, tables: list[str]) -> list[tuple]:
        """Rows of `tables` whose foreign keys point nowhere, as (table, row id, parent, key
        id) (only asked of a dialect that postpones_whole_connection)."""
        return []

    # ----- creating a schema -------------------------------------------------------------

    def create_schema(self, engine: Engine, statements: Sequence[tuple[str, str | None]]) -> None:
        """Run DDL all or nothing: (statement, the table it creates or None) in order, in one
        transaction (this database rolls DDL back with it)."""
        with engine.begin() as conn:
            for statement, _table in statements:
                conn.exec_driver_sql(statement)

    def start_read_only(self, conn: Connection) -> None:
        """Make the transaction just begun on `conn` refuse writes (a model's SELECT may call a
        function that writes): the first statement of the transaction."""
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")

    def end_read_only(self, conn: Connection) -> None:
        """Undo start_read_only where it outlives the transaction (a connection setting)."""

    # ----- totals set from their lines --------------------------------------------------------

    def rounded(self, value: ColumnElement, scale: int) -> ColumnElement:
        """`value` (a sum of lines) rounded to `scale` decimals, as SQL."""
        return func.round(value, scale)

    def unreferenced(self, key: ColumnElement, referencing: ColumnElement) -> ColumnElement:
        """A parent row's condition: no row's `referencing` column (of another table) holds
        its `key`. NOT EXISTS: an anti join (PostgreSQL hashes it, MySQL reads the index every
        foreign key has)."""
        return ~exists().where(referencing == key)

    # ----- introspection -------------------------------------------------------------------

    def user_schemas(self, conn: Connection) -> list[str]:
        """Every schema whose tables a user may fill, the default schema first."""
        default = conn.dialect.default_schema_name
        return [default] if default else []

    def extension_schemas(self, conn: Connection) -> set[str]:
        """Schemas of user_schemas that belong to an extension: left out unless named."""
        return set()

    def extension_tables(self, conn: Connection) -> set[tuple[str, str]]:
        """(schema, table) of the tables an extension owns: never filled."""
        return set()

    def referred_schemas(self, conn: Connection) -> dict[tuple[str, str, str], str]:
        """{(schema, table, constraint): the schema of the table the foreign key refers
        to}, where the inspector's referred_schema may be wrong; {}: trust the inspector."""
        return {}

    def is_internal_table(self, name: str) -> bool:
        prefix = self.internal_table_prefix
        return prefix is not None and name.startswith(prefix)

    def domain_types(self, conn: Connection) -> dict[str, str]:
        """{domain name: its base type as written, arguments included}."""
        return {}

    def column_autoincrement(self, raw: dict[str, Any]) -> bool:
        """Whether a reflected column (beyond an identity) is filled by the database."""
        return False

    def finish_table(self, table: TableInfo) -> None:
        """Correct one reflected table in place."""

    def add_missed_checks(self, conn: Connection, tables: list[TableInfo]) -> None:
        """Add the CHECK constraints (or what they imply) the inspector did not reflect."""

    def add_type_details(self, conn: Connection, tables: list[TableInfo]) -> None:
        """Name the column types the inspector does not know (extension and composite types)."""

    def partition_bounds(self, conn: Connection) -> list[PartitionBound]:
        """Every partition of the user schemas' partitioned tables, named as
        `querynl.schema.qualified_name` does."""
        return []

    def geometry_columns(self, conn: Connection, tables: list[str]) -> dict[tuple[str, str], SpatialType]:
        """The spatial columns of `tables` by (table, column): SQLAlchemy reflects them as
        NullType (or, on SQLite, by type affinity)."""
        if self.geometry_query is None:
            return {}
        return spatial_columns(conn.execute(text(self.geometry_query)), tables)

    def trigger_bodies(self, conn: Connection) -> Iterable[tuple[str, str]]:
        """(table, body) of each INSERT trigger, for the tables it writes (the table named as
        `querynl.schema.qualified_name` does)."""
        if self.trigger_query is None:
            return []
        return [(table, body or "") for table, body in conn.execute(text(self.trigger_query))]

    def triggers_on(self, conn: Connection, schema: str | None, table: str) -> list[tuple[str, str]]:
        """(name, when it fires) of every trigger on a table (`schema` None: the default)."""
        if self.trigger_names_query is None:
            return []
        rows = conn.execute(text(self.trigger_names_query), {"schema": schema, "table": table})
        return [(name, when) for name, when in rows]


def spatial_columns(rows: Iterable[tuple], tables: list[str]) -> dict[tuple[str, str], SpatialType]:
    """{(table, column): its spatial type} of the rows (table, column, type text, SRID or
    None) that name one, for the tables listed."""
    wanted = set(tables)
    found = {}
    for table, column, type_text, srid in rows:
        spatial = spatial_type(str(type_text or ""), int(srid) if srid is not None else None)
        if table in wanted and spatial is not None:
            found[(table, column)] = spatial
    return found
