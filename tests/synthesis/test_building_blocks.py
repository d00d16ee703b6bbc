"""Key pools, uniqueness by construction, value fitting and seeded streams."""

import datetime as dt
import random
from decimal import Decimal

from querynl.schema import ColumnInfo
from querynl.synthesis.key_pools import KeyPool
from querynl.synthesis.streams import SEEDED_ANCHOR, anchor_for, resolve_dates, stream_seed
from querynl.synthesis.uniqueness import DROP, UniqueTuples, UniqueValues
from querynl.synthesis.value_fitting import fit_value, fit_values


def col(kind="string", **kw):
    return ColumnInfo(name="c", type_name=kind.upper(), kind=kind, **kw)


def test_key_pool_keeps_integer_runs_as_ranges():
    pool = KeyPool([(100,), (200,)])
    pool.add_keys([(i,) for i in range(1, 1_000_001)])
    assert len(pool) == 1_000_002
    assert isinstance(pool._segments[-1], range)
    assert pool.get(0) == (100,) and pool.get(2) == (1,) and pool.get(1_000_001) == (1_000_000,)
    rng = random.Random(1)
    assert all(pool.pick(rng) is not None for _ in range(100))


def test_key_pool_empty_picks_none():
    assert KeyPool().pick(random.Random(1)) is None


def test_unique_strings_are_made_distinct_within_the_length():
    values = UniqueValues(col(length=6), existing=["alpha"])
    out = [values.claim("alpha", lambda: "alpha") for _ in range(50)]
    assert DROP not in out
    assert len({v.casefold() for v in out}) == 50
    assert all(len(v) <= 6 for v in out)
    assert "alpha" not in out


def test_unique_emails_keep_their_domain():
    values = UniqueValues(col(length=40))
    out = [values.claim("ann@example.com", lambda: "ann@example.com") for _ in range(3)]
    assert out[0] == "ann@example.com"
    assert all(v.endswith("@example.com") for v in out) and len(set(out)) == 3


def test_unique_comparison_ignores_case_like_mysql():
    values = UniqueValues(col(), existing=["Smith"])
    assert values.claim("smith", lambda: "SMITH") != "smith"


def test_unique_booleans_take_both_values_then_run_out():
    values = UniqueValues(col("boolean", nullable=False))
    out = [values.claim(True, lambda: True) for _ in range(3)]
    assert out[0] is True and out[1] is False and out[2] is DROP


def test_a_nullable_unique_column_that_runs_out_gets_null():
    values = UniqueValues(col("boolean", nullable=True))
    out = [values.claim(True, lambda: True) for _ in range(3)]
    assert out == [True, False, None]


def test_a_finite_domain_is_used_before_running_out():
    values = UniqueValues(col("string", nullable=False), domain=["new", "used"])
    out = [values.claim("new", lambda: "new") for _ in range(3)]
    assert out == ["new", "used", DROP]


def test_unique_integers_respect_the_upper_bound():
    values = UniqueValues(col("integer", int_min=0, int_max=3, nullable=False))
    out = [values.claim(1, lambda: 1) for _ in range(5)]
    assert out[:3] == [1, 2, 3] and out[3] is DROP


def test_unique_tuples_treat_null_as_distinct():
    seen = UniqueTuples([(1, 2)])
    assert not seen.take((1, 2))
    assert seen.take((1, None)) and seen.take((1, None))
    assert seen.take((2, 1)) and not seen.take((2, 1))


def test_fit_values_to_columns():
    assert fit_value(col(length=5), "abcdefgh") == "abcde"
    assert fit_value(col("integer", int_min=-128, int_max=127), 1000) == 127
    assert fit_value(col("decimal", precision=5, scale=2), 123456.789) == Decimal("999.99")
    assert fit_value(col("decimal", precision=10, scale=2), Decimal("12.345")) == Decimal("12.35")
    assert fit_value(col("date"), dt.datetime(2024, 1, 2, 3, 4)) == dt.date(2024, 1, 2)
    aware = dt.datetime(2024, 1, 2, 3, 4, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert fit_value(col("datetime"), aware) == dt.datetime(2024, 1, 2, 1, 4)
    assert fit_value(col("datetime", timezone=True), dt.datetime(2024, 1, 2)).tzinfo is not None
    assert fit_value(col("enum", enum_values=["a", "b"]), "zzz") == "a"
    assert fit_value(col("json"), {"a": 1}) == '{"a": 1}'
    assert fit_value(col(), None) is None


def test_a_moment_keeps_only_the_fraction_its_column_stores():
    """A DATETIME of whole seconds (MySQL's default) gets whole seconds, so a generated value
    compares equal to the same value read back (a UNIQUE key with a time in it)."""
    moment = dt.datetime(2024, 12, 26, 9, 13, 52, 240724)
    assert fit_values(col("datetime", precision=0), [moment]) == [moment.replace(microsecond=0)]
    assert fit_value(col("datetime", precision=3), moment) == moment.replace(microsecond=240000)
    assert fit_values(col("datetime"), [moment]) == [moment]  # no limit said: kept whole


def test_streams_are_stable_and_distinct():
    assert stream_seed(7, "users", "email", 0) == stream_seed(7, "users", "email", 0)
    assert stream_seed(7, "users", "email", 0) != stream_seed(7, "users", "name", 0)
    assert stream_seed(7, "users", "email", 0) != stream_seed(8, "users", "email", 0)


def test_relative_dates_resolve_against_the_anchor():
    anchor = anchor_for(7)
    assert anchor == SEEDED_ANCHOR
    args = resolve_dates({"start_date": "-2y", "end_date": "now", "elements": ["-2y"]}, anchor)
    assert args["end_date"] == anchor
    assert args["start_date"] == anchor - dt.timedelta(days=730)
    assert args["elements"] == ["-2y"]
    assert resolve_dates({"end_date": "today"}, anchor)["end_date"] == anchor.date()
