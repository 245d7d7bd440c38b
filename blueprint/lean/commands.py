"""Pass 2 of the scan: the commands of a file, found where a line starts with a command
keyword, a modifier or `@[`, each parsed as a chain (attributes, modifiers, `open ... in`
prefixes) ending in its keyword."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from blueprint.lean.lexer import (
    ID_REST_CHARS,
    normalize_name,
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
        "blueprint_comment",  # LeanArchitect's module prose: not part of the declaration before
    }
)


_KEYWORDS = DECL_KEYWORDS | MODIFIERS | PREFIX_COMMANDS | OTHER_COMMANDS


def word_alternation(words: Iterable[str]) -> str:
    """A regex that matches any of `words` (not empty), written as a trie: `e(?:lab|nd)`, not
    `elab|end`. `re` tries the alternatives of a group one by one, each rejected on its first
    character; in a trie a position is rejected after one test per first character (the scan
    tries the command keywords at each of a file's lines: three times as fast so)."""
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[:1], []).append(word[1:])
    branches = [re.escape(first) + word_alternation(rest)
                for first, rest in sorted(rests.items()) if first]
    if not branches:
        return ""
    alternatives = "|".join(branches)
    if "" in rests:  # a word ends here
        return f"(?:{alternatives})?"
    return alternatives if len(branches) == 1 else f"(?:{alternatives})"


_CMD_RE = re.compile(
    "\\n[ \\t\\x00]*(@\\[|#[A-Za-z_][A-Za-z_0-9]*"
    f"|{word_alternation(_KEYWORDS)}(?![{ID_REST_CHARS}]))"
)


@dataclass
class Command:
    """One command found by pass 2 (before its body is read)."""

    start: int  # first char of the chain (line start), or of its doc comment
    keyword: str
    kw_tok: Token
    modifiers: frozenset[str]
    attrs: list[list[str]]
    prefix_opens: list[str]
    prefix_cmds: list[tuple[str, list[str]]] = field(default_factory=list)


def _read_prefix_command(toks: Tokens, first: Token) -> tuple[list[str], bool]:
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
        if t in OPEN or t == "@[":
            depth += 1
        elif t in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and t == "in":
            return args, True
        args.append(t)
    return args, False


def parse_chain(text: str, pos: int) -> tuple[Command | None, int]:
    """Parse modifiers/attributes/prefixes from `pos` up to a command keyword."""
    toks = Tokens(text, pos, len(text))
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
            inner = skip_group(toks)
            if inner is None:
                return None, tok.end
            attrs.extend(split_commas(inner))
        elif t in MODIFIERS:
            mods.add(t)
            nxt = toks.peek()
            if t == "scoped" and nxt is not None and nxt.text == "[":
                toks.next()
                skip_group(toks)
        elif t in PREFIX_COMMANDS:
            args, chained = _read_prefix_command(toks, tok)
            if not chained:
                chain = [*prefixes, (t, args)]
                return Command(pos, t, tok, frozenset(mods), attrs, opens, chain), 0
            prefixes.append((t, args))
            if t == "open":
                opens.extend(open_names(args))
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
            return Command(pos, t, tok, frozenset(mods), attrs, opens, prefixes), tok.end
        else:
            # not a command: a tactic `open ... in`, or an unknown user command
            if first is not None and first.col == 0 and (attrs or mods or prefixes):
                return Command(pos, "", tok, frozenset(mods), attrs, opens, prefixes), tok.start
            return None, tok.start
    return None, pos + 1


def open_names(args: Iterable[str]) -> list[str]:
    out: list[str] = []
    skip = False
    depth = 0
    for t in args:
        if t in OPEN:
            depth += 1
        elif t in CLOSE:
            depth = max(0, depth - 1)
        elif t in ("hiding", "renaming"):
            skip = True
        elif depth == 0 and not skip and t != "scoped" and is_ident(t):
            out.append(normalize_name(t))
    return out


def find_commands(text: str, doc_marks: set[int]) -> list[Command]:
    cmds: list[Command] = []
    consumed = 0
    for m in _CMD_RE.finditer(text):
        pos = m.start(1)
        if pos < consumed:
            continue
        line_start = m.start() + 1
        cmd, consumed = parse_chain(text, pos)
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


def end_of(text: str, start: int, end: int) -> int:
    """Position just after the last non-blank character in `text[start:end]`."""
    j = end
    while j > start and text[j - 1] in " \t\n\r":
        j -= 1
    return j


def merge_extra(src: str, cmds: list[Command], extra: frozenset[str]) -> list[Command]:
    alt = "|".join(sorted((re.escape(k) for k in extra), key=len, reverse=True))
    pat = re.compile(f"\\n[ \\t]*({alt})(?![{ID_REST_CHARS}])")
    added = []
    for m in pat.finditer(src):
        tok = Token(m.group(1), m.start(1), m.end(1), src, m.start())
        added.append(Command(m.start() + 1, "extra:" + m.group(1), tok, frozenset(), [], []))
    return sorted([*cmds, *added], key=lambda c: c.start)
