"""Ctrl+C during a run: the first cancels after the current batch and rolls back; the
second exits at once. The open transaction dies with the connection, uncommitted: the
database is left as it was either way."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console

from querynl.models import CancellationToken

ABORT_STATUS = 130  # the shell's status for a process ended by SIGINT


@contextmanager
def cancellable(console: Console) -> Iterator[CancellationToken]:
    token = CancellationToken()

    def on_interrupt(_signum, _frame) -> None:
        if token.cancelled:
            _abort(console)
        token.cancel()
        console.print("[yellow]Operation cancelled by user. Rolling back changes...[/yellow]")

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield token
    finally:
        signal.signal(signal.SIGINT, previous)


def _abort(console: Console) -> None:
    """Exit without unwinding: an exception here could land in any frame (a generator's
    cleanup, a driver call) and print a traceback instead of ending the run."""
    console.print("[red]Aborted. Nothing was committed.[/red]")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(ABORT_STATUS)
