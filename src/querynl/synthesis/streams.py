"""Deterministic random streams and time anchoring.

Each column's stream is seeded from the run's seed plus a stable hash of table.column and
the batch number (as drizzle-seed does), so one column's values do not depend on another's
and a run with the same seed on the same schema gives the same rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

# Seeded runs anchor relative dates ("-2y", "now") here, so they repeat on any day.
SEEDED_ANCHOR = dt.datetime(2026, 1, 1, 12, 0, 0)

_RELATIVE = re.compile(
    r"^(?:(?P<years>[+-]\d+)y)?(?:(?P<months>[+-]\d+)M)?(?:(?P<weeks>[+-]\d+)w)?"
    r"(?:(?P<days>[+-]\d+)d)?(?:(?P<hours>[+-]\d+)h)?(?:(?P<minutes>[+-]\d+)m)?"
    r"(?:(?P<seconds>[+-]\d+)s)?$"
)
_DATE_ARGS = {"start_date", "end_date", "datetime_start", "datetime_end", "date_start", "date_end"}
# Event timestamps (created, ordered, shipped...) start at "window": the run's window before
# the anchor. `querynl seed --window` sets it (TestDataRequest.time_window_days).
WINDOW = "window"
DEFAULT_WINDOW_DAYS = 3 * 365
_SPAN = re.compile(r"^\s*(?P<number>\d+)\s*(?P<unit>[ywdM]?)\s*$")
_UNIT_DAYS = {"y": 365, "M": 30, "w": 7, "d": 1, "": 1}


def stream_seed(seed: int, *parts: object) -> int:
    digest = hashlib.blake2b(repr((seed, *parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def anchor_for(seed: int | None) -> dt.datetime:
    if seed is not None:
        return SEEDED_ANCHOR
    return dt.datetime.now().replace(microsecond=0)


def span_days(text: str) -> int:
    """Days in a span written `3y`, `18M`, `6w`, `90d` or `90`; ValueError otherwise."""
    match = _SPAN.match(text)
    if not match or int(match["number"]) < 1:
        raise ValueError(f"not a time span: {text!r} (say 3y, 18M, 6w or 90d)")
    return int(match["number"]) * _UNIT_DAYS[match["unit"]]


def resolve_dates(
    args: dict[str, Any], anchor: dt.datetime, window_days: int = DEFAULT_WINDOW_DAYS
) -> dict[str, Any]:
    """Replace Faker's relative date arguments ("-2y", "now", "today", "window") by absolute values."""
    return {k: _resolve(v, anchor, window_days) if k in _DATE_ARGS else v for k, v in args.items()}


def _resolve(value: Any, anchor: dt.datetime, window_days: int) -> Any:
    if not isinstance(value, str):
        return value
    if value == WINDOW:
        return anchor - dt.timedelta(days=window_days)
    if value in ("now", "today"):
        return anchor if value == "now" else anchor.date()
    match = _RELATIVE.match(value)
    if not match or not any(match.groupdict().values()):
        return value
    parts = {k: int(v) for k, v in match.groupdict().items() if v}
    days = parts.pop("years", 0) * 365 + parts.pop("months", 0) * 30
    return anchor + dt.timedelta(days=days + 7 * parts.pop("weeks", 0) + parts.pop("days", 0), **parts)
