"""Reading macro arguments from a prepared `Source`: groups, optional `[...]`, stars."""

from __future__ import annotations

import re
from dataclasses import dataclass

from blueprint.readers.latex.source import Source

_SPACE = re.compile(r"[ \t]*(?:\n[ \t]*)?")  # spaces and at most one line end: no \par
_OPTIONAL_STOP = re.compile(r"\\[\\{}\]]|[\]{]|\n[ \t]*\n")
_CONTROL_SEQUENCE = re.compile(r"\\(?:[a-zA-Z@]+|.)", re.DOTALL)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Arg:
    """An argument's text, where it starts, and the offset just after it."""

    value: str
    start: int
    end: int
    closed: bool = True  # False: an unbalanced `{` or `[`; value is empty then


def skip_space(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def group(src: Source, pos: int) -> Arg | None:
    """The `{...}` argument at `pos` (after optional spaces), or None if there is none."""
    start = skip_space(src.text, pos)
    if not src.text.startswith("{", start):
        return None
    close = src.braces.get(start)
    if close is None:
        return Arg("", start + 1, start + 1, closed=False)
    return Arg(src.text[start + 1 : close], start + 1, close + 1)


def optional(src: Source, pos: int) -> Arg | None:
    """The `[...]` argument at `pos`; braces inside may hold `]`; never crosses a blank line."""
    text = src.text
    start = skip_space(text, pos)
    if not text.startswith("[", start):
        return None
    at = start + 1
    while (stop := _OPTIONAL_STOP.search(text, at)) is not None:
        token = stop.group()
        if token == "]":
            return Arg(text[start + 1 : stop.start()], start + 1, stop.end())
        if token.startswith("\\"):
            at = stop.end()
            continue
        if token != "{" or stop.start() not in src.braces:
            break
        at = src.braces[stop.start()] + 1
    return Arg("", start + 1, start, closed=False)


def star(text: str, pos: int) -> tuple[bool, int]:
    """Whether a `*` follows at `pos`, and the offset after it."""
    if text.startswith("*", pos):
        return True, pos + 1
    return False, pos


def token_or_group(src: Source, pos: int) -> Arg | None:
    """A `{...}` group, a control sequence, or one non-space character (TeX's undelimited
    argument)."""
    found = group(src, pos)
    if found is not None:
        return found
    start = skip_space(src.text, pos)
    match = _CONTROL_SEQUENCE.match(src.text, start)
    if match:
        return Arg(match.group(), start, match.end())
    if start < len(src.text) and not src.text[start].isspace():
        return Arg(src.text[start], start, start + 1)
    return None


def split_list(value: str, start: int) -> list[tuple[str, int]]:
    """Comma-separated items, whitespace collapsed, empty ones dropped, with their offsets."""
    items: list[tuple[str, int]] = []
    offset = start
    for piece in value.split(","):
        item = squash(piece)
        if item:
            items.append((item, offset + len(piece) - len(piece.lstrip())))
        offset += len(piece) + 1
    return items


def squash(text: str) -> str:
    """Collapse runs of whitespace into one space and strip."""
    return _WHITESPACE.sub(" ", text).strip()


def key_values(value: str) -> dict[str, str]:
    """`a=b, c, d={e,f}` -> {"a": "b", "c": "", "d": "e,f"} (commas inside braces kept)."""
    result: dict[str, str] = {}
    depth = 0
    item: list[str] = []
    for char in [*value, ","]:
        if char == "," and depth == 0:
            key, _, val = "".join(item).partition("=")
            if key.strip():
                result[key.strip()] = _unbrace(val.strip())
            item = []
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        item.append(char)
    return result


def _unbrace(value: str) -> str:
    if value.startswith("{") and value.endswith("}"):
        return value[1:-1].strip()
    return value
