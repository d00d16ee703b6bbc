"""Random schemas for the fuzzer, drawn with Hypothesis and rendered as DDL per dialect.

A schema is a few tables built from the constraint classes the engine handles: integer
keys, foreign keys to earlier tables (NOT NULL or nullable), nullable foreign keys to later
tables (cycles), self-references, one-to-one links, junction tables, single and composite
UNIQUEs, CHECKs (ranges, IN lists, lengths, comparisons of two columns), DEFAULTs, and the
common column types under names the planner's rules recognise and names they don't.
Foreign keys are added after every table exists (ALTER TABLE), inline on SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

DIALECT_TYPES = {
    "sqlite": {"id": "INTEGER PRIMARY KEY", "ts": "DATETIME", "len": "length", "int": "INTEGER"},
    "postgresql": {"id": "SERIAL PRIMARY KEY", "ts": "TIMESTAMP", "len": "char_length", "int": "INTEGER"},
    "mysql": {"id": "INT AUTO_INCREMENT PRIMARY KEY", "ts": "DATETIME", "len": "char_length", "int": "INT"},
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
    composite_unique: tuple[str, str] | None = None
    pair_check: tuple[str, str] | None = None  # first <= second
    junction: bool = False  # primary key = its two foreign keys


@dataclass
class Schema:
    tables: list[Table]

    def render(self, dialect: str) -> list[str]:
        words = DIALECT_TYPES[dialect]
        creates = [_create(t, words, inline_keys=dialect == "sqlite") for t in self.tables]
        if dialect == "sqlite":
            return creates
        return creates + [_alter(t, fk, n) for t in self.tables for n, fk in enumerate(t.foreign_keys)]


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


def _create(table: Table, words: dict[str, str], inline_keys: bool) -> str:
    lines = [] if table.junction else [f"id {words['id']}"]
    lines += [_column_sql(c, words) for c in table.columns]
    for fk in table.foreign_keys:
        null = "NULL" if fk.nullable else "NOT NULL"
        lines.append(f"{fk.column} {words['int']} {null}" + (" UNIQUE" if fk.unique else ""))
    if table.junction:
        lines.append(f"PRIMARY KEY ({', '.join(fk.column for fk in table.foreign_keys)})")
    if table.composite_unique:
        lines.append(f"UNIQUE ({', '.join(table.composite_unique)})")
    if table.pair_check:
        lines.append(f"CHECK ({table.pair_check[0]} <= {table.pair_check[1]})")
    if inline_keys:
        lines += [f"FOREIGN KEY ({fk.column}) REFERENCES {fk.parent}(id)" for fk in table.foreign_keys]
    return f"CREATE TABLE {table.name} (\n    " + ",\n    ".join(lines) + "\n)"


def _alter(table: Table, fk: ForeignKey, number: int) -> str:
    name = f"fk_{table.name}_{number}"
    return (
        f"ALTER TABLE {table.name} ADD CONSTRAINT {name} FOREIGN KEY ({fk.column}) REFERENCES {fk.parent}(id)"
    )


@st.composite
def columns(draw) -> list[Column]:
    kinds = draw(st.lists(st.sampled_from(COLUMN_KINDS), min_size=1, max_size=5, unique_by=lambda k: k[0]))
    out = []
    for name, sql_type, check in kinds:
        nullable = draw(st.booleans())
        unique = name in ("email", "code", "name") and draw(st.booleans())
        default = DEFAULTS.get(name) if draw(st.integers(0, 3)) == 0 else None
        out.append(Column(name, sql_type, nullable, unique, check if draw(st.booleans()) else "", default))
    return out


@st.composite
def schemas(draw) -> Schema:
    count = draw(st.integers(2, 5))
    tables: list[Table] = []
    for number in range(count):
        table = Table(f"t{number}", draw(columns()))
        _draw_keys(draw, table, tables)
        _draw_table_rules(draw, table)
        tables.append(table)
    if draw(st.booleans()) and len(tables) >= 2:  # a junction of two tables
        a, b = draw(st.lists(st.sampled_from(tables), min_size=2, max_size=2, unique_by=lambda t: t.name))
        keys = [ForeignKey(f"{a.name}_id", a.name, False), ForeignKey(f"{b.name}_id", b.name, False)]
        tables.append(Table(f"j{len(tables)}", [], keys, junction=True))
    plain = [t for t in tables if not t.junction]
    if draw(st.booleans()) and len(plain) >= 2:  # a nullable key to a later table closes a cycle
        plain[0].foreign_keys.append(ForeignKey(f"{plain[-1].name}_ref", plain[-1].name, True))
    return Schema(tables)


def _draw_keys(draw, table: Table, earlier: list[Table]) -> None:
    for parent in earlier:
        if parent.junction or not draw(st.booleans()):
            continue
        nullable = draw(st.booleans())
        one_to_one = not table.foreign_keys and draw(st.integers(0, 4)) == 0
        table.foreign_keys.append(ForeignKey(f"{parent.name}_id", parent.name, nullable, one_to_one))
    if draw(st.integers(0, 3)) == 0:  # a tree
        table.foreign_keys.append(ForeignKey("parent_id", table.name, True))


def _draw_table_rules(draw, table: Table) -> None:
    names = [c.name for c in table.columns]
    plain = [c.name for c in table.columns if not c.unique and c.type.startswith("VARCHAR")]
    if len(plain) >= 2 and draw(st.booleans()):
        table.composite_unique = (plain[0], plain[1])
    if "birth_date" in names and draw(st.booleans()):
        table.columns.append(Column("death_date", "DATE", True))
        table.pair_check = ("birth_date", "death_date")
