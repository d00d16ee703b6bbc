"""Foreign key checks switched off for a run's inserts (PostgreSQL, as superuser, tables
without triggers or rules) and every foreign key verified by one anti-join before commit:
an orphan rolls the whole run back, naming table, columns and some of its values. Where the
checks cannot be switched off (no superuser, a trigger) they stay on, and the run says so."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from querynl.db.engine import make_engine, normalize_url
from querynl.loading.deferred_keys import DeferredKeyError
from querynl.pipeline.context import RunContext
from querynl.pipeline.generator import TestDataGenerator
from querynl.pipeline.progress import NullProgress
from querynl.request.intent import parse_request
from tests.databases import SERVER_URLS, execute_statements, fresh_database

SCHEMA = [
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL)",
    "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), "
    "title VARCHAR(120) NOT NULL)",
]
PARENTS = "INSERT INTO users (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')"


@pytest.fixture
def pg_url(tmp_path):
    with fresh_database("postgresql", tmp_path) as url:
        execute_statements(url, SCHEMA)
        yield url


def _run(url: str, request: str, progress=None):
    engine = make_engine(url)
    try:
        generator = TestDataGenerator(engine)
        schema = generator.introspect()
        run = generator.prepare(parse_request(request, schema, seed=3), schema)
        return generator.execute(run, RunContext(progress=progress or NullProgress()))
    finally:
        engine.dispose()


def _count(url: str, table: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
    finally:
        engine.dispose()


class DeleteParents(NullProgress):
    """When the child table starts, another session deletes (and commits) every parent row
    the run's snapshot read: the checks being off, the children go in pointing nowhere."""

    def __init__(self, url: str) -> None:
        self.url = url

    def start_table(self, table: str, total: int) -> None:
        if table == "posts":
            execute_statements(self.url, ["DELETE FROM users"])


def test_the_checks_go_off_and_every_key_is_verified(pg_url: str) -> None:
    result = _run(pg_url, "users: 30, posts: 90")
    assert result.ok, result.summary()
    assert "session_replication_role = replica" in result.load_path
    assert "1 keys verified by anti-join" in result.load_path
    assert result.summary()["load_path"] == result.load_path
    assert _count(pg_url, "posts p LEFT JOIN users u ON u.id = p.user_id WHERE u.id IS NULL") == 0


def test_an_orphan_rolls_the_whole_run_back_naming_its_rows(pg_url: str) -> None:
    execute_statements(pg_url, [PARENTS])
    with pytest.raises(DeferredKeyError) as failure:
        _run(pg_url, "posts: 40", DeleteParents(pg_url))
    message = str(failure.value)
    assert "\n" not in message
    assert "40 rows of posts reference missing users rows (user_id: " in message
    shown = message.split("(user_id: ")[1].split(")")[0].split(", ")
    assert shown and set(shown) <= {"1", "2", "3"}
    assert message.endswith("nothing was written")
    assert _count(pg_url, "posts") == 0


def test_a_trigger_keeps_the_checks_on(pg_url: str) -> None:
    execute_statements(
        pg_url,
        [
            "CREATE FUNCTION shout() RETURNS trigger AS $$ BEGIN NEW.title := upper(NEW.title); "
            "RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER shout BEFORE INSERT ON posts FOR EACH ROW EXECUTE FUNCTION shout()",
        ],
    )
    result = _run(pg_url, "users: 10, posts: 20")
    assert result.ok and "checked row by row" in result.load_path
    assert _count(pg_url, "posts WHERE title <> upper(title)") == 0  # the trigger fired


def test_a_match_full_key_keeps_the_checks_on(tmp_path) -> None:
    with fresh_database("postgresql", tmp_path) as url:
        execute_statements(
            url,
            [
                SCHEMA[0],
                "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, "
                "title VARCHAR(120) NOT NULL, FOREIGN KEY (user_id) REFERENCES users (id) MATCH FULL)",
            ],
        )
        result = _run(url, "users: 10, posts: 20")
        assert result.ok and "checked row by row" in result.load_path


def test_without_superuser_the_checks_stay_on(pg_url: str) -> None:
    role = f"qnl_plain_{os.getpid()}"
    admin = create_engine(normalize_url(SERVER_URLS["postgresql"]), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
    try:
        execute_statements(
            pg_url,
            [
                f'GRANT ALL ON SCHEMA public TO "{role}"',
                f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{role}"',
            ],
        )
        url = make_url(pg_url).set(username=role).render_as_string(hide_password=False)
        result = _run(url, "users: 10, posts: 20")
        assert result.ok and "checked row by row" in result.load_path, result.load_path
        assert _count(pg_url, "posts") == 20
    finally:
        revoke = f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"'
        execute_statements(pg_url, [revoke, f'REVOKE ALL ON SCHEMA public FROM "{role}"'])
        with admin.connect() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()
