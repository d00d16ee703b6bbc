"""Totals that sum their lines, found from names and foreign keys: a parent's `total`,
`total_amount`, `subtotal`, `grand_total`, `order_total` or `amount` over child lines with a
quantity and a unit price (or a line amount of their own). The link (models.SumOfChildren)
is applied after the lines are inserted (pipeline/aggregates.py)."""

from __future__ import annotations

from decimal import Decimal

from querynl.models import ForeignKeyConfig, SumOfChildren, TableGenerationConfig
from querynl.planning.columns.rules import tokenize
from querynl.schema import SchemaMetadata, TableInfo

NUMERIC_KINDS = {"integer", "decimal", "float"}
_TOTAL = {"total", "subtotal", "amount", "sum"}  # a parent column's name holds one of these
_TOTAL_WORDS = _TOTAL | {"sub", "grand", "price", "cost", "value"}  # and nothing else but its table's
_FIRST = ({"subtotal"}, {"sub"})  # a parent with a subtotal and a total: the subtotal sums the lines
_QUANTITY = {"quantity", "qty"}
_LINE_TABLE = {"item", "line", "detail", "entry", "position", "row"}  # a child that is the lines
_LINE_AMOUNT = {"line", "total", "amount", "subtotal", "sub", "price", "item", "extended", "ext", "ended"}


def aggregate_links(
    schema: SchemaMetadata, config: TableGenerationConfig, planned: dict[str, TableGenerationConfig]
) -> list[SumOfChildren]:
    """At most one sum per child table and one per parent column, the subtotal first."""
    info = schema.table(config.table_name)
    links: list[SumOfChildren] = []
    for column in sorted(_total_columns(info, config), key=_rank):
        for child in planned.values():
            link = _sum(schema, info, column, child)
            taken = {x.child_table for x in links}
            if link is not None and link.child_table not in taken:
                links.append(link)
                break
    for link in links:
        if not _zero_allowed(info, link.column):
            config.notes.append(
                f"{link.column}: a row without {link.child_table} keeps its drawn value (a CHECK forbids 0)"
            )
    return links


def _zero_allowed(info: TableInfo, column: str) -> bool:
    """Whether the column's CHECK bounds let a parent without lines total 0."""
    bounds = info.checks.bounds.get(column)
    low = None if bounds is None else bounds.low
    if not isinstance(low, int | float | Decimal) or isinstance(low, bool):
        return True
    return low < 0 or (low == 0 and bounds.low_inclusive)


def _rank(column: str) -> int:
    words = set(tokenize(column))
    return next((i for i, first in enumerate(_FIRST) if words & first), len(_FIRST))


def _total_columns(info: TableInfo, config: TableGenerationConfig) -> list[str]:
    """Numeric columns the plan draws, not part of a key, whose names say they are a total."""
    table_words = set(tokenize(info.name))
    keys = {c for unique in info.unique_sets() for c in unique}
    found = []
    for col in config.columns:
        words = set(tokenize(col.column_name))
        if col.strategy != "faker" or col.column_name in keys:
            continue
        if info.column(col.column_name).kind not in NUMERIC_KINDS:
            continue
        if words & _TOTAL and words <= _TOTAL_WORDS | table_words:
            found.append(col.column_name)
    return found


def _sum(
    schema: SchemaMetadata, parent: TableInfo, column: str, child: TableGenerationConfig
) -> SumOfChildren | None:
    key = _only_key(child, parent.name)
    if key is None:
        return None
    lines = schema.table(child.table_name)
    numeric = [c.name for c in lines.columns if c.kind in NUMERIC_KINDS and c.name not in key.columns]
    named_as_lines = bool(set(tokenize(child.table_name)) & _LINE_TABLE)
    quantity = next((c for c in numeric if set(tokenize(c)) & _QUANTITY), None)
    amount = next((c for c in numeric if _line_amount(c)), None)
    price = _price(numeric)
    common = {"column": column, "child_table": child.table_name, "child_key": key.columns[0]}
    common["parent_key"] = key.referenced_columns[0]
    if amount is not None and (named_as_lines or quantity is not None):
        return SumOfChildren(**common, amount=amount)
    if quantity is not None and price is not None:
        return SumOfChildren(**common, quantity=quantity, price=price)
    return None


def _only_key(child: TableGenerationConfig, parent: str) -> ForeignKeyConfig | None:
    """The child's one single-column foreign key to the parent (none when it has two)."""
    keys = [fk for fk in child.foreign_keys if fk.referenced_table == parent and child.table_name != parent]
    return keys[0] if len(keys) == 1 and len(keys[0].columns) == 1 else None


def _line_amount(column: str) -> bool:
    words = set(tokenize(column))
    return bool(words & _TOTAL) and words <= _LINE_AMOUNT


def _price(columns: list[str]) -> str | None:
    """A unit price: `unit_price` before `price`, a `unit_cost` too; no total price."""
    prices = [c for c in columns if "price" in tokenize(c) or set(tokenize(c)) == {"unit", "cost"}]
    prices = [c for c in prices if not set(tokenize(c)) & _TOTAL]
    prices.sort(key=lambda c: ("unit" not in tokenize(c), len(c)))
    return prices[0] if prices else None


def describe_sum(table: str, link: SumOfChildren) -> str:
    """One line of the plan preview."""
    measure = link.amount if link.price is None else f"{link.quantity} × {link.price}"
    if link.quantity is None and link.price is not None:
        measure = link.price
    return f"{table}.{link.column}: the sum of its {link.child_table} ({measure})"
