"""Issue 9 class 15: database types that used to get random text, and partitions; one small
schema each, as {name: {dialect: DDL}}."""

from __future__ import annotations

from pathlib import Path

ISN_CONTROL = Path("/usr/share/postgresql/15/extension/isn.control")

PG_TYPES = """
CREATE TYPE postal_addr AS (street text, zip char(5), floor int);
CREATE DOMAIN search_doc AS tsvector;
CREATE TABLE typed_things (
    id SERIAL PRIMARY KEY,
    flags BIT(8) NOT NULL,
    mask VARBIT(12),
    one_bit BIT NOT NULL,
    home postal_addr NOT NULL,
    ref_oid OID NOT NULL,
    seats INT4RANGE NOT NULL,
    big_span INT8RANGE,
    price_band NUMRANGE NOT NULL,
    stay DATERANGE NOT NULL,
    shift TSRANGE NOT NULL,
    booked TSTZRANGE NOT NULL,
    words TSVECTOR NOT NULL,
    body search_doc NOT NULL,
    fee MONEY NOT NULL,
    wait INTERVAL NOT NULL CHECK (wait > interval '0'),
    doc XML NOT NULL,
    meta JSONB NOT NULL CHECK (meta ? 'name' AND jsonb_typeof(meta) = 'object'),
    spec JSONB NOT NULL CHECK (spec->>'kind' IN ('a', 'b')),
    raw JSON NOT NULL
);
"""

PG_ISN = """
CREATE EXTENSION IF NOT EXISTS isn;
CREATE TABLE book_codes (
    id SERIAL PRIMARY KEY,
    book ISBN NOT NULL,
    book13 ISBN13 NOT NULL UNIQUE,
    article EAN13 NOT NULL,
    serial ISSN,
    product UPC NOT NULL
);
"""

MARIADB_TYPES = """
CREATE TABLE gadgets (
    id INT AUTO_INCREMENT PRIMARY KEY,
    label VARCHAR(40) NOT NULL,
    features SET('wifi', 'bluetooth', 'gps', 'nfc') NOT NULL,
    extras SET('case', 'charger'),
    made YEAR NOT NULL,
    is_on BIT(1) NOT NULL,
    flags BIT(8) NOT NULL,
    wide BIT(64),
    meta JSON NOT NULL CHECK (json_type(meta) = 'OBJECT')
);
"""

PG_PARTITIONS = """
CREATE TABLE readings (
    id SERIAL,
    region TEXT NOT NULL,
    taken_on DATE NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (id, taken_on)
) PARTITION BY RANGE (taken_on);
CREATE TABLE readings_2025 PARTITION OF readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE readings_2026 PARTITION OF readings FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE words (
    id SERIAL,
    term TEXT NOT NULL,
    PRIMARY KEY (id, term)
) PARTITION BY RANGE (term);
CREATE TABLE words_a_m PARTITION OF words FOR VALUES FROM ('a') TO ('m');
CREATE TABLE words_m_z PARTITION OF words FOR VALUES FROM ('m') TO ('zzzz');
CREATE TABLE tickets (
    id SERIAL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (id, kind)
) PARTITION BY LIST (kind);
CREATE TABLE tickets_bug PARTITION OF tickets FOR VALUES IN ('bug', 'defect');
CREATE TABLE tickets_feature PARTITION OF tickets FOR VALUES IN ('feature');
CREATE TABLE events (
    id SERIAL,
    level INTEGER NOT NULL,
    note TEXT,
    PRIMARY KEY (id, level)
) PARTITION BY RANGE (level);
CREATE TABLE events_low PARTITION OF events FOR VALUES FROM (0) TO (10);
CREATE TABLE events_rest PARTITION OF events DEFAULT;
CREATE TABLE sessions (
    id SERIAL PRIMARY KEY,
    agent TEXT NOT NULL
) PARTITION BY HASH (id);
CREATE TABLE sessions_0 PARTITION OF sessions FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE sessions_1 PARTITION OF sessions FOR VALUES WITH (MODULUS 2, REMAINDER 1);
"""

MARIADB_PARTITIONS = """
CREATE TABLE readings (
    id INT NOT NULL AUTO_INCREMENT,
    taken_on DATE NOT NULL,
    value INT NOT NULL,
    PRIMARY KEY (id, taken_on)
) PARTITION BY RANGE COLUMNS (taken_on) (
    PARTITION p2024 VALUES LESS THAN ('2025-01-01'),
    PARTITION p2025 VALUES LESS THAN ('2026-01-01')
);
CREATE TABLE levels (
    id INT NOT NULL AUTO_INCREMENT,
    level INT NOT NULL,
    PRIMARY KEY (id, level)
) PARTITION BY RANGE (level) (
    PARTITION low VALUES LESS THAN (10),
    PARTITION high VALUES LESS THAN (100)
);
CREATE TABLE regions (
    id INT NOT NULL AUTO_INCREMENT,
    zone INT NOT NULL,
    name VARCHAR(40) NOT NULL,
    PRIMARY KEY (id, zone)
) PARTITION BY LIST (zone) (
    PARTITION north VALUES IN (1, 2),
    PARTITION south VALUES IN (3)
);
CREATE TABLE kinds (
    id INT NOT NULL AUTO_INCREMENT,
    kind VARCHAR(10) NOT NULL,
    PRIMARY KEY (id, kind)
) PARTITION BY LIST COLUMNS (kind) (
    PARTITION pa VALUES IN ('bug', 'defect'),
    PARTITION pb VALUES IN ('feature')
);
CREATE TABLE sessions (
    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    agent VARCHAR(60) NOT NULL
) PARTITION BY HASH (id) PARTITIONS 3;
CREATE TABLE tokens (
    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    token VARCHAR(40) NOT NULL
) PARTITION BY KEY (id) PARTITIONS 2;
"""

TYPE_SCHEMAS: dict[str, dict[str, str]] = {
    "types": {"postgresql": PG_TYPES, "mysql": MARIADB_TYPES},
    "isn_types": {"postgresql": PG_ISN},
    "partitions": {"postgresql": PG_PARTITIONS, "mysql": MARIADB_PARTITIONS},
}
