"""Issue 12: failed rows, each with its trigger's message; the summary of many; the errors file.

A BEFORE INSERT trigger rejects every part whose id is a multiple of 3, each dialect in its own
words (RAISE(ABORT, ...), RAISE EXCEPTION, SIGNAL SQLSTATE '45000'). QueryNL cannot read
that condition in advance, so it attempts every row: of 60 parts on an empty table (ids 1 to
60) exactly 20 are refused and 40 go in.
"""

from __future__ import annotations

import json
import re

from tests.databases import connected, execute_statements, fresh_database
from tests.integrity import assert_no_orphans, querynl, row_counts

MESSAGE = "parts are refused every third id"
TABLES = [
    "CREATE TABLE suppliers (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL)",
    "CREATE TABLE parts ("
    " id INTEGER PRIMARY KEY,"
    " supplier_id INTEGER NOT NULL REFERENCES suppliers(id),"
    " name VARCHAR(80) NOT NULL)",
]
TRIGGERS = {
    "sqlite": [
        "CREATE TRIGGER parts_every_third BEFORE INSERT ON parts WHEN NEW.id % 3 = 0"
        f" BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    ],
    "postgresql": [
        f"""CREATE FUNCTION parts_every_third() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.id % 3 = 0 THEN
                RAISE EXCEPTION '{MESSAGE} (id %)', NEW.id;
            END IF;
            RETURN NEW;
        END $$""",
        "CREATE TRIGGER parts_every_third BEFORE INSERT ON parts FOR EACH ROW"
        " EXECUTE FUNCTION parts_every_third()",
    ],
    "mysql": [
        f"""CREATE TRIGGER parts_every_third BEFORE INSERT ON parts FOR EACH ROW
        BEGIN
            IF NEW.id % 3 = 0 THEN
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{MESSAGE}';
            END IF;
        END"""
    ],
}
REQUESTED = 60
REFUSED = list(range(3, REQUESTED + 1, 3))


def create_every_third(url: str, dialect: str) -> None:
    execute_statements(url, TABLES + TRIGGERS[dialect])


def test_every_third_row_refused_by_a_trigger(dialect, tmp_path):
    errors_file = tmp_path / "failed.jsonl"
    with fresh_database(dialect, tmp_path) as url:
        create_every_third(url, dialect)
        run = querynl(
            "seed", url, f"add {REQUESTED} parts", "--yes", "--seed", "3", "--errors-out", str(errors_file),
            columns=400,
        )  # fmt: skip
        assert run.status == 1, run.stderr
        assert "Traceback" not in run.stdout + run.stderr
        # The other rows are in, and only they.
        assert row_counts(url)["parts"] == REQUESTED - len(REFUSED)
        with connected(url) as (_, conn):
            kept = [r[0] for r in conn.exec_driver_sql("SELECT id FROM parts ORDER BY id")]
        assert kept == [i for i in range(1, REQUESTED + 1) if i % 3]
        assert_no_orphans(url)

    out = run.stdout
    assert "DEBUG" not in out + run.stderr and "batch parts" not in out + run.stderr  # a normal run
    assert f"{len(REFUSED)} rows failed" in out
    assert f"Failed rows by constraint ({len(REFUSED)} rows)" in out  # the summary, not 20 rows
    summary_row = rf"│ parts +│ trigger_rejection +│ +{len(REFUSED)} │ a trigger refused the row"
    assert re.search(summary_row, out), out
    assert MESSAGE in out
    assert f"Wrote {len(REFUSED)} failed rows to {errors_file}" in out
    assert "--errors-out FILE" not in out  # no hint: the file was asked for

    lines = [json.loads(line) for line in errors_file.read_text(encoding="utf-8").splitlines()]
    assert sorted(line["record"]["id"] for line in lines) == REFUSED
    for line in lines:
        assert set(line) == {
            "table", "constraint", "columns", "error_type", "message", "database_message", "record"
        }  # fmt: skip
        assert (line["table"], line["error_type"], line["columns"]) == ("parts", "trigger_rejection", ["id"])
        assert line["database_message"].startswith(MESSAGE)
        assert line["message"].startswith("a trigger refused the row (its condition reads 'id'): " + MESSAGE)
        assert set(line["record"]) == {"id", "supplier_id", "name"}


def test_unwritable_errors_file_fails_before_anything_is_written(tmp_path):
    with fresh_database("sqlite", tmp_path) as url:
        create_every_third(url, "sqlite")
        target = tmp_path / "no such folder" / "failed.jsonl"
        run = querynl("seed", url, "add 6 parts", "--yes", "--errors-out", str(target))
        assert run.status == 2
        assert run.stderr.strip().splitlines() == [f"Error: Cannot write {target}: No such file or directory"]
        assert row_counts(url) == {"suppliers": 0, "parts": 0}


def test_repl_offers_to_write_many_failed_rows(tmp_path):
    answer = "failed rows.jsonl"
    with fresh_database("sqlite", tmp_path) as url:
        create_every_third(url, "sqlite")
        run = querynl(url, stdin=f"add {REQUESTED} parts\ny\n{answer}\n\\q\n", cwd=tmp_path)
    assert run.status == 0, run.stderr
    assert f"Write the {len(REFUSED)} failed rows to a file? [path, Enter for no] {answer}" in run.stdout
    assert f"Wrote {len(REFUSED)} failed rows to {answer}" in run.stdout
    lines = (tmp_path / answer).read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["record"]["id"] for line in lines) == REFUSED
