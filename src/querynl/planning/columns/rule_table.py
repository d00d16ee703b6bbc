"""The data of the column rules: name rules in order, then builders by kind and by SQL type."""

from __future__ import annotations

from typing import Any

from querynl.planning.columns.builders import (
    FLAGGY,
    MOMENT,
    NUMERIC,
    TEXTUAL,
    Builder,
    array_of_items,
    by_length,
    const,
    digest,
    enum_choice,
    epoch,
    fitted,
    fk,
    flag,
    identifier,
    integer_postcode,
    json_text,
    moment,
    number,
    ours,
    per_kind,
    price,
    prose,
    short_code,
    spatial_shape,
    star_rating,
    text_of,
)
from querynl.planning.columns.phrases import R, Rule

TIME_SUFFIX = ("at", "on", "date", "time", "timestamp", "datetime", "dt", "ts", "utc")
EPOCH_SUFFIX = ("at", "on", "time", "timestamp", "ts", "epoch", "ms", "millis", "msec", "utc", "unix", "sec")
INTEGER = frozenset({"integer"})
PEOPLE_TABLES = (
    "customer, user, employee, person, staff, member, author, actor, contact, student, teacher,"
    " instructor, patient, doctor, owner, driver, guest, player, director, manager, speaker,"
    " writer, reviewer, subscriber, candidate, passenger, traveler, client, account, profile"
)
COMPANY_TABLES = (
    "company, supplier, shipper, vendor, publisher, manufacturer, brand, organization,"
    " organisation, store, shop, business, partner, agency, firm, bank, school, university"
)
TITLE_TABLES = (
    "album, track, song, film, movie, book, post, article, course, project, event, playlist,"
    " episode, show, video, podcast, task, ticket, issue, page, story, lesson, review"
)
JOB_TABLES = "employee, title, staff, job, position, contact, person, people, user"
_PRODUCT = text_of(ours("product_name"))
_CATEGORY = text_of(ours("category_name"))
_GENRE = text_of(ours("genre"))
_MEDIA = text_of(ours("media_type"))
_ARTIST = text_of(ours("artist_name"))
_TITLE = text_of(ours("title", cap=80))
_TAG = text_of(ours("tag"))
_DEPARTMENT = text_of(ours("department"))
_ROLE = text_of(ours("role_name"))
_PERSON = text_of(fk("name", 28), fitted("name", 10), fitted("last_name", 1))
_COMPANY = text_of(fk("company", 36), fitted("company", 8))
_CITY = text_of(fk("city", 26), fitted("city", 8), ours("city_code"))
_STATE = text_of(fk("state", 14), fk("state_abbr", 2))
_COUNTRY = text_of(fk("country", 52), fitted("country", 10), fk("country_code", 2))
_LANGUAGE = text_of(fk("language_name", 18), fk("iso_language_code", 2))
_REGION = text_of(ours("region_name"))
_JOB = text_of(ours("job_title"))
_LABEL = text_of(ours("label", cap=40))
_STATUS = per_kind(textual=text_of(ours("status")), integer=number(0, 4))


def _status(provider: str) -> Builder:
    return per_kind(textual=text_of(ours(provider)), integer=number(0, 4))


def _entity(phrases: str, build: Builder, tables: str, names: str = "name") -> list[Rule]:
    """A thing named by its own column (``genre_name``) or by ``name`` in its table."""
    rules = [R(phrases, TEXTUAL, build)] if phrases else []
    return [*rules, R(names, TEXTUAL, build, tables=tables)]


