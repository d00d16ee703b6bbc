"""Issue 10, coherent rows: one schema with every kind of link (persons with emails and user
names, addresses, orders shipped and delivered with their lines summed into their totals,
carts whose CHECK forbids a zero total, employees, memberships, a CHECK-ordered pair, a
diamond of foreign keys, epoch times), as {dialect: DDL}."""

from __future__ import annotations

from tests.edge_schemas import _portable

COHERENCE = _portable(
    """
CREATE TABLE customers (
    id {id},
    first_name VARCHAR(40) NOT NULL,
    last_name VARCHAR(40) NOT NULL,
    email VARCHAR(120) NOT NULL UNIQUE,
    username VARCHAR(60),
    created_at {ts} NOT NULL,
    updated_at {ts}
);
CREATE TABLE addresses (
    id {id},
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    street VARCHAR(120),
    city VARCHAR(60),
    state VARCHAR(40),
    postal_code VARCHAR(10),
    country VARCHAR(60),
    phone VARCHAR(30),
    created_at {ts} NOT NULL
);
CREATE TABLE orders (
    id {id},
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    shipping_address_id INTEGER NOT NULL REFERENCES addresses (id),
    ordered_at {ts} NOT NULL,
    shipped_at {ts},
    delivered_at {ts},
    total_amount DECIMAL(12, 2) NOT NULL CHECK (total_amount >= 0)
);
CREATE TABLE products (id {id}, name VARCHAR(80) NOT NULL, created_at {ts} NOT NULL);
CREATE TABLE order_items (
    id {id},
    order_id INTEGER NOT NULL REFERENCES orders (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    quantity INTEGER NOT NULL,
    unit_price DECIMAL(10, 2) NOT NULL,
    added_at {ts} NOT NULL
);
CREATE TABLE carts (
    id {id},
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    total DECIMAL(8, 2) NOT NULL CHECK (total > 0)
);
CREATE TABLE cart_lines (
    id {id},
    cart_id INTEGER NOT NULL REFERENCES carts (id),
    line_total DECIMAL(8, 2) NOT NULL
);
CREATE TABLE employees (
    id {id},
    first_name VARCHAR(40) NOT NULL,
    last_name VARCHAR(40) NOT NULL,
    birth_date DATE,
    hire_date DATE,
    termination_date DATE
);
CREATE TABLE memberships (
    id {id},
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    starts_on DATE NOT NULL,
    ends_on DATE
);
CREATE TABLE promotions (
    id {id},
    code VARCHAR(20) NOT NULL,
    window_open {ts} NOT NULL,
    window_close {ts} NOT NULL,
    CHECK (window_open < window_close)
);
CREATE TABLE organizations (id {id}, name VARCHAR(80) NOT NULL, created_at {ts} NOT NULL);
CREATE TABLE teams (
    id {id},
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    name VARCHAR(60) NOT NULL
);
CREATE TABLE projects (
    id {id},
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    name VARCHAR(60) NOT NULL
);
CREATE TABLE assignments (
    id {id},
    team_id INTEGER NOT NULL REFERENCES teams (id),
    project_id INTEGER NOT NULL REFERENCES projects (id),
    assigned_at {ts} NOT NULL
);
CREATE TABLE notifications (
    id {id},
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    sent_at BIGINT NOT NULL,
    delivered_ms BIGINT
);
"""
)

# postal codes held in integer columns: a store's of its country (one whose codes are all
# digits); a depot's SMALLINT holds only four digits (Australia's)
INTEGER_POSTCODES = _portable(
    """
CREATE TABLE stores (
    id {id},
    name VARCHAR(80) NOT NULL,
    street VARCHAR(120),
    city VARCHAR(60),
    state VARCHAR(40),
    zip INTEGER,
    country VARCHAR(60)
);
CREATE TABLE depots (id {id}, city VARCHAR(60), zip_code SMALLINT, country VARCHAR(60));
"""
)
