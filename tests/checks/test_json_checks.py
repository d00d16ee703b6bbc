"""CHECKs on JSON documents (keys present, a key's values, the document's type) are
understood, evaluated and repaired: rows get an object with the keys and values they need."""

from __future__ import annotations

import json
import random

import pytest

from querynl.checks.model import ColumnBounds as B
from querynl.checks.parser import parse_check_sql
from querynl.checks.repair import repair_column
from querynl.schema import ColumnInfo

DOC = ColumnInfo(name="doc", type_name="JSONB", kind="json")
KIND_AB = B(json_keys={"kind": B(allowed=["a", "b"], not_null=True)})


@pytest.mark.parametrize(
    ("read", "sql", "bounds"),
    [
        ("postgres", "doc ? 'name'::text", B(json_keys={"name": B(not_null=True)})),
        ("postgres", "doc ?& ARRAY['a', 'b']", B(json_keys={"a": B(not_null=True), "b": B(not_null=True)})),
        ("postgres", "jsonb_typeof(doc) = 'object'::text", B(json_type="object")),
        ("postgres", "(doc ->> 'kind'::text) = ANY (ARRAY['a'::text, 'b'::text])", KIND_AB),
        ("postgres", "doc->>'kind' IN ('a', 'b')", KIND_AB),
        ("mysql", "json_value(`doc`, '$.kind') in ('a','b')", KIND_AB),
        ("mysql", "`doc` ->> '$.kind' in ('a','b')", KIND_AB),
        ("mysql", "json_type(`doc`) = 'OBJECT'", B(json_type="object")),
    ],
)
def test_json_checks_are_understood(read, sql, bounds):
    rules = parse_check_sql(sql, read)
    assert (rules.bounds, rules.unsupported) == ({"doc": bounds}, [])


@pytest.mark.parametrize("sql", ["NOT (doc ? 'name')", "doc->>'a' = doc->>'b'", "doc #>> '{a,b}' = 'x'"])
def test_json_checks_beyond_keys_stay_unsupported(sql):
    assert parse_check_sql(sql, "postgres").unsupported == [sql]


def test_json_checks_are_evaluated_on_the_document():
    rules = parse_check_sql(
        "doc ? 'name' AND jsonb_typeof(doc) = 'object' AND doc->>'kind' IN ('a', 'b')", "postgres"
    )
    assert rules.holds({"doc": '{"name": "x", "kind": "a"}'}) is True
    assert rules.holds({"doc": '{"name": "x", "kind": "c"}'}) is False
    assert rules.holds({"doc": '{"kind": "b"}'}) is False
    assert rules.holds({"doc": '[{"name": "x", "kind": "a"}]'}) is False
    assert parse_check_sql("doc->>'n' >= '5'", "postgres").holds({"doc": '{"n": 7}'}) is True


@pytest.mark.parametrize("value", ['{"size": 3, "kind": "z"}', '["x"]', "not json", '{"name": null}', "3"])
def test_documents_are_repaired_into_objects_with_the_required_keys(value):
    rules = parse_check_sql(
        "doc ? 'name' AND jsonb_typeof(doc) = 'object' AND doc->>'kind' IN ('a', 'b')", "postgres"
    )
    fixed = repair_column(value, rules.bounds["doc"], DOC, random.Random(3))
    document = json.loads(fixed)
    assert rules.holds({"doc": fixed}) is True
    assert isinstance(document["name"], str) and document["name"] and document["kind"] in ("a", "b")
    if value.startswith('{"size"'):
        assert document["size"] == 3  # members already there stay


def test_a_document_that_already_holds_is_kept():
    rules = parse_check_sql("doc ? 'name'", "postgres")
    value = '{"name": "Ada", "age": 36}'
    assert repair_column(value, rules.bounds["doc"], DOC, random.Random(1)) == value
