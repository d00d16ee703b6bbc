"""The plan's row links applied to a batch, after plain values and keys are drawn and before
CHECK repair (models.RowLink; planning/links.py decides them).

Parents' values are read from the key registry, which keeps only the (key, value) pairs the
links name (planning.links.link_pools): a parent's creation time, the shared key of a diamond.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from typing import Any

from querynl.db.trigger_rules import ParentsAgree, ParentValue
from querynl.models import AfterParent, DerivedFrom, SameAddress, SameParentThrough, SumOfChildren, TimeOrder
from querynl.synthesis.addresses import Addresses
from querynl.synthesis.column_values import ColumnValues
from querynl.synthesis.foreign_keys import TableKeys, Values
from querynl.synthesis.key_registry import KeyRegistry
from querynl.synthesis.layout import TableSpec
from querynl.synthesis.linked_draws import LinkedDraws
from querynl.synthesis.streams import stream_seed
from querynl.synthesis.uniqueness import DROP
from querynl.temporal import utc_naive

_SPREAD = dt.timedelta(days=30)  # how far past its floor a raised time goes at most
_NOTHING, _DAY = dt.timedelta(0), dt.timedelta(days=1)
_EPOCH = dt.datetime(1970, 1, 1)
_MILLIS = 10**11  # an epoch integer above this counts milliseconds
_WORD = re.compile(r"[a-z0-9]+")
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "md", "phd", "dds", "dvm", "jr", "sr", "ii", "iii", "iv", "v"}


class RowLinks:
    def __init__(
        self,
        spec: TableSpec,
        keys: TableKeys,
        registry: KeyRegistry,
        values: ColumnValues,
        columns: list[str],
    ) -> None:
        self.spec = spec
        self.anchor: dt.datetime = values.source.anchor
        self.address = Addresses(values.source.fake, spec.seed, spec.name)
        self.lengths = {c.name: c.length for c in spec.info.columns}
        self.highs = {c.name: c.int_max for c in spec.info.columns if c.kind == "integer"}
        self.unique = {c.info.name: c.unique for c in values.columns if c.unique is not None}
        drawn = {c.column_name for c in spec.config.columns if c.strategy == "faker"} & set(columns)
        # a sum of children is set by UPDATE once the lines are in (pipeline/aggregates.py)
        rows = [link for link in spec.config.links if not isinstance(link, SumOfChildren)]
        links = [link for link in rows if _present(link, columns, drawn)]
        self.derived = [link for link in links if isinstance(link, DerivedFrom)]
        self.addresses = [link for link in links if isinstance(link, SameAddress)]
        self.orders = [link for link in links if isinstance(link, TimeOrder)]
        after = [link for link in links if isinstance(link, AfterParent)]
        self.after = [(link, _parent_times(registry, link, self.anchor)) for link in after]
        rules = [_agree_rule(link) for link in links if isinstance(link, SameParentThrough)]
        self.diamonds = LinkedDraws(keys, registry, columns, rules=rules) if rules else None

    def __bool__(self) -> bool:
        return bool(self.derived or self.addresses or self.orders or self.after or self.diamonds)

    def apply(self, values: Values, number: int, size: int) -> None:
        rng = random.Random(stream_seed(self.spec.seed, self.spec.name, "links", number))
        if self.diamonds is not None:
            self.diamonds.apply(values, number, size)
        for link, times in self.after:
            self._after_parent(values, link, times, rng)
        for link in self.orders:
            self._time_order(values, link, rng)
        for link in self.derived:
            self._derive(values, link, rng)
        for link in self.addresses:
            self.address.apply(values, link, rng, self.lengths, self.highs)

    def _after_parent(self, values: Values, link: AfterParent, times: dict[Any, tuple], rng) -> None:
        column = values[link.column]
        bounds = list(map(times.get, values[link.via]))  # (floor, room) of each row's parent
        naive, draw = dt.datetime, rng.random
        for i, (bound, value) in enumerate(zip(bounds, column, strict=True)):
            if bound is None or value is None or value is DROP:
                continue
            if type(value) is not naive or value.tzinfo is not None:
                column[i] = self._at_least(value, bound[0], rng)
            elif value < bound[0]:  # the common case, a naive datetime, without a conversion
                column[i] = bound[0] + bound[1] * draw()

    def _time_order(self, values: Values, link: TimeOrder, rng) -> None:
        gap = dt.timedelta(days=link.min_gap_days)
        later = values[link.later]
        for i, (first, second) in enumerate(zip(values[link.earlier], later, strict=True)):
            if first is None or second is None or first is DROP or second is DROP:
                continue
            floor = to_moment(first)
            if floor is not None:
                later[i] = self._at_least(second, floor + gap, rng)

    def _at_least(self, value: Any, floor: dt.datetime, rng: random.Random) -> Any:
        """`value`, or a time a little after `floor` when it is earlier, in value's own form."""
        moment = to_moment(value)
        if moment is None or moment >= floor:
            return value
        room = min(max(self.anchor - floor, _NOTHING), _SPREAD) or _DAY
        return like(value, floor + room * rng.random())

    def _derive(self, values: Values, link: DerivedFrom, rng: random.Random) -> None:
        column = values[link.column]
        info = self.spec.info.column(link.column)
        unique = self.unique.get(link.column)
        names = zip(*(values[s] for s in link.sources), strict=True)
        for i, (old, parts) in enumerate(zip(column, names, strict=True)):
            if old is None or old is DROP:
                continue
            words = _words(" ".join(str(p) for p in parts if p is not None and p is not DROP))
            if not words:
                continue
            domain = old.rpartition("@")[2] if "@" in str(old) else "example.com"
            handle = _Handle(words, link.form, domain, rng, info.length)
            column[i] = handle(False) if unique is None else unique.claim(handle(False), handle)


