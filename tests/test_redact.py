"""URL passwords never shown nor kept: in messages, the REPL's echo and its history file."""

from __future__ import annotations

import pytest

from querynl.cli.prompt_session import open_history
from querynl.db.engine import normalize_url
from querynl.errors import ConnectionFailed
from querynl.redaction import redact_urls


@pytest.mark.parametrize(
    ("text", "shown"),
    [("\\c postgresql://me:s3cr@t:x@db:5432/app", "\\c postgresql://me:***@db:5432/app"),
     ("mysql+pymysql://root:pw@127.0.0.1/x and ://u:p@h", "mysql+pymysql://root:***@127.0.0.1/x and ://u:***@h"),
     ("postgresql://me@db/app", "postgresql://me@db/app"), ("sqlite:///a:b@c.db", "sqlite:///a:b@c.db"),
     ("SELECT 'a:b@c'", "SELECT 'a:b@c'")],
)  # fmt: skip
def test_redact_urls(text, shown):
    assert redact_urls(text) == shown


def test_an_invalid_url_is_named_without_its_password():
    with pytest.raises(ConnectionFailed) as err:
        normalize_url("postgresql://me:s3cret@db:port/app")
    assert "s3cret" not in str(err.value) and "me:***@db" in str(err.value)


def test_the_history_file_keeps_no_password(tmp_path):
    path = tmp_path / "state" / "history"
    history = open_history(path)
    history.store_string("\\c postgresql://me:s3cret@db/app")
    assert "s3cret" not in path.read_text() and "\\c postgresql://me:***@db/app" in path.read_text()
