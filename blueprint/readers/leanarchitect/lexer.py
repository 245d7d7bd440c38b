"""Lean source text as LeanArchitect needs it: where comments, doc comments and strings are,
and tokens read from a position on. Pure.

`CodeMap(text)` finds every comment, doc comment, string and char literal in one regex pass
(Lean's rules: `--` to the end of the line, `/- ... -/` nested, `/-- ... -/` a doc comment,
`"..."` with escapes, `s!"..{..}.."`, `r#"..."#`). The attribute and command readers then
take tokens with `CodeMap.token(pos)` only where they look (attributes, declaration heads,
commands): the rest of a file is never tokenized.

Unlike `blueprint.lean.lexer.clean_source` (which blanks what it skips), this keeps the
text: doc comments and string literals are what a LeanArchitect blueprint is written in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from blueprint.lean.lexer import (
    _STRING_REST,
    ID_REST_CHARS,
    IDENT,
    _skip_block,
    _skip_interpolated,
)


class SpanKind(Enum):
    COMMENT = "comment"  # `-- ...` or `/- ... -/`
    DOC = "doc"  # `/-- ... -/`
    STRING = "string"
    CHAR = "char"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text that is not code: `text[start:end]`."""

    kind: SpanKind
    start: int
    end: int
    closed: bool = True  # False: the file ends inside it


class TokenKind(Enum):
    IDENT = "ident"
    STRING = "string"  # text[start:end] is the literal with its quotes
    DOC = "doc"  # text[start:end] is the whole `/-- ... -/`
    NUMBER = "number"
    SYMBOL = "symbol"  # `:=`, `@[`, or one character
    END = "end"  # the end of the text


class Token(NamedTuple):
    kind: TokenKind
    start: int
    end: int
    text: str


_ID_REST = f"[{ID_REST_CHARS}]"
#: what starts a stretch that is not code; char literals checked in `_scan`
_SPECIAL_RE = re.compile(
    r"""--|/-|"|'(?:\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)|[^\\'\n])'|r#*\""""
)
_ID_CHAR_RE = re.compile(_ID_REST)
#: a token after spaces: an identifier (group 1), a number (2), a symbol (3)
_TOKEN_RE = re.compile(rf"\s*(?:({IDENT})|([0-9][0-9a-zA-Z_]*)|(:=|@\[|.))", re.S)
_TOKEN_KINDS = {1: TokenKind.IDENT, 2: TokenKind.NUMBER, 3: TokenKind.SYMBOL}
_SPAN_TOKENS = {
    SpanKind.DOC: TokenKind.DOC,
    SpanKind.STRING: TokenKind.STRING,
    SpanKind.CHAR: TokenKind.SYMBOL,
}


def _scan(text: str) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    search = _SPECIAL_RE.search
    while (m := search(text, pos)) is not None:
        start = m.start()
        tok = m.group()
        end = -1
        if tok == "--":
            end = text.find("\n", start)
            kind = SpanKind.COMMENT
            if end < 0:
                end = len(text)
        elif tok == "/-":
            end = _skip_block(text, start)
            doc = text.startswith("/--", start) and not text.startswith("/--/", start)
            kind = SpanKind.DOC if doc else SpanKind.COMMENT
        elif tok[0] == "'":
            if start > 0 and _ID_CHAR_RE.match(text, start - 1):
                pos = start + 1  # a prime in a name: `h'`, `f'x'`
                continue
            end = m.end()
            kind = SpanKind.CHAR
        else:  # a string literal
            if tok[0] == "r":
                if start > 0 and _ID_CHAR_RE.match(text, start - 1):
                    pos = start + 1  # `r` ends a name
                    continue
                closing = '"' + "#" * (len(tok) - 2)
                found = text.find(closing, m.end())
                end = -1 if found < 0 else found + len(closing)
            elif start > 0 and text[start - 1] == "!":
                end = _skip_interpolated(text, m.end())
            else:
                rest = _STRING_REST.match(text, m.end())
                end = -1 if rest is None else rest.end()
            kind = SpanKind.STRING
        if end < 0:
            spans.append(Span(kind, start, len(text), closed=False))
            break
        spans.append(Span(kind, start, end))
        pos = end
    return spans


