"""Statuses and other small categorical vocabularies."""

from __future__ import annotations

from querynl.providers.base import QueryNLProvider
from querynl.providers.vocabulary import (
    GENERIC_STATUSES,
    ROLES,
)


class StatusProvider(QueryNLProvider):
    def status(self, max_chars: int | None = None) -> str:
        return self._pick(GENERIC_STATUSES, max_chars)

    def role_name(self, max_chars: int | None = None) -> str:
        return self._pick(ROLES, max_chars)

    def flag(self, truth_probability: int = 50) -> int:
        """0 or 1, for integer columns that hold booleans."""
        return int(self.random_int(1, 100) <= truth_probability)
