"""Rendering of plans and results. Pure functions of data and a Console."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from querynl.cli.commands import SpecialResult
from querynl.models import ColumnGenerationConfig, InsertionResult, TableGenerationConfig
from querynl.pipeline.generator import PreparedRun
from querynl.planning.columns.domain_rules import domain_of_reason
from querynl.planning.links import describe_link

MAX_DETAILED_ERRORS = 20


def render_plan(console: Console, run: PreparedRun) -> None:
    plan = run.plan
    grid = Table(title=f"Generation plan ({plan.planner} planner, seed {run.seed})", show_lines=False)
    grid.add_column("#", justify="right")
    grid.add_column("table", style="bold")
    grid.add_column("rows", justify="right")
    grid.add_column("columns -> generators")
    for position, name in enumerate(plan.insertion_order, 1):
        config = plan.table(name)
        grid.add_row(str(position), name, f"{config.record_count:,}", _describe_columns(config))
    console.print(grid)
    console.print(f"[dim]Insertion order:[/dim] {' -> '.join(plan.insertion_order)}")
    if plan.rationale:
        console.print(f"[dim]Rationale:[/dim] {plan.rationale}")
    for config in plan.tables:
        for link in config.links:
            console.print(f"[dim]Link:[/dim] {describe_link(config.table_name, link)}", highlight=False)
    for config in plan.tables:
        for note in config.notes:
            console.print(f"[yellow]Note:[/yellow] {config.table_name}: {note}")
    console.print(f"Total: {plan.total_records:,} records in {len(plan.tables)} tables")


def _describe_columns(config: TableGenerationConfig) -> str:
    parts = [_describe_column(c) for c in config.columns if c.strategy != "skip"]
    parts += [
        f"{', '.join(fk.columns)} -> {fk.referenced_table}({', '.join(fk.referenced_columns)})"
        for fk in config.foreign_keys
    ]
    return "\n".join(parts)


def _describe_column(column: ColumnGenerationConfig) -> str:
    if column.strategy == "sequence":
        return f"{column.column_name}: next id"
    marks = " unique" if column.unique else ""
    marks += f" null {column.null_probability:.0%}" if column.null_probability else ""
    vocabulary = f", from the {column.note}" if domain_of_reason(column.note) else ""
    return f"{column.column_name}: {column.faker_provider}{vocabulary}{marks}"


def render_result(console: Console, result: InsertionResult) -> None:
    if result.cancelled:
        console.print("[yellow]Operation cancelled. All changes rolled back; nothing was written.[/yellow]")
        return
    tables = sum(1 for t in result.tables if t.inserted)
    if result.total_failed == 0:
        console.print(
            f"[green]✓ Successfully inserted {result.total_inserted:,} records across {tables} tables"
            f"[/green] [dim]({result.seconds:.2f}s)[/dim]"
        )
        return
    console.print(
        f"[yellow]Inserted {result.total_inserted:,} records across {tables} tables; "
        f"{result.total_failed:,} rows failed[/yellow]"
    )
    _render_failures(console, result)


def _render_failures(console: Console, result: InsertionResult) -> None:
    if result.total_failed < MAX_DETAILED_ERRORS:
        grid = Table(title="Failed rows")
        for header in ("table", "error", "constraint", "column", "record"):
            grid.add_column(header)
        for error in result.errors:
            grid.add_row(
                error.table_name,
                f"{error.error_type.value}: {error.message}",
                error.constraint or "",
                error.column or "",
                str(error.record or ""),
            )
        console.print(grid)
        return
    for table in result.tables:
        if table.failed:
            kinds = sorted({e.error_type.value for e in table.errors})
            console.print(f"  {table.table_name}: {table.failed:,} failed ({', '.join(kinds)})")
    console.print("[dim]Use `querynl seed ... --json` for every error in machine-readable form.[/dim]")


def render_special(console: Console, results: list[SpecialResult]) -> None:
    """A special command's results: each a table (when it has rows), then its status line."""
    for title, rows, headers, status in results:
        if rows:
            grid = Table(*headers, title=title, show_header=bool(headers))
            for row in rows:
                grid.add_row(*(_cell(value) for value in row))
            console.print(grid)
        if status:
            console.print(status, markup=False, highlight=False)


def _cell(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
