"""Our own Faker providers: realistic values Faker lacks, and length-safe variants.

Every provider draws its randomness from the owning Faker instance (``self.random_*`` and
``self.generator``), so a seeded Faker reproduces the same values. String providers take an
optional ``max_chars`` and never return more characters than that. A provider is a
``QueryNLProvider`` subclass in a module of this package, listed in ``ALL_PROVIDERS``; its
public methods become formatters a plan can name.
"""

from __future__ import annotations

import faker
from faker.providers import BaseProvider

from querynl.providers.commerce import CommerceProvider
from querynl.providers.data import DataProvider
from querynl.providers.database_types import DatabaseTypesProvider
from querynl.providers.domains import DOMAIN_PROVIDERS
from querynl.providers.media import MediaProvider
from querynl.providers.people import PeopleProvider
from querynl.providers.spatial import SpatialProvider
from querynl.providers.status import StatusProvider
from querynl.providers.text import TextProvider

ALL_PROVIDERS: tuple[type[BaseProvider], ...] = (
    CommerceProvider,
    StatusProvider,
    TextProvider,
    PeopleProvider,
    MediaProvider,
    DataProvider,
    DatabaseTypesProvider,
    SpatialProvider,
    *DOMAIN_PROVIDERS,
)


def make_faker(locale: str = "en_US") -> faker.Faker:
    """A Faker with all our providers added."""
    fake = faker.Faker(locale)
    for provider in ALL_PROVIDERS:
        fake.add_provider(provider)
    return fake
