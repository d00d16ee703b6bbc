"""What the model is told: the schema compactly, the request, and the rule planner's plan to
improve; in groups of related tables that fit a token budget when the schema is large.

Only the schema goes out (tables, columns, types, keys, uniques, CHECKs, enums, existing row
counts), never a value from the database's rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from querynl.models import ColumnGenerationConfig, DataGenerationPlan, TableGenerationConfig, TestDataRequest
from querynl.planning.locks import fixed_reason, link_reason
from querynl.schema import ColumnInfo, SchemaMetadata, TableInfo

CHARS_PER_TOKEN = 4
DEFAULT_BUDGET_TOKENS = 6_000  # for one group's schema and plan; the instructions come on top
MAX_ARGS_SHOWN = 160
MAX_PROBLEMS_SENT = 40  # problems listed in the one correction round
Message = dict[str, str]

INSTRUCTIONS = """You improve a plan that generates realistic test data for a database.
You get the schema and a rule-based plan: for each column, the Faker provider that fills it.
Propose better providers where the rules guessed poorly (use the table, the column names and
the domain), and row counts that suit the domain where the request gave none.
Answer with one JSON object only:
{"tables": [{"table": "...", "record_count": 20, "columns": [{"column": "...",
  "faker_provider": "...", "provider_args": {}, "null_probability": 0.1}]}],
 "insertion_order": ["parent tables first", "..."], "rationale": "one or two sentences"}
