"""Values in the input syntax of database types: shapes checked by parsing them back."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from querynl.providers import make_faker
from querynl.providers.database_types import check_digit_mod10, composite_field, issn_check_digit

DRAWS = range(200)


@pytest.fixture
def fake():
    faker = make_faker()
    faker.seed_instance(7)
    return faker


def test_bit_strings_have_exactly_or_at_most_their_length(fake):
    fixed = {fake.bit_string(length=8) for _ in DRAWS}
    assert all(re.fullmatch("[01]{8}", b) for b in fixed) and len(fixed) > 50
    varying = [fake.bit_string(length=12, varying=True) for _ in DRAWS]
    assert all(re.fullmatch("[01]{1,12}", b) for b in varying)
    assert {len(b) for b in varying} > {1, 12}  # lengths spread up to the limit


_RANGE = re.compile(r'^\[("?)(.+?)\1,("?)(.+?)\3\)$')


def _bounds(text: str) -> tuple[str, str]:
    match = _RANGE.match(text)
    assert match, text
    return match.group(2), match.group(4)


def test_ranges_are_half_open_with_lower_below_upper(fake):
    for _ in DRAWS:
        low, high = map(int, _bounds(fake.int_range(min_value=1, max_value=100, max_span=5)))
        assert 1 <= low < high <= low + 5
        low, high = map(Decimal, _bounds(fake.decimal_range()))
        assert low < high
        first, last = map(dt.date.fromisoformat, _bounds(fake.date_range(start_date="-1y", end_date="+1y")))
        assert dt.timedelta(days=1) <= last - first <= dt.timedelta(days=30)
        start, end = _bounds(fake.timestamp_range(max_hours=3, timezone=True))
        span = dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)
        assert start.endswith("+00") and dt.timedelta(hours=1) <= span <= dt.timedelta(hours=3)


def test_tsvector_text_is_sorted_lexemes_with_positions(fake):
    for _ in DRAWS:
        text = fake.tsvector_text(nb_words=6)
        lexemes = re.findall(r"'([a-z0-9]+)':([\d,]+)", text)
        assert lexemes and " ".join(f"'{w}':{p}" for w, p in lexemes) == text
        assert [w for w, _ in lexemes] == sorted(w for w, _ in lexemes)


def test_xml_documents_are_well_formed(fake):
    for _ in DRAWS:
        root = ET.fromstring(fake.xml_document())
        assert root.tag == "note" and root.find("title").text


@pytest.mark.parametrize("kind", ["ean13", "isbn", "isbn13", "ismn", "issn13"])
def test_thirteen_digit_codes_have_valid_check_digits(fake, kind):
    prefix = {"isbn": "978", "isbn13": "978", "ismn": "9790", "issn13": "977"}.get(kind, "")
    for _ in DRAWS:
        code = fake.product_code(kind=kind)
        assert re.fullmatch(r"\d{13}", code) and code.startswith(prefix)
        total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(code))
        assert total % 10 == 0


def test_issn_and_upc_check_digits(fake):
    for _ in DRAWS:
        issn = fake.product_code(kind="issn")
        assert re.fullmatch(r"\d{4}-\d{3}[\dX]", issn)
        digits = issn.replace("-", "")
        total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1), strict=True))
        total += 10 if digits[7] == "X" else int(digits[7])
        assert total % 11 == 0
        upc = fake.product_code(kind="upc")
        assert re.fullmatch(r"\d{12}", upc)
        assert sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(upc)) % 10 == 0


def test_check_digit_helpers_match_published_codes():
    assert check_digit_mod10("978030640615", (1, 3)) == "7"  # ISBN 978-0-306-40615-7
    assert check_digit_mod10("03600029145", (3, 1)) == "2"  # UPC 036000291452
    assert issn_check_digit("0317847") == "1"  # ISSN 0317-8471
    assert issn_check_digit("0000006") == "X"  # 0000-006X


def test_set_members_are_a_subset_in_declared_order(fake):
    members = ["wifi", "bluetooth", "gps", "nfc"]
    seen = set()
    for _ in DRAWS:
        value = fake.set_members(elements=members)
        parts = value.split(",")
        assert parts and set(parts) <= set(members)
        assert parts == sorted(parts, key=members.index)
        seen.add(value)
    assert len(seen) > 5
    assert {fake.set_members(elements=["a"], allow_empty=True) for _ in DRAWS} == {"", "a"}


def test_composite_rows_quote_each_field_for_its_type(fake):
    fields = [["street", "text"], ["zip", "character(5)"], ["floor", "integer"], ["since", "date"]]
    for _ in DRAWS:
        row = fake.composite_row(
            fields=fields, start_date=dt.datetime(2024, 1, 1), end_date=dt.datetime(2025, 1, 1)
        )
        street, zip_code, floor, since = re.fullmatch(
            r'\("([^"]+)","(\d{5})","(\d+)","([\d-]+)"\)', row
        ).groups()
        assert street and 1 <= int(floor) <= 1000
        assert dt.date(2024, 1, 1) <= dt.date.fromisoformat(since) <= dt.date(2025, 1, 1)
    assert composite_field('say "hi" \\ bye') == '"say \\"hi\\" \\\\ bye"'
    assert composite_field(None) == ""
