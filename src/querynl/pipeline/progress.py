"""Progress reporting: the protocol the pipeline calls (the CLI renders it with Rich)."""

from __future__ import annotations

from typing import Protocol


class ProgressSink(Protocol):
    def start_table(self, table: str, total: int) -> None: ...

    def advance(self, rows: int) -> None: ...

    def finish(self) -> None: ...


class NullProgress:
    def start_table(self, table: str, total: int) -> None:
        pass

    def advance(self, rows: int) -> None:
        pass

    def finish(self) -> None:
        pass
