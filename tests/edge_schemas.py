"""Small schemas, one per kind of constraint real databases use, as SQL DDL per dialect.

EDGE_SCHEMAS maps a name to {dialect: DDL}; a dialect missing from a schema lacks the
feature (NO_FEATURE says why). Most schemas are written once with placeholders for what
differs between dialects ({id}, {ts}, {len}...); the rest are written per dialect.
`create_edge_schema(url, name)` runs the DDL statement by statement.
"""

from __future__ import annotations

import re

from sqlalchemy.engine import make_url

from tests.databases import execute_statements

DIALECT_WORDS = {
    "sqlite": {"id": "INTEGER PRIMARY KEY", "ts": "DATETIME", "len": "length", "bool": "BOOLEAN"},
    "postgresql": {"id": "SERIAL PRIMARY KEY", "ts": "TIMESTAMP", "len": "char_length", "bool": "BOOLEAN"},
    "mysql": {
        "id": "INT AUTO_INCREMENT PRIMARY KEY",
        "ts": "DATETIME",
        "len": "char_length",
        "bool": "BOOLEAN",
    },
}


def _portable(ddl: str, dialects=("sqlite", "postgresql", "mysql")) -> dict[str, str]:
    return {d: ddl.format(**DIALECT_WORDS[d]) for d in dialects}


# -- 1. foreign keys ------------------------------------------------------------------------

COMPOSITE_FK = _portable(
    """
CREATE TABLE regions (
    country_code CHAR(2) NOT NULL,
    region_no INTEGER NOT NULL,
    name VARCHAR(60) NOT NULL,
    PRIMARY KEY (country_code, region_no)
);
CREATE TABLE stores (
    id {id},
    name VARCHAR(80) NOT NULL,
    country_code CHAR(2) NOT NULL,
    region_no INTEGER NOT NULL,
    FOREIGN KEY (country_code, region_no) REFERENCES regions (country_code, region_no)
);
"""
)

SAME_PARENT = _portable(
    """
CREATE TABLE teams (
    id {id},
    name VARCHAR(60) NOT NULL UNIQUE,
    city VARCHAR(60)
);
CREATE TABLE matches (
    id {id},
    home_team_id INTEGER NOT NULL,
    away_team_id INTEGER NOT NULL,
    played_on DATE NOT NULL,
    home_score INTEGER,
    away_score INTEGER,
    CHECK (home_team_id <> away_team_id),
    FOREIGN KEY (home_team_id) REFERENCES teams (id),
    FOREIGN KEY (away_team_id) REFERENCES teams (id)
);
"""
)

FK_TO_UNIQUE = _portable(
    """
CREATE TABLE customers (
    id {id},
    code VARCHAR(10) NOT NULL UNIQUE,
    name VARCHAR(80) NOT NULL
);
CREATE TABLE orders (
    id {id},
    customer_code VARCHAR(10) NOT NULL,
    total DECIMAL(10, 2) NOT NULL,
    FOREIGN KEY (customer_code) REFERENCES customers (code)
);
"""
)

TREE = _portable(
    """
CREATE TABLE categories (
    id {id},
    name VARCHAR(60) NOT NULL,
    parent_id INTEGER,
    FOREIGN KEY (parent_id) REFERENCES categories (id)
);
"""
)

ONE_TO_ONE = _portable(
    """
CREATE TABLE users (
    id {id},
    email VARCHAR(120) NOT NULL UNIQUE
);
CREATE TABLE profiles (
    id {id},
    user_id INTEGER NOT NULL UNIQUE,
    bio TEXT,
    FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE TABLE posts (
    id {id},
    user_id INTEGER NOT NULL,
    profile_id INTEGER,
    title VARCHAR(120) NOT NULL,
    FOREIGN KEY (user_id) REFERENCES users (id),
    FOREIGN KEY (profile_id) REFERENCES profiles (id)
);
"""
)

# -- 2. cycles ------------------------------------------------------------------------------

