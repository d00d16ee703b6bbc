"""The three interfaces of the test-data pipeline, as the code implements them.

`tests/test_contracts.py` checks that the real classes satisfy these protocols (method names,
parameter names and kinds), so this file cannot drift from the code:

- Planner: `querynl.planning.rule_planner.RuleBasedPlanner`, the LLM planner
  (`querynl.planning.llm_planner`), `querynl.planning.plan_file.PlanFilePlanner`;
- DataSynthesizer: `querynl.synthesis.synthesizer.FakerDataSynthesizer`;
- InsertionExecutor: `querynl.loading.executor.BaseInsertionExecutor` (one subclass per dialect).

The structures they exchange are the pydantic models of `querynl.models` (see
../data-model.md); a plan's JSON form is plan.schema.json (`querynl plan-schema`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

from querynl.models import CancellationToken, DataGenerationPlan, TableInsertionResult, TestDataRequest
from querynl.schema import SchemaMetadata

Row = tuple[Any, ...]


class Planner(Protocol):
    """The schema and a request in, a complete plan out. A planner plans; it never writes SQL.
    Whatever it returns is validated against the live schema before anything runs."""

    name: str

    def plan(self, schema: SchemaMetadata, request: TestDataRequest) -> DataGenerationPlan: ...


class DataSynthesizer(Protocol):
    """The plan's rows, table by table in insertion order, without touching the database:
    keys drawn from parents generated (or read) before, uniques distinct by construction,
    CHECKs met, row links applied. Reproducible from the run's seed."""

    def insert_columns(self, table: str) -> list[str]: ...

    def record_count(self, table: str) -> int: ...

    def generate_table_data(self, table: str) -> Iterator[list[Row]]: ...

    def deferred_updates(self, table: str) -> list[tuple[Any, list[str], list[tuple]]]: ...


class InsertionExecutor(Protocol):
    """Rows into one table through the database's bulk path, a SAVEPOINT per batch, a failed
    batch retried row by row; values escaped or bound by the dialect's codec."""

    def quote_identifier(self, name: str) -> str: ...

    def quote_table(self, table: str) -> str: ...

    def escape_value(self, value: Any) -> str: ...

    def build_insert_statement(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Row],
        *,
        overriding_system_value: bool = False,
    ) -> str: ...

    def execute_insertion(
        self,
        table: str,
        columns: Sequence[str],
        batches: Iterable[Sequence[Row] | Any],  # rows, or batches a Loader's encoding made
        *,
        requested: int,
        cancel: CancellationToken | None = None,
        on_rows: Callable[[int], None] | None = None,
        overriding_system_value: bool = False,
        feedback: Any = None,
        loader: Any = None,  # how the table's batches are written (default: the dialect's)
    ) -> TableInsertionResult: ...

    def fix_sequences(self, table: str, columns: Sequence[str]) -> None: ...
