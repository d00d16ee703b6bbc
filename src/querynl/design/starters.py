"""Built-in starter schemas, written once with SQLAlchemy Core and compiled to the DDL of the
connected database (auto-increment keys, booleans, timestamps, CHECKs and foreign keys as
each one spells them). Together they hold a many-to-many junction (post_tags,
project_members) and self-references (categories.parent_id, employees.manager_id)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
    true,
)
from sqlalchemy.engine import Dialect as SQLAlchemyDialect
from sqlalchemy.schema import CreateIndex, CreateTable


def _id() -> Column:
    return Column("id", Integer, primary_key=True, autoincrement=True)


def _created() -> Column:
    return Column("created_at", DateTime, nullable=False, server_default=func.current_timestamp())


def _fk(name: str, target: str, nullable: bool = False) -> Column:
    return Column(name, Integer, ForeignKey(f"{target}.id"), nullable=nullable)


def blog() -> MetaData:
    md = MetaData()
    Table(
        "users",
        md,
        _id(),
        Column("username", String(40), nullable=False, unique=True),
        Column("email", String(120), nullable=False, unique=True),
        Column("bio", Text),
        _created(),
    )
    Table(
        "posts",
        md,
        _id(),
        _fk("author_id", "users"),
        Column("title", String(200), nullable=False),
        Column("slug", String(220), nullable=False, unique=True),
        Column("body", Text, nullable=False),
        Column("published", Boolean, nullable=False, server_default=false()),
        Column("published_at", DateTime),
        _created(),
    )
    Table(
        "comments",
        md,
        _id(),
        _fk("post_id", "posts"),
        _fk("user_id", "users", nullable=True),
        Column("body", Text, nullable=False),
        _created(),
    )
    Table("tags", md, _id(), Column("name", String(40), nullable=False, unique=True))
    Table(
        "post_tags",
        md,
        Column("post_id", Integer, ForeignKey("posts.id"), primary_key=True),
        Column("tag_id", Integer, ForeignKey("tags.id"), primary_key=True),
    )
    return md


def ecommerce() -> MetaData:
    md = MetaData()
    Table(
        "customers",
        md,
        _id(),
        Column("first_name", String(50), nullable=False),
        Column("last_name", String(50), nullable=False),
        Column("email", String(255), nullable=False, unique=True),
        Column("phone", String(30)),
        Column("is_active", Boolean, nullable=False, server_default=true()),
        _created(),
    )
    Table(
        "categories",
        md,
        _id(),
        Column("name", String(80), nullable=False),
        _fk("parent_id", "categories", nullable=True),
    )
    Table(
        "products",
        md,
        _id(),
        Column("sku", String(32), nullable=False, unique=True),
        Column("name", String(120), nullable=False),
        Column("description", Text),
        Column("price", Numeric(10, 2), CheckConstraint("price > 0"), nullable=False),
        Column("stock_quantity", Integer, CheckConstraint("stock_quantity >= 0"), nullable=False),
        _fk("category_id", "categories", nullable=True),
    )
    _orders(md)
    return md


def _orders(md: MetaData) -> None:
    """The e-commerce starter's orders and their lines."""
    Table(
        "orders",
        md,
        _id(),
        _fk("customer_id", "customers"),
        Column(
            "status",
            String(20),
            CheckConstraint("status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')"),
            nullable=False,
        ),
        Column("total_amount", Numeric(12, 2), nullable=False),
        Column("ordered_at", DateTime, nullable=False),
    )
    Table(
        "order_items",
        md,
        _id(),
        _fk("order_id", "orders"),
        _fk("product_id", "products"),
        Column("quantity", Integer, CheckConstraint("quantity > 0"), nullable=False),
        Column("unit_price", Numeric(10, 2), nullable=False),
        UniqueConstraint("order_id", "product_id"),
    )
    Index("ix_orders_ordered_at", md.tables["orders"].c.ordered_at)


