"""Column values for a whole batch at once, as diverse as Faker called once per value.

A large table cannot afford Faker's ~10-100 µs a value, and must not buy its speed with
repetition. So each provider family has a composer that draws a batch in one go from the
same data and distributions Faker uses: template formatters (names, places, companies,
user names, emails) token by token (templates.py), lorem text (prose.py), numbers, dates
and timestamps (quantities.py), our patterned providers (patterns.py). `Composers.composer`
gives the composer of a provider and its (resolved) arguments, or None: such a column keeps
Faker per value, or, when its values are few, the sample of them that sampling.py takes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from faker import Faker

from querynl.providers.base import clip
from querynl.providers.data import epoch_number
from querynl.providers.people import job_titles, locale_jobs
from querynl.synthesis.bulk import quantities as q
from querynl.synthesis.bulk.patterns import pattern_composer
from querynl.synthesis.bulk.prose import Prose, prose_composer
from querynl.synthesis.bulk.templates import Compose, Templates

_FITTED = {"name", "company", "city", "street_address", "street_name", "user_name", "email"}


class Composers:
    """The composers of one run: one Faker's locale data, the run's anchor and seed."""

    def __init__(self, fake: Faker, anchor: dt.datetime, seed: int) -> None:
        self.anchor = anchor
        self.templates = Templates(fake)
        self.prose = Prose(fake, seed)

    def composer(self, provider: str, args: dict[str, Any]) -> Compose | None:
        """How to draw n values of `provider(**args)` at once; None: no composer for them."""
        try:
            return self._composer(provider, args)
        except (ValueError, TypeError, ArithmeticError):  # arguments it does not read
            return None

    def _composer(self, provider: str, args: dict[str, Any]) -> Compose | None:
        if provider in ("fit", "username"):
            return self._fitted(provider, args)
        if provider == "job_title" and set(args) <= {"max_chars"}:
            titles = job_titles(locale_jobs(self.templates.fake), args.get("max_chars"))
            return (lambda rng, n: rng.choices(titles, k=n)) if titles else None
        if not args and (found := self.templates.composer(provider)) is not None:
            return found
        if (patterned := pattern_composer(self.templates.fake, provider, args)) is not None:
            if (limit := args.get("max_chars")) is None:
                return patterned
            return lambda rng, n: _fitting(patterned, rng, n, max(1, int(limit)))
        return _quantity(provider, args, self.anchor) or prose_composer(self.prose, provider, args)

    def _fitted(self, provider: str, args: dict[str, Any]) -> Compose | None:
        """Our `fit(source, max_chars)` and `username(max_chars)`: the source's values that fit."""
        source = "user_name" if provider == "username" else args.get("source")
        if source not in _FITTED or args.get("args") or (provider == "username" and len(args) > 1):
            return None
        inner = self.templates.composer(source)
        limit = args.get("max_chars")
        if inner is None or limit is None:
            return inner
        return lambda rng, n: _fitting(inner, rng, n, max(1, int(limit)))


def _fitting(inner: Compose, rng, n: int, limit: int, tries: int = 10) -> list[str]:
    """As QueryNLProvider._retry: a value longer than `limit` is drawn again, up to `tries`
    draws in all, then clipped."""
    values = inner(rng, n)
    for _ in range(tries - 1):
        long = [i for i, v in enumerate(values) if len(v) > limit]
        if not long:
            return values
        for i, value in zip(long, inner(rng, len(long)), strict=True):
            values[i] = value
    return [v if len(v) <= limit else clip(v, limit) for v in values]


def _quantity(provider: str, args: dict[str, Any], anchor: dt.datetime) -> Compose | None:
    if provider == "random_int" and set(args) <= {"min", "max"}:
        return q.integers(int(args.get("min", 0)), int(args.get("max", 9999)))
    if provider == "postcode_number" and set(args) <= {"min", "max"}:
        return q.integers(int(args.get("min", 10000)), int(args.get("max", 99999)))
    if provider == "rating" and set(args) <= {"min_value", "max_value"}:
        return q.integers(int(args.get("min_value", 1)), int(args.get("max_value", 5)))
    if provider in ("decimal_number", "price", "float_number"):
        low = args.get("min_value", 0.99 if provider == "price" else 0)
        high = args.get("max_value", 999.99 if provider == "price" else 1000)
        positive = provider == "price" or bool(args.get("positive"))
        return q.decimals(low, high, args.get("right_digits", 2), positive, provider == "float_number")
    window = set(args) == {"start_date", "end_date"}
    if provider in ("date_time_between", "datetime_text") and window:
        moments = q.moments(args["start_date"], args["end_date"])
        return moments if provider == "date_time_between" else q.as_text(moments, q.iso_moment)
    if provider == "unix_timestamp" and window or (set(args) == {"start_date", "end_date", "millis"}):
        moments, millis = q.moments(args["start_date"], args["end_date"]), bool(args.get("millis"))
        return lambda rng, n: [epoch_number(m, millis) for m in moments(rng, n)]
    if provider in ("date_between", "date_text") and window:
        days = q.days(args["start_date"], args["end_date"])
        return days if provider == "date_between" else q.as_text(days, q.iso_day)
    if provider == "date_of_birth" and set(args) <= {"minimum_age", "maximum_age"}:
        return q.births(anchor, int(args.get("minimum_age", 0)), int(args.get("maximum_age", 115)))
    return None
