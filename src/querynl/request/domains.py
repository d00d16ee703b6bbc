"""What the data is about: one of the six named domains the rule planner knows, and the
user's own words for it ("for a veterinary clinic"), kept for the LLM planner.

A domain word that is the thing counted ("add 10 stores") names a table, not a domain; the
free-text phrase is taken out of the request before its counts are read, so that "50 rows
for a dentist's office" is not read as rows for a table called "dentist's office".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# domain -> the words that name it (each must start at a word boundary)
DOMAINS = {
    "e-commerce": r"e-?commerce|(?:online\s+|web\s+)?(?:shop|store)s?\b|shopping|retail|marketplace|"
    r"bookstore|bookshop|storefront|checkout",
    "blog": r"blog|blogging|blogs\b|publishing\s+platform|cms\b",
    "social media": r"social|twitter|instagram|tiktok|influencer",
    "medical": r"medical|health\s*care|health\b|clinic|hospital|patients?\b|dental|dentist|pharmac|"
    r"veterinar|\bvet\b|doctor'?s?\s+office|physician",
    "financial": r"financ|fintech|bank|accounting|ledger|brokerage",
    "inventory": r"inventory|warehous|stock\s+(?:control|management|keeping)|logistics|supply\s+chain",
}
_COUNTED = re.compile(r"\d\s*$")  # "10 stores": the word is the thing counted...
_COUNTED_END = re.compile(r"\s*(?:$|[,;:.]|\band\b|\bplus\b|\bto\b|\bin\b|\d)", re.I)  # ...and ends it
_STOP = r"(?=\s*(?:$|[,.;:!?]|\band\b|\bwith\b|\bplus\b|\d))"
_FREE_TEXT = [
    # "... for a veterinary clinic", "... for our dentist's office"
    re.compile(rf"\s*\bfor\s+(?:a|an|my|our|some)\s+(?P<text>[a-z][\w'’ -]*?){_STOP}", re.I),
    # "... like an online bookstore", "... as a hotel chain would have"
    re.compile(rf"\s*\b(?:like|as)\s+(?:a|an)\s+(?P<text>[a-z][\w'’ -]*?){_STOP}", re.I),
]
# "add veterinary clinic sample data", "generate realistic e-commerce test data"
_BEFORE_DATA = re.compile(
    r"^\s*(?:add|generate|insert|create|make|give\s+me)\s+(?P<text>[a-z][\w'’ -]*?)\s+"
    r"(?:sample|test|fake|dummy|demo|mock|seed)\s+(?:data|rows|records)\b",
    re.I,
)
_FILLER = {"some", "more", "new", "additional", "extra", "realistic", "random", "plausible", "the", "of"}


@dataclass(frozen=True)
class DomainWords:
    domain: str | None  # one of DOMAINS
    text: str | None  # the user's own words for what the data is about
    rest: str  # the request without the free-text phrase (its counts and tables)


def detect_domain(text: str) -> str | None:
    """The first named domain a word of `text` names, not counting the thing counted."""
    for domain, pattern in DOMAINS.items():
        for match in re.finditer(rf"\b(?:{pattern})", text, re.I):
            counted = _COUNTED.search(text[: match.start()]) and _COUNTED_END.match(text, match.end())
            if not counted:
                return domain
    return None


def domain_words(text: str) -> DomainWords:
    """The domain of a request, in its own words and as a named one."""
    rest, found = text, None
    for pattern in _FREE_TEXT:
        match = pattern.search(rest)
        if match:
            found = match.group("text")
            rest = (rest[: match.start()] + rest[match.end() :]).strip()
            break
    if found is None and (before := _BEFORE_DATA.search(text)):
        found = before.group("text")
    words = _described(found)
    return DomainWords(detect_domain(text), words, rest)


def _described(text: str | None) -> str | None:
    """The phrase without filler words (`some`, `realistic`...); None when nothing is left."""
    words = (text or "").split()
    while words and words[0].lower() in _FILLER:
        words.pop(0)
    if not words or words[0][0].isdigit():
        return None
    return " ".join(words)
