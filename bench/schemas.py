"""The benchmark's schemas, created with SQLAlchemy Core on a fresh database.

- ``chain``: users <- posts <- comments (comments also -> users), sized by the caller.
- ``default10``: a ten-table e-commerce/blog mix with foreign keys, a self-reference, a
  junction table (composite primary key), unique columns and a CHECK constraint.
"""

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

# Full chain sizes at --scale 1.0 (1,000,000 rows in all).
CHAIN_COUNTS = {"users": 100_000, "posts": 300_000, "comments": 600_000}


def chain_counts(scale: float) -> dict[str, int]:
    return {name: max(1, round(n * scale)) for name, n in CHAIN_COUNTS.items()}


def chain_metadata() -> MetaData:
    md = MetaData()
    Table(
        "users",
        md,
        Column("id", Integer, primary_key=True),
        Column("name", String(100)),
        Column("email", String(255), unique=True, nullable=False),
        Column("age", Integer),
        Column("created_at", DateTime),
        Column("bio", Text),
    )
    Table(
        "posts",
        md,
        Column("id", Integer, primary_key=True),
        Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
        Column("title", String(200)),
        Column("body", Text),
        Column("created_at", DateTime),
    )
    Table(
        "comments",
        md,
        Column("id", Integer, primary_key=True),
        Column("post_id", Integer, ForeignKey("posts.id"), nullable=False),
        Column("user_id", Integer, ForeignKey("users.id")),
        Column("body", Text),
        Column("created_at", DateTime),
    )
    return md


def default10_metadata() -> MetaData:
    md = MetaData()
    Table(
        "categories",
        md,
        Column("id", Integer, primary_key=True),
        Column("name", String(100), nullable=False, unique=True),
        Column("parent_id", Integer, ForeignKey("categories.id")),  # self-reference
        Column("description", Text),
    )
    Table(
        "customers",
        md,
        Column("id", Integer, primary_key=True),
        Column("username", String(50), nullable=False, unique=True),
        Column("email", String(255), nullable=False, unique=True),
        Column("first_name", String(100)),
        Column("last_name", String(100)),
        Column("phone", String(30)),
        Column("birth_date", Date),
        Column("is_active", Boolean, nullable=False, default=True),
        Column("created_at", DateTime),
    )
    Table(
        "addresses",
        md,
        Column("id", Integer, primary_key=True),
        Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
        Column("street", String(200)),
        Column("city", String(100)),
        Column("postal_code", String(20)),
        Column("country", String(100)),
    )
    Table(
        "products",
        md,
        Column("id", Integer, primary_key=True),
        Column("sku", String(40), nullable=False, unique=True),
        Column("name", String(200), nullable=False),
        Column("category_id", Integer, ForeignKey("categories.id"), nullable=False),
        Column("price", Numeric(10, 2), nullable=False),
        Column("stock", Integer, nullable=False),
        Column("description", Text),
        CheckConstraint("price >= 0", name="ck_products_price"),
    )
    Table(
        "orders",
        md,
        Column("id", Integer, primary_key=True),
        Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
        Column("shipping_address_id", Integer, ForeignKey("addresses.id")),
        Column("status", String(20), nullable=False),
        Column("total", Numeric(12, 2)),
        Column("ordered_at", DateTime),
    )
    Table(
        "order_items",
        md,
        Column("id", Integer, primary_key=True),
        Column("order_id", Integer, ForeignKey("orders.id"), nullable=False),
        Column("product_id", Integer, ForeignKey("products.id"), nullable=False),
        Column("quantity", Integer, nullable=False),
        Column("unit_price", Numeric(10, 2), nullable=False),
        UniqueConstraint("order_id", "product_id", name="uq_order_items_order_product"),
    )
    Table(
        "reviews",
        md,
        Column("id", Integer, primary_key=True),
        Column("product_id", Integer, ForeignKey("products.id"), nullable=False),
        Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
        Column("rating", Integer, nullable=False),
        Column("title", String(200)),
        Column("body", Text),
        Column("created_at", DateTime),
        CheckConstraint("rating BETWEEN 1 AND 5", name="ck_reviews_rating"),
    )
    Table(
        "posts",
        md,
        Column("id", Integer, primary_key=True),
        Column("author_id", Integer, ForeignKey("customers.id"), nullable=False),
        Column("title", String(200), nullable=False),
        Column("slug", String(200), nullable=False, unique=True),
        Column("body", Text),
        Column("published_at", DateTime),
    )
    Table(
        "tags",
        md,
        Column("id", Integer, primary_key=True),
        Column("name", String(50), nullable=False, unique=True),
    )
    Table(
        "post_tags",  # junction table
        md,
        Column("post_id", Integer, ForeignKey("posts.id"), primary_key=True),
        Column("tag_id", Integer, ForeignKey("tags.id"), primary_key=True),
    )
    return md


SCENARIO_METADATA = {"chain": chain_metadata, "default10": default10_metadata}
