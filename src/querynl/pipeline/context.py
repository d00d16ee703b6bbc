"""What the caller of a run hands it besides the plan: how to cancel it, where progress and
the executed SQL go, and whether it is only a rehearsal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from querynl.models import CancellationToken
from querynl.pipeline.progress import NullProgress, ProgressSink


@dataclass
class RunContext:
    cancel: CancellationToken | None = None  # checked between batches
    progress: ProgressSink = field(default_factory=NullProgress)
    sql_out: Callable[[str], None] | None = None  # gets each INSERT statement as it is executed
    rehearsal: bool = False  # do all the work, then roll it back (used to measure the rate)
