"""Structures that cross a boundary: requests, the generation plan, results, cancellation.

The plan is data: the rule-based planner and the LLM planner fill it, the preview renders
it, validation checks it and the synthesizer executes it. Anything an LLM returns is parsed
into these models before it is trusted with anything.
"""

from __future__ import annotations

import threading
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

DatabaseType = str  # a registered dialect name (querynl.dialects.DIALECTS)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TestDataRequest(_Model):
    """What the user asked for, parsed from their words."""

    __test__ = False  # not a pytest test class

    user_query: str
    target_tables: list[str] = Field(default_factory=list)
    record_counts: dict[str, int] = Field(default_factory=dict)
    default_count: int | None = Field(default=None, ge=1)
    fill_rest: bool = False  # "... and sample data for the rest": every other table too
    domain_context: str | None = None  # a named domain (request/domains.py DOMAINS)
    domain_text: str | None = Field(default=None, max_length=200)  # the user's words ("veterinary clinic")
    database_type: DatabaseType | None = None
    seed: int | None = None
    time_window_days: int | None = Field(default=None, ge=1)  # event timestamps: days before the anchor

    @field_validator("record_counts")
    @classmethod
    def _positive_counts(cls, counts: dict[str, int]) -> dict[str, int]:
        for table, n in counts.items():
            if n < 1:
                raise ValueError(f"record count for {table} must be positive, got {n}")
        return counts


ColumnStrategy = Literal["faker", "sequence", "skip"]


class ColumnGenerationConfig(_Model):
    """How one column gets its values.

    strategy "faker": call faker_provider(**provider_args) through the Faker generator.
    strategy "sequence": next integers after the largest key already in the table.
    strategy "skip": leave the column out of the INSERT (computed, identity-only, defaults).
    """

    column_name: str
    strategy: ColumnStrategy = "faker"
    faker_provider: str | None = None
    provider_args: dict[str, Any] = Field(default_factory=dict)
    null_probability: float = Field(default=0.0, ge=0.0, le=1.0)
    unique: bool = False
    note: str | None = None
    source: Literal["rules", "model"] = "rules"  # who chose the provider (the preview marks "model")


ForeignKeyMode = Literal["immediate", "update_after", "deferred_check"]


class ForeignKeyConfig(_Model):
    """How a foreign key gets its values.

    mode "immediate": drawn from parent rows inserted before this table.
    mode "update_after" (breaks a cycle on a nullable key): NULL at insert, then an UPDATE
    sets it once the parent rows exist, in the same transaction.
    mode "deferred_check" (a cycle of NOT NULL keys): the parent's keys are known before it
    is inserted, the constraint is checked at the end of the run (DEFERRABLE on PostgreSQL,
    FOREIGN_KEY_CHECKS on MySQL, defer_foreign_keys on SQLite) and verified before commit.
    """

    columns: list[str]
    referenced_table: str
    referenced_columns: list[str]
    null_probability: float = Field(default=0.0, ge=0.0, le=1.0)
    mode: ForeignKeyMode = "immediate"
    constraint_name: str | None = None


class DerivedFrom(_Model):
    """`column` (an email, a user name, a handle) derives from the row's name columns."""

    kind: Literal["derived_from"] = "derived_from"
    column: str
    sources: list[str] = Field(min_length=1)  # first and last name, a full name, a company name
    form: Literal["email", "username"] = "email"


class SameAddress(_Model):
    """The row's address parts come from one address: part ("street", "city", "state",
    "state_abbr", "postal_code", "country", "country_code", "phone") -> column."""

    kind: Literal["same_address"] = "same_address"
    parts: dict[str, str] = Field(min_length=2)


class TimeOrder(_Model):
    """Within a row, `earlier` + min_gap_days <= `later` (when neither is NULL)."""

    kind: Literal["time_order"] = "time_order"
    earlier: str
    later: str
    min_gap_days: float = Field(default=0.0, ge=0.0)


class AfterParent(_Model):
    """The row's `column` is not before its parent's `parent_column`, the parent drawn through
    the single-column foreign key `via` -> `parent_table`(`parent_key`)."""

    kind: Literal["after_parent"] = "after_parent"
    column: str
    via: str
    parent_table: str
    parent_key: str
    parent_column: str


class SameParentThrough(_Model):
    """Two foreign keys of a row meet: the parent drawn through `second` agrees with the one
    drawn through `first` on a shared value (first_value of the first parent, its key itself
    when the second parent points back at it, equals second_value of the second parent)."""

    kind: Literal["same_parent_through"] = "same_parent_through"
    first: str
    first_table: str
    first_key: str
    first_value: str
    second: str
    second_table: str
    second_key: str
    second_value: str


