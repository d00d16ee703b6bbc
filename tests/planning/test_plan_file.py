"""Plan files: what is read, what is refused (one line each), and the published JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from querynl.errors import RequestError
from querynl.models import ColumnGenerationConfig, DataGenerationPlan, TableGenerationConfig
from querynl.planning.plan_file import (
    PlanFilePlanner,
    SavedPlan,
    plan_json_schema,
    read_plan_file,
    saved_form,
)

PUBLISHED = Path(__file__).parents[2] / "specs/005-add-test-data/contracts/plan.schema.json"


def plan(count: int = 3) -> DataGenerationPlan:
    users = TableGenerationConfig(
        table_name="users",
        record_count=count,
        columns=[ColumnGenerationConfig(column_name="name", faker_provider="name")],
    )
    return DataGenerationPlan(tables=[users], insertion_order=["users"])


def write(tmp_path, content) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def test_reads_a_dry_run_summary_with_its_seed_and_window(tmp_path):
    summary = {"ok": True, "dry_run": True, "seed": 42, **saved_form(plan(), 30)}
    saved = read_plan_file(write(tmp_path, summary))
    assert saved.plan == plan()
    assert (saved.seed, saved.window_days) == (42, 30)
    request = saved.request()
    assert (request.seed, request.time_window_days) == (42, 30)
    assert saved.request(seed=7).seed == 7


def test_reads_a_bare_plan(tmp_path):
    saved = read_plan_file(write(tmp_path, plan().model_dump(mode="json")))
    assert saved.plan == plan()
    assert saved.seed is None


def test_planner_answers_with_the_saved_plan_marked_as_a_file():
    answer = PlanFilePlanner(SavedPlan(plan=plan())).plan(None, None)  # type: ignore[arg-type]
    assert answer.planner == "file"
    assert answer.tables == plan().tables


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", r"is not JSON: Expecting property name enclosed in double quotes at line 1 column 2"),
        ("[1, 2]", r"holds no plan \(a JSON object was expected\)"),
        ({"plan": {"tables": []}}, r"is not a valid plan: plan.insertion_order: Field required"),
        (
            {"tables": [{"table_name": "users", "record_count": -5}], "insertion_order": ["users"]},
            r"plan.tables.0.record_count: Input should be greater than or equal to 0",
        ),
        (
            {"tables": [], "insertion_order": [], "drop": "DROP TABLE users"},
            r"plan.drop: Extra inputs are not permitted",
        ),
        ({"plan": plan().model_dump(mode="json"), "window_days": 0}, r"window_days: Input should be"),
    ],
)
def test_refuses_in_one_line(tmp_path, content, message):
    with pytest.raises(RequestError, match=message) as caught:
        read_plan_file(write(tmp_path, content))
    assert "\n" not in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(RequestError, match=r"Cannot read plan file .*nope.json: No such file or directory"):
        read_plan_file(tmp_path / "nope.json")


def test_published_schema_is_the_models_own():
    """specs/.../plan.schema.json is what `querynl plan-schema` prints; regenerate it with
    `querynl plan-schema > specs/005-add-test-data/contracts/plan.schema.json`."""
    assert json.loads(PUBLISHED.read_text()) == plan_json_schema()


def test_schema_describes_every_plan_part():
    schema = plan_json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"plan", "seed", "window_days"} <= set(schema["properties"])
    defs = schema["$defs"]
    parts = {"DataGenerationPlan", "TableGenerationConfig", "ColumnGenerationConfig", "ForeignKeyConfig"}
    assert parts <= set(defs)
    assert "faker_provider" in defs["ColumnGenerationConfig"]["properties"]
