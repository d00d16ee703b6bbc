"""Issue 12: the log (`--log-file`, QUERYNL_LOG_LEVEL) and secrets that never reach any output.

The grep test runs the CLI as a user would, at QUERYNL_LOG_LEVEL=DEBUG, against a URL with a
password (MariaDB: a user made for the test; PostgreSQL: trust accepts any password, one is
given anyway) and with OPENAI_API_KEY set: a successful run (--json, the log on stderr), a
failing one (a trigger refuses every third row) with --json, --errors-out and --log-file, a
database that does not exist, a URL that is not one (its error line quotes it), and the
REPL's banner. Neither the password nor the key may appear in stdout, stderr, the log file
or the errors file.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from querynl.cli.logs import configure_logging
from tests.cli.test_errors_out import create_every_third
from tests.databases import SERVER_URLS, execute_statements, fresh_database
from tests.integrity import cli_env

PASSWORD = "Pw-sentinel-5521"
API_KEY = "sk-sentinel0123456789abcdefABCDEF"
USER = f"qnl_secret_{os.getpid()}"


def run_cli(*args: str, stdin: str = "", cwd: Path | None = None) -> tuple[int, str, str]:
    """`python -m querynl ARGS` with the key set and a DEBUG log level: status, stdout, stderr."""
    env = cli_env(200, OPENAI_API_KEY=API_KEY, QUERYNL_LOG_LEVEL="DEBUG")
    proc = subprocess.run(
        [sys.executable, "-m", "querynl", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )
    return proc.returncode, proc.stdout, proc.stderr


@contextmanager
def url_with_password(dialect: str, url: str) -> Iterator[str]:
    """The test database's URL with PASSWORD in it (on MariaDB, of a user made for it)."""
    if dialect == "postgresql":
        yield make_url(url).set(password=PASSWORD).render_as_string(hide_password=False)
        return
    database = make_url(url).database
    hosts = ("%", "localhost")
    execute_statements(
        SERVER_URLS["mysql"],
        [f"CREATE USER IF NOT EXISTS '{USER}'@'{h}' IDENTIFIED BY '{PASSWORD}'" for h in hosts]
        + [f"GRANT ALL PRIVILEGES ON `{database}`.* TO '{USER}'@'{h}'" for h in hosts],
    )
    try:
        yield make_url(url).set(username=USER, password=PASSWORD).render_as_string(hide_password=False)
    finally:
        execute_statements(SERVER_URLS["mysql"], [f"DROP USER IF EXISTS '{USER}'@'{h}'" for h in hosts])


@pytest.mark.parametrize("dialect", ["postgresql", "mysql"])
def test_no_output_log_or_file_holds_the_password_or_the_key(dialect, tmp_path):
    files = {name: tmp_path / name for name in ("debug.log", "failed.jsonl")}
    with fresh_database(dialect, tmp_path) as plain, url_with_password(dialect, plain) as url:
        create_every_third(plain, dialect)
        assert PASSWORD in url
        runs = [
            run_cli("seed", url, "add 5 suppliers", "--yes", "--json"),
            run_cli(
                "seed",
                url,
                "add 30 parts",
                "--yes",
                "--json",
                "--errors-out",
                str(files["failed.jsonl"]),
                "--log-file",
                str(files["debug.log"]),
            ),  # fmt: skip
            run_cli("seed", str(make_url(url).set(database="qnl_no_such_db")), "add 5 suppliers", "--yes"),
            run_cli("seed", url.replace("://", "//", 1), "add 5 suppliers", "--yes"),  # not a URL
            run_cli(url, stdin="\\q\n"),
        ]
    assert [status for status, *_ in runs] == [0, 1, 2, 2, 0], runs
    written = {name: path.read_text(encoding="utf-8") for name, path in files.items()}
    for text in [output for _, *outputs in runs for output in outputs] + list(written.values()):
        assert PASSWORD not in text
        assert API_KEY not in text
    # The outputs did carry what the secrets would have been in: the URL (masked) and the log.
    assert all("***@" in run[1] + run[2] for run in runs[2:]), runs[2:]
    log = written["debug.log"]
    assert "plan: {" in log and "batch parts #1: 30 rows" in log and "key pools after parts" in log
    assert len(written["failed.jsonl"].splitlines()) == 10
    # Without a log file the DEBUG log goes to stderr, one line a record; stdout stays JSON.
    _, stdout, stderr = runs[0]
    assert "DEBUG: querynl.loading.executor: batch suppliers #1: 5 rows" in stderr and "DEBUG" not in stdout
    assert json.loads(stdout.strip().splitlines()[-1])["inserted"]["suppliers"] == 5
    assert json.loads(runs[1][1].strip().splitlines()[-1])["failed"]["parts"] == 10


# ----- the log's configuration, in process ------------------------------------------------------


@pytest.fixture
def restored_logging() -> Iterator[None]:
    root, ours = logging.getLogger(), logging.getLogger("querynl")
    handlers, levels = list(root.handlers), (root.level, ours.level)
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(levels[0])
    ours.setLevel(levels[1])


def test_log_file_masks_secrets_in_messages_arguments_and_tracebacks(restored_logging, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    monkeypatch.delenv("QUERYNL_LOG_LEVEL", raising=False)
    log_file = tmp_path / "debug.log"
    configure_logging(log_file, f"postgresql://app:{PASSWORD}@db.example/shop")
    log = logging.getLogger("querynl.planning.llm")
    log.debug("prompt: %s", {"Authorization": "Bearer abc.def-123", "api_key": API_KEY})
    log.debug("connecting to mysql://other:hunter22@host/db with %s", PASSWORD)
    log.info("response: the key sk-anotherkey0123456789xyz was echoed")
    try:
        raise RuntimeError(f"driver said postgresql://app:{PASSWORD}@db.example/shop is down")
    except RuntimeError:
        log.exception("run failed")
    logging.getLogger("faker").debug("a library's debug line")
    text = log_file.read_text(encoding="utf-8")
    for secret in (PASSWORD, API_KEY, "hunter22", "abc.def-123", "sk-anotherkey0123456789xyz"):
        assert secret not in text
    assert "mysql://other:***@host/db" in text and "Traceback" in text and "run failed" in text
    assert "a library's debug line" not in text  # other libraries: warnings only


@pytest.mark.parametrize("value", ["debug", "INFO", "Warning"])
def test_level_names_are_read_in_any_case(value, restored_logging, monkeypatch):
    monkeypatch.setenv("QUERYNL_LOG_LEVEL", value)
    configure_logging(None, None)
    assert logging.getLogger("querynl").level == logging.getLevelName(value.upper())


def test_bad_level_is_one_clear_line(tmp_path):
    env = cli_env(200, QUERYNL_LOG_LEVEL="LOUD")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    proc = subprocess.run(
        [sys.executable, "-m", "querynl", "seed", db, "add 5 users", "--yes"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == "Error: QUERYNL_LOG_LEVEL must be one of DEBUG, INFO, WARNING, not 'LOUD'"
