"""Scan one Lean 4 file: text in, declarations out. Pure, never raises.

Three regex passes per file, all linear:

1. `clean_source` blanks comments, strings and char literals (newlines kept);
2. `_CMD_RE` finds lines that start with a command keyword, a modifier or
   `@[`; each is parsed as a chain (attributes, modifiers, `open ... in`
   prefixes) ending in a command keyword, or rejected (e.g. a tactic
   `open Classical in` inside a proof);
3. per command, a token iterator reads only the header (name, binders,
   fields, constructors) and `IDENT_RE.findall` lists the identifiers of the
   whole extent (references, `sorry`).

A command ends where the next one starts. Private names are indexed under
their plain name (Lean mangles them; `\\lean{}` cannot name them anyway).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from blueprint.lean.instname import instance_name
from blueprint.lean.lexer import (
    ID_FIRST,
    ID_REST_CHARS,
    IDENT,
    IDENT_RE,
    clean_source,
    normalize_name,
)
from blueprint.lean.model import Declaration, LeanFile
from blueprint.lean.naming import additive_name
from blueprint.model import Diagnostic, Severity

DECL_KEYWORDS = frozenset(
    {
        "theorem",
        "lemma",
        "def",
        "abbrev",
        "instance",
        "structure",
        "class",
        "inductive",
        "coinductive",
        "opaque",
        "axiom",
        "example",
        "proof_wanted",
        "irreducible_def",
        "alias",
    }
)
MODIFIERS = frozenset(
    {"private", "protected", "noncomputable", "partial", "unsafe", "nonrec", "scoped", "local",
     "public", "meta"}
)
#: commands that may prefix another one with `... in`
PREFIX_COMMANDS = frozenset(
    {"open", "set_option", "attribute", "include", "omit", "variable", "export", "universe"}
)
OTHER_COMMANDS = frozenset(
    {
        "namespace", "section", "end", "mutual", "import", "module", "notation", "notation3",
        "infix", "infixl", "infixr", "prefix", "postfix", "macro", "macro_rules", "syntax",
        "elab", "elab_rules", "declare_syntax_cat", "initialize", "builtin_initialize",
        "run_cmd", "run_elab", "run_meta", "deriving", "library_note", "add_decl_doc",
        "assert_not_exists", "assert_not_imported", "suppress_compilation", "unseal", "seal",
        "initialize_simps_projections", "register_simp_attr", "register_option", "simproc",
        "dsimproc", "unif_hint", "binder_predicate", "declare_aesop_rule_sets",
        "register_label_attr", "compile_inductive%", "recall", "add_aesop_rules", "grind_pattern",
    }
)
_KEYWORDS = DECL_KEYWORDS | MODIFIERS | PREFIX_COMMANDS | OTHER_COMMANDS
_KW_ALT = "|".join(sorted((re.escape(k) for k in _KEYWORDS), key=len, reverse=True))
_ID_START_RE = re.compile(f"{ID_FIRST}|«")
_CMD_RE = re.compile(
    f"\\n[ \\t\\x00]*(@\\[|#[A-Za-z_][A-Za-z_0-9]*|(?:{_KW_ALT})(?![{ID_REST_CHARS}]))"
)
_TOK_RE = re.compile(
    f"{IDENT}|:=|::|=>|@\\[|\\.\\{{|\\.{ID_FIRST}[{ID_REST_CHARS}]*|[0-9]+|[^\\s\\x00]"
)
#: what `_bound_names` looks at in a header: brackets, and what ends it at top level
_HEADER_RE = re.compile(
    f"[][(){{}}⦃⦄⟨⟩|]|:=|::|:|(?<![{ID_REST_CHARS}.])(?:where|extends)(?![{ID_REST_CHARS}])"
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
#: holding IDENT, not one a keyword (each costs about 1.5 ms to compile, at every start)
_BINDER_KEYWORD_RES = tuple(re.compile(re.escape(k)) for k in _BINDER_KEYWORDS)
_AFTER_BINDER_RE = re.compile(_AFTER_BINDER)
#: a match arm, `| succ n ih =>`
_MATCH_ARM_RE = re.compile(rf"\|[ \t]*[^\s,|=()⟨]+((?:[ \t]+{IDENT})+)[ \t]*=>")
#: words that end the names a binding keyword introduces (`choose f hf using h`)
_BINDER_STOP = frozenset({"using", "at", "with", "in", "from", "only", "generalizing", "fun"})
_ID_CHAR_RE = re.compile(f"[{ID_REST_CHARS}.]")
_WHERE_RE = re.compile(f"(?<![{ID_REST_CHARS}.])where(?![{ID_REST_CHARS}])")
_OPEN = {"(": ")", "[": "]", "{": "}", "⦃": "⦄", "⟨": "⟩"}
_CLOSE = frozenset(_OPEN.values())
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
    }
)


class _Tok:
    """A token; `line_first` (first on its line) and `col` are computed lazily."""

    __slots__ = ("_src", "end", "prev_end", "start", "text")

    def __init__(self, text: str, start: int, end: int, src: str, prev_end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self._src = src
        self.prev_end = prev_end

    @property
    def line_first(self) -> bool:
        return self._src.find("\n", self.prev_end, self.start) >= 0

    @property
    def col(self) -> int:
        return self.start - self._src.rfind("\n", 0, self.start) - 1


class _Tokens:
    """A lazy token stream over `text[pos:end]` with one-token pushback."""

    __slots__ = ("_it", "_last_end", "_pending", "text")

    def __init__(self, text: str, pos: int, end: int) -> None:
        self.text = text
        self._it = _TOK_RE.finditer(text, pos, end)
        self._pending: list[_Tok] = []
        self._last_end = pos

    def next(self) -> _Tok | None:
        if self._pending:
            return self._pending.pop()
        m = next(self._it, None)
        if m is None:
            return None
        tok = _Tok(m.group(), m.start(), m.end(), self.text, self._last_end)
        self._last_end = tok.end
        return tok

    def push(self, tok: _Tok) -> None:
        self._pending.append(tok)

    def peek(self) -> _Tok | None:
        tok = self.next()
        if tok is not None:
            self.push(tok)
        return tok

    def __iter__(self) -> Iterator[_Tok]:
        while (tok := self.next()) is not None:
            yield tok


def _is_ident(t: str) -> bool:
    return _ID_START_RE.match(t) is not None


@dataclass
class _Cmd:
    """One command found by pass 2 (before its body is read)."""

    start: int  # first char of the chain (line start), or of its doc comment
    keyword: str
    kw_tok: _Tok
    modifiers: frozenset[str]
    attrs: list[list[str]]
    prefix_opens: list[str]
    prefix_cmds: list[tuple[str, list[str]]] = field(default_factory=list)


def _skip_group(toks: _Tokens, limit: int = 4000) -> list[str] | None:
    """Read a bracketed group whose opener was consumed; its inner token texts."""
    depth = 1
    inner: list[str] = []
    for _ in range(limit):
        tok = toks.next()
        if tok is None:
            return None
        t = tok.text
        if t in _OPEN or t == "@[":
            depth += 1
        elif t in _CLOSE:
            depth -= 1
            if depth == 0:
                return inner
        inner.append(t)
    return None


def _split_commas(toks: list[str]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    depth = 0
    for t in toks:
        if t in _OPEN or t == "@[":
            depth += 1
        elif t in _CLOSE:
            depth -= 1
        if depth == 0 and t == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    return [p for p in parts if p]


def _read_prefix_command(toks: _Tokens, first: _Tok) -> tuple[list[str], bool]:
    """Arguments of `open`/`set_option`/...; True when it ends with `in`."""
    args: list[str] = []
    depth = 0
    for _ in range(2000):
        tok = toks.next()
        if tok is None:
            return args, False
        if depth == 0 and tok.line_first and tok.col <= first.col:
            toks.push(tok)
            return args, False
        t = tok.text
        if t in _OPEN or t == "@[":
            depth += 1
        elif t in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and t == "in":
            return args, True
        args.append(t)
    return args, False


def _parse_chain(text: str, pos: int) -> tuple[_Cmd | None, int]:
    """Parse modifiers/attributes/prefixes from `pos` up to a command keyword."""
    toks = _Tokens(text, pos, len(text))
    mods: set[str] = set()
    attrs: list[list[str]] = []
    opens: list[str] = []
    prefixes: list[tuple[str, list[str]]] = []
    first = toks.peek()
    for _ in range(200):
        tok = toks.next()
        if tok is None:
            return None, len(text)
        t = tok.text
        if t == "@[":
            inner = _skip_group(toks)
            if inner is None:
                return None, tok.end
            attrs.extend(_split_commas(inner))
        elif t in MODIFIERS:
            mods.add(t)
            nxt = toks.peek()
            if t == "scoped" and nxt is not None and nxt.text == "[":
                toks.next()
                _skip_group(toks)
        elif t in PREFIX_COMMANDS:
            args, chained = _read_prefix_command(toks, tok)
            if not chained:
                return _Cmd(pos, t, tok, frozenset(mods), attrs, opens, [*prefixes, (t, args)]), 0
            prefixes.append((t, args))
            if t == "open":
                opens.extend(_open_names(args))
        elif t in DECL_KEYWORDS or t in OTHER_COMMANDS or t.startswith("#"):
            if t.startswith("#") and tok.col != 0:
                return None, tok.end  # `#adaptation_note` etc. inside a proof
            if t == "module":
                nxt = toks.peek()
                if nxt is not None and not nxt.line_first:
                    return None, tok.end
            if t == "deriving":
                nxt = toks.peek()
                if nxt is None or nxt.text != "instance":
                    return None, tok.end
            if t == "class":
                nxt = toks.peek()
                if nxt is not None and nxt.text in ("inductive", "abbrev"):
                    toks.next()
                    t = "class " + nxt.text
                    tok = nxt
            return _Cmd(pos, t, tok, frozenset(mods), attrs, opens, prefixes), tok.end
        else:
            # not a command: a tactic `open ... in`, or an unknown user command
            if first is not None and first.col == 0 and (attrs or mods or prefixes):
                return _Cmd(pos, "", tok, frozenset(mods), attrs, opens, prefixes), tok.start
            return None, tok.start
    return None, pos + 1


def _open_names(args: Iterable[str]) -> list[str]:
    out: list[str] = []
    skip = False
    depth = 0
    for t in args:
        if t in _OPEN:
            depth += 1
        elif t in _CLOSE:
            depth = max(0, depth - 1)
        elif t in ("hiding", "renaming"):
            skip = True
        elif depth == 0 and not skip and t != "scoped" and _is_ident(t):
            out.append(normalize_name(t))
    return out


@dataclass
class _Scope:
    kind: str  # "namespace" | "section" | "mutual"
    name: str
    opens: list[str] = field(default_factory=list)
    variables: set[str] = field(default_factory=set)


@dataclass
class _Ctx:
    """Everything needed to emit declarations for one file."""

    text: str
    module: str
    file: str
    nl: list[int]
    names_only: bool
    scopes: list[_Scope] = field(default_factory=list)
    decls: list[Declaration] = field(default_factory=list)
    diags: list[Diagnostic] = field(default_factory=list)
    imports: list[str] = field(default_factory=list)
    additive: dict[str, str] = field(default_factory=dict)
    _opens_cache: tuple[str, ...] | None = None
    _locals_cache: frozenset[str] | None = None  # reset by `variable` and `end`
    binders: tuple[list[int], list[str]] | None = None  # `_local_binders` of the text

    def line(self, pos: int) -> int:
        return bisect_left(self.nl, pos)  # the text starts with an added newline

    def namespace(self) -> str:
        return ".".join(s.name for s in self.scopes if s.kind == "namespace" and s.name)

    def opens(self) -> tuple[str, ...]:
        if self._opens_cache is None:
            self._opens_cache = tuple(o for s in self.scopes for o in s.opens)
        return self._opens_cache

    def locals(self) -> frozenset[str]:
        """The names of the `variable`s in scope."""
        if self._locals_cache is None:
            self._locals_cache = frozenset(v for s in self.scopes for v in s.variables)
        return self._locals_cache

    def diag(self, pos: int, message: str, severity: Severity = Severity.WARNING) -> None:
        self.diags.append(Diagnostic(self.file, self.line(pos), severity, message))


def _find_commands(text: str, doc_marks: set[int]) -> list[_Cmd]:
    cmds: list[_Cmd] = []
    consumed = 0
    for m in _CMD_RE.finditer(text):
        pos = m.start(1)
        if pos < consumed:
            continue
        line_start = m.start() + 1
        cmd, consumed = _parse_chain(text, pos)
        if cmd is None:
            continue
        start = line_start
        j = line_start
        while j > 0 and text[j - 1] in " \t\n\r":
            j -= 1
        if j > 0 and (j - 1) in doc_marks:
            start = j - 1
        cmd.start = start
        cmds.append(cmd)
    return cmds


def _end_of(text: str, start: int, end: int) -> int:
    """Position just after the last non-blank character in `text[start:end]`."""
    j = end
    while j > start and text[j - 1] in " \t\n\r":
        j -= 1
    return j


def scan_lean(
    text: str,
    module: str,
    file: str,
    *,
    names_only: bool = False,
    extra_keywords: Iterable[str] = (),
) -> LeanFile:
    """Declarations, imports and diagnostics of one Lean file. Never raises.

    ``names_only`` skips references (for dependency indexes);
    ``extra_keywords`` are project macros used as `kw name ...` that declare
    `name` (kind = the keyword), e.g. from `blueprint.toml`.
    """
    try:
        return _scan(text, module, file, names_only, frozenset(extra_keywords))
    except Exception as exc:  # pragma: no cover - last-resort guard
        return LeanFile(
            module,
            file,
            diagnostics=[Diagnostic(file, 1, Severity.ERROR, f"Lean scanner failed: {exc!r}")],
        )


def _scan(
    text: str, module: str, file: str, names_only: bool, extra: frozenset[str]
) -> LeanFile:
    cleaned = clean_source(text.replace("\r\n", "\n") if "\r" in text else text)
    src = "\n" + cleaned.text  # so that the first line also follows a newline
    nl = [m.start() for m in re.finditer("\n", src)]
    ctx = _Ctx(src, module, file, nl, names_only, [_Scope("root", "")])
    for line, msg in cleaned.problems:
        ctx.diags.append(Diagnostic(file, line, Severity.WARNING, msg))
    doc_marks = {p + 1 for p in cleaned.doc_marks}
    cmds = _find_commands(src, doc_marks)
    if extra:
        cmds = _merge_extra(src, cmds, extra)
    for i, cmd in enumerate(cmds):
        end = cmds[i + 1].start if i + 1 < len(cmds) else len(src)
        if cmd.keyword == "#exit":
            ctx.diag(cmd.kw_tok.start, "`#exit`: the rest of the file is not compiled",
                     Severity.INFO)
            break
        _handle(ctx, cmd, end)
    # `nl` counts the leading newline we added: lines are 1-based already
    return LeanFile(module, file, ctx.imports, ctx.decls, ctx.diags)


def _merge_extra(src: str, cmds: list[_Cmd], extra: frozenset[str]) -> list[_Cmd]:
    alt = "|".join(sorted((re.escape(k) for k in extra), key=len, reverse=True))
    pat = re.compile(f"\\n[ \\t]*({alt})(?![{ID_REST_CHARS}])")
    added = []
    for m in pat.finditer(src):
        tok = _Tok(m.group(1), m.start(1), m.end(1), src, m.start())
        added.append(_Cmd(m.start() + 1, "extra:" + m.group(1), tok, frozenset(), [], []))
    return sorted([*cmds, *added], key=lambda c: c.start)


# --- per command -------------------------------------------------------------


def _handle(ctx: _Ctx, cmd: _Cmd, end: int) -> None:
    kw = cmd.keyword
    if kw in DECL_KEYWORDS or kw.startswith(("class ", "extra:")):
        _declaration(ctx, cmd, end)
    elif kw == "namespace":
        toks = _Tokens(ctx.text, cmd.kw_tok.end, end)
        tok = toks.next()
        if tok is not None and _is_ident(tok.text):
            for part in normalize_name(tok.text).split("."):
                ctx.scopes.append(_Scope("namespace", part))
            ctx._opens_cache = None
    elif kw == "section":
        toks = _Tokens(ctx.text, cmd.kw_tok.end, end)
        tok = toks.next()
        name = tok.text if tok is not None and _is_ident(tok.text) and not tok.line_first else ""
        parts = name.split(".") if name else [""]
        for part in parts:
            ctx.scopes.append(_Scope("section", part))
    elif kw == "mutual":
        ctx.scopes.append(_Scope("mutual", ""))
    elif kw == "end":
        _end(ctx, cmd, end)
    elif kw == "import":
        toks = _Tokens(ctx.text, cmd.kw_tok.end, end)
        for tok in toks:
            if tok.line_first and tok.text != "import":
                break
            if _is_ident(tok.text) and tok.text not in ("all",):
                ctx.imports.append(normalize_name(tok.text))
    elif kw in PREFIX_COMMANDS and cmd.prefix_cmds:
        _, args = cmd.prefix_cmds[-1]
        scope = ctx.scopes[-1]
        if kw == "open":
            scope.opens.extend(_open_names(args))
            ctx._opens_cache = None
        elif kw == "variable":
            scope.variables.update(_binder_names(args))
            ctx._locals_cache = None
        elif kw == "attribute":
            _attribute_command(ctx, cmd, args, end)


def _end(ctx: _Ctx, cmd: _Cmd, end: int) -> None:
    toks = _Tokens(ctx.text, cmd.kw_tok.end, end)
    tok = toks.next()
    name = tok.text if tok is not None and _is_ident(tok.text) and not tok.line_first else ""
    count = len(name.split(".")) if name else 1
    if len(ctx.scopes) <= 1:
        ctx.diag(cmd.kw_tok.start, "`end` without an open namespace or section")
        return
    expected = ".".join(s.name for s in ctx.scopes[-count:])
    if name and expected != normalize_name(name):
        ctx.diag(cmd.kw_tok.start, f"`end {name}` does not close `{expected or 'section'}`")
    if not name and ctx.scopes and ctx.scopes[-1].name and ctx.scopes[-1].kind != "mutual":
        ctx.diag(cmd.kw_tok.start, f"`end` should name `{ctx.scopes[-1].name}`")
    del ctx.scopes[-min(count, len(ctx.scopes) - 1):]
    ctx._opens_cache = ctx._locals_cache = None


def _binder_names(args: list[str]) -> set[str]:
    """Names bound by `variable` binders: `(x y : T)`, `{x}`, `⦃x⦄`, `[h : C x]`; an
    instance binder without a name, `[C x]`, binds none (`C` is a class, not a local)."""
    names: set[str] = set()
    depth = 0
    group: list[str] = []
    bracket = ""
    for t in args:
        if t in _OPEN:
            depth += 1
            if depth == 1:
                group, bracket = [], t
                continue
        elif t in _CLOSE:
            depth = max(0, depth - 1)
            if depth == 0 and ":" in group:
                names.update(x for x in group[: group.index(":")] if _is_ident(x))
            elif depth == 0 and group and bracket != "[" and all(_is_ident(x) for x in group):
                names.update(group)
            continue
        if depth >= 1:
            group.append(t)
    return names


def _bound_names(text: str, pos: int, end: int) -> set[str]:
    """Names bound by the binders of a declaration whose header starts at `pos`, up to its
    type's `:` (or `:=`, `|`, `where`, a structure's `extends`): those of `(x y : T)`,
    `{x}`, `⦃x⦄`, `[h : C x]` (not `[C x]`) and bare ones (`def f x := x`)."""
    names: set[str] = set()
    depth = 0
    start = pos  # of the text between top-level groups, then of the group's names
    named = False  # the current group's names are read
    bracket = ""
    for m in _HEADER_RE.finditer(text, pos, end):
        t = m.group()
        if t in _OPEN:
            depth += 1
            if depth == 1:
                if m.start() - start > 1:  # more than the usual space between groups
                    names.update(IDENT_RE.findall(text, start, m.start()))
                start, named, bracket = m.end(), False, t
        elif t in _CLOSE:
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
            break
    return names


def _local_binders(text: str) -> tuple[list[int], list[str]]:
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
        if _is_ident(t):
            return True, normalize_name(t)
        i += 1
    return True, None


def _attribute_command(ctx: _Ctx, cmd: _Cmd, args: list[str], end: int) -> None:
    if not args or args[0] != "[":
        return
    depth = 0
    k = 0
    while k < len(args):
        depth += 1 if args[k] in _OPEN else -1 if args[k] in _CLOSE else 0
        if depth == 0:
            break
        k += 1
    attrs = _split_commas(args[1:k])
    targets = [normalize_name(t) for t in args[k + 1 :] if _is_ident(t)]
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
            end_line = ctx.line(_end_of(ctx.text, cmd.start, end))
            ctx.decls.append(
                Declaration(
                    add, kind, ctx.file, line, end_line, False, frozenset(), line,
                    ctx.module, ctx.namespace(), ctx.opens(), generated=True, source=full,
                )
            )


def _resolve_local(ctx: _Ctx, name: str) -> str:
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


# --- declarations ------------------------------------------------------------


def _full_name(ns: str, name: str) -> str:
    name = normalize_name(name)
    if name.startswith("_root_."):
        return name[7:]
    return f"{ns}.{name}" if ns else name


def _declaration(ctx: _Ctx, cmd: _Cmd, end: int) -> None:
    kw = cmd.keyword.removeprefix("extra:")
    text = ctx.text
    toks = _Tokens(text, cmd.kw_tok.end, end)
    ns = ctx.namespace()
    opens = ctx.opens()
    if cmd.prefix_opens:
        opens = (*opens, *cmd.prefix_opens)
    start_line = ctx.line(cmd.start)
    end_line = ctx.line(_end_of(text, cmd.start, end))
    kind = "class" if kw == "class abbrev" else kw
    private = "private" in cmd.modifiers

    names: list[tuple[str, int]] = []  # (written name, position)
    body_start = cmd.kw_tok.end
    inst_parts: tuple[str, ...] = ()
    if kw == "alias":
        names, body_start = _alias_names(toks)
    elif kw == "example":
        names = [("", cmd.kw_tok.start)]
    else:
        if kw == "instance":
            tok = toks.next()
            if tok is not None and tok.text == "(":
                nxt = toks.peek()
                if nxt is not None and nxt.text == "priority":
                    _skip_group(toks)
                else:
                    toks.push(tok)
            elif tok is not None:
                toks.push(tok)
        tok = toks.next()
        if tok is not None and _is_ident(tok.text) and not (
            kw == "instance" and tok.text in ("where", "extends")
        ):
            names = [(tok.text, tok.start)]
            body_start = tok.end
        elif kw == "instance":
            if tok is not None:
                toks.push(tok)
            binders, ty, _ = _header(toks)
            base, inst_parts = instance_name(binders, ty, ns, ctx.locals())
            names = [("\x01" + base, cmd.kw_tok.start)]
        elif tok is not None and tok.text == "$":  # `def $name ...` inside a syntax quotation
            return
        else:
            ctx.diag(cmd.kw_tok.start, f"`{kw}` without a name")
            return

    refs: frozenset[str] = frozenset()
    has_sorry = False
    if not ctx.names_only:
        found = set(IDENT_RE.findall(text, body_start, end))
        has_sorry = "sorry" in found or "admit" in found
        # The declaration's binders and the section's variables are local: they shadow any
        # global of the same name (`def D (F : ℍ → ℂ)` does not use a global `F`)
        bound = _bound_names(text, body_start, end)
        bound |= ctx.locals()
        if ctx.binders is None:
            ctx.binders = _local_binders(text)
        at, bound_names = ctx.binders
        bound.update(bound_names[bisect_left(at, body_start) : bisect_left(at, end)])
        refs = frozenset(r for r in found - _NOT_REFERENCES if r.partition(".")[0] not in bound)

    emitted: list[Declaration] = []
    for written, pos in names:
        generated = written.startswith("\x01")
        full = _full_name(ns, written.lstrip("\x01")) if written else ""
        emitted.append(
            Declaration(
                full, kind, ctx.file, ctx.line(pos), end_line, has_sorry, refs, start_line,
                ctx.module, ns, opens, generated=generated, private=private,
                name_parts=inst_parts if generated else (),
            )
        )
    main = emitted[0] if emitted else None
    if main is not None and main.name:
        if kw in ("structure", "class", "inductive", "class inductive", "coinductive"):
            emitted += _type_members(ctx, main, kw, toks)
        elif kw == "irreducible_def":
            emitted.append(_derived(main, main.name + "_def", "theorem"))
        elif (kw in ("def", "theorem", "lemma", "abbrev", "instance") and not ctx.names_only
              and _WHERE_RE.search(text, body_start, end)):
            emitted += _where_aux(ctx, main, _Tokens(text, body_start, end))
    emitted += _attribute_names(ctx, emitted, cmd.attrs)
    ctx.decls.extend(emitted)


def _derived(main: Declaration, name: str, kind: str, source: bool = True) -> Declaration:
    return Declaration(
        name, kind, main.file, main.line, main.end_line, main.has_sorry if kind == "theorem"
        else False, main.references, main.start_line, main.module, main.namespace, main.opens,
        generated=True, source=main.name if source else None, private=main.private,
    )


def _alias_names(toks: _Tokens) -> tuple[list[tuple[str, int]], int]:
    tok = toks.next()
    if tok is None:
        return [], 0
    if tok.text == "⟨":
        out: list[tuple[str, int]] = []
        last = tok.end
        for t in toks:
            last = t.end
            if t.text == "⟩":
                break
            if _is_ident(t.text) and t.text != "_":
                out.append((t.text, t.start))
        return out, last
    if _is_ident(tok.text):
        return [(tok.text, tok.start)], tok.end
    return [], tok.end


def _header(toks: _Tokens, limit: int = 3000) -> tuple[list[str], list[str], str]:
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
        if t in _OPEN:
            depth += 1
        elif t in _CLOSE:
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


def _type_members(ctx: _Ctx, main: Declaration, kw: str, toks: _Tokens) -> list[Declaration]:
    """Constructors, fields and parent projections of a structure/class/inductive."""
    out: list[Declaration] = []
    binders, ty, stop = _header(toks)
    if kw in ("structure", "class"):
        parents: list[str] = []
        if "extends" in binders:
            parents = _extends(binders[binders.index("extends") + 1 :])
        elif "extends" in ty:
            parents = _extends(ty[ty.index("extends") + 1 :])
        for p in parents:
            out.append(_derived(main, f"{main.name}.to{p}", "projection"))
        ctor = "mk"
        fields: list[str] = []
        if stop == "where":
            toks.next()
            ctor_found, fields = _fields(toks)
            ctor = ctor_found or ctor
        out.append(_member(main, f"{main.name}.{normalize_name(ctor)}", "constructor",
                           generated=ctor == "mk"))
        for f in fields:
            out.append(_member(main, f"{main.name}.{f}", "field", generated=False))
    else:
        prev: _Tok | None = None
        prev2: _Tok | None = None
        depth = 0
        if stop == "where":
            prev = toks.next()
        for tok in toks:
            t = tok.text
            if t in _OPEN:
                depth += 1
            elif t in _CLOSE:
                depth = max(0, depth - 1)
            elif t == "deriving" and tok.line_first:
                break
            elif depth == 0 and t == "|" and (
                tok.line_first
                or prev is None
                or prev.text == "where"
                or (prev2 is not None and prev2.text == "|" and _is_ident(prev.text))
            ):
                name = toks.next()
                while name is not None and name.text in MODIFIERS:
                    name = toks.next()
                if name is not None and _is_ident(name.text):
                    out.append(_member(main, f"{main.name}.{normalize_name(name.text)}",
                                       "constructor", generated=False, line=ctx.line(name.start)))
                    prev2, prev = tok, name
                    continue
            prev2, prev = prev, tok
    return out


def _member(main: Declaration, name: str, kind: str, generated: bool,
            line: int | None = None) -> Declaration:
    return Declaration(
        name, kind, main.file, line or main.line, main.end_line, False, frozenset(),
        main.start_line, main.module, main.namespace, main.opens, generated=generated,
        source=main.name, private=main.private,
    )


def _extends(toks: list[str]) -> list[str]:
    heads = []
    for part in _split_commas(toks):
        if part and _is_ident(part[0]):
            head = part[0]
            if len(part) > 2 and part[1] == ":":  # named parent `toFoo : Foo`
                heads.append("\x02" + head)
            else:
                heads.append(head.rsplit(".", 1)[-1])
    return [h[1:] if h.startswith("\x02") else h for h in heads]


def _fields(toks: _Tokens) -> tuple[str | None, list[str]]:
    """Custom constructor (`mk ::`) and field names after `where`."""
    ctor: str | None = None
    fields: list[str] = []
    col: int | None = None
    depth = 0
    entry: list[_Tok] = []
    entries: list[list[_Tok]] = []
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
        if t in _OPEN or t == "@[":
            depth += 1
        elif t in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and t == "::" and ctor is None and not fields and not entries:
            idents = [x.text for x in entry if _is_ident(x.text) and x.text not in MODIFIERS]
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
                depth += 1 if ts[i] in _OPEN or ts[i] == "@[" else -1 if ts[i] in _CLOSE else 0
                i += 1
        else:
            i += 1
    if i < len(ts) and ts[i] in ("(", "{", "[", "⦃"):
        inner = ts[i + 1 :]
        if ":" in inner:
            return [normalize_name(x) for x in inner[: inner.index(":")] if _is_ident(x)]
        return []
    names = []
    while i < len(ts) and _is_ident(ts[i]) and ts[i] not in ("where",):
        names.append(normalize_name(ts[i]))
        i += 1
    if i < len(ts) and ts[i] in (":", "(", "{", "[", "⦃"):
        return names
    return []


def _where_aux(ctx: _Ctx, main: Declaration, toks: _Tokens) -> list[Declaration]:
    """`def f := ... where aux ...` declares `f.aux`."""
    depth = 0
    seen_assign = False
    for tok in toks:
        t = tok.text
        if t in _OPEN:
            depth += 1
        elif t in _CLOSE:
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
        if t in _OPEN:
            depth += 1
        elif t in _CLOSE:
            depth = max(0, depth - 1)
        if depth or not _is_ident(t) or t in MODIFIERS:
            continue
        if col is None:
            col = tok.col
        if tok.line_first and tok.col < col:
            break
        if tok.col == col and (tok.line_first or not out):
            if t in ("termination_by", "decreasing_by"):
                continue
            out.append(_derived(main, f"{main.name}.{normalize_name(t)}", main.kind))
    return out


def _attribute_names(
    ctx: _Ctx, decls: list[Declaration], attrs: list[list[str]]
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
            out.append(_derived(main, add, main.kind))
            for d in decls[1:]:
                if d.source == main.name:
                    member = additive_name(d.name, None, ctx.additive)
                    out.append(_member(main, member, d.kind, generated=True))
        elif name == "reassoc":
            out.append(_derived(main, main.name + "_assoc", "theorem"))
        elif name == "ext":
            if main.kind in ("structure", "class"):
                out.append(_derived(main, main.name + ".ext", "theorem"))
                out.append(_derived(main, main.name + ".ext_iff", "theorem"))
            elif main.kind in ("theorem", "lemma"):
                out.append(_derived(main, main.name + "_iff", "theorem"))
    return out
