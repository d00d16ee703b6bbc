"""Database schemas other than the default one (issue 9 class 11), against real databases:
which schemas and tables introspection reads, how it names them, and --schema limits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

from querynl.db.engine import make_engine
from querynl.db.introspection import chosen_schemas, introspect
from querynl.dialects import dialect_for
from querynl.errors import UnknownSchemaError
from tests.edge_cases.namespaces import NAMESPACE_TABLES, NAMESPACES
from tests.edge_schemas import statements


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def _run(engine: Engine, *ddl: str) -> None:
    with engine.begin() as conn:
        for statement in ddl:
            conn.exec_driver_sql(statement)


@pytest.mark.parametrize("dialect", ["postgresql"])
def test_every_user_schema_is_read_and_named_by_its_schema(engine):
    _run(engine, *statements(NAMESPACES), "INSERT INTO sales.customers (email, name) VALUES ('a@b.c', 'A')")
    with engine.connect() as conn:
        schema = introspect(conn)
    assert sorted(schema.table_names) == sorted(NAMESPACE_TABLES)
    assert set(schema.table_names[:2]) == {"orders", "refunds"}  # the default schema first, names bare
    orders, sales_orders = schema.table("orders"), schema.table("sales.orders")
    assert (orders.schema_name, orders.location) == (None, (None, "orders"))
    assert (sales_orders.schema_name, sales_orders.location) == ("sales", ("sales", "orders"))
    assert schema.table("Audit.Events").location == ("Audit", "Events")
    assert schema.table("sales.customers").row_count == 1
    assert not any(t.reference_only for t in schema.tables)


@pytest.mark.parametrize("dialect", ["postgresql"])
def test_foreign_keys_refer_to_qualified_names_across_schemas(engine):
    _run(engine, *statements(NAMESPACES))
    with engine.connect() as conn:
        schema = introspect(conn)

    def parents(table: str) -> dict[tuple[str, ...], str]:
        return {tuple(fk.columns): fk.referred_table for fk in schema.table(table).foreign_keys}

    lines = {("order_id",): "sales.orders", ("product_id",): "inventory.products"}
    assert parents("sales.order_lines") == lines
    assert parents("sales.customers") == {("referred_by",): "sales.customers"}
    assert parents("sales.shipments")[("warehouse_code", "warehouse_region")] == "inventory.warehouses"
    assert parents("refunds") == {("order_id",): "sales.orders"}
    assert parents("Audit.Events") == {("orderId",): "orders"}
    assert parents("inventory.managers") == {("region_id",): "sales.regions"}


@pytest.mark.parametrize("dialect", ["postgresql"])
def test_triggers_and_partitions_in_other_schemas(engine):
    _run(engine, *statements(NAMESPACES))
    with engine.connect() as conn:
        schema = introspect(conn)
    assert schema.table("Audit.order_log").written_by_triggers_of == ["sales.orders"]
    bounds = [c.sqltext for c in schema.table("inventory.stock_moves_2025").check_constraints]
    assert bounds == ["moved_on >= '2025-01-01' AND moved_on < '2026-01-01'"]
    moves = schema.table("inventory.stock_moves")
    assert [fk.referred_table for fk in moves.foreign_keys] == ["inventory.products"]


@pytest.mark.parametrize("dialect", ["postgresql"])
def test_a_referred_schema_on_the_search_path_is_still_named(engine):
    """pg_get_constraintdef leaves out a schema on the search path: SQLAlchemy then gives
    no referred_schema, which would mean the default schema."""
    _run(
        engine,
        "CREATE SCHEMA sales",
        "CREATE TABLE sales.payments (id INTEGER PRIMARY KEY)",
        "CREATE TABLE receipts (id INTEGER PRIMARY KEY, payment_id INTEGER REFERENCES sales.payments (id))",
    )
    with engine.connect() as conn:
        conn.exec_driver_sql("SET search_path = public, sales")
        schema = introspect(conn)
    assert [fk.referred_table for fk in schema.table("receipts").foreign_keys] == ["sales.payments"]


@pytest.mark.parametrize("dialect", ["postgresql"])
def test_schemas_limit_the_tables_and_read_outside_parents_for_their_keys(engine):
    _run(engine, *statements(NAMESPACES))
    with engine.connect() as conn:
        schema = introspect(conn, ["sales"])
        assert introspect(conn, ["SALES"]).table_names == schema.table_names
    inside = [t.name for t in schema.tables if not t.reference_only]
    outside = [t.name for t in schema.tables if t.reference_only]
    assert sorted(inside) == [t for t in NAMESPACE_TABLES if t.startswith("sales.")]
    assert outside == ["inventory.managers", "inventory.products", "inventory.warehouses"]


@pytest.mark.parametrize("dialect", ["postgresql"])
def test_a_quoted_schema_is_named_exactly_or_by_its_only_case_folding(engine):
    _run(engine, 'CREATE SCHEMA "Audit"', "CREATE SCHEMA audit", 'CREATE SCHEMA "Sales"')
    with engine.connect() as conn:
        pg = dialect_for("postgresql")
        assert chosen_schemas(conn, pg, ["Audit"]) == ["Audit"]
        assert chosen_schemas(conn, pg, ["audit"]) == ["audit"]
        assert chosen_schemas(conn, pg, ["sales", "public"]) == ["public", "Sales"]
        with pytest.raises(UnknownSchemaError, match=r"^No schema named 'AUDIT' \(schemas here: public, "):
            chosen_schemas(conn, pg, ["AUDIT"])  # two schemas fold to it


def test_an_unknown_schema_is_one_line_naming_the_schemas(engine, dialect):
    with engine.connect() as conn:
        default = conn.dialect.default_schema_name
        assert introspect(conn, [default]).tables == []
        with pytest.raises(UnknownSchemaError) as err:
            introspect(conn, ["nosuch"])
    assert str(err.value) == f"No schema named 'nosuch' (schemas here: {default})."


@pytest.mark.parametrize("dialect", ["postgresql"])
def test_extension_tables_and_extension_schemas_are_left_out(engine):
    """PostGIS: spatial_ref_sys is a member of the extension; postgis_topology's `topology`
    schema is its own. A relocatable extension (citext) in an application's schema does not
    hide that schema. A foreign key to an extension table reads it, never to fill it."""
    _run(
        engine,
        "CREATE EXTENSION postgis",
        "CREATE EXTENSION postgis_topology",
        "CREATE SCHEMA app",
        "CREATE EXTENSION citext SCHEMA app",
        "CREATE TABLE app.notes (id INTEGER PRIMARY KEY, body TEXT)",
        "CREATE TABLE places (id INTEGER PRIMARY KEY, srid INTEGER REFERENCES spatial_ref_sys (srid))",
    )
    with engine.connect() as conn:
        pg = dialect_for("postgresql")
        assert pg.extension_schemas(conn) == {"topology"}
        assert {("public", "spatial_ref_sys"), ("topology", "topology")} <= pg.extension_tables(conn)
        schema = introspect(conn)
    assert [(t.name, t.reference_only) for t in schema.tables] == [
        ("places", False),
        ("app.notes", False),
        ("spatial_ref_sys", True),
    ]
    assert schema.table("spatial_ref_sys").row_count > 0  # PostGIS ships its rows


@pytest.mark.parametrize("dialect", ["sqlite"])
def test_a_key_to_a_missing_table_reads_no_parent(engine):
    """SQLite lets a foreign key name a table that does not exist."""
    _run(engine, "CREATE TABLE notes (id INTEGER PRIMARY KEY, ghost_id INTEGER REFERENCES ghosts (id))")
    with engine.connect() as conn:
        schema = introspect(conn)
    assert schema.table_names == ["notes"]
    assert [fk.referred_table for fk in schema.table("notes").foreign_keys] == ["ghosts"]
