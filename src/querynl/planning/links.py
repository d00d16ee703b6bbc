"""Values that belong together, found from column names, providers, foreign keys and CHECKs:
the links of a table's plan (models.RowLink), applied by synthesis/row_links.py.

- DerivedFrom: an email, user name or handle from the row's person or company name.
- SameAddress: street, city, state, postal code, country and phone from one address.
- TimeOrder: created <= updated, start <= end, ordered <= shipped <= delivered, birth + 16
  years <= hire <= termination, valid_from <= valid_to, and column pairs a CHECK orders.
- AfterParent: a child's times not before its parent's creation time.
- SameParentThrough: two foreign keys of a row whose parents agree on a shared key.
- SumOfChildren: a parent's total is the sum of its lines (planning/aggregates.py).
"""

from __future__ import annotations

from querynl.models import (
    AfterParent,
    DataGenerationPlan,
    DerivedFrom,
    ForeignKeyConfig,
    RowLink,
    SameAddress,
    SameParentThrough,
    SumOfChildren,
    TableGenerationConfig,
    TimeOrder,
)
from querynl.planning.aggregates import aggregate_links, describe_sum
from querynl.planning.columns.rules import tokenize
from querynl.schema import SchemaMetadata, TableInfo

TIME_KINDS = {"date", "datetime"}
_SUFFIX = {"at", "on", "date", "time", "timestamp", "datetime", "dt", "ts", "utc"}
# role of a time column, from its name's words (without a suffix such as _at)
_ROLES: dict[str, set[str]] = {
    "birth": {"birth", "birthdate", "birthday", "dob", "born"},
    "created": {"created", "creation", "inserted", "registered", "signup", "joined", "posted",
                "published", "placed", "ordered", "order", "submitted", "opened", "issued",
                "purchased", "booked", "added", "sent"},
    "hire": {"hire", "hired"},
    "start": {"start", "started", "begin", "begun", "from", "effective"},
    "shipped": {"shipped", "ship", "dispatched"},
    "delivered": {"delivered", "delivery", "received", "arrived"},
    "updated": {"updated", "modified", "changed", "edited"},
    "end": {"end", "ended", "finish", "finished", "to", "until", "expire", "expires", "expiry",
            "terminated", "termination", "left", "closed"},
}  # fmt: skip
# (earlier role, later role, minimum gap in days): a later role's column follows the earlier's
_ORDER = (
    ("birth", "hire", 16 * 365.25),
    ("created", "shipped", 0.0),
    ("shipped", "delivered", 0.0),
    ("created", "delivered", 0.0),
    ("created", "updated", 0.0),
    ("start", "end", 0.0),
    ("hire", "end", 0.0),
    ("created", "end", 0.0),
)
_POSSESSIONS = {
    "address", "shipping", "billing", "card", "payment", "account", "wallet", "contact", "phone",
    "device", "vehicle", "profile", "subscription", "location", "bank", "pet", "membership",
}  # fmt: skip
_EMAIL = {"email", "mail"}
_USERNAME = {"username", "login", "handle", "nickname", "nick", "screen"}
_NAME_PROVIDERS = ("name", "company")  # a full name or a company name, when no first + last
_ADDRESS_PARTS = {
    "street_address": "street",
    "city": "city",
    "state": "state",
    "state_abbr": "state_abbr",
    "postcode": "postal_code",
    "zipcode": "postal_code",
    "postcode_number": "postal_code",
    "country": "country",
    "country_code": "country_code",
    "phone_number": "phone",
    "phone": "phone",
}


def plan_links(schema: SchemaMetadata, tables: list[TableGenerationConfig]) -> None:
    """Add the links each table's columns and keys call for to its plan."""
    planned = {t.table_name: t for t in tables}
    for config in tables:
        info = schema.table(config.table_name)
        config.links = [*derived_links(config), *address_links(config), *time_links(info, config)]
        config.links += parent_time_links(schema, info, config, planned)  # the first of each chain
        config.links += diamond_links(schema, config)
        config.links += aggregate_links(schema, config, planned)


def link_pools(plan: DataGenerationPlan) -> set[tuple[str, tuple[str, ...]]]:
    """The parents' (table, (key, value)) pairs the links read: kept by the key registry and
    read from the rows already there."""
    pools: set[tuple[str, tuple[str, ...]]] = set()
    for config in plan.tables:
        for link in config.links:
            if isinstance(link, AfterParent):
                pools.add((link.parent_table, (link.parent_key, link.parent_column)))
            elif isinstance(link, SameParentThrough):
                pools.add((link.first_table, (link.first_key, link.first_value)))
                pools.add((link.second_table, (link.second_key, link.second_value)))
    return pools


def summed_pools(plan: DataGenerationPlan) -> set[tuple[str, tuple[str, ...]]]:
    """The (table, (key,)) of each row a sum of children sets: the run's keys of these are
    kept apart, so that only the run's rows are updated."""
    return {
        (config.table_name, (link.parent_key,))
        for config in plan.tables
        for link in config.links
        if isinstance(link, SumOfChildren)
    }


