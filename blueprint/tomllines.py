"""Where keys and values are written in a TOML file, for diagnostics at `file:line`.

`tomllib` gives values but no positions. `toml_lines` reads a text that `tomllib` accepted
and names each table, key and array item the way the code reaches it: `lean` (the line of
`[lean]`), `lean.roots` (the line of `roots = ...`), `lean.roots[1]` (the line of its
second item), `lean_lib[0].globs[2]` (in the first `[[lean_lib]]` table). `line_of` falls
back to the nearest enclosing name that has a line, then to line 1. Pure.
"""

from __future__ import annotations

import bisect
import json
import re
import tomllib
from collections.abc import Mapping

_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_KEY = re.compile(rf"({_PART}(?:[ \t]*\.[ \t]*{_PART})*)[ \t]*=")
_PARTS = re.compile(_PART)
_SUFFIX = re.compile(r"(?:\[\d+\]|\.[^.\[]+)$")
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_SCALAR = re.compile(r"[^,\]}\n#]*")


def error_line(error: tomllib.TOMLDecodeError) -> int | None:
    """The line `tomllib` complains about (an attribute from Python 3.14, the message before)."""
    line = getattr(error, "lineno", None)
    if isinstance(line, int):
        return line
    found = re.search(r"\bline (\d+)", str(error))
    return int(found.group(1)) if found else None


def toml_string(text: str) -> str:
    """`text` as a TOML basic string: JSON's escapes are TOML's, but DEL must be escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def line_of(lines: Mapping[str, int], name: str) -> int:
    """The line of `name` (`lean.roots[1]`), else of what encloses it, else 1."""
    while name:
        if name in lines:
            return lines[name]
        shorter = _SUFFIX.sub("", name)
        if shorter == name:
            break
        name = shorter
    return 1


def toml_lines(text: str) -> dict[str, int]:
    """Line numbers (from 1) of the tables, keys and array items of a valid TOML text."""
    return _Scanner(text).run()


def _key(text: str) -> str:
    return ".".join(part.strip("\"'") for part in _PARTS.findall(text))


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [i for i, c in enumerate(text) if c == "\n"]
        self.lines: dict[str, int] = {}

    def line(self, pos: int) -> int:
        return bisect.bisect_left(self.newlines, pos) + 1

    def run(self) -> dict[str, int]:
        text, table, counts, i = self.text, "", dict[str, int](), 0
        while i < len(text):
            i = self.blank(i)
            if i >= len(text):
                break
            if text[i] == "[":
                double = text.startswith("[[", i)
                end = text.find("]", i)
                end = len(text) if end < 0 else end
                name = _key(text[i + 1 + double : end])
                if double:
                    table = f"{name}[{counts.get(name, 0)}]"
                    counts[name] = counts.get(name, 0) + 1
                else:
                    table = name
                self.lines.setdefault(table, self.line(i))
                i = self.end_of_line(end)
                continue
            found = _KEY.match(text, i)
            if found is None:
                i = self.end_of_line(i)
                continue
            name = _key(found.group(1))
            name = f"{table}.{name}" if table else name
            self.lines.setdefault(name, self.line(i))
            i = max(self.value(found.end(), name), i + 1)
        return self.lines

    def blank(self, i: int, newlines: bool = True) -> int:
        """Past spaces, comments and (if `newlines`) line ends."""
        text = self.text
        while i < len(text):
            if text[i] == "#":
                i = self.end_of_line(i)
                if not newlines:
                    return i
            elif text[i] in " \t\r" or (newlines and text[i] == "\n"):
                i += 1
            else:
                break
        return i

    def end_of_line(self, i: int) -> int:
        end = self.text.find("\n", i)
        return len(self.text) if end < 0 else end

    def value(self, i: int, name: str) -> int:
        """Past the value at `i`, noting the lines of an array's items and a table's keys."""
        text = self.text
        i = self.blank(i, newlines=False)
        if i >= len(text):
            return i
        for quotes in ('"""', "'''"):
            if text.startswith(quotes, i):
                end = text.find(quotes, i + 3)
                if end < 0:
                    return len(text)
                end += 3
                while end < len(text) and text[end] == quotes[0]:  # `""""` ends with a quote
                    end += 1
                return end
        if text[i] == '"':
            found = _STRING.match(text, i)
            return found.end() if found else i + 1
        if text[i] == "'":
            end = text.find("'", i + 1)
            return len(text) if end < 0 else end + 1
        if text[i] in "[{":
            close, count, i = "]" if text[i] == "[" else "}", 0, i + 1
            while i < len(text):
                i = self.blank(i)
                if i >= len(text) or text[i] == close:
                    return i + 1
                if text[i] == ",":
                    i += 1
                    continue
                if close == "]":
                    item = f"{name}[{count}]"
                    count += 1
                    self.lines.setdefault(item, self.line(i))
                    i = max(self.value(i, item), i + 1)
                    continue
                found = _KEY.match(text, i)
                if found is None:
                    i += 1
                    continue
                key = f"{name}.{_key(found.group(1))}"
                self.lines.setdefault(key, self.line(i))
                i = max(self.value(found.end(), key), i + 1)
            return i
        found = _SCALAR.match(text, i)
        return found.end() if found else i + 1
