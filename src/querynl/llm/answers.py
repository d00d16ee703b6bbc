"""Getting JSON out of what a model wrote: the whole answer, or its fenced block."""

from __future__ import annotations

import json
import re
from typing import Any

_FENCE = re.compile(r"```(?:json|JSON)?\s*\n(.*?)\n?```", re.S)
_SQL_FENCE = re.compile(r"```(?:sql|SQL)?\s*\n(.*?)\n?```", re.S)


class NotJSON(ValueError):
    """The answer holds no JSON object."""


def extract_json(text: str) -> Any:
    """The JSON value of an answer: the text itself, else its first fenced block that parses,
    else the span from the first `{` to the last `}`. Raises NotJSON with the parser's reason."""
    candidates = [text.strip(), *(m.group(1).strip() for m in _FENCE.finditer(text))]
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        candidates.append(text[start : end + 1])
    reason = "the answer is empty"
    for candidate in candidates:
        if not candidate:
            continue
        try:
            return json.loads(candidate)
        except json.JSONDecodeError as exc:
            reason = f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    raise NotJSON(f"no JSON in the answer ({reason})")


def extract_sql(text: str) -> str:
    """The SQL of an answer: its first fenced block, else the whole text, stripped."""
    match = _SQL_FENCE.search(text)
    return (match.group(1) if match else text).strip()
