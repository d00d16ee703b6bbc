"""Rendering of plans and results. Pure functions of data and a Console."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from querynl.cli.results import SpecialResult
from querynl.cli.session import OutputSettings
from querynl.models import ColumnGenerationConfig, InsertionError, InsertionResult, TableGenerationConfig
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
        console.print(f"[dim]Rationale:[/dim] {escape(plan.rationale)}", highlight=False)
    for config in plan.tables:
        for link in config.links:
            console.print(f"[dim]Link:[/dim] {describe_link(config.table_name, link)}", highlight=False)
    for config in plan.tables:
        for note in config.notes:
            line = f"{config.table_name}: {note}"
            console.print(f"[yellow]Note:[/yellow] {escape(line)}", highlight=False)
    for line in plan.planner_notes:
        console.print(f"[yellow]{escape(line)}[/yellow]", highlight=False)
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
    source = " (model)" if column.source == "model" else ""
    vocabulary = f", from the {column.note}" if domain_of_reason(column.note) else ""
    return f"{column.column_name}: {column.faker_provider}{source}{vocabulary}{marks}"


def render_result(console: Console, result: InsertionResult, hint: str | None = None) -> None:
    """The run's outcome, then what it left as generated (one note a line); with many failed
    rows, `hint` says where to find every one."""
    if result.cancelled:
        console.print("[yellow]Operation cancelled. All changes rolled back; nothing was written.[/yellow]")
        return
    _render_outcome(console, result, hint)
    for note in result.notes:
        console.print(f"[yellow]Note:[/yellow] {escape(note)}", highlight=False, soft_wrap=True)


def _render_outcome(console: Console, result: InsertionResult, hint: str | None) -> None:
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
    if result.total_failed < MAX_DETAILED_ERRORS:
        _render_failed_rows(console, result)
        return
    _render_failure_summary(console, result)
    if hint:
        console.print(hint, markup=False, highlight=False)


def _render_failed_rows(console: Console, result: InsertionResult) -> None:
    grid = Table(title="Failed rows")
    for header in ("table", "constraint", "columns", "error", "record"):
        grid.add_column(header)
    for error in result.errors:
        cells = (error.table_name, _constraint(error), ", ".join(error.columns), error.message)
        grid.add_row(*map(Text, (*cells, _record(error))))
    console.print(grid)


def _render_failure_summary(console: Console, result: InsertionResult) -> None:
    """One line per (table, constraint): how many rows, the first one's message and record."""
    groups: dict[tuple[str, str], list[InsertionError]] = {}
    for error in result.errors:
        groups.setdefault((error.table_name, _constraint(error)), []).append(error)
    grid = Table(title=f"Failed rows by constraint ({result.total_failed:,} rows)")
    for header in ("table", "constraint", "rows", "error (first row)", "sample record"):
        grid.add_column(header, justify="right" if header == "rows" else "left")
    for (table, constraint), errors in groups.items():
        first = errors[0]
        grid.add_row(*map(Text, (table, constraint, f"{len(errors):,}", first.message, _record(first))))
    console.print(grid)
    for table in result.tables:
        if table.failed > len(table.errors):
            console.print(
                f"  {table.table_name}: {table.failed:,} failed; the first {len(table.errors):,} are listed",
                highlight=False,
            )


def _record(error: InsertionError) -> str:
    return str(error.record or "")


def _constraint(error: InsertionError) -> str:
    """The constraint's name, else the kind of error (a trigger, SQLite's unnamed keys)."""
    return error.constraint or error.error_type.value


def render_special(
    console: Console, results: list[SpecialResult], settings: OutputSettings | None = None
) -> None:
    """Results: each a table (when it has rows; one block per record when expanded), then
    its status line. Values are shown as text, never read as Rich markup."""
    expanded = settings is not None and settings.expanded
    for title, rows, headers, status in results:
        if expanded and headers:
            _render_records(console, title, rows, headers)
        elif rows or headers:  # a query's headers even when it found no rows
            grid = Table(*headers, title=title, show_header=bool(headers))
            for row in rows:
                grid.add_row(*(Text(_cell(value)) for value in row))
            console.print(grid)
        if status:
            console.print(status, markup=False, highlight=False)


def _render_records(console: Console, title: str | None, rows: Sequence, headers: Sequence[str]) -> None:
    """psql's expanded display: `-[ RECORD n ]-----` then `column | value` per line."""
    if title:
        console.print(title, markup=False, highlight=False)
    width = max(len(h) for h in headers)
    for number, row in enumerate(rows, 1):
        lines = [f"-[ RECORD {number} ]".ljust(width + 12, "-")]
        lines += [f"{h.ljust(width)} | {_cell(value)}" for h, value in zip(headers, row, strict=True)]
        console.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)


def _cell(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
