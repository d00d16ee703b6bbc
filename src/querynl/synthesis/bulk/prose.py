"""Lorem-style text (sentences, paragraphs, titles, labels, length-bounded text) composed for
a whole batch at once from the locale's word list, as Faker's lorem provider builds it.

A sentence is drawn fresh, word by word, in one draw for the batch: a one-sentence value is
as varied as Faker's. A paragraph of two or more sentences takes them from a pool of
sentences made once per run: pairs of a 65,536-sentence pool give 4.3 billion paragraphs,
so repeats stay as rare as Faker's at any row count, for a fraction of the cost.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterator, Sequence
from operator import itemgetter
from typing import Any

from faker import Faker

from querynl.providers.base import clip, positive_length
from querynl.synthesis.streams import stream_seed

SENTENCE_POOL = 2**16  # sentences a run's paragraphs are drawn from (16-bit indices)
_SPREAD = range(60, 141)  # Faker's randomize_nb_elements: the number x 60..140 %


def _counts(number: int, variable: bool) -> list[int]:
    """The values Faker's randomize_nb_elements(number, min=1) takes, equally likely each."""
    return [max(1, number * p // 100) for p in _SPREAD] if variable else [max(1, number)]


class Prose:
    def __init__(self, fake: Faker, seed: int) -> None:
        lorem = fake.get_formatter("sentence").__self__
        self.words = list(lorem.get_words_list())
        self.connector = lorem.word_connector
        self.stop = lorem.sentence_punctuation
        self.firsts = [w[:1].upper() + w[1:] for w in self.words]  # a sentence's first word
        self.lasts = [w + self.stop for w in self.words]  # its last
        self.alone = [w + self.stop for w in self.firsts]  # a one-word sentence
        self.seed = seed
        self._pool: list[str] | None = None

    def sentences(self, rng: random.Random, n: int, nb_words: int = 6, variable: bool = True) -> list[str]:
        """n fresh sentences of Faker's shape: nb_words (+/-40%) words, the first capitalised.
        Sentences of one length are made together (a join of zipped draws, at C speed)."""
        lengths = rng.choices(_counts(nb_words, variable), k=n)
        made = {k: iter(self._of_length(rng, k, lengths.count(k))) for k in sorted(set(lengths))}
        return [next(made[k]) for k in lengths]

    def _of_length(self, rng: random.Random, length: int, n: int, stop: bool = True) -> list[str]:
        """n sentences of `length` words (without the full stop when `stop` is False)."""
        if length == 1:
            return rng.choices(self.alone if stop else self.firsts, k=n)
        firsts, lasts = rng.choices(self.firsts, k=n), rng.choices(self.lasts if stop else self.words, k=n)
        middle = iter(rng.choices(self.words, k=n * (length - 2)))
        return list(map(self.connector.join, zip(firsts, *[middle] * (length - 2), lasts, strict=True)))

    def paragraphs(self, rng: random.Random, n: int, nb_sentences: int = 3, variable: bool = True) -> list:
        """n paragraphs of nb_sentences (+/-40%) sentences: one alone is fresh, more are
        drawn from the run's sentence pool."""
        counts = rng.choices(_counts(nb_sentences, variable), k=n)
        pool, join = self._sentence_pool(), self.connector.join
        made = {1: iter(self.sentences(rng, counts.count(1)))}
        for k in sorted(set(counts) - {1}):
            drawn = iter(_gather(pool, rng, k * counts.count(k)))
            made[k] = map(join, zip(*[drawn] * k, strict=True))
        return [next(made[k]) for k in counts]

    def titles(self, rng: random.Random, n: int, max_chars: int | None = 80) -> list[str]:
        """Our TextProvider.title: a sentence of 2 to 6 words, without its full stop."""
        lengths = rng.choices(range(2, 7), k=n)
        made = {k: iter(self._of_length(rng, k, lengths.count(k), False)) for k in sorted(set(lengths))}
        limit = positive_length(max_chars) or 0
        titles = [next(made[k]) for k in lengths]
        return [t if not limit or len(t) <= limit else clip(t, limit) for t in titles]

    def labels(self, rng: random.Random, n: int, max_chars: int | None = None) -> list[str]:
        """Our TextProvider.label: one to three capitalised words."""
        counts = rng.choices((1, 2, 3), k=n)
        made = {}
        for k in (1, 2, 3):
            drawn = iter(rng.choices(self.firsts, k=k * counts.count(k)))
            made[k] = map(" ".join, zip(*[drawn] * k, strict=True))
        limit = positive_length(max_chars)
        return [clip(next(made[k]), limit) for k in counts]

    def texts(self, rng: random.Random, n: int, max_chars: int = 200) -> list[str]:
        """Faker's text(max_nb_chars): words, sentences or paragraphs (by the bound) added
        while the text is shorter than the bound, the one that passes it dropped."""
        words = max_chars < 25
        if words:
            units = self._words(rng)
        else:
            units = self._sentence_stream(rng) if max_chars < 100 else self._paragraph_stream(rng)
        glue = self.connector if max_chars < 100 else "\n"
        return [self._bounded(units, max_chars, glue, words) for _ in range(n)]

    def _bounded(self, units: Iterator[str], limit: int, glue: str, words: bool) -> str:
        """Units joined while shorter than `limit`, without the one that reaches it."""
        while True:
            parts: list[str] = []
            size = 0
            while size < limit:
                part = (glue if size else "") + next(units)
                parts.append(part)
                size += len(part)
            parts.pop()
            if parts:
                break
        if words:
            parts[0] = parts[0][:1].upper() + parts[0][1:]
            parts[-1] += self.stop
        return "".join(parts)

    def _words(self, rng: random.Random) -> Iterator[str]:
        while True:
            yield from rng.choices(self.words, k=256)

    def _sentence_stream(self, rng: random.Random) -> Iterator[str]:
        while True:
            yield from self.sentences(rng, 256)

    def _paragraph_stream(self, rng: random.Random) -> Iterator[str]:
        while True:
            yield from self.paragraphs(rng, 256)

    def _sentence_pool(self) -> list[str]:
        if self._pool is None:
            rng = random.Random(stream_seed(self.seed, "sentence pool"))
            self._pool = self.sentences(rng, SENTENCE_POOL)
        return self._pool


def _gather(pool: list[str], rng: random.Random, k: int) -> Sequence[str]:
    """k uniform draws from a pool of exactly 2**16 items: random 16-bit indices, gathered
    by itemgetter at C speed (about three times random.choices)."""
    if k == 0:
        return ()
    got = itemgetter(*array("H", rng.randbytes(2 * k)))(pool)
    return got if k > 1 else (got,)


def prose_composer(prose: Prose, formatter: str, args: dict[str, Any]):
    """The composer of a lorem formatter with these arguments, or None."""
    if formatter == "paragraph" and set(args) <= {"nb_sentences", "variable_nb_sentences"}:
        if int(args.get("nb_sentences", 3)) <= 0:
            return None
        number, variable = int(args.get("nb_sentences", 3)), bool(args.get("variable_nb_sentences", True))
        return lambda rng, n: prose.paragraphs(rng, n, number, variable)
    if formatter == "sentence" and set(args) <= {"nb_words", "variable_nb_words"}:
        if int(args.get("nb_words", 6)) <= 0:
            return None
        number, variable = int(args.get("nb_words", 6)), bool(args.get("variable_nb_words", True))
        return lambda rng, n: prose.sentences(rng, n, number, variable)
    if formatter == "title" and set(args) <= {"max_chars"}:
        return lambda rng, n: prose.titles(rng, n, args.get("max_chars", 80))
    if formatter == "label" and set(args) <= {"max_chars"}:
        return lambda rng, n: prose.labels(rng, n, args.get("max_chars"))
    bound = args.get("max_chars", 200) if formatter == "short_text" else args.get("max_nb_chars", 200)
    if formatter in ("short_text", "text") and set(args) <= {"max_chars", "max_nb_chars"} and bound >= 5:
        return lambda rng, n: prose.texts(rng, n, int(bound))
    return None
