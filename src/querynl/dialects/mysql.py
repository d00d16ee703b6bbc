"""MySQL/MariaDB: backslash escapes unless NO_BACKSLASH_ESCAPES; LOAD DATA or multi-row INSERTs.

Batches go by LOAD DATA LOCAL INFILE where the server allows it and the table's column types
are ones a TSV field writes exactly (`mysql_infile`), else as multi-row INSERTs rendered by the
codec's literals, sized to max_allowed_packet; the row-by-row retry uses PyMySQL's bound
parameters. Both follow NO_BACKSLASH_ESCAPES from
the server status flag of the last reply, so they stay right if sql_mode changes.
Introspection adds the column CHECKs MariaDB keeps where SQLAlchemy does not look.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import bindparam, event, text
from sqlalchemy.engine import URL, Connection, Engine

from querynl.dialects.base import APPLICATION_NAME, Dialect, PartitionBound, spatial_columns
from querynl.dialects.mysql_infile import (
    LOAD_PATH,
    ROWS_PER_LOAD,
    InfileLoader,
    TsvBatch,
    refusal,
    tsv_escape,
    tsv_plain,
    tsv_types_admitted,
)
from querynl.geometry import SPATIAL_TYPE_NAMES
from querynl.loading.codec import Encoder, ValueCodec, compile_rendering, constant, number_text
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
from querynl.schema import CheckInfo, SpatialType, TableInfo, TableLocation, default_location

_BY_ERRNO = {
    1062: ErrorType.UNIQUE_VIOLATION,
    1586: ErrorType.UNIQUE_VIOLATION,
    1216: ErrorType.FOREIGN_KEY_VIOLATION,
    1452: ErrorType.FOREIGN_KEY_VIOLATION,
    1048: ErrorType.NOT_NULL_VIOLATION,
    1364: ErrorType.NOT_NULL_VIOLATION,
    3819: ErrorType.CHECK_VIOLATION,  # MySQL 8
    4025: ErrorType.CHECK_VIOLATION,  # MariaDB
    1644: ErrorType.TRIGGER_REJECTION,  # SIGNAL SQLSTATE '45000' (in a trigger)
    **dict.fromkeys((1264, 1265, 1292, 1300, 1366, 1367, 1406, 1411, 1416, 3140, 4078), ErrorType.DATA_ERROR),
}
# Server and client error numbers that end a run.
_FAULTS = {
    **dict.fromkeys((1053, 1927, 2006, 2013, 2014, 2055), FaultKind.CONNECTION_LOST),
    1969: FaultKind.STATEMENT_TIMEOUT,  # MariaDB max_statement_time
    3024: FaultKind.STATEMENT_TIMEOUT,  # MySQL max_execution_time
    1205: FaultKind.LOCK_TIMEOUT,
    1213: FaultKind.DEADLOCK,  # InnoDB has rolled the whole transaction back
    1153: FaultKind.PACKET_TOO_LARGE,
    1301: FaultKind.PACKET_TOO_LARGE,  # a result bigger than max_allowed_packet
    1021: FaultKind.DISK_FULL,
    1114: FaultKind.DISK_FULL,  # the table is full
    1041: FaultKind.OUT_OF_MEMORY,
}
_CONSTRAINT = re.compile(r"(?:for key|CONSTRAINT|Check constraint) [`']([^`']+)[`']")
_COLUMN = re.compile(r"(?:FOREIGN KEY \(|[Cc]olumn |Field )(?:`[^`]*`\.)*[`']([^`']+)[`'](?:\)|(?! *,))")
MAX_STATEMENT_BYTES = 4 << 20  # bigger statements measured no faster
SERVER_STATUS_NO_BACKSLASH_ESCAPES = 512  # MySQL protocol server status flag
_LOAD_LOCAL = re.compile(
    r"\s*(?:/\*.*?\*/\s*)*LOAD\s+(?:DATA|XML)\s+(?:(?:LOW_PRIORITY|CONCURRENT)\s+)?LOCAL\b", re.I | re.S
)
_UNASKED = object()


def _packets(literals: Iterable[str], room: int) -> Iterator[str]:
    """Join row literals into VALUES lists of at most `room` bytes each."""
    batch: list[str] = []
    size = 0
    for literal in literals:
        length = len(literal) if literal.isascii() else len(literal.encode())
        if batch and size + length + 2 > room:
            yield ",\n".join(batch)
            batch, size = [], 0
        batch.append(literal)
        size += length + 2
    if batch:
        yield ",\n".join(batch)


class MySQLCodec(ValueCodec):
    """Strings follow the session's NO_BACKSLASH_ESCAPES; the rest are the defaults."""

    dialect = "mysql"

    def __init__(self, driver: Any) -> None:
        self._driver = driver  # anything with PyMySQL's `server_status`
        super().__init__()
        self.tsv_field, self._tsv_types = compile_rendering(self.tsv_encoders(), self._no_tsv)

    @classmethod
    def for_connection(cls, conn: Connection) -> MySQLCodec:
        return cls(conn.connection.dbapi_connection)

    @property
    def backslash_escapes(self) -> bool:
        """From the status flag of the server's last reply, as PyMySQL's own escaping does,
        so literals stay right even if sql_mode changes during the session."""
        return not self._driver.server_status & SERVER_STATUS_NO_BACKSLASH_ESCAPES

    def string_literal(self, text: str) -> str:
        if self.backslash_escapes:
            text = text.replace("\\", "\\\\").replace("\0", "\\0")
        return super().string_literal(text)

    # A geometry column takes only geometry values: the stored form (SRID + WKB) as binary
    # is one, on MySQL and MariaDB alike (ST_GeomFromText would read SRID 4326 as
    # latitude-longitude on MySQL 8). Literals are X'..' hex, bound values bytes.

    def literal_encoders(self) -> dict[str, Encoder]:
        bytes_literal = self.bytes_literal_form.format
        return {
            **super().literal_encoders(),
            "geometry": lambda value: bytes_literal(value.mysql_internal.hex()),
        }

    def param_encoders(self) -> dict[str, Encoder]:
        return {**super().param_encoders(), "geometry": lambda value: value.mysql_internal}

    # LOAD DATA's TSV fields: the literal's text without quotes, strings escaped for
    # ESCAPED BY '\\', NULL as \N; bytes, arrays and shapes have no exact text form there.

    def tsv_encoders(self) -> dict[str, Encoder]:
        return {
            "null": constant("\\N"),
            "text": tsv_escape,
            "int": int.__repr__,
            "bool": {False: "0", True: "1"}.__getitem__,
            "decimal": number_text,
            "float": number_text,
            "interval": self.interval_text,
            **self.temporal_encoders(),  # ISO text: nothing to escape
        }

    def tsv_column(self, column: Sequence[Any]) -> Sequence[str]:
        """One column's TSV fields. Text with nothing to escape is written as it is."""
        types = value_types(column)
        if str in types and types <= {str, NULL_TYPE} and tsv_plain("".join(filter(None, column))):
            return column if NULL_TYPE not in types else ["\\N" if v is None else v for v in column]
        return render_column(column, self.tsv_field, self._tsv_types, self._naive)

    def _no_tsv(self, value: Any) -> str:
        raise TypeError(f"cannot write {type(value).__name__} as a LOAD DATA field")


