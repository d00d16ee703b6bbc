"""The demo schema a fresh embedded database starts with, so "add sample data" works at once."""

from __future__ import annotations

from sqlalchemy.engine import Engine

DEMO_SCHEMA = """
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    first_name VARCHAR(50) NOT NULL,
    last_name VARCHAR(50) NOT NULL,
    email VARCHAR(255) NOT NULL UNIQUE,
    phone VARCHAR(30),
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE addresses (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    street VARCHAR(120) NOT NULL,
    city VARCHAR(80) NOT NULL,
    postal_code VARCHAR(12),
    country VARCHAR(60) NOT NULL
);
CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    name VARCHAR(80) NOT NULL,
    parent_id INTEGER REFERENCES categories(id)
);
CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    sku VARCHAR(32) NOT NULL UNIQUE,
    name VARCHAR(120) NOT NULL,
    description TEXT,
    price NUMERIC(10, 2) NOT NULL CHECK (price > 0),
    stock_quantity INTEGER NOT NULL,
    category_id INTEGER REFERENCES categories(id)
);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    shipping_address_id INTEGER REFERENCES addresses(id),
    status VARCHAR(20) NOT NULL,
    total_amount NUMERIC(12, 2) NOT NULL,
    ordered_at TIMESTAMP NOT NULL
);
CREATE TABLE order_items (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    product_id INTEGER NOT NULL REFERENCES products(id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    unit_price NUMERIC(10, 2) NOT NULL,
    UNIQUE (order_id, product_id)
);
"""


def create_demo_schema(engine: Engine) -> None:
    with engine.begin() as conn:
        for statement in filter(str.strip, DEMO_SCHEMA.split(";")):
            conn.exec_driver_sql(statement)
