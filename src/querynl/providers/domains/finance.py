"""Banking: account numbers and types, transaction types, statuses and long-tailed amounts.
IBANs, BICs and currencies are Faker's own (iban, swift, currency_code)."""

from __future__ import annotations

import math
from decimal import Decimal

from querynl.providers.base import QueryNLProvider, patterned, vocabulary


class FinanceProvider(QueryNLProvider):
    account_number_formats = ("##########", "############", "####-####-##", "00########", "####-######")
    account_types = (
        "checking", "checking", "savings", "savings", "money_market", "certificate_of_deposit",
        "credit_card", "brokerage", "retirement", "loan", "mortgage", "business_checking",
    )  # fmt: skip
    transaction_types = (
        "card_purchase", "card_purchase", "card_purchase", "deposit", "withdrawal", "transfer",
        "direct_debit", "standing_order", "bill_payment", "atm_withdrawal", "refund", "fee",
        "interest", "payroll", "wire_transfer", "check_deposit",
    )  # fmt: skip
    transaction_statuses = (
        "posted", "posted", "posted", "posted", "pending", "pending", "failed", "reversed", "on_hold",
    )  # fmt: skip
    transaction_descriptions = (
        "{merchants} purchase", "Payment to {merchants}", "Refund from {merchants}", "ATM withdrawal",
        "Salary deposit", "Monthly account fee", "Interest credit", "Transfer to savings",
        "Card payment - {merchants}", "Direct debit - {merchants}", "Online transfer ref ######",
        "Check deposit #####",
    )  # fmt: skip
    merchants = (
        "Grocery Mart", "City Transit", "Corner Cafe", "Fuel Station", "Online Marketplace",
        "Streaming Service", "Electric Utility", "Water Utility", "Phone Carrier", "Pharmacy",
        "Hardware Store", "Bookshop", "Airline", "Hotel", "Restaurant", "Gym Membership",
        "Insurance Co", "Rent", "Parking", "Ride Share",
    )  # fmt: skip

    account_number = patterned(
        "account_number_formats", marks=True, doc="A bank account number: ``4021558873``."
    )
    account_type = vocabulary("account_types")
    transaction_type = vocabulary("transaction_types")
    transaction_status = vocabulary("transaction_statuses")
    transaction_description = patterned(
        "transaction_descriptions", marks=True, doc="``Payment to Corner Cafe``."
    )

    def transaction_amount(self, min_value: float = 0.5, max_value: float = 25_000) -> Decimal:
        """An amount with 2 decimals: a long tail, mostly tens of dollars, now and then thousands."""
        value = math.exp(self.generator.random.gauss(3.6, 1.3))
        cents = round(min(max(value, float(min_value)), float(max_value)) * 100)
        return Decimal(max(cents, 1)).scaleb(-2)
