"""Plans as files: saved by `querynl seed ... --dry-run --json`, edited and reviewed like code,
replayed by `querynl seed URL --plan-file PLAN.json`.

A file holds either the whole `--json` summary of a dry run (its "plan", "seed" and
"window_days" are read, the rest ignored) or a bare plan. What it says is untrusted: it is
parsed into the plan model here and validated against the live schema like any other plan.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from querynl.errors import RequestError
from querynl.models import DataGenerationPlan, TestDataRequest
from querynl.schema import SchemaMetadata

FORMAT = "querynl-plan/1"
MAX_FILE_BYTES = 64 * 1024 * 1024


class SavedPlan(BaseModel):
    """A plan with what makes its rows repeat: the seed and the time window."""

    model_config = ConfigDict(extra="ignore")

    plan: DataGenerationPlan
    seed: int | None = None
    window_days: int | None = Field(default=None, ge=1)
    source: str = "plan file"

    def request(self, seed: int | None = None) -> TestDataRequest:
        """The request a replay stands for: `seed` (from --seed) wins over the file's."""
        return TestDataRequest(
            user_query=f"replay {self.source}",
            seed=seed if seed is not None else self.seed,
            time_window_days=self.window_days,
        )


def saved_form(plan: DataGenerationPlan, window_days: int | None) -> dict[str, Any]:
    """What `--dry-run --json` adds to its summary so that the output replays as it is."""
    return {"format": FORMAT, "plan": plan.model_dump(mode="json"), "window_days": window_days}


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema of a plan file (what `querynl plan-schema` prints, and what the LLM
    planner's answers are held to)."""
    schema = SavedPlan.model_json_schema()
    schema["properties"].pop("source", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://querynl.dev/schemas/{FORMAT}.json",
        "title": "QueryNL generation plan",
        "description": "A test-data generation plan: tables, row counts, a value provider per column,"
        " foreign keys and insertion order. `querynl seed URL --plan-file FILE` runs it.",
    } | {k: v for k, v in schema.items() if k not in ("title", "description")}


def read_plan_file(path: Path) -> SavedPlan:
    """The saved plan in `path`, or a RequestError saying in one line what is wrong with it."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise RequestError(f"Plan file {path} is over {MAX_FILE_BYTES // 2**20} MB.")
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RequestError(f"Cannot read plan file {path}: {exc.strerror}.") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RequestError(f"Plan file {path} is not JSON: {_json_reason(exc)}.") from None
    if not isinstance(data, dict):
        raise RequestError(f"Plan file {path} holds no plan (a JSON object was expected).")
    content = data if "plan" in data else {"plan": data}
    try:
        return SavedPlan.model_validate(content | {"source": path.name})
    except ValidationError as exc:
        raise RequestError(f"Plan file {path} is not a valid plan: {_first_problem(exc)}.") from None


class PlanFilePlanner:
    """The Planner that answers every request with the saved plan (validated by the pipeline
    against the live schema before anything runs)."""

    name = "file"

    def __init__(self, saved: SavedPlan) -> None:
        self.saved = saved

    def plan(self, schema: SchemaMetadata, request: TestDataRequest) -> DataGenerationPlan:
        return self.saved.plan.model_copy(update={"planner": self.name}, deep=True)


def _json_reason(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    return "not UTF-8 text"


def _first_problem(exc: ValidationError) -> str:
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"])
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {first['msg']}{more}"
