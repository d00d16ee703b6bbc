"""Column rules of the six named domains: which domain vocabulary fills a column, and why.

A rule applies when the request names its domain ("add e-commerce sample data"). A rule the
table and column make unmistakable (`products.name`, `patients.blood_type`,
`transactions.transaction_type`) is `bound`: it applies without a domain too, so a product
is never named like a person. The reason names the vocabulary and its domain, for the
preview and the rationale: "product-name vocabulary (e-commerce)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from querynl.planning.columns.builders import NUMERIC, TEXTUAL, Builder, Built, fitted, fk, ours, text_of
from querynl.planning.columns.phrases import R, Rule
from querynl.schema import ColumnInfo

INTEGER = frozenset({"integer"})
MONEY = frozenset({"decimal", "float"})
PRODUCT_TABLES = "product, good, product variant, sku"
POST_TABLES = "post, article, entry, story, blog post, blog entry, blog"
COMMENT_TABLES = "comment, reply, blog comment, post comment"
SOCIAL_TABLES = "post, status, tweet, update, story, reel, social post"
USER_TABLES = "user, account, profile, member, creator, influencer, author"
PATIENT_TABLES = "patient, visit, encounter, admission, diagnosis, record, medical record, condition"
ACCOUNT_TABLES = "account, bank account, wallet"
TRANSACTION_TABLES = "transaction, transfer, payment, ledger entry, entry, bank transaction, posting"
STOCK_TABLES = "inventory, stock, stock level, bin, location, warehouse location, stock item, product"
MOVEMENT_TABLES = "movement, stock movement, inventory movement, inventory transaction, stock transaction"


@dataclass(frozen=True)
class DomainRule:
    rule: Rule
    label: str  # "product-name vocabulary"
    domain: str  # a named domain (request/domains.py)
    bound: bool = False  # the table and column say it: applies without a domain too

    @property
    def reason(self) -> str:
        return f"{self.label} ({self.domain})"


def _decimal_limit(col: ColumnInfo, digits: int = 2) -> float | None:
    """The largest value NUMERIC(precision, scale) holds; None when the column does not say."""
    if col.precision is None:
        return None
    return float(10 ** (col.precision - digits) - 10**-digits)


def money(provider: str) -> Builder:
    """A Decimal with 2 decimals from `provider`, below what the column holds; None for a
    column with fewer decimals (the generic rules round those)."""

    def build(col: ColumnInfo) -> Built:
        if col.kind not in MONEY or (col.scale is not None and col.scale < 2):
            return None
        limit = _decimal_limit(col)
        return provider, ({} if limit is None else {"max_value": limit})

    return build


def counted(provider: str) -> Builder:
    """An integer count from `provider`, at most what the column holds."""

    def build(col: ColumnInfo) -> Built:
        if col.kind != "integer" or (col.int_min is not None and col.int_min > 0):
            return None
        return provider, ({} if col.int_max is None else {"max_value": min(col.int_max, 2**31 - 1)})

    return build


def _rules(domain: str, *rows: tuple) -> tuple[DomainRule, ...]:
    """(label, phrases, kinds, builder, tables, bound) rows of one domain."""
    return tuple(
        DomainRule(R(phrases, kinds, build, tables=tables), label, domain, bound)
        for label, phrases, kinds, build, tables, bound in rows
    )


def _words(provider: str) -> Builder:
    return text_of(ours(provider))


ECOMMERCE = _rules(
    "e-commerce",
    ("product-name vocabulary", "product name, product title, item name", TEXTUAL,
     _words("product_name"), "", True),
    ("product-name vocabulary", "name, title", TEXTUAL, _words("product_name"), PRODUCT_TABLES, True),
    ("product-name vocabulary", "name", TEXTUAL, _words("product_name"), "item, article", True),
    ("product-category vocabulary", "category, category name, product category", TEXTUAL,
     _words("product_category"), "", False),
    ("product-category vocabulary", "name, title", TEXTUAL, _words("product_category"),
     "category, product category, department, collection", False),
    ("shelf prices by category", "price, unit price, list price, sale price, retail price, msrp, base price",
     MONEY, money("product_price"), "", False),
    ("product-description vocabulary", "description, details, long description, short description, summary",
     TEXTUAL, _words("product_description"), PRODUCT_TABLES, False),
    ("order-status vocabulary", "status, order status", TEXTUAL, _words("order_status"), "order", False),
    ("payment-status vocabulary", "status, payment status", TEXTUAL, _words("payment_status"),
     "payment, invoice, charge, refund", False),
    ("shipping-status vocabulary", "status, shipment status, shipping status, delivery status", TEXTUAL,
     _words("shipment_status"), "shipment, delivery, shipping, parcel", False),
)  # fmt: skip
BLOG = _rules(
    "blog",
    ("post-title vocabulary", "title, headline, post title, subject", TEXTUAL,
     _words("post_title"), POST_TABLES,
     False),
    ("post-body sentences", "body, content, text, post body, post content, html, markdown", TEXTUAL,
     _words("post_body"), POST_TABLES, False),
    ("post-excerpt sentences", "excerpt, summary, teaser, abstract, lead, description, intro", TEXTUAL,
     _words("post_excerpt"), POST_TABLES, False),
    ("post slugs", "slug, permalink, url slug", TEXTUAL, _words("post_slug"), POST_TABLES, False),
    ("post-status vocabulary", "status, post status", TEXTUAL, _words("post_status"), POST_TABLES, False),
    ("comment sentences", "body, content, text, comment, message", TEXTUAL, _words("comment_body"),
     COMMENT_TABLES, False),
    ("blog-tag vocabulary", "name, tag, tag name, label", TEXTUAL, _words("blog_tag"), "tag", False),
    ("blog-category vocabulary", "name, category, category name", TEXTUAL,
     _words("blog_category"), "category",
     False),
)  # fmt: skip
SOCIAL = _rules(
    "social media",
    ("follower counts (long tail)", "follower, follower count, followers count, following, following count,"
     " subscriber count, friend count", NUMERIC, counted("follower_count"), "", True),
    ("handle vocabulary", "handle, screen name, username, user name", TEXTUAL, _words("social_handle"),
     USER_TABLES, False),
    ("hashtag vocabulary", "hashtag, hash tag", TEXTUAL, _words("hashtag"), "", True),
    ("hashtag vocabulary", "name, tag, text", TEXTUAL, _words("hashtag"), "hashtag, tag", False),
    ("short-post sentences", "body, content, text, caption, message, post", TEXTUAL, _words("social_post"),
     SOCIAL_TABLES, False),
    ("reaction vocabulary", "reaction, reaction type, type, kind, emoji", TEXTUAL, _words("reaction_type"),
     "reaction, like, post reaction", False),
    ("platform vocabulary", "platform, network, social network", TEXTUAL,
     _words("social_platform"), "", False),
    ("like counts (long tail)", "like, like count, likes count, share, share count, view, view count,"
     " comment count, repost count", NUMERIC, counted("follower_count"), "", False),
)  # fmt: skip
MEDICAL = _rules(
    "medical",
    ("ICD-10 diagnoses", "diagnosis, diagnosis name, diagnosis description, primary diagnosis", TEXTUAL,
     _words("diagnosis"), "", True),
    ("ICD-10 diagnoses", "name, description, condition, title", TEXTUAL, _words("diagnosis"),
     "diagnosis, disease, medical condition", True),
    ("ICD-10 diagnoses", "condition, chief complaint, reason, complaint, problem", TEXTUAL,
     _words("diagnosis"),
     PATIENT_TABLES + ", appointment", False),
    ("ICD-10 codes", "icd, icd code, icd 10, icd10, icd10 code, icd 10 code, diagnosis code", TEXTUAL,
     _words("icd10_code"), "", True),
    ("ICD-10 codes", "code", TEXTUAL, _words("icd10_code"), "diagnosis, disease, medical condition", True),
    ("medication vocabulary", "medication, medication name, drug, drug name, medicine, medicine name",
     TEXTUAL, _words("medication"), "", True),
    ("medication vocabulary", "name", TEXTUAL, _words("medication"), "medication, drug, medicine", True),
    ("prescription vocabulary", "dosage, dose, sig, instructions, prescription, directions", TEXTUAL,
     _words("prescription"), "prescription, medication, order, patient medication", False),
    ("blood types", "blood type, blood group, abo", TEXTUAL, _words("blood_type"), "", True),
    ("allergy vocabulary", "allergy, allergies, allergen, known allergies", TEXTUAL,
     _words("allergy"), "", True),
    ("allergy vocabulary", "name", TEXTUAL, _words("allergy"), "allergy, allergen", True),
    ("specialty vocabulary", "specialty, speciality, specialization, department", TEXTUAL,
     _words("medical_specialty"), "doctor, physician, provider, clinician, practitioner, department", False),
    ("appointment-status vocabulary", "status", TEXTUAL, _words("appointment_status"),
     "appointment, visit, encounter", False),
)  # fmt: skip
FINANCE = _rules(
    "financial",
    ("IBANs", "iban", TEXTUAL, text_of(fk("iban", 34), fitted("iban", 1)), "", False),
    ("account-number pattern", "account number, account no, account num", TEXTUAL,
     _words("account_number"), ACCOUNT_TABLES, False),
    ("account-type vocabulary", "account type", TEXTUAL, _words("account_type"), "", True),
    ("account-type vocabulary", "type, kind, category", TEXTUAL,
     _words("account_type"), ACCOUNT_TABLES, False),
    ("transaction-type vocabulary", "transaction type, txn type", TEXTUAL,
     _words("transaction_type"), "", True),
    ("transaction-type vocabulary", "type, kind, category", TEXTUAL, _words("transaction_type"),
     TRANSACTION_TABLES, True),
    ("transaction amounts (long tail)", "amount, value, sum, total, transaction amount", MONEY,
     money("transaction_amount"), TRANSACTION_TABLES, False),
    ("transaction-status vocabulary", "status, transaction status", TEXTUAL, _words("transaction_status"),
     TRANSACTION_TABLES, False),
    ("transaction descriptions", "description, memo, narrative, details, reference text, label", TEXTUAL,
     _words("transaction_description"), TRANSACTION_TABLES, False),
)  # fmt: skip
INVENTORY = _rules(
    "inventory",
    ("bin-location pattern", "bin, bin location, bin code, location code, storage location, shelf location",
     TEXTUAL, _words("bin_location"), "", True),
    ("bin-location pattern", "name, label, location", TEXTUAL, _words("bin_location"),
     "bin, location, storage location, slot, shelf", False),
    ("lot-number pattern", "lot number, lot no, lot code, batch number, batch no, batch code", TEXTUAL,
     _words("lot_number"), "", True),
    ("lot-number pattern", "lot, batch", TEXTUAL, _words("lot_number"), "", False),
    ("stock levels (long tail)", "quantity on hand, qty on hand, on hand, stock, stock level, quantity,"
     " qty, available, available quantity, unit in stock",
     NUMERIC, counted("stock_level"), STOCK_TABLES, False),
    ("warehouse-name vocabulary", "name, title", TEXTUAL, _words("warehouse_name"), "warehouse, depot", True),
    ("unit-of-measure vocabulary", "unit of measure, uom, unit", TEXTUAL,
     _words("unit_of_measure"), "", False),
    ("unit-of-measure vocabulary", "unit of measure, uom", TEXTUAL, _words("unit_of_measure"), "", True),
    ("stock-movement vocabulary", "type, movement type, kind, reason", TEXTUAL, _words("stock_movement_type"),
     MOVEMENT_TABLES, True),
)  # fmt: skip
DOMAIN_RULES: tuple[DomainRule, ...] = (*ECOMMERCE, *BLOG, *SOCIAL, *MEDICAL, *FINANCE, *INVENTORY)
_REASON = re.compile(r"\((?P<domain>[a-z -]+)\)$")


def domain_of_reason(reason: str | None) -> str | None:
    """The domain a choice's reason names ("product-name vocabulary (e-commerce)"), or None."""
    match = _REASON.search(reason or "")
    domains = {rule.domain for rule in DOMAIN_RULES}
    return match.group("domain") if match and match.group("domain") in domains else None