def describe_link(table: str, link: RowLink) -> str:
    """One line of the plan preview."""
    if isinstance(link, DerivedFrom):
        return f"{table}.{link.column}: {link.form} from {' + '.join(link.sources)}"
    if isinstance(link, SameAddress):
        return f"{table}: {', '.join(link.parts.values())} from one address"
    if isinstance(link, TimeOrder):
        gap = f" + {link.min_gap_days / 365.25:g} years" if link.min_gap_days >= 365 else ""
        return f"{table}: {link.earlier}{gap} <= {link.later}"
    if isinstance(link, AfterParent):
        parent = f"{link.parent_table}.{link.parent_column}"
        return f"{table}.{link.column}: not before the {parent} of its {link.via}"
    if isinstance(link, SumOfChildren):
        return describe_sum(table, link)
    shared = f"the {link.first_table}.{link.first_value} of the row's {link.first}"
    if link.first_value == link.first_key:
        shared = f"the row's {link.first}"
    return f"{table}.{link.second}: a row of {link.second_table} whose {link.second_value} is {shared}"


def _source(config: TableGenerationConfig, column: str) -> str | None:
    """The provider a plain column is drawn from (what a `fit` wraps)."""
    col = config.column(column)
    if col is None or col.strategy != "faker" or col.faker_provider is None:
        return None
    if col.faker_provider == "fit":
        return col.provider_args.get("source")
    return col.faker_provider


def _faker_columns(config: TableGenerationConfig) -> list[str]:
    return [c.column_name for c in config.columns if c.strategy == "faker"]


def derived_links(config: TableGenerationConfig) -> list[DerivedFrom]:
    sources = _name_sources(config)
    if not sources:
        return []
    links = []
    for column in _faker_columns(config):
        words = set(tokenize(column))
        provider = _source(config, column) or ""
        if words & _EMAIL and "email" in provider:
            links.append(DerivedFrom(column=column, sources=sources, form="email"))
        elif words & _USERNAME and "username" in provider:
            links.append(DerivedFrom(column=column, sources=sources, form="username"))
    return links


def _name_sources(config: TableGenerationConfig) -> list[str]:
    by_provider: dict[str, str] = {}
    for column in _faker_columns(config):
        provider = _source(config, column)
        if provider is not None and "middle" not in tokenize(column):
            by_provider.setdefault(provider, column)
    if "first_name" in by_provider and "last_name" in by_provider:
        return [by_provider["first_name"], by_provider["last_name"]]
    return next(([by_provider[p]] for p in _NAME_PROVIDERS if p in by_provider), [])


def address_links(config: TableGenerationConfig) -> list[SameAddress]:
    parts: dict[str, str] = {}
    for column in _faker_columns(config):
        part = _ADDRESS_PARTS.get(_source(config, column) or "")
        if part is not None and part not in parts:
            parts[part] = column
    places = set(parts) - {"phone", "street"}
    return [SameAddress(parts=parts)] if places and len(parts) >= 2 else []


def time_role(column: str) -> str | None:
    words = [w for w in tokenize(column) if w not in _SUFFIX] or list(tokenize(column))
    for role, names in _ROLES.items():
        if set(words) & names:
            return role
    return None


def _time_columns(info: TableInfo, config: TableGenerationConfig) -> list[str]:
    """Columns of dates and times, and integers drawn as epoch times."""
    return [
        c
        for c in _faker_columns(config)
        if info.column(c).kind in TIME_KINDS or _source(config, c) == "unix_timestamp"
    ]


def time_links(info: TableInfo, config: TableGenerationConfig) -> list[TimeOrder]:
    """Pairs ordered by their names' roles, then by the table's CHECKs (a < b, a <= b)."""
    columns = _time_columns(info, config)
    roles: dict[str, list[str]] = {}
    for column in columns:
        role = time_role(column)
        if role is not None:
            roles.setdefault(role, []).append(column)
    links: list[TimeOrder] = []
    for earlier, later, gap in _ORDER:
        for a in roles.get(earlier, []):
            for b in roles.get(later, []):
                _add_order(links, a, b, gap)
    links = [link for link in links if not _implied(link, links)]
    for pair in info.checks.pairs:
        if pair.left in columns and pair.right in columns and pair.op in ("<", "<=", ">", ">="):
            a, b = (pair.left, pair.right) if pair.op in ("<", "<=") else (pair.right, pair.left)
            _add_order(links, a, b, 0.0)
    return _in_order(links)


def _implied(link: TimeOrder, links: list[TimeOrder]) -> bool:
    """a <= c follows from a <= b and b <= c (a gap-free link only)."""
    after = {x.later for x in links if x.earlier == link.earlier and x.later != link.later}
    return not link.min_gap_days and any(x.earlier in after and x.later == link.later for x in links)


