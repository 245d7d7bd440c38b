"""Read the LeanArchitect blueprint of one Lean file: text in, records out. Pure, never raises.

A file that does not contain the word `blueprint` has nothing to read and costs one search.
Otherwise `CodeMap` finds the comments and literals once, then only the places that matter
are read: the commands that change the scope (`namespace`, `section`, `end`, `mutual`,
`open`), every attribute list `@[...]` in code, `attribute [...] names`,
`blueprint_comment /-- -/`; after a tagged declaration its head (modifiers, keyword, name)
and its body (up to the next command at the start of a line) for doc comments in tactic
proofs and `sorry_using`/`blueprint_using`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from blueprint.lean.commands import DECL_KEYWORDS, MODIFIERS
from blueprint.lean.lexer import ID_REST_CHARS, normalize_name
from blueprint.lean.model import NOT_DECLARED_KINDS
from blueprint.lean.naming import additive_name
from blueprint.model import Diagnostic, Severity
from blueprint.readers.leanarchitect.attribute import AttributeList, read_attributes
from blueprint.readers.leanarchitect.lexer import (
    ASCII_SPACE,
    CodeMap,
    SpanKind,
    Token,
    TokenKind,
    doc_text,
)
from blueprint.readers.leanarchitect.records import (
    TYPE_KINDS,
    AttributeForm,
    LeanArchitectFile,
    ModuleComment,
    ProofDoc,
    TaggedDeclaration,
    UseRef,
    name_candidates,
)

_ID = f"[{ID_REST_CHARS}]"
#: a command that changes the scope or holds blueprint content, at the start of a line; the
#: text searched starts with a newline (a regex with a literal first is searched fast)
_COMMAND_RE = re.compile(
    rf"\n(?=[ \t]*[nsemobap#@])[ \t]*(?:(?:noncomputable|public|private|@\[expose\])[ \t]+)*"
    rf"(namespace|section|end|mutual|open|blueprint_comment|attribute|#exit)(?!{_ID})"
)
_ATTRIBUTES_RE = re.compile(r"@\[")
#: where a declaration's text ends: a line that starts a command, or an attribute list
_BOUNDARY_RE = re.compile(
    rf"\n(?:(?=\S)(?!(?:where|termination_by|decreasing_by|deriving|with|at|using)(?!{_ID})"
    r"|[|)\]}⟩·,:=<>+*.]|--)|[ \t]+(?=@\[))"
)
_BY_RE = re.compile(rf"by(?<![{ID_REST_CHARS}.]by)(?!{_ID})")
_USING_RE = re.compile(
    rf"(?:sorry_using(?<![{ID_REST_CHARS}.]sorry_using)"
    rf"|blueprint_using(?<![{ID_REST_CHARS}.]blueprint_using))(?!{_ID})"
)


@dataclass
class _Scope:
    kind: str  # namespace, section, mutual
    name: str
    opens: list[str] = field(default_factory=list)


class _FileReader:
    def __init__(self, text: str, module: str, file: str) -> None:
        self.text = text
        self.module = module
        self.file = file
        self.code = CodeMap(text)
        self.scopes: list[_Scope] = [_Scope("root", "")]
        self.contents: list[TaggedDeclaration | ModuleComment] = []
        self.diagnostics: list[Diagnostic] = []
        self.consumed: set[int] = set()  # attribute lists read with a declaration before
        self.prefix_opens: dict[int, list[str]] = {}  # `open X in` before the token at a position

    def report(self, pos: int, message: str, severity: Severity = Severity.ERROR) -> None:
        self.diagnostics.append(Diagnostic(self.file, self.code.line(pos), severity, message))

    @property
    def namespace(self) -> str:
        return ".".join(s.name for s in self.scopes if s.kind == "namespace")

    def opens(self, pos: int) -> tuple[str, ...]:
        found = [o for s in self.scopes for o in s.opens]
        return tuple(found + self.prefix_opens.get(pos, []))

    def token(self, pos: int) -> Token:
        return self.code.token(pos)

    # --- the whole file --------------------------------------------------------------

    def read(self) -> LeanArchitectFile:
        for span in self.code.spans:
            if not span.closed:
                what = "comment" if span.kind in (SpanKind.COMMENT, SpanKind.DOC) else "literal"
                self.report(span.start, f"unterminated {what}: the rest of the file is in it")
        events: list[tuple[int, str, int]] = []  # (position, what, position after keyword)
        for m in _COMMAND_RE.finditer("\n" + self.text):
            events.append((m.start(1) - 1, m.group(1), m.end(1) - 1))
        for m in _ATTRIBUTES_RE.finditer(self.text):
            events.append((m.start(), "@[", m.end()))
        events.sort()
        for pos, what, after in events:
            if pos in self.consumed or not self.code.is_code(pos):
                continue
            if what == "#exit":
                break
            if what == "@[":
                self.attribute_list(pos, after)
            else:
                getattr(self, "command_" + what)(pos, after)
        return LeanArchitectFile(
            self.module, self.file, tuple(self.contents), tuple(self.diagnostics)
        )

    # --- scope commands -------------------------------------------------------------

    def names_after(self, pos: int) -> tuple[list[Token], Token]:
        """The tokens of a command's arguments: up to a line that starts at column 0."""
        tokens: list[Token] = []
        tok = self.token(pos)
        while tok.kind is not TokenKind.END and not self.starts_line(pos, tok):
            tokens.append(tok)
            pos = tok.end
            tok = self.token(pos)
        return tokens, tok

    def starts_line(self, prev_end: int, tok: Token) -> bool:
        newline = self.text.rfind("\n", prev_end, tok.start)
        return newline >= 0 and newline + 1 == tok.start

    def command_namespace(self, pos: int, after: int) -> None:
        tok = self.token(after)
        if tok.kind is TokenKind.IDENT and not self.starts_line(after, tok):
            for part in normalize_name(tok.text).split("."):
                self.scopes.append(_Scope("namespace", part))

    def command_section(self, pos: int, after: int) -> None:
        tok = self.token(after)
        named = tok.kind is TokenKind.IDENT and not self.starts_line(after, tok)
        for part in normalize_name(tok.text).split(".") if named else [""]:
            self.scopes.append(_Scope("section", part))

    def command_mutual(self, pos: int, after: int) -> None:
        self.scopes.append(_Scope("mutual", ""))

    def command_end(self, pos: int, after: int) -> None:
        tok = self.token(after)
        named = tok.kind is TokenKind.IDENT and not self.starts_line(after, tok)
        count = len(tok.text.split(".")) if named else 1
        if len(self.scopes) <= 1:
            self.report(pos, "`end` without an open namespace or section", Severity.WARNING)
            return
        del self.scopes[-min(count, len(self.scopes) - 1) :]

    def command_open(self, pos: int, after: int) -> None:
        tokens, _ = self.names_after(after)
        names: list[str] = []
        collecting = True
        for tok in tokens:
            if tok.kind is TokenKind.IDENT and tok.text == "in":
                # `open X in` opens X for the next command only
                nxt = self.token(tok.end)
                while nxt.kind is TokenKind.DOC:
                    nxt = self.token(nxt.end)
                self.prefix_opens[nxt.start] = [*self.prefix_opens.get(pos, []), *names]
                return
            if tok.text in ("hiding", "renaming", "("):
                collecting = False
            elif collecting and tok.kind is TokenKind.IDENT and tok.text != "scoped":
                names.append(normalize_name(tok.text))
        self.scopes[-1].opens.extend(names)

    def command_blueprint_comment(self, pos: int, after: int) -> None:
        tok = self.token(after)
        if tok.kind is not TokenKind.DOC:
            self.report(pos, "`blueprint_comment` must be followed by a doc comment `/-- ... -/`")
            return
        self.contents.append(
            ModuleComment(
                doc_text(tok.text),
                self.code.line(pos),
                self.code.line(max(tok.end - 1, tok.start)),
                self.code.line(tok.start),
            )
        )

    def command_attribute(self, pos: int, after: int) -> None:
        tok = self.token(after)
        if not (tok.kind is TokenKind.SYMBOL and tok.text == "["):
            return
        found = read_attributes(
            self.code, tok.end, self.file, self.diagnostics, AttributeForm.COMMAND
        )
        if not found.blueprints:
            return
        tokens, _ = self.names_after(found.end)
        names = [t for t in tokens if t.kind is TokenKind.IDENT]
        if not names:
            self.report(pos, "`attribute [blueprint]` names no declaration")
        end_line = self.code.line(max(tokens[-1].end - 1, pos)) if tokens else self.code.line(pos)
        for name_tok in names:
            written = normalize_name(name_tok.text)
            for attr in found.blueprints:
                self.contents.append(
                    TaggedDeclaration(
                        name=written.removeprefix("_root_."),
                        kind="attribute",
                        attribute=attr,
                        module=self.module,
                        file=self.file,
                        line=self.code.line(name_tok.start),
                        start_line=self.code.line(pos),
                        end_line=end_line,
                        namespace=self.namespace,
                        opens=self.opens(pos),
                        candidates=name_candidates(written, self.namespace, self.opens(pos)),
                    )
                )

    # --- declarations ---------------------------------------------------------------

    def attribute_list(self, pos: int, after: int) -> None:
        lists = [
            read_attributes(
                self.code, after, self.file, self.diagnostics, AttributeForm.DECLARATION
            )
        ]
        if not lists[0].blueprints:
            return
        tok = self.token(lists[0].end)
        private = False
        kind = ""
        while tok.kind is not TokenKind.END:
            if tok.kind is TokenKind.DOC:
                pass
            elif tok.kind is TokenKind.SYMBOL and tok.text == "@[":
                self.consumed.add(tok.start)
                lists.append(
                    read_attributes(
                        self.code, tok.end, self.file, self.diagnostics, AttributeForm.DECLARATION
                    )
                )
                tok = self.token(lists[-1].end)
                continue
            elif tok.kind is TokenKind.IDENT and tok.text in MODIFIERS:
                private = private or tok.text == "private"
            elif tok.kind is TokenKind.IDENT and tok.text in DECL_KEYWORDS:
                kind = tok.text
                nxt = self.token(tok.end)
                if kind == "class" and nxt.text == "inductive":
                    kind, tok = "class inductive", nxt
                break
            else:
                break
            tok = self.token(tok.end)
        if not kind:
            self.report(pos, f"blueprint attribute on no declaration (found `{tok.text}`)")
            return
        if kind in NOT_DECLARED_KINDS:
            self.report(pos, f"blueprint attribute on an `{kind}`, which declares no name")
            return
        name_tok = self.declared_name(kind, tok)
        self.declaration(pos, lists, kind, name_tok or tok, private, name_tok is None)

    def declared_name(self, kind: str, keyword: Token) -> Token | None:
        """The token of the declared name, None for an anonymous instance."""
        tok = self.token(keyword.end)
        if kind == "instance" and tok.kind is TokenKind.SYMBOL and tok.text == "(":
            inner = self.token(tok.end)
            if inner.text == "priority":
                close = self.token(inner.end)
                while close.kind is not TokenKind.END and close.text != ")":
                    close = self.token(close.end)  # `(priority := n)`
                tok = self.token(close.end)
        if tok.kind is TokenKind.IDENT:
            return tok
        return None

    def declaration(
        self,
        pos: int,
        lists: list[AttributeList],
        kind: str,
        name_tok: Token,
        private: bool,
        anonymous: bool,
    ) -> None:
        """The declaration whose attribute lists start at `pos`; `name_tok` is its name,
        or, `anonymous` (an instance without a name), its keyword: where the scanner places
        the name it makes up."""
        namespace = self.namespace
        head_end = name_tok.end
        body_end = self.body_end(head_end)
        name: str | None = None
        if not anonymous:
            written = normalize_name(name_tok.text)
            if written.startswith("_root_."):
                name = written.removeprefix("_root_.")
            else:
                name = f"{namespace}.{written}" if namespace else written
        line = self.code.line(name_tok.start)
        base = TaggedDeclaration(
            name=name,
            kind=kind,
            attribute=lists[0].blueprints[0],
            module=self.module,
            file=self.file,
            line=line,
            start_line=self.code.line(pos),
            end_line=self.code.line(_last_char(self.text, pos, body_end)),
            namespace=name.rpartition(".")[0] if name else namespace,
            opens=self.opens(pos),
            private=private,
            proof_docs=() if kind in TYPE_KINDS else self.proof_docs(head_end, body_end),
            tactic_uses=self.tactic_uses(head_end, body_end),
        )
        for found in lists:
            for attr in found.blueprints:
                self.contents.append(replace(base, attribute=attr))
                if attr.form is AttributeForm.TO_ADDITIVE and name is not None:
                    additive = additive_name(name, found.translated or None)
                    self.contents.append(replace(base, name=additive, attribute=attr))
        if name is None and any(a.label is None for f in lists for a in f.blueprints):
            self.report(
                pos,
                "blueprint attribute on an anonymous instance: its label is the name Lean"
                " makes up; give the instance a name or the attribute a label",
                Severity.WARNING,
            )

    def body_end(self, pos: int) -> int:
        """Where the declaration whose head ends at `pos` ends: before the next command."""
        while (m := _BOUNDARY_RE.search(self.text, pos)) is not None:
            start = m.end()  # the first character of the line (or the `@[`)
            span = self.code.span_at(start)
            if span is None or (span.start == start and span.kind is not SpanKind.STRING):
                return m.start()  # code, or a doc or block comment at column 0
            pos = max(span.end, start)
        return len(self.text)

    def proof_docs(self, start: int, end: int) -> tuple[ProofDoc, ...]:
        docs = [s for s in self.code.spans_between(start, end) if s.kind is SpanKind.DOC]
        if not docs:
            return ()
        by = _BY_RE.search(self.text, start, end)
        while by is not None and not self.code.is_code(by.start()):
            by = _BY_RE.search(self.text, by.end(), end)
        if by is None:
            return ()
        return tuple(
            ProofDoc(
                doc_text(self.text[s.start : s.end]).strip(ASCII_SPACE),
                self.code.text_line(s.start),
            )
            for s in docs
            if s.start > by.start()
        )

    def tactic_uses(self, start: int, end: int) -> tuple[UseRef, ...]:
        if self.text.find("_using", start, end) < 0:
            return ()
        refs: list[UseRef] = []
        for m in _USING_RE.finditer(self.text, start, end):
            if not self.code.is_code(m.start()):
                continue
            tok = self.token(m.end())
            if not (tok.kind is TokenKind.SYMBOL and tok.text == "["):
                self.report(m.start(), f"`{m.group()}` expects a list `[name, ...]`")
                continue
            tok = self.token(tok.end)
            while tok.kind is TokenKind.IDENT:
                refs.append(UseRef(tok.text, False, False, self.code.line(tok.start)))
                tok = self.token(tok.end)
                if tok.text == ",":
                    tok = self.token(tok.end)
            if tok.text != "]":
                self.report(m.start(), f"`{m.group()}` expects a list `[name, ...]`")
        return tuple(refs)


def _last_char(text: str, start: int, end: int) -> int:
    """The position of the last non-blank character of `text[start:end]` (or `start`)."""
    stripped = text[start:end].rstrip()
    return start + max(len(stripped) - 1, 0)


def read_lean_file(text: str, module: str, file: str) -> LeanArchitectFile:
    """The blueprint content of one Lean file (`module` is its module name, `file` the
    path diagnostics name). Never raises: a problem is a diagnostic."""
    if "blueprint" not in text:
        return LeanArchitectFile(module, file)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    try:
        return _FileReader(text, module, file).read()
    except Exception as exc:  # pragma: no cover - last-resort guard
        return LeanArchitectFile(
            module,
            file,
            diagnostics=(
                Diagnostic(file, 1, Severity.ERROR, f"LeanArchitect reader failed: {exc!r}"),
            ),
        )
