"""The names that binders make local: a declaration's, a `variable`'s, and those that
proofs and terms bind (`fun x`, `intro h`, `obtain ⟨a, b⟩`): a local shadows any global of
the same name."""

from __future__ import annotations

import re

from blueprint.lean.lexer import (
    ID_REST_CHARS,
    IDENT,
    IDENT_RE,
)
from blueprint.lean.tokens import (
    CLOSE,
    OPEN,
    is_ident,
)

#: what `bound_names` looks at in a header: brackets, and what ends it at top level
_HEADER_RE = re.compile(
    f"[][(){{}}⦃⦄⟨⟩|]|:=|::|:|(?:where(?<![{ID_REST_CHARS}.]where)"
    f"|extends(?<![{ID_REST_CHARS}.]extends))(?![{ID_REST_CHARS}])"
)


#: what ends a statement's type, and the brackets around what does not: `::` is matched
#: so that no `:=` is seen in `::=`; a `|` only first on its line (a match arm, not `|x|`)
_TYPE_RE = re.compile(
    f"[][(){{}}⦃⦄⟨⟩]|:=|::|where(?<![{ID_REST_CHARS}.]where)(?![{ID_REST_CHARS}])"
    r"|(?<=\n)[^\S\n]*\|"
)


#: the keywords that bind names inside a proof or term, and what follows them: `fun x y`,
#: `intro h`, `have h`, `let g`, `obtain ⟨a, b⟩`, `rcases h with ⟨x, hx⟩`, `∀ (n : ℕ)`
_BINDER_KEYWORDS = (
    "fun", "λ", "intro", "intros", "rintro", "∀", "∃", "let", "have", "set", "obtain", "with",
    "by_cases", "by_contra", "generalize", "choose", "rename_i", "ext", "next", "case",
)


_AFTER_BINDER = (
    rf"(?:[ \t]+((?:{IDENT}[ \t]*)+)"  # names: `intro h x`
    rf"|[ \t]*⟨([^⟩\n]*)"  # a pattern: `obtain ⟨a, b⟩`
    rf"|[ \t]*[({{⦃\[][ \t]*((?:{IDENT}[ \t]*)+):)"  # a typed binder: `∀ (n : ℕ)`
)


#: the keywords are searched as plain literals, which `re` skips to fast (an alternation it
#: would try at every position), and what follows is matched there: one compiled pattern
#: holding IDENT, not one a keyword (each costs about 1.5 ms to compile, at every start).
#: A keyword that another one starts is searched with it, in a pattern that still begins
#: with a literal: one pass over the text less (about 8 ms of PrimeNumberTheoremAnd's scan)
_BINDER_KEYWORD_RES = tuple(
    re.compile(pattern) for pattern in [
        "intros?", "by_c(?:ases|ontra)",
        *(re.escape(k) for k in _BINDER_KEYWORDS
          if k not in ("intro", "intros", "by_cases", "by_contra")),
    ]
)


_AFTER_BINDER_RE = re.compile(_AFTER_BINDER)


#: a match arm, `| succ n ih =>`
_MATCH_ARM_RE = re.compile(rf"\|[ \t]*[^\s,|=()⟨]+((?:[ \t]+{IDENT})+)[ \t]*=>")


#: words that end the names a binding keyword introduces (`choose f hf using h`)
_BINDER_STOP = frozenset({"using", "at", "with", "in", "from", "only", "generalizing", "fun"})


_ID_CHAR_RE = re.compile(f"[{ID_REST_CHARS}.]")


def binder_names(args: list[str]) -> set[str]:
    """Names bound by `variable` binders: `(x y : T)`, `{x}`, `⦃x⦄`, `[h : C x]`; an
    instance binder without a name, `[C x]`, binds none (`C` is a class, not a local)."""
    names: set[str] = set()
    depth = 0
    group: list[str] = []
    bracket = ""
    for t in args:
        if t in OPEN:
            depth += 1
            if depth == 1:
                group, bracket = [], t
                continue
        elif t in CLOSE:
            depth = max(0, depth - 1)
            if depth == 0 and ":" in group:
                names.update(x for x in group[: group.index(":")] if is_ident(x))
            elif depth == 0 and group and bracket != "[" and all(is_ident(x) for x in group):
                names.update(group)
            continue
        if depth >= 1:
            group.append(t)
    return names


