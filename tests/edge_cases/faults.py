"""Schemas whose database rejects some generated rows the generator cannot foresee.

`suppliers` rejects every row whose id is a multiple of 3 (a BEFORE INSERT trigger);
`parts` references it with a NOT NULL key, `suppliers.parent_id` (nullable) and
`sections.parent_id` (NOT NULL) reference their own table, and `sections` rejects the same ids.
"""

from __future__ import annotations

MESSAGE = "rejected by trigger"

TABLES = [
    "CREATE TABLE suppliers (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL,"
    " parent_id INTEGER REFERENCES suppliers(id))",
    "CREATE TABLE parts (id INTEGER PRIMARY KEY,"
    " supplier_id INTEGER NOT NULL REFERENCES suppliers(id), name VARCHAR(80) NOT NULL)",
    "CREATE TABLE sections (id INTEGER PRIMARY KEY, title VARCHAR(80) NOT NULL,"
    " parent_id INTEGER NOT NULL REFERENCES sections(id))",
]


def sqlite_rejecting(table: str) -> str:
    return (
        f"CREATE TRIGGER {table}_reject BEFORE INSERT ON {table} WHEN NEW.id % 3 = 0"
        f" BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )


def _postgres(table: str) -> list[str]:
    return [
        f"""CREATE FUNCTION {table}_reject() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.id % 3 = 0 THEN RAISE EXCEPTION '{MESSAGE}: id %', NEW.id; END IF;
            RETURN NEW;
        END $$""",
        f"CREATE TRIGGER {table}_reject BEFORE INSERT ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION {table}_reject()",
    ]


def _mysql(table: str) -> str:
    return f"""CREATE TRIGGER {table}_reject BEFORE INSERT ON {table} FOR EACH ROW
    BEGIN
        IF NEW.id % 3 = 0 THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{MESSAGE}';
        END IF;
    END"""


def rejecting_parents(dialect: str) -> list[str]:
    """The tables and their triggers for one dialect."""
    if dialect == "sqlite":
        return [*TABLES, sqlite_rejecting("suppliers"), sqlite_rejecting("sections")]
    if dialect == "postgresql":
        return [*TABLES, *_postgres("suppliers"), *_postgres("sections")]
    return [*TABLES, _mysql("suppliers"), _mysql("sections")]


# PostgreSQL: a DEFERRABLE INITIALLY DEFERRED key QueryNL does not see (it is added after the
# introspection by the test) fails only at COMMIT.
COMMIT_FAILS = [
    "CREATE TABLE owners (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL)",
    "CREATE TABLE pets (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL, owner_id INTEGER NOT NULL)",
]
LATE_KEY = (
    "ALTER TABLE pets ADD CONSTRAINT pets_owner_late FOREIGN KEY (owner_id) REFERENCES owners(id)"
    " DEFERRABLE INITIALLY DEFERRED"
)


# SQLite: a cycle of NOT NULL keys (a <-> b) is broken by deferring foreign keys; `notes`,
# inserted after it, has an INSERT trigger that writes an orphan for every third row (a key
# no ghost has: a constant key would get its parent row planned, see planning/trigger_rows.py). Those
# rows must be rejected one by one, not found by COMMIT.
SQLITE_CYCLE_THEN_ORPHANS = [
    "CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER NOT NULL REFERENCES b(id))",
    "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER NOT NULL REFERENCES a(id))",
    "CREATE TABLE ghosts (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
    "CREATE TABLE audit (id INTEGER PRIMARY KEY, ghost_id INTEGER REFERENCES ghosts(id))",
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, b_id INTEGER NOT NULL REFERENCES b(id), body TEXT NOT NULL)",
    "CREATE TRIGGER notes_orphan AFTER INSERT ON notes WHEN NEW.id % 3 = 0"
    " BEGIN INSERT INTO audit (ghost_id) VALUES (-NEW.id); END",  # not a constant: no parent row is planned
]
