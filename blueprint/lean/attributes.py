"""Names made by attributes: `@[to_additive]`, `@[reassoc]`, `@[ext]`, and `attribute [...]`
commands."""

from __future__ import annotations

from blueprint.lean.commands import (
    Command,
    end_of,
)
from blueprint.lean.declarations import (
    derived,
    member,
)
from blueprint.lean.lexer import (
    normalize_name,
)
from blueprint.lean.model import Declaration
from blueprint.lean.naming import additive_name
from blueprint.lean.scope import (
    ScanContext,
)
from blueprint.lean.tokens import (
    CLOSE,
    OPEN,
    is_ident,
    split_commas,
)


def _attr_name(attr: list[str]) -> tuple[str, list[str]]:
    toks = [t for t in attr if t not in ("local", "scoped", "-")]
    if not toks:
        return "", []
    return toks[0], toks[1:]


def _to_additive_target(args: list[str]) -> tuple[bool, str | None]:
    """(generates a name?, explicit target) for the arguments of `to_additive`."""
    i = 0
    while i < len(args):
        t = args[i]
        if t in ("existing", "self"):
            return False, None
        if t == "(":
            depth = 1
            i += 1
            while i < len(args) and depth:
                depth += 1 if args[i] == "(" else -1 if args[i] == ")" else 0
                i += 1
            continue
        if t in ("?", '"'):
            i += 1
            continue
        if is_ident(t):
            return True, normalize_name(t)
        i += 1
    return True, None


def attribute_command(ctx: ScanContext, cmd: Command, args: list[str], end: int) -> None:
    if not args or args[0] != "[":
        return
    depth = 0
    k = 0
    while k < len(args):
        depth += 1 if args[k] in OPEN else -1 if args[k] in CLOSE else 0
        if depth == 0:
            break
        k += 1
    attrs = split_commas(args[1:k])
    targets = [normalize_name(t) for t in args[k + 1 :] if is_ident(t)]
    for attr in attrs:
        name, rest = _attr_name(attr)
        if name != "to_additive":
            continue
        gen, tgt = _to_additive_target(rest)
        if not gen:
            continue
        for src in targets:
            full = _resolve_local(ctx, src)
            add = additive_name(full, tgt if len(targets) == 1 else None, ctx.additive)
            if add == full:
                continue
            ctx.additive[full] = add
            line = ctx.line(cmd.kw_tok.start)
            kind = next((d.kind for d in reversed(ctx.decls) if d.name == full), "theorem")
            end_line = ctx.line(end_of(ctx.text, cmd.start, end))
            ctx.decls.append(
                Declaration(
                    add, kind, ctx.file, line, end_line, False, frozenset(), line,
                    ctx.module, ctx.namespace(), ctx.opens(), generated=True, source=full,
                )
            )


def _resolve_local(ctx: ScanContext, name: str) -> str:
    if name.startswith("_root_."):
        return name[7:]
    ns = ctx.namespace()
    known = {d.name for d in ctx.decls[-2000:]}
    parts = ns.split(".") if ns else []
    for k in range(len(parts), -1, -1):
        cand = ".".join([*parts[:k], name])
        if cand in known:
            return cand
    return name


def attribute_names(
    ctx: ScanContext, decls: list[Declaration], attrs: list[list[str]]
) -> list[Declaration]:
    """Names made by `@[to_additive]`, `@[reassoc]`, `@[ext]` on these declarations."""
    if not attrs or not decls or not decls[0].name:
        return []
    main = decls[0]
    out: list[Declaration] = []
    for attr in attrs:
        name, rest = _attr_name(attr)
        if name in ("to_additive", "to_additive?"):
            gen, tgt = _to_additive_target(rest)
            if not gen:
                continue
            add = additive_name(main.name, tgt, ctx.additive)
            if add == main.name:
                continue
            ctx.additive[main.name] = add
            out.append(derived(main, add, main.kind))
            for d in decls[1:]:
                if d.source == main.name:
                    additive = additive_name(d.name, None, ctx.additive)
                    out.append(member(main, additive, d.kind, generated=True))
        elif name == "reassoc":
            out.append(derived(main, main.name + "_assoc", "theorem"))
        elif name == "ext":
            if main.kind in ("structure", "class"):
                out.append(derived(main, main.name + ".ext", "theorem"))
                out.append(derived(main, main.name + ".ext_iff", "theorem"))
            elif main.kind in ("theorem", "lemma"):
                out.append(derived(main, main.name + "_iff", "theorem"))
    return out
