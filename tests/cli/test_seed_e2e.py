"""MVP acceptance: "add sample data" on real schemas, through `querynl seed` and the piped REPL."""

from __future__ import annotations

import pytest

from tests.databases import fresh_database
from tests.integrity import assert_integrity, querynl, row_counts, table_contents
from tests.schemas import SCHEMAS, create_schema


def assert_new_rows_between(before: dict, after: dict, low: int = 10, high: int = 20) -> None:
    for table, count in after.items():
        assert low <= count - before.get(table, 0) <= high, (table, before.get(table), count)


@pytest.mark.parametrize("schema", sorted(SCHEMAS))
def test_seed_fills_every_table_twice(db_url, schema):
    create_schema(db_url, schema)
    before = row_counts(db_url)
    for _ in range(2):
        run = querynl("seed", db_url, "add sample data", "--yes", "--json")
        assert run.status == 0, run.stderr
        summary = run.summary
        assert summary["ok"] is True
        assert set(summary["failed"].values()) == {0}
        after = row_counts(db_url)
        assert_new_rows_between(before, after)
        assert summary["inserted"] == {t: after[t] - before[t] for t in after}
        assert_integrity(db_url)
        before = after


@pytest.mark.parametrize("schema", sorted(SCHEMAS))
def test_piped_repl_adds_sample_data(db_url, schema):
    create_schema(db_url, schema)
    run = querynl(db_url, stdin="add sample data\ny\n\\q\n")
    assert run.status == 0, run.stderr
    assert "Proceed? [y/N]" in run.stdout
    assert "Successfully inserted" in run.stdout
    assert_new_rows_between({}, row_counts(db_url))
    assert_integrity(db_url)


def test_piped_repl_declined_writes_nothing(db_url):
    create_schema(db_url, "blog")
    run = querynl(db_url, stdin="add test data\nn\n")
    assert run.status == 0
    assert "Nothing written" in run.stdout
    assert set(row_counts(db_url).values()) == {0}


def test_same_seed_gives_identical_rows(dialect, tmp_path):
    contents = []
    for _ in range(2):
        with fresh_database(dialect, tmp_path) as url:
            create_schema(url, "ecommerce")
            run = querynl("seed", url, "add sample data", "--yes", "--seed", "7", "--json")
            assert run.status == 0, run.stderr
            assert run.summary["seed"] == 7
            contents.append(table_contents(url))
    assert contents[0] == contents[1]
    assert all(contents[0].values())


def test_different_seeds_differ(tmp_path):
    contents = []
    for seed in ("1", "2"):
        with fresh_database("sqlite", tmp_path) as url:
            create_schema(url, "blog")
            assert querynl("seed", url, "add sample data", "--yes", "--seed", seed).status == 0
            contents.append(table_contents(url))
    assert contents[0]["users"] != contents[1]["users"]


def test_empty_database_seed_exits_2_and_writes_nothing(db_url):
    run = querynl("seed", db_url, "add sample data", "--yes", "--json")
    assert run.status == 2
    assert "No schema found" in run.stderr
    assert run.summary["ok"] is False
    assert row_counts(db_url) == {}


def test_empty_database_repl_says_no_schema(db_url):
    run = querynl(db_url, stdin="add sample data\n")
    assert run.status == 0
    assert "No schema found. Create one with `\\schema design`" in run.stdout
    assert row_counts(db_url) == {}


def test_bad_url_is_one_line_exit_2():
    run = querynl("seed", "postgresql://nobody@127.0.0.1:1/none", "add sample data", "--yes")
    assert run.status == 2
    assert run.stderr.strip().count("\n") == 0
    assert "Traceback" not in run.stderr


def test_seed_without_yes_reads_answer_from_stdin(tmp_path):
    with fresh_database("sqlite", tmp_path) as url:
        create_schema(url, "blog")
        declined = querynl("seed", url, "add sample data", stdin="n\n")
        assert declined.status == 1
        assert set(row_counts(url).values()) == {0}
        accepted = querynl("seed", url, "add sample data", stdin="y\n")
        assert accepted.status == 0, accepted.stderr
        assert all(row_counts(url).values())
