from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal

import pytest

from querynl.planning.columns.rules import (
    FALLBACK,
    KIND_FIRST,
    RULES,
    ProviderChoice,
    choose_provider,
    tokenize,
)
from querynl.providers import make_faker
from querynl.schema import ColumnInfo, TableInfo
from querynl.synthesis.streams import SEEDED_ANCHOR, resolve_dates

INT32 = (-(2**31), 2**31 - 1)


def column(name: str, kind: str, length: int | None = None, **extra) -> ColumnInfo:
    if kind == "integer" and "int_min" not in extra:
        extra["int_min"], extra["int_max"] = INT32
    return ColumnInfo(name=name, type_name=kind.upper(), kind=kind, length=length, **extra)


def choose(table: str, col: ColumnInfo) -> ProviderChoice:
    return choose_provider(TableInfo(name=table, columns=[col]), col)


# --------------------------------------------------------------------------- expectations

# (table, column, kind, length, expected provider)
CASES = [
    # Chinook
    ("Artist", "Name", "string", 120, "artist_name"),
    ("Album", "Title", "string", 160, "title"),
    ("Track", "Name", "string", 200, "title"),
    ("Track", "Composer", "string", 220, "composer"),
    ("Track", "Milliseconds", "integer", None, "random_int"),
    ("Track", "Bytes", "integer", None, "random_int"),
    ("Track", "UnitPrice", "decimal", None, "price"),
    ("Genre", "Name", "string", 120, "genre"),
    ("MediaType", "Name", "string", 120, "media_type"),
    ("Playlist", "Name", "string", 120, "title"),
    ("Invoice", "BillingCity", "string", 40, "city"),
    ("Invoice", "BillingCountry", "string", 40, "fit"),
    ("Invoice", "BillingPostalCode", "string", 10, "postcode"),
    ("Invoice", "InvoiceDate", "datetime", None, "date_time_between"),
    ("Invoice", "Total", "decimal", None, "price"),
    ("Customer", "Company", "string", 80, "company"),
    ("Customer", "Email", "string", 60, "email"),
    ("Customer", "Fax", "string", 24, "phone_number"),
    ("Customer", "Phone", "string", 24, "phone_number"),
    ("Customer", "SupportRepId", "integer", None, "random_int"),
    ("Employee", "Title", "string", 30, "job_title"),
    ("Employee", "HireDate", "datetime", None, "date_time_between"),
    ("Employee", "BirthDate", "date", None, "date_of_birth"),
    ("Employee", "FirstName", "string", 20, "first_name"),
    ("Employee", "LastName", "string", 20, "last_name"),
    ("Employee", "Address", "string", 70, "street_address"),
    ("Employee", "State", "string", 40, "state"),
    # Northwind
    ("Products", "ProductName", "string", 40, "product_name"),
    ("Products", "QuantityPerUnit", "string", 20, "quantity_per_unit"),
    ("Products", "UnitsInStock", "integer", None, "random_int"),
    ("Products", "UnitsOnOrder", "integer", None, "random_int"),
    ("Products", "ReorderLevel", "integer", None, "random_int"),
    ("Products", "Discontinued", "boolean", None, "pybool"),
    ("Customers", "CustomerID", "string", 5, "code"),
    ("Customers", "CompanyName", "string", 40, "company"),
    ("Customers", "ContactName", "string", 30, "name"),
    ("Customers", "ContactTitle", "string", 30, "job_title"),
    ("Customers", "Region", "string", 15, "state"),
    ("Customers", "PostalCode", "string", 10, "postcode"),
    ("Orders", "ShipName", "string", 40, "company"),
    ("Orders", "ShipAddress", "string", 60, "street_address"),
    ("Orders", "ShipCountry", "string", 15, "fit"),
    ("Orders", "Freight", "decimal", None, "price"),
    ("Orders", "RequiredDate", "datetime", None, "date_time_between"),
    ("Order Details", "Discount", "float", None, "float_number"),
    ("Order Details", "Quantity", "integer", None, "random_int"),
    ("Territories", "TerritoryDescription", "string", 50, "city"),
    ("Region", "RegionDescription", "string", 50, "region_name"),
    ("Categories", "CategoryName", "string", 15, "category_name"),
    ("Categories", "Description", "text", None, "paragraph"),
    ("Categories", "Picture", "binary", None, "binary"),
    ("Employees", "Notes", "text", None, "paragraph"),
    ("Employees", "PhotoPath", "string", 255, "file_path"),
    ("Employees", "HomePhone", "string", 24, "phone_number"),
    ("Employees", "Extension", "string", 4, "phone_extension"),
    ("Employees", "TitleOfCourtesy", "string", 25, "prefix"),
    # Sakila / Pagila
    ("film", "title", "string", 128, "title"),
    ("film", "description", "text", None, "paragraph"),
    ("film", "release_year", "integer", None, "random_int"),
    ("film", "rental_duration", "integer", None, "random_int"),
    ("film", "rental_rate", "decimal", None, "price"),
    ("film", "length", "integer", None, "random_int"),
    ("film", "replacement_cost", "decimal", None, "price"),
    ("film", "fulltext", "other", None, "pystr"),
    ("actor", "first_name", "string", 45, "first_name"),
    ("actor", "last_update", "datetime", None, "date_time_between"),
    ("address", "district", "string", 20, "state"),
    ("address", "address2", "string", 50, "secondary_address"),
    ("address", "phone", "string", 20, "phone"),
    ("city", "city", "string", 50, "city"),
    ("country", "country", "string", 50, "fit"),
    ("customer", "active", "boolean", None, "pybool"),
    ("customer", "active", "integer", None, "flag"),
    ("customer", "email", "string", 50, "email"),
    ("staff", "username", "string", 16, "username"),
    ("staff", "password", "string", 40, "sha1"),
    ("staff", "picture", "binary", None, "binary"),
    ("payment", "amount", "decimal", None, "price"),
    ("payment", "payment_date", "datetime", None, "date_time_between"),
    ("rental", "rental_date", "datetime", None, "date_time_between"),
    ("rental", "return_date", "datetime", None, "date_time_between"),
    ("language", "name", "string", 20, "language_name"),
    ("category", "name", "string", 25, "category_name"),
    # employees
    ("employees", "birth_date", "date", None, "date_of_birth"),
    ("employees", "hire_date", "date", None, "date_between"),
    ("departments", "dept_name", "string", 40, "department"),
    ("titles", "title", "string", 50, "job_title"),
    ("salaries", "salary", "integer", None, "random_int"),
    ("titles", "from_date", "date", None, "date_between"),
    ("titles", "to_date", "date", None, "date_between"),
    # blog / e-commerce / misc
    ("users", "email", "text", None, "email"),
    ("users", "emailAddress", "string", 255, "email"),
    ("users", "e_mail", "string", 100, "email"),
    ("users", "password_hash", "string", 255, "sha256"),
    ("users", "bio", "text", None, "paragraph"),
    ("users", "avatar_url", "string", 255, "image_url"),
    ("users", "website", "string", 200, "url"),
    ("users", "URL", "string", 200, "url"),
    ("users", "last_login_ip", "string", 45, "ipv4"),
    ("users", "ip_address", "other", None, "ipv4"),
    ("users", "is_admin", "integer", None, "flag"),
    ("users", "age", "integer", None, "random_int"),
    ("users", "gender", "string", 1, "random_element"),
    ("users", "created_at", "text", None, "datetime_text"),
    ("users", "updated_at", "datetime", None, "date_time_between"),
    ("posts", "slug", "string", 200, "slug"),
    ("posts", "body", "text", None, "paragraph"),
    ("posts", "published_at", "datetime", None, "date_time_between"),
    ("posts", "view_count", "integer", None, "random_int"),
    ("tags", "name", "string", 50, "tag"),
    ("orders", "status", "string", 20, "order_status"),
    ("orders", "order_number", "string", 30, "order_number"),
    ("payments", "status", "string", 20, "payment_status"),
    ("payments", "method", "string", 20, "payment_method"),
    ("shipments", "tracking_number", "string", 40, "tracking_number"),
    ("shipments", "carrier", "string", 20, "carrier"),
    ("products", "sku", "string", 32, "sku"),
    ("products", "name", "string", 100, "product_name"),
    ("products", "weight", "decimal", None, "decimal_number"),
    ("products", "isbn", "string", 20, "isbn13"),
    ("reviews", "rating", "integer", None, "rating"),
    ("accounts", "status", "string", 20, "status"),
    ("accounts", "uuid", "uuid", None, "uuid4"),
    ("accounts", "settings", "json", None, "json_object"),
    ("accounts", "nicknames", "array", None, "word_list"),
    ("accounts", "grace", "interval", None, "interval"),
    ("accounts", "opens", "time", None, "time_object"),
    ("accounts", "kind", "enum", None, "random_element"),
    ("warehouse", "name", "string", 50, "warehouse_name"),
    ("stores", "latitude", "decimal", None, "decimal_number"),
    ("stores", "lng", "float", None, "float_number"),
    ("x", "country", "string", 2, "country_code"),
    ("x", "currency", "string", 3, "currency_code"),
    ("x", "state", "string", 2, "state_abbr"),
    ("x", "city", "string", 5, "city_code"),
    ("x", "zip", "string", 5, "postcode"),
    ("x", "zip", "integer", None, "postcode_number"),
    ("x", "language_code", "string", 2, "iso_language_code"),
    ("x", "color", "string", 30, "color_name"),
    ("x", "something", "integer", None, "random_int"),
    ("x", "something", "decimal", None, "decimal_number"),
    ("x", "something", "float", None, "pyfloat"),
    ("x", "something", "string", 30, "short_text"),
    ("x", "something", "text", None, "paragraph"),
    ("x", "something", "date", None, "date_between"),
    ("x", "something", "datetime", None, "date_time_between"),
    ("x", "something", "boolean", None, "pybool"),
]


