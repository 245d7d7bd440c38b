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
from collections.abc import Iterable

from blueprint.lean.attributes import (
    attribute_command,
    attribute_names,
)
from blueprint.lean.binders import (
    binder_names,
)
from blueprint.lean.commands import (
    DECL_KEYWORDS,
    PREFIX_COMMANDS,
    Command,
    find_commands,
    merge_extra,
    open_names,
)
from blueprint.lean.declarations import (
    declaration,
)
from blueprint.lean.lexer import (
    clean_source,
    normalize_name,
)
from blueprint.lean.model import LeanFile
from blueprint.lean.scope import (
    ScanContext,
    Scope,
)
from blueprint.lean.tokens import (
    Tokens,
    is_ident,
)
from blueprint.model import Diagnostic, Severity


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
    ctx = ScanContext(src, module, file, nl, names_only, [Scope("root", "")])
    for line, msg in cleaned.problems:
        ctx.diags.append(Diagnostic(file, line, Severity.WARNING, msg))
    doc_marks = {p + 1 for p in cleaned.doc_marks}
    cmds = find_commands(src, doc_marks)
    if extra:
        cmds = merge_extra(src, cmds, extra)
    for i, cmd in enumerate(cmds):
        end = cmds[i + 1].start if i + 1 < len(cmds) else len(src)
        if cmd.keyword == "#exit":
            ctx.diag(cmd.kw_tok.start, "`#exit`: the rest of the file is not compiled",
                     Severity.INFO)
            break
        _handle(ctx, cmd, end)
    # `nl` counts the leading newline we added: lines are 1-based already
    return LeanFile(module, file, ctx.imports, ctx.decls, ctx.diags)


def _handle(ctx: ScanContext, cmd: Command, end: int) -> None:
    kw = cmd.keyword
    if kw in DECL_KEYWORDS or kw.startswith(("class ", "extra:")):
        emitted = declaration(ctx, cmd, end)
        ctx.decls.extend([*emitted, *attribute_names(ctx, emitted, cmd.attrs)])
    elif kw == "namespace":
        toks = Tokens(ctx.text, cmd.kw_tok.end, end)
        tok = toks.next()
        if tok is not None and is_ident(tok.text):
            for part in normalize_name(tok.text).split("."):
                ctx.enter("namespace", part)
    elif kw == "section":
        toks = Tokens(ctx.text, cmd.kw_tok.end, end)
        tok = toks.next()
        name = tok.text if tok is not None and is_ident(tok.text) and not tok.line_first else ""
        parts = name.split(".") if name else [""]
        for part in parts:
            ctx.enter("section", part)
    elif kw == "mutual":
        ctx.enter("mutual", "")
    elif kw == "end":
        _end(ctx, cmd, end)
    elif kw == "import":
        toks = Tokens(ctx.text, cmd.kw_tok.end, end)
        for tok in toks:
            if tok.line_first and tok.text != "import":
                break
            if is_ident(tok.text) and tok.text not in ("all",):
                ctx.imports.append(normalize_name(tok.text))
    elif kw in PREFIX_COMMANDS and cmd.prefix_cmds:
        _, args = cmd.prefix_cmds[-1]
        if kw == "open":
            ctx.open(open_names(args))
        elif kw == "variable":
            ctx.declare_variables(binder_names(args))
        elif kw == "attribute":
            attribute_command(ctx, cmd, args, end)


def _end(ctx: ScanContext, cmd: Command, end: int) -> None:
    toks = Tokens(ctx.text, cmd.kw_tok.end, end)
    tok = toks.next()
    name = tok.text if tok is not None and is_ident(tok.text) and not tok.line_first else ""
    count = len(name.split(".")) if name else 1
    if len(ctx.scopes) <= 1:
        ctx.diag(cmd.kw_tok.start, "`end` without an open namespace or section")
        return
    expected = ".".join(s.name for s in ctx.scopes[-count:])
    if name and expected != normalize_name(name):
        ctx.diag(cmd.kw_tok.start, f"`end {name}` does not close `{expected or 'section'}`")
    if not name and ctx.scopes and ctx.scopes[-1].name and ctx.scopes[-1].kind != "mutual":
        ctx.diag(cmd.kw_tok.start, f"`end` should name `{ctx.scopes[-1].name}`")
    ctx.leave(count)
