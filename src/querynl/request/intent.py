"""Is this line a test-data request? And what does it ask for?"""

from __future__ import annotations

import re

from querynl.models import TestDataRequest
from querynl.request.domains import detect_domain, domain_words
from querynl.request.quantities import normalize_numbers, parse_quantities
from querynl.request.table_words import Chooser, TableResolver
from querynl.schema import SchemaMetadata

_INTENT = [
    re.compile(r"\b(sample|test|fake|dummy|seed|mock|demo)\s+data\b", re.I),
    re.compile(r"^\s*(populate|seed|fill)\b", re.I),
    re.compile(
        r"^\s*generate\b(?!.*\b(report|summary|chart|graph|diagram|query|sql|script|dashboard)s?\b)"
        r".*\b(data|rows|records)\b",
        re.I,
    ),
]
# A question about something, or a verb that reads, removes or exports: never a request to
# generate, whatever words follow ("how do I populate a dropdown?", "delete the test data").
_NOT_GENERATION = re.compile(
    r"^\s*(how|what|why|where|when|which|who|whose|is|are|does|do|did|"
    r"delete|remove|drop|clear|truncate|show|list|count|find|explain|describe|export)\b",
    re.I,
)
_POLITE = re.compile(r"^\s*(?:(?:please|can\s+you|could\s+you|would\s+you|kindly)\s+)+", re.I)
# "add 100 users", "insert a dozen tags", "users: 100, orders: 500" (after number words are digits)
_COUNTED = [
    re.compile(r"^\s*(add|insert|generate|create)\s+(\d+)\s+(?!(tables?|columns?|index(es)?)\b)\w", re.I),
    re.compile(r"^\s*[\w ]+:\s*\d+(\s*,\s*[\w ]+:\s*\d+)*\s*$", re.I),
]
# "add e-commerce product data", "generate blog data": a named domain's data
_DOMAIN_DATA = re.compile(
    r"^\s*(?:add|generate|insert|create|make|give\s+me)\b.*\b(?:data|rows|records)\s*[.!]?\s*$", re.I
)
__all__ = ["detect_domain", "detect_test_data_intent", "parse_request", "split_the_rest"]


def detect_test_data_intent(text: str) -> bool:
    text = _POLITE.sub("", text)
    if _NOT_GENERATION.match(text):
        return False
    if any(p.search(text) for p in _INTENT):
        return True
    if _DOMAIN_DATA.search(text) and detect_domain(text):
        return True
    normalized = normalize_numbers(text)
    return any(p.search(normalized) for p in _COUNTED)


# "... and sample data for the rest", "... and fill everything else"
_THE_REST = re.compile(
    r"(?:[,;]?\s*\b(?:and|plus|then)\s+)?\b(?:"
    r"(?:add\s+|with\s+)?(?:some\s+)?(?:sample|test|fake|dummy|demo|default)\s+(?:data|rows|records)\s+"
    r"(?:for|to|in)\s+(?:all\s+)?(?:the\s+)?(?:rest|others|other\s+tables|remaining\s+tables|everything\s+else)"
    r"|fill\s+(?:in\s+|up\s+)?(?:the\s+rest|everything\s+else|(?:all\s+)?(?:the\s+)?(?:other|remaining)\s+tables)"
    r")\b",
    re.I,
)


def split_the_rest(text: str) -> tuple[str, bool]:
    """The request without its "and sample data for the rest", and whether it had one."""
    remaining, found = _THE_REST.subn(" ", text)
    return remaining.strip(), bool(found)


def parse_request(
    text: str,
    schema: SchemaMetadata | None = None,
    seed: int | None = None,
    choose: Chooser | None = None,
) -> TestDataRequest:
    """Words -> request. Named tables must exist (UnknownTableError suggests the closest);
    words that name two tables equally go to ``choose`` (or fail with AmbiguousTableError)."""
    named, the_rest = split_the_rest(text)
    about = domain_words(named)
    fillable = [t for t in schema.tables if not t.reference_only] if schema else []
    resolver = TableResolver(
        [t.name for t in fillable],
        schema_name=schema.default_schema if schema else None,
        choose=choose,
        locations={t.name: t.location for t in fillable},
    )
    quantities = parse_quantities(about.rest, resolver)
    return TestDataRequest(
        user_query=text.strip(),
        target_tables=list(quantities.record_counts),
        record_counts=quantities.record_counts,
        default_count=quantities.default_count,
        fill_rest=the_rest and bool(quantities.record_counts),
        domain_context=about.domain,
        domain_text=about.text,
        database_type=schema.dialect if schema else None,
        seed=seed,
    )
