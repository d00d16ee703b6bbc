"""People and organisations: names, job titles, departments, roles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from querynl.providers.base import QueryNLProvider, clip, positive_length, vocabulary
from querynl.providers.vocabulary import (
    DEPARTMENTS,
    JOB_TITLES,
    LANGUAGE_CODES,
    REGIONS,
)


def locale_jobs(generator: Any) -> tuple[str, ...]:
    """The jobs of the Faker's locale (its `job` formatter's list), or none."""
    try:
        return tuple(getattr(generator.get_formatter("job").__self__, "jobs", ()))
    except AttributeError:
        return ()


def job_titles(jobs: Iterable[str], max_chars: int | None) -> tuple[str, ...]:
    """Our job titles and the locale's jobs, those within `max_chars`: a vocabulary of its
    natural size (some 650 in en_US), not just the two dozen of an office."""
    limit = positive_length(max_chars)
    merged = dict.fromkeys((*JOB_TITLES, *jobs))
    return tuple(title for title in merged if limit is None or len(title) <= limit)


class PeopleProvider(QueryNLProvider):
    department = vocabulary(DEPARTMENTS)

    def job_title(self, max_chars: int | None = None) -> str:
        """A job title: ours (Sales Manager, IT Staff...) or one of the locale's jobs."""
        limit = positive_length(max_chars)
        cache = self.__dict__.setdefault("_job_titles", {})
        if limit not in cache:
            cache[limit] = job_titles(locale_jobs(self.generator), limit)
        titles = cache[limit]
        return self.random_element(titles) if titles else clip(self.random_element(JOB_TITLES), limit)

    def phone(self, max_chars: int | None = None) -> str:
        """A phone number with digits that fits ``max_chars``."""
        formats = ("(###) ###-####", "###-###-####", "+1-###-###-####", "###.###.####")
        max_chars = positive_length(max_chars)
        fitting = [f for f in formats if max_chars is None or len(f) <= max_chars]
        if fitting:
            return self.numerify(self.random_element(fitting))
        return self.numerify("#" * max_chars)

    def phone_extension(self, max_chars: int | None = None) -> str:
        width = min(positive_length(max_chars) or 4, 4)
        return str(self.random_int(10 ** (width - 1) if width > 1 else 0, 10**width - 1))

    def short_email(self, max_chars: int | None = None) -> str:
        """An email address that fits ``max_chars`` (from 6 characters on)."""
        max_chars = positive_length(max_chars)
        domain = self.random_element(("ex.io", "mail.com", "example.org", "corp.net"))
        user = "".join(c for c in self.generator.user_name() if c.isalnum()) or "user"
        if max_chars is not None:
            domain = domain if len(domain) + 2 <= max_chars else "x.io"
            user = user[: max(1, max_chars - len(domain) - 1)]
        return clip(f"{user}@{domain}", max_chars)

    region_name = vocabulary(REGIONS)

    def city_code(self, max_chars: int | None = 3) -> str:
        return self._letters(min(positive_length(max_chars) or 3, 3))

    def iso_language_code(self) -> str:
        """A two-letter ISO 639-1 code (Faker's ``language_code`` may give three)."""
        return self.random_element(LANGUAGE_CODES)
