"""Issue 9, synthesis: overlapping foreign keys drawn together, every UNIQUE foreign key drawn
distinct, a unique integer's whole range used before a row is dropped."""

from __future__ import annotations

import random

from querynl.checks.model import ColumnBounds, PairRule
from querynl.checks.rules import CheckRules
from querynl.models import ColumnGenerationConfig, DataGenerationPlan, ForeignKeyConfig, TableGenerationConfig
from querynl.schema import ColumnInfo, SchemaMetadata, TableInfo, UniqueInfo
from querynl.synthesis.foreign_keys import ForeignKey, _distinct_combos, _drawn_keys
from querynl.synthesis.key_pools import KeyPool
from querynl.synthesis.layout import composite_keys, distinct_keys
from querynl.synthesis.snapshot import existing_needs
from querynl.synthesis.uniqueness import DROP, UniqueValues, column_elements, domain_size


def _fk(columns, refs, table="bins") -> ForeignKeyConfig:
    return ForeignKeyConfig(columns=columns, referenced_table=table, referenced_columns=refs)


def test_a_key_inside_a_wider_key_to_the_same_parent_is_drawn_by_the_wider_one():
    single, wide = _fk(["b1"], ["b1"]), _fk(["b1", "b2"], ["b1", "b2"])
    assert _drawn_keys([single, wide]) == [wide]
    other_parent = _fk(["b1"], ["b1"], table="boxes")
    assert _drawn_keys([other_parent, wide]) == [other_parent, wide]
    other_column = _fk(["b1"], ["b2"])
    assert _drawn_keys([other_column, wide]) == [other_column, wide]


def test_every_unique_foreign_key_is_drawn_distinct():
    info = TableInfo(
        name="pairs",
        columns=[ColumnInfo(name=n, type_name="INTEGER", kind="integer") for n in ("id", "p1", "p2")],
        primary_key=["id"],
        unique_constraints=[UniqueInfo(columns=["p1"]), UniqueInfo(columns=["p2"])],
    )
    config = TableGenerationConfig(
        table_name="pairs",
        record_count=10,
        columns=[],
        foreign_keys=[_fk(["p1"], ["id"], "people"), _fk(["p2"], ["id"], "people")],
    )
    assert [cols for cols, _ in distinct_keys(info, config)] == [["p1"], ["p2"]]
    assert composite_keys(info, config) == []  # both drawn distinct: no row-by-row claim
    schema = SchemaMetadata(dialect="sqlite", tables=[info])
    plan = DataGenerationPlan(tables=[config], insertion_order=["pairs"])
    assert {("pairs", ("p1",)), ("pairs", ("p2",))} <= existing_needs(schema, plan).rows  # both read up front


def test_a_unique_integer_uses_its_whole_range_before_dropping():
    column = ColumnInfo(name="b", type_name="TINYINT", kind="integer", int_min=0, int_max=255, nullable=False)
    values = UniqueValues(column, domain=range(256))  # a random_int's range: see provider_elements
    out = [values.claim(255, lambda: 255) for _ in range(257)]
    assert sorted(out[:256]) == list(range(256))
    assert out[256] is DROP


def test_a_small_check_range_is_a_finite_domain():
    n = ColumnGenerationConfig(
        column_name="n", faker_provider="random_int", provider_args={"min": 1, "max": 5}
    )
    column = ColumnInfo(name="n", type_name="SMALLINT", kind="integer", int_min=-32768, int_max=32767)
    table = TableInfo(name="slots", columns=[column])
    assert column_elements(table, n) == range(-32768, 32768)  # the type's; not the rule's range
    table.checks = CheckRules(bounds={"n": ColumnBounds(low=0, low_inclusive=False, high=5)})
    assert column_elements(table, n) == range(1, 6)
    assert domain_size(column, column_elements(table, n)) == 5
    values = UniqueValues(column, existing=[2], domain=column_elements(table, n))
    assert sorted(values.claim(1, lambda: 1) for _ in range(4)) == [1, 3, 4, 5]
    wide = ColumnInfo(name="n", type_name="INTEGER", kind="integer", int_min=-(2**31), int_max=2**31 - 1)
    table = TableInfo(name="slots", columns=[wide])
    assert column_elements(table, n) is None
    table.checks = CheckRules(bounds={"n": ColumnBounds(low=10)})
    assert column_elements(table, n) is None  # one side open


def test_a_check_on_key_columns_alone_is_kept_by_the_junction_draw():

    a = ForeignKey(_fk(["a_id"], ["id"], "peers"), KeyPool([(i,) for i in range(6)]), False)
    b = ForeignKey(_fk(["b_id"], ["id"], "peers"), KeyPool([(i,) for i in range(6)]), False)
    rules = CheckRules(pairs=[PairRule("a_id", "<", "b_id")], bounds={"note": ColumnBounds(max_length=3)})
    within = rules.within({"a_id", "b_id"})
    assert within.pairs == rules.pairs and within.bounds == {}  # the rule on another column waits
    combos = _distinct_combos(random.Random(1), [a, b], 100, set(), ["a_id", "b_id"], within)
    assert len(combos) == 15  # every pair with a < b of 6 parents, though 36 were possible
    assert all(x < y for (x,), (y,) in combos) and len(set(combos)) == 15
