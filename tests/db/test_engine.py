"""URLs: bare schemes get the project's drivers and options; unsupported databases are refused."""

from __future__ import annotations

import pytest

from querynl.db.engine import make_engine, normalize_url
from querynl.errors import ConnectionFailed


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg2://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg2://u@h/db"),
        ("postgresql+psycopg2://u@h/db", "postgresql+psycopg2://u@h/db"),
        ("mysql://u@h/db", "mysql+pymysql://u@h/db?charset=utf8mb4"),
        ("mariadb://u@h/db", "mysql+pymysql://u@h/db?charset=utf8mb4"),
        ("mysql+pymysql://u@h/db?charset=latin1", "mysql+pymysql://u@h/db?charset=latin1"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_normalize_url(raw, expected):
    assert normalize_url(raw).render_as_string() == expected


@pytest.mark.parametrize("raw", ["oracle://u@h/db", "mssql+pyodbc://u@h/db", "not a url"])
def test_unsupported_or_invalid_urls_are_refused(raw):
    with pytest.raises(ConnectionFailed):
        make_engine(raw)