class SumOfChildren(_Model):
    """The row's `column` (a total) is the sum of its lines in `child_table`, the rows whose
    foreign key `child_key` references this row's `parent_key`: of quantity × price, or of
    the line's own `amount`. Set after the lines are inserted, in the same transaction, on the
    rows of the run only."""

    kind: Literal["sum_of_children"] = "sum_of_children"
    column: str
    child_table: str
    child_key: str
    parent_key: str
    quantity: str | None = None
    price: str | None = None
    amount: str | None = None

    @model_validator(mode="after")
    def _one_measure(self) -> SumOfChildren:
        if (self.amount is None) == (self.price is None):
            raise ValueError("a sum of children takes either a price (times a quantity) or an amount")
        if self.quantity is not None and self.price is None:
            raise ValueError("a quantity is multiplied by a price")
        return self

    def measures(self) -> list[str]:
        """The child's columns the sum reads."""
        return [c for c in (self.quantity, self.price, self.amount) if c is not None]


RowLink = Annotated[
    DerivedFrom | SameAddress | TimeOrder | AfterParent | SameParentThrough | SumOfChildren,
    Field(discriminator="kind"),
]


class TableGenerationConfig(_Model):
    table_name: str
    record_count: int = Field(ge=0)
    columns: list[ColumnGenerationConfig] = Field(default_factory=list)
    foreign_keys: list[ForeignKeyConfig] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    reason: str | None = None  # why the table gets rows: requested, or needed by another table
    # rows that must exist, by their key values (a trigger writes these constants into a foreign
    # key): generated first, their other columns as usual, unless the table already holds them
    required_rows: list[dict[str, Any]] = Field(default_factory=list)
    # values of one row that belong together, and with its parents' (planning/links.py)
    links: list[RowLink] = Field(default_factory=list)

    def column(self, name: str) -> ColumnGenerationConfig | None:
        return next((c for c in self.columns if c.column_name == name), None)

    def keys_covering(self, columns: list[str]) -> list[ForeignKeyConfig] | None:
        """The foreign keys to other tables that together make up exactly `columns` (the unique
        key of a junction table or a one-to-one link), or None when other columns take part."""
        keys = [
            fk
            for fk in self.foreign_keys
            if set(fk.columns) <= set(columns) and fk.referenced_table != self.table_name
        ]
        if keys and sorted(c for fk in keys for c in fk.columns) == sorted(columns):
            return keys
        return None


class DataGenerationPlan(_Model):
    tables: list[TableGenerationConfig]
    insertion_order: list[str]
    rationale: str = ""
    planner: str = "rules"
    # one line each: what a planner could not use and fell back on (the LLM planner's fallbacks)
    planner_notes: list[str] = Field(default_factory=list)

    def table(self, name: str) -> TableGenerationConfig:
        config = next((t for t in self.tables if t.table_name == name), None)
        if config is None:
            raise KeyError(name)
        return config

    @property
    def total_records(self) -> int:
        return sum(t.record_count for t in self.tables)


class ErrorType(StrEnum):
    UNIQUE_VIOLATION = "unique_violation"
    FOREIGN_KEY_VIOLATION = "foreign_key_violation"
    NOT_NULL_VIOLATION = "not_null_violation"
    CHECK_VIOLATION = "check_violation"
    TRIGGER_REJECTION = "trigger_rejection"  # a trigger raised an error (RAISE, SIGNAL)
    DATA_ERROR = "data_error"
    OTHER = "other"


class InsertionError(_Model):
    """One row the database refused. `message` says what went wrong in words a user can act
    on (pipeline/failures.py); `database_message` is the database's own line."""

    table_name: str
    error_type: ErrorType
    message: str
    database_message: str | None = None
    constraint: str | None = None
    column: str | None = None  # the one column the error is about, when there is one
    columns: list[str] = Field(default_factory=list)  # every column of the constraint
    record: dict[str, Any] | None = None  # the row's values: user data, shown as is


class TableInsertionResult(_Model):
    table_name: str
    requested: int = 0
    inserted: int = 0
    failed: int = 0
    seconds: float = 0.0
    errors: list[InsertionError] = Field(default_factory=list)


class InsertionResult(_Model):
    tables: list[TableInsertionResult] = Field(default_factory=list)
    seconds: float = 0.0
    cancelled: bool = False
    committed: bool = False
    load_path: str | None = None  # how the rows went in (bulk path, foreign key checks)
    # what the run left as generated, one line each ("orders: total: ..."): the plan's notes
    # are known before it runs, these only once it has
    notes: list[str] = Field(default_factory=list)

    @property
    def total_inserted(self) -> int:
        return sum(t.inserted for t in self.tables)

    @property
    def total_failed(self) -> int:
        return sum(t.failed for t in self.tables)

    @property
    def errors(self) -> list[InsertionError]:
        return [e for t in self.tables for e in t.errors]

    @property
    def ok(self) -> bool:
        return self.committed and not self.cancelled and self.total_failed == 0

    def summary(self) -> dict[str, Any]:
        """The object `querynl seed --json` prints."""
        return {
            "ok": self.ok,
            # A run not committed was rolled back: nothing it inserted remains.
            "inserted": {t.table_name: t.inserted if self.committed else 0 for t in self.tables},
            "failed": {t.table_name: t.failed for t in self.tables},
            "errors": [e.model_dump(mode="json") for e in self.errors],
            "seconds": round(self.seconds, 3),
            "cancelled": self.cancelled,
            "load_path": self.load_path,
        }


class CancellationToken:
    """Set from a signal handler; checked by the executor between batches."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()
