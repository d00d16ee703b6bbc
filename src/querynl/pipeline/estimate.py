"""How long a run will take on this database: from earlier runs' measured rates, or from a
short rehearsal of the plan at small scale that is rolled back."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from querynl.models import DataGenerationPlan
from querynl.pipeline.context import RunContext
from querynl.pipeline.generator import PreparedRun, TestDataGenerator
from querynl.synthesis.column_values import BULK_ROWS

LARGE_RUN = 10_000  # more rows than this: warn with an estimate and ask
PROBE_ROWS = 3_000
PROBE_SAMPLE = 100  # values a rehearsal takes to judge a provider without a composer
MIN_RECORDED_ROWS = 5_000


def rates_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "querynl" / "rates.json"


def _database_key(generator: TestDataGenerator) -> str:
    url = generator.engine.url.render_as_string(hide_password=True)
    return hashlib.sha256(url.encode()).hexdigest()[:16]


def recorded_rate(generator: TestDataGenerator) -> float | None:
    try:
        return json.loads(rates_file().read_text()).get(_database_key(generator))
    except (OSError, ValueError, AttributeError):
        return None


def record_rate(generator: TestDataGenerator, rows: int, seconds: float) -> None:
    """Remember a large run's rate for the next estimate on the same database."""
    if rows < MIN_RECORDED_ROWS or seconds <= 0:
        return
    path = rates_file()
    try:
        rates = json.loads(path.read_text()) if path.exists() else {}
        rates[_database_key(generator)] = rows / seconds
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(rates))
    except (OSError, ValueError):
        pass  # an estimate is a nicety: never fail a run over it


def probe_rate(generator: TestDataGenerator, run: PreparedRun) -> float:
    """Rows/s of this plan on this database, measured on a scaled-down rehearsal."""
    plan = scaled_plan(run.plan, PROBE_ROWS)
    bulk = {t.table_name for t in run.plan.tables if t.record_count > BULK_ROWS}
    rehearsal = PreparedRun(
        request=run.request,
        schema=run.schema,
        plan=plan,
        seed=run.seed,
        synthesis_options={"bulk_tables": bulk, "sample_size": PROBE_SAMPLE},
    )
    result = generator.execute(rehearsal, RunContext(rehearsal=True))
    rows = result.total_inserted + result.total_failed
    return rows / result.seconds if result.seconds > 0 and rows else 1_000.0


def scaled_plan(plan: DataGenerationPlan, target: int) -> DataGenerationPlan:
    factor = min(1.0, target / max(plan.total_records, 1))
    scaled = plan.model_copy(deep=True)
    for table in scaled.tables:
        if table.record_count:
            table.record_count = max(1, int(table.record_count * factor))
    return scaled


def estimate_seconds(generator: TestDataGenerator, run: PreparedRun) -> float:
    rate = recorded_rate(generator) or probe_rate(generator, run)
    return run.plan.total_records / rate


def format_duration(seconds: float) -> str:
    minutes, secs = divmod(max(1, round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}h {minutes}m"
    return f"{minutes}m {secs}s" if minutes else f"{secs}s"
