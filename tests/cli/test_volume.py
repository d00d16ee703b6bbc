"""Issue 3 acceptance: exact counts, the large-run warning, dry runs and SQL export."""

from __future__ import annotations

import re

import pytest

from tests.databases import driver_connection
from tests.integrity import assert_integrity, assert_no_orphans, querynl, row_counts
from tests.schemas import create_schema


def test_add_100_users_inserts_exactly_100(db_url):
    create_schema(db_url, "blog")
    run = querynl("seed", db_url, "add 100 users", "--yes", "--json")
    assert run.status == 0, run.stderr
    assert row_counts(db_url)["users"] == 100
    assert run.summary["inserted"]["users"] == 100


def test_two_named_counts_fill_those_and_only_the_parents_they_need(db_url):
    create_schema(db_url, "ecommerce")
    run = querynl("seed", db_url, "add 50 customers and 200 orders", "--yes", "--json")
    assert run.status == 0, run.stderr
    counts = row_counts(db_url)
    addresses = counts.pop("addresses")  # orders.shipping_address_id (nullable) points there
    assert 10 <= addresses <= 20
    assert counts == {"customers": 50, "orders": 200, "categories": 0, "products": 0, "order_items": 0}
    assert run.summary["reasons"]["addresses"].startswith("needed by orders.shipping_address_id")
    assert_no_orphans(db_url)


def test_unknown_table_suggests_and_writes_nothing(db_url):
    create_schema(db_url, "blog")
    run = querynl("seed", db_url, "add 100 userz", "--yes", "--json")
    assert run.status == 2
    assert "No table named 'userz'. Did you mean 'users'?" in run.stderr
    assert set(row_counts(db_url).values()) == {0}


def test_dry_run_shows_counts_and_writes_nothing(db_url):
    create_schema(db_url, "blog")
    run = querynl("seed", db_url, "add 40 users and 7 tags", "--dry-run", "--json")
    assert run.status == 0, run.stderr
    summary = run.summary
    assert summary["ok"] is True and summary["dry_run"] is True
    assert summary["counts"]["users"] == 40 and summary["counts"]["tags"] == 7
    assert {"inserted", "failed", "errors", "seconds"} <= set(summary)
    assert set(row_counts(db_url).values()) == {0}


def test_sql_export_replays_to_the_same_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    create_schema(url, "ecommerce")
    out = tmp_path / "seed.sql"
    run = querynl("seed", url, "add 30 products", "--dry-run", "--sql-out", str(out), "--seed", "5")
    assert run.status == 0, run.stderr
    assert set(row_counts(url).values()) == {0}
    with driver_connection(url) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.executescript(out.read_text())
    assert row_counts(url)["products"] == 30
    assert_integrity(url)


def test_sql_out_beside_execution_matches_the_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'b.db'}"
    create_schema(url, "blog")
    out = tmp_path / "run.sql"
    run = querynl("seed", url, "add 25 users", "--yes", "--sql-out", str(out))
    assert run.status == 0, run.stderr
    statements = out.read_text()
    assert statements.count('INSERT INTO "users"') >= 1
    assert (
        len(re.findall(r"^\(\d+, ", statements.split('INSERT INTO "users"')[1].split(";\n")[0], re.M)) == 25
    )


@pytest.mark.parametrize("answer", ["n", "y"])
def test_large_run_warns_with_an_estimate_and_honours_the_answer(tmp_path, answer):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    create_schema(url, "blog")
    run = querynl("seed", url, "add 12000 comments", stdin=f"{answer}\n")
    warning = re.search(
        r"This will generate ([\d,]+) records \(estimated (\d+m )?\d+s\)\. Continue\? \(y/N\)", run.stdout
    )
    assert warning, run.stdout[-2000:]
    assert int(warning.group(1).replace(",", "")) > 12_000
    if answer == "n":
        assert run.status == 1
        assert set(row_counts(url).values()) == {0}
    else:
        assert run.status == 0, run.stderr
        assert row_counts(url)["comments"] == 12_000


def test_large_run_with_yes_warns_without_asking(tmp_path):
    url = f"sqlite:///{tmp_path / 'd.db'}"
    create_schema(url, "blog")
    run = querynl("seed", url, "add 11000 users", "--yes")
    assert run.status == 0, run.stderr
    assert "This will generate" in run.stdout and "Continue?" not in run.stdout
    assert row_counts(url)["users"] == 11_000


def test_repl_large_run_question_is_answered_by_the_next_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'e.db'}"
    create_schema(url, "blog")
    run = querynl(url, stdin="add 15000 users\nn\n\\q\n")
    assert "Continue? (y/N)" in run.stdout
    assert set(row_counts(url).values()) == {0}
