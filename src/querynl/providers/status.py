"""Statuses and other small categorical vocabularies."""

from __future__ import annotations

from querynl.providers.base import QueryNLProvider, vocabulary
from querynl.providers.vocabulary import (
    GENERIC_STATUSES,
    ROLES,
)


class StatusProvider(QueryNLProvider):
    status = vocabulary(GENERIC_STATUSES)
    role_name = vocabulary(ROLES)

    def flag(self, truth_probability: int = 50) -> int:
        """0 or 1, for integer columns that hold booleans."""
        return int(self.random_int(1, 100) <= truth_probability)
