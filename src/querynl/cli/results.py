"""The one shape of everything a command or statement returns, rendered by querynl.cli.render."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple


class SpecialResult(NamedTuple):
    """One block of output: an optional titled table, then an optional line."""

    title: str | None = None
    rows: Sequence[Sequence[Any]] = ()
    headers: Sequence[str] = ()
    status: str | None = None


Results = list[SpecialResult]
