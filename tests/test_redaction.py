"""Secrets masked in text: URL passwords, API keys, Authorization headers, registered secrets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from querynl.redaction import MASK, Redactor, safe_url

KEY = "sk-proj-0123456789abcdefghij"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("postgresql://app:s3cret@db/shop", "postgresql://app:***@db/shop"),
        (
            "mysql+pymysql://u:p%40ss@h:3306/db?charset=utf8mb4",
            "mysql+pymysql://u:***@h:3306/db?charset=utf8mb4",
        ),
        ("Invalid database URL 'postgresql//app:s3cret@db'", "Invalid database URL 'postgresql//app:***@db'"),
        (f"key {KEY} used", "key *** used"),
        ("Authorization: Bearer abc.DEF-123", "Authorization: Bearer ***"),
        ('{"api_key": "abc123", "model": "x"}', '{"api_key": "***", "model": "x"}'),
        ("http://example.com:8080/x at 12:30", "http://example.com:8080/x at 12:30"),  # no password: kept
        ("postgresql://postgres@127.0.0.1/db", "postgresql://postgres@127.0.0.1/db"),
    ],
)
def test_shapes_are_masked(text, masked):
    assert Redactor()(text) == masked


def test_registered_and_environment_secrets_are_masked_anywhere(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "plainkey-without-shape")
    redact = Redactor()
    redact.register_url("postgresql://app:hunter22@db/shop")
    redact.register("ab")  # too short to mask everywhere
    out = redact("password hunter22 and key plainkey-without-shape, lab")
    assert out == f"password {MASK} and key {MASK}, lab"


@given(st.text(alphabet=st.characters(codec="ascii", categories=["L", "N"]), min_size=6, max_size=30))
def test_a_url_password_never_survives(password):
    text = f"could not connect to postgresql://user:{password}@host:5432/db (timeout)"
    assert Redactor()(text) == f"could not connect to postgresql://user:{MASK}@host:5432/db (timeout)"


def test_safe_url_hides_the_password():
    assert safe_url("postgresql://app:s3cret@db/shop") == "postgresql://app:***@db/shop"
