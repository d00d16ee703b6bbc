"""Secrets out of text shown or kept: the password of any URL in it becomes ***."""

from __future__ import annotations

import re

_URL_PASSWORD = re.compile(r"(?P<head>[\w+.-]*://[^\s:/@]*:)[^\s/]+(?=@)")  # to the last @ of the host part


def redact_urls(text: str) -> str:
    """`text` with each `scheme://user:password@` written `scheme://user:***@`."""
    return _URL_PASSWORD.sub(r"\g<head>***", text)
