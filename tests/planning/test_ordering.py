import pytest

from querynl.errors import CycleError
from querynl.planning.ordering import CutForeignKey, insertion_plan
from querynl.schema import ColumnInfo, ForeignKeyInfo, SchemaMetadata, TableInfo


def table(name, *parents, nullable=True, deferrable=False):
    fks = [
        ForeignKeyInfo(columns=[f"{p}_id"], referred_table=p, referred_columns=["id"], deferrable=deferrable)
        for p in parents
    ]
    cols = [ColumnInfo(name="id", type_name="INTEGER", kind="integer", nullable=False)]
    cols += [
        ColumnInfo(name=f"{p}_id", type_name="INTEGER", kind="integer", nullable=nullable) for p in parents
    ]
    return TableInfo(name=name, columns=cols, primary_key=["id"], foreign_keys=fks)


def schema(*tables, dialect="sqlite"):
    return SchemaMetadata(dialect=dialect, tables=list(tables))


def test_parents_come_first():
    s = schema(table("comments", "posts", "users"), table("posts", "users"), table("users"))
    assert insertion_plan(s) == (["users", "posts", "comments"], [])


def test_self_reference_is_not_a_cycle():
    s = schema(table("categories", "categories"), table("products", "categories"))
    assert insertion_plan(s) == (["categories", "products"], [])


def test_nullable_cycle_is_cut_for_an_update():
    s = schema(table("store", "staff", nullable=False), table("staff", "store"), table("users"))
    order, cuts = insertion_plan(s)
    assert cuts == [CutForeignKey("staff", ("store_id",), "update_after")]
    assert order.index("staff") < order.index("store")


def test_not_null_cycle_is_postponed_where_the_database_can():
    for dialect, deferrable in (("sqlite", False), ("mysql", False), ("postgresql", True)):
        s = schema(
            table("store", "staff", nullable=False, deferrable=deferrable),
            table("staff", "store", nullable=False, deferrable=deferrable),
            dialect=dialect,
        )
        _, cuts = insertion_plan(s)
        assert [c.mode for c in cuts] == ["deferred_check"], dialect


def test_cycle_error_names_the_tables():
    s = schema(
        table("store", "staff", nullable=False),
        table("staff", "store", nullable=False),
        table("users"),
        dialect="postgresql",
    )
    with pytest.raises(CycleError) as err:
        insertion_plan(s)
    assert set(err.value.tables) == {"store", "staff"}
    assert "store" in str(err.value) and "staff" in str(err.value)


def test_tables_written_by_triggers_come_after_their_writers():
    film_text = table("film_text").model_copy(update={"written_by_triggers_of": ["film"]})
    order, cuts = insertion_plan(schema(film_text, table("film")))
    assert order == ["film", "film_text"] and cuts == []