class MySQLInsertionExecutor(BaseInsertionExecutor):
    codec_class = MySQLCodec
    batch_size = 1_000
    placeholder = "%s"
    bulk_path = "executemany"
    loader_path = "multi-row INSERT"
    rows_per_load = ROWS_PER_LOAD

    def __init__(self, conn: Connection, locate: Callable[[str], TableLocation] = default_location) -> None:
        super().__init__(conn, locate)
        self._infile_refusal: str | None | object = _UNASKED
        packet = conn.exec_driver_sql("SELECT @@max_allowed_packet").scalar_one()
        # Statements must fit max_allowed_packet; leave room for the header.
        self.max_statement_bytes = min(max(int(packet) - 1024, int(packet) // 2), MAX_STATEMENT_BYTES)
        # Our ids are always explicit: a 0 in an AUTO_INCREMENT column is key 0 (a row a trigger
        # needs, such as roles.id = 0), not "the next id".
        mode = conn.exec_driver_sql("SELECT @@SESSION.sql_mode").scalar_one() or ""
        if "NO_AUTO_VALUE_ON_ZERO" not in mode.upper().split(","):
            wanted = ",".join(filter(None, [mode, "NO_AUTO_VALUE_ON_ZERO"]))
            conn.exec_driver_sql("SET SESSION sql_mode = %s", (wanted,))

    @property
    def backslash_escapes(self) -> bool:
        return self.codec.backslash_escapes

    def _bulk_insert(self, cursor: Any, template: str, rows: list[tuple]) -> None:
        cursor.max_stmt_length = self.max_statement_bytes
        cursor.executemany(template, rows)

    def _batch_loader(self, table: str, columns: Sequence[str], overriding: bool) -> Loader | None:
        """LOAD DATA LOCAL INFILE where it loads the table exactly as INSERT would, else
        multi-row INSERTs rendered by the (exact) literal builder: measured ~25% faster than
        PyMySQL's per-value escaping in executemany."""
        if not columns:
            return None
        if self.infile_refusal is None and self._tsv_exact(table, columns):
            return self._infile_loader(table, columns)
        return self._statements_loader(table, columns, overriding)

    @property
    def infile_refusal(self) -> str | None:
        """Why LOAD DATA LOCAL cannot run on this connection (None: it can); asked once."""
        if self._infile_refusal is _UNASKED:
            driver = self.conn.connection.dbapi_connection
            self._infile_refusal = refusal(driver, self._server_allows_local)
        return self._infile_refusal

    def _server_allows_local(self) -> bool:
        return bool(int(self.conn.exec_driver_sql("SELECT @@GLOBAL.local_infile").scalar_one()))

    def _tsv_exact(self, table: str, columns: Sequence[str]) -> bool:
        cursor = self.conn.connection.dbapi_connection.cursor()
        try:
            return tsv_types_admitted(cursor, self.locate(table), columns)
        finally:
            cursor.close()

    def _infile_loader(self, table: str, columns: Sequence[str]) -> Loader:
        names = ", ".join(self.quote_identifier(c) for c in columns)
        target = f"INTO TABLE {self.quote_table(table)} CHARACTER SET utf8mb4"

        def statement(path: str) -> str:  # literals follow NO_BACKSLASH_ESCAPES at each call
            quoted = self.codec.string_literal
            fields = f"FIELDS TERMINATED BY {quoted(chr(9))} ENCLOSED BY '' ESCAPED BY {quoted(chr(92))}"
            lines = f"LINES STARTING BY '' TERMINATED BY {quoted(chr(10))}"
            return f"LOAD DATA LOCAL INFILE {quoted(path)} {target} {fields} {lines} ({names})"

        send = InfileLoader(statement, self.conn.connection.dbapi_connection)
        return Loader(LOAD_PATH, Encoding("tsv"), send, rows=self.rows_per_load)

    def encode_tsv(self, rows: Sequence[Row]) -> TsvBatch:
        """The rows as LOAD DATA's TSV text, with their count."""
        return TsvBatch(len(rows), "".join(self.tsv_lines(rows)))

    def tsv_lines(self, rows: Sequence[Row]) -> Iterator[str]:
        """The rows as LOAD DATA's TSV lines, the values encoded column by column;
        ValueError/TypeError for a value it cannot write."""
        if not rows:
            return iter(())
        columns = map(self.codec.tsv_column, zip(*rows, strict=True))
        return map("{}\n".format, map("\t".join, zip(*columns, strict=True)))

    def _statements_loader(self, table: str, columns: Sequence[str], overriding: bool) -> Loader:
        prefix = f"{self._insert_prefix(table, columns, overriding)} VALUES\n"
        refused = self.infile_refusal
        path = self.loader_path if refused is None else f"{self.loader_path} ({refused})"

        def send(cursor: Any, statements: list[str]) -> None:
            for statement in statements:
                cursor.execute(statement)  # no parameters: nothing is %-formatted

        return Loader(path, Encoding("statements", (prefix, self.max_statement_bytes)), send)

    def encode_statements(self, prefix: str, limit: int, rows: Sequence[Row]) -> list[str]:
        """The rows as multi-row INSERTs of at most `limit` bytes each."""
        room = limit - len(prefix.encode())
        return [prefix + values for values in _packets(self._row_literals(rows), room)]

    def _row_literals(self, rows: Sequence[Row]) -> Iterator[str]:
        """Each row's VALUES item; the values rendered column by column."""
        if not rows or not rows[0]:
            return iter(["()"] * len(rows))
        columns = map(self.codec.literal_column, zip(*rows, strict=True))
        return map("({})".format, map(", ".join, zip(*columns, strict=True)))

    def _message(self, exc: BaseException) -> str:
        """PyMySQL's str() is the (errno, text) tuple; keep the text."""
        return first_line(Exception(exc.args[1])) if len(exc.args) > 1 else first_line(exc)

    @classmethod
    def fault(cls, exc: BaseException, conn: Connection) -> Fault | None:
        errno = exc.args[0] if exc.args and isinstance(exc.args[0], int) else None
        kind = _FAULTS.get(errno)
        if kind is not None:
            text = exc.args[1] if len(exc.args) > 1 else str(exc)
            return Fault(kind, first_line(Exception(text)))
        return lost_connection(exc, conn)

    def _classify(self, exc: Exception) -> Classification:
        errno = exc.args[0] if exc.args and isinstance(exc.args[0], int) else None
        message = self._message(exc)
        constraint = _CONSTRAINT.search(message)
        column = _COLUMN.search(message)
        return (
            _BY_ERRNO.get(errno, ErrorType.OTHER),
            constraint.group(1).rsplit(".", 1)[-1] if constraint else None,
            (column.group(1),) if column else (),
        )


class MySQL(Dialect):
    """MySQL and MariaDB (SQLAlchemy names both "mysql")."""

    name = "mysql"
    executor_class = MySQLInsertionExecutor
    sqlglot_name = "mysql"
    display_name = "MariaDB/MySQL"
    url_schemes = ("mysql", "mariadb")
    driver = "mysql+pymysql"
    url_query = {"charset": "utf8mb4"}
    partitions_are_tables = False
    trigger_query = (
        "SELECT EVENT_OBJECT_TABLE, ACTION_STATEMENT FROM information_schema.TRIGGERS "
        "WHERE TRIGGER_SCHEMA = DATABASE() AND EVENT_MANIPULATION = 'INSERT'"
    )
    trigger_names_query = (
        "SELECT TRIGGER_NAME, CONCAT(ACTION_TIMING, ' ', EVENT_MANIPULATION) "
        "FROM information_schema.TRIGGERS "
        "WHERE EVENT_OBJECT_SCHEMA = COALESCE(:schema, DATABASE()) AND EVENT_OBJECT_TABLE = :table "
        "ORDER BY TRIGGER_NAME"
    )
    transactional_ddl = False  # DDL commits the transaction it is in
    no_schemas_note = "MySQL has no schemas apart from databases; \\c to another database to see its tables."

    def refused_statement(self, sql: str) -> str | None:
        """LOAD DATA LOCAL: the driver sends a file only for QueryNL's own loads (mysql_infile),
        and would leave the connection out of step with the server on anyone else's."""
        if _LOAD_LOCAL.match(sql):
            return (
                "LOAD DATA LOCAL is not sent from QueryNL (the driver sends files of this machine "
                "only for QueryNL's own loads); use the mysql client, or LOAD DATA INFILE for a "
                "file on the server"
            )
        return None

    def connect_args(self, url: URL, busy_timeout: float | None) -> dict[str, Any]:
        """The sessions' program_name (performance_schema.session_connect_attrs), and the
        LOAD DATA LOCAL capability unless the URL sets `local_infile` itself."""
        args: dict[str, Any] = {"program_name": APPLICATION_NAME}
        if "local_infile" not in url.query:
            args["local_infile"] = True
        return args

    def configure_engine(self, engine: Engine) -> None:
        """Each connection keeps the capability but sends no file until a loader asks: PyMySQL
        would send any file a server names, after any statement (`mysql_infile`)."""
        event.listen(engine, "connect", _send_no_files)

    def postpone_check(self, conn: Connection, fk: ForeignKeyConfig, schema: str | None = None) -> None:
        conn.exec_driver_sql("SET FOREIGN_KEY_CHECKS = 0")

    def resume_check(self, conn: Connection) -> None:
        conn.exec_driver_sql("SET FOREIGN_KEY_CHECKS = 1")

    def column_autoincrement(self, raw: dict[str, Any]) -> bool:
        return raw.get("autoincrement") is True

    def create_schema(self, engine: Engine, statements: Sequence[tuple[str, str | None]]) -> None:
        """MySQL and MariaDB commit each DDL statement on its own: run them in order and, when
        one fails, drop the tables this run created (newest first) before raising."""
        created: list[str] = []
        with engine.connect() as conn:
            try:
                for statement, table in statements:
                    conn.exec_driver_sql(statement)
                    if table is not None:
                        created.append(table)
            except Exception:
                quote = conn.dialect.identifier_preparer.quote
                conn.rollback()
                for table in reversed(created):
                    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {quote(table)}")
                conn.commit()
                raise
            conn.commit()

    def finish_table(self, table: TableInfo) -> None:
        """BIT(1) holds a flag, BIT(n) an unsigned n-bit number (written as an integer); a
        DATETIME, TIMESTAMP or TIME without a fraction keeps whole seconds."""
        for col in table.columns:
            if col.kind in ("datetime", "time") and col.precision is None:
                col.precision = 0
            if col.kind != "other" or col.type_name.upper() != "BIT":
                continue
            width = col.length or 1
            if width == 1:
                col.kind = "boolean"
            else:
                col.kind, col.int_min, col.int_max = "integer", 0, 2**width - 1

    def partition_bounds(self, conn: Connection) -> list[PartitionBound]:
        """RANGE and LIST partitions on one column, as check text; HASH and KEY take any row."""
        listed: dict[tuple[str, str], tuple[str, str, str | None]] = {}
        for table, partition, method, expression, description in conn.execute(_PARTITIONS):
            listed.setdefault((table, partition), (method or "", expression or "", description))
        bounds, previous = [], {}
        for (table, partition), (method, expression, description) in listed.items():
            condition = _partition_condition(method, expression, description, previous.get(table))
            previous[table] = description
            bounds.append(PartitionBound(partition, table, condition))
        return bounds

    def geometry_columns(self, conn: Connection, tables: list[str]) -> dict[tuple[str, str], SpatialType]:
        """Spatial columns by their data type; the SRID from MariaDB's GEOMETRY_COLUMNS
        (REF_SYSTEM_ID) or MySQL 8's COLUMNS.SRS_ID."""
        query = _MARIADB_GEOMETRY if conn.dialect._is_mariadb else _MYSQL_GEOMETRY
        return spatial_columns(conn.execute(query, {"types": list(SPATIAL_TYPE_NAMES)}), tables)

    def add_missed_checks(self, conn: Connection, tables: list[TableInfo]) -> None:
        """Add the checks the inspector missed; `json_valid(col)` marks a MariaDB JSON column."""
        by_name = {t.name: t for t in tables}
        for table_name, name, clause in _listed_checks(conn):
            info = by_name.get(table_name)
            if info is None or not clause:
                continue
            json_column = _JSON_VALID.match(clause)
            if json_column and json_column.group(1) in {c.name for c in info.columns}:
                info.column(json_column.group(1)).kind = "json"
                continue
            if _squash(clause) not in {_squash(c.sqltext) for c in info.check_constraints}:
                info.check_constraints.append(CheckInfo(name=name, sqltext=clause))


def _send_no_files(driver: Any, _record: Any) -> None:
    if hasattr(driver, "_local_infile"):
        driver._local_infile = False


# MariaDB writes a column's own CHECK inside the column definition, where SQLAlchemy's
# reflection does not look; information_schema lists every check (MySQL 8 without TABLE_NAME).
_MARIADB_CHECKS = text(
    "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
    "WHERE CONSTRAINT_SCHEMA = DATABASE()"
)
_MYSQL_CHECKS = text(
    "SELECT t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS c "
    "JOIN information_schema.TABLE_CONSTRAINTS t ON t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA "
    "AND t.CONSTRAINT_NAME = c.CONSTRAINT_NAME AND t.CONSTRAINT_TYPE = 'CHECK' "
    "WHERE c.CONSTRAINT_SCHEMA = DATABASE()"
)
_MARIADB_GEOMETRY = text(
    "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, g.SRID FROM information_schema.COLUMNS c "
    "LEFT JOIN information_schema.GEOMETRY_COLUMNS g ON g.G_TABLE_SCHEMA = c.TABLE_SCHEMA "
    "AND g.G_TABLE_NAME = c.TABLE_NAME AND g.G_GEOMETRY_COLUMN = c.COLUMN_NAME "
    "WHERE c.TABLE_SCHEMA = DATABASE() AND c.DATA_TYPE IN :types"
).bindparams(bindparam("types", expanding=True))
_MYSQL_GEOMETRY = text(
    "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, SRS_ID FROM information_schema.COLUMNS "
    "WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE IN :types"
).bindparams(bindparam("types", expanding=True))
_JSON_VALID = re.compile(r"^\s*json_valid\(\s*`?([^`()]+)`?\s*\)\s*$", re.I)


def _listed_checks(conn: Connection) -> list[tuple[str, str, str]]:
    query = _MARIADB_CHECKS if conn.dialect._is_mariadb else _MYSQL_CHECKS
    try:
        with conn.begin_nested():
            return [tuple(row) for row in conn.execute(query)]
    except Exception:  # noqa: BLE001 - servers before CHECK support: the inspector's checks stand
        return []


_PARTITIONS = text(
    "SELECT TABLE_NAME, PARTITION_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, PARTITION_DESCRIPTION "
    "FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL "
    "ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION"
)
_PARTITION_COLUMN = re.compile(r"^\s*(`[^`]+`|[A-Za-z_][\w$]*)\s*$")


def _partition_condition(
    method: str, expression: str, description: str | None, below: str | None
) -> str | None:
    """A RANGE partition holds [the previous partition's bound, its own); a LIST one its values.
    None for HASH/KEY, an expression or several columns (rows are still attempted)."""
    column = _PARTITION_COLUMN.match(expression)
    kind = method.upper().split()[0] if method else ""
    if column is None or description is None or kind not in ("RANGE", "LIST"):
        return None
    name = column.group(1)
    if kind == "LIST":
        return f"{name} IN ({description})"
    parts = [] if below is None or below.upper() == "MAXVALUE" else [f"{name} >= {below}"]
    parts += [] if description.upper() == "MAXVALUE" else [f"{name} < {description}"]
    return " AND ".join(parts) or None


def _squash(sqltext: str) -> str:
    return re.sub(r"[\s`()]", "", sqltext).lower()