_CYCLE_TABLES = """
CREATE TABLE departments (
    id {id},
    name VARCHAR(60) NOT NULL,
    manager_id INTEGER {manager_null}
);
CREATE TABLE employees (
    id {id},
    name VARCHAR(80) NOT NULL,
    department_id INTEGER NOT NULL{inline_fk}
);
"""
_CYCLE_FKS = """
ALTER TABLE departments ADD CONSTRAINT fk_manager
    FOREIGN KEY (manager_id) REFERENCES employees (id){deferrable};
ALTER TABLE employees ADD CONSTRAINT fk_department
    FOREIGN KEY (department_id) REFERENCES departments (id){deferrable};
"""
# SQLite has no ALTER TABLE ... ADD CONSTRAINT: its keys are declared inline (forward
# references are allowed there).
_SQLITE_CYCLE = """
CREATE TABLE departments (
    id INTEGER PRIMARY KEY,
    name VARCHAR(60) NOT NULL,
    manager_id INTEGER {manager_null} REFERENCES employees (id)
);
CREATE TABLE employees (
    id INTEGER PRIMARY KEY,
    name VARCHAR(80) NOT NULL,
    department_id INTEGER NOT NULL REFERENCES departments (id)
);
"""


def _cycle(manager_null: str, deferrable: str = "", dialects=("postgresql", "mysql")) -> dict[str, str]:
    out = {}
    for dialect in dialects:
        words = DIALECT_WORDS[dialect] | {"manager_null": manager_null, "inline_fk": ""}
        out[dialect] = _CYCLE_TABLES.format(**words) + _CYCLE_FKS.format(deferrable=deferrable)
    return out


NULLABLE_CYCLE = _cycle("NULL") | {"sqlite": _SQLITE_CYCLE.format(manager_null="NULL")}
DEFERRABLE_CYCLE = _cycle("NOT NULL", " DEFERRABLE INITIALLY IMMEDIATE", dialects=("postgresql",))
HARD_CYCLE = _cycle("NOT NULL") | {"sqlite": _SQLITE_CYCLE.format(manager_null="NOT NULL")}

# -- 3. junction tables ---------------------------------------------------------------------

JUNCTION = _portable(
    """
CREATE TABLE students (
    id {id},
    full_name VARCHAR(80) NOT NULL
);
CREATE TABLE courses (
    id {id},
    title VARCHAR(80) NOT NULL
);
CREATE TABLE terms (
    id {id},
    name VARCHAR(30) NOT NULL
);
CREATE TABLE enrollments (
    student_id INTEGER NOT NULL,
    course_id INTEGER NOT NULL,
    enrolled_on DATE NOT NULL,
    PRIMARY KEY (student_id, course_id),
    FOREIGN KEY (student_id) REFERENCES students (id),
    FOREIGN KEY (course_id) REFERENCES courses (id)
);
CREATE TABLE attendance (
    student_id INTEGER NOT NULL,
    course_id INTEGER NOT NULL,
    term_id INTEGER NOT NULL,
    sessions INTEGER NOT NULL,
    PRIMARY KEY (student_id, course_id, term_id),
    FOREIGN KEY (student_id) REFERENCES students (id),
    FOREIGN KEY (course_id) REFERENCES courses (id),
    FOREIGN KEY (term_id) REFERENCES terms (id)
);
"""
)

# -- 4. unique constraints and indexes --------------------------------------------------------

