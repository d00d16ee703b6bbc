"""The offline planner: a complete DataGenerationPlan from the schema alone, no LLM needed."""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from querynl.checks.rules import CheckRules
from querynl.models import (
    ColumnGenerationConfig,
    DataGenerationPlan,
    ForeignKeyConfig,
    TableGenerationConfig,
    TestDataRequest,
)
from querynl.planning.caps import cap_counts
from querynl.planning.columns.rules import FALLBACK_REASON, ProviderChoice, choose_provider
from querynl.planning.domain_rationale import domain_rationale
from querynl.planning.links import plan_links
from querynl.planning.ordering import CutForeignKey, insertion_plan
from querynl.planning.scope import TableScope, request_scope
from querynl.planning.trigger_rows import plan_trigger_rows, trigger_parents, trigger_scope
from querynl.schema import ColumnInfo, SchemaMetadata, TableInfo
from querynl.synthesis.streams import stream_seed

DEFAULT_MIN, DEFAULT_MAX = 10, 20
NULL_PROBABILITY = 0.1
ROOT_PROBABILITY = 0.3
UNSUPPORTED_CHECK = "CHECK not understood, rows still attempted"


class RuleBasedPlanner:
    name = "rules"

    def plan(self, schema: SchemaMetadata, request: TestDataRequest) -> DataGenerationPlan:
        counts = default_count(request)
        scope = trigger_scope(schema, request_scope(schema, request, counts), counts)
        order, cuts = insertion_plan(
            schema.model_copy(update={"tables": [schema.table(n) for n in scope]}),
            trigger_parents(schema, scope),
        )
        domain = request.domain_context
        tables = [plan_table(schema.table(name), scope[name].count, cuts, domain) for name in order]
        cap_counts(schema, tables)
        for config in tables:
            _explain(config, scope[config.table_name])
        plan_trigger_rows(schema, tables)
        plan_links(schema, tables)
        return DataGenerationPlan(
            tables=tables,
            insertion_order=order,
            rationale=" ".join([_rationale(schema, tables), *domain_rationale(request, tables)]),
            planner=self.name,
        )


def default_count(request: TestDataRequest) -> Callable[[str], int]:
    """A table's count when the request gives none: the request's "add N records", else a
    number from DEFAULT_MIN to DEFAULT_MAX drawn per table from the run's seed."""

    def count(table: str) -> int:
        rng = random.Random(stream_seed(request.seed or 0, "counts", table))
        return request.default_count or rng.randint(DEFAULT_MIN, DEFAULT_MAX)

    return count


def _explain(config: TableGenerationConfig, scope: TableScope) -> None:
    """Record why the table gets rows; a table the request did not name says so in a note."""
    config.reason = scope.reason
    if scope.is_extra:
        config.notes.insert(0, f"{config.record_count:,} rows ({scope.reason})")


def plan_table(
    table: TableInfo, count: int, cuts: list[CutForeignKey] = (), domain: str | None = None
) -> TableGenerationConfig:
    fk_columns = {c for fk in table.foreign_keys for c in fk.columns}
    checks = table.checks
    columns = [plan_column(table, col, checks, domain) for col in table.columns if col.name not in fk_columns]
    return TableGenerationConfig(
        table_name=table.name,
        record_count=count,
        columns=columns,
        foreign_keys=_plan_foreign_keys(table, cuts),
        notes=[f"{UNSUPPORTED_CHECK}: {text}" for text in checks.unsupported],
    )


def plan_column(
    table: TableInfo, column: ColumnInfo, checks: CheckRules | None = None, domain: str | None = None
) -> ColumnGenerationConfig:
    name = column.name
    if column.computed:
        return ColumnGenerationConfig(column_name=name, strategy="skip", note="generated column")
    if _is_sequence_key(table, column):
        return ColumnGenerationConfig(
            column_name=name, strategy="sequence", note="next ids after existing rows"
        )
    if column.autoincrement:
        return ColumnGenerationConfig(column_name=name, strategy="skip", note="assigned by the database")
    choice = _choice_from_check(checks, column) or choose_provider(table, column, domain)
    choice = _inside_check_range(choice, checks, column)
    unique = table.is_unique_column(name)
    keyed = any(name in cols for cols in table.unique_sets())  # a DEFAULT would repeat one key
    constrained = checks is not None and _in_checks(checks, name)
    if choice.reason.startswith(FALLBACK_REASON) and _usable_default(column) and not (keyed or constrained):
        return ColumnGenerationConfig(
            column_name=name, strategy="skip", note=f"left to its DEFAULT {column.default}"
        )
    required = name in checks.bounds and checks.bounds[name].not_null if checks else False
    return ColumnGenerationConfig(
        column_name=name,
        faker_provider=choice.provider,
        provider_args=choice.args,
        null_probability=NULL_PROBABILITY if column.nullable and not (unique or required) else 0.0,
        unique=unique,
        note=choice.reason,
    )


