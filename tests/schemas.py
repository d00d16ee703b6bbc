"""Small schemas written here for tests, portable to every dialect through SQLAlchemy Core."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from tests.databases import engine_for


def blog() -> MetaData:
    md = MetaData()
    Table(
        "users",
        md,
        Column("id", Integer, primary_key=True),
        Column("username", String(40), nullable=False, unique=True),
        Column("email", String(120), nullable=False, unique=True),
        Column("display_name", String(80)),
        Column("bio", Text),
        Column("created_at", DateTime, nullable=False),
    )
    Table(
        "posts",
        md,
        Column("id", Integer, primary_key=True),
        Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
        Column("title", String(200), nullable=False),
        Column("slug", String(220), nullable=False, unique=True),
        Column("body", Text, nullable=False),
        Column("published", Boolean, nullable=False),
        Column("published_at", DateTime),
        Column("created_at", DateTime, nullable=False),
    )
    Table(
        "comments",
        md,
        Column("id", Integer, primary_key=True),
        Column("post_id", Integer, ForeignKey("posts.id"), nullable=False),
        Column("user_id", Integer, ForeignKey("users.id")),
        Column("body", Text, nullable=False),
        Column("created_at", DateTime, nullable=False),
    )
    Table(
        "tags",
        md,
        Column("id", Integer, primary_key=True),
        Column("name", String(50), nullable=False, unique=True),
    )
    Table(
        "post_tags",
        md,
        Column("post_id", Integer, ForeignKey("posts.id"), primary_key=True),
        Column("tag_id", Integer, ForeignKey("tags.id"), primary_key=True),
    )
    return md


def ecommerce() -> MetaData:
    """Long because it is one schema, read top to bottom."""
    md = MetaData()
    Table(
        "customers",
        md,
        Column("id", Integer, primary_key=True),
        Column("first_name", String(50), nullable=False),
        Column("last_name", String(50), nullable=False),
        Column("email", String(255), nullable=False, unique=True),
        Column("phone", String(30)),
        Column("birth_date", Date),
        Column("created_at", DateTime, nullable=False),
    )
    Table(
        "addresses",
        md,
        Column("id", Integer, primary_key=True),
        Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
        Column("street", String(120), nullable=False),
        Column("city", String(80), nullable=False),
        Column("postal_code", String(12)),
        Column("country", String(60), nullable=False),
    )
    Table(
        "categories",
        md,
        Column("id", Integer, primary_key=True),
        Column("name", String(80), nullable=False),
        Column("parent_id", Integer, ForeignKey("categories.id")),
    )
    Table(
        "products",
        md,
        Column("id", Integer, primary_key=True),
        Column("sku", String(32), nullable=False, unique=True),
        Column("name", String(120), nullable=False),
        Column("description", Text),
        Column("price", Numeric(10, 2), nullable=False),
        Column("stock_quantity", Integer, nullable=False),
        Column("category_id", Integer, ForeignKey("categories.id")),
        Column("is_active", Boolean, nullable=False),
        CheckConstraint("price > 0", name="ck_products_price_positive"),
    )
    Table(
        "orders",
        md,
        Column("id", Integer, primary_key=True),
        Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
        Column("shipping_address_id", Integer, ForeignKey("addresses.id")),
        Column("status", String(20), nullable=False),
        Column("total_amount", Numeric(12, 2), nullable=False),
        Column("ordered_at", DateTime, nullable=False),
    )
    Table(
        "order_items",
        md,
        Column("id", Integer, primary_key=True),
        Column("order_id", Integer, ForeignKey("orders.id"), nullable=False),
        Column("product_id", Integer, ForeignKey("products.id"), nullable=False),
        Column("quantity", Integer, nullable=False),
        Column("unit_price", Numeric(10, 2), nullable=False),
        UniqueConstraint("order_id", "product_id"),
        CheckConstraint("quantity > 0", name="ck_order_items_quantity"),
    )
    return md


SCHEMAS = {"blog": blog, "ecommerce": ecommerce}


def create_schema(url: str, name: str) -> MetaData:
    md = SCHEMAS[name]()
    engine = engine_for(url)
    try:
        md.create_all(engine)
    finally:
        engine.dispose()
    return md
