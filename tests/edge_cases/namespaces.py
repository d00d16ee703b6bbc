"""Issue 9 class 11: PostgreSQL schemas other than `public`, as {dialect: DDL} like
tests/edge_schemas.py (PostgreSQL only: SQLite and MySQL have no schemas inside a database).

Tables in three schemas besides `public`, with foreign keys across them: a self-reference, a
composite key, a NOT NULL cycle of DEFERRABLE keys, a quoted upper-case schema and table,
two tables named `orders` (public.orders and sales.orders), a partitioned table, and an
INSERT trigger that writes to another schema's table.

The partitioned table has no primary key: a key that includes the partition column loses
the partition bounds on a second run in any schema (rows fail; a known issue of its own).
"""

from __future__ import annotations

NAMESPACES = """
CREATE SCHEMA sales;
CREATE SCHEMA inventory;
CREATE SCHEMA "Audit";
CREATE TABLE public.orders (
    id SERIAL PRIMARY KEY,
    note VARCHAR(100),
    created_at TIMESTAMP NOT NULL DEFAULT now()
);
CREATE TABLE sales.customers (
    id SERIAL PRIMARY KEY,
    email VARCHAR(120) NOT NULL UNIQUE,
    name VARCHAR(80) NOT NULL,
    referred_by INTEGER REFERENCES sales.customers (id)
);
CREATE TABLE sales.orders (
    id SERIAL PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES sales.customers (id),
    total NUMERIC(10, 2) NOT NULL CHECK (total >= 0),
    status VARCHAR(20) NOT NULL CHECK (status IN ('new', 'paid', 'shipped'))
);
CREATE TABLE inventory.products (
    id SERIAL PRIMARY KEY,
    sku VARCHAR(20) NOT NULL UNIQUE,
    name VARCHAR(80) NOT NULL,
    price NUMERIC(8, 2) NOT NULL CHECK (price > 0)
);
CREATE TABLE inventory.warehouses (
    code CHAR(3) NOT NULL,
    region VARCHAR(10) NOT NULL,
    name VARCHAR(60) NOT NULL,
    PRIMARY KEY (code, region)
);
CREATE TABLE sales.order_lines (
    order_id INTEGER NOT NULL REFERENCES sales.orders (id),
    product_id INTEGER NOT NULL REFERENCES inventory.products (id),
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10),
    PRIMARY KEY (order_id, product_id)
);
CREATE TABLE sales.shipments (
    id SERIAL PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES sales.orders (id),
    warehouse_code CHAR(3) NOT NULL,
    warehouse_region VARCHAR(10) NOT NULL,
    FOREIGN KEY (warehouse_code, warehouse_region) REFERENCES inventory.warehouses (code, region)
);
CREATE TABLE public.refunds (
    id SERIAL PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES sales.orders (id),
    amount NUMERIC(8, 2) NOT NULL CHECK (amount > 0)
);
CREATE TABLE "Audit"."Events" (
    id SERIAL PRIMARY KEY,
    "orderId" INTEGER NOT NULL REFERENCES public.orders (id),
    "Kind" VARCHAR(20) NOT NULL
);
CREATE TABLE "Audit".order_log (
    id SERIAL PRIMARY KEY,
    order_id INTEGER NOT NULL,
    logged_at TIMESTAMP NOT NULL DEFAULT now()
);
CREATE FUNCTION sales.log_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "Audit".order_log (order_id) VALUES (NEW.id);
    RETURN NEW;
END $$;
CREATE TRIGGER orders_logged AFTER INSERT ON sales.orders FOR EACH ROW EXECUTE FUNCTION sales.log_order();
CREATE TABLE sales.regions (
    id SERIAL PRIMARY KEY,
    name VARCHAR(40) NOT NULL,
    manager_id INTEGER NOT NULL
);
CREATE TABLE inventory.managers (
    id SERIAL PRIMARY KEY,
    name VARCHAR(60) NOT NULL,
    region_id INTEGER NOT NULL REFERENCES sales.regions (id) DEFERRABLE
);
ALTER TABLE sales.regions ADD CONSTRAINT regions_manager_fk
    FOREIGN KEY (manager_id) REFERENCES inventory.managers (id) DEFERRABLE;
CREATE TABLE inventory.stock_moves (
    id INTEGER NOT NULL,
    moved_on DATE NOT NULL,
    product_id INTEGER NOT NULL REFERENCES inventory.products (id)
) PARTITION BY RANGE (moved_on);
CREATE TABLE inventory.stock_moves_2025 PARTITION OF inventory.stock_moves
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE inventory.stock_moves_2026 PARTITION OF inventory.stock_moves
    FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
"""

# Every table of NAMESPACES, as QueryNL names it (qualified outside the default schema).
NAMESPACE_TABLES = [
    "orders",
    "refunds",
    "Audit.Events",
    "Audit.order_log",
    "inventory.managers",
    "inventory.products",
    "inventory.stock_moves",
    "inventory.stock_moves_2025",
    "inventory.stock_moves_2026",
    "inventory.warehouses",
    "sales.customers",
    "sales.order_lines",
    "sales.orders",
    "sales.regions",
    "sales.shipments",
]

NAMESPACE_SCHEMAS = {"namespaces": {"postgresql": NAMESPACES}}
