"""Check a plan before anything runs: a plan from an LLM is untrusted input.

A plan may name only value providers of our Faker (never its plumbing, a private name or a
dunder), call them with keyword arguments their signatures take and JSON-like values, and
must fit the schema: known tables and columns, declared foreign keys, parents inserted before
children, sequences on integer columns, a value for every NOT NULL column, sane row counts.
`validate_plan` returns every problem found, each a sentence naming where it is.
"""

from __future__ import annotations

import inspect
import json
import math
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any, get_args

from querynl.models import (
    ColumnGenerationConfig,
    ColumnStrategy,
    DataGenerationPlan,
    ForeignKeyConfig,
    ForeignKeyMode,
    TableGenerationConfig,
)
from querynl.planning.link_validation import link_problems
from querynl.providers import make_faker
from querynl.schema import SchemaMetadata, TableInfo

MAX_RECORDS_PER_TABLE = 50_000_000
MAX_ARGS_JSON = 4_000
MAX_ARGS_DEPTH = 8
MAX_BINARY_LENGTH = 65_536
# Generator plumbing: callable through Faker, but not a value provider.
FAKER_PLUMBING = frozenset(
    {"add_provider", "format", "parse", "provider", "get_formatter", "set_formatter", "get_providers",
     "seed", "seed_instance", "seed_locale", "set_arguments", "get_arguments", "del_arguments"}
)  # fmt: skip
# BaseProvider helpers that are value providers too; its other helpers are not.
_BASE_PROVIDERS = frozenset(
    {"random_int", "random_digit", "random_element", "random_elements", "random_letter", "random_number",
     "numerify", "lexify", "bothify", "random_letters", "random_sample"}
)  # fmt: skip
_KEYWORD = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


@cache
def allowed_providers() -> frozenset[str]:
    from faker.providers import BaseProvider

    names: set[str] = set()
    for provider in make_faker().get_providers():
        names.update(n for n in dir(provider) if not n.startswith("_") and callable(getattr(provider, n)))
    base_helpers = {n for n in dir(BaseProvider) if not n.startswith("_")} - _BASE_PROVIDERS
    return frozenset(names - FAKER_PLUMBING - base_helpers)


@cache
def provider_parameters(name: str) -> tuple[inspect.Parameter, ...] | None:
    """The parameters of the formatter `name` (a known provider); None when Python cannot tell."""
    try:
        return tuple(inspect.signature(make_faker().get_formatter(name)).parameters.values())
    except (TypeError, ValueError):
        return None


def provider_problem(name: str) -> str | None:
    """Why `name` may not be called from a plan, or None when it may."""
    if name.startswith("_"):
        return f"{name!r} is a private name, not a provider"
    if name in FAKER_PLUMBING:
        return f"{name!r} is Faker plumbing, not a value provider"
    if name not in allowed_providers():
        return f"{name!r} is not a known Faker provider"
    return None


def validate_plan(plan: DataGenerationPlan, schema: SchemaMetadata) -> list[str]:
    problems = _check_tables(plan, schema)
    position = {name: i for i, name in enumerate(plan.insertion_order)}
    for config in plan.tables:
        if config.table_name not in schema.table_names:
            continue
        table = schema.table(config.table_name)
        problems += _check_columns(config, table)
        problems += _check_foreign_keys(config, schema, position)
        problems += _check_required_rows(config, table)
        problems += link_problems(config, schema)
    return problems


# ----- tables ---------------------------------------------------------------------------


def _check_tables(plan: DataGenerationPlan, schema: SchemaMetadata) -> list[str]:
    names = [t.table_name for t in plan.tables]
    problems = [f"unknown table {n!r}" for n in names if n not in schema.table_names]
    if len(set(names)) != len(names):
        problems.append("a table appears twice in the plan")
    if sorted(plan.insertion_order) != sorted(names):
        problems.append("insertion_order must list exactly the plan's tables")
    for config in plan.tables:
        count = config.record_count
        if not isinstance(count, int) or isinstance(count, bool):
            problems.append(f"{config.table_name}: record_count {count!r} is not a whole number")
        elif not 0 <= count <= MAX_RECORDS_PER_TABLE:
            problems.append(
                f"{config.table_name}: record_count {count} out of range (0 to {MAX_RECORDS_PER_TABLE:,})"
            )
    return problems