def to_moment(value: Any) -> dt.datetime | None:
    """A time value as a naive UTC datetime: a datetime, a date (its midnight), epoch seconds
    or milliseconds, ISO text; None for anything else."""
    if isinstance(value, dt.datetime):
        return utc_naive(value)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, int) and not isinstance(value, bool):
        unit = dt.timedelta(milliseconds=1) if value > _MILLIS else dt.timedelta(seconds=1)
        return _EPOCH + unit * value
    if isinstance(value, str):
        try:
            return utc_naive(dt.datetime.fromisoformat(value))
        except ValueError:
            return None
    return None


def like(original: Any, moment: dt.datetime) -> Any:
    """`moment` in the form of `original` (a date is rounded up, never before the moment)."""
    if isinstance(original, dt.datetime):
        moment = moment.replace(microsecond=0)
        if original.tzinfo is None:
            return moment
        return moment.replace(tzinfo=dt.UTC).astimezone(original.tzinfo)
    if isinstance(original, dt.date):
        day = moment.date()
        return day if dt.datetime.combine(day, dt.time()) >= moment else day + dt.timedelta(days=1)
    if isinstance(original, int):
        seconds = (moment - _EPOCH) // dt.timedelta(seconds=1) + 1
        return seconds * 1000 if original > _MILLIS else seconds
    text = moment.replace(microsecond=0).isoformat(sep=" ")
    return text[: len(original)] if len(original) >= 10 else text


def _words(name: str) -> list[str]:
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = _WORD.findall(name.lower())
    return [w for w in words if w not in _TITLES] or words


class _Handle:
    """An email or user name made of a name's words (with digits: another one, for a collision)."""

    def __init__(self, words: list[str], form: str, domain: str, rng: random.Random, limit: int | None):
        self.words, self.form, self.domain, self.rng, self.limit = words, form, domain, rng, limit

    def __call__(self, digits: bool = True) -> str:
        first, last, rng = self.words[0], self.words[-1], self.rng
        if len(self.words) > 1:
            forms = [
                f"{first}.{last}",
                f"{first}{last}",
                f"{first[0]}{last}",
                f"{first}_{last}",
                f"{first}{last[0]}",
            ]
        else:
            forms = [first, f"{first}.{rng.randint(1, 99)}"]
        local = rng.choice(forms)
        if self.form == "username":
            local = local.replace(".", rng.choice(["", "_", "."]))
        suffix = str(rng.randint(1, 9999)) if digits else ""
        tail = f"@{self.domain}" if self.form == "email" else ""
        if self.limit is not None:
            local = local[: max(1, self.limit - len(tail) - len(suffix))]
        return f"{local}{suffix}{tail}"


def _present(link: Any, columns: list[str], drawn: set[str]) -> bool:
    """Whether the columns a link reads are inserted and those it writes drawn by a provider
    (a link on a sequence or a skipped column is inert)."""
    read, written = {
        DerivedFrom: lambda x: (x.sources, [x.column]),
        SameAddress: lambda x: ([], list(x.parts.values())),
        TimeOrder: lambda x: ([x.earlier], [x.later]),
        AfterParent: lambda x: ([x.via], [x.column]),
        SameParentThrough: lambda x: ([x.first, x.second], []),
    }[type(link)](link)
    return set(read) <= set(columns) and set(written) <= drawn


def _parent_times(registry: KeyRegistry, link: AfterParent, anchor: dt.datetime) -> dict[Any, tuple]:
    """By parent key (only parents with a time): the parent's creation time, and how far
    past it a child's time is drawn when it was earlier (up to _SPREAD, not past the
    anchor; a day when the parent's time is at or past the anchor)."""
    times = {}
    for key, value in registry.known(link.parent_table, [link.parent_key, link.parent_column]):
        moment = to_moment(value) if value is not None else None
        if moment is not None:
            room = anchor - moment
            times[key] = (moment, _SPREAD if room > _SPREAD else room if room > _NOTHING else _DAY)
    return times


def _agree_rule(link: SameParentThrough) -> ParentsAgree:
    first = ParentValue(via=link.first, table=link.first_table, key=link.first_key, column=link.first_value)
    second = ParentValue(
        via=link.second, table=link.second_table, key=link.second_key, column=link.second_value
    )
    return ParentsAgree(first=first, second=second)
