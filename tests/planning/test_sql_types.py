"""Types with a syntax of their own get their provider whatever the column's name, and the
values it gives fit the column (plan validation accepts the call)."""

from __future__ import annotations

import pytest

from querynl.planning.columns.rules import choose_provider
from querynl.planning.validation import call_problems
from querynl.providers import make_faker
from querynl.schema import ColumnInfo, TableInfo
from querynl.synthesis.streams import SEEDED_ANCHOR, resolve_dates


def _choice(type_name: str, kind: str = "other", name: str = "title", **extra):
    column = ColumnInfo(name=name, type_name=type_name, kind=kind, **extra)
    return choose_provider(TableInfo(name="things", columns=[column]), column)


@pytest.mark.parametrize(
    ("type_name", "provider", "args"),
    [
        ("bit(8)", "bit_string", {"length": 8, "varying": False}),
        ("bit varying(12)", "bit_string", {"length": 12, "varying": True}),
        ("int4range", "int_range", {"min_value": 1, "max_value": 1000, "max_span": 50}),
        (
            "tstzrange",
            "timestamp_range",
            {"start_date": "-1y", "end_date": "+1y", "max_hours": 72, "timezone": True},
        ),
        ("tsvector", "tsvector_text", {"nb_words": 6}),
        ("xml", "xml_document", {}),
        ("oid", "random_int", {"min": 1, "max": 100_000}),
        ("isbn13", "product_code", {"kind": "isbn13"}),
        ("upc", "product_code", {"kind": "upc"}),
    ],
)
def test_other_types_are_chosen_by_their_sql_type(type_name, provider, args):
    choice = _choice(type_name)
    assert (choice.provider, choice.args) == (provider, args)
    assert call_problems(choice.provider, choice.args) == []


def test_unknown_other_types_keep_the_fallback():
    assert _choice("point").provider == "pystr"


def test_composite_types_get_a_row_of_their_attributes():
    choice = _choice("addr", fields=[("street", "text"), ("zip", "character(5)")])
    assert choice.provider == "composite_row"
    assert choice.args["fields"] == [["street", "text"], ["zip", "character(5)"]]
    fake = make_faker()
    fake.seed_instance(1)
    value = fake.format(choice.provider, **resolve_dates(choice.args, SEEDED_ANCHOR))
    assert value.startswith('("') and value.endswith('")') and value.count('","') == 1


def test_mysql_set_and_year_need_more_than_their_kind():
    members = ["wifi", "gps", "nfc"]
    choice = _choice("SET('wifi', 'gps', 'nfc')", kind="enum", enum_values=members, nullable=False)
    assert (choice.provider, choice.args) == ("set_members", {"elements": members, "allow_empty": False})
    year = _choice("YEAR(4)", kind="integer", name="made", int_min=1901, int_max=2155)
    assert (year.provider, year.args) == ("random_int", {"min": 1990, "max": 2026})
    # An ENUM and a BIT(8) read as an integer keep their usual rules.
    assert _choice("ENUM('a', 'b')", kind="enum", enum_values=["a", "b"]).provider == "random_element"
    assert _choice("BIT", kind="integer", name="flags", int_min=0, int_max=255).provider != "bit_string"
