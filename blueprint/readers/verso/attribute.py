"""Verso Blueprint's own `@[blueprint "label"]` attribute on Lean declarations (pure).

Grammar (leanprover/verso-blueprint `src/VersoBlueprint/Attribute.lean`):
`blueprint "label" (autoDeps := true|false)? (uses := [dep, ...])? (proofUses := [dep, ...])?`
where a dep is a declaration name or a "label", `-` in front to exclude it from what
`autoDeps` infers. The label is required. The node's kind comes from the declaration
(theorem or definition), its statement from the declaration's doc comment. It can also be
applied after the fact with `attribute [blueprint "label"] name`.

LeanArchitect's attribute has the same name and another grammar; a file is read as Verso's
when it imports `VersoBlueprint` (LeanArchitect's import is `Architect`): `attribute_format`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from blueprint.lean.model import Declaration
from blueprint.markup.verso_parser import IDENT_RE, STRING_RE, unescape_lean_string
from blueprint.model import Diagnostic, Severity
from blueprint.readers.verso.leanfile import LEAN_SKIPPED, skip_lean


class NodeKind(StrEnum):
    DEFINITION = "definition"
    THEOREM = "theorem"
    LEMMA = "lemma"
    PROPOSITION = "proposition"
    COROLLARY = "corollary"


class AttributeFormat(StrEnum):
    VERSO = "verso"  # `import VersoBlueprint`
    LEANARCHITECT = "leanarchitect"  # `import Architect`


def attribute_format(imports: Sequence[str]) -> AttributeFormat | None:
    """Whose `@[blueprint]` a file with these imports uses (None: neither is imported)."""
    for module in imports:
        if module == "VersoBlueprint" or module.startswith("VersoBlueprint."):
            return AttributeFormat.VERSO
    for module in imports:
        if module == "Architect" or module.startswith("Architect."):
            return AttributeFormat.LEANARCHITECT
    return None


@dataclass(frozen=True, slots=True)
class Dependency:
    """One entry of `uses := [...]`: a declaration name, or a label when written "quoted"."""

    target: str
    is_label: bool
    excluded: bool  # written `-x`: removed from what autoDeps infers


@dataclass(frozen=True, slots=True)
class BlueprintAttribute:
    label: str
    declaration: str  # the full Lean name
    kind: NodeKind
    uses: tuple[Dependency, ...]
    proof_uses: tuple[Dependency, ...]
    auto_deps: bool | None
    docstring: str | None  # the declaration's doc comment: the node's statement
    module: str
    file: str
    line: int


# comments and strings to skip, and the two places an attribute list starts
_SCAN_RE = re.compile(LEAN_SKIPPED + r"|@\[|^[ \t]*attribute[ \t]*\[", re.M)
_OPTION_RE = re.compile(r"\(\s*(autoDeps|uses|proofUses)\s*:=\s*")


def read_blueprint_attributes(
    text: str, file: str, module: str, declarations: Sequence[Declaration]
) -> tuple[list[BlueprintAttribute], list[Diagnostic]]:
    """The `@[blueprint ...]` of a file that imports VersoBlueprint.

    `declarations` are the file's, as the Lean scanner finds them (to name what each
    attribute is on, with its namespace)."""
    found: list[BlueprintAttribute] = []
    diagnostics: list[Diagnostic] = []
    pos = 0
    while True:
        m = _SCAN_RE.search(text, pos)
        if m is None:
            return found, diagnostics
        skipped = skip_lean(text, m)
        if skipped is not None:
            pos = len(text) if skipped < 0 else skipped
            continue
        pos = _attribute_list(text, m, file, module, declarations, found, diagnostics)


def _attribute_list(
    text: str,
    m: re.Match[str],
    file: str,
    module: str,
    declarations: Sequence[Declaration],
    found: list[BlueprintAttribute],
    diagnostics: list[Diagnostic],
) -> int:
    """Read the attribute list `m` opens (`@[` or `attribute [`); where it ends."""
    after_fact = not m.group().startswith("@")
    end = _closing(text, m.end(), "]")
    line = text.count("\n", 0, m.start()) + 1
    targets: list[str] = []
    if after_fact:  # `attribute [blueprint "l"] A B`: the names on the rest of the line
        q = end + 1
        while target := IDENT_RE.match(text, _skip_spaces(text, q, " \t")):
            targets.append(target.group())
            q = target.end()
    for entry, offset in _entries(text, m.end(), end):
        if not re.match(r"blueprint\b(?![?!])", entry):
            continue
        entry_line = line + text.count("\n", m.end(), offset)
        parsed = _parse(entry[len("blueprint"):], file, entry_line, diagnostics)
        if parsed is None:
            continue
        label, auto_deps, uses, proof_uses = parsed
        names: list[tuple[str, Declaration | None]]
        if after_fact:
            names = [_resolve(t, declarations) for t in targets]
        else:
            decl = _declaration_at(declarations, entry_line)
            names = [(decl.name, decl)] if decl else []
        if not names:
            diagnostics.append(Diagnostic(file, entry_line, Severity.WARNING,
                                          f"@[blueprint \"{label}\"] is on no declaration"))
        for name, decl in names:
            kind = _kind(decl.kind if decl else "")
            doc = None if after_fact else _docstring(text, m.start())
            found.append(BlueprintAttribute(label, name, kind, uses, proof_uses, auto_deps, doc,
                                            module, file, entry_line))
    return end + 1


def _skip_spaces(text: str, pos: int, spaces: str = " \t\n") -> int:
    while pos < len(text) and text[pos] in spaces:
        pos += 1
    return pos


def _closing(text: str, pos: int, char: str) -> int:
    """The `char` (`]` or `)`) that closes the bracket whose contents start at `pos`."""
    depth = 0
    while pos < len(text):
        c = text[pos]
        if c == '"':
            s = STRING_RE.match(text, pos)
            pos = len(text) if s is None else s.end()
            continue
        if c == char and depth == 0:
            return pos
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        pos += 1
    return len(text)


def _entries(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The comma-separated attributes of a list, each with where it starts."""
    out: list[tuple[str, int]] = []
    depth = 0
    begin = pos = start
    while pos < end:
        c = text[pos]
        if c == '"':
            s = STRING_RE.match(text, pos, end)
            pos = end if s is None else s.end()
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            out.append((text[begin:pos], begin))
            begin = pos + 1
        pos += 1
    out.append((text[begin:end], begin))
    return [(entry.strip(), offset + len(entry) - len(entry.lstrip()))
            for entry, offset in out]


