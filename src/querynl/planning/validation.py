"""Check a plan before anything runs: a plan from an LLM is untrusted input."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from querynl.models import DataGenerationPlan, TableGenerationConfig
from querynl.providers import make_faker
from querynl.schema import SchemaMetadata, TableInfo

MAX_RECORDS_PER_TABLE = 50_000_000
MAX_ARGS_JSON = 4_000
# Generator plumbing that is callable but is not a value provider.
_NOT_PROVIDERS = {
    "add_provider",
    "format",
    "parse",
    "provider",
    "get_formatter",
    "set_formatter",
    "get_providers",
    "seed",
    "seed_instance",
    "seed_locale",
    "set_arguments",
    "get_arguments",
    "del_arguments",
    "binary",  # large payloads: allowed only with a length argument, checked below
}


@cache
def allowed_providers() -> frozenset[str]:
    fake = make_faker()
    names: set[str] = set()
    for provider in fake.get_providers():
        names.update(n for n in dir(provider) if not n.startswith("_") and callable(getattr(provider, n)))
    return frozenset(names - _NOT_PROVIDERS - _base_helpers())


def _base_helpers() -> set[str]:
    from faker.providers import BaseProvider

    keep = {"random_int", "random_digit", "random_element", "random_elements", "random_letter"}
    keep |= {"random_number", "numerify", "lexify", "bothify", "random_letters", "random_sample"}
    return {n for n in dir(BaseProvider) if not n.startswith("_")} - keep


def is_allowed_provider(name: str, args: dict[str, Any] | None = None) -> bool:
    if name == "binary":
        return bool(args) and isinstance(args.get("length"), int) and 0 < args["length"] <= 65_536
    return name in allowed_providers()


def validate_plan(plan: DataGenerationPlan, schema: SchemaMetadata) -> list[str]:
    problems: list[str] = []
    names = [t.table_name for t in plan.tables]
    problems += _check_tables(plan, schema, names)
    position = {name: i for i, name in enumerate(plan.insertion_order)}
    for config in plan.tables:
        if config.table_name not in schema.table_names:
            continue
        table = schema.table(config.table_name)
        problems += _check_columns(config, table)
        problems += _check_foreign_keys(config, table, position)
    return problems


def _check_tables(plan: DataGenerationPlan, schema: SchemaMetadata, names: list[str]) -> list[str]:
    problems = [f"unknown table {n!r}" for n in names if n not in schema.table_names]
    if len(set(names)) != len(names):
        problems.append("a table appears twice in the plan")
    if sorted(plan.insertion_order) != sorted(names):
        problems.append("insertion_order must list exactly the plan's tables")
    for config in plan.tables:
        if not 0 <= config.record_count <= MAX_RECORDS_PER_TABLE:
            problems.append(f"{config.table_name}: record_count {config.record_count} out of range")
    return problems


def _check_columns(config: TableGenerationConfig, table: TableInfo) -> list[str]:
    problems = []
    known = {c.name for c in table.columns}
    fk_columns = {c for fk in config.foreign_keys for c in fk.columns}
    for col in config.columns:
        where = f"{table.name}.{col.column_name}"
        if col.column_name not in known:
            problems.append(f"unknown column {where}")
            continue
        if col.strategy == "faker" and not is_allowed_provider(col.faker_provider or "", col.provider_args):
            problems.append(f"{where}: {col.faker_provider!r} is not a known Faker provider")
        if col.strategy == "sequence" and table.column(col.column_name).kind != "integer":
            problems.append(f"{where}: a sequence needs an integer column")
        if len(json.dumps(col.provider_args, default=str)) > MAX_ARGS_JSON:
            problems.append(f"{where}: provider arguments too large")
    planned = {c.column_name for c in config.columns if c.strategy != "skip"} | fk_columns
    for column in table.columns:
        needs_value = not column.nullable and column.default is None and not column.autoincrement
        if needs_value and not column.computed and column.name not in planned:
            problems.append(f"{table.name}.{column.name} is NOT NULL but the plan gives it no value")
    return problems


def _check_foreign_keys(config: TableGenerationConfig, table: TableInfo, position: dict) -> list[str]:
    problems = []
    declared = {
        (tuple(fk.columns), fk.referred_table, tuple(fk.referred_columns)) for fk in table.foreign_keys
    }
    for fk in config.foreign_keys:
        key = (tuple(fk.columns), fk.referenced_table, tuple(fk.referenced_columns))
        if key not in declared:
            problems.append(
                f"{table.name}: foreign key {fk.columns} -> {fk.referenced_table} is not in the schema"
            )
        elif (
            fk.mode == "immediate"
            and fk.referenced_table != table.name
            and position.get(fk.referenced_table, 1 << 30) > position.get(table.name, -1)
        ):
            problems.append(f"{table.name} is inserted before its parent {fk.referenced_table}")
    missing = declared - {
        (tuple(f.columns), f.referenced_table, tuple(f.referenced_columns)) for f in config.foreign_keys
    }
    problems += [f"{table.name}: foreign key {list(m[0])} -> {m[1]} has no plan" for m in sorted(missing)]
    return problems
