"""Machine-shaped values: codes, digests, JSON, dates as text, epoch numbers."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from querynl.providers.base import QueryNLProvider


class DataProvider(QueryNLProvider):
    def json_object(self, nb_keys: int = 3) -> str:
        """A small JSON object as a string."""
        keys = self.generator.words(nb=max(1, nb_keys), unique=True)
        values: list[Any] = [
            self.random_int(0, 1000),
            self.generator.word(),
            bool(self.random_int(0, 1)),
        ]
        data = {key: values[i % len(values)] for i, key in enumerate(keys)}
        return json.dumps(data)

    def interval(self, max_days: int = 30) -> dt.timedelta:
        return dt.timedelta(
            days=self.random_int(0, max_days),
            hours=self.random_int(0, 23),
            minutes=self.random_int(0, 59),
        )

    def word_list(self, nb: int = 3) -> list[str]:
        return self.generator.words(nb=self.random_int(1, max(1, nb)))

    def int_list(self, nb: int = 3, min_value: int = 0, max_value: int = 1000) -> list[int]:
        """An integer array's value: one to ``nb`` numbers."""
        return [self.random_int(min_value, max_value) for _ in range(self.random_int(1, max(1, nb)))]

    def number_list(self, nb: int = 3, max_value: int = 1000) -> list[Decimal]:
        """A numeric array's value: one to ``nb`` numbers with two decimals."""
        count = self.random_int(1, max(1, nb))
        return [Decimal(self.random_int(0, max_value * 100)) / 100 for _ in range(count)]

    def date_text(self, start_date: str = "-5y", end_date: str = "today") -> str:
        return self.generator.date_between(start_date, end_date).isoformat()

    def datetime_text(self, start_date: str = "-2y", end_date: str = "now") -> str:
        moment = self.generator.date_time_between(start_date, end_date)
        return moment.strftime("%Y-%m-%d %H:%M:%S")

    def postcode_number(self, min: int = 10000, max: int = 99999) -> int:
        """A postal code held in an integer column: a number of [min, max]. A provider of its
        own, not random_int, so that the address link (planning/links.py) knows the column:
        each row then gets its own address's code, of a country whose codes are all digits."""
        return self.random_int(min, max)

    def unix_timestamp(self, start_date: str = "-2y", end_date: str = "now", millis: bool = False) -> int:
        """Epoch seconds (UTC), or milliseconds, of a moment between the two dates."""
        moment = self.generator.date_time_between(start_date, end_date)
        return epoch_number(moment, millis)


_EPOCH = dt.datetime(1970, 1, 1)


def epoch_number(moment: dt.datetime, millis: bool = False) -> int:
    """A moment (naive: UTC) as epoch seconds or milliseconds."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    delta = moment - _EPOCH
    return delta // dt.timedelta(milliseconds=1) if millis else delta // dt.timedelta(seconds=1)
