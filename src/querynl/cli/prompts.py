"""Yes/no questions that work on a terminal and on piped input alike."""

from __future__ import annotations

import sys

from rich.console import Console

YES = {"y", "yes"}


def ask_line(console: Console, question: str) -> bool:
    """Ask on the terminal, or take the next line of piped input as the answer (EOF: no).
    Ctrl+C is KeyboardInterrupt: the caller cancels the request."""
    if sys.stdin.isatty():
        from prompt_toolkit import prompt

        try:
            answer = prompt(question)
        except EOFError:
            return False
    else:
        console.print(question, end="", markup=False)
        line = sys.stdin.readline()
        answer = line.strip()
        console.print(answer)
    return answer.strip().lower() in YES
