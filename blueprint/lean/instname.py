"""Lean 4's name for an anonymous `instance`, guessed from its tokens.

Follows `Lean.Elab.Command.NameGen` (Lean >= 4.8): "inst", then the
capitalized last component of each constant in the type (each only once),
then "Of" + the name of each non-dependent binder (instance arguments). The
module suffix Lean adds when no constant of the current module or project is
mentioned is left to the project loader, which knows the declarations.
Implicit arguments Lean would add (types found by elaboration) cannot be seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from blueprint.lean.naming import capitalize

NOTATION_CONSTS = {
    "ℝ": "Real",
    "ℕ": "Nat",
    "ℤ": "Int",
    "ℚ": "Rat",
    "ℂ": "Complex",
    "ℍ": "UpperHalfPlane",
}
_BINARY = {
    "×": "Prod",
    "⊕": "Sum",
    "=": "Eq",
    "≠": "Ne",
    "<": "LT.lt",
    "≤": "LE.le",
    ">": "GT.gt",
    "≥": "GE.ge",
    "∣": "Dvd.dvd",
    "∘": "Function.comp",
    "≃": "Equiv",
    "⊆": "HasSubset.Subset",
    "∈": "Membership.mem",
}
_OPEN = {"(": ")", "[": "]", "{": "}", "⦃": "⦄", "⟨": "⟩"}
_CLOSE = frozenset(_OPEN.values())
_SORTS = {"Type": "Type", "Sort": "Sort", "Prop": "Prop"}


def is_probably_local(name: str) -> bool:
    """A one-letter name (with digits, subscripts, primes) is a variable."""
    base = name.rstrip("'0123456789₀₁₂₃₄₅₆₇₈₉")
    return len(base) == 1 and base not in NOTATION_CONSTS


@dataclass
class _State:
    namespace_prefixes: set[str]
    locals: set[str]
    seen: set[str] = field(default_factory=set)
    consts: list[str] = field(default_factory=list)


def _split_top(toks: Sequence[str], sep: str) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    depth = 0
    for t in toks:
        if t in _OPEN:
            depth += 1
        elif t in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and t == sep:
            parts.append([])
        else:
            parts[-1].append(t)
    return parts


def _const_name(st: _State, name: str) -> str:
    if name in st.locals or is_probably_local(name) or name == "_":
        return ""
    for p in st.namespace_prefixes:
        if p == name or p.endswith("." + name):
            return ""
    if name in st.seen:
        return ""
    st.seen.add(name)
    st.consts.append(name)
    return capitalize(name.rsplit(".", 1)[-1])


def _atoms(toks: Sequence[str]) -> list[list[str] | str]:
    """Split an application into atoms: identifiers or bracketed groups."""
    out: list[list[str] | str] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t in _OPEN:
            close = _OPEN[t]
            depth = 1
            j = i + 1
            while j < n and depth:
                if toks[j] == t:
                    depth += 1
                elif toks[j] == close:
                    depth -= 1
                j += 1
            if t == "(":
                out.append(list(toks[i + 1 : j - 1]))
            i = j
            continue
        out.append(t)
        i += 1
    return out


def expr_name(st: _State, toks: Sequence[str]) -> str:
    """The name fragment of one expression (`mkBaseNameCore`, approximately)."""
    toks = list(toks)
    while toks and toks[0] in ("∀", "∃", "Π", "fun", "λ"):
        cut = next((k for k, t in enumerate(toks) if t in (",", "↦", "=>")), None)
        if cut is None:
            return ""
        is_forall = toks[0] in ("∀", "Π")
        toks = toks[cut + 1 :]
        if not is_forall:
            continue
    if not toks:
        return ""
    arrows = _split_top(toks, "→") if "→" in toks else [toks]
    if len(arrows) > 1:
        return "".join("Forall" + expr_name(st, a) for a in arrows[:-1]) + expr_name(
            st, arrows[-1]
        )
    present = _BINARY.keys() & set(toks)
    for op, const in _BINARY.items():
        if op not in present:
            continue
        parts = _split_top(toks, op)
        if len(parts) > 1:
            head = _const_name(st, const)
            return head + "".join(expr_name(st, p) for p in parts)
    out = []
    atoms = _atoms(toks)
    k = 0
    while k < len(atoms):
        a = atoms[k]
        k += 1
        if isinstance(a, list):
            out.append(expr_name(st, a))
        elif a in _SORTS:
            sort = _SORTS[a]
            if st.seen.isdisjoint((sort,)):
                st.seen.add(sort)
                out.append(sort)
            if (k < len(atoms) and atoms[k] in ("*", "_")) or (
                k < len(atoms) and isinstance(atoms[k], str) and is_probably_local(str(atoms[k]))
            ):
                k += 1
        elif a in NOTATION_CONSTS:
            const = NOTATION_CONSTS[a]
            if a == "ℝ" and k + 1 < len(atoms) and atoms[k] == "≥" and atoms[k + 1] == "0":
                k += 2
                const = "NNReal"
                if k < len(atoms) and atoms[k] == "∞":
                    k += 1
                    const = "ENNReal"
            elif a == "ℕ" and k < len(atoms) and atoms[k] == "∞":
                k += 1
                const = "ENat"
            out.append(_const_name(st, const))
        elif a[:1] == "." and len(a) > 1:  # `x.Foo`: a projection, named after `Foo`
            out.append(_const_name(st, "_." + a[1:]))
        elif a[:1].isalpha() or a[:1] in ("_", "«") or a[:1] > "\u2000":
            out.append(_const_name(st, a.removeprefix("@")))
    return "".join(out)


@dataclass
class Binder:
    """One bracketed binder group: its bracket, bound names and type tokens."""

    bracket: str
    names: list[str]
    type: list[str]


def parse_binders(toks: Sequence[str]) -> list[Binder]:
    """Binder groups `(x y : T)`, `{x}`, `[C x]`, `[h : C x]`, `⦃x : T⦄`."""
    binders: list[Binder] = []
    for a in _group_tokens(toks):
        if isinstance(a, str):
            binders.append(Binder("(", [a], []))
            continue
        bracket, inner = a
        parts = _split_top(inner, ":")
        if len(parts) >= 2:
            names = [t for t in parts[0] if t != "_"]
            ty = [t for p in parts[1:] for t in p]
        elif bracket == "[":
            names, ty = [], list(inner)
        else:
            names, ty = [t for t in inner if t != "_"], []
        binders.append(Binder(bracket, names, ty))
    return binders


def _group_tokens(toks: Sequence[str]) -> list[str | tuple[str, list[str]]]:
    out: list[str | tuple[str, list[str]]] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t in _OPEN:
            depth = 1
            j = i + 1
            while j < n and depth:
                if toks[j] in _OPEN:
                    depth += 1
                elif toks[j] in _CLOSE:
                    depth -= 1
                j += 1
            out.append((t, list(toks[i + 1 : j - 1])))
            i = j
        else:
            out.append(t)
            i += 1
    return out


def instance_name(
    binder_toks: Sequence[str],
    type_toks: Sequence[str],
    namespace: str,
    scope_locals: set[str] | frozenset[str] = frozenset(),
) -> tuple[str, tuple[str, ...]]:
    """Base name of an anonymous instance and the constants it was built from."""
    binders = parse_binders(binder_toks)
    locals_ = set(scope_locals)
    for b in binders:
        locals_.update(b.names)
    parts = namespace.split(".") if namespace else []
    prefixes = {".".join(parts[: k + 1]) for k in range(len(parts))}
    st = _State(prefixes, locals_)
    hyps = _split_top(type_toks, "→")
    concl = hyps.pop()
    body = expr_name(st, concl)
    # anonymous hypotheses `A → B → C` are binders too, innermost first
    entries: list[tuple[list[str], list[str]]] = [(b.names or [""], b.type) for b in binders]
    entries += [([""], h) for h in hyps]
    later: set[str] = set(concl)
    foralls: list[str] = []
    for names, ty in reversed(entries):
        for name in reversed(names):
            if name and name in later:
                continue  # dependent binder: Lean does not mention its type
            s = expr_name(st, ty)
            if s:
                foralls.append("Of" + s)
        later.update(ty)
    foralls.reverse()
    return "inst" + body + "".join(foralls), tuple(st.consts) + tuple(sorted(prefixes))