UNIQUES = _portable(
    """
CREATE TABLE people (
    id {id},
    name VARCHAR(40) NOT NULL UNIQUE,
    email VARCHAR(60) UNIQUE,
    first_name VARCHAR(30) NOT NULL,
    last_name VARCHAR(30) NOT NULL,
    phone VARCHAR(30),
    UNIQUE (first_name, last_name)
);
CREATE UNIQUE INDEX ux_people_phone ON people (phone);
CREATE TABLE tags (
    id {id},
    name VARCHAR(30) NOT NULL UNIQUE
);
CREATE TABLE countries (
    id {id},
    code CHAR(2) NOT NULL,
    name VARCHAR(60) NOT NULL
);
CREATE UNIQUE INDEX ux_countries_code ON countries (code);
CREATE TABLE taggings (
    id {id},
    person_id INTEGER NOT NULL,
    tag_id INTEGER NOT NULL,
    country_id INTEGER,
    FOREIGN KEY (person_id) REFERENCES people (id),
    FOREIGN KEY (tag_id) REFERENCES tags (id),
    FOREIGN KEY (country_id) REFERENCES countries (id)
);
"""
)
# Rows a test inserts by hand first: values Faker and our providers are likely to produce.
UNIQUES_SEED_ROWS = [
    "INSERT INTO people (name, email, first_name, last_name, phone) VALUES "
    "('James Smith', 'john@example.com', 'James', 'Smith', '555-0100'), "
    "('Mary Johnson', 'jane@example.org', 'Mary', 'Johnson', NULL), "
    "('Michael Brown', 'michael@example.net', 'Michael', 'Brown', NULL)",
    "INSERT INTO tags (name) VALUES ('python'), ('sql'), ('travel'), ('food'), ('music')",
    "INSERT INTO countries (code, name) VALUES ('US', 'United States'), ('FR', 'France')",
]

TINY_DOMAINS = _portable(
    """
CREATE TABLE switches (
    id {id},
    is_on {bool} NOT NULL UNIQUE
);
CREATE TABLE codes (
    id {id},
    code CHAR(2) NOT NULL UNIQUE,
    enabled {bool} UNIQUE
);
"""
)

# -- 5. CHECK constraints -------------------------------------------------------------------

CHECKS = _portable(
    """
CREATE TABLE products (
    id {id},
    name VARCHAR(80) NOT NULL CHECK ({len}(name) <= 40),
    price DECIMAL(10, 2) NOT NULL CHECK (price > 0),
    discount DECIMAL(10, 2) NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    status VARCHAR(12) NOT NULL CHECK (status IN ('new', 'used', 'refurbished')),
    sku VARCHAR(20) CHECK ({len}(sku) <= 6),
    weight DECIMAL(6, 2) CHECK (weight IS NOT NULL),
    rating INTEGER CHECK ((rating >= 1 AND rating <= 5) OR rating IS NULL),
    stock INTEGER NOT NULL CHECK (stock >= 0 AND (stock < 1000 OR stock = 5000)),
    start_date DATE NOT NULL,
    end_date DATE,
    CONSTRAINT discount_below_price CHECK (discount < price),
    CONSTRAINT ends_after_start CHECK (end_date >= start_date),
    CONSTRAINT odd_check CHECK (abs(quantity) < 1000)
);
CREATE TABLE order_lines (
    id {id},
    product_id INTEGER NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    unit_price DECIMAL(8, 2) NOT NULL CHECK (unit_price >= 0.5 AND unit_price <= 99.99),
    FOREIGN KEY (product_id) REFERENCES products (id)
);
"""
)

# -- 6. types ---------------------------------------------------------------------------------