def _parse(
    rest: str, file: str, line: int, diagnostics: list[Diagnostic]
) -> tuple[str, bool | None, tuple[Dependency, ...], tuple[Dependency, ...]] | None:
    def problem(message: str) -> None:
        diagnostics.append(Diagnostic(file, line, Severity.ERROR, message))

    label = STRING_RE.match(rest, _skip_spaces(rest, 0))
    if label is None:
        problem('@[blueprint] wants its label: @[blueprint "label"]')
        return None
    auto_deps: bool | None = None
    uses: list[Dependency] = []
    proof_uses: list[Dependency] = []
    pos = _skip_spaces(rest, label.end())
    while pos < len(rest):
        m = _OPTION_RE.match(rest, pos)
        if m is None:
            problem(f"@[blueprint] option not understood: {rest[pos:].strip()[:40]}")
            break
        close = _closing(rest, m.end(), ")")
        body = rest[m.end():close].strip()
        pos = _skip_spaces(rest, close + 1)
        if m.group(1) == "autoDeps":
            if body not in ("true", "false"):
                problem("autoDeps takes true or false")
            auto_deps = body == "true"
            continue
        if not (body.startswith("[") and body.endswith("]")):
            problem(f"{m.group(1)} takes a list: [name, \"label\", -excluded]")
            continue
        items = body[1:-1]
        target = uses if m.group(1) == "uses" else proof_uses
        for item, _ in _entries(items, 0, len(items)):
            if not item:
                continue
            excluded = item.startswith("-")
            item = item[1:].strip() if excluded else item
            if item.startswith('"'):
                target.append(Dependency(unescape_lean_string(item[1:-1]), True, excluded))
            else:
                target.append(Dependency(item, False, excluded))
    return unescape_lean_string(label.group()[1:-1]), auto_deps, tuple(uses), tuple(proof_uses)


def _resolve(name: str, declarations: Sequence[Declaration]) -> tuple[str, Declaration | None]:
    """A name written after `attribute [...]`: a declaration of the file it may be short for."""
    for decl in declarations:
        if decl.name == name or decl.name.endswith("." + name):
            return decl.name, decl
    return name, None


def _declaration_at(declarations: Sequence[Declaration], line: int) -> Declaration | None:
    """The declaration whose command (doc comment and attributes included) holds `line`."""
    for decl in declarations:
        if not decl.generated and decl.start_line <= line <= decl.line:
            return decl
    return None


def _kind(declaration_kind: str) -> NodeKind:
    return NodeKind.THEOREM if declaration_kind in ("theorem", "lemma") else NodeKind.DEFINITION


def _docstring(text: str, attribute_at: int) -> str | None:
    """The doc comment right before the attribute list, if there is one."""
    head = text[:attribute_at].rstrip()
    if not head.endswith("-/"):
        return None
    start = head.rfind("/--")
    return head[start + 3 : -2].strip() if start >= 0 else None
