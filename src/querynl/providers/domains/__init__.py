"""Vocabularies of the six named domains, one provider per domain (data as class attributes:
a locale's subclass overrides them, as Faker's locale providers do)."""

from __future__ import annotations

from querynl.providers.domains.blog import BlogProvider
from querynl.providers.domains.ecommerce import EcommerceProvider
from querynl.providers.domains.finance import FinanceProvider
from querynl.providers.domains.inventory import InventoryProvider
from querynl.providers.domains.medical import MedicalProvider
from querynl.providers.domains.social import SocialProvider

DOMAIN_PROVIDERS = (
    EcommerceProvider,
    BlogProvider,
    SocialProvider,
    MedicalProvider,
    FinanceProvider,
    InventoryProvider,
)
