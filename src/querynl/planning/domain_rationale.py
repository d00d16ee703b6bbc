"""What a plan's rationale says of its domain: the one asked for, the user's own words, and
the columns that domain vocabularies fill."""

from __future__ import annotations

from querynl.models import TableGenerationConfig, TestDataRequest
from querynl.planning.columns.domain_rules import domain_of_reason


def domain_choices(tables: list[TableGenerationConfig]) -> list[str]:
    """``products.name: product-name vocabulary (e-commerce)`` for each column a domain
    vocabulary fills."""
    return [
        f"{t.table_name}.{c.column_name}: {c.note}"
        for t in tables
        for c in t.columns
        if c.strategy == "faker" and domain_of_reason(c.note)
    ]


def domain_rationale(request: TestDataRequest, tables: list[TableGenerationConfig]) -> list[str]:
    """What the rationale says of the domain: the one asked for, the user's words, and the
    columns its vocabularies (or those the table and column make unmistakable) fill."""
    parts = []
    if request.domain_context or request.domain_text:
        words = f" ({request.domain_text!r})" if request.domain_text else ""
        parts.append(f"Domain: {request.domain_context or 'none of the six named ones'}{words}.")
    choices = domain_choices(tables)
    if choices:
        parts.append(f"Domain vocabularies: {'; '.join(choices)}.")
    return parts
