"""Issue 9, classes 12 and 13: INSERT triggers, each written in its dialect's own syntax.

12. `members`' AFTER INSERT trigger links every member to role 0 (`INSERT INTO member_roles
    (member_id, role_id) VALUES (NEW.id, 0)`), a row the application seeds: absent at first.
13. BEFORE INSERT triggers rejecting rows on cross-row rules: a sale must share its store's
    region (and stay under a constant); an assignment's team and project must belong to one
    org; a shipment to a closed depot is refused by a condition through an aggregate, which
    is not read (the rows are rejected and reported, and no parcel references them).

TRIGGER_SCHEMAS maps a name to {dialect: [statements]}.
"""

from __future__ import annotations

from tests.edge_schemas import DIALECT_WORDS

DIALECTS = ("sqlite", "postgresql", "mysql")
REGION_MESSAGE = "a sale must be in its store region"
AMOUNT_MESSAGE = "a sale is at most 5000"
ORG_MESSAGE = "team and project belong to different orgs"
DEPOT_MESSAGE = "the depot is closed"


def _tables(ddl: str, dialect: str) -> list[str]:
    text = ddl.format(**DIALECT_WORDS[dialect])
    return [s.strip() for s in text.split(";") if s.strip()]


def _rejecting(dialect: str, table: str, name: str, condition: str, message: str) -> list[str]:
    """A BEFORE INSERT trigger on `table` refusing rows where `condition` holds."""
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER {name} BEFORE INSERT ON {table} WHEN {condition}"
            f" BEGIN SELECT RAISE(ABORT, '{message}'); END"
        ]
    if dialect == "mysql":
        return [
            f"""CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW
            BEGIN
                IF {condition} THEN
                    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{message}';
                END IF;
            END"""
        ]
    return [
        f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF {condition} THEN
                RAISE EXCEPTION '{message} (row %)', NEW.id;
            END IF;
            RETURN NEW;
        END $$""",
        f"CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()",
    ]


# -- 12. a trigger writing a constant key -----------------------------------------------------

_MEMBERS = """
CREATE TABLE roles (id {id}, name VARCHAR(40) NOT NULL UNIQUE);
CREATE TABLE members (id {id}, email VARCHAR(120) NOT NULL UNIQUE, joined_on DATE NOT NULL);
CREATE TABLE member_roles (
    member_id INTEGER NOT NULL REFERENCES members (id),
    role_id INTEGER NOT NULL REFERENCES roles (id),
    PRIMARY KEY (member_id, role_id)
);
"""
_LINK = "INSERT INTO member_roles (member_id, role_id) VALUES (NEW.id, 0)"


def _linking(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [f"CREATE TRIGGER members_default_role AFTER INSERT ON members BEGIN {_LINK}; END"]
    if dialect == "mysql":
        return [f"CREATE TRIGGER members_default_role AFTER INSERT ON members FOR EACH ROW {_LINK}"]
    return [
        f"""CREATE FUNCTION members_default_role() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {_LINK};
            RETURN NEW;
        END $$""",
        "CREATE TRIGGER members_default_role AFTER INSERT ON members"
        " FOR EACH ROW EXECUTE FUNCTION members_default_role()",
    ]


# -- 13. triggers rejecting rows on cross-row rules -------------------------------------------

_SALES = """
CREATE TABLE stores (
    id {id},
    name VARCHAR(60) NOT NULL,
    region VARCHAR(10) NOT NULL CHECK (region IN ('north', 'south', 'east', 'west'))
);
CREATE TABLE sales (
    id {id},
    store_id INTEGER NOT NULL REFERENCES stores (id),
    region VARCHAR(10) NOT NULL,
    amount INTEGER NOT NULL
);
"""
_SAME_REGION = "NEW.region <> (SELECT region FROM stores WHERE id = NEW.store_id)"

_ASSIGNMENTS = """
CREATE TABLE orgs (id {id}, name VARCHAR(60) NOT NULL);
CREATE TABLE teams (id {id}, org_id INTEGER NOT NULL REFERENCES orgs (id), name VARCHAR(60) NOT NULL);
CREATE TABLE projects (id {id}, org_id INTEGER NOT NULL REFERENCES orgs (id), title VARCHAR(80) NOT NULL);
CREATE TABLE assignments (
    id {id},
    team_id INTEGER NOT NULL REFERENCES teams (id),
    project_id INTEGER NOT NULL REFERENCES projects (id),
    hours INTEGER NOT NULL
);
"""
_SAME_ORG = (
    "(SELECT org_id FROM teams WHERE id = NEW.team_id)"
    " <> (SELECT org_id FROM projects WHERE id = NEW.project_id)"
)

_DEPOTS = """
CREATE TABLE depots (
    id {id},
    name VARCHAR(60) NOT NULL,
    status VARCHAR(10) NOT NULL CHECK (status IN ('open', 'closed'))
);
CREATE TABLE shipments (id {id}, depot_id INTEGER NOT NULL REFERENCES depots (id), weight INTEGER NOT NULL);
CREATE TABLE parcels (
    id {id},
    shipment_id INTEGER NOT NULL REFERENCES shipments (id),
    label VARCHAR(40) NOT NULL
);
"""
_CLOSED = "(SELECT COUNT(*) FROM depots WHERE id = NEW.depot_id AND status = 'closed') > 0"


def _schema(tables: str, *triggers) -> dict[str, list[str]]:  # noqa: ANN002
    return {d: _tables(tables, d) + [s for make in triggers for s in make(d)] for d in DIALECTS}


TRIGGER_SCHEMAS: dict[str, dict[str, list[str]]] = {
    "constant_parent": _schema(_MEMBERS, _linking),
    "same_as_parent": _schema(
        _SALES,
        lambda d: _rejecting(d, "sales", "sales_region", _SAME_REGION, REGION_MESSAGE),
        lambda d: _rejecting(d, "sales", "sales_amount", "NEW.amount > 5000", AMOUNT_MESSAGE),
    ),
    "parents_agree": _schema(
        _ASSIGNMENTS, lambda d: _rejecting(d, "assignments", "assignments_org", _SAME_ORG, ORG_MESSAGE)
    ),
    "unreadable": _schema(
        _DEPOTS, lambda d: _rejecting(d, "shipments", "shipments_depot", _CLOSED, DEPOT_MESSAGE)
    ),
}
READABLE = ("constant_parent", "same_as_parent", "parents_agree")
