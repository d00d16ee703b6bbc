"""Prices, codes, orders, payments and shipping (product names and categories: domains/ecommerce.py)."""

from __future__ import annotations

import string
from decimal import Decimal

from querynl.providers.base import QueryNLProvider, clip, vocabulary
from querynl.providers.vocabulary import (
    CARRIERS,
    CURRENCY_CODES,
    ORDER_STATUSES,
    PAYMENT_METHODS,
    PAYMENT_STATUSES,
    QUANTITY_UNITS,
    SHIPMENT_STATUSES,
    SHIPPING_METHODS,
)


class CommerceProvider(QueryNLProvider):
    def sku(self, max_chars: int | None = None) -> str:
        """``SKU-4F7K2Q``; just the code part when ``max_chars`` is below 10."""
        code = self._letters(6, string.ascii_uppercase + string.digits)
        if max_chars is None or max_chars >= 10:
            return f"SKU-{code}"
        return code[: max(1, int(max_chars))]

    def order_number(self, max_chars: int | None = None) -> str:
        value = f"ORD-{self.random_int(2018, 2025)}-{self.random_int(0, 999999):06d}"
        return value if max_chars is None or len(value) <= max_chars else self.code(max_chars)

    def tracking_number(self, max_chars: int | None = None) -> str:
        value = "1Z" + self._letters(16, string.ascii_uppercase + string.digits)
        return clip(value, max_chars)

    def code(self, length: int = 6) -> str:
        """An uppercase code of exactly ``length`` characters, e.g. ``ALFKI``."""
        return self._letters(max(1, int(length)))

    def coupon_code(self, max_chars: int | None = None) -> str:
        word = self.random_element(("SAVE", "DEAL", "WELCOME", "SPRING", "VIP", "FREESHIP"))
        return clip(f"{word}{self.random_int(5, 50)}", max_chars)

    order_status = vocabulary(ORDER_STATUSES)
    payment_status = vocabulary(PAYMENT_STATUSES)
    payment_method = vocabulary(PAYMENT_METHODS)
    shipping_method = vocabulary(SHIPPING_METHODS)
    shipment_status = vocabulary(SHIPMENT_STATUSES)
    carrier = vocabulary(CARRIERS)

    def price(self, min_value: float = 0.99, max_value: float = 999.99, right_digits: int = 2) -> Decimal:
        """A positive Decimal with exactly ``right_digits`` decimals in [min, max]."""
        return self.decimal_number(min_value, max_value, right_digits, positive=True)

    def decimal_number(
        self,
        min_value: float = 0,
        max_value: float = 1000,
        right_digits: int = 2,
        positive: bool = False,
    ) -> Decimal:
        """A Decimal with exactly ``right_digits`` decimals in [min_value, max_value]."""
        digits = max(0, int(right_digits))
        factor = 10**digits
        low = int(Decimal(str(min_value)) * factor)
        high = int(Decimal(str(max_value)) * factor)
        if positive:
            low = max(low, 1)
        high = max(high, low)
        return Decimal(self.random_int(low, high)).scaleb(-digits)

    def float_number(self, min_value: float = 0, max_value: float = 1000, right_digits: int = 2) -> float:
        return float(self.decimal_number(min_value, max_value, right_digits))

    def quantity(self, min_value: int = 1, max_value: int = 20) -> int:
        return self.random_int(min_value, max_value)

    def quantity_per_unit(self, max_chars: int | None = None) -> str:
        def make() -> str:
            count, size = self.random_int(1, 48), self.random_element((6, 10, 12, 16, 24, 500))
            unit = self.random_element(QUANTITY_UNITS)
            return f"{count} {unit} x {size} {'g' if size == 500 else 'oz'}"

        return self._retry(make, max_chars)

    def rating(self, min_value: int = 1, max_value: int = 5) -> int:
        return self.random_int(min_value, max_value)

    def iso_currency_code(self) -> str:
        return self.random_element(CURRENCY_CODES)