RULES: tuple[Rule, ...] = (
    # booleans (before anything that reads the same words as text)
    R("is, has, can, should, allow, allows, needs, was", FLAGGY - {"string"}, flag(50),
      at_start=True),
    R("active, enabled, verified, available, visible, published, approved, confirmed,"
      " subscribed, activebool, active bool, featured", FLAGGY, flag(80)),
    R("deleted, discontinued, archived, banned, locked, blocked, disabled, hidden, suspended,"
      " cancelled, canceled, expired, spam", FLAGGY, flag(10)),
    # contact details
    R("email, e mail, email address, mail, email addr", TEXTUAL | {"other"},
      text_of(fk("email", 36), ours("short_email"))),
    R("file extension, file ext", TEXTUAL, text_of(fk("file_extension", 7), fitted("file_extension", 1))),
    R("extension, phone ext, phone extension, ext", TEXTUAL, text_of(ours("phone_extension"))),
    R("phone, phone number, phone no, telephone, tel, mobile, cell, cell phone, fax,"
      " fax number, mobile number, mobile phone, contact number, msisdn",
      TEXTUAL, text_of(fk("phone_number", 22), ours("phone"))),
    R("avatar, avatar url, image url, photo url, picture url, thumbnail, thumbnail url,"
      " image, photo, picture, logo, icon, logo url", TEXTUAL,
      text_of(fk("image_url", 40), fitted("url", 12))),
    R("url, website, web site, homepage, home page, link, uri, web, site url", TEXTUAL | {"other"},
      text_of(fk("url", 40), fitted("url", 12), fitted("domain_name", 1))),
    R("domain, domain name, hostname, host", TEXTUAL, text_of(fk("domain_name", 26))),
    R("ipv6, ipv6 address", TEXTUAL | {"other"}, text_of(fk("ipv6", 39))),
    R("ip, ip address, ipv4, ip addr, remote addr, remote ip, client ip", TEXTUAL | {"other"},
      text_of(fk("ipv4", 15))),
    R("mac, mac address, mac addr", TEXTUAL | {"other"}, text_of(fk("mac_address", 17))),
    R("user agent", TEXTUAL, text_of(fk("user_agent", 150), fitted("user_agent", 1))),
    # people
    R("first name, given name, fname, forename, middle name", TEXTUAL, text_of(fk("first_name", 12))),
    R("last name, surname, family name, lname", TEXTUAL, text_of(fk("last_name", 12))),
    R("full name, contact name, display name, person name, customer name, employee name,"
      " author name, owner name, recipient, recipient name, billing name, shipping name,"
      " cardholder, card holder, cardholder name, author, writer, director, actor, teacher,"
      " instructor, manager name, sales rep, representative", TEXTUAL, _PERSON),
    R("composer, composed by, songwriter", TEXTUAL, text_of(ours("composer"))),
    R("title of courtesy, courtesy title, salutation, honorific, name prefix, prefix",
      TEXTUAL, text_of(fk("prefix", 5))),
    R("name suffix, suffix", TEXTUAL, text_of(fk("suffix", 4))),
    R("gender, sex", TEXTUAL, by_length((6, ["male", "female"]), (1, ["M", "F"]))),
    R("username, user name, login, login name, handle, screen name, nickname, nick, user id"
      " name", TEXTUAL, text_of(ours("username"))),
    R("password, passwd, pwd, password hash, hashed password, password digest, pass hash,"
      " token, api key, secret, hash, checksum, access token, refresh token, salt",
      TEXTUAL, digest),
    R("ssn, social security number", TEXTUAL, text_of(fk("ssn", 11))),
    R("passport, passport number, passport no", TEXTUAL, text_of(fk("passport_number", 9))),
    R("age", NUMERIC, number(18, 90)),
    # organisations and work
    R("company, company name, organization, organisation, employer, business name,"
      " supplier name, vendor, vendor name, publisher, manufacturer, brand, brand name,"
      " ship name, shipper name, customer company, agency, firm", TEXTUAL, _COMPANY),
    R("department, dept, dept name, department name, division", TEXTUAL, _DEPARTMENT),
    R("job title, job, position, occupation, designation, contact title, job name, profession",
      TEXTUAL, _JOB),
    R("role, user role, role name", TEXTUAL, _ROLE),
    # places
    R("address 2, address line 2, street 2, addr 2, line 2, apartment, suite, apt,"
      " secondary address", TEXTUAL, text_of(fk("secondary_address", 9))),
    R("address, street, street address, address line, address 1, line 1, addr, address line 1,"
      " street 1, addr 1", TEXTUAL,
      text_of(fk("street_address", 40), fitted("street_address", 12), fitted("street_name", 1))),
    R("region description, region name", TEXTUAL, _REGION),
    R("territory description, territory name, city name, city, town, municipality, locality,"
      " suburb", TEXTUAL, _CITY),
    R("state code, state abbr, state abbreviation, province code", TEXTUAL,
      text_of(fk("state_abbr", 2))),
    R("state, province, region, county, district, state province, prefecture, state name",
      TEXTUAL, _STATE),
    R("country code, iso country, country iso, country iso code, iso code, nationality code",
      TEXTUAL, text_of(fk("country_code", 2))),
    R("country, nation, country name, nationality", TEXTUAL, _COUNTRY),
    R("postal code, postcode, post code, zip, zip code, zipcode, postal", TEXTUAL,
      text_of(fk("postcode", 5))),
    R("postal code, postcode, zip, zip code", INTEGER, integer_postcode),
    R("latitude, lat", frozenset({"decimal", "float"}), number(-90, 90, digits=6)),
    R("longitude, lng, lon, long", frozenset({"decimal", "float"}), number(-180, 180, digits=6)),
    R("timezone, time zone, tz", TEXTUAL, text_of(fk("timezone", 32), fitted("timezone", 1))),
    R("currency, currency code, iso currency", TEXTUAL, text_of(fk("currency_code", 3))),
    R("language code, lang code, locale code, lang, language iso", TEXTUAL,
      text_of(fk("iso_language_code", 2))),
    R("language, language name", TEXTUAL, _LANGUAGE),
    R("locale", TEXTUAL, text_of(fk("locale", 6), fk("iso_language_code", 2))),
    R("hex color, color hex, color code, colour code", TEXTUAL, text_of(fk("hex_color", 7))),
    R("color, colour, color name, colour name", TEXTUAL,
      text_of(fk("color_name", 20), fk("hex_color", 7))),
    # domain entities by their own column or by `name` in their table
    *_entity("product name, product title, item name", _PRODUCT, "product, item, good, article"),
    *_entity("category name, category, product category, subcategory", _CATEGORY,
             "category, subcategory, product category"),
    *_entity("genre name, genre", _GENRE, "genre"),
    *_entity("media type, media type name", _MEDIA, "media type"),
    *_entity("artist name, artist, band, band name, performer", _ARTIST,
             "artist, band, musician, performer, singer"),
    *_entity("tag name, tag, keyword, hashtag, topic", _TAG, "tag, keyword, topic, label"),
    *_entity("", _DEPARTMENT, "department, dept, division"),
    *_entity("", _ROLE, "role"),
    *_entity("", _LANGUAGE, "language"),
    *_entity("", _CITY, "city, town, territory"),
    *_entity("", _COUNTRY, "country, nation"),
    *_entity("", _STATE, "state, province"),
    *_entity("", _REGION, "region"),
    *_entity("", text_of(ours("carrier")), "carrier, courier", "name, carrier"),
    *_entity("", _COMPANY, COMPANY_TABLES),
    *_entity("", _PERSON, PEOPLE_TABLES),
    *_entity("", _TITLE, TITLE_TABLES),
    R("title", TEXTUAL, _JOB, tables=JOB_TABLES),
    R("title, headline, subject, heading, caption, album title, film title, song title,"
      " track name, song name, post title, book title", TEXTUAL, _TITLE),
    R("name", TEXTUAL, _LABEL),
    # commerce
    R("sku, product code, item code, stock code, part number, article number", TEXTUAL,
      text_of(ours("sku"))),
    R("isbn, isbn 13, isbn13", TEXTUAL, text_of(fk("isbn13", 17), fk("ean13", 13))),
    R("isbn 10, isbn10", TEXTUAL, text_of(fk("isbn10", 13))),
    R("ean, ean 13, barcode, upc, gtin", TEXTUAL, text_of(fk("ean13", 13))),
    R("order number, order no, order ref, order reference, invoice number, invoice no,"
      " reference, reference number, confirmation number, receipt number", TEXTUAL,
      text_of(ours("order_number"))),
    R("tracking number, tracking code, tracking id, tracking no", TEXTUAL,
      text_of(ours("tracking_number"))),
    R("coupon, coupon code, promo code, promo, voucher, voucher code, discount code", TEXTUAL,
      text_of(ours("coupon_code"))),
    R("order status", TEXTUAL | {"integer"}, _status("order_status")),
    R("payment status", TEXTUAL | {"integer"}, _status("payment_status")),
    R("shipping status, shipment status, delivery status", TEXTUAL | {"integer"},
      _status("shipment_status")),
    R("status", TEXTUAL | {"integer"}, _status("order_status"), tables="order"),
    R("status", TEXTUAL | {"integer"}, _status("payment_status"),
      tables="payment, invoice, transaction, charge, refund"),
    R("status", TEXTUAL | {"integer"}, _status("shipment_status"),
      tables="shipment, delivery, shipping, parcel"),
    R("status", TEXTUAL | {"integer"}, _STATUS),
    R("payment method, payment type, pay method, card type, payment mode", TEXTUAL,
      text_of(ours("payment_method"))),
    R("method, type, mode", TEXTUAL, text_of(ours("payment_method")),
      tables="payment, transaction, charge"),
    R("shipping method, ship method, delivery method, shipping type, ship via, shipping option",
      TEXTUAL, text_of(ours("shipping_method"))),
    R("carrier, shipper, courier, shipping carrier", TEXTUAL, text_of(ours("carrier"))),
    R("quantity per unit, unit size, pack size, package size", TEXTUAL,
      text_of(ours("quantity_per_unit"))),
    R("iban", TEXTUAL, text_of(fk("iban", 34), fitted("iban", 1))),
    R("swift, bic, swift code, bic code", TEXTUAL, text_of(fk("swift", 11))),
    R("credit card, card number, cc number, credit card number, pan", TEXTUAL,
      text_of(fk("credit_card_number", 19))),
    R("cvv, cvc, security code, card cvv", TEXTUAL, text_of(fk("credit_card_security_code", 4))),
    R("card expiry, expiry, card expiration, exp date, expiry date", TEXTUAL,
      text_of(fk("credit_card_expire", 5))),
    R("account number, bank account, account no", TEXTUAL, text_of(fk("bban", 18))),
    R("routing number, aba", TEXTUAL, text_of(fk("aba", 9))),
    R("license plate, plate number, registration plate", TEXTUAL,
      text_of(fk("license_plate", 10))),
    R("rating", TEXTUAL, text_of(fk("film_rating", 5)), tables="film, movie, show, video"),
    R("rating, stars", TEXTUAL, by_length((1, ["1", "2", "3", "4", "5"]))),
    R("rating, stars, star rating, review score", frozenset({"integer"}), star_rating),
    R("rating, stars, star rating, review score", frozenset({"decimal", "float"}), number(1, 5, 1)),
    # files and technical strings
    R("slug, permalink, url slug, handle slug", TEXTUAL, text_of(ours("slug"))),
    R("file name, filename, attachment, attachment name, document name", TEXTUAL,
      text_of(fk("file_name", 22), ours("document_name"))),
    R("file path, path, photo path, image path, picture path, filepath, directory, folder",
      TEXTUAL, text_of(fk("file_path", 34), fitted("file_path", 8))),
    R("mime, mime type, content type", TEXTUAL, text_of(fk("mime_type", 26), fitted("mime_type", 1))),
    R("version, app version, version number", TEXTUAL, text_of(ours("version"))),
    R("version, revision", frozenset({"integer"}), number(1, 20)),
    R("metadata, meta, settings, attribute, payload, config, configuration, option, property,"
      " extra, preference, data, json", TEXTUAL, json_text),
    R("id, uuid, guid, key, external id, customer id, ref id", TEXTUAL | {"other"}, identifier),
    R("code, short code, abbreviation, abbr", TEXTUAL, short_code),
    # long text
    R("description, desc, details, detail, overview, about, notes, note, comment, remarks,"
      " remark, body, content, message, text, review, feedback, instructions, synopsis, story,"
      " answer, question, reason, explanation, special features, long description",
      TEXTUAL, prose(4)),
    R("summary, abstract, excerpt, bio, biography, teaser, short description, tagline, blurb",
      TEXTUAL, prose(2, cap=300)),
    # amounts and measures
    R("unit price, price, list price, sale price, retail price, cost, unit cost, replacement"
      " cost, msrp, standard cost, base price, cost price, purchase price, selling price",
      NUMERIC, price(0.99, 999.99)),
    R("tax rate, interest rate, commission rate, discount rate, vat rate", NUMERIC,
      number(0, 0.25, digits=4)),
    R("exchange rate, conversion rate", NUMERIC, number(0.5, 2, digits=4)),
    R("rental rate, rate, hourly rate, daily rate, fee rate", NUMERIC, price(0.99, 9.99)),
    R("amount, total, subtotal, sub total, grand total, total amount, balance, payment, charge,"
      " fee, invoice total, order total, revenue, total price, total cost, net amount,"
      " gross amount, paid amount, amount paid, amount due", NUMERIC, price(1, 2000)),
    R("freight, shipping cost, shipping fee, shipping, delivery fee, tax, vat, tip, handling fee,"
      " shipping amount, tax amount", NUMERIC, price(0.5, 500)),
    R("salary, wage, income, pay, compensation, annual salary, base salary", NUMERIC,
      price(30000, 200000)),
    R("budget", NUMERIC, price(10000, 1000000)),
    R("credit limit", NUMERIC, price(1000, 50000)),
    R("discount", frozenset({"decimal", "float"}), number(0, 0.3, digits=2)),
    R("discount, discount percent, discount pct", frozenset({"integer"}), number(0, 50)),
    R("quantity per unit", NUMERIC, number(1, 48)),
    R("unit in stock, stock, inventory, on hand, stock quantity, quantity in stock, stock level,"
      " quantity on hand, qty on hand, available quantity", NUMERIC, number(0, 500)),
    R("unit on order, on order, quantity on order", NUMERIC, number(0, 100)),
    R("reorder level, reorder point, min stock, minimum stock, safety stock, reorder quantity",
      NUMERIC, number(0, 30)),
    R("quantity, qty, unit, amount ordered, quantity ordered, item count", NUMERIC,
      number(1, 20)),
    # epoch times: an integer column whose name says time (created_at, updated_ms, start_time)
    R("created, creation, inserted, registered, signup, sign up, joined, posted, published,"
      " sent, received, placed, issued, opened, submitted, purchased, booked, added, recorded,"
      " logged, enrolled, started, start, end, ended, finished, completed, shipped, delivered,"
      " closed, resolved, paid, updated, modified, changed, last update, last login, last seen,"
      " next fire, prev fire, fire, scheduled, expire, expires, expiry, deleted, event, clock",
      INTEGER, epoch("window", "now"), suffixes=EPOCH_SUFFIX, suffix_required=True),
    R("timestamp, epoch, unix time, epoch time, unix timestamp, epoch ms, epoch second, clock",
      INTEGER, epoch("window", "now")),
    R("millisecond, ms, duration ms, length ms, duration millisecond", NUMERIC,
      number(60000, 600000)),
    R("byte, file size, size byte, size, filesize, file size byte", NUMERIC,
      number(1000, 20000000)),
    R("rental duration, loan period, rental period, rental day", NUMERIC, number(3, 7)),
    R("length, runtime, running time, duration minute, duration", NUMERIC, number(46, 185),
      tables="film, movie, video, episode, show"),
    R("length, runtime, duration, minute, duration minute", NUMERIC, number(1, 240)),
    R("second, duration second", NUMERIC, number(1, 3600)),
    R("weight, height, width, depth, volume, weight kg, weight lb", NUMERIC, number(0.1, 100)),
    R("score, percent, percentage, pct, progress, completion", NUMERIC, number(0, 100)),
    R("priority", NUMERIC, number(1, 5)),
    R("sort order, display order, position, rank, sequence, seq, ordinal, order index, sort,"
      " track number, disc number, episode number, level, sort index, order number", NUMERIC,
      number(1, 100)),
    R("count, view, view count, like, click, download, visit, vote, follower, hit, point,"
      " loyalty point, play count, share, comment count", NUMERIC, number(0, 10000)),
    R("year, release year, birth year, model year, fiscal year, yr", frozenset({"integer"}),
      number(1950, 2025)),
    R("year, release year, birth year, model year, fiscal year", TEXTUAL,
      text_of(fk("year", 4))),
    R("month", frozenset({"integer"}), number(1, 12)),
    R("month, month name", TEXTUAL, text_of(fk("month_name", 9))),
    R("day of week, weekday, day name", TEXTUAL, text_of(fk("day_of_week", 9))),
    R("day, day of month", frozenset({"integer"}), number(1, 28)),
    R("hour", frozenset({"integer"}), number(0, 23)),
    R("minute", frozenset({"integer"}), number(0, 59)),
    # moments: phrase, optionally followed by at/on/date/time...
    R("birth, birthdate, birthday, date of birth, dob, born, birth date", MOMENT,
      moment("-80y", "-18y", birth=True), suffixes=TIME_SUFFIX),
    R("hire, hired, employment, employment start, hire date", MOMENT, moment("-15y", "now"),
      suffixes=TIME_SUFFIX),
    R("last update, last updated, updated, update, modified, last modified, changed, edited,"
      " last login, last seen, last activity, last accessed, last used, refreshed, synced",
      MOMENT, moment("-30d", "now"), suffixes=TIME_SUFFIX),
    R("expiry, expires, expiration, valid until, deadline, scheduled, next, renewal,"
      " valid to, expire", MOMENT, moment("now", "+1y"), suffixes=TIME_SUFFIX),
    R("created, creation, inserted, registered, signup, sign up, joined, posted, published,"
      " sent, received, placed, issued, opened, submitted, purchased, booked, added, recorded,"
      " logged, enrolled, started", MOMENT, moment("window", "now"), suffixes=TIME_SUFFIX),
    R("shipped, delivered, returned, closed, completed, paid, resolved, finished, ended,"
      " approved, cancelled, canceled", MOMENT, moment("window", "now"), suffixes=TIME_SUFFIX),
    R("due, required, end, to, until", MOMENT, moment("-1y", "+1y"), suffixes=TIME_SUFFIX,
      suffix_required=True),
    R("order, invoice, payment, rental, return, purchase, transaction, booking, visit, event,"
      " start, from, effective, release, ship, delivery, transfer, sale", MOMENT,
      moment("window", "now"), suffixes=TIME_SUFFIX, suffix_required=True),
    R("date, time, timestamp, datetime, at, on, when", MOMENT, moment("window", "now")),
)  # fmt: skip
KIND_FIRST: dict[str, Builder] = {
    "enum": enum_choice,
    "uuid": const("uuid4"),
    "json": const("json_object"),
    "binary": lambda c: ("binary", {"length": min(c.length or 64, 64)}),
    "array": array_of_items,
    "interval": const("interval"),
    "time": const("time_object"),
    "geometry": spatial_shape,
}
FALLBACK: dict[str, Builder] = {
    "integer": number(1, 10000),
    "decimal": number(0, 10000),
    "float": const("pyfloat", min_value=0, max_value=10000, right_digits=2),
    "string": lambda c: ("short_text", {"max_chars": min(c.length or 40, 40)}),
    "text": const("paragraph", nb_sentences=3),
    "boolean": const("pybool"),
    "date": const("date_between", start_date="window", end_date="today"),
    "datetime": const("date_time_between", start_date="window", end_date="now"),
    "enum": lambda c: ("short_text", {"max_chars": min(c.length or 20, 20)}),
}


# Types whose values have a syntax of their own, whatever the column's name.
TYPE_FIRST: dict[str, tuple[str, dict[str, Any]]] = {
    "INET": ("ipv4", {}),
    "CIDR": ("ipv4", {"network": True}),
    "MACADDR": ("mac_address", {}),
}
EXTRA_WORDS = (
    "ship", "billing", "home", "work", "office", "customer", "employee", "supplier", "order",
    "product", "unit", "units", "in", "on", "of", "to", "by", "at", "id", "per", "via",
    "reports", "support", "rep", "media", "type", "track", "album", "artist", "invoice",
    "line", "film", "actor", "store", "staff", "rental", "special", "features", "bool",
    "contact", "category", "region", "territory", "description", "photo", "path", "user",
    "name", "number", "no", "date", "time", "update", "last", "first", "postal", "code",
)  # fmt: skip
