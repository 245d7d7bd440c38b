"""The declarations a declaring command makes: its name, the structure's fields and
constructors, `where` auxiliaries, and the names Lean derives from them."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from blueprint.lean.binders import (
    bound_names,
    local_binders,
)
from blueprint.lean.commands import (
    MODIFIERS,
    Command,
    end_of,
)
from blueprint.lean.instname import instance_name
from blueprint.lean.lexer import (
    ID_REST_CHARS,
    IDENT_RE,
    normalize_name,
)
from blueprint.lean.model import Declaration
from blueprint.lean.scope import (
    ScanContext,
)
from blueprint.lean.tokens import (
    CLOSE,
    OPEN,
    Token,
    Tokens,
    is_ident,
    skip_group,
    split_commas,
)

_WHERE_RE = re.compile(f"where(?<![{ID_REST_CHARS}.]where)(?![{ID_REST_CHARS}])")


#: words dropped from `references` (Lean keywords and common tactic words)
_NOT_REFERENCES = frozenset(
    {
        "fun", "by", "have", "show", "from", "at", "with", "then", "else", "if", "match", "let",
        "do", "in", "where", "calc", "sorry", "admit", "theorem", "lemma", "def", "instance",
        "structure", "class", "inductive", "extends", "Type", "Prop", "Sort", "this", "using",
        "only", "exact", "intro", "intros", "rw", "simp", "apply", "refine", "obtain", "rcases",
        "use", "constructor", "rfl", "ring", "linarith", "omega", "norm_num", "positivity",
        "simpa", "rintro", "ext", "congr", "gcongr", "field_simp", "nlinarith", "aesop",
        "filter_upwards", "specialize", "convert", "induction", "cases", "unfold", "change",
        "suffices", "set", "push_neg", "by_contra", "exists", "left", "right", "trivial",
        "decide", "tauto", "infer_instance", "fin_cases", "interval_cases", "split_ifs",
        "contradiction", "exfalso", "abel", "continuity", "measurability", "fun_prop",
        "termination_by", "decreasing_by", "deriving", "for", "mut", "return", "try", "all_goals",
        "any_goals", "first", "repeat", "on_goal", "case", "next", "rwa", "erw", "simp_rw",
        "dsimp", "noncomputable", "private", "protected", "open", "set_option",
        "sorry_using", "blueprint_using",  # LeanArchitect's tactics
    }
)
#: what makes a declaration use `sorry`: LeanArchitect's `sorry_using [a]` is `sorry`
_SORRY = frozenset({"sorry", "admit", "sorry_using"})


@dataclass(frozen=True)
class _Name:
    """A name a command declares: as written (relative to the namespace), and where."""

    written: str  # "" for an `example`
    pos: int
    generated: bool = False  # made by Lean (an anonymous instance's), not written


def _full_name(ns: str, name: str) -> str:
    name = normalize_name(name)
    if name.startswith("_root_."):
        return name[7:]
    return f"{ns}.{name}" if ns else name


def declaration(ctx: ScanContext, cmd: Command, end: int) -> list[Declaration]:
    """The declarations a declaring command makes (its attributes' names apart)."""
    kw = cmd.keyword.removeprefix("extra:")
    text = ctx.text
    toks = Tokens(text, cmd.kw_tok.end, end)
    ns = ctx.namespace()
    opens = ctx.opens()
    if cmd.prefix_opens:
        opens = (*opens, *cmd.prefix_opens)
    start_line = ctx.line(cmd.start)
    end_line = ctx.line(end_of(text, cmd.start, end))
    kind = "class" if kw == "class abbrev" else kw
    private = "private" in cmd.modifiers

    names: list[_Name] = []
    body_start = cmd.kw_tok.end
    inst_parts: tuple[str, ...] = ()
    if kw == "alias":
        names, body_start = _alias_names(toks)
    elif kw == "example":
        names = [_Name("", cmd.kw_tok.start)]
    else:
        if kw == "instance":
            tok = toks.next()
            if tok is not None and tok.text == "(":
                nxt = toks.peek()
                if nxt is not None and nxt.text == "priority":
                    skip_group(toks)
                else:
                    toks.push(tok)
            elif tok is not None:
                toks.push(tok)
        tok = toks.next()
        if tok is not None and is_ident(tok.text) and not (
            kw == "instance" and tok.text in ("where", "extends")
        ):
            names = [_Name(tok.text, tok.start)]
            body_start = tok.end
        elif kw == "instance":
            if tok is not None:
                toks.push(tok)
            binders, ty, _ = header(toks)
            base, inst_parts = instance_name(binders, ty, ns, ctx.locals())
            names = [_Name(base, cmd.kw_tok.start, generated=True)]
        elif tok is not None and tok.text == "$":  # `def $name ...` inside a syntax quotation
            return []
        else:
            ctx.diag(cmd.kw_tok.start, f"`{kw}` without a name")
            return []

    refs: frozenset[str] = frozenset()
    statement_refs: frozenset[str] = frozenset()
    has_sorry = statement_sorry = False
    if not ctx.names_only:
        # The declaration's binders and the section's variables are local: they shadow any
        # global of the same name (`def D (F : ℍ → ℂ)` does not use a global `F`)
        bound, statement_end = bound_names(text, body_start, end)
        stated = set(IDENT_RE.findall(text, body_start, statement_end))
        found = stated.union(IDENT_RE.findall(text, statement_end, end))
        has_sorry = not _SORRY.isdisjoint(found)
        statement_sorry = has_sorry and not _SORRY.isdisjoint(stated)
        bound |= ctx.locals()
        if ctx.binders is None:
            ctx.binders = local_binders(text)
        at, locals_bound = ctx.binders
        bound.update(locals_bound[bisect_left(at, body_start) : bisect_left(at, end)])
        refs = frozenset(r for r in found - _NOT_REFERENCES if r.partition(".")[0] not in bound)
        statement_refs = refs.intersection(stated)

    emitted: list[Declaration] = []
    for name in names:
        generated, pos = name.generated, name.pos
        full = _full_name(ns, name.written) if name.written or generated else ""
        emitted.append(
            Declaration(
                full, kind, ctx.file, ctx.line(pos), end_line, has_sorry, refs, start_line,
                ctx.module, ns, opens, generated=generated, private=private,
                name_parts=inst_parts if generated else (), statement_references=statement_refs,
                statement_sorry=statement_sorry,
            )
        )
    main = emitted[0] if emitted else None
    if main is not None and main.name:
        if kw in ("structure", "class", "inductive", "class inductive", "coinductive"):
            emitted += _type_members(ctx, main, kw, toks)
        elif kw == "irreducible_def":
            emitted.append(derived(main, main.name + "_def", "theorem"))
        elif (kw in ("def", "theorem", "lemma", "abbrev", "instance") and not ctx.names_only
              and _WHERE_RE.search(text, body_start, end)):
            emitted += _where_aux(ctx, main, Tokens(text, body_start, end))
    return emitted


def derived(main: Declaration, name: str, kind: str, source: bool = True) -> Declaration:
    return Declaration(
        name, kind, main.file, main.line, main.end_line, main.has_sorry if kind == "theorem"
        else False, main.references, main.start_line, main.module, main.namespace, main.opens,
        generated=True, source=main.name if source else None, private=main.private,
        statement_references=main.statement_references, statement_sorry=main.statement_sorry,
    )


def _alias_names(toks: Tokens) -> tuple[list[_Name], int]:
    tok = toks.next()
    if tok is None:
        return [], 0
    if tok.text == "⟨":
        out: list[_Name] = []
        last = tok.end
        for t in toks:
            last = t.end
            if t.text == "⟩":
                break
            if is_ident(t.text) and t.text != "_":
                out.append(_Name(t.text, t.start))
        return out, last
    if is_ident(tok.text):
        return [_Name(tok.text, tok.start)], tok.end
    return [], tok.end


def header(toks: Tokens, limit: int = 3000) -> tuple[list[str], list[str], str]:
    """Binder tokens, type tokens, and the token that ended the header."""
    binders: list[str] = []
    ty: list[str] = []
    cur = binders
    depth = 0
    for _ in range(limit):
        tok = toks.next()
        if tok is None:
            return binders, ty, ""
        t = tok.text
        if t in OPEN:
            depth += 1
        elif t in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            if t in (":=", "where", "|") or (t == "deriving" and tok.line_first):
                toks.push(tok)
                return binders, ty, t
            if t == ":" and cur is binders:
                cur = ty
                continue
        cur.append(t)
    return binders, ty, ""


def _type_members(ctx: ScanContext, main: Declaration, kw: str, toks: Tokens) -> list[Declaration]:
    """Constructors, fields and parent projections of a structure/class/inductive."""
    out: list[Declaration] = []
    binders, ty, stop = header(toks)
    if kw in ("structure", "class"):
        parents: list[str] = []
        if "extends" in binders:
            parents = _extends(binders[binders.index("extends") + 1 :])
        elif "extends" in ty:
            parents = _extends(ty[ty.index("extends") + 1 :])
        for p in parents:
            out.append(derived(main, f"{main.name}.to{p}", "projection"))
        ctor = "mk"
        fields: list[str] = []
        if stop == "where":
            toks.next()
            ctor_found, fields = _fields(toks)
            ctor = ctor_found or ctor
        out.append(member(main, f"{main.name}.{normalize_name(ctor)}", "constructor",
                           generated=ctor == "mk"))
        for f in fields:
            out.append(member(main, f"{main.name}.{f}", "field", generated=False))
    else:
        prev: Token | None = None
        prev2: Token | None = None
        depth = 0
        if stop == "where":
            prev = toks.next()
        for tok in toks:
            t = tok.text
            if t in OPEN:
                depth += 1
            elif t in CLOSE:
                depth = max(0, depth - 1)
            elif t == "deriving" and tok.line_first:
                break
            elif depth == 0 and t == "|" and (
                tok.line_first
                or prev is None
                or prev.text == "where"
                or (prev2 is not None and prev2.text == "|" and is_ident(prev.text))
            ):
                name = toks.next()
                while name is not None and name.text in MODIFIERS:
                    name = toks.next()
                if name is not None and is_ident(name.text):
                    out.append(member(main, f"{main.name}.{normalize_name(name.text)}",
                                       "constructor", generated=False, line=ctx.line(name.start)))
                    prev2, prev = tok, name
                    continue
            prev2, prev = prev, tok
    return out


def member(main: Declaration, name: str, kind: str, generated: bool,
            line: int | None = None) -> Declaration:
    return Declaration(
        name, kind, main.file, line or main.line, main.end_line, False, frozenset(),
        main.start_line, main.module, main.namespace, main.opens, generated=generated,
        source=main.name, private=main.private,
    )


def _extends(toks: list[str]) -> list[str]:
    heads = []
    for part in split_commas(toks):
        if part and is_ident(part[0]):
            head = part[0]
            if len(part) > 2 and part[1] == ":":  # named parent `toFoo : Foo`
                heads.append(head)
            else:
                heads.append(head.rsplit(".", 1)[-1])
    return heads


def _fields(toks: Tokens) -> tuple[str | None, list[str]]:
    """Custom constructor (`mk ::`) and field names after `where`."""
    ctor: str | None = None
    fields: list[str] = []
    col: int | None = None
    depth = 0
    entry: list[Token] = []
    entries: list[list[Token]] = []
    for tok in toks:
        t = tok.text
        if depth == 0 and t == "deriving" and tok.line_first:
            break
        starts = depth == 0 and (col is None or (tok.line_first and tok.col <= col))
        if starts and tok.line_first and col is not None and tok.col < col:
            break  # dedent: something else (e.g. a stray command)
        if starts:
            if col is None:
                col = tok.col if tok.line_first else -1
            if entry:
                entries.append(entry)
            entry = []
        entry.append(tok)
        if t in OPEN or t == "@[":
            depth += 1
        elif t in CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and t == "::" and ctor is None and not fields and not entries:
            idents = [x.text for x in entry if is_ident(x.text) and x.text not in MODIFIERS]
            if idents:
                ctor = idents[-1]
            entry = []
            col = None
    if entry:
        entries.append(entry)
    for e in entries:
        fields.extend(_entry_fields([x.text for x in e]))
    return ctor, fields


def _entry_fields(ts: list[str]) -> list[str]:
    i = 0
    while i < len(ts) and (ts[i] in MODIFIERS or ts[i] == "@["):
        if ts[i] == "@[":
            depth = 1
            i += 1
            while i < len(ts) and depth:
                depth += 1 if ts[i] in OPEN or ts[i] == "@[" else -1 if ts[i] in CLOSE else 0
                i += 1
        else:
            i += 1
    if i < len(ts) and ts[i] in ("(", "{", "[", "⦃"):
        inner = ts[i + 1 :]
        if ":" in inner:
            return [normalize_name(x) for x in inner[: inner.index(":")] if is_ident(x)]
        return []
    names = []
    while i < len(ts) and is_ident(ts[i]) and ts[i] not in ("where",):
        names.append(normalize_name(ts[i]))
        i += 1
    if i < len(ts) and ts[i] in (":", "(", "{", "[", "⦃"):
        return names
    return []


def _where_aux(ctx: ScanContext, main: Declaration, toks: Tokens) -> list[Declaration]:
    """`def f := ... where aux ...` declares `f.aux`."""
    depth = 0
    seen_assign = False
    for tok in toks:
        t = tok.text
        if t in OPEN:
            depth += 1
        elif t in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and t == ":=":
            seen_assign = True
        elif depth == 0 and t == "where":
            if not seen_assign:
                return []  # structure-instance notation: fields, not declarations
            break
    else:
        return []
    out: list[Declaration] = []
    col: int | None = None
    depth = 0
    for tok in toks:
        t = tok.text
        if t in OPEN:
            depth += 1
        elif t in CLOSE:
            depth = max(0, depth - 1)
        if depth or not is_ident(t) or t in MODIFIERS:
            continue
        if col is None:
            col = tok.col
        if tok.line_first and tok.col < col:
            break
        if tok.col == col and (tok.line_first or not out):
            if t in ("termination_by", "decreasing_by"):
                continue
            out.append(derived(main, f"{main.name}.{normalize_name(t)}", main.kind))
    return out
