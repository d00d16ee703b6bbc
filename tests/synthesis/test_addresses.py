"""Issue 10, one address a row: with a country column the rows spread over countries, each
row's postal code, region and phone calling code of its own country; without one, every row
is of the run's locale (in the US a postal code of the state); several locales in the run's
Faker spread the rows over those. Same seed, same addresses; NULLs stay NULL."""

from __future__ import annotations

import functools
import random
import re

from faker import Faker

from querynl.models import SameAddress
from querynl.providers import make_faker
from querynl.synthesis.addresses import PLACES, Addresses

ROWS = 600
POSTCODES = {
    "US": r"\d{5}",
    "CA": r"[A-Z]\d[A-Z] ?\d[A-Z]\d",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}",
    "DE": r"\d{5}",
    "FR": r"\d{5}",
    "ES": r"\d{5}",
    "IT": r"\d{5}",
    "NL": r"\d{4} ?[A-Z]{2}",
    "AU": r"\d{4}",
}
CALLING = {place.code: place.calling for place in PLACES.values()}
PARTS = {"street": "street", "city": "city", "state": "state", "postal_code": "zip", "phone": "phone"}


def _values(fake: Faker, link: SameAddress) -> dict[str, list]:
    """The values a batch draws before its links (the same for every call)."""
    return {column: list(values) for column, values in _drawn(fake, tuple(link.parts.values())).items()}


@functools.cache
def _drawn(fake: Faker, columns: tuple[str, ...]) -> dict[str, list]:
    fake.seed_instance(1)
    drawn = {"street": fake.street_address, "city": fake.city, "phone": fake.phone_number}
    return {column: [drawn.get(column, lambda: "x")() for _ in range(ROWS)] for column in columns}


def _apply(fake: Faker, link: SameAddress, seed: int = 7) -> dict[str, list]:
    values = _values(fake, link)
    lengths = dict.fromkeys(link.parts.values(), 120)
    Addresses(fake, seed, "addresses").apply(values, link, random.Random(seed), lengths)
    return values


def test_a_country_column_spreads_rows_over_countries_each_row_of_its_own():
    link = SameAddress(parts={**PARTS, "country_code": "country"})
    fake = make_faker()
    values = _apply(fake, link)
    rows = list(zip(values["country"], values["zip"], values["phone"], values["street"], strict=True))
    assert len({country for country, *_ in rows}) == len(PLACES)
    assert all(re.fullmatch(POSTCODES[c], z) for c, z, _, _ in rows), [r for r in rows if r[0] == "x"][:3]
    assert all(p.startswith(CALLING[c]) for c, _, p, _ in rows)
    german = [street for country, _, _, street in rows if country == "DE"]
    assert any(word in s.lower() for s in german for word in ("straße", "weg", "gasse", "platz", "allee"))
    assert _apply(fake, link) == values  # reproducible
    assert _apply(fake, link, seed=8) != values


def test_without_a_country_every_row_is_of_the_runs_locale():
    fake = make_faker()
    values = _apply(fake, SameAddress(parts=PARTS))
    provider = next(p for p in Faker("en_US").providers if hasattr(p, "states_postcode"))
    abbrs = [a for a in provider.states_abbr if a != "DC"]  # the names leave out DC
    by_state = {name: provider.states_postcode[a] for a, name in zip(abbrs, provider.states, strict=True)}
    for state, code in zip(values["state"], values["zip"], strict=True):
        low, high = by_state[state]
        assert low <= int(code) <= high
    assert all(p.startswith("+1-") for p in values["phone"])
    assert values["street"] == _values(fake, SameAddress(parts=PARTS))["street"]  # the drawn streets stay


def test_a_run_of_several_locales_spreads_its_rows_over_those():
    fake = Faker(["de_DE", "fr_FR"])
    values = _apply(fake, SameAddress(parts={**PARTS, "country": "country"}))
    assert set(values["country"]) == {"Germany", "France"}
    calling = {"Germany": "+49 ", "France": "+33 "}
    assert all(p.startswith(calling[c]) for c, p in zip(values["country"], values["phone"], strict=True))


def test_null_parts_stay_null_and_an_integer_postal_code_stays_an_integer():
    link = SameAddress(parts={"state": "state", "postal_code": "zip", "country": "country"})
    values = {"state": ["x", None] * 500, "zip": [12345] * 1000, "country": [None, "x"] * 500}
    Addresses(make_faker(), 1, "t").apply(values, link, random.Random(1), dict.fromkeys(link.parts.values()))
    assert values["state"][1::2] == [None] * 500 and values["country"][0::2] == [None] * 500
    assert all(type(z) is int for z in values["zip"])
    assert {c for c in values["country"] if c is not None} > {"United States"}


def test_each_places_digits_say_the_length_of_its_postal_codes_when_they_are_all_digits():
    for locale, place in PLACES.items():
        fake = Faker(locale)
        fake.seed_instance(3)
        codes = {fake.postcode() for _ in range(300)}
        numeric = all(code.isdigit() for code in codes)
        assert numeric == (place.digits is not None), (locale, sorted(codes)[:5])
        if numeric:
            assert {len(code) for code in codes} == {place.digits}, locale


def _integer_codes(high: int | None, seed: int) -> list[tuple[str, int]]:
    """(country code, postal code) of each row of an integer postal code column."""
    link = SameAddress(parts={"state": "state", "postal_code": "zip", "country_code": "country"})
    values = {"state": ["x"] * ROWS, "zip": [12345] * ROWS, "country": ["x"] * ROWS}
    lengths = dict.fromkeys(link.parts.values())
    Addresses(make_faker(), seed, "t").apply(values, link, random.Random(seed), lengths, {"zip": high})
    return list(zip(values["country"], values["zip"], strict=True))


def test_an_integer_postal_code_is_a_code_of_its_rows_country_and_fits_the_column():
    digits = {place.code: place.digits for place in PLACES.values()}
    for seed in (1, 2, 3):
        rows = _integer_codes(2**31 - 1, seed)
        assert {country for country, _ in rows} == {c for c, d in digits.items() if d is not None}
        for country, code in rows:
            assert type(code) is int and code != 12345, (country, code)
            assert re.fullmatch(POSTCODES[country], f"{code:0{digits[country]}d}"), (country, code)
        small = _integer_codes(32767, seed)  # a SMALLINT holds only Australia's four digits
        assert {country for country, _ in small} == {"AU"}
        assert all(type(code) is int and code <= 9999 for _, code in small)
