"""Secrets never leave the process: a database URL's password and API keys are masked in every
line QueryNL writes where one could slip in (logs, error lines, the failed-rows file).

Three nets, each catching what the others may miss:

* a URL's `user:password@` anywhere in a text (even in a URL that does not parse): the
  password goes;
* what looks like a key: `sk-...` tokens, `Authorization: Bearer ...`, `api_key=...`;
* the secrets themselves, wherever they appear: the password of the URL QueryNL was given and
  the value of each API-key variable of the environment (OPENAI_API_KEY and the like).
"""

from __future__ import annotations

import logging
import os
import re
from contextlib import suppress

from sqlalchemy.engine import URL, make_url

MASK = "***"
MIN_SECRET_LENGTH = 4  # shorter passwords are masked in URLs only (masking every "ab" would garble text)
KEY_VARIABLES = ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "QUERYNL_API_KEY")

# user:password@ of a URL, whole or not (`postgresql//app:pw@host` does not parse but is shown)
_URL_PASSWORD = re.compile(r"([\w.+%~-]+:)([^\s@'\"/]+)(@)")
_BEARER = re.compile(
    r"(?i)(\bauthorization[\"']?\s*[:=]\s*[\"']?(?:bearer\s+|basic\s+|token\s+)?)[^\s\"',}]+"
)
_KEY_FIELD = re.compile(
    r"(?i)(\b(?:api[_-]?key|x-api-key|password|passwd|secret|access[_-]?token)[\"']?\s*[:=]\s*[\"']?)[^\s\"',}&]+"
)
_TOKEN = re.compile(r"\b(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}")
# scheme://user:password@ exactly (for text that is the user's own: the REPL's echo, history)
_SCHEME_PASSWORD = re.compile(r"(?P<head>[\w+.-]*://[^\s:/@]*:)[^\s/]+(?=@)")  # to the host's last @


def redact_urls(text: str) -> str:
    """`text` with each `scheme://user:password@` written `scheme://user:***@`, and nothing
    else touched (a SQL string 'a:b@c' stays as typed)."""
    return _SCHEME_PASSWORD.sub(r"\g<head>***", text)


class Redactor:
    """Masks secrets in text: the known ones (registered, and the environment's API keys) and
    anything shaped like a URL password or a key."""

    def __init__(self) -> None:
        self._secrets: set[str] = set()

    def register(self, secret: str | None) -> None:
        if secret and len(secret) >= MIN_SECRET_LENGTH:
            self._secrets.add(secret)

    def register_url(self, raw_url: str | None) -> None:
        """The password of a database URL as the user typed it (nothing when it has none or
        does not parse: the URL pattern still masks it in text)."""
        if not raw_url:
            return
        with suppress(Exception):  # an unparsable URL: the URL pattern still masks it in text
            self.register(make_url(raw_url).password)

    def _known(self) -> list[str]:
        found = set(self._secrets)
        keys = (os.environ.get(name) for name in KEY_VARIABLES)
        found.update(key for key in keys if key and len(key) >= MIN_SECRET_LENGTH)
        return sorted(found, key=len, reverse=True)  # longest first: one secret may contain another

    def __call__(self, text: str) -> str:
        for secret in self._known():
            text = text.replace(secret, MASK)
        text = _URL_PASSWORD.sub(rf"\g<1>{MASK}\g<3>", text)
        text = _BEARER.sub(rf"\g<1>{MASK}", text)
        text = _KEY_FIELD.sub(rf"\g<1>{MASK}", text)
        return _TOKEN.sub(MASK, text)


redact = Redactor()  # the process's one redactor: the CLI registers the URL it was given


def safe_url(url: URL | str) -> str:
    """A database URL as it may be shown: the password masked."""
    parsed = make_url(url) if isinstance(url, str) else url
    return parsed.render_as_string(hide_password=True)


class RedactingFilter(logging.Filter):
    """Installed on every log handler: the message, its arguments and any traceback of each
    record are rendered and masked before a formatter sees them (an LLM's prompt and answer,
    a driver's error quoting a URL)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - arguments that do not fit the format: keep the format
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
