"""Which OpenAI-compatible endpoint to use, from the environment.

OPENAI_API_KEY, OPENAI_BASE_URL (a local Ollama, vLLM or llama.cpp server works the same) and
QUERYNL_MODEL. With neither a key nor a base URL, no endpoint is configured and nothing ever
reaches the network.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, SecretStr

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_TIMEOUT_S = 60.0
# A local server needs no key, but the client insists on one.
PLACEHOLDER_KEY = "not-needed"


class LLMSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    api_key: SecretStr | None = None
    base_url: str | None = None
    model: str = DEFAULT_MODEL
    timeout_s: float = DEFAULT_TIMEOUT_S

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> LLMSettings:
        env = os.environ if environ is None else environ
        key = env.get("OPENAI_API_KEY") or None
        timeout = env.get("QUERYNL_LLM_TIMEOUT")
        return cls(
            api_key=SecretStr(key) if key else None,
            base_url=env.get("OPENAI_BASE_URL") or None,
            model=env.get("QUERYNL_MODEL") or DEFAULT_MODEL,
            timeout_s=_seconds(timeout) if timeout else DEFAULT_TIMEOUT_S,
        )

    @property
    def configured(self) -> bool:
        return self.api_key is not None or self.base_url is not None

    def describe(self) -> str:
        """One line for the user; never the key."""
        if not self.configured:
            return "no LLM configured (set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server)"
        where = self.base_url or "api.openai.com"
        return f"{self.model} at {where}"

    def secrets(self) -> list[str]:
        """Values that must never appear in output or logs."""
        return [self.api_key.get_secret_value()] if self.api_key else []


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        return DEFAULT_TIMEOUT_S
    return value if value > 0 else DEFAULT_TIMEOUT_S