Rules: list only the tables and columns you change; faker_provider is the name of a public
Faker provider method (name, email, color_name, company, city, sentence, random_int,
random_element, pyfloat, date_between...) and provider_args only keyword arguments it takes;
date arguments may be "window" (the start of the run's time span), "now", "today" or relative
("-30d", "+1y"); our own providers take max_chars; never change columns marked fixed, [next id],
[set by the database] or foreign keys; keep row counts the request gave;
insertion_order lists every table of the plan, each parent before its children."""


def table_block(table: TableInfo, config: TableGenerationConfig) -> str:
    """One table: its columns with their types, keys and the rule's choice, then its
    uniques and CHECKs."""
    fk_of = {c: fk for fk in table.foreign_keys for c in fk.columns}
    lines = [f"TABLE {table.name}: {config.record_count} rows planned ({table.row_count} already there)"]
    for column in table.columns:
        line = _column_line(table, column, config.column(column.name), fk_of.get(column.name))
        lines.append(f"  {line} [fixed]" if link_reason(config, column.name) else f"  {line}")
    for unique in table.unique_constraints:
        if len(unique.columns) > 1:  # a single column's is marked on its line
            lines.append(f"  UNIQUE ({', '.join(unique.columns)})")
    for check in table.check_constraints:
        lines.append(f"  CHECK ({' '.join(check.sqltext.split())})")
    return "\n".join(lines)


def _column_line(table: TableInfo, column: ColumnInfo, config: ColumnGenerationConfig | None, fk) -> str:
    parts = [column.name, _type(column)]
    if column.name in table.primary_key:
        parts.append("PK")
    if not column.nullable:
        parts.append("NOT NULL")
    if table.is_unique_column(column.name) and column.name not in table.primary_key:
        parts.append("UNIQUE")
    if fk is not None:
        return " ".join([*parts, f"-> {fk.referred_table}({', '.join(fk.referred_columns)}) [foreign key]"])
    return " ".join(parts) + " = " + _rule_choice(table, column, config)


def _type(column: ColumnInfo) -> str:
    if column.enum_values:
        return "ENUM(" + ", ".join(json.dumps(v) for v in column.enum_values) + ")"
    return column.type_name


def _rule_choice(table: TableInfo, column: ColumnInfo, config: ColumnGenerationConfig | None) -> str:
    if config is None or config.strategy == "skip":
        return "[set by the database]"
    if config.strategy == "sequence":
        return "[next id]"
    args = json.dumps(config.provider_args, default=str)
    if len(args) > MAX_ARGS_SHOWN:
        args = args[:MAX_ARGS_SHOWN] + "...}"
    text = f"{config.faker_provider} {args}"
    if config.null_probability:
        text += f" null {config.null_probability:g}"
    return text + (" [fixed]" if fixed_reason(column, config) else "")


def estimate_tokens(text: str) -> int:
    return len(text) // CHARS_PER_TOKEN + 1


def group_tables(
    schema: SchemaMetadata, plan: DataGenerationPlan, budget_tokens: int = DEFAULT_BUDGET_TOKENS
) -> list[list[str]]:
    """The plan's tables in groups that each fit the budget: tables joined by foreign keys
    stay together where they fit, in insertion order; a group too large is cut in that order."""
    groups: list[list[str]] = []
    current: list[str] = []
    used = 0
    for component in _components(schema, plan):
        for chunk in _chunks(schema, plan, component, budget_tokens):
            size = sum(_tokens(schema, plan, name) for name in chunk)
            if current and used + size > budget_tokens:
                groups.append(current)
                current, used = [], 0
            current += chunk
            used += size
    return [*groups, current] if current else groups


def _tokens(schema: SchemaMetadata, plan: DataGenerationPlan, name: str) -> int:
    return estimate_tokens(table_block(schema.table(name), plan.table(name))) + 1


def _chunks(
    schema: SchemaMetadata, plan: DataGenerationPlan, names: list[str], budget: int
) -> Iterator[list[str]]:
    chunk: list[str] = []
    used = 0
    for name in names:
        size = _tokens(schema, plan, name)
        if chunk and used + size > budget:
            yield chunk
            chunk, used = [], 0
        chunk.append(name)
        used += size
    if chunk:
        yield chunk


def _components(schema: SchemaMetadata, plan: DataGenerationPlan) -> list[list[str]]:
    """The plan's tables connected by foreign keys, each component in insertion order."""
    root = {name: name for name in plan.insertion_order}

    def find(name: str) -> str:
        while root[name] != name:
            root[name] = root[root[name]]
            name = root[name]
        return name

    for name in plan.insertion_order:
        for fk in schema.table(name).foreign_keys:
            if fk.referred_table in root:
                root[find(fk.referred_table)] = find(name)
    components: dict[str, list[str]] = {}
    for name in plan.insertion_order:
        components.setdefault(find(name), []).append(name)
    return list(components.values())


def messages(
    schema: SchemaMetadata, plan: DataGenerationPlan, request: TestDataRequest, group: list[str]
) -> list[Message]:
    """The conversation asking for a proposal on `group`'s tables."""
    asked = {t: n for t, n in request.record_counts.items() if t in group}
    counts = ", ".join(f"{t}: {n}" for t, n in asked.items()) or (
        f"{request.default_count} per table" if request.default_count else "none given"
    )
    blocks = "\n".join(table_block(schema.table(name), plan.table(name)) for name in group)
    order = ", ".join(name for name in plan.insertion_order if name in group)
    user = (
        f"Request: {request.user_query}\n"
        f"Domain: {request.domain_context or 'not given'}\n"
        f"Requested row counts: {counts}\n"
        f"Database: {schema.dialect}\n"
        f"Schema and rule plan (column TYPE flags = provider args):\n{blocks}\n"
        f"Rule insertion order: {order}"
    )
    return [{"role": "system", "content": INSTRUCTIONS}, {"role": "user", "content": user}]


def correction(answer: str, problems: list[str]) -> list[Message]:
    """The turns that send the problems of an answer back, once."""
    listed = "\n".join(f"- {p}" for p in problems[:MAX_PROBLEMS_SENT])
    if len(problems) > MAX_PROBLEMS_SENT:
        listed += f"\n- and {len(problems) - MAX_PROBLEMS_SENT} more of the same kinds"
    return [
        {"role": "assistant", "content": answer},
        {
            "role": "user",
            "content": f"These problems were found in your plan:\n{listed}\n"
            "Answer again with the whole corrected JSON object.",
        },
    ]
