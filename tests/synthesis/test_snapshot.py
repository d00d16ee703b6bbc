"""What is read up front, and the first ids worked out from it and the plan (no database)."""

from __future__ import annotations

from querynl.db.existing import ExistingData
from querynl.models import ColumnGenerationConfig, DataGenerationPlan, TableGenerationConfig
from querynl.schema import ColumnInfo, SchemaMetadata, TableInfo
from querynl.synthesis.snapshot import existing_needs, sequence_starts


def _table(name: str, written_by: list[str] | None = None) -> TableInfo:
    columns = [ColumnInfo(name="id", type_name="INTEGER", kind="integer", nullable=False)]
    return TableInfo(name=name, columns=columns, primary_key=["id"], written_by_triggers_of=written_by or [])


def _plan(counts: dict[str, int]) -> DataGenerationPlan:
    tables = [
        TableGenerationConfig(
            table_name=name,
            record_count=n,
            columns=[ColumnGenerationConfig(column_name="id", strategy="sequence")],
        )
        for name, n in counts.items()
    ]
    return DataGenerationPlan(tables=tables, insertion_order=list(counts))


# film's INSERT trigger copies each film, id included, to film_text.
SCHEMA = SchemaMetadata(dialect="sqlite", tables=[_table("film"), _table("film_text", ["film"])])


def test_needs_name_the_largest_ids_of_the_tables_a_trigger_mirrors_to():
    needs = existing_needs(SCHEMA, _plan({"film": 5}))
    assert needs.maxima == {("film", "id"), ("film_text", "id")}
    assert needs.rows == frozenset()


def test_a_trigger_written_table_starts_after_the_ids_its_writer_will_copy():
    existing = ExistingData(maxima={("film", "id"): 100, ("film_text", "id"): 104})
    starts = sequence_starts(SCHEMA, _plan({"film": 20, "film_text": 5}), existing)
    assert starts[("film", "id")] == 105  # after the copies already in film_text
    assert starts[("film_text", "id")] == 125  # after the 20 films the trigger will copy


def test_a_writer_inserted_after_the_table_it_copies_to_starts_after_its_new_ids():
    existing = ExistingData(maxima={("film", "id"): None, ("film_text", "id"): None})
    starts = sequence_starts(SCHEMA, _plan({"film_text": 5, "film": 20}), existing)
    assert starts == {("film_text", "id"): 1, ("film", "id"): 6}


def test_a_trigger_written_counter_starts_after_the_rows_the_trigger_adds():
    audit = TableInfo(
        name="audit",
        columns=[ColumnInfo(name="id", type_name="INTEGER", kind="integer", nullable=False)],
        primary_key=["id"],
        written_by_triggers_of=["orders"],
    )
    orders = TableInfo(name="orders", columns=[ColumnInfo(name="code", type_name="TEXT", kind="string")])
    schema = SchemaMetadata(dialect="sqlite", tables=[orders, audit])
    plan = _plan({"audit": 3})
    plan.tables.insert(0, TableGenerationConfig(table_name="orders", record_count=7))
    plan.insertion_order.insert(0, "orders")
    starts = sequence_starts(schema, plan, ExistingData(maxima={("audit", "id"): 10}))
    assert starts == {("audit", "id"): 18}  # the trigger's 7 rows take 11..17
