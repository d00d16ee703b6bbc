"""PostgreSQL: E'' strings when needed, bytea/interval/array literals, COPY for the batches.

Whole batches are streamed through `COPY ... FROM STDIN` (text format, every value encoded
by the codec's `copy_field`); the row-by-row retry after a failed batch, and tables COPY
cannot load the same way as INSERT (OVERRIDING SYSTEM VALUE, row-level security, INSERT
rules, views), use psycopg2's execute_values. Introspection reads domains' base types and
partition bounds, and only DEFERRABLE foreign keys can be postponed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import methodcaller
from types import CodeType
from typing import Any

from psycopg2.extras import execute_values
from sqlalchemy import ColumnElement, Numeric, cast, func, text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DBAPIError

from querynl.dialects.base import APPLICATION_NAME, Dialect, PartitionBound
from querynl.geometry import Geometry
from querynl.loading.codec import (
    KIND_NAMES,
    Encoder,
    ValueCodec,
    compile_rendering,
    constant,
    number_text,
    same,
)
from querynl.loading.columns import NULL_TYPE, render_column, value_types
from querynl.loading.executor import (
    BaseInsertionExecutor,
    Classification,
    Encoding,
    Loader,
    Row,
    first_line,
    lost_connection,
)
from querynl.loading.faults import Fault, FaultKind
from querynl.models import ErrorType, ForeignKeyConfig
from querynl.schema import TableInfo, qualified_name

_BY_SQLSTATE = {
    "23505": ErrorType.UNIQUE_VIOLATION,
    "23503": ErrorType.FOREIGN_KEY_VIOLATION,
    "23502": ErrorType.NOT_NULL_VIOLATION,
    "23514": ErrorType.CHECK_VIOLATION,
    "P0001": ErrorType.TRIGGER_REJECTION,  # RAISE EXCEPTION (in a trigger function)
}
# SQLSTATEs that end a run (https://www.postgresql.org/docs/current/errcodes-appendix.html):
# class 08 and 57P01-57P03 (pg_terminate_backend, a shutdown) lose the connection.
_FAULTS = {
    "57P01": FaultKind.CONNECTION_LOST,
    "57P02": FaultKind.CONNECTION_LOST,
    "57P03": FaultKind.CONNECTION_LOST,
    "55P03": FaultKind.LOCK_TIMEOUT,
    "40P01": FaultKind.DEADLOCK,
    "53100": FaultKind.DISK_FULL,
    "53200": FaultKind.OUT_OF_MEMORY,
}
_QUERY_CANCELED = "57014"
_STATEMENT_TIMEOUT = "statement timeout"
_KEY = re.compile(r"^Key \(([^()]+)\)=")
# COPY text format: backslash starts an escape, tab/newline separate fields and rows.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_COPY_SPECIAL = ("\\", "\n", "\r", "\t", "\0")  # text with none of these is its own field
_COPY_BOOLEANS = {True: "t", False: "f"}
_FIXED_POINT = methodcaller("__format__", "f")  # a Decimal never in exponent form
# Whether COPY FROM loads these columns exactly as INSERT would: a plain or partitioned
# table, no row-level security (COPY FROM refuses it), no INSERT rules (COPY skips them)
# and no GENERATED ALWAYS identity among the columns (COPY writes the given values where
# INSERT without OVERRIDING SYSTEM VALUE refuses them).
_COPY_SAFE = """
SELECT c.relkind IN ('r', 'p') AND NOT c.relrowsecurity
       AND NOT EXISTS (SELECT 1 FROM pg_rewrite r WHERE r.ev_class = c.oid AND r.ev_type = '3')
       AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                       AND a.attidentity = 'a' AND a.attname = ANY(%s))
