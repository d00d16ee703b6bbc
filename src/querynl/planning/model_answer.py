"""What a model may propose for a plan, and reading it out of an answer.

The answer is untrusted: it is a *proposal* over the rule planner's plan, never a plan. It
may change a table's row count and a column's provider, its arguments and its share of
NULLs, and suggest an insertion order. Keys, foreign keys, uniques, CHECKs, caps and links
stay what introspection and the rule planner decided (planning/proposal_merge.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from querynl.llm.answers import NotJSON, extract_json

MAX_RATIONALE = 400  # characters of the model's rationale kept for the preview
MAX_PART, MAX_REASON = 80, 200  # characters of a fallback line's part and reason


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


@dataclass(frozen=True)
class Fallback:
    """A part of the proposal that keeps the rule's choice, and why."""

    where: str  # "products.sku", "orders row count", "insertion order", "table 'ghosts'"
    reason: str

    def line(self) -> str:
        return f"LLM planner: {self.problem().replace(': ', ' fell back to rules (', 1)})"

    def problem(self) -> str:
        """The part and what is wrong with it; parts of it are the model's, so printable and short."""
        return f"{printable(self.where, MAX_PART)}: {printable(self.reason, MAX_REASON)}"


@dataclass
class Reading:
    proposal: PlanProposal
    fallbacks: list[Fallback]  # parts of the answer of the wrong shape, left out of the proposal


def printable(text: str, limit: int) -> str:
    """Model-made text fit for one line of output: control characters replaced, whitespace
    collapsed, at most `limit` characters."""
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def proposal_schema() -> dict[str, Any]:
    """The JSON Schema sent as the response format."""
    return PlanProposal.model_json_schema()


def read_answer(text: str) -> Reading:
    """The proposal in an answer, part by part: a table or column of the wrong shape is left
    out with a Fallback; UnusableAnswer when the answer holds no proposal at all."""
    try:
        data = extract_json(text)
    except NotJSON as exc:
        raise UnusableAnswer(str(exc)) from None
    tables = data.get("tables", []) if isinstance(data, dict) else None
    if not isinstance(tables, list):
        raise UnusableAnswer("the answer is not a plan (no list of tables)")
    fallbacks: list[Fallback] = []
    proposals = [_read_table(item, i, fallbacks) for i, item in enumerate(tables)]
    order = data.get("insertion_order")
    if order is not None and not (isinstance(order, list) and all(isinstance(n, str) for n in order)):
        fallbacks.append(Fallback("insertion order", "not a list of table names"))
        order = None
    rationale = data.get("rationale")
    proposal = PlanProposal(
        tables=[t for t in proposals if t is not None],
        insertion_order=order,
        rationale=rationale if isinstance(rationale, str) else "",
    )
    return Reading(proposal, fallbacks)


def _read_table(item: Any, index: int, fallbacks: list[Fallback]) -> TableProposal | None:
    if not isinstance(item, dict) or not isinstance(item.get("table"), str):
        fallbacks.append(Fallback(f"tables[{index}]", "not a table with a name"))
        return None
    name, raw_columns = item["table"], item.get("columns") or []
    if not isinstance(raw_columns, list):
        fallbacks.append(Fallback(f"{name} columns", "not a list"))
        raw_columns = []
    columns = []
    for number, raw in enumerate(raw_columns):
        try:
            columns.append(ColumnProposal.model_validate(raw))
        except ValidationError as exc:
            label = raw.get("column") if isinstance(raw, dict) else None
            where = f"{name}.{label}" if isinstance(label, str) else f"{name} columns[{number}]"
            fallbacks.append(Fallback(where, _first_error(exc)))
    try:
        return TableProposal(table=name, record_count=item.get("record_count"), columns=columns)
    except ValidationError as exc:
        fallbacks.append(Fallback(f"{name} row count", _first_error(exc)))
        return TableProposal(table=name, columns=columns)


def _first_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else first["msg"]
