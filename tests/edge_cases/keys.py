"""Issue 9: real-schema failures of keys, one minimal schema per class (invented names), as
{dialect: DDL} like tests/edge_schemas.py."""

from __future__ import annotations

from tests.edge_schemas import _portable

# 1. a UNIQUE that includes a self-referencing foreign key column
UNIQUE_SELF_REF = _portable(
    """
CREATE TABLE nodes (
    id INTEGER PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    parent_id INTEGER REFERENCES nodes (id),
    UNIQUE (name, parent_id)
);
"""
)

# 2. CHECK (a <> b) between the two foreign key columns that make the primary key
DISTINCT_KEY_PAIR = _portable(
    """
CREATE TABLE peers (id VARCHAR(128) PRIMARY KEY);
CREATE TABLE peer_links (
    a_id VARCHAR(128) NOT NULL REFERENCES peers (id),
    b_id VARCHAR(128) NOT NULL REFERENCES peers (id),
    PRIMARY KEY (a_id, b_id),
    CHECK (a_id <> b_id)
);
CREATE TABLE ranks (id {id}, title VARCHAR(20) NOT NULL);
CREATE TABLE rank_steps (
    lower_id INTEGER NOT NULL REFERENCES ranks (id),
    upper_id INTEGER NOT NULL REFERENCES ranks (id),
    PRIMARY KEY (lower_id, upper_id),
    CHECK (lower_id < upper_id)
);
"""
)

# 9. a column with a DEFAULT inside a composite PRIMARY KEY or UNIQUE
DEFAULT_IN_KEY = _portable(
    """
CREATE TABLE owners (id INTEGER PRIMARY KEY);
CREATE TABLE labels (
    owner_id INTEGER NOT NULL REFERENCES owners (id),
    k VARCHAR(50) NOT NULL DEFAULT '',
    PRIMARY KEY (owner_id, k)
);
CREATE TABLE tags (
    id {id},
    owner_id INTEGER NOT NULL REFERENCES owners (id),
    slot INTEGER NOT NULL DEFAULT 0,
    UNIQUE (owner_id, slot)
);
"""
)

# 10. a single-column foreign key overlapping a composite one to the same parent (one of
# whose referenced columns is NULL in some parent rows: those are no parent of a NOT NULL key)
OVERLAPPING_FKS = _portable(
    """
CREATE TABLE bins (
    b1 INTEGER PRIMARY KEY,
    b2 INTEGER NOT NULL,
    tag VARCHAR(8) NULL,
    UNIQUE (b1, b2),
    UNIQUE (b1, tag)
);
CREATE TABLE items (
    id {id},
    b1 INTEGER NOT NULL REFERENCES bins (b1),
    b2 INTEGER NOT NULL,
    FOREIGN KEY (b1, b2) REFERENCES bins (b1, b2)
);
CREATE TABLE bin_tags (
    id {id},
    b1 INTEGER NOT NULL REFERENCES bins (b1),
    tag VARCHAR(8) NOT NULL,
    FOREIGN KEY (b1, tag) REFERENCES bins (b1, tag)
);
CREATE TABLE bin_labels (
    id {id},
    b1 INTEGER NOT NULL UNIQUE REFERENCES bins (b1),
    b2 INTEGER NOT NULL,
    FOREIGN KEY (b1, b2) REFERENCES bins (b1, b2)
);
"""
)

# 14. two single-column UNIQUE foreign keys in one table
TWO_UNIQUE_FKS = _portable(
    """
CREATE TABLE people (id {id}, name VARCHAR(50) NOT NULL);
CREATE TABLE pairs (
    id {id},
    p1 INTEGER UNIQUE REFERENCES people (id),
    p2 INTEGER UNIQUE REFERENCES people (id)
);
"""
)

# 16. a unique integer with a tiny range
TINY_UNIQUE_INT = _portable(
    """
CREATE TABLE slots (
    id {id},
    n SMALLINT NOT NULL UNIQUE CHECK (n BETWEEN 1 AND 5)
);
"""
)
TINY_UNIQUE_INT["mysql"] += """
CREATE TABLE bytes (
    id INT AUTO_INCREMENT PRIMARY KEY,
    b TINYINT UNSIGNED NOT NULL UNIQUE
);
"""

# 16. a NOT NULL self-reference whose key is not an integer
TEXT_SELF_REF = _portable(
    """
CREATE TABLE units (
    code VARCHAR(10) PRIMARY KEY,
    parent_code VARCHAR(10) NOT NULL REFERENCES units (code),
    title VARCHAR(40) NOT NULL
);
"""
)

# found by the fuzzer: a UNIQUE foreign key, or a composite key over a UNIQUE column, that
# closes a cycle (set by UPDATE: distinct parents), and a UNIQUE holding a NOT NULL
# self-reference beside an overlapping key (a row dropped for it takes the rows that chose it
# as parent along)
_CYCLE_LINK = """
CREATE TABLE hosts (
    id {id}, code VARCHAR(12) NOT NULL, guest_ref INTEGER NULL{inline}, UNIQUE (id, code)
);
CREATE TABLE guests (
    id {id},
    name VARCHAR(80) NOT NULL,
    host_id INTEGER NULL UNIQUE REFERENCES hosts (id)
);
CREATE TABLE visitors (
    id {id},
    host_id INTEGER NULL UNIQUE REFERENCES hosts (id),
    host_code VARCHAR(12) NULL,
    FOREIGN KEY (host_id, host_code) REFERENCES hosts (id, code)
);
"""
_GUEST_REF = " REFERENCES visitors (id)"
UNIQUE_CYCLE_LINK = {
    "sqlite": _CYCLE_LINK.format(id="INTEGER PRIMARY KEY", inline=_GUEST_REF),
    **{
        dialect: _CYCLE_LINK.format(id=id_sql, inline="")
        + "ALTER TABLE hosts ADD FOREIGN KEY (guest_ref) REFERENCES visitors (id);"
        for dialect, id_sql in (
            ("postgresql", "SERIAL PRIMARY KEY"),
            ("mysql", "INT AUTO_INCREMENT PRIMARY KEY"),
        )
    },
}

SELF_REF_IN_UNIQUE_OVERLAP = _portable(
    """
CREATE TABLE kinds (id {id}, code VARCHAR(12) NOT NULL, UNIQUE (id, code));
CREATE TABLE kind_notes (
    id {id},
    kind_id INTEGER NOT NULL REFERENCES kinds (id),
    kind_code VARCHAR(12) NOT NULL,
    parent_id INTEGER NOT NULL REFERENCES kind_notes (id),
    UNIQUE (kind_code, parent_id),
    FOREIGN KEY (kind_id, kind_code) REFERENCES kinds (id, code)
);
"""
)

KEY_SCHEMAS = {
    "unique_cycle_link": UNIQUE_CYCLE_LINK,
    "self_ref_in_unique_overlap": SELF_REF_IN_UNIQUE_OVERLAP,
    "distinct_key_pair": DISTINCT_KEY_PAIR,
    "unique_self_ref": UNIQUE_SELF_REF,
    "default_in_key": DEFAULT_IN_KEY,
    "overlapping_fks": OVERLAPPING_FKS,
    "two_unique_fks": TWO_UNIQUE_FKS,
    "tiny_unique_int": TINY_UNIQUE_INT,
    "text_self_ref": TEXT_SELF_REF,
}
