"""Failed rows in words a user can act on: which constraint, on which columns, what to do.

The executor records what the database said: the error's kind, the constraint and the columns
its driver named (each dialect reads its own diagnostics). The introspected table completes
that (a constraint's columns from its name, its name from its columns, a trigger's columns from
its condition) and the database's line becomes a sentence about the user's schema; the line
itself stays, as `database_message`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from querynl.models import ErrorType, InsertionError
from querynl.schema import TableInfo

_NEW_COLUMN = re.compile(r"\bNEW\s*\.\s*[`\"]?(\w+)", re.I)
_WORD = re.compile(r"[`\"]?([A-Za-z_]\w*)[`\"]?")
_PERCENT = re.compile(r"%|\|\||'\s*,")  # where a trigger's message takes in a value


def explain_failures(errors: Iterable[InsertionError], table: TableInfo) -> list[InsertionError]:
    return [explain(error, table) for error in errors]


def explain(error: InsertionError, table: TableInfo) -> InsertionError:
    """The error with its constraint and columns completed from the schema and its message in
    words (the database's own line kept as database_message)."""
    said = error.database_message or error.message
    constraint, columns = _COMPLETE.get(error.error_type, _as_named)(error, table)
    failure = error.model_copy(
        update={
            "constraint": constraint,
            "columns": columns,
            "column": columns[0] if len(columns) == 1 else error.column,
            "database_message": said,
        }
    )
    return failure.model_copy(update={"message": _WORDS[error.error_type](failure, table, said)})


# ----- the constraint and its columns ----------------------------------------------------------

Completion = tuple[str | None, list[str]]


def _as_named(error: InsertionError, _table: TableInfo) -> Completion:
    return error.constraint, list(error.columns)


def _unique(error: InsertionError, table: TableInfo) -> Completion:
    name, columns = error.constraint, list(error.columns)
    if name is not None and not columns:
        found = next((u for u in table.unique_constraints if u.name == name), None)
        if found is not None:
            columns = list(found.columns)
        elif name.upper() == "PRIMARY" or name.endswith("_pkey"):  # MySQL's, PostgreSQL's default
            columns = list(table.primary_key)
    if name is None and columns:
        found = next((u for u in table.unique_constraints if set(u.columns) == set(columns)), None)
        name = found.name if found is not None else ("PRIMARY KEY" if columns == table.primary_key else None)
    return name, columns


def _foreign_key(error: InsertionError, table: TableInfo) -> Completion:
    fk = next((f for f in table.foreign_keys if error.constraint and f.name == error.constraint), None)
    if fk is None and error.columns:
        fk = next((f for f in table.foreign_keys if set(f.columns) == set(error.columns)), None)
    if fk is None:
        return error.constraint, list(error.columns)
    return fk.name or error.constraint, list(fk.columns)


def _check(error: InsertionError, table: TableInfo) -> Completion:
    """SQLite names an unnamed CHECK by its text; the columns are those the text names."""
    named = error.constraint or ""
    check = next((c for c in table.check_constraints if named in (c.name, c.sqltext)), None)
    text = check.sqltext if check is not None else named
    known = {c.name for c in table.columns}
    columns = list(dict.fromkeys(w for w in _WORD.findall(text) if w in known))
    return (check.name or named) if check is not None else error.constraint, columns or list(error.columns)


def _trigger(error: InsertionError, table: TableInfo) -> Completion:
    """The columns the condition of the trigger statement that raised the message reads: the
    statement whose message text starts the database's, or the table's only one (a message
    built in a variable)."""
    said = error.database_message or error.message
    conditional = [r for r in table.triggers.rejections if r.condition]
    by_text = [r for r in conditional if (fixed := _fixed_part(r.message)) and fixed in said]
    chosen = by_text or (conditional if len(conditional) == 1 else [])
    if not chosen:
        return error.constraint, list(error.columns)
    return error.constraint, list(dict.fromkeys(_NEW_COLUMN.findall(chosen[0].condition or "")))


def _fixed_part(message: str) -> str:
    """A trigger's message up to where it takes in a value (`%`, a concatenation)."""
    return _PERCENT.split(message.strip("'\""))[0].strip()


_COMPLETE: dict[ErrorType, Callable[[InsertionError, TableInfo], Completion]] = {
    ErrorType.UNIQUE_VIOLATION: _unique,
    ErrorType.FOREIGN_KEY_VIOLATION: _foreign_key,
    ErrorType.CHECK_VIOLATION: _check,
    ErrorType.TRIGGER_REJECTION: _trigger,
}


# ----- the words -------------------------------------------------------------------------------


def _names(columns: list[str]) -> str:
    return ", ".join(f"'{c}'" for c in columns) if columns else "?"


def _values(failure: InsertionError) -> str:
    record = failure.record or {}
    shown = [f"{c}={record[c]!r}" for c in failure.columns if c in record]
    return ", ".join(shown) or "its value"


def _label(kind: str, failure: InsertionError) -> str:
    name = f" {failure.constraint}" if failure.constraint and failure.constraint != kind else ""
    return f"{kind}{name} on {_names(failure.columns)}" if failure.columns else f"{kind}{name}"


def _unique_words(failure: InsertionError, _table: TableInfo, _said: str) -> str:
    return (
        f"{_label('UNIQUE constraint', failure)}: {_values(failure)} is taken already; more unique "
        "values asked than the column's pattern allows (ask for fewer rows or widen the column)"
    )


def _foreign_key_words(failure: InsertionError, table: TableInfo, _said: str) -> str:
    fk = next((f for f in table.foreign_keys if f.columns == failure.columns), None)
    if fk is None:
        return (
            f"{_label('FOREIGN KEY', failure)}: the row points at a parent row that does not exist "
            "(the database does not say which key); fill the parent tables first"
        )
    parent = f"{fk.referred_table}({', '.join(fk.referred_columns)})"
    return (
        f"{_label('FOREIGN KEY', failure)} -> {parent}: no {fk.referred_table} row has "
        f"{_values(failure)}; add that row to {fk.referred_table} first, or let QueryNL fill it"
    )


def _not_null_words(failure: InsertionError, table: TableInfo, _said: str) -> str:
    record = failure.record or {}
    fk = next(
        (
            f
            for f in table.foreign_keys
            if set(failure.columns) & set(f.columns) and record.get(failure.columns[0]) is None
        ),
        None,
    )
    if fk is not None:  # a required key left empty: there was no parent row to point at
        return (
            f"{_label('NOT NULL', failure)} -> {fk.referred_table}: there was no {fk.referred_table} "
            f"row to point at (the table is empty, or every row made for it was rejected: see "
            f"{fk.referred_table} above); fill {fk.referred_table} first"
        )
    return (
        f"{_label('NOT NULL', failure)}: the row has no value there; give the column a "
        "DEFAULT, or ask for it to be filled"
    )


def _check_words(failure: InsertionError, table: TableInfo, _said: str) -> str:
    named = failure.constraint or ""
    check = next((c for c in table.check_constraints if named in (c.name, c.sqltext)), None)
    text = f" ({check.sqltext})" if check is not None and check.sqltext != failure.constraint else ""
    return (
        f"{_label('CHECK', failure)}{text} refused {_values(failure)}; QueryNL could not meet this "
        "check: write it in simpler terms, or fill the column yourself"
    )


def _trigger_words(failure: InsertionError, _table: TableInfo, said: str) -> str:
    reads = f" (its condition reads {_names(failure.columns)})" if failure.columns else ""
    return f"a trigger refused the row{reads}: {said}"


def _data_words(failure: InsertionError, _table: TableInfo, said: str) -> str:
    where = f" for {_names(failure.columns)}" if failure.columns else ""
    return f"a value out of range or of the wrong type{where}: {said}; narrow the values or widen the type"


def _other_words(_failure: InsertionError, _table: TableInfo, said: str) -> str:
    return f"the database refused the row: {said}"


_WORDS: dict[ErrorType, Callable[[InsertionError, TableInfo, str], str]] = {
    ErrorType.UNIQUE_VIOLATION: _unique_words,
    ErrorType.FOREIGN_KEY_VIOLATION: _foreign_key_words,
    ErrorType.NOT_NULL_VIOLATION: _not_null_words,
    ErrorType.CHECK_VIOLATION: _check_words,
    ErrorType.TRIGGER_REJECTION: _trigger_words,
    ErrorType.DATA_ERROR: _data_words,
    ErrorType.OTHER: _other_words,
}