def _in_checks(checks: CheckRules, name: str) -> bool:
    """Whether a CHECK the parser understood names the column (its rows are repaired to it,
    so the column is generated rather than left to a DEFAULT the repair could not change)."""
    branches = (b for options in checks.alternatives for b in options)
    return name in checks.bounds or any(name in b.null_cols or name in b.bounds for b in branches)


def _usable_default(column: ColumnInfo) -> bool:
    """A DEFAULT that gives a value: the planner leaves to it a column no rule recognises
    (one it would fill from the type alone), so the database's own idea of the value wins."""
    default = (column.default or "").strip().strip("()").strip()
    return bool(default) and not default.upper().startswith("NULL")


def _choice_from_check(checks: CheckRules | None, column: ColumnInfo) -> ProviderChoice | None:
    """A CHECK that lists the allowed values (IN, = ANY(ARRAY[...])) is the best generator."""
    bounds = checks.bounds.get(column.name) if checks else None
    if bounds is None or not bounds.allowed:
        return None
    elements = [v if isinstance(v, int | float | str) else str(v) for v in bounds.allowed]
    return ProviderChoice("random_element", {"elements": elements}, "values allowed by a CHECK")


def _inside_check_range(
    choice: ProviderChoice, checks: CheckRules | None, column: ColumnInfo
) -> ProviderChoice:
    """An integer a CHECK bounds on both sides (BETWEEN 1 AND 10) is drawn from that range,
    unless the rule's own range already lies inside it (repairs would pile values on the edges)."""
    bounds = checks.bounds.get(column.name) if checks else None
    allowed = _integer_range(bounds) if bounds is not None and column.kind == "integer" else None
    if allowed is None or choice.provider == "random_element":
        return choice
    low, high = choice.args.get("min"), choice.args.get("max")
    inside = choice.provider == "random_int" and low is not None and high is not None
    if inside and allowed.args["min"] <= low and high <= allowed.args["max"]:
        return choice
    return allowed


def _integer_range(bounds) -> ProviderChoice | None:
    try:
        low = math.ceil(bounds.low) + (0 if bounds.low_inclusive else 1)
        high = math.floor(bounds.high) - (0 if bounds.high_inclusive else 1)
    except (TypeError, ValueError):
        return None  # a side missing, or not a number
    if low > high:
        return None
    return ProviderChoice("random_int", {"min": low, "max": high}, "range allowed by a CHECK")


def _is_sequence_key(table: TableInfo, column: ColumnInfo) -> bool:
    return table.primary_key == [column.name] and column.kind == "integer"


def _plan_foreign_keys(table: TableInfo, cuts) -> list[ForeignKeyConfig]:
    modes = {c.columns: c.mode for c in cuts if c.table == table.name}
    configs = []
    for fk in table.foreign_keys:
        nullable = all(table.column(c).nullable for c in fk.columns)
        self_ref = fk.referred_table == table.name
        probability = (ROOT_PROBABILITY if self_ref else NULL_PROBABILITY) if nullable else 0.0
        configs.append(
            ForeignKeyConfig(
                columns=fk.columns,
                referenced_table=fk.referred_table,
                referenced_columns=fk.referred_columns,
                null_probability=probability,
                mode=modes.get(tuple(fk.columns), "immediate"),
                constraint_name=fk.name,
            )
        )
    return configs


def _rationale(schema: SchemaMetadata, tables: list[TableGenerationConfig]) -> str:
    fk_count = sum(len(t.foreign_keys) for t in tables)
    filled = sum(1 for t in schema.tables if t.row_count)
    parts = [
        f"Rule-based plan for {len(tables)} tables in foreign-key order ({fk_count} foreign keys):",
        "values chosen from column names and types; foreign keys drawn from parent keys",
        "generated in this run or already present; unique columns made distinct by construction.",
    ]
    if filled:
        parts.append(f"{filled} tables already hold rows: their keys are reused and avoided.")
    cut = [
        f"{t.table_name}({', '.join(fk.columns)})"
        for t in tables
        for fk in t.foreign_keys
        if fk.mode != "immediate"
    ]
    if cut:
        parts.append(f"Foreign-key cycles broken at {', '.join(cut)}: set or checked before commit.")
    unknown = [t.table_name for t in tables for n in t.notes if n.startswith(UNSUPPORTED_CHECK)]
    if unknown:
        parts.append(
            f"CHECK constraints not understood on {', '.join(sorted(set(unknown)))} "
            "(see notes): rows are still attempted and the database judges them."
        )
    return " ".join(parts)
