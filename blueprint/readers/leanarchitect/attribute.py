"""Attribute lists: `@[simp, blueprint "x" (opt := v), to_additive (attr := blueprint)]`.

`read_attributes` reads one list from just after its `[` to its `]` and returns every
`blueprint` attribute in it (also inside `to_additive (attr := ...)`), each with its options
as LeanArchitect's `elabBlueprintConfig` reads them. A malformed option is reported at its
line and skipped; the rest of the attribute, and of the file, is still read.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from blueprint.model import Diagnostic, Severity
from blueprint.readers.leanarchitect.lexer import (
    ASCII_SPACE,
    LATEX_LOOKALIKE_RE,
    CodeMap,
    Token,
    TokenKind,
    doc_text,
    string_value,
)
from blueprint.readers.leanarchitect.records import (
    KNOWN_OPTIONS,
    AttributeForm,
    BlueprintAttribute,
    ExtraOption,
    UseRef,
)

_OPENING = {"(": ")", "[": "]", "{": "}", "⟨": "⟩", "⦃": "⦄", "@[": "]"}
_CLOSING = frozenset(_OPENING.values())
#: Mathlib attributes that copy a declaration and apply `(attr := ...)` to both copies
TRANSLATING_ATTRIBUTES = frozenset({"to_additive", "to_dual"})


@dataclass
class AttributeList:
    """What one attribute list holds for the blueprint."""

    end: int  # just after the closing `]` (the end of the text if there is none)
    blueprints: list[BlueprintAttribute] = field(default_factory=list)
    #: `to_additive`'s explicit target name; "" without one, None without `to_additive`
    translated: str | None = None


def did_you_mean(name: str, known: tuple[str, ...] | list[str]) -> str | None:
    """The known name `name` is probably a misspelling of (another case counts)."""
    by_lower = {k.lower(): k for k in known}
    if name.lower() in by_lower:
        return by_lower[name.lower()]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
    return close[0] if close else None


class _Reader:
    def __init__(self, code: CodeMap, file: str, diagnostics: list[Diagnostic]) -> None:
        self.code = code
        self.file = file
        self.diagnostics = diagnostics

    def report(self, pos: int, message: str, severity: Severity = Severity.ERROR) -> None:
        self.diagnostics.append(Diagnostic(self.file, self.code.line(pos), severity, message))

    def skip_group(self, tok: Token) -> Token:
        """The token after the group that `tok` opens (or after `tok` itself)."""
        stack: list[str] = []
        while tok.kind is not TokenKind.END:
            if tok.kind is TokenKind.SYMBOL and tok.text in _OPENING:
                stack.append(_OPENING[tok.text])
            elif tok.kind is TokenKind.SYMBOL and tok.text in _CLOSING:
                while stack and stack[-1] != tok.text:
                    stack.pop()  # an unbalanced opener inside: Lean would not parse it
                if stack:
                    stack.pop()
            tok = self.code.token(tok.end)
            if not stack:
                return tok
        return tok

    def skip_to(self, tok: Token, stops: frozenset[str]) -> Token:
        """The first of `stops` at depth 0 from `tok` on (or the end)."""
        while tok.kind is not TokenKind.END:
            if tok.kind is TokenKind.SYMBOL:
                if tok.text in stops:
                    return tok
                if tok.text in _CLOSING:
                    return tok  # the end of an enclosing group
                if tok.text in _OPENING:
                    tok = self.skip_group(tok)
                    continue
            tok = self.code.token(tok.end)
        return tok

    # --- attribute lists ---------------------------------------------------------

    def attribute_list(self, pos: int, form: AttributeForm, closing: str = "]") -> AttributeList:
        """The instances of an attribute list from `pos` (just after its opening bracket)."""
        result = AttributeList(end=len(self.code.text))
        tok = self.code.token(pos)
        while tok.kind is not TokenKind.END:
            if tok.kind is TokenKind.SYMBOL and tok.text == closing:
                result.end = tok.end
                return result
            if tok.kind is TokenKind.SYMBOL and tok.text == ",":
                tok = self.code.token(tok.end)
                continue
            tok = self.instance(tok, form, result, closing)
        self.report(pos, "attribute list without its closing bracket")
        return result

    def instance(
        self, tok: Token, form: AttributeForm, result: AttributeList, closing: str
    ) -> Token:
        """Read one attribute instance; the token after it."""
        stops = frozenset({",", closing})
        while tok.kind is TokenKind.IDENT and tok.text in ("scoped", "local"):
            tok = self.code.token(tok.end)
        name = tok.text if tok.kind is TokenKind.IDENT else ""
        if name in ("blueprint", "blueprint?"):
            after = self.code.token(tok.end)
            trace = name == "blueprint?"
            if not trace and after.kind is TokenKind.SYMBOL and after.text == "?":
                trace = True
                after = self.code.token(after.end)
            return self.blueprint(tok, after, trace, form, result, stops)
        if name in TRANSLATING_ATTRIBUTES:
            return self.translating(tok, result, stops)
        return self.skip_to(self.code.token(tok.end), stops)

    def translating(self, tok: Token, result: AttributeList, stops: frozenset[str]) -> Token:
        """`to_additive (attr := a, b)? ... name? "doc"?`: the blueprints in `attr :=`."""
        found: list[BlueprintAttribute] = []
        target = ""
        tok = self.code.token(tok.end)
        while tok.kind is not TokenKind.END and not (
            tok.kind is TokenKind.SYMBOL and (tok.text in stops or tok.text in _CLOSING)
        ):
            if tok.kind is TokenKind.SYMBOL and tok.text == "(":
                key = self.code.token(tok.end)
                assign = self.code.token(key.end)
                if key.text == "attr" and assign.text == ":=":
                    inner = self.attribute_list(assign.end, AttributeForm.TO_ADDITIVE, ")")
                    found.extend(inner.blueprints)
                    tok = self.code.token(inner.end)
                else:
                    tok = self.skip_group(tok)
                continue
            if tok.kind is TokenKind.IDENT and tok.text not in ("existing", "self"):
                target = tok.text
            tok = self.code.token(tok.end)
        if found:
            result.blueprints.extend(found)
            result.translated = target
        return tok

    # --- the blueprint attribute ---------------------------------------------------

    def blueprint(
        self,
        first: Token,
        tok: Token,
        trace: bool,
        form: AttributeForm,
        result: AttributeList,
        stops: frozenset[str],
    ) -> Token:
        options: dict[str, Any] = {"form": form, "trace": trace}
        if tok.kind is TokenKind.STRING:
            label = self.string(tok)
            if label is not None:
                options["label"] = label
            tok = self.code.token(tok.end)
        last = first
        while tok.kind is TokenKind.SYMBOL and tok.text == "(":
            tok, last = self.option(options, tok)
        if not (tok.kind is TokenKind.SYMBOL and (tok.text in stops or tok.text in _CLOSING)):
            what = (
                "the label must come first"
                if tok.kind is TokenKind.STRING
                else "expected `(option := value)`"
            )
            self.report(tok.start, f"malformed blueprint attribute: {what}, found `{tok.text}`")
            tok = self.skip_to(tok, stops)
        line, end_line = self.code.line(first.start), self.code.line(max(last.end - 1, 0))
        result.blueprints.append(BlueprintAttribute(line=line, end_line=end_line, **options))
        return tok

    def option(self, options: dict[str, Any], opening: Token) -> tuple[Token, Token]:
        """Read `(name := value)` into `options`: the next token, and the last one read."""
        key = self.code.token(opening.end)
        assign = self.code.token(key.end)
        if key.kind is not TokenKind.IDENT or assign.text != ":=":
            self.report(opening.start, "malformed blueprint option: expected `(name := value)`")
            return self.skip_group(opening), opening
        value = self.code.token(assign.end)
        reader = _OPTION_READERS.get(key.text)
        if reader is None:
            close = self.extra_option(options, key, value)
        elif (read := reader(self, value)) is None:
            close = self.skip_to(value, frozenset({")"}))
            found = " ".join(self.code.text[value.start : close.start].split())
            found = found if len(found) <= 40 else found[:37] + "..."
            self.report(value.start, f"`{key.text}` {_EXPECTS[key.text]}, found `{found}`")
        else:
            read_value, close = read
            if read_value is not None:  # None: a string that did not decode (reported)
                field_name = _FIELDS[key.text]
                if field_name in ("uses", "proof_uses"):
                    read_value = options.get(field_name, ()) + read_value
                elif field_name in ("statement", "proof"):
                    options[f"{field_name}_line"] = self.code.text_line(value.start)
                options[field_name] = read_value
        if close.kind is not TokenKind.SYMBOL or close.text != ")":
            self.report(close.start, f"malformed blueprint option `{key.text}`: expected `)`")
            close = self.skip_to(close, frozenset({")"}))
            if close.text != ")":
                return close, close
        return self.code.token(close.end), close

    def extra_option(self, options: dict[str, Any], key: Token, value: Token) -> Token:
        """Keep an option upstream does not know; warn when it looks like a misspelt one."""
        close = self.skip_to(value, frozenset({")"}))
        raw = self.code.text[value.start : close.start].strip()
        hint = did_you_mean(key.text, KNOWN_OPTIONS)
        if hint is not None:
            self.report(
                key.start,
                f"unknown blueprint option `{key.text}` (did you mean `{hint}`?)",
                Severity.WARNING,
            )
        extra = ExtraOption(key.text, raw, self.code.line(key.start))
        options["extra"] = (*options.get("extra", ()), extra)
        return close

    def string(self, tok: Token) -> str | None:
        try:
            value = string_value(tok.text)
        except ValueError as err:
            self.report(tok.start, f"{err} in a Lean string (write `\\\\` for a backslash)")
            return None
        m = LATEX_LOOKALIKE_RE.search(tok.text)
        if m is not None:
            self.report(
                tok.start,
                f"`\\{m.group(1)}` in a Lean string is a control character, not a LaTeX macro"
                " (write `\\\\` for a backslash)",
                Severity.WARNING,
            )
        return value

    def uses(self, tok: Token) -> tuple[tuple[UseRef, ...], Token] | None:
        if not (tok.kind is TokenKind.SYMBOL and tok.text == "["):
            return None
        refs: list[UseRef] = []
        tok = self.code.token(tok.end)
        while not (tok.kind is TokenKind.SYMBOL and tok.text == "]"):
            exclude = tok.kind is TokenKind.SYMBOL and tok.text == "-"
            if exclude:
                tok = self.code.token(tok.end)
            if tok.kind is TokenKind.IDENT:
                refs.append(UseRef(tok.text, False, exclude, self.code.line(tok.start)))
            elif tok.kind is TokenKind.STRING:
                label = self.string(tok)
                if label is not None:
                    refs.append(UseRef(label, True, exclude, self.code.line(tok.start)))
            else:
                return None
            tok = self.code.token(tok.end)
            if tok.kind is TokenKind.SYMBOL and tok.text == ",":
                tok = self.code.token(tok.end)
            elif not (tok.kind is TokenKind.SYMBOL and tok.text == "]"):
                return None
        return tuple(refs), self.code.token(tok.end)


_Read = tuple[Any, Token] | None


def _doc(reader: _Reader, tok: Token) -> _Read:
    if tok.kind is not TokenKind.DOC:
        return None
    return doc_text(tok.text).strip(ASCII_SPACE), reader.code.token(tok.end)


def _title(reader: _Reader, tok: Token) -> _Read:
    if tok.kind is TokenKind.STRING:
        return reader.string(tok), reader.code.token(tok.end)
    return _doc(reader, tok)


def _string(reader: _Reader, tok: Token) -> _Read:
    if tok.kind is not TokenKind.STRING:
        return None
    return reader.string(tok), reader.code.token(tok.end)


def _bool(reader: _Reader, tok: Token) -> _Read:
    if tok.kind is not TokenKind.IDENT or tok.text not in ("true", "false"):
        return None
    return tok.text == "true", reader.code.token(tok.end)


def _number(reader: _Reader, tok: Token) -> _Read:
    if tok.kind is not TokenKind.NUMBER:
        return None
    try:
        value = int(tok.text.replace("_", ""), 0)
    except ValueError:
        return None
    return value, reader.code.token(tok.end)


def _uses(reader: _Reader, tok: Token) -> _Read:
    return reader.uses(tok)


_OPTION_READERS: dict[str, Callable[[_Reader, Token], _Read]] = {
    "statement": _doc,
    "proof": _doc,
    "title": _title,
    "hasProof": _bool,
    "notReady": _bool,
    "discussion": _number,
    "latexEnv": _string,
    "latexLabel": _string,
    "uses": _uses,
    "proofUses": _uses,
}
_EXPECTS = {
    "statement": "expects a doc comment `/-- ... -/`",
    "proof": "expects a doc comment `/-- ... -/`",
    "title": "expects a string or a doc comment",
    "hasProof": "expects `true` or `false`",
    "notReady": "expects `true` or `false`",
    "discussion": "expects an issue number",
    "latexEnv": "expects a string",
    "latexLabel": "expects a string",
    "uses": 'expects a list `[name, "label", -excluded]`',
    "proofUses": 'expects a list `[name, "label", -excluded]`',
}


#: the `BlueprintAttribute` field of each option (`latexLabel` sets the label)
_FIELDS = {
    "statement": "statement",
    "proof": "proof",
    "title": "title",
    "hasProof": "has_proof",
    "notReady": "not_ready",
    "discussion": "discussion",
    "latexEnv": "latex_env",
    "latexLabel": "label",
    "uses": "uses",
    "proofUses": "proof_uses",
}


def read_attributes(
    code: CodeMap, pos: int, file: str, diagnostics: list[Diagnostic], form: AttributeForm
) -> AttributeList:
    """The blueprint attributes of the list whose `[` ends just before `pos`."""
    return _Reader(code, file, diagnostics).attribute_list(pos, form)
