"""Lean tokens, read lazily from a command's text: identifiers, symbols, brackets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from blueprint.lean.lexer import (
    ID_FIRST,
    ID_REST_CHARS,
    IDENT,
)

_TOK_RE = re.compile(
    f"{IDENT}|:=|::|=>|@\\[|\\.\\{{|\\.{ID_FIRST}[{ID_REST_CHARS}]*|[0-9]+|[^\\s\\x00]"
)


ID_START_RE = re.compile(f"{ID_FIRST}|«")


OPEN = {"(": ")", "[": "]", "{": "}", "⦃": "⦄", "⟨": "⟩"}


CLOSE = frozenset(OPEN.values())


class Token:
    """A token; `line_first` (first on its line) and `col` are computed lazily."""

    __slots__ = ("_src", "end", "prev_end", "start", "text")

    def __init__(self, text: str, start: int, end: int, src: str, prev_end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self._src = src
        self.prev_end = prev_end

    @property
    def line_first(self) -> bool:
        return self._src.find("\n", self.prev_end, self.start) >= 0

    @property
    def col(self) -> int:
        return self.start - self._src.rfind("\n", 0, self.start) - 1


class Tokens:
    """A lazy token stream over `text[pos:end]` with one-token pushback."""

    __slots__ = ("_it", "_last_end", "_pending", "text")

    def __init__(self, text: str, pos: int, end: int) -> None:
        self.text = text
        self._it = _TOK_RE.finditer(text, pos, end)
        self._pending: list[Token] = []
        self._last_end = pos

    def next(self) -> Token | None:
        if self._pending:
            return self._pending.pop()
        m = next(self._it, None)
        if m is None:
            return None
        tok = Token(m.group(), m.start(), m.end(), self.text, self._last_end)
        self._last_end = tok.end
        return tok

    def push(self, tok: Token) -> None:
        self._pending.append(tok)

    def peek(self) -> Token | None:
        tok = self.next()
        if tok is not None:
            self.push(tok)
        return tok

    def __iter__(self) -> Iterator[Token]:
        while (tok := self.next()) is not None:
            yield tok


def is_ident(t: str) -> bool:
    return ID_START_RE.match(t) is not None


def skip_group(toks: Tokens, limit: int = 4000) -> list[str] | None:
    """Read a bracketed group whose opener was consumed; its inner token texts."""
    depth = 1
    inner: list[str] = []
    for _ in range(limit):
        tok = toks.next()
        if tok is None:
            return None
        t = tok.text
        if t in OPEN or t == "@[":
            depth += 1
        elif t in CLOSE:
            depth -= 1
            if depth == 0:
                return inner
        inner.append(t)
    return None


def split_commas(toks: list[str]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    depth = 0
    for t in toks:
        if t in OPEN or t == "@[":
            depth += 1
        elif t in CLOSE:
            depth -= 1
        if depth == 0 and t == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    return [p for p in parts if p]
