"""The blueprint's own macros: `\\newcommand`, `\\DeclareMathOperator` and simple `\\def`s, for
the pages (user macros in text) and for MathJax (in math)."""

from __future__ import annotations

import re

from blueprint.model import Macro
from blueprint.readers.latex.source import Source, prepare

_DEFINITION = re.compile(
    r"\\(?:re)?newcommand\*?\s*\{?\s*\\([a-zA-Z@]+)\s*\}?\s*(?:\[(\d)\])?\s*(?:\[([^\]]*)\])?\s*\{"
    r"|\\providecommand\*?\s*\{?\s*\\([a-zA-Z@]+)\s*\}?\s*(?:\[(\d)\])?\s*\{"
    r"|\\DeclareMathOperator(\*?)\s*\{?\s*\\([a-zA-Z@]+)\s*\}?\s*\{"
    r"|\\def\s*\\([a-zA-Z@]+)\s*\{"
)


def read_macros(src: Source | str) -> dict[str, Macro]:
    """The macro definitions of a file (prepared, or its text), by name; a later one replaces
    an earlier one (`\\providecommand` does not). Operators come back as `\\operatorname{...}`
    macros (MathJax has no `\\DeclareMathOperator`). A definition whose body is never closed
    is left out."""
    if isinstance(src, str):
        src = prepare("", src)
    macros: dict[str, Macro] = {}
    tex = src.text
    for match in _DEFINITION.finditer(tex):
        body_start = match.end()
        body_end = src.braces.get(body_start - 1)
        if body_end is None:
            continue
        body = tex[body_start:body_end]
        if match.group(1):
            args = int(match.group(2) or 0)
            macros[match.group(1)] = Macro(args, body, match.group(3))
        elif match.group(4):
            macros.setdefault(match.group(4), Macro(int(match.group(5) or 0), body))
        elif match.group(7):
            star = "*" if match.group(6) else ""
            macros[match.group(7)] = Macro(0, f"\\operatorname{star}{{{body}}}")
        elif match.group(8):
            macros[match.group(8)] = Macro(0, body)
    return macros