def _check_required_rows(config: TableGenerationConfig, table: TableInfo) -> list[str]:
    """Rows a trigger needs: keys of columns the plan inserts, plain values."""
    inserted = {c.column_name for c in config.columns if c.strategy != "skip"}
    inserted |= {c for fk in config.foreign_keys for c in fk.columns}
    problems = []
    for row in config.required_rows:
        for column, value in row.items():
            where = f"{table.name}.{column}"
            if column not in inserted:
                problems.append(f"required row: {where} is not inserted by the plan")
            elif isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
                problems.append(f"required row: {where} = {value!r} is not a plain value")
    return problems


# ----- columns --------------------------------------------------------------------------


def _check_columns(config: TableGenerationConfig, table: TableInfo) -> list[str]:
    problems = []
    known = {c.name for c in table.columns}
    seen: set[str] = set()
    for col in config.columns:
        where = f"{table.name}.{col.column_name}"
        if col.column_name not in known:
            problems.append(f"unknown column {where}")
            continue
        if col.column_name in seen:
            problems.append(f"{where} is planned twice")
        seen.add(col.column_name)
        problems += [f"{where}: {p}" for p in _column_problems(col, table)]
    return problems + _unfilled_columns(config, table)


def _column_problems(col: ColumnGenerationConfig, table: TableInfo) -> list[str]:
    if col.strategy not in get_args(ColumnStrategy):
        return [f"unknown strategy {col.strategy!r}"]
    problems = []
    if not 0.0 <= col.null_probability <= 1.0:
        problems.append(f"null_probability {col.null_probability} is not between 0 and 1")
    if col.strategy == "sequence" and table.column(col.column_name).kind != "integer":
        problems.append("a sequence needs an integer column")
    spatial = table.column(col.column_name).kind == "geometry"
    if spatial and col.strategy == "faker" and col.faker_provider != "geometry":
        problems.append("a geometry column needs the geometry provider")
    value_problem = json_problem(col.provider_args)
    if value_problem:
        return [*problems, f"provider arguments: {value_problem}"]
    if len(json.dumps(col.provider_args)) > MAX_ARGS_JSON:
        return [*problems, "provider arguments too large"]
    if col.strategy == "faker":
        problems += call_problems(col.faker_provider or "", col.provider_args)
    return problems


def _unfilled_columns(config: TableGenerationConfig, table: TableInfo) -> list[str]:
    fk_columns = {c for fk in config.foreign_keys for c in fk.columns}
    planned = {c.column_name for c in config.columns if c.strategy != "skip"} | fk_columns
    return [
        f"{table.name}.{column.name} is NOT NULL but the plan gives it no value"
        for column in table.columns
        if not column.nullable
        and column.default is None
        and not column.autoincrement
        and not column.computed
        and column.name not in planned
    ]


# ----- provider calls -------------------------------------------------------------------


def call_problems(name: str, args: dict[str, Any]) -> list[str]:
    """What is wrong with calling provider `name` with keyword `args` (JSON-like already)."""
    if not name:
        return ["strategy 'faker' needs a faker_provider"]
    problem = provider_problem(name)
    if problem:
        return [problem]
    return argument_problems(name, args) or _SPECIAL_CALLS.get(name, _no_problems)(args)


def argument_problems(name: str, args: dict[str, Any]) -> list[str]:
    """Keyword arguments the formatter's signature does not take, and required ones missing."""
    params = provider_parameters(name)
    private = sorted(a for a in args if a.startswith("_"))
    if private:
        return [f"{name}() argument names may not be private: {', '.join(private)}"]
    if params is None:
        return [f"{name}() has no signature to check its arguments against"] if args else []
    problems = []
    if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        unknown = sorted(set(args) - {p.name for p in params if p.kind in _KEYWORD})
        if unknown:
            problems.append(f"{name}() takes no argument {', '.join(map(repr, unknown))}")
    missing = [p.name for p in params if p.kind in _KEYWORD and p.default is p.empty and p.name not in args]
    if missing:
        problems.append(f"{name}() needs the argument {', '.join(map(repr, missing))}")
    return problems


