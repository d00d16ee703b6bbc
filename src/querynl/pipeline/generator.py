"""The pipeline: introspect, plan, validate, synthesize and insert, all in one transaction."""

from __future__ import annotations

import logging
import secrets
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection, Engine

from querynl.db.engine import check_connection
from querynl.db.existing import ExistingData
from querynl.db.introspection import introspect
from querynl.dialects import dialect_for
from querynl.errors import Cancelled, NoSchemaError, PlanValidationError
from querynl.loading.deferred_keys import apply_updates, verify
from querynl.loading.executor import BaseInsertionExecutor
from querynl.models import (
    CancellationToken,
    DataGenerationPlan,
    InsertionResult,
    TableInsertionResult,
    TestDataRequest,
)
from querynl.pipeline.progress import NullProgress, ProgressSink
from querynl.planning.rule_planner import Planner, RuleBasedPlanner
from querynl.planning.validation import validate_plan
from querynl.schema import SchemaMetadata
from querynl.synthesis.prefetch import prefetch
from querynl.synthesis.synthesizer import FakerDataSynthesizer

log = logging.getLogger(__name__)


@dataclass
class PreparedRun:
    """Everything decided before the user confirms: nothing has been written yet."""

    request: TestDataRequest
    schema: SchemaMetadata
    plan: DataGenerationPlan
    seed: int
    notes: list[str] = field(default_factory=list)
    synthesis_options: dict = field(default_factory=dict)  # FakerDataSynthesizer tuning


class ITestDataGenerator(ABC):
    @abstractmethod
    def generate_plan(self, schema: SchemaMetadata, request: TestDataRequest) -> DataGenerationPlan: ...

    @abstractmethod
    def validate_plan(self, plan: DataGenerationPlan, schema: SchemaMetadata) -> list[str]: ...

    @abstractmethod
    def generate_test_data(self, request: TestDataRequest, **options) -> InsertionResult: ...


