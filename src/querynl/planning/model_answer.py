"""What a model may propose for a plan, and reading it out of an answer.

The answer is untrusted: it is a *proposal* over the rule planner's plan, never a plan. It
may change a table's row count and a column's provider, its arguments and its share of
NULLs, and suggest an insertion order. Keys, foreign keys, uniques, CHECKs, caps and links
stay what introspection and the rule planner decided (planning/proposal_merge.py).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from querynl.llm.answers import NotJSON, extract_json

MAX_RATIONALE = 400  # characters of the model's rationale kept for the preview


class ColumnProposal(BaseModel):
    model_config = ConfigDict(extra="ignore")

    column: str
    faker_provider: str
    provider_args: dict[str, Any] = Field(default_factory=dict)
    null_probability: float | None = None


class TableProposal(BaseModel):
    model_config = ConfigDict(extra="ignore")

    table: str
    record_count: int | None = None
    columns: list[ColumnProposal] = Field(default_factory=list)


class PlanProposal(BaseModel):
    """The model's answer: per-table counts and per-column generators, an order, a reason."""

    model_config = ConfigDict(extra="ignore")

    tables: list[TableProposal] = Field(default_factory=list)
    insertion_order: list[str] | None = None
    rationale: str = ""


class UnusableAnswer(ValueError):
    """The answer is no proposal at all (no JSON, or JSON of another shape); one line."""


def printable(text: str, limit: int) -> str:
    """Model-made text fit for one line of output: control characters replaced, whitespace
    collapsed, at most `limit` characters."""
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def proposal_schema() -> dict[str, Any]:
    """The JSON Schema sent as the response format."""
    return PlanProposal.model_json_schema()


def parse_proposal(text: str) -> PlanProposal:
    try:
        data = extract_json(text)
    except NotJSON as exc:
        raise UnusableAnswer(str(exc)) from None
    try:
        return PlanProposal.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the answer"
        raise UnusableAnswer(f"the answer is not a plan ({where}: {first['msg']})") from None


def combine(proposals: list[PlanProposal]) -> PlanProposal:
    """The proposals of several groups of tables as one (large schemas are planned in groups)."""
    orders = [p.insertion_order for p in proposals]
    return PlanProposal(
        tables=[t for p in proposals for t in p.tables],
        insertion_order=None if any(o is None for o in orders) else [n for o in orders for n in o or []],
        rationale=" ".join(p.rationale.strip() for p in proposals if p.rationale.strip()),
    )
