"""Failed rows in words: the constraint and its columns completed from the schema, and a
message that says what went wrong and what to do (pipeline/failures.py)."""

from __future__ import annotations

import pytest

from querynl.db.trigger_rules import TableTriggers, TriggerRejection
from querynl.models import ErrorType, InsertionError
from querynl.pipeline.failures import explain
from querynl.schema import CheckInfo, ColumnInfo, ForeignKeyInfo, TableInfo, UniqueInfo

USERS = TableInfo(
    name="users",
    columns=[
        ColumnInfo(name=n, type_name="VARCHAR(80)", kind="string")
        for n in ("id", "email", "first", "last", "team_id", "age")
    ],
    primary_key=["id"],
    unique_constraints=[
        UniqueInfo(name="users_email_key", columns=["email"]),
        UniqueInfo(columns=["first", "last"]),
    ],
    foreign_keys=[
        ForeignKeyInfo(
            name="users_team_fk", columns=["team_id"], referred_table="teams", referred_columns=["id"]
        )
    ],
    check_constraints=[CheckInfo(name="adult", sqltext="age >= 18"), CheckInfo(sqltext="length(first) > 1")],
    triggers=TableTriggers(
        rejections=[
            TriggerRejection(message="'no team 7 (user %)'", condition="NEW.team_id = 7"),
            TriggerRejection(message="'too old'", condition='NEW.age > 120 AND NEW."last" IS NULL'),
        ]
    ),
)
RECORD = {"id": 3, "email": "a@example.com", "first": "Ann", "last": "Lee", "team_id": 7, "age": 15}


def failure(kind: ErrorType, said: str, constraint: str | None = None, columns: tuple[str, ...] = ()):
    error = InsertionError(
        table_name="users",
        error_type=kind,
        message=said,
        database_message=said,
        constraint=constraint,
        column=columns[0] if len(columns) == 1 else None,
        columns=list(columns),
        record=RECORD,
    )
    return explain(error, USERS)


@pytest.mark.parametrize(
    ("constraint", "columns", "expected"),
    [
        ("users_email_key", (), ("users_email_key", ["email"])),  # PostgreSQL, MySQL: the name
        (None, ("email",), ("users_email_key", ["email"])),  # SQLite: the columns
        (None, ("last", "first"), (None, ["last", "first"])),  # an unnamed one
        ("PRIMARY", (), ("PRIMARY", ["id"])),  # MySQL's primary key
        (None, ("id",), ("PRIMARY KEY", ["id"])),
    ],
)
def test_unique_constraint_and_columns_are_completed(constraint, columns, expected):
    explained = failure(ErrorType.UNIQUE_VIOLATION, "duplicate", constraint, columns)
    assert (explained.constraint, explained.columns) == expected
    assert explained.database_message == "duplicate"


def test_unique_message_names_the_column_and_the_value():
    explained = failure(ErrorType.UNIQUE_VIOLATION, "Duplicate entry", "users_email_key")
    assert explained.message.startswith(
        "UNIQUE constraint users_email_key on 'email': email='a@example.com' is taken already; "
        "more unique values asked than the column's pattern allows"
    )
    assert explained.column == "email"


def test_foreign_key_by_name_names_the_missing_parent():
    explained = failure(ErrorType.FOREIGN_KEY_VIOLATION, "violates foreign key", "users_team_fk")
    assert explained.columns == ["team_id"]
    assert (
        "FOREIGN KEY users_team_fk on 'team_id' -> teams(id): no teams row has team_id=7" in explained.message
    )


def test_foreign_key_sqlite_does_not_name():
    explained = failure(ErrorType.FOREIGN_KEY_VIOLATION, "FOREIGN KEY constraint failed")
    assert (explained.constraint, explained.columns) == (None, [])
    assert "does not say which key" in explained.message


@pytest.mark.parametrize(
    ("named", "expected"),
    [("adult", ("adult", ["age"])), ("length(first) > 1", ("length(first) > 1", ["first"]))],
)
def test_check_by_name_or_by_its_text(named, expected):
    explained = failure(ErrorType.CHECK_VIOLATION, f"CHECK constraint failed: {named}", named)
    assert (explained.constraint, explained.columns) == expected
    assert explained.message.startswith(f"CHECK {named} on '{expected[1][0]}'")


def test_check_message_quotes_the_check_and_the_value():
    explained = failure(ErrorType.CHECK_VIOLATION, "violates check constraint", "adult")
    assert "CHECK adult on 'age' (age >= 18) refused age=15" in explained.message


@pytest.mark.parametrize(
    ("said", "columns"),
    [("no team 7 (user 3)", ["team_id"]), ("too old", ["age", "last"]), ("something else", [])],
)
def test_trigger_columns_come_from_the_statement_that_raised(said, columns):
    explained = failure(ErrorType.TRIGGER_REJECTION, said)
    assert explained.columns == columns
    assert explained.message.endswith(said)  # the trigger's own words, whole
    assert ("its condition reads" in explained.message) == bool(columns)


def test_a_required_key_left_empty_says_there_was_no_parent_row():
    error = InsertionError(
        table_name="users",
        error_type=ErrorType.NOT_NULL_VIOLATION,
        message="null value",
        database_message="null value",
        columns=["team_id"],
        record={**RECORD, "team_id": None},
    )
    message = explain(error, USERS).message
    assert message.startswith("NOT NULL on 'team_id' -> teams: there was no teams row to point at")
    assert "every row made for it was rejected" in message


def test_not_null_data_and_other():
    not_null = failure(ErrorType.NOT_NULL_VIOLATION, "null value", None, ("email",))
    assert not_null.message.startswith("NOT NULL on 'email': the row has no value there")
    data = failure(ErrorType.DATA_ERROR, "Out of range value for column 'age'", None, ("age",))
    assert data.message.startswith("a value out of range or of the wrong type for 'age': Out of range")
    other = failure(ErrorType.OTHER, "disk full")
    assert other.message == "the database refused the row: disk full"