TYPES = {
    "postgresql": """
CREATE TYPE mood AS ENUM ('happy', 'sad', 'neutral');
CREATE DOMAIN small_score AS INTEGER CHECK (VALUE BETWEEN 1 AND 10);
CREATE DOMAIN short_label AS VARCHAR(8) CHECK (char_length(VALUE) >= 2);
CREATE TABLE gadgets (
    id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    serial_no BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE,
    mood mood NOT NULL,
    score small_score NOT NULL,
    label short_label,
    tags TEXT[],
    readings INTEGER[],
    attrs JSON,
    doc JSONB NOT NULL,
    token UUID NOT NULL UNIQUE,
    ip INET,
    network CIDR,
    mac MACADDR,
    payload BYTEA,
    lasting INTERVAL,
    opens_at TIME WITH TIME ZONE,
    cost MONEY,
    tiny SMALLINT NOT NULL,
    big BIGINT NOT NULL,
    ratio NUMERIC(4, 2) NOT NULL,
    whole NUMERIC(3, 0) NOT NULL,
    code CHAR(5) NOT NULL,
    abbr VARCHAR(3) NOT NULL,
    notes TEXT,
    price NUMERIC(8, 2) NOT NULL,
    price_with_tax NUMERIC(10, 2) GENERATED ALWAYS AS (price * 1.2) STORED,
    quirk INTEGER NOT NULL DEFAULT 7,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE gadget_events (
    id SERIAL PRIMARY KEY,
    gadget_id INTEGER NOT NULL REFERENCES gadgets (id),
    happened_at TIMESTAMP NOT NULL,
    duration INTERVAL
);
""",
    "mysql": """
CREATE TABLE gadgets (
    id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    mood ENUM('happy', 'sad', 'neutral') NOT NULL,
    features SET('wifi', 'bluetooth', 'nfc') NOT NULL,
    made_year YEAR NOT NULL,
    tiny TINYINT NOT NULL,
    tiny_u TINYINT UNSIGNED NOT NULL,
    small_u SMALLINT UNSIGNED NOT NULL,
    medium MEDIUMINT NOT NULL,
    big_u BIGINT UNSIGNED NOT NULL,
    ratio DECIMAL(4, 2) NOT NULL,
    whole DECIMAL(3, 0) NOT NULL,
    code CHAR(5) NOT NULL,
    abbr VARCHAR(3) NOT NULL,
    notes TEXT,
    payload BLOB,
    doc JSON,
    token CHAR(36) NOT NULL UNIQUE,
    opens_at TIME,
    price DECIMAL(8, 2) NOT NULL,
    price_with_tax DECIMAL(10, 2) AS (price * 1.2) VIRTUAL,
    price_rounded DECIMAL(10, 0) AS (ROUND(price)) STORED,
    quirk INT NOT NULL DEFAULT 7,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE gadget_events (
    id INT AUTO_INCREMENT PRIMARY KEY,
    gadget_id INT UNSIGNED NOT NULL,
    happened_at DATETIME NOT NULL,
    FOREIGN KEY (gadget_id) REFERENCES gadgets (id)
);
""",
    "sqlite": """
CREATE TABLE gadgets (
    id INTEGER PRIMARY KEY,
    mood TEXT NOT NULL CHECK (mood IN ('happy', 'sad', 'neutral')),
    tiny SMALLINT NOT NULL,
    big BIGINT NOT NULL,
    ratio NUMERIC(4, 2) NOT NULL,
    whole NUMERIC(3, 0) NOT NULL,
    code CHAR(5) NOT NULL,
    abbr VARCHAR(3) NOT NULL,
    notes TEXT,
    payload BLOB,
    doc JSON,
    price NUMERIC(8, 2) NOT NULL,
    price_with_tax NUMERIC(10, 2) GENERATED ALWAYS AS (price * 1.2) VIRTUAL,
    price_doubled NUMERIC(10, 2) GENERATED ALWAYS AS (price * 2) STORED,
    quirk INTEGER NOT NULL DEFAULT 7,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE gadget_events (
    id INTEGER PRIMARY KEY,
    gadget_id INTEGER NOT NULL REFERENCES gadgets (id),
    happened_at DATETIME NOT NULL
);
""",
}

# -- 8. triggers that reject rows -------------------------------------------------------------

TRIGGER_MESSAGE = "score is a multiple of three"
_READINGS = """
CREATE TABLE readings (
    id {id},
    sensor VARCHAR(40) NOT NULL,
    score INTEGER NOT NULL
);
"""
TRIGGERS = {
    "postgresql": _READINGS.format(**DIALECT_WORDS["postgresql"])
    + f"""
CREATE FUNCTION reject_multiples() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.score % 3 = 0 THEN
        RAISE EXCEPTION '{TRIGGER_MESSAGE} (%)', NEW.score;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER readings_reject BEFORE INSERT ON readings
    FOR EACH ROW EXECUTE FUNCTION reject_multiples();
""",
    "mysql": _READINGS.format(**DIALECT_WORDS["mysql"])
    + f"""
CREATE TRIGGER readings_reject BEFORE INSERT ON readings FOR EACH ROW
BEGIN
    IF NEW.score % 3 = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{TRIGGER_MESSAGE}';
    END IF;
END;
""",
    "sqlite": _READINGS.format(**DIALECT_WORDS["sqlite"])
    + f"""
CREATE TRIGGER readings_reject BEFORE INSERT ON readings
WHEN NEW.score % 3 = 0
BEGIN
    SELECT RAISE(ABORT, '{TRIGGER_MESSAGE}');
END;
""",
}

