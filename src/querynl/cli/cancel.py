"""Ctrl+C during a run: the first cancels after the current batch, the second aborts."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console

from querynl.models import CancellationToken


@contextmanager
def cancellable(console: Console) -> Iterator[CancellationToken]:
    token = CancellationToken()

    def on_interrupt(_signum, _frame) -> None:
        if token.cancelled:
            raise KeyboardInterrupt
        token.cancel()
        console.print("[yellow]Operation cancelled by user. Rolling back changes...[/yellow]")

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield token
    finally:
        signal.signal(signal.SIGINT, previous)
