"""Rich rendering of a run's progress: an overall bar and one bar per table."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RowsPerSecondColumn(ProgressColumn):
    """Rows/s from Rich's smoothed speed estimate over recent updates."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} rows/s" if speed else "", style="cyan")


class RichProgress:
    """An overall bar and, under it, one bar per table."""

    def __init__(self, console: Console, total_rows: int) -> None:
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description:<24}"),
            BarColumn(),
            MofNCompleteColumn(),
            RowsPerSecondColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=False,
            speed_estimate_period=10.0,
        )
        self._overall = self._progress.add_task("[bold]all tables", total=total_rows)
        self._current = None
        self._progress.start()

    def start_table(self, table: str, total: int) -> None:
        if self._current is not None:
            self._progress.update(self._current, completed=self._progress.tasks[self._current].total)
        self._current = self._progress.add_task(table, total=total)

    def advance(self, rows: int) -> None:
        self._progress.advance(self._overall, rows)
        if self._current is not None:
            self._progress.advance(self._current, rows)

    def finish(self) -> None:
        self._progress.stop()
