"""Issue 9, planning: key columns are always generated (never left to a DEFAULT) and a unique
integer drawn from a tiny range caps its table's count with a note."""

from __future__ import annotations

from querynl.checks.model import ColumnBounds
from querynl.checks.rules import CheckRules
from querynl.planning.caps import cap_unique_domains
from querynl.planning.rule_planner import plan_column, plan_table
from querynl.schema import ColumnInfo, ForeignKeyInfo, TableInfo, UniqueInfo


def _labels() -> TableInfo:
    return TableInfo(
        name="labels",
        columns=[
            ColumnInfo(name="owner_id", type_name="INTEGER", kind="integer", nullable=False),
            ColumnInfo(
                name="k", type_name="VARCHAR(50)", kind="string", length=50, nullable=False, default="''"
            ),
            ColumnInfo(name="slot", type_name="INTEGER", kind="integer", nullable=False, default="0"),
            ColumnInfo(name="zz", type_name="INTEGER", kind="integer", nullable=False, default="0"),
        ],
        primary_key=["owner_id", "k"],
        foreign_keys=[ForeignKeyInfo(columns=["owner_id"], referred_table="owners", referred_columns=["id"])],
        unique_constraints=[UniqueInfo(columns=["owner_id", "slot"])],
    )


def test_a_defaulted_column_inside_a_key_is_generated():
    table = _labels()
    assert plan_column(table, table.column("k")).strategy == "faker"
    assert plan_column(table, table.column("slot")).strategy == "faker"


def test_a_defaulted_column_outside_any_key_is_still_left_to_its_default():
    table = _labels()
    zz = plan_column(table, table.column("zz"))
    assert zz.strategy == "skip" or zz.faker_provider  # left to DEFAULT unless a rule knows it


def _slots(low: int, high: int) -> TableInfo:
    table = TableInfo(
        name="slots",
        columns=[ColumnInfo(name="n", type_name="SMALLINT", kind="integer", nullable=False)],
        unique_constraints=[UniqueInfo(columns=["n"])],
    )
    table.checks = CheckRules(bounds={"n": ColumnBounds(low=low, high=high)})
    return table


def test_a_tiny_integer_range_caps_the_count_with_a_note():
    table = _slots(1, 5)
    config = plan_table(table, 300)
    cap_unique_domains(table, config)
    assert config.record_count == 5
    assert config.notes == ["capped at 5 rows: unique n (SMALLINT) holds only 5 distinct values"]


def test_a_wide_integer_range_caps_nothing():
    table = _slots(1, 100_000)
    config = plan_table(table, 300)
    cap_unique_domains(table, config)
    assert config.record_count == 300 and config.notes == []
