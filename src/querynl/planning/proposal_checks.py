"""Whether a model's proposal for one column may replace the rule's choice.

The provider must be a public value provider of our Faker, called with keyword arguments its
signature takes, of the types it declares, of sizes that stay small; and one trial call on a
throwaway Faker must give a value that fits the column. Anything else is a problem, one line.
"""

from __future__ import annotations

import datetime as dt
import json
import types
from decimal import Decimal
from functools import cache
from typing import Any, Union, get_args, get_origin

from faker import Faker

from querynl.models import ColumnGenerationConfig
from querynl.planning.locks import fixed_reason
from querynl.planning.model_answer import ColumnProposal
from querynl.planning.validation import MAX_ARGS_JSON, call_problems, json_problem, provider_parameters
from querynl.providers import make_faker
from querynl.schema import ColumnInfo, TableInfo
from querynl.synthesis.streams import resolve_dates
from querynl.synthesis.value_fitting import fit_value

MAX_SIZE_ARG = 10_000  # characters, words, bytes, digits an argument may ask for
MAX_COUNT_ARG = 100  # elements, rows, sentences, files
COUNT_ARGS = frozenset({"nb", "nb_elements", "num_rows", "num_files", "nb_sentences", "nb_words"})
SIZE_WORDS = ("nb", "size", "length", "chars", "digits", "num")
NUMERIC_KINDS = frozenset({"integer", "decimal", "float"})
_SIMPLE = (bool, int, float, str, type(None))
_SIMPLE_NAMES = {t.__name__: t for t in _SIMPLE} | {"None": type(None)}


def column_problem(
    table: TableInfo, rule: ColumnGenerationConfig | None, proposal: ColumnProposal
) -> str | None:
    """Why `proposal` cannot replace the rule's choice for its column, or None when it can."""
    known = {c.name for c in table.columns}
    if proposal.column not in known:
        return f"unknown column {proposal.column!r}"
    column = table.column(proposal.column)
    if rule is None:
        return "a foreign key: its values come from the parent table"
    if rule.strategy != "faker":
        return "its values are assigned by the database" if rule.strategy == "skip" else "a numbered key"
    fixed = fixed_reason(column, rule)
    if fixed:
        return fixed
    null = proposal.null_probability
    if null is not None and not 0.0 <= null <= 1.0:
        return f"null_probability {null} is not between 0 and 1"
    return provider_problem(column, proposal.faker_provider, proposal.provider_args)


def provider_problem(column: ColumnInfo, name: str, args: dict[str, Any]) -> str | None:
    problem = json_problem(args)
    if problem:
        return f"provider arguments: {problem}"
    if len(json.dumps(args)) > MAX_ARGS_JSON:
        return "provider arguments too large"
    problems = call_problems(name, args)
    if problems:
        return problems[0].replace("is not a known Faker provider", "is not a Faker provider")
    return _size_problem(args) or _type_problem(name, args) or trial_problem(column, name, args)


def _size_problem(args: dict[str, Any]) -> str | None:
    """An argument asking for a huge value, at any depth (fit() passes `args` on to its source)."""
    for key, value in args.items():
        if isinstance(value, dict):
            problem = _size_problem(value)
            if problem:
                return problem
        if isinstance(value, bool) or not isinstance(value, int):
            continue
        limit = MAX_COUNT_ARG if key in COUNT_ARGS else MAX_SIZE_ARG
        if any(word in key for word in SIZE_WORDS) and not -limit <= value <= limit:
            return f"argument {key}={value} asks for too much (at most {limit:,})"
    return None


def _type_problem(name: str, args: dict[str, Any]) -> str | None:
    """An argument whose value is not of the simple type its parameter declares."""
    params = {p.name: p for p in provider_parameters(name) or ()}
    for key, value in args.items():
        param = params.get(key)
        allowed = _simple_types(param.annotation) if param is not None else None
        if allowed and not _is_a(value, allowed):
            wanted = " or ".join("None" if t is type(None) else t.__name__ for t in allowed)
            return f"{name}() argument {key}={value!r} is not {wanted}"
    return None


def _simple_types(annotation: Any) -> tuple[type, ...] | None:
    """The plain types an annotation allows (int, Optional[str]...), None when it is not that plain."""
    if isinstance(annotation, str):  # postponed annotations (our own providers): "int | None"
        names = [part.strip() for part in annotation.split("|")]
        options = tuple(_SIMPLE_NAMES.get(name) for name in names)
        return options if all(options) else None
    origin = get_origin(annotation)
    options = get_args(annotation) if origin in (Union, types.UnionType) else (annotation,)
    if options and all(option in _SIMPLE for option in options):
        return tuple(options)
    return None


def _is_a(value: Any, allowed: tuple[type, ...]) -> bool:
    if isinstance(value, bool):
        return bool in allowed
    if isinstance(value, int) and float in allowed:
        return True
    return isinstance(value, tuple(t for t in allowed if t is not bool))


@cache
def _trial_faker() -> Faker:
    return make_faker()


def trial_problem(column: ColumnInfo, name: str, args: dict[str, Any]) -> str | None:
    """Call the provider once on a throwaway Faker; its value must fit the column."""
    fake = _trial_faker()
    fake.seed_instance(0)
    try:
        value = fake.get_formatter(name)(**resolve_dates(args, dt.datetime.now()))
        fit_value(column, value)
        if column.kind in NUMERIC_KINDS and not _is_number(value):  # a word would become 0
            raise ValueError(f"{str(value)[:40]!r} is not a number")
    except Exception as exc:  # noqa: BLE001 - whatever the call raises, the column keeps the rule
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        return f"a trial call {name}(...) failed for a {column.kind} column: {reason}"
    return None


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    try:
        return Decimal(str(value)).is_finite()
    except ArithmeticError:
        return False