class TestDataGenerator(ITestDataGenerator):
    __test__ = False  # not a pytest test class

    def __init__(self, engine: Engine, planner: Planner | None = None) -> None:
        self.engine = engine
        self.planner = planner or RuleBasedPlanner()

    def introspect(self) -> SchemaMetadata:
        check_connection(self.engine)
        with self.engine.connect() as conn:
            schema = introspect(conn)
        if not schema.tables:
            raise NoSchemaError()
        return schema

    def generate_plan(self, schema: SchemaMetadata, request: TestDataRequest) -> DataGenerationPlan:
        return self.planner.plan(schema, request)

    def validate_plan(self, plan: DataGenerationPlan, schema: SchemaMetadata) -> list[str]:
        return validate_plan(plan, schema)

    def prepare(self, request: TestDataRequest, schema: SchemaMetadata | None = None) -> PreparedRun:
        schema = schema or self.introspect()
        seed = request.seed if request.seed is not None else secrets.randbits(32)
        request = request.model_copy(update={"seed": seed, "database_type": schema.dialect})
        plan = self.generate_plan(schema, request)
        problems = self.validate_plan(plan, schema)
        if problems:
            raise PlanValidationError(problems)
        log.debug("plan: %s", plan.model_dump_json())
        return PreparedRun(request=request, schema=schema, plan=plan, seed=seed)

    def execute(
        self,
        run: PreparedRun,
        *,
        cancel: CancellationToken | None = None,
        progress: ProgressSink | None = None,
        sql_out: Callable[[str], None] | None = None,
        rehearsal: bool = False,
    ) -> InsertionResult:
        """Insert the plan's rows in one transaction: committed only if not cancelled.
        A rehearsal does all the work and rolls it back (used to measure the rate)."""
        progress = progress or NullProgress()
        started = time.perf_counter()
        result = InsertionResult()
        with self.engine.connect() as conn:
            transaction = conn.begin()
            try:
                self._insert_all(conn, run, result, cancel, progress, sql_out, rehearsal)
            except Cancelled:
                transaction.rollback()
                result.cancelled = True
            except BaseException:
                transaction.rollback()
                raise
            else:
                if rehearsal:
                    transaction.rollback()
                else:
                    transaction.commit()
                    result.committed = True
            finally:
                progress.finish()
        result.seconds = time.perf_counter() - started
        return result

    def generate_test_data(
        self,
        request: TestDataRequest,
        *,
        confirm: Callable[[PreparedRun], bool] = lambda _run: True,
        cancel: CancellationToken | None = None,
        progress: ProgressSink | None = None,
    ) -> InsertionResult:
        run = self.prepare(request)
        if not confirm(run):
            return InsertionResult(cancelled=True)
        return self.execute(run, cancel=cancel, progress=progress)

    def _insert_all(self, conn, run, result, cancel, progress, sql_out, rehearsal=False) -> None:
        dialect = dialect_for(conn.dialect.name)
        executor = dialect.executor(conn)
        synth = self._synthesizer(conn, run)
        for name in run.plan.insertion_order:
            postponed = [fk for fk in run.plan.table(name).foreign_keys if fk.mode == "deferred_check"]
            for fk in postponed:
                dialect.postpone_check(conn, fk)
            try:
                result.tables.append(
                    self._insert_table(conn, executor, synth, run, name, cancel, progress, sql_out, rehearsal)
                )
            finally:
                if postponed:  # a session setting on MySQL: restore it even when the run fails
                    dialect.resume_check(conn)
        self._finish_cycles(conn, synth, run)
        run.notes.extend(synth.notes)

    def _synthesizer(self, conn: Connection, run: PreparedRun) -> FakerDataSynthesizer:
        existing = ExistingData(conn)
        return FakerDataSynthesizer(run.schema, run.plan, existing, seed=run.seed, **run.synthesis_options)

    def export_sql(self, run: PreparedRun, write: Callable[[str], None]) -> int:
        """Write the run's INSERT statements (the executors' literal builder) without executing
        them; returns the number of rows written."""
        rows = 0
        with self.engine.connect() as conn, conn.begin() as transaction:
            executor = dialect_for(conn.dialect.name).executor(conn)
            synth = self._synthesizer(conn, run)
            for name in run.plan.insertion_order:
                columns = synth.insert_columns(name)
                for batch in synth.generate_table_data(name, executor.batch_size) if columns else ():
                    write(executor.build_insert_statement(name, columns, batch))
                    rows += len(batch)
            transaction.rollback()
        return rows

    def _finish_cycles(self, conn: Connection, synth: FakerDataSynthesizer, run: PreparedRun) -> None:
        """Set the keys left NULL to break a cycle, then verify every postponed key."""
        for name in run.plan.insertion_order:
            for fk, key_columns, rows in synth.deferred_updates(name):
                apply_updates(conn, name, fk, key_columns, rows)
        for config in run.plan.tables:
            for fk in config.foreign_keys:
                if fk.mode != "immediate":
                    verify(conn, config.table_name, fk)

    def _insert_table(
        self,
        conn: Connection,
        executor: BaseInsertionExecutor,
        synth: FakerDataSynthesizer,
        run: PreparedRun,
        name: str,
        cancel: CancellationToken | None,
        progress: ProgressSink,
        sql_out: Callable[[str], None] | None,
        rehearsal: bool = False,
    ) -> TableInsertionResult:
        columns = synth.insert_columns(name)
        total = synth.record_count(name)
        progress.start_table(name, total)
        if not columns or total == 0:
            return TableInsertionResult(table_name=name, requested=total)
        table = run.schema.table(name)
        sequences = [c.column_name for c in run.plan.table(name).columns if c.strategy == "sequence"]
        overriding = any(table.column(c).identity_always for c in sequences)
        batches = prefetch(synth.generate_table_data(name, executor.batch_size))
        if sql_out is not None:
            batches = _echo(
                batches,
                lambda rows: sql_out(
                    executor.build_insert_statement(name, columns, rows, overriding_system_value=overriding)
                ),
            )
        result = executor.execute_insertion(
            name,
            columns,
            batches,
            requested=total,
            cancel=cancel,
            on_rows=progress.advance,
            overriding_system_value=overriding,
        )
        if sequences and not rehearsal:  # setval is not transactional: a rehearsal leaves it
            executor.fix_sequences(name, sequences)
        log.debug(
            "%s: %d inserted, %d failed in %.3fs",
            name,
            result.inserted,
            result.failed,
            result.seconds,
        )
        return result


def _echo(batches, emit):
    for rows in batches:
        emit(rows)
        yield rows
