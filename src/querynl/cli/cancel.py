"""Ctrl+C during a request, from reading the schema to the end of the run.

Before anything is written (reading the schema, planning, a slow LLM call, a question to
the user) Ctrl+C stops the request where it is: the handler raises KeyboardInterrupt (not an
Exception, so no `except Exception` on the way swallows it) and `cancellable` turns it into
`Cancelled`. Once the run writes, the first Ctrl+C cancels after the current batch and rolls
back; the second exits at once. The open transaction dies with the connection, uncommitted:
the database is left as it was either way.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console

from querynl.errors import Cancelled
from querynl.models import CancellationToken

ABORT_STATUS = 130  # the shell's status for a process ended by SIGINT
CANCELLING = "Operation cancelled by user. Rolling back changes..."
NOTHING_WRITTEN = "Operation cancelled by user. Nothing was written."


class CancelScope:
    """The SIGINT handler of one request; `writing()` marks the part that writes."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.token: CancellationToken | None = None  # set while the run writes

    def on_interrupt(self, _signum, _frame) -> None:
        token = self.token
        if token is None:
            raise KeyboardInterrupt  # nothing written yet: stop right here
        if token.cancelled:
            _abort(self.console)
        token.cancel()
        self.console.print(f"[yellow]{CANCELLING}[/yellow]")

    @contextmanager
    def writing(self) -> Iterator[CancellationToken]:
        """The run's transaction: Ctrl+C now cancels between batches. A cancelled run keeps
        the abort handler: a second Ctrl+C, even after the rollback, exits at once."""
        token = CancellationToken()
        self.token = token
        try:
            yield token
        finally:
            if not token.cancelled:
                self.token = None


@contextmanager
def cancellable(console: Console) -> Iterator[CancelScope]:
    """Install the request's SIGINT handler; a Ctrl+C before the run writes is `Cancelled`."""
    scope = CancelScope(console)
    previous = signal.signal(signal.SIGINT, scope.on_interrupt)
    try:
        yield scope
    except KeyboardInterrupt:
        raise Cancelled(NOTHING_WRITTEN) from None
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)


def _abort(console: Console) -> None:
    """Exit without unwinding: an exception here could land in any frame (a generator's
    cleanup, a driver call) and print a traceback instead of ending the run."""
    console.print("[red]Aborted. Nothing was committed.[/red]")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(ABORT_STATUS)