class CodeMap:
    """The comments, doc comments and literals of a text, and tokens read from it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = _scan(text)
        self._starts = [s.start for s in self.spans]
        self._at = {s.start: s for s in self.spans}
        self._last = (0, 1)  # a position and its line

    def span_at(self, pos: int) -> Span | None:
        """The comment or literal that `pos` is inside of, if any."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.spans[i].end:
            return self.spans[i]
        return None

    def is_code(self, pos: int) -> bool:
        return self.span_at(pos) is None

    def spans_between(self, start: int, end: int) -> list[Span]:
        """The spans that start in `[start, end)`, in order."""
        i = bisect_right(self._starts, start - 1)
        j = bisect_right(self._starts, end - 1)
        return self.spans[i:j]

    def line(self, pos: int) -> int:
        """The 1-based line of a position (counted from the last position asked about:
        the readers ask in about the order of the text)."""
        last, line = self._last
        if pos >= last:
            line += self.text.count("\n", last, pos)
        else:
            line -= self.text.count("\n", pos, last)
        self._last = (pos, line)
        return line

    def text_line(self, doc_start: int) -> int:
        """The line where the text of the doc comment at `doc_start` begins: its first
        character that is no space (what LeanArchitect keeps, once trimmed)."""
        pos = doc_start + 3
        end = len(self.text)
        while pos < end and self.text[pos] in ASCII_SPACE:
            pos += 1
        return self.line(pos)

    def token(self, pos: int) -> Token:
        """The first token at or after `pos`, comments skipped."""
        text = self.text
        while (m := _TOKEN_RE.match(text, pos)) is not None:
            group = m.lastindex or 3
            start = m.start(group)
            span = self._at.get(start)
            if span is None:
                return Token(_TOKEN_KINDS[group], start, m.end(), m.group(group))
            if span.kind is SpanKind.COMMENT:
                pos = span.end
                continue
            return Token(_SPAN_TOKENS[span.kind], span.start, span.end, text[span.start : span.end])
        return Token(TokenKind.END, len(text), len(text), "")


#: what Lean's `String.trimAscii` trims
ASCII_SPACE = " \t\n\r\f\v"


def doc_text(comment: str) -> str:
    """What Lean's `getDocStringText` gives for a doc comment: all between `/--` and `-/`."""
    return comment[3:-2] if comment.endswith("-/") else comment[3:]


_ESCAPES = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "t": "\t", "r": "\r"}
_GAP_RE = re.compile(r"\\\r?\n[ \t\r\n]*")
_ESCAPE_RE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", re.S)


def string_value(literal: str) -> str:
    """The value of a Lean string literal (with its quotes): escapes decoded.

    Raises ValueError on an escape Lean rejects (`"\\sigma"`), as Lean's parser would.
    """
    if literal.startswith("r"):
        hashes = len(literal) - len(literal.lstrip("r#")) - 1
        return literal[hashes + 2 : len(literal) - hashes - 1]
    body = _GAP_RE.sub("", literal[1:-1])

    def decode(m: re.Match[str]) -> str:
        code = m.group(1)
        if code in _ESCAPES:
            return _ESCAPES[code]
        if len(code) > 1:
            return chr(int(code[1:], 16))
        raise ValueError(f"invalid escape sequence \\{code}")

    return _ESCAPE_RE.sub(decode, body)


#: escapes that Lean reads as a control character but a LaTeX author meant as a macro
LATEX_LOOKALIKE_RE = re.compile(r"(?<!\\)(?:\\\\)*\\([ntr])(?=[A-Za-z])")