FROM pg_class c WHERE c.oid = to_regclass(%s)
"""


class PostgreSQLCodec(ValueCodec):
    """Offsets kept, TRUE/FALSE, bytea and interval literals, '{...}' arrays; two renderings
    of its own: `copy_field` (COPY's text format) and `element` (an array element)."""

    dialect = "postgresql"
    keeps_utc_offsets = True
    boolean_literals = ("FALSE", "TRUE")
    bytes_literal_form = "E'\\\\x{}'::bytea"

    def __init__(self) -> None:
        super().__init__()
        self.element, _ = compile_rendering(self.element_encoders(), _unencodable("an array"))
        self.copy_field, self.copy_by_type = compile_rendering(self.copy_encoders(), _unencodable("COPY"))

    def copy_column(self, column: Sequence[Any]) -> Sequence[str]:
        """One column's COPY fields. Text with nothing to escape is sent as it is."""
        types = value_types(column)
        if str in types and types <= {str, NULL_TYPE}:
            text = "".join(filter(None, column))
            if not any(special in text for special in _COPY_SPECIAL):
                return column if NULL_TYPE not in types else ["\\N" if v is None else v for v in column]
        return render_column(column, self.copy_field, self.copy_by_type)

    def string_literal(self, text: str) -> str:
        if "\0" in text:
            raise ValueError("PostgreSQL text cannot contain NUL (0x00) characters")
        if "\\" in text:  # E'' reads the same whatever standard_conforming_strings says
            return "E" + super().string_literal(text.replace("\\", "\\\\"))
        return super().string_literal(text)

    def interval_text(self, value: dt.timedelta) -> str:
        """The form psycopg2 uses: exact, with Python's normalised (days, seconds, µs)."""
        return f"{value.days} days {value.seconds}.{value.microseconds:06d} seconds"

    def interval_literal(self, value: dt.timedelta) -> str:
        return f"'{self.interval_text(value)}'::interval"

    def array_literal(self, value: list) -> str:
        # The '{...}' input form, untyped, so it fits any array column (date[], uuid[], ...);
        # ARRAY['...'] would be text[], which PostgreSQL will not assign to those.
        return self.string_literal(self.array_text(value))

    def array_text(self, value: list) -> str:
        return "{" + ",".join(map(self.element, value)) + "}"

    def geometry_text(self, value: Geometry) -> str:
        """EWKT (`SRID=4326;POINT(...)`): PostGIS geometry and geography read it as input."""
        return value.ewkt

    def param_encoders(self) -> dict[str, Encoder]:
        """psycopg2 binds all but lists itself (Decimal, dates, aware datetimes, timedelta, bytes)."""
        return {**dict.fromkeys(KIND_NAMES, same), "array": self.array_text, "geometry": self.geometry_text}

    def copy_encoders(self) -> dict[str, Encoder]:
        return {
            "null": constant("\\N"),
            "text": copy_escape,
            "int": int.__repr__,
            "bool": _COPY_BOOLEANS.__getitem__,
            "decimal": _FIXED_POINT,
            "float": float.__repr__,
            "bytes": lambda value: "\\\\x" + bytes(value).hex(),  # COPY reads \\ as one backslash
            "interval": self.interval_text,
            "array": lambda value: copy_escape(self.array_text(value)),
            "geometry": lambda value: copy_escape(self.geometry_text(value)),
            **self.temporal_encoders(),  # ISO text: nothing to escape
        }

    def element_encoders(self) -> dict[str, Encoder]:
        """NULL, a nested array, or the value's text in double quotes."""

        def quoted(text_of: Encoder) -> Encoder:
            return lambda value: _quote_element(text_of(value))

        encoders: dict[str, Encoder] = {
            "null": constant("NULL"),
            "array": self.array_text,
            "text": _quote_element,
            "bool": quoted(lambda value: "true" if value else "false"),
            "int": quoted(int.__repr__),
            "float": quoted(number_text),
            "decimal": quoted(number_text),
            "bytes": quoted(lambda value: "\\x" + bytes(value).hex()),
            "interval": quoted(self.interval_text),
        }
        encoders.update({kind: quoted(text_of) for kind, text_of in self.temporal_encoders().items()})
        return encoders


def _unencodable(where: str) -> Callable[[Any], str]:
    def refuse(value: Any) -> str:
        raise TypeError(f"cannot encode {type(value).__name__} for PostgreSQL {where}")

    return refuse


def copy_escape(text: str) -> str:
    if "\\" in text or "\n" in text or "\r" in text or "\t" in text:
        text = text.translate(_COPY_ESCAPES)
    if "\0" in text:
        raise ValueError("PostgreSQL text cannot contain NUL (0x00) characters")
    return text


def _quote_element(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class PostgreSQLInsertionExecutor(BaseInsertionExecutor):
    codec_class = PostgreSQLCodec
    batch_size = 1_000  # rows per savepoint, one COPY each (5k-20k measured no faster)
    copy_read_size = 1 << 18  # characters per COPY data message
    placeholder = "%s"
    bulk_path = "INSERT (execute_values)"
    copy_path = "COPY FROM STDIN (text)"

    def _insert_prefix(self, table: str, columns: Any, overriding: bool) -> str:
        prefix = super()._insert_prefix(table, columns, overriding)
        return prefix + " OVERRIDING SYSTEM VALUE" if overriding else prefix

    def _values_placeholder(self, width: int) -> str:
        return "%s"  # execute_values expands it to the row list

    def _bulk_insert(self, cursor: Any, template: str, rows: list[tuple]) -> None:
        execute_values(cursor, template, rows, page_size=self.batch_size)

    # ----- COPY ------------------------------------------------------------------------

    def _batch_loader(self, table: str, columns: Sequence[str], overriding: bool) -> Loader | None:
        if overriding or not columns:  # OVERRIDING SYSTEM VALUE keeps the INSERT
            return None
        qtable = self.quote_table(table)
        cursor = self.conn.connection.dbapi_connection.cursor()
        try:
            cursor.execute(_COPY_SAFE, (list(columns), qtable))
            found = cursor.fetchone()
        finally:
            cursor.close()
        if not (found and found[0]):
            return None
        names = ", ".join(self.quote_identifier(c) for c in columns)
        statement = f"COPY {qtable} ({names}) FROM STDIN"
        size = self.copy_read_size

        def send(cursor: Any, text: str) -> None:
            with _DriverPrintouts.dropped(send.__code__):
                cursor.copy_expert(statement, io.StringIO(text), size=size)

        return Loader(self.copy_path, Encoding("copy"), send)

    def encode_copy(self, rows: Sequence[Row]) -> str:
        """The rows as COPY's text format."""
        return "".join(self.copy_lines(rows))

    def copy_lines(self, rows: Sequence[Row]) -> Iterator[str]:
        """The rows in COPY's text format, one line each, the values encoded column by
        column; ValueError/TypeError for a value it cannot encode."""
        if not rows:
            return iter(())
        columns = map(self.codec.copy_column, zip(*rows, strict=True))
        return map("{}\n".format, map("\t".join, zip(*columns, strict=True)))

    def _classify(self, exc: Exception) -> Classification:
        code = getattr(exc, "pgcode", None) or ""
        kind = _BY_SQLSTATE.get(code)
        if kind is None:
            kind = ErrorType.DATA_ERROR if code.startswith("22") else ErrorType.OTHER
        diag = getattr(exc, "diag", None)
        constraint = getattr(diag, "constraint_name", None)
        column = getattr(diag, "column_name", None)
        if column is not None:
            return kind, constraint, (column,)
        key = _KEY.match(getattr(diag, "message_detail", None) or "")  # Key (a, b)=(1, 2) ...
        return kind, constraint, tuple(c.strip().strip('"') for c in key.group(1).split(",")) if key else ()

    @classmethod
    def fault(cls, exc: BaseException, conn: Connection) -> Fault | None:
        code = getattr(exc, "pgcode", None) or ""
        kind = FaultKind.CONNECTION_LOST if code.startswith("08") else _FAULTS.get(code)
        if code == _QUERY_CANCELED and _STATEMENT_TIMEOUT in str(exc):
            kind = FaultKind.STATEMENT_TIMEOUT  # not COPY's own cancel after a bad value
        if kind is not None:
            return Fault(kind, first_line(exc))
        return lost_connection(exc, conn)

    def fix_sequences(self, table: str, columns: Any) -> None:
        """Move each column's sequence (serial or identity) past the largest value."""
        qtable = self.quote_table(table)
        cursor = self.conn.connection.dbapi_connection.cursor()
        try:
            for column in columns:
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", (qtable, column))
                sequence = cursor.fetchone()[0]
                if sequence is None:
                    continue
                qcol = self.quote_identifier(column)
                qseq = self.codec.string_literal(sequence)
                # Below the sequence's minimum (a row a trigger needs, id 0): the sequence starts there.
                cursor.execute(  # no parameters: identifiers may contain '%'
                    f"SELECT setval({qseq}, GREATEST(MAX(t.{qcol}), s.seqmin), MAX(t.{qcol}) >= s.seqmin) "
                    f"FROM {qtable} AS t, pg_sequence s WHERE s.seqrelid = CAST({qseq} AS regclass) "
                    f"GROUP BY s.seqmin HAVING MAX(t.{qcol}) IS NOT NULL"
                )
        finally:
            cursor.close()


class _DriverPrintouts:
    """sys.stderr while a COPY streams: when the connection dies mid-COPY (a terminated
    backend), psycopg2 prints the chained driver errors to sys.stderr from C before it raises
    the error QueryNL reports in one line. Those writes have the COPY's caller as their
    innermost Python frame and are dropped; every other write (Rich, a signal handler's
    message) goes through."""

    def __init__(self, target: Any, caller: CodeType) -> None:
        self._target = target
        self._caller = caller

    def write(self, text: str) -> int:
        if sys._getframe(1).f_code is self._caller:
            return len(text)
        return self._target.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target, name)

    @classmethod
    @contextmanager
    def dropped(cls, caller: CodeType) -> Iterator[None]:
        original = sys.stderr
        sys.stderr = cls(original, caller)
        try:
            yield
        finally:
            sys.stderr = original


# Whether any of the tables (or their partitions) has a trigger of its own, a rule, or a
# foreign key added NOT VALID (rows it never checked would fail the verification) or MATCH FULL
# (the anti-join checks MATCH SIMPLE: a key with a NULL in it points nowhere, and is fine).
_TRIGGERS_OR_RULES = text(
    """
    WITH named AS (SELECT to_regclass(name) AS oid FROM unnest(CAST(:tables AS text[])) AS name),
    t AS (SELECT oid FROM named UNION SELECT p.relid FROM named, pg_partition_tree(named.oid) AS p)
    SELECT EXISTS (SELECT 1 FROM pg_trigger g JOIN t ON g.tgrelid = t.oid WHERE NOT g.tgisinternal)
        OR EXISTS (SELECT 1 FROM pg_rewrite r JOIN t ON r.ev_class = t.oid WHERE r.rulename <> '_RETURN')
        OR EXISTS (SELECT 1 FROM pg_constraint c JOIN t ON c.conrelid = t.oid
                   WHERE c.contype = 'f' AND (NOT c.convalidated OR c.confmatchtype = 'f'))
    """
)
# A schema of the user's, not PostgreSQL's own (names starting pg_ are reserved for it).
_USER_NAMESPACE = "n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'"


class PostgreSQL(Dialect):
    name = "postgresql"
    executor_class = PostgreSQLInsertionExecutor
    sqlglot_name = "postgres"
    display_name = "PostgreSQL"
    url_schemes = ("postgresql", "postgres")
    driver = "postgresql+psycopg2"  # SQLAlchemy 2.1 would pick psycopg 3 for postgresql://
    postpones_any_foreign_key = False  # only DEFERRABLE constraints
    key_checks_off = "session_replication_role = replica"
    trigger_query = (
        "SELECT n.nspname, c.relname, p.prosrc FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid "
        f"WHERE NOT t.tgisinternal AND {_USER_NAMESPACE} AND (t.tgtype & 4) <> 0"
    )
    trigger_names_query = (
        "SELECT trigger_name, action_timing || ' ' || string_agg(event_manipulation, ' OR ' "
        "ORDER BY event_manipulation) FROM information_schema.triggers "
        "WHERE event_object_schema = COALESCE(:schema, current_schema()) AND event_object_table = :table "
        "GROUP BY trigger_name, action_timing ORDER BY trigger_name"
    )

    # PostGIS geometry and geography columns, in whatever schema the extension lives:
    # format_type writes their shape and SRID (`gis.geometry(Polygon,4326)`); tables are named
    # as querynl.schema.qualified_name does (bare in the current schema).
    geometry_query = (
        "SELECT CASE WHEN n.nspname = current_schema() THEN c.relname "
        "ELSE n.nspname || '.' || c.relname END, a.attname, format_type(a.atttypid, a.atttypmod), NULL "
        "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        f"WHERE {_USER_NAMESPACE} AND a.attnum > 0 "
        "AND NOT a.attisdropped AND t.typname IN ('geometry', 'geography')"
    )

    def connect_args(self, url: URL, busy_timeout: float | None) -> dict[str, Any]:
        """The sessions show as `querynl` in pg_stat_activity unless the URL names them."""
        return {} if "application_name" in url.query else {"application_name": APPLICATION_NAME}

    def rounded(self, value: ColumnElement, scale: int) -> ColumnElement:
        """round(x, n) takes a numeric only: a sum of floats is cast first."""
        return func.round(cast(value, Numeric), scale)

    def postpone_check(self, conn: Connection, fk: ForeignKeyConfig, schema: str | None = None) -> None:
        """Only a DEFERRABLE constraint can be postponed (the planner breaks no other); its
        name is qualified by its table's schema (SET CONSTRAINTS looks in the search path)."""
        if fk.constraint_name:
            quote = conn.dialect.identifier_preparer.quote
            qualifier = f"{quote(schema)}." if schema is not None else ""
            conn.exec_driver_sql(f"SET CONSTRAINTS {qualifier}{quote(fk.constraint_name)} DEFERRED")

    def switch_off_key_checks(self, conn: Connection, tables: list[str]) -> bool:
        """`session_replication_role = replica` for this transaction: the foreign keys'
        internal triggers stop firing (COPY measured 2-2.5x faster on the chain). It stops
        user triggers and rules too, so only where the tables and their partitions have
        none; and only a superuser may set it (else False, checks stay on)."""
        if conn.execute(_TRIGGERS_OR_RULES, {"tables": tables}).scalar_one():
            return False
        try:
            with conn.begin_nested():
                conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        except DBAPIError:
            return False
        return True

    def user_schemas(self, conn: Connection) -> list[str]:
        """Every schema the user may use but PostgreSQL's own, the current one first."""
        return list(conn.execute(_USER_SCHEMAS).scalars())

    def extension_schemas(self, conn: Connection) -> set[str]:
        """The schemas an extension made its own (PostGIS's `topology`, `tiger`): a member
        of one, or the fixed home of one that cannot be relocated. A relocatable extension
        installed into an application's schema does not hide that schema's tables."""
        return set(conn.execute(_EXTENSION_SCHEMAS).scalars())

    def extension_tables(self, conn: Connection) -> set[tuple[str, str]]:
        """Tables that are members of an extension (PostGIS's `spatial_ref_sys`)."""
        return {(schema, name) for schema, name in conn.execute(_EXTENSION_TABLES)}

    def referred_schemas(self, conn: Connection) -> dict[tuple[str, str, str], str]:
        """From the catalog: the inspector leaves out a referred table's schema when that
        schema is on the search path, and a bare name there may be another schema's."""
        return {(schema, table, name): referred for schema, table, name, referred in conn.execute(_REFERRED)}

    def trigger_bodies(self, conn: Connection) -> Iterable[tuple[str, str]]:
        default = conn.dialect.default_schema_name
        rows = conn.execute(text(self.trigger_query))
        return [(qualified_name(schema, table, default), body or "") for schema, table, body in rows]

    def domain_types(self, conn: Connection) -> dict[str, str]:
        """Base types as written (`character varying(8)`): SQLAlchemy drops their arguments."""
        return {name: base for name, base in conn.execute(_DOMAIN_TYPES)}

    def column_autoincrement(self, raw: dict[str, Any]) -> bool:
        default = raw.get("default")
        return default is not None and str(default).lower().startswith("nextval(")

    def add_type_details(self, conn: Connection, tables: list[TableInfo]) -> None:
        """Columns of a type SQLAlchemy does not name ("other": bit, ranges, xml, isn, composites)
        get the catalog's name of their (domain's base) type, composites their attributes."""
        by_name = {t.name: t for t in tables}
        default = conn.dialect.default_schema_name
        for schema, table, column, type_text, fields in conn.execute(_COLUMN_TYPES):
            info = by_name.get(qualified_name(schema, table, default))
            col = next((c for c in info.columns if c.name == column), None) if info else None
            if col is None or col.kind != "other":
                continue
            col.type_name = type_text
            if fields:
                col.fields = [(name, attr_type) for name, attr_type in fields]

    def partition_bounds(self, conn: Connection) -> list[PartitionBound]:
        """A partition accepts the rows inside its bound, as check text."""
        default = conn.dialect.default_schema_name
        return [
            PartitionBound(
                qualified_name(child_schema, child, default),
                qualified_name(parent_schema, parent, default),
                _condition(keydef or "", bound or ""),
                (bound or "") == "DEFAULT",
            )
            for child_schema, child, parent_schema, parent, bound, keydef in conn.execute(_PARTITIONS)
        ]


_USER_SCHEMAS = text(
    f"SELECT n.nspname FROM pg_namespace n WHERE {_USER_NAMESPACE} AND has_schema_privilege(n.oid, 'USAGE') "
    "ORDER BY n.nspname IS DISTINCT FROM current_schema(), n.nspname"
)
_EXTENSION_SCHEMAS = text(
    f"""
    SELECT n.nspname FROM pg_namespace n
    WHERE {_USER_NAMESPACE} AND n.nspname IS DISTINCT FROM current_schema() AND (
        EXISTS (SELECT 1 FROM pg_extension e WHERE e.extnamespace = n.oid AND NOT e.extrelocatable)
        OR EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass
                   AND d.objid = n.oid AND d.deptype = 'e'))
    """
)
_EXTENSION_TABLES = text(
    """
    SELECT n.nspname, c.relname FROM pg_depend d
    JOIN pg_class c ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE d.deptype = 'e' AND c.relkind IN ('r', 'p', 'f')
    """
)
_REFERRED = text(
    f"""
    SELECT n.nspname, c.relname, con.conname, rn.nspname FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_class r ON r.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace
    WHERE con.contype = 'f' AND {_USER_NAMESPACE}
    """
)
_DOMAIN_TYPES = text("SELECT typname, format_type(typbasetype, typtypmod) FROM pg_type WHERE typtype = 'd'")
# Each column's type (a domain's base type), and a composite type's attributes as (name, type).
_COLUMN_TYPES = text(
    f"""
    SELECT n.nspname, c.relname, a.attname, format_type(base.oid, CASE WHEN t.typtype = 'd' THEN t.typtypmod
                                                         ELSE a.atttypmod END),
           (SELECT array_agg(ARRAY[f.attname::text, format_type(f.atttypid, f.atttypmod)]
                             ORDER BY f.attnum)
            FROM pg_attribute f WHERE base.typtype = 'c' AND f.attrelid = base.typrelid
            AND f.attnum > 0 AND NOT f.attisdropped)
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid
    JOIN pg_type base ON base.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
    WHERE {_USER_NAMESPACE} AND c.relkind IN ('r', 'p')
    AND a.attnum > 0 AND NOT a.attisdropped
    """
)
_PARTITIONS = text(
    f"""
    SELECT n.nspname, child.relname, pn.nspname, parent.relname,
           pg_get_expr(child.relpartbound, child.oid), pg_get_partkeydef(parent.oid)
    FROM pg_inherits i
    JOIN pg_class child ON child.oid = i.inhrelid
    JOIN pg_class parent ON parent.oid = i.inhparent
    JOIN pg_namespace n ON n.oid = child.relnamespace
    JOIN pg_namespace pn ON pn.oid = parent.relnamespace
    WHERE child.relispartition AND {_USER_NAMESPACE}
    """
)
_PARTITION_KEY = re.compile(r"^(RANGE|LIST)\s*\(\s*([A-Za-z_][\w$]*|\"[^\"]+\")\s*\)$", re.I)
_RANGE = re.compile(r"^FOR VALUES FROM \((.+)\) TO \((.+)\)$", re.I | re.S)
_LIST = re.compile(r"^FOR VALUES IN \((.+)\)$", re.I | re.S)


def _condition(keydef: str, bound: str) -> str | None:
    key = _PARTITION_KEY.match(keydef.strip())
    if key is None:
        return None  # hash or multi-column keys: rows are still attempted
    column = key.group(2)
    if match := _RANGE.match(bound.strip()):
        parts = [f"{column} >= {match.group(1)}"] if "MINVALUE" not in match.group(1).upper() else []
        parts += [f"{column} < {match.group(2)}"] if "MAXVALUE" not in match.group(2).upper() else []
        return " AND ".join(parts) or None
    if match := _LIST.match(bound.strip()):
        return f"{column} IN ({match.group(1)})"
    return None
