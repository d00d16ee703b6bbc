"""The prompt_toolkit Completer: `suggest` says what kind of name comes, the metadata lists them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from prompt_toolkit.completion import CompleteEvent, Completer, Completion, PathCompleter
from prompt_toolkit.document import Document

from querynl.cli.completion.metadata import CompletionMetadata
from querynl.cli.completion.suggest import (
    Column,
    File,
    Keyword,
    Special,
    Suggestion,
    Table,
    partial_word,
    suggest,
)


class SQLCompleter(Completer):
    def __init__(self, metadata: CompletionMetadata) -> None:
        self.metadata = metadata
        self._paths = PathCompleter(expanduser=True)
        self._names: dict[type, Callable[[Suggestion], Iterable[str]]] = {
            Table: lambda _s: self.metadata.tables,
            Column: lambda s: self.metadata.columns_of(s.tables),
            Keyword: lambda _s: self.metadata.keywords,
            Special: lambda _s: self.metadata.commands,
        }

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterator[Completion]:
        before = document.text_before_cursor
        suggestions = suggest(before, document.text)
        if any(isinstance(s, File) for s in suggestions):
            word = before.lstrip().partition(" ")[2]
            yield from self._paths.get_completions(Document(word, len(word)), complete_event)
            return
        typed = _typed_word(before).rpartition(".")[2]
        seen = set()
        for suggestion in suggestions:
            for name in self._names[type(suggestion)](suggestion):
                if name.lower().startswith(typed.lower()) and name not in seen:
                    seen.add(name)
                    yield Completion(name, start_position=-len(typed), display_meta=_meta(suggestion))


def matches(completer: Completer, text: str) -> list[str]:
    """The completions offered with the cursor at the end of `text` (for tests and checks)."""
    document = Document(text, len(text))
    return [c.text for c in completer.get_completions(document, CompleteEvent(completion_requested=True))]


def _typed_word(before: str) -> str:
    """The word a completion replaces: a backslash command's word as a whole."""
    stripped = before.lstrip()
    if stripped.startswith("\\") and " " not in stripped:
        return stripped
    return partial_word(before)


def _meta(suggestion: Suggestion) -> str:
    return type(suggestion).__name__.lower()
