"""Issue 9, classes 12 and 13: INSERT triggers (tests/edge_cases/triggers.py) on every dialect,
each schema filled twice ("add sample data" twice), on the seeds of tests/seeds.py (two in
CI, ten in `make sweep`), one test per seed where the seeds are independent.

Where the trigger can be read: no failed row, no orphan, no duplicate, every table non-empty
or a note. Where it cannot: the rejected rows carry the trigger's own message (in --json and
in the printed report), the rest go in, and no child references a rejected row."""

from __future__ import annotations

import pytest

from tests.corpus_runs import assert_explained
from tests.databases import DIALECTS, connected, execute_statements, fresh_database
from tests.edge_cases import triggers
from tests.integrity import assert_integrity, assert_no_orphans, querynl, row_counts
from tests.seeds import seeded_cases, seeds

READABLE = seeded_cases([(name, d) for name in triggers.READABLE for d in DIALECTS], lambda n, d: f"{d}-{n}")


def _create(url: str, dialect: str, name: str) -> None:
    execute_statements(url, triggers.TRIGGER_SCHEMAS[name][dialect])


def _run(url: str, request: str, seed: int, *extra: str):
    run = querynl("seed", url, request, "--yes", "--seed", str(seed), *extra)
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    return run


def _clean(url: str, request: str, seed: int) -> dict:
    run = _run(url, request, seed, "--json")
    assert run.status == 0, (request, seed, run.stderr[-3000:])
    summary = run.summary
    assert summary["ok"] is True and not any(summary["failed"].values()), (seed, summary["errors"][:5])
    return summary


@pytest.mark.parametrize(("name", "dialect", "seed"), READABLE)
def test_readable_trigger_schema_filled_twice(name, dialect, seed, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        _create(url, dialect, name)
        for _ in range(2):
            summary = _clean(url, "add sample data", seed)
            assert_integrity(url)
            assert_explained(url, summary)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_constant_key_parent_is_made_once_and_trigger_rows_are_not_generated(dialect, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        _create(url, dialect, "constant_parent")
        summary = _clean(url, "add sample data", 1)
        notes = summary["notes"]
        assert any(n.startswith("roles: row id = 0 inserted unless already there") for n in notes), notes
        assert any(n.startswith("member_roles: no rows generated") for n in notes), notes
        counts = row_counts(url)
        assert counts["member_roles"] == counts["members"] == summary["inserted"]["members"] > 0
        assert summary["inserted"]["member_roles"] == 0
        with connected(url) as (_, conn):
            assert conn.exec_driver_sql("SELECT COUNT(*) FROM roles WHERE id = 0").scalar_one() == 1
            linked = "SELECT COUNT(*) FROM member_roles WHERE role_id = 0"
            assert conn.exec_driver_sql(linked).scalar_one() == counts["members"]
        roles = counts["roles"]
        _clean(url, "add 5 members", 2)  # role 0 is there now: not made again
        assert row_counts(url)["roles"] == roles


@pytest.mark.parametrize("dialect", DIALECTS)
def test_named_trigger_table_avoids_the_keys_its_trigger_writes(dialect, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        _create(url, dialect, "constant_parent")
        # 4 roles (role 0 among them) x 6 members = 24 pairs, 6 of them the trigger's (m, 0)
        summary = _clean(url, "add 4 roles, 6 members and 18 member roles", 3)
        assert summary["inserted"]["member_roles"] == 18
        assert row_counts(url) == {"roles": 4, "members": 6, "member_roles": 24}
        assert_integrity(url)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_named_child_gets_the_parent_row_its_trigger_needs(dialect, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        _create(url, dialect, "constant_parent")
        summary = _clean(url, "add 7 members", 4)
        assert row_counts(url) == {"roles": 1, "members": 7, "member_roles": 7}
        assert summary["inserted"]["roles"] == 1
        assert_integrity(url)


@pytest.mark.seeds
@pytest.mark.parametrize("dialect", DIALECTS)
def test_unreadable_trigger_rejections_are_reported_with_its_message(dialect, tmp_path):
    failed = 0
    for seed in seeds(f"{dialect}-unreadable"):  # one test: the rejections are counted over all
        with fresh_database(dialect, tmp_path) as url:
            _create(url, dialect, "unreadable")
            for _ in range(2):
                run = _run(url, "add sample data", seed, "--json")
                summary = run.summary
                assert run.status == (1 if any(summary["failed"].values()) else 0), summary
                assert set(summary["failed"]) >= {"depots", "shipments", "parcels"}
                assert summary["failed"]["depots"] == 0
                refused = [e for e in summary["errors"] if e["table_name"] == "shipments"]
                assert all(triggers.DEPOT_MESSAGE in e["message"] for e in refused)
                if summary["failed"]["parcels"]:  # every shipment so far landed on a closed depot
                    assert row_counts(url)["shipments"] == 0, summary
                    orphans = [e for e in summary["errors"] if e["table_name"] == "parcels"]
                    assert orphans and all("no shipments row to point at" in e["message"] for e in orphans)
                assert {e["table_name"] for e in summary["errors"]} <= {"shipments", "parcels"}
                unread = "shipments: an INSERT trigger rejects rows (not understood, rows still attempted)"
                assert any(n.startswith(unread) for n in summary["notes"]), summary["notes"]
                failed += summary["failed"]["shipments"]
                assert_no_orphans(url)
                with connected(url) as (_, conn):
                    closed = (
                        "SELECT COUNT(*) FROM shipments s JOIN depots d ON d.id = s.depot_id"
                        " WHERE d.status = 'closed'"
                    )
                    assert conn.exec_driver_sql(closed).scalar_one() == 0
    assert failed > 0  # the trigger did reject rows


@pytest.mark.parametrize("dialect", DIALECTS)
def test_printed_report_carries_the_trigger_message(dialect, tmp_path):
    with fresh_database(dialect, tmp_path) as url:
        _create(url, dialect, "unreadable")
        execute_statements(url, ["INSERT INTO depots (id, name, status) VALUES (1, 'shut', 'closed')"])
        run = _run(url, "add 12 shipments", 1)
        assert run.status == 1
        output = run.stdout + run.stderr
        assert triggers.DEPOT_MESSAGE in output, output[-3000:]
        assert row_counts(url)["shipments"] == 0
