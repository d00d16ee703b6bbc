"""Faker's template formatters (names, cities, streets, companies, user names, emails)
composed for a whole batch at once from the same locale data Faker uses.

Faker builds such a value by picking one of a provider's templates (``{{first_name}}
{{last_name}}``) and filling each ``{{token}}`` with another formatter, most of them one
pick from a weighted word list. Here the template is picked for every row at once, then
each token is filled for all the rows that use it in one weighted draw: the same parts and
frequencies as Faker called once per value, so as many distinct values, at a fraction of
the cost. A token this module does not know is filled by its Faker formatter per value.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable, Sequence
from itertools import accumulate, repeat
from typing import Any

from faker import Faker

Compose = Callable[[random.Random, int], list[Any]]

_TOKEN = re.compile(r"\{\{\s*(\w+)\s*\}\}")
# Faker's numerify and bothify: '!' and '@' are a digit or nothing (it_IT's building numbers)
_MARKS = {
    "#": string.digits,
    "%": "123456789",
    "?": string.ascii_letters,
    "!": [*string.digits, ""],
    "@": [*"123456789", ""],
}

# formatter -> the provider attribute holding its templates (filled token by token)
TEMPLATES = {
    "name": "formats",
    "name_female": "formats_female",
    "name_male": "formats_male",
    "city": "city_formats",
    "street_name": "street_name_formats",
    "street_address": "street_address_formats",
    "company": "formats",
    "user_name": "user_name_formats",
}
# formatter -> templates whose '#' and '%' become digits (Faker's numerify)
NUMERIFIED = {
    "building_number": "building_number_formats",
    "secondary_address": "secondary_address_formats",
}
# formatter -> the provider attribute it picks one element of
ELEMENTS = {
    "first_name": "first_names",
    "first_name_female": "first_names_female",
    "first_name_male": "first_names_male",
    "first_name_nonbinary": "first_names_nonbinary",
    "last_name": "last_names",
    "prefix_female": "prefixes_female",
    "prefix_male": "prefixes_male",
    "prefix_nonbinary": "prefixes_nonbinary",
    "suffix_female": "suffixes_female",
    "suffix_male": "suffixes_male",
    "suffix_nonbinary": "suffixes_nonbinary",
    "city_prefix": "city_prefixes",
    "city_suffix": "city_suffixes",
    "street_suffix": "street_suffixes",
    "company_suffix": "company_suffixes",
    "job": "jobs",
    "safe_domain_name": "safe_domain_names",
    "free_email_domain": "free_email_domains",
    "tld": "tlds",
}


class Choices:
    """A provider's word list or weighted dict, drawn from many times at once."""

    def __init__(self, data: Sequence[str] | dict[str, float]) -> None:
        self.items = list(data)
        self.cum = list(accumulate(data.values())) if isinstance(data, dict) else None

    def draw(self, rng: random.Random, n: int) -> list[str]:
        return rng.choices(self.items, cum_weights=self.cum, k=n)


class Templates:
    """Composers for one Faker's template formatters."""

    def __init__(self, fake: Faker) -> None:
        self.fake = fake
        self._data: dict[tuple[str, str], Choices | None] = {}

    def composer(self, formatter: str) -> Compose | None:
        """n values of `formatter` at once, or None when it is not a template formatter."""
        if formatter == "email":
            return self._email if self._choices("safe_domain_name", "safe_domain_names") else None
        for table in (TEMPLATES, NUMERIFIED, ELEMENTS):
            if formatter in table and self._choices(formatter, table[formatter]) is not None:
                return lambda rng, n: self.values(formatter, rng, n)
        return None

    def values(self, token: str, rng: random.Random, n: int) -> list[str]:
        """n values of the Faker formatter `token`, composed when it can be."""
        if token in TEMPLATES and (templates := self._choices(token, TEMPLATES[token])):
            if token != "user_name":
                return self._expand(templates, rng, n, _plain)
            return self._ascii_lower(self._expand(templates, rng, n, _fill_marks))
        if token in NUMERIFIED and (templates := self._choices(token, NUMERIFIED[token])):
            return self._expand(templates, rng, n, _fill_marks)
        if token in ELEMENTS and (elements := self._choices(token, ELEMENTS[token])):
            return elements.draw(rng, n)
        make = self.fake.get_formatter(token)
        return [make() for _ in range(n)]

    def _email(self, rng: random.Random, n: int) -> list[str]:
        """Faker's safe email: a user name at one of the example domains, lowercase."""
        domains = self._choices("safe_domain_name", "safe_domain_names")
        users = self.values("user_name", rng, n)
        return [f"{u}@{d}".lower() for u, d in zip(users, domains.draw(rng, n), strict=True)]

    def _ascii_lower(self, values: list[str]) -> list[str]:
        """As Faker's user_name ends: lowercase, transliterated to ASCII."""
        internet = self.fake.get_formatter("user_name").__self__
        lowered = (v.lower() for v in values)
        return [v if v.isascii() else internet._to_ascii(v) for v in lowered]

    def _choices(self, formatter: str, attribute: str) -> Choices | None:
        key = (formatter, attribute)
        if key not in self._data:
            try:
                owner = self.fake.get_formatter(formatter).__self__
            except AttributeError:
                owner = None
            data = getattr(owner, attribute, None)
            if (
                isinstance(data, list | tuple | dict)
                and _TOKEN.search(" ".join(data))
                and _itself(formatter, data)
            ):
                data = None  # nl_NL's city_formats is '{{city}}': its city() picks from a list instead
            self._data[key] = Choices(data) if isinstance(data, list | tuple | dict) and data else None
        return self._data[key]

    def _expand(self, templates: Choices, rng: random.Random, n: int, literal) -> list[str]:
        """Pick a template per row, then fill each template's tokens for all its rows at once."""
        picked = templates.draw(rng, n)
        rows: dict[str, list[int]] = {}
        for i, template in enumerate(picked):
            rows.setdefault(template, []).append(i)
        out: list[str] = [""] * n
        for template, where in rows.items():
            parts = _TOKEN.split(template)  # literal, token, literal, token, ..., literal
            columns = [
                self.values(part, rng, len(where)) if odd else literal(part, rng, len(where))
                for odd, part in ((k % 2 == 1, p) for k, p in enumerate(parts))
                if odd or part
            ]
            for i, value in zip(where, map("".join, zip(*columns, strict=True)), strict=True):
                out[i] = value
        return out


def _fill_marks(text: str, rng: random.Random, n: int) -> list[str] | repeat:
    """`text` n times with each '#' a digit, '%' a digit 1-9, '?' a letter, '!' and '@' a
    digit or nothing (Faker's numerify and bothify)."""
    marks = [c for c in text if c in _MARKS]
    if not marks:
        return repeat(text, n)
    pattern = "".join("{}" if c in _MARKS else c.replace("{", "{{").replace("}", "}}") for c in text)
    drawn = [rng.choices(_MARKS[c], k=n) for c in marks]
    return [pattern.format(*chars) for chars in zip(*drawn, strict=True)]


def _itself(formatter: str, templates) -> bool:  # noqa: ANN001 - a list, tuple or dict of templates
    """Whether a template names its own formatter (expanding it would never end)."""
    return any(formatter in _TOKEN.findall(str(t)) for t in templates)


def _plain(text: str, _rng: random.Random, n: int) -> repeat:
    return repeat(text, n)
