"""What an INSERT trigger does to the rows we insert, as data (read by db/triggers.py).

Two things matter to generation: the rows a trigger writes into other tables (an AFTER
INSERT copying `(NEW.id, 0)` into a link table), and the rows it rejects (`RAISE(ABORT, ...)`,
`SIGNAL SQLSTATE`, `RAISE EXCEPTION` under a condition). A rejection whose condition has a
shape we can read carries the rule that keeps rows out of it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TriggerWrite(_Model):
    """`INSERT INTO target (...) VALUES (...)` in a trigger of the table being filled."""

    target: str
    copies: dict[str, str] = Field(default_factory=dict)  # target column -> NEW.<column> it copies
    constants: dict[str, Any] = Field(default_factory=dict)  # target column -> the constant written


class ParentValue(_Model):
    """`(SELECT column FROM table WHERE key = NEW.via)`: a value of the row's parent."""

    via: str  # the inserted row's column holding the parent's key
    table: str
    key: str
    column: str


class SameAsParent(_Model):
    """Rejected when `NEW.column <> parent`: the column copies the drawn parent's value."""

    column: str
    parent: ParentValue


class ParentsAgree(_Model):
    """Rejected when `first <> second`: the second parent is drawn among those agreeing."""

    first: ParentValue
    second: ParentValue


class TriggerRejection(_Model):
    """A trigger statement that rejects the row (its message) under a condition."""

    message: str
    condition: str | None = None  # as written; None when the statement has none we could find
    same_as_parent: list[SameAsParent] = Field(default_factory=list)
    parents_agree: list[ParentsAgree] = Field(default_factory=list)
    checks: list[str] = Field(default_factory=list)  # CHECK texts a row must meet (NEW.col vs a constant)
    understood: bool = False  # every part of the condition is one of the shapes above


class TableTriggers(_Model):
    """A table's INSERT triggers: what they write elsewhere, what they reject."""

    writes: list[TriggerWrite] = Field(default_factory=list)
    rejections: list[TriggerRejection] = Field(default_factory=list)
