"""Issue 9: CHECK classes (binary lengths, conditional nullability, functions), one small schema
each, as {name: {dialect: DDL}}."""

from __future__ import annotations

BINARY_LENGTH = {
    "postgresql": """
CREATE DOMAIN b20 AS bytea CHECK (VALUE IS NULL OR octet_length(VALUE) = 20);
CREATE TABLE blob_vault (
    id SERIAL PRIMARY KEY,
    label VARCHAR(40) NOT NULL,
    digest b20 NOT NULL,
    salt BYTEA CHECK (octet_length(salt) = 8)
);
""",
    "sqlite": """
CREATE TABLE blob_vault (
    id INTEGER PRIMARY KEY,
    label VARCHAR(40) NOT NULL,
    digest BLOB NOT NULL CHECK (length(digest) = 16)
);
""",
    "mysql": """
CREATE TABLE blob_vault (
    id INT AUTO_INCREMENT PRIMARY KEY,
    label VARCHAR(40) NOT NULL,
    d VARBINARY(32) NOT NULL CHECK (length(d) = 16)
);
""",
}

_CONDITIONAL = """
CREATE TABLE hubs (
    id {id},
    title VARCHAR(40) NOT NULL
);
CREATE TABLE route_legs (
    id {id},
    note VARCHAR(40) NOT NULL,
    hub_no INTEGER REFERENCES hubs (id),
    gate VARCHAR(10),
    depot_no INTEGER,
    CHECK ({rule})
);
"""
_CASE = "CASE WHEN depot_no IS NULL THEN hub_no IS NOT NULL ELSE hub_no IS NULL AND gate IS NULL END"
_IF = "IF(depot_no IS NULL, hub_no IS NOT NULL, hub_no IS NULL AND gate IS NULL) = 1"

CONDITIONAL_NULLS = {
    "postgresql": _CONDITIONAL.format(id="SERIAL PRIMARY KEY", rule=_CASE),
    "sqlite": _CONDITIONAL.format(id="INTEGER PRIMARY KEY", rule=_CASE),
    "mysql": _CONDITIONAL.format(id="INT AUTO_INCREMENT PRIMARY KEY", rule=_IF),
}

_FUNCTIONS = """
CREATE TABLE gadget_specs (
    id {id},
    label VARCHAR(30) NOT NULL CHECK (label = lower(label)),
    kind VARCHAR(5) NOT NULL CHECK (upper(kind) IN ('A', 'B')),
    email VARCHAR(80) NOT NULL CHECK (email LIKE '%@%'),
    code VARCHAR(12) NOT NULL CHECK (code LIKE 'AB-%'),
    alias VARCHAR(20) NOT NULL CHECK (alias NOT LIKE '%!%'),
    title VARCHAR(40) NOT NULL CHECK ({len}(trim(title)) > 0),
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    birth_date DATE NOT NULL CHECK (birth_date < CURRENT_DATE),
    made_on DATE NOT NULL CHECK (made_on >= '2000-01-01'),
    created_at {ts} NOT NULL CHECK (created_at <= CURRENT_TIMESTAMP){extra}
);
"""
_PG_EXTRA = """,
    tier VARCHAR(10) NOT NULL CHECK (tier = ANY (ARRAY['gold', 'silver'])),
    sku VARCHAR(5) NOT NULL CHECK (sku ~ '^[A-Z]{3}[0-9]{2}$'),
    seen_at TIMESTAMP NOT NULL CHECK (seen_at <= now())"""

FUNCTIONS = {
    "postgresql": _FUNCTIONS.format(
        id="SERIAL PRIMARY KEY", len="char_length", ts="TIMESTAMP", extra=_PG_EXTRA
    ),
    "sqlite": _FUNCTIONS.format(id="INTEGER PRIMARY KEY", len="length", ts="DATETIME", extra=""),
    "mysql": _FUNCTIONS.format(
        id="INT AUTO_INCREMENT PRIMARY KEY", len="char_length", ts="DATETIME", extra=""
    )
    .replace("CHECK (birth_date < CURRENT_DATE)", "")
    .replace("CHECK (created_at <= CURRENT_TIMESTAMP)", ""),
}

CHECK_SCHEMAS: dict[str, dict[str, str]] = {
    "binary_length": BINARY_LENGTH,
    "conditional_nulls": CONDITIONAL_NULLS,
    "check_functions": FUNCTIONS,
}
