"""One chat call to an OpenAI-compatible endpoint, through the `openai` client.

Structured output (a JSON Schema response format) where the endpoint takes it; an endpoint
that refuses it is asked again without, for a fenced JSON block. A 429 is retried with
backoff (Retry-After when the server sends one); a refused key, a timeout, a 5xx or a refused
connection raise LLMUnavailable with one line saying which. The prompt and the answer go to
the debug log with the key blanked out.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

import openai

from querynl.errors import LLMUnavailable
from querynl.llm.settings import PLACEHOLDER_KEY, LLMSettings

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 2
MAX_BACKOFF_S = 10.0
Message = dict[str, str]


class LLMClient:
    def __init__(
        self,
        settings: LLMSettings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        retries: int = RATE_LIMIT_RETRIES,
    ) -> None:
        if not settings.configured:
            raise LLMUnavailable(settings.describe())
        self.settings = settings
        self._sleep = sleep
        self._retries = retries
        self._structured = True  # until the endpoint says it cannot
        key = settings.api_key.get_secret_value() if settings.api_key else PLACEHOLDER_KEY
        self._client = openai.OpenAI(
            api_key=key, base_url=settings.base_url, timeout=settings.timeout_s, max_retries=0
        )

    def chat(
        self,
        messages: Sequence[Message],
        *,
        json_schema: dict[str, Any] | None = None,
        schema_name: str = "answer",
    ) -> str:
        """The model's answer to `messages`, as text."""
        log.debug("LLM request to %s: %s", self.settings.describe(), self._redact(str(list(messages))))
        for attempt in range(self._retries + 1):
            try:
                content = self._create(messages, json_schema, schema_name)
            except openai.RateLimitError as exc:
                if attempt == self._retries:
                    raise LLMUnavailable(f"the model is rate limited (429, {attempt + 1} tries)") from None
                self._sleep(_backoff(exc, attempt))
                continue
            except openai.BadRequestError as exc:
                if json_schema is None or not self._structured:
                    raise LLMUnavailable(f"the endpoint refused the request (400: {_reason(exc)})") from None
                self._structured = False  # ask again for a fenced block instead
                return self.chat(messages, json_schema=json_schema, schema_name=schema_name)
            log.debug("LLM answer: %s", self._redact(content))
            return content
        raise AssertionError("unreachable")  # the loop returns or raises

    def _create(self, messages: Sequence[Message], json_schema: dict | None, schema_name: str) -> str:
        extra: dict[str, Any] = {}
        if json_schema is not None and self._structured:
            extra["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": schema_name, "schema": json_schema},
            }
        try:
            response = self._client.chat.completions.create(
                model=self.settings.model, messages=list(messages), temperature=0.2, **extra
            )
        except (openai.RateLimitError, openai.BadRequestError):
            raise
        except openai.AuthenticationError:
            raise LLMUnavailable("the endpoint refused the API key (401)") from None
        except openai.PermissionDeniedError:
            raise LLMUnavailable("the API key may not use this model (403)") from None
        except openai.APITimeoutError:
            raise LLMUnavailable(f"no answer within {self.settings.timeout_s:g} s") from None
        except openai.APIConnectionError:
            where = self.settings.base_url or "api.openai.com"
            raise LLMUnavailable(f"cannot reach {where}") from None
        except openai.APIStatusError as exc:
            raise LLMUnavailable(f"the endpoint failed ({exc.status_code})") from None
        except openai.OpenAIError as exc:  # an answer the client cannot read
            raise LLMUnavailable(f"unreadable answer ({type(exc).__name__})") from None
        content = response.choices[0].message.content if response.choices else None
        if not content:
            raise LLMUnavailable("the model gave an empty answer")
        return content

    def _redact(self, text: str) -> str:
        for secret in self.settings.secrets():
            text = text.replace(secret, "***")
        return text


def _backoff(exc: openai.RateLimitError, attempt: int) -> float:
    header = exc.response.headers.get("retry-after") if exc.response is not None else None
    try:
        wait = float(header) if header is not None else 0.5 * 2**attempt
    except ValueError:
        wait = 0.5 * 2**attempt
    return max(0.0, min(wait, MAX_BACKOFF_S))


def _reason(exc: openai.APIStatusError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    message = body.get("message") or (body.get("error") or {}).get("message") if body else None
    return str(message or exc.message).splitlines()[0][:200]
