"""The pipeline: introspect, plan, validate; then, in one transaction, read what the tables
already hold, synthesize and insert."""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from querynl.db.engine import check_connection
from querynl.db.existing import ExistingData
from querynl.db.introspection import introspect
from querynl.dialects import Dialect, dialect_for
from querynl.errors import Cancelled, NoSchemaError, PlanValidationError, RunFailed
from querynl.loading.deferred_keys import apply_updates, verify
from querynl.loading.executor import BaseInsertionExecutor, first_line, rechunk
from querynl.loading.faults import BatchFailed
from querynl.models import DataGenerationPlan, InsertionResult, TableInsertionResult, TestDataRequest
from querynl.pipeline.aggregates import Sums
from querynl.pipeline.context import RunContext
from querynl.pipeline.failures import explain_failures
from querynl.pipeline.key_checks import KeyChecks
from querynl.pipeline.postponement import Postponement
from querynl.pipeline.rejections import Rejections
from querynl.pipeline.run_faults import COMMIT_UNKNOWN, failure, fault_error
from querynl.pipeline.worker import SynthesisWorker, generation
from querynl.planning.planner import Planner
from querynl.planning.rule_planner import RuleBasedPlanner
from querynl.planning.validation import validate_plan
from querynl.schema import SchemaMetadata
from querynl.synthesis.prefetch import prefetch
from querynl.synthesis.snapshot import existing_needs
from querynl.synthesis.synthesizer import FakerDataSynthesizer

log = logging.getLogger(__name__)


@dataclass
class PreparedRun:
    """Everything decided before the user confirms: nothing has been written yet."""

    request: TestDataRequest
    schema: SchemaMetadata
    plan: DataGenerationPlan
    seed: int
    synthesis_options: dict = field(default_factory=dict)  # FakerDataSynthesizer tuning


@dataclass
class _Load:
    """One run inside its transaction: where rows go and where they come from."""

    conn: Connection
    dialect: Dialect
    executor: BaseInsertionExecutor
    synth: FakerDataSynthesizer | SynthesisWorker
    run: PreparedRun

    def statements(self, name: str, batches: Iterable[Sequence[tuple]]) -> Iterator[tuple[str, Sequence]]:
        """Each executor-sized chunk of rows with the INSERT statement that writes it."""
        columns = self.synth.insert_columns(name)
        overriding = _overriding(self.run, name)
        for rows in rechunk(batches, self.executor.batch_size):
            statement = self.executor.build_insert_statement(
                name, columns, rows, overriding_system_value=overriding
            )
            yield statement, rows


