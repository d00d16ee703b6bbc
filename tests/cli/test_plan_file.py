"""A plan saved with `--dry-run --json` replays with `--plan-file`: the same rows for the same
seed, edits take effect, and a bad file changes nothing."""

from __future__ import annotations

import json

from tests.databases import connected, fresh_database, q
from tests.integrity import assert_integrity, querynl, row_counts, table_contents
from tests.schemas import create_schema


def save_plan(url: str, tmp_path, *options: str) -> tuple[dict, object]:
    run = querynl("seed", url, "add sample data", "--dry-run", "--json", *options)
    assert run.status == 0, run.stderr
    path = tmp_path / "plan.json"
    path.write_text(run.stdout.strip().splitlines()[-1])
    return json.loads(path.read_text()), path


def test_replay_gives_identical_rows(dialect, tmp_path):
    with fresh_database(dialect, tmp_path) as direct, fresh_database(dialect, tmp_path) as replayed:
        for url in (direct, replayed):
            create_schema(url, "ecommerce")
        saved, path = save_plan(direct, tmp_path, "--seed", "11")
        assert saved["plan"]["insertion_order"] and saved["seed"] == 11
        assert row_counts(direct) == dict.fromkeys(row_counts(direct), 0), "a dry run writes nothing"
        assert querynl("seed", direct, "add sample data", "--seed", "11", "--yes").status == 0
        run = querynl("seed", replayed, "--plan-file", str(path), "--yes", "--json")
        assert run.status == 0, run.stderr
        assert run.summary["seed"] == 11
        assert table_contents(replayed) == table_contents(direct)
        assert_integrity(replayed)


def test_edited_plan_takes_effect(tmp_path):
    with fresh_database("sqlite", tmp_path) as url:
        create_schema(url, "ecommerce")
        saved, path = save_plan(url, tmp_path)
        table = saved["plan"]["tables"][0]
        table["record_count"] = 37
        name = next(c for c in table["columns"] if c["strategy"] == "faker" and not c["unique"])
        name.update(faker_provider="random_element", provider_args={"elements": ["edited"]})
        name["null_probability"] = 0.0
        path.write_text(json.dumps(saved))
        run = querynl("seed", url, "--plan-file", str(path), "--yes", "--json")
        assert run.status == 0, run.stderr
        assert run.summary["inserted"][table["table_name"]] == 37
        with connected(url) as (engine, conn):
            values = conn.exec_driver_sql(
                f"SELECT {q(engine, name['column_name'])} FROM {q(engine, table['table_name'])}"
            ).scalars()
            assert set(values) == {"edited"}
        assert_integrity(url)


def test_bad_plan_file_writes_nothing(tmp_path):
    with fresh_database("sqlite", tmp_path) as url:
        create_schema(url, "blog")
        saved, path = save_plan(url, tmp_path)
        saved["plan"]["tables"][0]["columns"][0]["faker_provider"] = "_Generator__config"
        saved["plan"]["tables"].append({"table_name": "ghosts", "record_count": 5})
        path.write_text(json.dumps(saved))
        run = querynl("seed", url, "--plan-file", str(path), "--yes")
        assert run.status == 2
        error = run.stderr.strip()
        assert error.startswith("Error: Invalid generation plan:") and "ghosts" in error
        assert "\n" not in error and "Traceback" not in run.stderr
        assert set(row_counts(url).values()) == {0}


def test_request_and_plan_file_are_exclusive(tmp_path):
    run = querynl("seed", "sqlite:///x.db", "add sample data", "--plan-file", "p.json", cwd=tmp_path)
    assert run.status == 2
    assert "give a REQUEST or --plan-file FILE (one of them)" in run.stderr
    assert querynl("seed", "sqlite:///x.db", cwd=tmp_path).status == 2


def test_plan_schema_command():
    run = querynl("plan-schema")
    assert run.status == 0
    assert json.loads(run.stdout)["title"] == "QueryNL generation plan"