@pytest.mark.parametrize(("table", "name", "kind", "length", "expected"), CASES)
def test_expected_provider(table, name, kind, length, expected):
    extra = {"enum_values": ["a", "b"]} if kind == "enum" else {}
    choice = choose(table, column(name, kind, length, **extra))
    assert choice.provider == expected, choice
    assert choice.reason
    json.dumps(choice.args)  # JSON-serialisable


def test_specific_arguments():
    assert choose("users", column("created_at", "datetime")).args == {
        "start_date": "window",
        "end_date": "now",
    }
    assert choose("t", column("created_at", "date")).provider == "date_between"
    assert choose("e", column("birth_date", "date")).args == {"minimum_age": 18, "maximum_age": 80}
    assert choose("e", column("hire_date", "date")).args == {
        "start_date": "-15y",
        "end_date": "today",
    }
    assert choose("f", column("release_year", "integer")).args == {"min": 1950, "max": 2025}
    assert choose("u", column("age", "integer")).args == {"min": 18, "max": 90}
    price = choose("p", column("price", "decimal", precision=6, scale=3))
    assert price.provider == "price"
    assert price.args["right_digits"] == 3
    assert price.args["max_value"] <= 999.999
    assert choose("p", column("price", "integer")).provider == "random_int"
    assert choose("k", column("kind", "enum", enum_values=["x", "y"])).args == {"elements": ["x", "y"]}
    assert choose("u", column("gender", "string", 10)).args == {"elements": ["male", "female"]}


