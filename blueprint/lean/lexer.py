"""Character classes and regexes of Lean 4's lexer, and comment/string removal.

`clean_source` replaces comments, strings and char literals so that later
regexes only see code; every newline is kept, so line numbers do not move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Lean's `isLetterLike` + ASCII letters and `_` (identifier start)
_LETTERLIKE = (
    "A-Za-z_"
    "\u03b1-\u03ba\u03bc-\u03c9"  # lower Greek but lambda
    "\u0391-\u039f\u03a1\u03a2\u03a4-\u03a9"  # upper Greek but Pi and Sigma
    "\u03ca-\u03fb"  # Coptic
    "\u1f00-\u1ffe"  # polytonic Greek
    "\u2100-\u214f"  # letterlike block (ℝ, ℕ, ...)
    "\U0001d49c-\U0001d59f"  # script, double-struck, fraktur
)
_SUBSCRIPTS = "\u2080-\u2089\u2090-\u209c\u1d62-\u1d6a\u2c7c"
ID_FIRST = f"[{_LETTERLIKE}]"
ID_REST_CHARS = f"{_LETTERLIKE}0-9'!?{_SUBSCRIPTS}"
ID_REST = f"[{ID_REST_CHARS}]"
_SEG = f"(?:«[^»\\n]*»|{ID_FIRST}{ID_REST}*)"
#: a dotted identifier, not preceded by an identifier character or `.`. The look behind
#: follows the first character: a pattern that starts with a character class lets `re`
#: skip to where one may begin (the scan of a Lean file takes half the time it did)
IDENT = (
    f"(?:«(?<![{ID_REST_CHARS}.]«)[^»\\n]*»"
    f"|{ID_FIRST}(?<![{ID_REST_CHARS}.]{ID_FIRST}){ID_REST}*)(?:\\.{_SEG})*"
)
#: IDENT alone, its repetitions possessive (`*+`: what they matched is never given back).
#: Nothing follows them in this pattern, so it matches what IDENT does, without the state
#: `re` keeps to back-track into them (an eighth faster)
IDENT_RE = re.compile(
    f"(?:«(?<![{ID_REST_CHARS}.]«)[^»\\n]*»"
    f"|{ID_FIRST}(?<![{ID_REST_CHARS}.]{ID_FIRST}){ID_REST}*+)(?:\\.{_SEG})*+"
)
_PLAIN_SEG_RE = re.compile(f"{ID_FIRST}{ID_REST}*")

#: placeholder left where a doc comment (`/-- ... -/`) was
DOC_MARK = "\x00"
#: placeholder left where a string literal was
STRING_MARK = '""'

#: what starts a comment, a string or a char literal (each alternative starts with its first
#: character, its look behind after it: see IDENT)
_SPECIAL = re.compile(
    f"--|/-|r(?<![{ID_REST_CHARS}]r)#*\"|\"|"
    f"'(?<![{ID_REST_CHARS}]')(?:\\\\(?:x[0-9a-fA-F]{{2}}|u[0-9a-fA-F]{{4}}|.)|[^\\\\'\\n])'"
)
_BLOCK = re.compile(r"/-|-/")
_STRING_REST = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_INTERP = re.compile(r'[{}"\\]')


@dataclass
class Cleaned:
    """Source with comments/strings replaced; doc comment marks; problems found."""

    text: str
    doc_marks: set[int] = field(default_factory=set)  # positions of DOC_MARK in text
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def _skip_block(src: str, start: int) -> int:
    """End of the nested block comment opened at `start` (-1 if unterminated)."""
    depth = 0
    pos = start
    while True:
        m = _BLOCK.search(src, pos)
        if m is None:
            return -1
        depth += 1 if m.group() == "/-" else -1
        pos = m.end()
        if depth == 0:
            return pos


def _skip_interpolated(src: str, start: int) -> int:
    """End of an `s!"..."` string whose body starts at `start` (-1 if unterminated)."""
    depth = 0
    pos = start
    while True:
        m = _INTERP.search(src, pos)
        if m is None:
            return -1
        c = m.group()
        pos = m.end()
        if c == "\\":
            pos += 1
        elif c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        elif c == '"':
            if depth == 0:
                return pos
            end = _STRING_REST.match(src, pos)  # a string nested in `{...}`
            if end is None:
                return -1
            pos = end.end()


def clean_source(src: str) -> Cleaned:
    """Replace comments, strings and char literals, keeping every newline."""
    out: list[str] = []
    marks: set[int] = set()
    problems: list[tuple[int, str]] = []
    size = 0  # length of the text emitted so far
    last = 0
    pos = 0
    search = _SPECIAL.search
    while True:
        m = search(src, pos)
        if m is None:
            break
        start = m.start()
        tok = m.group()
        if tok == "--":
            end = src.find("\n", start)
            end = len(src) if end < 0 else end
            repl = " "
        elif tok == "/-":
            end = _skip_block(src, start)
            if end < 0:
                problems.append((src.count("\n", 0, start) + 1, "unterminated comment"))
                end = len(src)
            is_doc = src.startswith("/--", start) and not src.startswith("/--/", start)
            repl = DOC_MARK if is_doc else " "
        elif tok.endswith('"'):
            if tok.startswith("r"):
                closing = '"' + "#" * (len(tok) - 2)
                end = src.find(closing, m.end())
                end = -1 if end < 0 else end + len(closing)
            elif start > 0 and src[start - 1] == "!":
                end = _skip_interpolated(src, m.end())
            else:
                sm = _STRING_REST.match(src, m.end())
                end = -1 if sm is None else sm.end()
            if end < 0:
                problems.append((src.count("\n", 0, start) + 1, "unterminated string literal"))
                end = len(src)
            repl = STRING_MARK
        else:  # char literal
            end = m.end()
            repl = " "
        chunk = src[last:start]
        out.append(chunk)
        size += len(chunk)
        if repl == DOC_MARK:
            marks.add(size)
        out.append(repl)
        size += len(repl)
        newlines = src.count("\n", start, end)
        if newlines:
            out.append("\n" * newlines)
            size += newlines
        last = pos = end
    out.append(src[last:])
    return Cleaned("".join(out), marks, problems)


def normalize_name(name: str) -> str:
    """Drop `«»` around components that are plain identifiers."""
    if "«" not in name:
        return name
    parts = re.findall(r"«[^»]*»|[^.«]+", name)
    out = []
    for p in parts:
        if p.startswith("«") and _PLAIN_SEG_RE.fullmatch(p[1:-1]):
            p = p[1:-1]
        out.append(p)
    return ".".join(out)