def _no_problems(_args: dict[str, Any]) -> list[str]:
    return []


def _binary_call(args: dict[str, Any]) -> list[str]:
    length = args.get("length")
    if isinstance(length, int) and not isinstance(length, bool) and 0 < length <= MAX_BINARY_LENGTH:
        return []
    return [f"binary() needs a length from 1 to {MAX_BINARY_LENGTH:,}"]


def _fit_call(args: dict[str, Any]) -> list[str]:
    """fit(source, max_chars, args) calls `source(**args)`: the same rules apply to that call."""
    source, inner = args.get("source"), args.get("args") or {}
    if not isinstance(source, str) or not isinstance(inner, dict) or source == "fit":
        return ["fit() needs a provider name as source and a dict as args"]
    return [f"fit source: {p}" for p in call_problems(source, inner)]


_SPECIAL_CALLS: dict[str, Callable[[dict[str, Any]], list[str]]] = {"binary": _binary_call, "fit": _fit_call}


def json_problem(value: Any, depth: int = 0) -> str | None:
    """Why `value` is not JSON-like (None, bool, int, finite float, str, and lists and
    str-keyed dicts of them), or None when it is."""
    if depth > MAX_ARGS_DEPTH:
        return f"nested deeper than {MAX_ARGS_DEPTH} levels"
    if value is None or isinstance(value, bool | int | str):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{value} is not a finite number"
    if isinstance(value, list | tuple):
        return next(filter(None, (json_problem(v, depth + 1) for v in value)), None)
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            return "a dict key is not a string"
        return next(filter(None, (json_problem(v, depth + 1) for v in value.values())), None)
    return f"a {type(value).__name__} is not a JSON value"


# ----- foreign keys ---------------------------------------------------------------------


def _check_foreign_keys(config: TableGenerationConfig, schema: SchemaMetadata, position: dict) -> list[str]:
    table = schema.table(config.table_name)
    problems = [
        _unplanned_parent(table, fk, schema)
        for fk in config.foreign_keys
        if fk.referenced_table not in position
    ]
    problems = [p for p in problems if p]
    declared = {
        (tuple(fk.columns), fk.referred_table, tuple(fk.referred_columns)) for fk in table.foreign_keys
    }
    for fk in config.foreign_keys:
        key = (tuple(fk.columns), fk.referenced_table, tuple(fk.referenced_columns))
        if fk.mode not in get_args(ForeignKeyMode):
            problems.append(f"{table.name}: foreign key {fk.columns} has unknown mode {fk.mode!r}")
        elif key not in declared:
            problems.append(
                f"{table.name}: foreign key {fk.columns} -> {fk.referenced_table} is not in the schema"
            )
        elif (
            fk.mode == "immediate"
            and fk.referenced_table in position
            and position[fk.referenced_table] > position.get(table.name, -1)
        ):
            problems.append(f"{table.name} is inserted before its parent {fk.referenced_table}")
    missing = declared - {
        (tuple(f.columns), f.referenced_table, tuple(f.referenced_columns)) for f in config.foreign_keys
    }
    problems += [f"{table.name}: foreign key {list(m[0])} -> {m[1]} has no plan" for m in sorted(missing)]
    return problems


def _unplanned_parent(table: TableInfo, fk: ForeignKeyConfig, schema: SchemaMetadata) -> str | None:
    """A parent the plan does not fill must already hold the rows its children point at."""
    if fk.referenced_table not in schema.table_names:
        return None  # reported as a foreign key that is not in the schema
    where = f"{table.name}({', '.join(fk.columns)})"
    if fk.mode != "immediate":
        return f"{where} breaks a cycle through {fk.referenced_table}, which the plan does not fill"
    known = {c.name for c in table.columns}
    required = not all(table.column(c).nullable for c in fk.columns if c in known)
    if required and not schema.table(fk.referenced_table).row_count:
        return f"{where} needs rows of {fk.referenced_table}, which is empty and not in the plan"
    return None