def test_table_context_changes_meaning_of_name_and_title():
    name = column("name", "string", 100)
    assert choose("artist", name).provider == "artist_name"
    assert choose("products", name).provider == "product_name"
    assert choose("genre", name).provider == "genre"
    assert choose("categories", name).provider == "category_name"
    assert choose("customers", name).provider == "name"
    title = column("title", "string", 100)
    assert choose("employees", title).provider == "job_title"
    assert choose("posts", title).provider == "title"


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("BillingCity", ("billing", "city")),
        ("ShipCountry", ("ship", "country")),
        ("UnitPrice", ("unit", "price")),
        ("CustomerID", ("customer", "id")),
        ("emailAddress", ("email", "address")),
        ("e_mail", ("e", "mail")),
        ("last_update", ("last", "update")),
        ("lastupdate", ("last", "update")),
        ("unitsinstock", ("unit", "in", "stock")),
        ("URL", ("url",)),
        ("address2", ("address", "2")),
        ("Categories", ("category",)),
    ],
)
def test_tokenize(name, tokens):
    assert tokenize(name) == tokens


def test_lowercase_fused_names_match_like_camel_case():
    for fused, camel in [("unitprice", "UnitPrice"), ("hiredate", "HireDate"), ("zipcode", "Zip")]:
        kind = "date" if "date" in fused else "decimal" if "price" in fused else "string"
        a = choose("t", column(fused, kind, 20 if kind == "string" else None))
        b = choose("t", column(camel, kind, 20 if kind == "string" else None))
        assert a.provider == b.provider


