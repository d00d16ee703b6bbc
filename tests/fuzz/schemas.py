"""Random schemas for the fuzzer, drawn with Hypothesis and rendered as DDL per dialect.

A schema is a few tables built from the constraint classes the engine handles: integer
keys, foreign keys to earlier tables (NOT NULL or nullable), nullable foreign keys to later
tables (cycles), self-references (nullable roots or NOT NULL), one-to-one links (several in
one table), junction tables (of two tables, or of one table with itself under a CHECK on the
pair), overlapping foreign keys to one parent, single and composite UNIQUEs (one holding a
self-reference, one holding a column with a DEFAULT), CHECKs (ranges, IN lists, character
and byte lengths, comparisons of two columns, a conditional CASE, lower/upper/trim, LIKE,
dates), DEFAULTs, tiny unique ranges, the common column types under names the planner's
rules recognise and names they don't, types of one database (bit strings, ranges, JSON,
tsvector, money, XML, intervals; MySQL YEAR, SET, BIT) and, on PostgreSQL, tables in a
second schema with keys across.
Foreign keys are added after every table exists (ALTER TABLE), inline on SQLite.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from hypothesis import strategies as st

DIALECT_TYPES = {
    "sqlite": {
        "id": "INTEGER PRIMARY KEY",
        "ts": "DATETIME",
        "len": "length",
        "int": "INTEGER",
        "bin": "BLOB",
        "blen": "length",
        **{"bits": "INTEGER", "span": "TEXT", "doc": "TEXT", "words": "TEXT", "cash": "NUMERIC"},
        **{"year": "INTEGER", "tags": "TEXT", "period": "TEXT", "markup": "TEXT", "stamp": "TEXT"},
    },
    "postgresql": {
        "id": "SERIAL PRIMARY KEY",
        "ts": "TIMESTAMP",
        "len": "char_length",
        "int": "INTEGER",
        "bin": "BYTEA",
        "blen": "octet_length",
        **{"bits": "BIT(8)", "span": "INT4RANGE", "doc": "JSONB", "words": "TSVECTOR", "cash": "MONEY"},
        **{"year": "SMALLINT", "tags": "VARBIT(12)", "period": "INTERVAL", "markup": "XML"},
        "stamp": "TSTZRANGE",
    },
    "mysql": {
        "id": "INT AUTO_INCREMENT PRIMARY KEY",
        "ts": "DATETIME",
        "len": "char_length",
        "int": "INT",
        "bin": "VARBINARY(32)",
        "blen": "length",
        **{"bits": "BIT(8)", "span": "VARCHAR(30)", "doc": "JSON", "words": "TEXT", "cash": "DECIMAL(12, 2)"},
        **{"year": "YEAR", "tags": "SET('red', 'green', 'blue')", "period": "TIME", "markup": "TEXT"},
        "stamp": "DATETIME",
    },
}

# (name, type, CHECK with {c} for the column and {len} for the length function, or "")
COLUMN_KINDS = [
    ("name", "VARCHAR(80)", ""),
    ("email", "VARCHAR(120)", ""),
    ("title", "VARCHAR(200)", "{len}({c}) >= 3"),
    ("description", "TEXT", ""),
    ("code", "VARCHAR(12)", ""),
    ("price", "DECIMAL(10, 2)", "{c} >= 0"),
    ("quantity", "{int}", "{c} BETWEEN 1 AND 500"),
    ("rating", "SMALLINT", "{c} IN (1, 2, 3, 4, 5)"),
    ("status", "VARCHAR(20)", "{c} IN ('new', 'active', 'closed')"),
    ("created_at", "{ts}", ""),
    ("birth_date", "DATE", ""),
    ("is_active", "BOOLEAN", ""),
    ("score", "REAL", "{c} >= 0 AND {c} <= 100"),
    ("zorp", "VARCHAR(30)", ""),  # a name no rule knows
    ("blip", "{int}", "{c} > 10"),
    ("digest", "{bin}", "{blen}({c}) = 16"),
    ("label", "VARCHAR(30)", "{c} = lower({c})"),
    ("kind", "VARCHAR(5)", "upper({c}) IN ('A', 'B')"),
    ("contact", "VARCHAR(80)", "{c} LIKE '%@%' AND {c} NOT LIKE '% %'"),
    ("nickname", "VARCHAR(40)", "{len}(trim({c})) > 0"),
    ("due_on", "DATE", "{c} > '2000-01-01'"),
    ("slot", "SMALLINT", "{c} BETWEEN 1 AND 5"),
    # types of one database (a plain type elsewhere): bit strings, ranges, JSON, tsvector, money,
    # YEAR, SET, intervals, XML
    ("flags", "{bits}", ""),
    ("seats", "{span}", ""),
    ("payload", "{doc}", ""),
    ("search_terms", "{words}", ""),
    ("fee", "{cash}", ""),
    ("model_year", "{year}", ""),
    ("colours", "{tags}", ""),
    ("lead_time", "{period}", ""),
    ("feed", "{markup}", ""),
    ("booking", "{stamp}", ""),
]
DEFAULTS = {"status": "'new'", "quantity": "1", "is_active": "TRUE", "created_at": "CURRENT_TIMESTAMP"}


@dataclass
class Column:
    name: str
    type: str
    nullable: bool
    unique: bool = False
    check: str = ""
    default: str | None = None


@dataclass
class ForeignKey:
    column: str
    parent: str
    nullable: bool
    unique: bool = False


@dataclass
class Table:
    name: str
    columns: list[Column]
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    composite_unique: tuple[str, ...] | None = None
    pair_check: tuple[str, str, str] | None = None  # (first, operator, second)
    junction: bool = False  # primary key = its two foreign keys
    conditional: tuple[str, str] | None = None  # exactly one of two nullable columns is set
    overlapping: str | None = None  # a parent whose (id, code) a composite key also references
    unique_id_code: bool = False  # UNIQUE (id, code): a composite key may reference it
    namespace: str | None = None  # on PostgreSQL, the table lives in this schema, not public


@dataclass
class Schema:
    tables: list[Table]

    def render(self, dialect: str) -> list[str]:
        words = DIALECT_TYPES[dialect]
        where = {t.name: t.namespace for t in self.tables if t.namespace and dialect == "postgresql"}

        def ref(name: str) -> str:  # a table of another PostgreSQL schema is named by it
            return f"{where[name]}.{name}" if name in where else name

        schemas = [f"CREATE SCHEMA {s}" for s in sorted(set(where.values()))]
        creates = [_create(t, words, dialect == "sqlite", ref) for t in self.tables]
        if dialect == "sqlite":
            return creates
        alters = [_alter(t, fk, n, ref) for t in self.tables for n, fk in enumerate(t.foreign_keys)]
        alters += [
            f"ALTER TABLE {ref(t.name)} ADD {_overlapping_key(t, ref)}" for t in self.tables if t.overlapping
        ]
        return schemas + creates + alters


def _column_sql(col: Column, words: dict[str, str]) -> str:
    parts = [col.name, col.type.format(**words)]
    if col.default is not None:
        parts.append(f"DEFAULT {col.default}")
    parts.append("NULL" if col.nullable else "NOT NULL")
    if col.unique:
        parts.append("UNIQUE")
    if col.check:
        parts.append(f"CHECK ({col.check.format(c=col.name, **words)})")
    return " ".join(parts)


def _create(table: Table, words: dict[str, str], inline_keys: bool, ref: Callable[[str], str]) -> str:
    lines = [] if table.junction else [f"id {words['id']}"]
    lines += [_column_sql(c, words) for c in table.columns]
    for fk in table.foreign_keys:
        null = "NULL" if fk.nullable else "NOT NULL"
        lines.append(f"{fk.column} {words['int']} {null}" + (" UNIQUE" if fk.unique else ""))
    if table.junction:
        lines.append(f"PRIMARY KEY ({', '.join(fk.column for fk in table.foreign_keys)})")
    if table.unique_id_code:
        lines.append("UNIQUE (id, code)")
    if table.composite_unique:
        lines.append(f"UNIQUE ({', '.join(table.composite_unique)})")
    if table.pair_check:
        lines.append("CHECK ({} {} {})".format(*table.pair_check))
    if table.conditional:
        a, b = table.conditional
        lines.append(f"CHECK (CASE WHEN {a} IS NULL THEN {b} IS NOT NULL ELSE {b} IS NULL END)")
    if inline_keys:
        lines += [f"FOREIGN KEY ({fk.column}) REFERENCES {ref(fk.parent)}(id)" for fk in table.foreign_keys]
        if table.overlapping:
            lines.append(_overlapping_key(table, ref))
    return f"CREATE TABLE {ref(table.name)} (\n    " + ",\n    ".join(lines) + "\n)"


def _alter(table: Table, fk: ForeignKey, number: int, ref: Callable[[str], str]) -> str:
    name = f"fk_{table.name}_{number}"
    key = f"FOREIGN KEY ({fk.column}) REFERENCES {ref(fk.parent)}(id)"
    return f"ALTER TABLE {ref(table.name)} ADD CONSTRAINT {name} {key}"


def _overlapping_key(table: Table, ref: Callable[[str], str]) -> str:
    """(parent_id, parent_code) -> parent (id, code), beside parent_id -> parent (id)."""
    parent = table.overlapping
    return f"FOREIGN KEY ({parent}_id, {parent}_code) REFERENCES {ref(parent)}(id, code)"


@st.composite
def columns(draw) -> list[Column]:
    kinds = draw(st.lists(st.sampled_from(COLUMN_KINDS), min_size=1, max_size=5, unique_by=lambda k: k[0]))
    out = []
    for name, sql_type, check in kinds:
        nullable = draw(st.booleans())
        unique = name in ("email", "code", "name", "slot", "digest") and draw(st.booleans())
        default = DEFAULTS.get(name) if draw(st.integers(0, 3)) == 0 else None
        out.append(Column(name, sql_type, nullable, unique, check if draw(st.booleans()) else "", default))
    return out


@st.composite
def schemas(draw) -> Schema:
    count = draw(st.integers(2, 5))
    tables: list[Table] = []
    for number in range(count):
        table = Table(f"t{number}", draw(columns()))
        table.namespace = "extra" if draw(st.integers(0, 3)) == 0 else None
        _draw_keys(draw, table, tables)
        _draw_table_rules(draw, table)
        tables.append(table)
    if draw(st.booleans()) and len(tables) >= 2:  # a junction of two tables
        a, b = draw(st.lists(st.sampled_from(tables), min_size=2, max_size=2, unique_by=lambda t: t.name))
        keys = [ForeignKey(f"{a.name}_id", a.name, False), ForeignKey(f"{b.name}_id", b.name, False)]
        tables.append(Table(f"j{len(tables)}", [], keys, junction=True))
    plain = [t for t in tables if not t.junction]
    if draw(st.integers(0, 3)) == 0:  # a junction of a table with itself: a CHECK on the pair
        tables.append(_self_junction(draw, draw(st.sampled_from(plain)), len(tables)))
    if draw(st.booleans()) and len(plain) >= 2:  # a nullable key to a later table closes a cycle
        plain[0].foreign_keys.append(ForeignKey(f"{plain[-1].name}_ref", plain[-1].name, True))
    return Schema(tables)


def _self_junction(draw, parent: Table, number: int) -> Table:
    a, b = f"{parent.name}_a_id", f"{parent.name}_b_id"
    table = Table(f"j{number}", [], [ForeignKey(a, parent.name, False), ForeignKey(b, parent.name, False)])
    table.junction = True
    table.pair_check = (a, draw(st.sampled_from(["<>", "<"])), b)
    return table


def _draw_keys(draw, table: Table, earlier: list[Table]) -> None:
    for parent in earlier:
        if parent.junction or not draw(st.booleans()):
            continue
        nullable = draw(st.booleans())
        one_to_one = draw(st.integers(0, 4)) == 0  # several in one table: each drawn distinct
        table.foreign_keys.append(ForeignKey(f"{parent.name}_id", parent.name, nullable, one_to_one))
        codes = [c for c in parent.columns if c.name == "code"]
        if codes and not table.overlapping and draw(st.integers(0, 2)) == 0:
            parent.unique_id_code = True  # (b1) and (b1, b2) to one parent: drawn from one row
            table.columns.append(Column(f"{parent.name}_code", codes[0].type, nullable))
            table.overlapping = parent.name
    if draw(st.integers(0, 3)) == 0:  # a tree, its root nullable or its own parent
        table.foreign_keys.append(ForeignKey("parent_id", table.name, draw(st.booleans())))


def _draw_table_rules(draw, table: Table) -> None:
    names = [c.name for c in table.columns]
    plain = [c for c in table.columns if not c.unique and c.type.startswith("VARCHAR") and not c.check]
    tree = any(fk.column == "parent_id" for fk in table.foreign_keys)
    if plain and tree and draw(st.booleans()):  # UNIQUE with a self-reference in it
        table.composite_unique = (plain[0].name, "parent_id")
    elif len(plain) >= 2 and draw(st.booleans()):
        table.composite_unique = (plain[0].name, plain[1].name)
        if not plain[1].nullable and plain[1].default is None and draw(st.booleans()):
            plain[1].default = "''"  # a key column with a DEFAULT: still generated
    if "birth_date" in names and draw(st.booleans()):
        table.columns.append(Column("death_date", "DATE", True))
        table.pair_check = ("birth_date", "<=", "death_date")
    if draw(st.integers(0, 3)) == 0:
        table.columns += [Column("alt_note", "VARCHAR(20)", True), Column("alt_rank", "{int}", True)]
        table.conditional = ("alt_note", "alt_rank")
