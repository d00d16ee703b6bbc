"""One exception tree. The CLI turns each into one clear line and an exit status."""

from __future__ import annotations


class QueryNLError(Exception):
    """Base of every error QueryNL reports to the user as one line."""

    exit_status = 2


class RequestError(QueryNLError):
    """The request cannot run: nothing was written."""


class ConnectionFailed(RequestError):
    """The database could not be reached or the URL is invalid."""


class NoSchemaError(RequestError):
    def __init__(self) -> None:
        super().__init__("No schema found. Create one with `\\schema design`")


class UnknownTableError(RequestError):
    def __init__(self, word: str, suggestion: str | None = None) -> None:
        hint = f" Did you mean '{suggestion}'?" if suggestion else ""
        super().__init__(f"No table named '{word}'.{hint}")
        self.word = word
        self.suggestion = suggestion


class UnknownSchemaError(RequestError):
    def __init__(self, word: str, available: list[str]) -> None:
        known = ", ".join(available) or "none"
        super().__init__(f"No schema named '{word}' (schemas here: {known}).")
        self.word = word


class AmbiguousTableError(RequestError):
    def __init__(self, word: str, candidates: list[str]) -> None:
        names = ", ".join(f"'{c}'" for c in candidates[:-1]) + f" and '{candidates[-1]}'"
        super().__init__(f"'{word}' matches {names} equally; name one of them.")
        self.word = word
        self.candidates = candidates


class CycleError(RequestError):
    def __init__(self, tables: list[str], reason: str | None = None) -> None:
        loop = " -> ".join([*tables, tables[0]]) if tables else "?"
        why = f" ({reason})" if reason else ""
        super().__init__(f"Foreign keys form a cycle that cannot be broken: {loop}{why}")
        self.tables = tables


class PlanValidationError(RequestError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("Invalid generation plan: " + "; ".join(problems))
        self.problems = problems


class RunFailed(QueryNLError):
    """The database failed during the run (a lost connection, a refused COMMIT): the
    transaction was rolled back, nothing was written."""


class DatabaseFault(RunFailed):
    """The database stopped the run (querynl.loading.faults): rolled back, nothing written."""

    exit_status = 1


class ConnectionLost(DatabaseFault):
    """The connection died mid-run (server restart, backend terminated, KILL)."""


class DatabaseLocked(DatabaseFault):
    """Another writer held the lock longer than the busy timeout."""


class ServerLimit(DatabaseFault):
    """A server-side limit stopped a statement (timeout, packet size, disk, memory)."""


class Cancelled(QueryNLError):
    """The user cancelled the run; everything was rolled back."""

    exit_status = 1

    def __init__(self, message: str = "Operation cancelled by user. Changes rolled back.") -> None:
        super().__init__(message)


def describe_failure(exc: BaseException) -> str:
    """The one line the CLI shows for any failure: our own message, or for anything else (a
    driver error, a bug) its type and the first line of its message."""
    if isinstance(exc, QueryNLError):
        return str(exc)
    text = str(getattr(exc, "orig", None) or exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0]}" if text else type(exc).__name__


class LLMUnavailable(QueryNLError):
    """The model could not answer (refused key, rate limit, timeout, server error, no
    connection, no JSON): callers fall back to what works offline and say why in one line."""

    exit_status = 1


class StatementFailed(QueryNLError):
    """A SQL statement typed or read from a file failed; its transaction was rolled back."""