# --------------------------------------------------------------------------- properties

INT_BOUNDS = [INT32, (0, 255), (-32768, 32767), (1901, 2155)]
DECIMAL_SHAPES = [(None, None), (10, 2), (4, 2), (5, 2), (12, 4), (9, 6)]
STRING_LENGTHS = [None, 255, 30, 12, 4, 1]
SEMANTIC_MIN_LENGTH = 24  # email/phone/... checks apply from this column length on


def _columns_for(kind: str, name: str) -> list[ColumnInfo]:
    if kind == "integer":
        return [column(name, kind, int_min=lo, int_max=hi) for lo, hi in INT_BOUNDS]
    if kind == "decimal":
        return [column(name, kind, precision=p, scale=s) for p, s in DECIMAL_SHAPES]
    if kind == "string":
        return [column(name, kind, length) for length in STRING_LENGTHS if length]
    return [column(name, kind)]


def _sample_columns():
    for index, rule in enumerate(RULES):
        name = "_".join(rule.phrases[0].split()) + ("_at" if rule.suffix_required else "")
        table = "_".join(rule.tables[0].split()) if rule.tables else "things"
        for kind in sorted(rule.kinds):
            for col in _columns_for(kind, name):
                built = rule.build(col)
                if built is not None:
                    yield pytest.param(table, col, built, id=f"{index}-{name}-{kind}-{_shape(col)}")


def _shape(col: ColumnInfo) -> str:
    return f"{col.length}-{col.precision}-{col.scale}-{col.int_min}"


def check_value(col: ColumnInfo, provider: str, value) -> None:
    kind = col.kind
    if kind in ("string", "text", "other", "enum"):
        assert isinstance(value, str) and value, value
        if col.length is not None:
            assert len(value) <= col.length, value
    elif kind == "integer":
        assert isinstance(value, int) and not isinstance(value, bool)
        assert col.int_min <= value <= col.int_max
    elif kind == "decimal":
        assert isinstance(value, Decimal)
        if col.scale is not None:
            assert value.as_tuple().exponent == -col.scale, value
        if col.precision is not None:
            assert abs(value) < Decimal(10) ** (col.precision - (col.scale or 0))
    elif kind == "float":
        assert isinstance(value, float)
    elif kind == "date":
        assert isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    elif kind == "datetime":
        assert isinstance(value, dt.datetime)
    elif kind == "boolean":
        assert isinstance(value, bool)
    check_meaning(col, provider, value)


def check_meaning(col: ColumnInfo, provider: str, value) -> None:
    roomy = col.length is None or col.length >= SEMANTIC_MIN_LENGTH
    if provider == "price":
        assert value > 0
    if not roomy:
        return
    if provider in ("email", "short_email"):
        assert "@" in value
    if provider in ("phone_number", "phone", "phone_extension"):
        assert any(c.isdigit() for c in value)
    if provider in ("city", "city_code"):
        assert value.strip()


@pytest.mark.parametrize(("table", "col", "built"), list(_sample_columns()))
def test_every_rule_gives_values_that_fit(table, col, built):
    provider, args = built
    json.dumps(args)
    fake = make_faker()
    fake.seed_instance(1234)
    args = resolve_dates(args, SEEDED_ANCHOR)  # as the synthesizer calls it ("window", "now")
    for _ in range(200):
        check_value(col, provider, fake.format(provider, **args))