def _add_order(links: list[TimeOrder], a: str, b: str, gap: float) -> None:
    if a != b and not any({link.earlier, link.later} == {a, b} for link in links):
        links.append(TimeOrder(earlier=a, later=b, min_gap_days=gap))


def _in_order(links: list[TimeOrder]) -> list[TimeOrder]:
    """Links sorted so that a column is raised before it raises another (a chain holds)."""
    depth: dict[str, int] = {}
    for _ in range(len(links)):
        for link in links:
            depth[link.later] = max(depth.get(link.later, 0), depth.get(link.earlier, 0) + 1)
    return sorted(links, key=lambda link: depth.get(link.earlier, 0))


def parent_time_links(
    schema: SchemaMetadata,
    info: TableInfo,
    config: TableGenerationConfig,
    planned: dict[str, TableGenerationConfig],
) -> list[AfterParent]:
    """A child's event times (all but a birth date) follow its parent's creation time."""
    later = {link.later for link in config.links if isinstance(link, TimeOrder)}
    times = [c for c in _time_columns(info, config) if time_role(c) not in (None, "birth") and c not in later]
    links = []
    for fk in _single_keys(config):
        parent_time = _creation_column(schema.table(fk.referenced_table), planned.get(fk.referenced_table))
        for column in times if parent_time else []:
            links.append(
                AfterParent(
                    column=column,
                    via=fk.columns[0],
                    parent_table=fk.referenced_table,
                    parent_key=fk.referenced_columns[0],
                    parent_column=parent_time,
                )
            )
    return links


def _creation_column(parent: TableInfo, config: TableGenerationConfig | None) -> str | None:
    """The parent's creation time: a time column whose role is `created` (or a start)."""
    columns = [c.name for c in parent.columns if c.kind in TIME_KINDS]
    if config is not None:
        columns = _time_columns(parent, config)
    for role in ("created", "start"):
        found = next((c for c in columns if time_role(c) == role), None)
        if found is not None:
            return found
    return None


def _single_keys(config: TableGenerationConfig) -> list[ForeignKeyConfig]:
    return [
        fk
        for fk in config.foreign_keys
        if len(fk.columns) == 1 and fk.mode == "immediate" and fk.referenced_table != config.table_name
    ]


def diamond_links(schema: SchemaMetadata, config: TableGenerationConfig) -> list[SameParentThrough]:
    """Two foreign keys whose parents meet: the second parent points back at the first
    (orders.shipping_address_id -> addresses.customer_id = orders.customer_id), or both
    parents point at one grandparent row."""
    keys = _single_keys(config)
    links: list[SameParentThrough] = []
    for first in keys:
        for second in keys:
            if first is second or first.referenced_table == second.referenced_table:
                continue
            if any({link.first, link.second} == {first.columns[0], second.columns[0]} for link in links):
                continue
            shared = _shared(schema, first, second)
            if shared is not None:
                links.append(_diamond(first, second, *shared))
    return links


def _shared(
    schema: SchemaMetadata, first: ForeignKeyConfig, second: ForeignKeyConfig
) -> tuple[str, str] | None:
    """(first parent's value, second parent's value) that must agree, or None."""
    first_parent, second_parent = schema.table(first.referenced_table), schema.table(second.referenced_table)
    for fk in second_parent.foreign_keys if _owned(second) else ():  # points back at the first's row
        back = fk.referred_table == first_parent.name and fk.referred_columns == first.referenced_columns
        if back and len(fk.columns) == 1:
            return first.referenced_columns[0], fk.columns[0]
    for a in first_parent.foreign_keys:  # both point at one grandparent row
        for b in second_parent.foreign_keys:
            same = a.referred_table == b.referred_table and a.referred_columns == b.referred_columns
            if (
                same
                and len(a.columns) == len(b.columns) == 1
                and a.referred_table
                not in (
                    first_parent.name,
                    second_parent.name,
                )
            ):
                return a.columns[0], b.columns[0]
    return None


def _owned(key: ForeignKeyConfig) -> bool:
    """Whether the parent a key draws is a thing its owner has (an address, a card, an
    account): the row takes one of its own owner's. A post, a project or a ticket that points
    at a user is not: a comment's author is rarely the post's."""
    words = set(tokenize(key.referenced_table)) | set(tokenize(key.columns[0]))
    return bool(words & _POSSESSIONS)


def _diamond(
    first: ForeignKeyConfig, second: ForeignKeyConfig, first_value: str, second_value: str
) -> SameParentThrough:
    return SameParentThrough(
        first=first.columns[0],
        first_table=first.referenced_table,
        first_key=first.referenced_columns[0],
        first_value=first_value,
        second=second.columns[0],
        second_table=second.referenced_table,
        second_key=second.referenced_columns[0],
        second_value=second_value,
    )
