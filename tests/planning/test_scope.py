"""Which tables a request fills (querynl.planning.scope), on schemas built in memory."""

from __future__ import annotations

from querynl.models import TestDataRequest
from querynl.planning.scope import REQUESTED, request_scope
from querynl.schema import ColumnInfo, ForeignKeyInfo, SchemaMetadata, TableInfo, UniqueInfo


def _id() -> ColumnInfo:
    return ColumnInfo(name="id", type_name="INTEGER", kind="integer", nullable=False)


def _ref(name: str, nullable: bool = False) -> ColumnInfo:
    return ColumnInfo(name=name, type_name="INTEGER", kind="integer", nullable=nullable)


def table(name, *refs, pk=("id",), uniques=(), rows=0, nullable=()) -> TableInfo:
    columns = ([_id()] if "id" in pk else []) + [_ref(f"{r}_id", f"{r}_id" in nullable) for r in refs]
    keys = [ForeignKeyInfo(columns=[f"{r}_id"], referred_table=r, referred_columns=["id"]) for r in refs]
    return TableInfo(
        name=name,
        columns=columns,
        primary_key=list(pk),
        foreign_keys=keys,
        unique_constraints=[UniqueInfo(columns=list(u)) for u in uniques],
        row_count=rows,
    )


def scope(schema: SchemaMetadata, **counts: int) -> dict[str, tuple[int, str]]:
    request = TestDataRequest(user_query="test", record_counts=counts)
    return {t: (s.count, s.reason) for t, s in request_scope(schema, request, lambda _t: 12).items()}


def test_parents_are_found_transitively_and_reasons_name_the_key():
    schema = SchemaMetadata(dialect="sqlite", tables=[table("a"), table("b", "a"), table("c", "b")])
    assert scope(schema, c=5) == {
        "a": (12, "needed by b.a_id"),
        "b": (12, "needed by c.b_id"),
        "c": (5, REQUESTED),
    }


def test_a_parent_with_rows_is_reused():
    schema = SchemaMetadata(dialect="sqlite", tables=[table("a"), table("b", "a", rows=3), table("c", "b")])
    assert scope(schema, c=5) == {"c": (5, REQUESTED)}


def test_a_nullable_key_fills_its_parent_and_says_so():
    schema = SchemaMetadata(dialect="sqlite", tables=[table("a"), table("b", "a", nullable=("a_id",))])
    assert scope(schema, b=4)["a"] == (
        12,
        "needed by b.a_id (nullable: filled so the links are not all NULL)",
    )


def test_a_self_reference_needs_nothing_else():
    schema = SchemaMetadata(dialect="sqlite", tables=[table("t", "t", nullable=("t_id",)), table("u")])
    assert scope(schema, t=9) == {"t": (9, REQUESTED)}


def test_a_one_to_one_child_needs_a_parent_row_each():
    child = table("profiles", "users", pk=("users_id",))
    schema = SchemaMetadata(dialect="sqlite", tables=[table("users"), child])
    assert scope(schema, profiles=50)["users"] == (50, "needed by profiles.users_id")


def test_a_junction_needs_parents_whose_product_holds_its_pairs():
    junction = table("tags_posts", "tags", "posts", pk=("tags_id", "posts_id"))
    schema = SchemaMetadata(dialect="sqlite", tables=[table("tags"), table("posts"), junction])
    found = scope(schema, tags_posts=1000)
    assert found["tags"][0] == found["posts"][0] == 32  # 31 * 31 = 961 < 1000 <= 32 * 32


def test_a_named_parent_keeps_its_count():
    schema = SchemaMetadata(dialect="sqlite", tables=[table("a"), table("b", "a")])
    assert scope(schema, a=2, b=7) == {"a": (2, REQUESTED), "b": (7, REQUESTED)}


def test_no_named_table_means_every_table_and_the_rest_means_the_others():
    schema = SchemaMetadata(dialect="sqlite", tables=[table("a"), table("b", "a"), table("c")])
    every = request_scope(schema, TestDataRequest(user_query="x"), lambda _t: 11)
    assert {t: s.count for t, s in every.items()} == {"a": 11, "b": 11, "c": 11}
    rest = TestDataRequest(user_query="x", record_counts={"b": 3}, fill_rest=True)
    assert {t: s.count for t, s in request_scope(schema, rest, lambda _t: 11).items()} == {
        "a": 11,
        "b": 3,
        "c": 11,
    }