class TestDataGenerator:
    __test__ = False  # not a pytest test class

    def __init__(self, engine: Engine, planner: Planner | None = None, schemas: Sequence[str] = ()) -> None:
        self.engine = engine
        self.planner = planner or RuleBasedPlanner()
        self.schemas = tuple(schemas)  # limit runs to these database schemas (--schema)

    def introspect(self) -> SchemaMetadata:
        check_connection(self.engine)
        with self.engine.connect() as conn:
            schema = introspect(conn, self.schemas)
        if not any(not t.reference_only for t in schema.tables):
            raise NoSchemaError()
        return schema

    def prepare(self, request: TestDataRequest, schema: SchemaMetadata | None = None) -> PreparedRun:
        schema = schema or self.introspect()
        seed = request.seed if request.seed is not None else secrets.randbits(32)
        request = request.model_copy(update={"seed": seed, "database_type": schema.dialect})
        plan = self.planner.plan(schema, request)
        problems = validate_plan(plan, schema)
        if problems:
            raise PlanValidationError(problems)
        log.debug("plan: %s", plan.model_dump_json())
        return PreparedRun(request=request, schema=schema, plan=plan, seed=seed)

    def execute(self, run: PreparedRun, context: RunContext | None = None) -> InsertionResult:
        """Insert the plan's rows in one transaction: committed only if not cancelled.
        A rehearsal does all the work and rolls it back (used to measure the rate).
        A database failure is a RunFailed; a fault (a lost connection, a lock, a server
        limit) the DatabaseFault for it, naming the batch it stopped."""
        context = context or RunContext()
        started = time.perf_counter()
        result = InsertionResult()
        dialect = dialect_for(self.engine.dialect.name)
        try:
            with self.engine.connect() as conn:
                try:
                    self._transaction(conn, dialect, run, context, result)
                except (BatchFailed, DBAPIError, self.engine.dialect.loaded_dbapi.Error) as exc:
                    raise failure(dialect, conn, exc) from exc
        finally:
            context.progress.finish()
        result.seconds = time.perf_counter() - started
        return result

    def _transaction(
        self,
        conn: Connection,
        dialect: Dialect,
        run: PreparedRun,
        context: RunContext,
        result: InsertionResult,
    ) -> None:
        transaction = dialect.begin_write(conn)
        try:
            self._insert_all(self._open(conn, run), context, result)
        except Cancelled:
            _rollback(transaction)
            result.cancelled = True
            return
        except BaseException:
            _rollback(transaction)
            raise
        if context.rehearsal:
            transaction.rollback()
            return
        try:
            transaction.commit()
        except DBAPIError as exc:
            _rollback(transaction)
            fault = dialect.fault(exc, conn)
            if fault is not None:
                raise fault_error(fault, " at COMMIT", COMMIT_UNKNOWN) from exc
            raise RunFailed(f"COMMIT failed: {first_line(exc.orig or exc)}. Nothing was written.") from exc
        result.committed = True

    def export_sql(self, run: PreparedRun, write: Callable[[str], None]) -> int:
        """Write the run's INSERT statements (the executors' literal builder) without executing
        them; returns the number of rows written."""
        rows = 0
        with self.engine.connect() as conn, conn.begin() as transaction:
            load = self._open(conn, run)
            for name in run.plan.insertion_order:
                if not load.synth.insert_columns(name):
                    continue
                for statement, chunk in load.statements(name, load.synth.generate_table_data(name)):
                    write(statement)
                    rows += len(chunk)
            _sums(load).export(write)
            transaction.rollback()
        return rows

    def _open(self, conn: Connection, run: PreparedRun) -> _Load:
        """Read, once and before anything is generated, what the plan needs of existing rows."""
        dialect = dialect_for(conn.dialect.name)
        existing = ExistingData.read(conn, existing_needs(run.schema, run.plan), run.schema.locate)
        window = run.request.time_window_days
        options = {"window_days": window, **run.synthesis_options}
        synth = FakerDataSynthesizer(run.schema, run.plan, existing, seed=run.seed, **options)
        return _Load(conn, dialect, dialect.executor(conn, run.schema.locate), synth, run)

    def _insert_all(self, load: _Load, context: RunContext, result: InsertionResult) -> None:
        # Statements echoed to a file are written from the rows: such a run generates here.
        rows = load.run.plan.total_records if context.sql_out is None else 0
        with generation(load.synth, load.executor, rows) as synth:
            self._insert_tables(replace(load, synth=synth), context, result)

    def _insert_tables(self, load: _Load, context: RunContext, result: InsertionResult) -> None:
        run = load.run
        postponement = Postponement(load.conn, load.dialect, run.plan, run.schema.locate)
        checks = KeyChecks.start(load.conn, load.dialect, load.executor, run.schema, run.plan)
        for name in run.plan.insertion_order:
            with postponement.around(name):
                result.tables.append(self._insert_table(load, name, context))
        _finish_cycles(load)
        sums = _sums(load)
        sums.apply(context.sql_out)
        result.notes = sums.notes
        checks.verify()
        result.load_path = "; ".join([*load.executor.paths_used, checks.describe()])

    def _insert_table(self, load: _Load, name: str, context: RunContext) -> TableInsertionResult:
        columns = load.synth.insert_columns(name)
        total = load.synth.record_count(name)
        context.progress.start_table(name, total)
        if not columns or total == 0:
            return TableInsertionResult(table_name=name, requested=total)
        overriding = _overriding(load.run, name)
        loader = load.executor.loader(name, columns, overriding)
        if isinstance(load.synth, SynthesisWorker):  # generated and encoded there, a batch ahead
            size = load.executor.rows_per_batch(loader)
            generated = load.synth.encoded_batches(name, loader.encoding, size)
        else:
            generated = prefetch(load.synth.generate_table_data(name))
        batches = (
            generated if context.sql_out is None else _echo(load.statements(name, generated), context.sql_out)
        )
        rejections = Rejections(
            load.synth.registry, load.run.schema.table(name), columns, load.run.plan.table(name).foreign_keys
        )
        # Closed here, also when the run stops mid-table: its producer thread is joined now,
        # not by the garbage collector in whatever thread it runs (that one, maybe).
        with closing(generated):
            result = load.executor.execute_insertion(
                name,
                columns,
                batches,
                requested=total,
                cancel=context.cancel,
                on_rows=context.progress.advance,
                overriding_system_value=overriding,
                feedback=rejections,
                loader=loader,
            )
        rejections.finish()  # before any child table is generated
        result.errors = explain_failures(result.errors, load.run.schema.table(name))
        sequences = _sequences(load.run, name)
        if sequences and not context.rehearsal:  # setval is not transactional: a rehearsal leaves it
            load.executor.fix_sequences(name, sequences)
        log.debug("%s: %d inserted, %d failed in %.3fs", name, result.inserted, result.failed, result.seconds)
        if log.isEnabledFor(logging.DEBUG):
            log.debug("key pools after %s: %s", name, load.synth.registry.sizes())
        return result


def _finish_cycles(load: _Load) -> None:
    """Set the keys left NULL to break a cycle, then verify every postponed key."""
    plan, locate = load.run.plan, load.run.schema.locate
    for name in plan.insertion_order:
        for fk, key_columns, rows in load.synth.deferred_updates(name):
            apply_updates(load.conn, name, fk, key_columns, rows, locate)
    for config in plan.tables:
        for fk in config.foreign_keys:
            if fk.mode != "immediate":
                verify(load.conn, config.table_name, fk, locate)


def _sums(load: _Load) -> Sums:
    """The totals that sum their lines, set once every table is in."""
    run = load.run
    literal = load.executor.escape_value
    return Sums(load.conn, load.dialect, run.schema, run.plan, load.synth.registry, literal)


def _sequences(run: PreparedRun, name: str) -> list[str]:
    return [c.column_name for c in run.plan.table(name).columns if c.strategy == "sequence"]


def _overriding(run: PreparedRun, name: str) -> bool:
    """PostgreSQL's GENERATED ALWAYS identity takes explicit ids only when told to."""
    table = run.schema.table(name)
    return any(table.column(c).identity_always for c in _sequences(run, name))


def _echo(statements: Iterable[tuple[str, Sequence]], write: Callable[[str], None]) -> Iterator[Sequence]:
    for statement, rows in statements:
        write(statement)
        yield rows


def _rollback(transaction) -> None:  # noqa: ANN001
    """Roll back; on a lost connection there is nothing left to roll back (the server did)."""
    try:
        transaction.rollback()
    except Exception:  # noqa: BLE001 - the failure that brought us here is the one to report
        log.debug("rollback failed", exc_info=True)