def bound_names(text: str, pos: int, end: int) -> tuple[set[str], int]:
    """Names bound by the binders of a declaration whose header starts at `pos`, up to its
    type's `:` (or `:=`, `|`, `where`, a structure's `extends`): those of `(x y : T)`,
    `{x}`, `⦃x⦄`, `[h : C x]` (not `[C x]`) and bare ones (`def f x := x`); and where its
    statement ends: at the first `:=` or `where` outside brackets, or a match arm (`|` first
    on its line), else at `end`."""
    names: set[str] = set()
    depth = 0
    start = pos  # of the text between top-level groups, then of the group's names
    named = False  # the current group's names are read
    bracket = ""
    type_start = end  # where the type begins, after the binders
    for m in _HEADER_RE.finditer(text, pos, end):
        t = m.group()
        if t in OPEN:
            depth += 1
            if depth == 1:
                if m.start() - start > 1:  # more than the usual space between groups
                    names.update(IDENT_RE.findall(text, start, m.start()))
                start, named, bracket = m.end(), False, t
        elif t in CLOSE:
            depth = max(0, depth - 1)
            if depth == 0:
                if not named and bracket != "[":
                    names.update(IDENT_RE.findall(text, start, m.start()))
                start = m.end()
        elif depth == 1:
            if t == ":" and not named:
                names.update(IDENT_RE.findall(text, start, m.start()))
            named = True
        elif depth == 0:
            names.update(IDENT_RE.findall(text, start, m.start()))
            if _ends_statement(text, m):
                return names, m.start()
            type_start = m.end()
            break
    for m in _TYPE_RE.finditer(text, type_start, end):  # the type, up to the body
        t = m.group()
        if t in OPEN:
            depth += 1
        elif t in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and t != "::":
            return names, m.end() - 1 if t.endswith("|") else m.start()
    return names, end


def _ends_statement(text: str, m: re.Match[str]) -> bool:
    """`:=`, `where`, or a `|` that starts its line (a match arm, not `|x|`)."""
    t = m.group()
    if t == "|":
        line = text.rfind("\n", 0, m.start())
        return not text[line + 1 : m.start()].strip()
    return t in (":=", "where")


def local_binders(text: str) -> tuple[list[int], list[str]]:
    """The names proofs and terms bind in `text` (best effort, see `_BINDER_KEYWORDS`), with
    their positions, sorted: in Lean they shadow any global of the same name (`intro h` does
    not use a global `h`). Found once per file."""
    found: list[tuple[int, str]] = []
    for keyword in _BINDER_KEYWORD_RES:
        for k in keyword.finditer(text):
            at = k.start()
            if _ID_CHAR_RE.match(text, at - 1):
                continue  # `behave`, `Foo.ext` (text[0] is the added newline)
            m = _AFTER_BINDER_RE.match(text, k.end())
            if m is None:
                continue
            names, pattern, typed = m.groups()
            if pattern is not None:  # `obtain ⟨a, b⟩`
                found += ((at, name) for name in IDENT_RE.findall(pattern))
                continue
            found += _names_until_stop(at, names or typed or "")
    for m in _MATCH_ARM_RE.finditer(text):
        found += _names_until_stop(m.start(), m.group(1))
    found.sort()
    return [at for at, _ in found], [name for _, name in found]


def _names_until_stop(at: int, names: str) -> list[tuple[int, str]]:
    """The names of `intro h x`, up to a word that ends them (`choose f hf using h`)."""
    out = []
    for name in names.split():
        if name in _BINDER_STOP:
            break
        out.append((at, name))
    return out
