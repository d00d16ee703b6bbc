"""Our own Faker providers: realistic values Faker lacks, and length-safe variants.

Every provider draws its randomness from the owning Faker instance (``self.random_*`` and
``self.generator``), so a seeded Faker reproduces the same values. String providers take an
optional ``max_chars`` and never return more characters than that.
"""

from __future__ import annotations

import datetime as dt
import json
import string
from decimal import Decimal
from typing import Any

from faker.providers import BaseProvider

# --------------------------------------------------------------------------- data

PRODUCT_ADJECTIVES = (
    "Ergonomic", "Rustic", "Sleek", "Intelligent", "Gorgeous", "Incredible", "Practical",
    "Handcrafted", "Refined", "Small", "Large", "Durable", "Lightweight", "Heavy Duty",
    "Fantastic", "Awesome", "Generic", "Licensed", "Modern", "Vintage", "Compact", "Premium",
)  # fmt: skip
PRODUCT_MATERIALS = (
    "Steel", "Wooden", "Concrete", "Plastic", "Cotton", "Granite", "Rubber", "Leather",
    "Silk", "Wool", "Linen", "Marble", "Iron", "Bronze", "Copper", "Aluminum", "Paper",
    "Glass", "Ceramic", "Bamboo",
)  # fmt: skip
PRODUCT_NOUNS = (
    "Chair", "Car", "Computer", "Keyboard", "Mouse", "Bike", "Ball", "Gloves", "Pants",
    "Shirt", "Table", "Shoes", "Hat", "Towels", "Soap", "Tuna", "Chicken", "Fish", "Cheese",
    "Bacon", "Pizza", "Salad", "Sausages", "Chips", "Lamp", "Clock", "Wallet", "Bottle",
    "Knife", "Bag", "Watch", "Plate", "Mug", "Bench", "Coat",
)  # fmt: skip
PRODUCT_CATEGORIES = (
    "Beverages", "Condiments", "Confections", "Dairy Products", "Grains/Cereals",
    "Meat/Poultry", "Produce", "Seafood", "Electronics", "Books", "Clothing", "Shoes",
    "Jewelry", "Toys", "Sports", "Outdoors", "Garden", "Home", "Kitchen", "Beauty", "Health",
    "Automotive", "Tools", "Music", "Movies", "Games", "Baby", "Pet Supplies", "Office",
    "Computers",
)  # fmt: skip
QUANTITY_UNITS = (
    "boxes", "bags", "bottles", "jars", "cans", "pkgs.", "pieces", "glasses", "tins", "kg pkg.",
)  # fmt: skip
ORDER_STATUSES = (
    "pending", "processing", "shipped", "delivered", "cancelled", "returned", "on_hold",
)  # fmt: skip
PAYMENT_STATUSES = ("pending", "authorized", "paid", "failed", "refunded", "cancelled")
PAYMENT_METHODS = (
    "credit_card", "debit_card", "paypal", "bank_transfer", "cash", "apple_pay",
    "google_pay", "gift_card",
)  # fmt: skip
SHIPPING_METHODS = (
    "standard", "express", "overnight", "two_day", "ground", "pickup", "international",
)  # fmt: skip
SHIPMENT_STATUSES = ("label_created", "in_transit", "out_for_delivery", "delivered", "returned")
CARRIERS = ("UPS", "FedEx", "DHL", "USPS", "Royal Mail", "Canada Post", "La Poste", "GLS")
GENERIC_STATUSES = ("active", "inactive", "pending", "suspended", "archived", "draft")
TAGS = (
    "python", "sql", "travel", "food", "music", "design", "health", "finance", "science",
    "sports", "news", "tech", "art", "books", "movies", "gaming", "fashion", "education",
    "history", "nature", "startup", "security", "cloud", "data", "photography",
)  # fmt: skip
CURRENCY_CODES = ("USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "CNY", "SEK", "BRL", "INR")
LANGUAGE_CODES = ("en", "fr", "de", "es", "it", "pt", "nl", "ja", "zh", "ru", "sv", "pl", "ko")
DEPARTMENTS = (
    "Sales", "Marketing", "Finance", "Human Resources", "Engineering", "Research",
    "Development", "Customer Service", "Production", "Quality Management", "Legal",
    "Operations", "IT", "Purchasing", "Logistics",
)  # fmt: skip
JOB_TITLES = (
    "Sales Representative", "Sales Manager", "Sales Agent", "Sales Associate",
    "General Manager", "IT Staff", "IT Manager", "Sales Support Agent", "Owner",
    "Marketing Manager", "Accounting Manager", "Order Administrator", "Engineer",
    "Senior Engineer", "Staff", "Senior Staff", "Technique Leader", "Assistant Engineer",
    "Product Manager", "Data Analyst", "Accountant", "Buyer", "Designer", "Developer",
    "Inside Sales Coordinator", "Vice President, Sales", "Marketing Assistant", "Manager",
)  # fmt: skip
ROLES = ("admin", "editor", "author", "viewer", "moderator", "member", "guest", "owner")
GENRES = (
    "Rock", "Jazz", "Metal", "Alternative & Punk", "Rock And Roll", "Blues", "Latin",
    "Reggae", "Pop", "Soundtrack", "Bossa Nova", "Easy Listening", "Heavy Metal", "R&B/Soul",
    "Electronica/Dance", "World", "Hip Hop/Rap", "Classical", "Opera", "Drama", "Comedy",
    "Sci Fi & Fantasy", "Country", "Folk", "Documentary", "Horror", "Action", "Animation",
)  # fmt: skip
MEDIA_TYPES = (
    "MPEG audio file", "Protected AAC audio file", "Protected MPEG-4 video file",
    "Purchased AAC audio file", "AAC audio file", "FLAC audio file", "WAV audio file",
)  # fmt: skip
BAND_NOUNS = (
    "Foxes", "Wolves", "Echoes", "Strangers", "Pilots", "Kings", "Shadows", "Lions",
    "Horizons", "Machines", "Ravens", "Rebels", "Giants", "Saints", "Comets",
)  # fmt: skip
BAND_ADJECTIVES = (
    "Velvet", "Electric", "Silent", "Golden", "Midnight", "Crimson", "Wild", "Neon",
    "Broken", "Iron", "Lonely", "Cosmic", "Black", "Arctic", "Rolling",
)  # fmt: skip
FILM_RATINGS = ("G", "PG", "PG-13", "R", "NC-17")
REGIONS = ("Eastern", "Western", "Northern", "Southern", "Central", "North East", "South West")
FILE_EXTENSIONS = ("pdf", "png", "jpg", "txt", "csv", "docx", "xlsx", "mp3", "zip", "json")

# Generator plumbing and large payloads that ``fit`` must not call.
_NOT_FITTABLE = frozenset(
    {"fit", "binary", "format", "parse", "add_provider", "get_formatter", "set_formatter",
     "seed", "seed_instance", "seed_locale", "set_arguments", "get_arguments", "del_arguments",
     "get_providers", "provider"}
)  # fmt: skip

# --------------------------------------------------------------------------- helpers


def clip(text: str, max_chars: int | None) -> str:
    """Shorten to ``max_chars``: at a word boundary when one is near, else a hard cut."""
    if max_chars is None or len(text) <= max_chars:
        return text
    cut = text[:max_chars].rstrip(" ,;:-/&")
    space = cut.rfind(" ")
    if space >= max_chars // 2:
        cut = cut[:space].rstrip(" ,;:-/&")
    return cut or text[:max_chars]


def _positive(max_chars: int | None) -> int | None:
    return None if max_chars is None else max(1, int(max_chars))


# --------------------------------------------------------------------------- providers


class _Base(BaseProvider):
    def _pick(self, values: tuple[str, ...], max_chars: int | None) -> str:
        """A random value that fits, or a clipped one when none does."""
        max_chars = _positive(max_chars)
        fitting = [v for v in values if max_chars is None or len(v) <= max_chars]
        if fitting:
            return self.random_element(fitting)
        return clip(self.random_element(values), max_chars)

    def _retry(self, make, max_chars: int | None, tries: int = 10) -> str:
        """Draw up to ``tries`` values looking for one that fits; clip the last otherwise."""
        max_chars = _positive(max_chars)
        value = str(make())
        for _ in range(tries - 1):
            if max_chars is None or len(value) <= max_chars:
                return value
            value = str(make())
        return clip(value, max_chars)

    def _letters(self, count: int, alphabet: str = string.ascii_uppercase) -> str:
        return "".join(self.random_element(alphabet) for _ in range(count))


class CommerceProvider(_Base):
    def product_name(self, max_chars: int | None = None) -> str:
        def make() -> str:
            parts = (PRODUCT_ADJECTIVES, PRODUCT_MATERIALS, PRODUCT_NOUNS)
            return " ".join(self.random_element(p) for p in parts)

        return self._retry(make, max_chars)

    def product_category(self, max_chars: int | None = None) -> str:
        return self._pick(PRODUCT_CATEGORIES, max_chars)

    def category_name(self, max_chars: int | None = None) -> str:
        return self.product_category(max_chars)

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

    def order_status(self, max_chars: int | None = None) -> str:
        return self._pick(ORDER_STATUSES, max_chars)

    def payment_status(self, max_chars: int | None = None) -> str:
        return self._pick(PAYMENT_STATUSES, max_chars)

    def payment_method(self, max_chars: int | None = None) -> str:
        return self._pick(PAYMENT_METHODS, max_chars)

    def shipping_method(self, max_chars: int | None = None) -> str:
        return self._pick(SHIPPING_METHODS, max_chars)

    def shipment_status(self, max_chars: int | None = None) -> str:
        return self._pick(SHIPMENT_STATUSES, max_chars)

    def carrier(self, max_chars: int | None = None) -> str:
        return self._pick(CARRIERS, max_chars)

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


class StatusProvider(_Base):
    def status(self, max_chars: int | None = None) -> str:
        return self._pick(GENERIC_STATUSES, max_chars)

    def role_name(self, max_chars: int | None = None) -> str:
        return self._pick(ROLES, max_chars)

    def flag(self, truth_probability: int = 50) -> int:
        """0 or 1, for integer columns that hold booleans."""
        return int(self.random_int(1, 100) <= truth_probability)


class TextProvider(_Base):
    def short_text(self, max_chars: int = 200) -> str:
        """Faker ``text`` made safe for any ``max_chars >= 1``."""
        max_chars = max(1, int(max_chars))
        if max_chars >= 5:
            return self.generator.text(max_nb_chars=max_chars)
        return self.word_fitting(max_chars)

    def word_fitting(self, max_chars: int = 10) -> str:
        """One lowercase word of at most ``max_chars`` letters."""
        max_chars = max(1, int(max_chars))
        for _ in range(10):
            word = self.generator.word()
            if len(word) <= max_chars:
                return word
        return self._letters(max_chars, string.ascii_lowercase)

    def title(self, max_chars: int | None = 80) -> str:
        """A headline-like sentence without the trailing period."""
        nb_words = self.random_int(2, 6)
        text = self.generator.sentence(nb_words=nb_words, variable_nb_words=False)
        return clip(text.rstrip("."), _positive(max_chars))

    def label(self, max_chars: int | None = None) -> str:
        """One to three capitalised words, e.g. ``North Harbor``: a name for a thing."""
        words = [self.generator.word().capitalize() for _ in range(self.random_int(1, 3))]
        return clip(" ".join(words), _positive(max_chars))

    def tag(self, max_chars: int | None = None) -> str:
        return self._pick(TAGS, max_chars)

    def tag_name(self, max_chars: int | None = None) -> str:
        return self.tag(max_chars)

    def slug(self, value: str | None = None, max_chars: int | None = None) -> str:
        """Lowercase words joined by hyphens, e.g. ``quick-brown-fox``."""
        if value is None:
            value = " ".join(self.generator.words(nb=self.random_int(2, 4)))
        text = "-".join("".join(c for c in w if c.isalnum()) for w in value.lower().split())
        return clip(text.replace("--", "-"), _positive(max_chars)).strip("-") or "x"

    def username(self, max_chars: int | None = None) -> str:
        return self._retry(self.generator.user_name, max_chars)

    def version(self, max_chars: int | None = None) -> str:
        value = f"{self.random_int(0, 9)}.{self.random_int(0, 20)}.{self.random_int(0, 30)}"
        return clip(value, max_chars)

    def fit(self, source: str, max_chars: int, args: dict[str, Any] | None = None) -> str:
        """Any string formatter, retried then clipped so that it fits ``max_chars``."""
        if source.startswith("_") or source in _NOT_FITTABLE:
            raise ValueError(f"fit cannot wrap {source!r}")
        return self._retry(lambda: self.generator.format(source, **(args or {})), max_chars)


class PeopleProvider(_Base):
    def department(self, max_chars: int | None = None) -> str:
        return self._pick(DEPARTMENTS, max_chars)

    def job_title(self, max_chars: int | None = None) -> str:
        return self._pick(JOB_TITLES, max_chars)

    def phone(self, max_chars: int | None = None) -> str:
        """A phone number with digits that fits ``max_chars``."""
        formats = ("(###) ###-####", "###-###-####", "+1-###-###-####", "###.###.####")
        max_chars = _positive(max_chars)
        fitting = [f for f in formats if max_chars is None or len(f) <= max_chars]
        if fitting:
            return self.numerify(self.random_element(fitting))
        return self.numerify("#" * max_chars)

    def phone_extension(self, max_chars: int | None = None) -> str:
        width = min(_positive(max_chars) or 4, 4)
        return str(self.random_int(10 ** (width - 1) if width > 1 else 0, 10**width - 1))

    def short_email(self, max_chars: int | None = None) -> str:
        """An email address that fits ``max_chars`` (from 6 characters on)."""
        max_chars = _positive(max_chars)
        domain = self.random_element(("ex.io", "mail.com", "example.org", "corp.net"))
        user = "".join(c for c in self.generator.user_name() if c.isalnum()) or "user"
        if max_chars is not None:
            domain = domain if len(domain) + 2 <= max_chars else "x.io"
            user = user[: max(1, max_chars - len(domain) - 1)]
        return clip(f"{user}@{domain}", max_chars)

    def region_name(self, max_chars: int | None = None) -> str:
        return self._pick(REGIONS, max_chars)

    def city_code(self, max_chars: int | None = 3) -> str:
        return self._letters(min(_positive(max_chars) or 3, 3))

    def iso_language_code(self) -> str:
        """A two-letter ISO 639-1 code (Faker's ``language_code`` may give three)."""
        return self.random_element(LANGUAGE_CODES)


class MediaProvider(_Base):
    def genre(self, max_chars: int | None = None) -> str:
        return self._pick(GENRES, max_chars)

    def media_type(self, max_chars: int | None = None) -> str:
        return self._pick(MEDIA_TYPES, max_chars)

    def artist_name(self, max_chars: int | None = None) -> str:
        """A person or a band: ``Miles Davis`` or ``The Velvet Foxes``."""

        def make() -> str:
            if self.random_int(0, 1):
                return self.generator.name()
            adjective = self.random_element(BAND_ADJECTIVES)
            return f"The {adjective} {self.random_element(BAND_NOUNS)}"

        return self._retry(make, max_chars)

    def composer(self, max_chars: int | None = None) -> str:
        """One to three people, comma-separated, as in Chinook's ``Track.Composer``."""

        def make() -> str:
            return ", ".join(self.generator.name() for _ in range(self.random_int(1, 3)))

        return self._retry(make, max_chars)

    def film_rating(self) -> str:
        return self.random_element(FILM_RATINGS)

    def document_name(self, max_chars: int | None = None) -> str:
        """A file name such as ``annual_report.pdf``."""

        def make() -> str:
            words = "_".join(self.generator.words(nb=self.random_int(1, 2)))
            return f"{words}.{self.random_element(FILE_EXTENSIONS)}"

        return self._retry(make, max_chars)


class DataProvider(_Base):
    def json_object(self, nb_keys: int = 3) -> str:
        """A small JSON object as a string."""
        keys = self.generator.words(nb=max(1, nb_keys), unique=True)
        values: list[Any] = [
            self.random_int(0, 1000),
            self.generator.word(),
            bool(self.random_int(0, 1)),
        ]
        data = {key: values[i % len(values)] for i, key in enumerate(keys)}
        return json.dumps(data)

    def interval(self, max_days: int = 30) -> dt.timedelta:
        return dt.timedelta(
            days=self.random_int(0, max_days),
            hours=self.random_int(0, 23),
            minutes=self.random_int(0, 59),
        )

    def word_list(self, nb: int = 3) -> list[str]:
        return self.generator.words(nb=self.random_int(1, max(1, nb)))

    def int_list(self, nb: int = 3, min_value: int = 0, max_value: int = 1000) -> list[int]:
        """An integer array's value: one to ``nb`` numbers."""
        return [self.random_int(min_value, max_value) for _ in range(self.random_int(1, max(1, nb)))]

    def number_list(self, nb: int = 3, max_value: int = 1000) -> list[Decimal]:
        """A numeric array's value: one to ``nb`` numbers with two decimals."""
        count = self.random_int(1, max(1, nb))
        return [Decimal(self.random_int(0, max_value * 100)) / 100 for _ in range(count)]

    def date_text(self, start_date: str = "-5y", end_date: str = "today") -> str:
        return self.generator.date_between(start_date, end_date).isoformat()

    def datetime_text(self, start_date: str = "-2y", end_date: str = "now") -> str:
        moment = self.generator.date_time_between(start_date, end_date)
        return moment.strftime("%Y-%m-%d %H:%M:%S")

    def unix_timestamp(self, start_date: str = "-2y", end_date: str = "now") -> int:
        return int(self.generator.date_time_between(start_date, end_date).timestamp())


ALL_PROVIDERS: tuple[type[BaseProvider], ...] = (
    CommerceProvider,
    StatusProvider,
    TextProvider,
    PeopleProvider,
    MediaProvider,
    DataProvider,
)
