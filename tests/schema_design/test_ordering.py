import pytest

from querynl.db.schema import ColumnInfo, ForeignKeyInfo, SchemaMetadata, TableInfo
from querynl.errors import CycleError
from querynl.schema_design.ordering import ancestors, insertion_order


def table(name, *parents):
    fks = [ForeignKeyInfo(columns=[f"{p}_id"], referred_table=p, referred_columns=["id"]) for p in parents]
    cols = [ColumnInfo(name="id", type_name="INTEGER", kind="integer")]
    cols += [ColumnInfo(name=f"{p}_id", type_name="INTEGER", kind="integer") for p in parents]
    return TableInfo(name=name, columns=cols, primary_key=["id"], foreign_keys=fks)


def schema(*tables):
    return SchemaMetadata(dialect="sqlite", tables=list(tables))


def test_parents_come_first():
    s = schema(table("comments", "posts", "users"), table("posts", "users"), table("users"))
    assert insertion_order(s) == ["users", "posts", "comments"]


def test_self_reference_is_not_a_cycle():
    s = schema(table("categories", "categories"), table("products", "categories"))
    assert insertion_order(s) == ["categories", "products"]


def test_cycle_error_names_the_tables():
    s = schema(table("store", "staff"), table("staff", "store"), table("users"))
    with pytest.raises(CycleError) as err:
        insertion_order(s)
    assert set(err.value.tables) == {"store", "staff"}
    assert "store" in str(err.value) and "staff" in str(err.value)


def test_ancestors_are_transitive():
    s = schema(table("c", "b"), table("b", "a"), table("a"))
    assert ancestors(s, "c") == {"a", "b"}