# -- 9. realism on real column names ----------------------------------------------------------

REALISM = _portable(
    """
CREATE TABLE Customers (
    CustomerID {id},
    CompanyName VARCHAR(40) NOT NULL,
    ContactName VARCHAR(30),
    Phone VARCHAR(24),
    Fax VARCHAR(24),
    Email VARCHAR(60),
    BillingCity VARCHAR(40),
    PostalCode VARCHAR(10),
    ShipCountry VARCHAR(40)
);
CREATE TABLE Employees (
    EmployeeID {id},
    first_name VARCHAR(45) NOT NULL,
    last_name VARCHAR(45) NOT NULL,
    HireDate DATE,
    Phone VARCHAR(24),
    Email VARCHAR(80),
    last_update {ts} NOT NULL
);
CREATE TABLE Products (
    ProductID {id},
    ProductName VARCHAR(40) NOT NULL,
    UnitPrice DECIMAL(10, 2) NOT NULL,
    rental_rate DECIMAL(4, 2) NOT NULL,
    last_update {ts} NOT NULL
);
CREATE TABLE Orders (
    OrderID {id},
    CustomerID INTEGER NOT NULL,
    EmployeeID INTEGER,
    OrderDate {ts},
    ShipCity VARCHAR(15),
    ShipCountry VARCHAR(15),
    ShipPostalCode VARCHAR(10),
    Freight DECIMAL(10, 2),
    FOREIGN KEY (CustomerID) REFERENCES Customers (CustomerID),
    FOREIGN KEY (EmployeeID) REFERENCES Employees (EmployeeID)
);
"""
)

EDGE_SCHEMAS: dict[str, dict[str, str]] = {
    "composite_fk": COMPOSITE_FK,
    "same_parent": SAME_PARENT,
    "fk_to_unique": FK_TO_UNIQUE,
    "tree": TREE,
    "one_to_one": ONE_TO_ONE,
    "nullable_cycle": NULLABLE_CYCLE,
    "deferrable_cycle": DEFERRABLE_CYCLE,
    "hard_cycle": HARD_CYCLE,
    "junction": JUNCTION,
    "uniques": UNIQUES,
    "tiny_domains": TINY_DOMAINS,
    "checks": CHECKS,
    "types": TYPES,
    "triggers": TRIGGERS,
    "realism": REALISM,
}

NO_FEATURE = {
    ("deferrable_cycle", "sqlite"): "DEFERRABLE constraints are PostgreSQL's; SQLite uses defer_foreign_keys",
    ("deferrable_cycle", "mysql"): "MySQL has no DEFERRABLE constraints (FOREIGN_KEY_CHECKS instead)",
}


def statements(ddl: str) -> list[str]:
    """Split a script at the `;` ending a line, outside `$$` bodies and BEGIN ... END blocks."""
    out, current, in_dollar, depth = [], [], False, 0
    for line in ddl.splitlines():
        current.append(line)
        if line.count("$$") % 2:
            in_dollar = not in_dollar
        stripped = line.strip().upper()
        if not in_dollar and re.search(r"\bBEGIN$", stripped):
            depth += 1
        if not in_dollar and stripped == "END;" and depth:
            depth -= 1
        if not in_dollar and depth == 0 and stripped.endswith(";"):
            statement = "\n".join(current).strip().rstrip(";").strip()
            if statement:
                out.append(statement)
            current = []
    rest = "\n".join(current).strip()
    return [*out, rest] if rest else out


def create_edge_schema(url: str, name: str) -> None:
    dialect = make_url(url).get_backend_name()
    execute_statements(url, statements(EDGE_SCHEMAS[name][dialect]))
