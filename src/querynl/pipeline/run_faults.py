"""A database error that ended a run, as the one-line error the CLI shows: which fault it was
(the dialect tells), where the run was (the table and batch) and that nothing was written."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from querynl.dialects import Dialect
from querynl.errors import ConnectionLost, DatabaseFault, DatabaseLocked, RunFailed, ServerLimit
from querynl.loading.executor import first_line
from querynl.loading.faults import BatchFailed, Fault, FaultKind

_ERRORS: dict[FaultKind, type[DatabaseFault]] = {
    FaultKind.CONNECTION_LOST: ConnectionLost,
    FaultKind.LOCKED: DatabaseLocked,
}


NOTHING_WRITTEN = "Nothing was written."
# A COMMIT the connection died in may have been carried out: the reply is what was lost.
COMMIT_UNKNOWN = "The COMMIT may or may not have been carried out: check the tables."


def failure(dialect: Dialect, conn: Connection, exc: BaseException) -> RunFailed:
    """The error to report for `exc` (a BatchFailed or a driver error) after the rollback."""
    cause = exc.cause if isinstance(exc, BatchFailed) else exc
    where = f" while inserting {exc.where}" if isinstance(exc, BatchFailed) else ""
    fault = dialect.fault(cause, conn)
    if fault is None:
        reason = first_line(getattr(cause, "orig", None) or cause)
        return RunFailed(f"The database failed{where}: {reason}. {NOTHING_WRITTEN}")
    return fault_error(fault, where)


def fault_error(fault: Fault, where: str = "", outcome: str = NOTHING_WRITTEN) -> RunFailed:
    """One line: what happened, where, the database's words, and what became of the rows."""
    text = fault.kind.value
    return _ERRORS.get(fault.kind, ServerLimit)(
        f"{text[0].upper()}{text[1:]}{where} ({fault.detail}). {outcome}"
    )
