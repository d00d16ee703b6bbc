"""One address a row (models.SameAddress): street, city, state or region, postal code,
country and the phone's calling code all of one place.

The place is a locale. A table with a country column (or a run whose Faker has several
locales) spreads its rows over PLACES, each row's parts from its own locale's data: country
'Germany' gets a German street, city, Land, five-digit postcode and a +49 phone. Otherwise
every row is of the run's locale. In the United States the postal code is one of the state's.

A postal code held in an integer column takes only the places whose codes are all digits and
fit the column (the United States, Germany, France... and, in a SMALLINT, Australia's four
digits), so that every row's number is a code of its own country.

The run's own locale keeps the street and city drawn for the column. Another locale's are
composed a batch at once (bulk/templates.py); its regions and postal codes are drawn from a
pool Faker fills once per table (a few hundred values, the way places repeat anyway).
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass
from typing import Any

from faker import Factory, Faker

from querynl.models import SameAddress
from querynl.synthesis.bulk.templates import Templates
from querynl.synthesis.streams import stream_seed
from querynl.synthesis.uniqueness import DROP

Values = dict[str, list[Any]]
Parts = dict[str, list[str]]  # part -> its value for each row
POOL = 300  # regions and postal codes Faker draws per locale and table
_PROVIDERS = ["faker.providers.address", "faker.providers.person"]


@dataclass(frozen=True)
class Place:
    country: str
    code: str  # ISO 3166 alpha-2
    calling: str  # the phone's country calling code
    weight: float  # share of the rows when rows spread over places
    digits: int | None  # the length of its postal codes when they are all digits, else None

    def codes_fit(self, high: int | None) -> bool:
        """Its postal codes, as numbers, are all digits and at most `high`."""
        return self.digits is not None and (high is None or 10**self.digits - 1 <= high)


PLACES = {
    "en_US": Place("United States", "US", "+1", 0.4, 5),
    "en_GB": Place("United Kingdom", "GB", "+44", 0.1, None),
    "de_DE": Place("Germany", "DE", "+49", 0.1, 5),
    "fr_FR": Place("France", "FR", "+33", 0.1, 5),
    "es_ES": Place("Spain", "ES", "+34", 0.07, 5),
    "it_IT": Place("Italy", "IT", "+39", 0.07, 5),
    "nl_NL": Place("Netherlands", "NL", "+31", 0.06, None),
    "en_CA": Place("Canada", "CA", "+1", 0.05, None),
    "en_AU": Place("Australia", "AU", "+61", 0.05, 4),
}


@functools.cache
def _locale_faker(locale: str) -> Faker:
    """A Faker of one locale with only what addresses need (a full one takes ~5x longer)."""
    return Factory.create(locale, providers=_PROVIDERS)


class _Locale:
    """One locale's parts for rows of a batch."""

    def __init__(self, locale: str, fake: Faker, seed: int, own: bool) -> None:
        self.place = PLACES.get(locale)
        self.own = own  # the run's locale: the street and city drawn for the row are its own
        provider = next((p for p in fake.providers if hasattr(p, "states_postcode")), None)
        postcodes = dict(getattr(provider, "states_postcode", {}))
        abbrs = [a for a in getattr(provider, "states_abbr", ()) if a != "DC"]
        states = dict(zip(abbrs, getattr(provider, "states", ()), strict=False))
        self.states = [(states[a], a, postcodes[a]) for a in abbrs if a in postcodes and a in states]
        self.templates = Templates(fake)
        self.regions: list[str] = []
        self.postcodes: list[str] = []
        if not self.states and self.place is not None:
            fake.seed_instance(seed)
            self.regions = [fake.administrative_unit() for _ in range(POOL)]
            self.postcodes = [fake.postcode() for _ in range(POOL)]

    def parts(self, rng: random.Random, n: int, wanted: set[str]) -> dict[str, list[str]]:
        """n rows' parts, part by part (a column of n values each)."""
        parts: dict[str, list[str]] = {}
        if not self.own:
            for part, formatter in (("street", "street_address"), ("city", "city")):
                if part in wanted:
                    drawn = self.templates.values(formatter, rng, n)
                    parts[part] = [v.replace("\n", ", ").strip() for v in drawn]
        if self.states:
            picked = rng.choices(self.states, k=n)
            parts["state"] = [state for state, _, _ in picked]
            parts["state_abbr"] = [abbr for _, abbr, _ in picked]
            draw = rng.random
            parts["postal_code"] = [
                f"{low + int(draw() * (high - low + 1)):05d}" for _, _, (low, high) in picked
            ]
        elif self.regions:
            parts["state"] = rng.choices(self.regions, k=n)
            parts["postal_code"] = rng.choices(self.postcodes, k=n)
        if self.place is not None:
            parts.update(
                country=[self.place.country] * n,
                country_code=[self.place.code] * n,
                calling=[self.place.calling] * n,
            )
        return parts


