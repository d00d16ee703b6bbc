"""Vocabularies our providers draw from: data only, no logic."""

from __future__ import annotations

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
