"""A trigger body cut into its statements, each with the conditions it runs under.

sqlglot parses single statements, not a trigger's procedural body (a PostgreSQL plpgsql
function, a MySQL BEGIN ... END block, SQLite's CREATE TRIGGER ... WHEN ... BEGIN ... END).
Its tokenizer does read them: this module walks the tokens, follows `IF cond THEN ... END IF`
blocks (and SQLite's WHEN clause) and cuts the statements at their semicolons, so each can
then be parsed on its own. A statement under an ELSE, ELSIF or CASE branch has an unknown
condition (None).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot.dialects.dialect import Dialect as SqlglotDialect
from sqlglot.errors import SqlglotError
from sqlglot.tokens import Token, TokenType

Conditions = tuple[str | None, ...]  # every enclosing condition must hold; None: not known


@dataclass(frozen=True)
class Statement:
    tokens: list[Token]
    text: str
    conditions: Conditions

    @property
    def first_word(self) -> str:
        return self.tokens[0].text.upper() if self.tokens else ""


def body_statements(body: str, read: str) -> list[Statement]:
    """The statements of a trigger body (or of a whole SQLite CREATE TRIGGER) in order."""
    try:
        tokens = SqlglotDialect.get_or_raise(read).tokenize(body)
    except SqlglotError:
        return []
    start, base = _header(tokens, body)
    return _Walk(tokens, body).run(start, base)


def _header(tokens: list[Token], body: str) -> tuple[int, Conditions]:
    """Where the body starts, and SQLite's `WHEN cond` (a CREATE TRIGGER ... BEGIN header)."""
    if not tokens or tokens[0].token_type != TokenType.CREATE:
        return 0, ()
    begin = next((i for i, t in enumerate(tokens) if t.token_type == TokenType.BEGIN), len(tokens))
    when = next((i for i in range(begin) if tokens[i].token_type == TokenType.WHEN), None)
    if when is None or when + 1 >= begin:
        return begin, ()
    return begin, (body[tokens[when + 1].start : tokens[begin - 1].end + 1],)


class _Walk:
    def __init__(self, tokens: list[Token], body: str) -> None:
        self.tokens = tokens
        self.body = body
        self.out: list[Statement] = []

    def run(self, i: int, base: Conditions) -> list[Statement]:
        stack: list[str | None] = list(base)
        floor = len(stack)
        while i < len(self.tokens):
            word = self.tokens[i].text.upper()
            after = self.tokens[i + 1].text.upper() if i + 1 < len(self.tokens) else ""
            if word in ("IF", "CASE") or (word in ("ELSIF", "ELSEIF") and len(stack) > floor):
                i = self._open(i, stack, word)
            elif word == "ELSE" and len(stack) > floor:
                stack[-1], i = None, i + 1
            elif word == "END" and after in ("IF", "CASE") and len(stack) > floor:
                stack.pop()
                i += 2
            elif word in ("BEGIN", "END", "ELSE") or self.tokens[i].token_type == TokenType.SEMICOLON:
                i += 1
            else:
                i = self._statement(i, tuple(stack))
        return self.out

    def _open(self, i: int, stack: list[str | None], word: str) -> int:
        """`IF cond THEN` (pushes cond), `ELSIF cond THEN` (the branch is unknown), `CASE`."""
        then = self._find(i + 1, TokenType.THEN) if word != "CASE" else None
        condition = None
        if then is not None and then > i + 1 and word == "IF":
            condition = self.body[self.tokens[i + 1].start : self.tokens[then - 1].end + 1]
        if word in ("ELSIF", "ELSEIF"):
            stack[-1] = None
        else:
            stack.append(condition)
        return (then if then is not None else i) + 1

    def _statement(self, i: int, conditions: Conditions) -> int:
        end = self._find(i, TokenType.SEMICOLON)
        stop = end if end is not None else len(self.tokens)
        if stop > i and self.tokens[stop - 1].text.upper() == "END" and end is None:
            stop -= 1  # the END closing a body with no final semicolon
        tokens = self.tokens[i:stop]
        if tokens:
            text = self.body[tokens[0].start : tokens[-1].end + 1]
            self.out.append(Statement(tokens, text, conditions))
        return stop + 1

    def _find(self, i: int, kind: TokenType) -> int | None:
        """The next token of `kind` outside parentheses."""
        depth = 0
        for j in range(i, len(self.tokens)):
            token = self.tokens[j].token_type
            depth += (token == TokenType.L_PAREN) - (token == TokenType.R_PAREN)
            if token == kind and depth == 0:
                return j
        return None