class Addresses:
    """The address links of one table's rows."""

    def __init__(self, fake: Faker, seed: int, table: str) -> None:
        self.fake = fake
        self.seed = seed
        self.table = table
        locales = getattr(fake, "locales", None) or ["en_US"]
        # the locale whose street and city the drawn values are (none when a run has several)
        self.own = locales[0] if len(locales) == 1 else None
        self._locales: dict[str, _Locale] = {}

    def apply(
        self, values: Values, link: SameAddress, rng: random.Random, lengths: dict, highs: dict | None = None
    ) -> None:
        """`lengths`: each column's length; `highs`: each integer column's largest value."""
        size = len(next(iter(values.values()), []))
        locales = self._spread(link, highs or {})
        weights = [PLACES[x].weight if x in PLACES else 1.0 for x in locales]
        picked = rng.choices(locales, weights=weights, k=size) if len(locales) > 1 else locales * size
        rows_of: dict[str, list[int]] = {}
        for i, locale in enumerate(picked):
            rows_of.setdefault(locale, []).append(i)
        for locale, rows in rows_of.items():
            parts = self._locale(locale).parts(rng, len(rows), set(link.parts))
            for part, column in link.parts.items():
                _write(values[column], rows, parts, part, lengths[column])

    def _spread(self, link: SameAddress, highs: dict) -> list[str]:
        """The run's locales when it has several, every place's for a row with a country,
        else the run's own; of those, for a postal code in an integer column, the places whose
        codes it holds (any such place when none of them is; all of them when no place is)."""
        run = [x for x in getattr(self.fake, "locales", None) or [] if x in PLACES]
        if len(run) > 1:
            found = run
        elif {"country", "country_code"} & set(link.parts):
            found = list(PLACES)
        else:
            found = [self.own or "en_US"]
        column = link.parts.get("postal_code")
        if column not in highs:
            return found
        high = highs[column]
        fitting = [x for x in PLACES if PLACES[x].codes_fit(high)]
        return [x for x in found if x in fitting] or fitting or found

    def _locale(self, locale: str) -> _Locale:
        if locale not in self._locales:
            seed = stream_seed(self.seed, self.table, "addresses", locale)
            self._locales[locale] = _Locale(locale, _locale_faker(locale), seed, locale == self.own)
        return self._locales[locale]


def _write(
    column: list[Any], rows: list[int], parts: dict[str, list[str]], part: str, limit: int | None
) -> None:
    """One part into the rows of a column that hold a value (a NULL stays NULL)."""
    if part == "phone" and "calling" in parts:
        for i, calling in zip(rows, parts["calling"], strict=True):
            old = column[i]
            if old is not None and old is not DROP:
                column[i] = _fit(_phone(old, calling), old, limit)
    elif part in parts:
        for i, value in zip(rows, parts[part], strict=True):
            old = column[i]
            if old is not None and old is not DROP:
                column[i] = (
                    value
                    if type(old) is str and (limit is None or len(value) <= limit)
                    else _fit(value, old, limit)
                )


def _fit(value: str, old: Any, limit: int | None) -> Any:
    """The new part when it takes the old one's type and fits the column."""
    if isinstance(old, int):
        return int(value) if value.isdigit() else old
    return value if isinstance(old, str) and (limit is None or len(value) <= limit) else old


def _phone(old: Any, calling: str) -> str:
    """The drawn phone number's digits written after the country's calling code."""
    digits = re.sub(r"\D", "", str(old))
    if calling == "+1":
        digits = digits[-10:]
        return f"+1-{digits[:3]}-{digits[3:6]}-{digits[6:]}" if len(digits) == 10 else str(old)
    digits = digits[-9:]
    return f"{calling} {digits[:3]} {digits[3:]}" if len(digits) == 9 else str(old)
