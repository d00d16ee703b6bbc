"""A model's proposal laid over the rule planner's plan, part by part.

What passes the checks replaces the rule's choice (a column's provider, arguments and share
of NULLs; a table's row count; the insertion order); what does not keeps the rule's choice
and becomes one Fallback line. Keys, foreign keys, uniques, CHECKs, caps and links are never
the model's: they stay what introspection and the rule planner decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from querynl.models import ColumnGenerationConfig, DataGenerationPlan, TableGenerationConfig, TestDataRequest
from querynl.planning.locks import link_reason
from querynl.planning.model_answer import ColumnProposal, Fallback, PlanProposal, TableProposal
from querynl.planning.proposal_checks import column_problem
from querynl.schema import SchemaMetadata, TableInfo
from querynl.synthesis.uniqueness import column_elements, domain_size

MAX_PROPOSED_ROWS = 1_000  # a model may choose counts up to this where the request gave none
MODEL_NOTE = "chosen by the model"


@dataclass
class Merged:
    plan: DataGenerationPlan
    fallbacks: list[Fallback] = field(default_factory=list)
    taken: int = 0  # parts of the proposal that replaced the rule's choice


def apply_proposal(
    plan: DataGenerationPlan,
    proposal: PlanProposal,
    schema: SchemaMetadata,
    request: TestDataRequest,
    group: list[str],
) -> Merged:
    """`plan` with the proposal's parts for `group`'s tables that pass the checks; `plan` is
    left as it was (the group's tables are copied, the others shared)."""
    members = set(group)
    tables = [t.model_copy(deep=True) if t.table_name in members else t for t in plan.tables]
    merged = Merged(plan.model_copy(update={"tables": tables, "insertion_order": list(plan.insertion_order)}))
    seen: set[str] = set()
    for proposed in proposal.tables:
        problem = _table_problem(proposed.table, schema, group, seen)
        if problem:
            merged.fallbacks.append(Fallback(f"table {proposed.table!r}", problem))
            continue
        seen.add(proposed.table)
        config = merged.plan.table(proposed.table)
        _apply_count(merged, config, proposed, request)
        for column in proposed.columns:
            _apply_column(merged, config, schema.table(proposed.table), column)
    _apply_order(merged, proposal.insertion_order, schema, group)
    return merged


def _table_problem(name: str, schema: SchemaMetadata, group: list[str], seen: set[str]) -> str | None:
    if name not in schema.table_names:
        return "unknown table"
    if name not in group:
        return "not a table of this plan"
    if name in seen:
        return "proposed twice"
    return None


def _apply_count(
    merged: Merged, config: TableGenerationConfig, proposed: TableProposal, request: TestDataRequest
) -> None:
    count = proposed.record_count
    asked = request.record_counts.get(config.table_name)
    if asked is None and not request.record_counts:
        asked = request.default_count
    if count is None or count in (config.record_count, asked):  # the asked count, capped or not
        return
    capped = any(note.startswith("capped at") for note in config.notes)
    if count < 1:
        reason = f"record_count {count} is not positive"
    elif asked is not None:
        reason = f"the request asked for {asked:,} rows, not {count:,}"
    elif count > MAX_PROPOSED_ROWS:
        reason = f"record_count {count:,} is more than {MAX_PROPOSED_ROWS:,} the request did not ask for"
    elif capped and count > config.record_count:
        reason = f"the schema allows at most {config.record_count:,} rows"
    else:
        config.record_count = count
        merged.taken += 1
        return
    merged.fallbacks.append(Fallback(f"{config.table_name} row count", reason))


def _apply_column(
    merged: Merged, config: TableGenerationConfig, table: TableInfo, proposed: ColumnProposal
) -> None:
    rule = config.column(proposed.column)
    problem = column_problem(table, rule, proposed) or link_reason(config, proposed.column)
    if problem is None and rule is not None:
        chosen = rule.model_copy(
            update={
                "faker_provider": proposed.faker_provider,
                "provider_args": proposed.provider_args,
                "null_probability": _null_probability(rule, proposed),
                "note": MODEL_NOTE,
                "source": "model",
            }
        )
        problem = _unique_problem(table, config, chosen)
    if problem is not None:
        merged.fallbacks.append(Fallback(f"{table.name}.{proposed.column}", problem))
        return
    config.columns[config.columns.index(rule)] = chosen
    merged.taken += 1


def _null_probability(rule: ColumnGenerationConfig, proposed: ColumnProposal) -> float:
    """The model's share of NULLs, only where the rule allows NULLs at all (not NULL, unique,
    required by a CHECK: introspection decides, the model does not)."""
    if rule.null_probability == 0.0 or proposed.null_probability is None:
        return rule.null_probability
    return proposed.null_probability


def _unique_problem(
    table: TableInfo, config: TableGenerationConfig, chosen: ColumnGenerationConfig
) -> str | None:
    if not chosen.unique:
        return None
    size = domain_size(table.column(chosen.column_name), column_elements(table, chosen))
    if size is not None and size - table.row_count < config.record_count:
        return f"a unique column, and {chosen.faker_provider} gives only {size} distinct values"
    return None


def _apply_order(merged: Merged, order: list[str] | None, schema: SchemaMetadata, group: list[str]) -> None:
    """The model's insertion order for `group`, when it lists exactly its tables, parents first;
    used when the group is the whole plan (groups of a large schema keep the rule's order)."""
    if order is None or order == [n for n in merged.plan.insertion_order if n in group]:
        return
    problem = _order_problem(merged.plan, order, schema, group)
    if problem:
        merged.fallbacks.append(Fallback("insertion order", problem))
        return
    if sorted(group) == sorted(merged.plan.insertion_order):
        merged.plan.insertion_order = list(order)
        merged.plan.tables.sort(key=lambda t: order.index(t.table_name))
        merged.taken += 1


def _order_problem(
    plan: DataGenerationPlan, order: list[str], schema: SchemaMetadata, group: list[str]
) -> str | None:
    if sorted(order) != sorted(group):
        return "it does not list exactly the plan's tables"
    position = {name: i for i, name in enumerate(order)}
    for name in order:
        parents = [fk.referenced_table for fk in plan.table(name).foreign_keys if fk.mode == "immediate"]
        parents += schema.table(name).written_by_triggers_of
        for parent in parents:
            if parent != name and position.get(parent, -1) > position[name]:
                return f"{name} before its parent {parent}"
    return None
