"""Finding the ends of groups, options, environments and math in LaTeX text, and the items
of a list."""

from __future__ import annotations

import re

#: what the ends of groups and options are looked for among: an escaped character (skipped),
#: a brace, a bracket, a blank line
_BRACE_TOKEN = re.compile(r"\\.|[{}]", re.DOTALL)
_BRACKET_TOKEN = re.compile(r"\\.|[{\[\]]|\n\n", re.DOTALL)


def matching_brace(text: str, pos: int) -> int:
    """The offset of the `}` closing a group whose body starts at `pos` (or the end)."""
    depth = 0
    for token in _BRACE_TOKEN.finditer(text, pos):
        char = token.group()
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return token.start()
            depth -= 1
    return len(text)


def matching_bracket(text: str, pos: int) -> int | None:
    """The offset of the `]` closing an option whose body starts at `pos`, its groups
    skipped; None if there is none before a blank line."""
    depth = 0
    while (token := _BRACKET_TOKEN.search(text, pos)) is not None:
        pos = token.end()
        char = token.group()
        if char == "{":
            pos = matching_brace(text, pos) + 1
        elif char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                return token.start()
            depth -= 1
        elif char == "\n\n":
            return None
    return None


def find_unescaped(text: str, closer: str, pos: int) -> int:
    index = pos
    while True:
        found = text.find(closer, index)
        if found < 0:
            return len(text)
        backslashes = 0
        while found - backslashes - 1 >= pos and text[found - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            return found
        index = found + 1


def find_end(text: str, name: str, pos: int) -> tuple[int, int]:
    """Where `\\end{name}` matching a `\\begin{name}` whose body starts at `pos` is:
    (start of \\end, end of it); the end of the text when it is never closed."""
    pattern = re.compile(r"\\(begin|end)\s*\{" + re.escape(name) + r"\}")
    depth = 0
    for match in pattern.finditer(text, pos):
        if match.group(1) == "begin":
            depth += 1
        elif depth == 0:
            return match.start(), match.end()
        else:
            depth -= 1
    return len(text), len(text)


def strip_options(name: str, body: str) -> str:
    if name in ("minted",) and body.startswith("{"):
        return body[matching_brace(body, 1) + 1 :]
    if body.startswith("["):
        end = matching_bracket(body, 1)
        if end is not None:
            return body[end + 1 :]
    return body


#: what a list's items are found among: environments' ends, items, escaped characters, braces
_LIST_TOKEN = re.compile(r"\\(begin|end)\s*\{[^{}]*\}|(\\item)(?![a-zA-Z@])|\\.|[{}]", re.DOTALL)


def split_items(body: str) -> list[tuple[str, str]]:
    """The `\\item`s of a list at its own level: (label, content) pairs."""
    starts: list[int] = []
    depth = 0
    for match in _LIST_TOKEN.finditer(body):
        token = match.group()
        if token == "{" or match.group(1) == "begin":
            depth += 1
        elif token == "}" or match.group(1) == "end":
            depth = max(depth - 1, 0)
        elif depth == 0 and match.group(2) is not None:
            starts.append(match.start())
    items = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(body)
        chunk = body[start + len("\\item") : end]
        label = ""
        stripped = chunk.lstrip()
        if stripped.startswith("["):
            close = matching_bracket(stripped, 1)
            if close is not None:
                label, chunk = stripped[1:close], stripped[close + 1 :]
        items.append((label, chunk))
    return items