def inventory() -> MetaData:
    md = MetaData()
    Table(
        "warehouses",
        md,
        _id(),
        Column("code", String(10), nullable=False, unique=True),
        Column("name", String(100), nullable=False),
        Column("city", String(80), nullable=False),
    )
    Table(
        "suppliers",
        md,
        _id(),
        Column("name", String(120), nullable=False),
        Column("email", String(255), unique=True),
        Column("phone", String(30)),
    )
    Table(
        "items",
        md,
        _id(),
        Column("sku", String(32), nullable=False, unique=True),
        Column("name", String(120), nullable=False),
        _fk("supplier_id", "suppliers", nullable=True),
        Column("unit_cost", Numeric(10, 2), CheckConstraint("unit_cost >= 0"), nullable=False),
        Column("discontinued", Boolean, nullable=False, server_default=false()),
    )
    Table(
        "stock_levels",
        md,
        _id(),
        _fk("warehouse_id", "warehouses"),
        _fk("item_id", "items"),
        Column("quantity", Integer, CheckConstraint("quantity >= 0"), nullable=False),
        Column("reorder_level", Integer, nullable=False),
        UniqueConstraint("warehouse_id", "item_id"),
    )
    Table(
        "stock_movements",
        md,
        _id(),
        _fk("warehouse_id", "warehouses"),
        _fk("item_id", "items"),
        Column("quantity_change", Integer, CheckConstraint("quantity_change <> 0"), nullable=False),
        Column("reason", String(20), nullable=False),
        Column("moved_at", DateTime, nullable=False),
    )
    return md


def company() -> MetaData:
    md = MetaData()
    Table("departments", md, _id(), Column("name", String(80), nullable=False, unique=True))
    Table(
        "employees",
        md,
        _id(),
        Column("first_name", String(50), nullable=False),
        Column("last_name", String(50), nullable=False),
        Column("email", String(255), nullable=False, unique=True),
        _fk("department_id", "departments"),
        _fk("manager_id", "employees", nullable=True),
        Column("hired_on", Date, nullable=False),
        Column("salary", Numeric(10, 2), CheckConstraint("salary > 0"), nullable=False),
    )
    Table(
        "projects",
        md,
        _id(),
        Column("name", String(120), nullable=False),
        Column("starts_on", Date, nullable=False),
        Column("ends_on", Date),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on"),
    )
    Table(
        "project_members",
        md,
        Column("project_id", Integer, ForeignKey("projects.id"), primary_key=True),
        Column("employee_id", Integer, ForeignKey("employees.id"), primary_key=True),
        Column("role", String(40), nullable=False),
    )
    return md


@dataclass(frozen=True)
class Starter:
    name: str
    description: str
    build: Callable[[], MetaData]
    aliases: tuple[str, ...] = ()

    def ddl(self, dialect: SQLAlchemyDialect) -> list[str]:
        """CREATE TABLE then CREATE INDEX statements, parents before children."""
        md = self.build()
        tables = md.sorted_tables
        creates = [CreateTable(t) for t in tables] + [CreateIndex(i) for t in tables for i in t.indexes]
        return [str(c.compile(dialect=dialect)).strip() for c in creates]


STARTERS = [
    Starter("blog", "users, posts, comments, tags (posts and tags many-to-many)", blog),
    Starter("ecommerce", "customers, categories (nested), products, orders, order items", ecommerce,
            ("e-commerce", "shop", "store")),
    Starter("inventory", "warehouses, suppliers, items, stock levels and movements", inventory,
            ("warehouse",)),
    Starter("company", "departments, employees (with managers), projects and their members", company,
            ("hr", "employees")),
]  # fmt: skip


def find_starter(word: str) -> Starter | None:
    """The starter called `word` (or one of its aliases), case and spaces aside."""
    key = word.strip().lower()
    return next((s for s in STARTERS if key == s.name or key in s.aliases), None)
