"""What every QueryNL provider shares: length-safe picking, retries and clipping."""

from __future__ import annotations

import string

from faker.providers import BaseProvider

# Generator plumbing and large payloads that ``fit`` must not call.
NOT_FITTABLE = frozenset(
    {"fit", "binary", "format", "parse", "add_provider", "get_formatter", "set_formatter",
     "seed", "seed_instance", "seed_locale", "set_arguments", "get_arguments", "del_arguments",
     "get_providers", "provider"}
)  # fmt: skip

# --------------------------------------------------------------------------- helpers


def clip(text: str, max_chars: int | None) -> str:
    """Shorten to ``max_chars``: at a word boundary when one is near, else a hard cut."""
    if max_chars is None or len(text) <= max_chars:
        return text
    cut = text[:max_chars].rstrip(" ,;:-/&")
    space = cut.rfind(" ")
    if space >= max_chars // 2:
        cut = cut[:space].rstrip(" ,;:-/&")
    return cut or text[:max_chars]


def positive_length(max_chars: int | None) -> int | None:
    return None if max_chars is None else max(1, int(max_chars))


def vocabulary(values: tuple[str, ...], doc: str | None = None):
    """A provider method that picks one of ``values`` no longer than ``max_chars``: a
    vocabulary is data, so each such formatter is one line in its provider class."""

    def pick(self: QueryNLProvider, max_chars: int | None = None) -> str:
        return self._pick(values, max_chars)

    pick.__doc__ = doc
    return pick


# --------------------------------------------------------------------------- providers


class QueryNLProvider(BaseProvider):
    def _pick(self, values: tuple[str, ...], max_chars: int | None) -> str:
        """A random value that fits, or a clipped one when none does."""
        max_chars = positive_length(max_chars)
        fitting = [v for v in values if max_chars is None or len(v) <= max_chars]
        if fitting:
            return self.random_element(fitting)
        return clip(self.random_element(values), max_chars)

    def _retry(self, make, max_chars: int | None, tries: int = 10) -> str:
        """Draw up to ``tries`` values looking for one that fits; clip the last otherwise."""
        max_chars = positive_length(max_chars)
        value = str(make())
        for _ in range(tries - 1):
            if max_chars is None or len(value) <= max_chars:
                return value
            value = str(make())
        return clip(value, max_chars)

    def _letters(self, count: int, alphabet: str = string.ascii_uppercase) -> str:
        return "".join(self.random_element(alphabet) for _ in range(count))
