"""Inline help for a line that asks for test data without saying how much of what (T040)."""

from __future__ import annotations

from rich.console import Console

from querynl.cli.special.basics import EXAMPLES

COUNTED_EXAMPLES = ["add 100 users", "populate the orders table with 300 rows", "users: 100, orders: 500"]


def show_test_data_examples(console: Console) -> None:
    console.print("That looks like a test-data request, but how much of what? For example:")
    for example in [*EXAMPLES, *COUNTED_EXAMPLES]:
        console.print(f'  "{example}"', highlight=False)