FALLBACK_COLUMNS = [
    column("c", "integer", int_min=0, int_max=255),
    column("c", "integer", int_min=-128, int_max=127),
    column("c", "decimal", precision=3, scale=1),
    column("c", "decimal"),
    column("c", "float"),
    column("c", "string", 1),
    column("c", "string", 3),
    column("c", "string", 255),
    column("c", "text"),
    column("c", "date"),
    column("c", "datetime"),
    column("c", "boolean"),
    column("c", "other", 8),
    column("c", "enum", enum_values=["G", "PG", "PG-13"]),
]


@pytest.mark.parametrize("col", FALLBACK_COLUMNS, ids=lambda c: f"{c.kind}-{c.length}")
def test_fallbacks_give_values_that_fit(col):
    choice = choose("zzz", col)
    assert choice.reason.startswith(("fallback", "column kind"))
    fake = make_faker()
    fake.seed_instance(99)
    for _ in range(200):
        check_value(
            col, choice.provider, fake.format(choice.provider, **resolve_dates(choice.args, SEEDED_ANCHOR))
        )


def test_every_kind_has_a_default():
    kinds = set(KIND_FIRST) | set(FALLBACK)
    assert {"integer", "decimal", "float", "string", "text", "boolean", "date"} <= kinds
    assert {"datetime", "time", "interval", "binary", "json", "uuid", "enum", "array"} <= kinds


def test_kind_first_values():
    assert isinstance(draw(column("u", "uuid")), str)
    uuid.UUID(draw(column("u", "uuid")))
    assert isinstance(json.loads(draw(column("j", "json"))), dict)
    assert isinstance(draw(column("i", "interval")), dt.timedelta)
    words = draw(column("a", "array"))
    assert isinstance(words, list) and all(isinstance(w, str) for w in words)
    assert isinstance(draw(column("t", "time")), dt.time)
    blob = draw(column("b", "binary", 16))
    assert isinstance(blob, bytes) and len(blob) == 16


def draw(col: ColumnInfo, table: str = "t"):
    choice = choose(table, col)
    fake = make_faker()
    fake.seed_instance(3)
    return fake.format(choice.provider, **resolve_dates(choice.args, SEEDED_ANCHOR))


# --------------------------------------------------------------------------- providers


def test_make_faker_is_reproducible():
    def draw() -> list:
        fake = make_faker()
        fake.seed_instance(7)
        names = ["product_name", "sku", "price", "title", "username", "json_object", "city"]
        return [fake.format(n) for n in names for _ in range(5)]

    assert draw() == draw()


def test_short_text_is_safe_for_any_length():
    fake = make_faker()
    fake.seed_instance(5)
    for max_chars in range(1, 60):
        for _ in range(20):
            value = fake.short_text(max_chars=max_chars)
            assert value and len(value) <= max_chars


def test_price_has_exact_scale_and_is_positive():
    fake = make_faker()
    fake.seed_instance(5)
    for digits in (0, 1, 2, 4):
        for _ in range(100):
            value = fake.price(min_value=0, max_value=5, right_digits=digits)
            assert value > 0 and value.as_tuple().exponent == -digits and value <= 5


def test_our_providers_look_right():
    fake = make_faker()
    fake.seed_instance(11)
    sku = fake.sku()
    assert sku.startswith("SKU-") and len(sku) == 10 and sku[4:].isalnum()
    assert len(fake.product_name().split()) >= 3
    assert not fake.title().endswith(".")
    slug, tag = fake.slug(), fake.tag()
    assert slug == slug.lower() and " " not in slug and "-" in slug
    assert tag == tag.lower()
    assert 1 <= fake.rating() <= 5
    assert len(fake.currency_code()) == 3
    assert len(fake.iso_language_code()) == 2
    assert fake.order_status() and fake.payment_status() and fake.status()
    email = fake.short_email(max_chars=8)
    assert "@" in email and len(email) <= 8
    assert len(fake.phone(max_chars=10)) <= 10
    assert len(fake.code(length=5)) == 5


def test_fit_refuses_plumbing():
    fake = make_faker()
    with pytest.raises(ValueError):
        fake.fit(source="seed_instance", max_chars=10)
    assert len(fake.fit(source="company", max_chars=6)) <= 6
