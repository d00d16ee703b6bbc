"""Music, film and media vocabularies."""

from __future__ import annotations

from querynl.providers.base import QueryNLProvider, vocabulary
from querynl.providers.vocabulary import (
    BAND_ADJECTIVES,
    BAND_NOUNS,
    FILE_EXTENSIONS,
    FILM_RATINGS,
    GENRES,
    MEDIA_TYPES,
)


class MediaProvider(QueryNLProvider):
    genre = vocabulary(GENRES)
    media_type = vocabulary(MEDIA_TYPES)

    def artist_name(self, max_chars: int | None = None) -> str:
        """A person or a band: ``Miles Davis`` or ``The Velvet Foxes``."""

        def make() -> str:
            if self.random_int(0, 1):
                return self.generator.name()
            adjective = self.random_element(BAND_ADJECTIVES)
            return f"The {adjective} {self.random_element(BAND_NOUNS)}"

        return self._retry(make, max_chars)

    def composer(self, max_chars: int | None = None) -> str:
        """One to three people, comma-separated, as in Chinook's ``Track.Composer``."""

        def make() -> str:
            return ", ".join(self.generator.name() for _ in range(self.random_int(1, 3)))

        return self._retry(make, max_chars)

    def film_rating(self) -> str:
        return self.random_element(FILM_RATINGS)

    def document_name(self, max_chars: int | None = None) -> str:
        """A file name such as ``annual_report.pdf``."""

        def make() -> str:
            words = "_".join(self.generator.words(nb=self.random_int(1, 2)))
            return f"{words}.{self.random_element(FILE_EXTENSIONS)}"

        return self._retry(make, max_chars)
