"""Verso's concrete syntax to the tree of `markup`: pure, and it never raises.

The rules are those of Verso's parser (leanprover/verso `src/verso/Verso/Parser.lean`):
columns count from 0; a paragraph runs on while the next line is neither blank nor starts
with a block opener (`* `, `- `, `+ `, `1. `, `1) `, `: `, three colons or backticks, `%%%`,
`>`), so a `#` header or a `{command}` right under a line of text is part of that text; a
directive's body holds blocks at its fence's column or right of it and ends at a line of the
same number of colons, a nested directive has fewer; `_x_`/`*x*` close with as many marks
as they opened with, never after a space; `` `code` `` and `` $`math` `` close at a run of
exactly as many backticks as opened them. Where Verso reports a parse error this parser
reports a diagnostic at that line, keeps what it can as text, and goes on.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from blueprint.lean.lexer import ID_FIRST, ID_REST
from blueprint.markup.verso import (
    Arg,
    ArgKind,
    Args,
    Block,
    BlockCommand,
    Blockquote,
    Bold,
    BulletList,
    Code,
    CodeBlock,
    DescriptionItem,
    DescriptionList,
    Directive,
    Emph,
    Footnote,
    FootnoteDefinition,
    Header,
    Image,
    Inline,
    LineBreak,
    Link,
    LinkDefinition,
    ListItem,
    Math,
    Metadata,
    OrderedList,
    Paragraph,
    Role,
    Text,
)
from blueprint.model import Diagnostic, Severity

_SEGMENT = f"(?:«[^»\\n]*»|{ID_FIRST}{ID_REST}*)"
IDENT_RE = re.compile(f"{_SEGMENT}(?:\\.{_SEGMENT})*")
_NUMBER_RE = re.compile(r"0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|[0-9]+")
STRING_RE = re.compile(r'"(?:[^"\\]|\\[\s\S])*"')
# what starts a block and so ends the paragraph above it (after the line's spaces)
_OPENER_RE = re.compile(r"[*+-] |[0-9]+[.)] |: |:{3,}|`{3,}|%%%|>")
# a run of ordinary text: up to the next character that may start or end an inline
_TEXT_RE = re.compile(r"(?:[^*_\n\[\]{}`\\!$]|\\[\s\S]|!(?!\[)|\$(?!`|\$`))+")
_ESCAPE_RE = re.compile(r"\\([\s\S])")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'"}
_NUMBERING_RE = re.compile(r"([0-9]+)([.)])(?= |\n|$)")
_HEADER_RE = re.compile(r"(#+) +(?=[^\n])")
_FOOTNOTE_DEF_RE = re.compile(r"\[\^((?:[^\]\\\n]|\\.)+)\]:")
_LINK_DEF_RE = re.compile(r"\[((?:[^\]\\\n^]|\\.)(?:[^\]\\\n]|\\.)*)\]: *([^\n]*)")
_URL_RE = re.compile(r"((?:[^\\\n)]|\\.)+)\)")
_REF_RE = re.compile(r"((?:[^\\\n\]]|\\.)+)\]")
_ALT_RE = re.compile(r"((?:[^\\\n\]]|\\.)*)\]")
_FOOTNOTE_RE = re.compile(r"\[\^((?:[^\\\n\]]|\\.)+)\]")
_FIELD_RE = re.compile(r"\s*([A-Za-z_][\w.']*)\s*:=\s*", re.S)


def unescape_lean_string(body: str) -> str:
    """The value of a Lean string literal's body (between the quotes)."""
    if "\\" not in body:
        return body
    out: list[str] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\" or i + 1 == len(body):
            out.append(c)
            i += 1
            continue
        e = body[i + 1]
        if e == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", body[i + 2 : i + 4]):
            out.append(chr(int(body[i + 2 : i + 4], 16)))
            i += 4
        elif e == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", body[i + 2 : i + 6]):
            out.append(chr(int(body[i + 2 : i + 6], 16)))
            i += 6
        elif e == "\n":  # a string gap: the newline and the next line's indentation vanish
            i += 2
            while i < len(body) and body[i] in " \t":
                i += 1
        else:
            out.append(_ESCAPES.get(e, e))
            i += 2
    return "".join(out)


def metadata_fields(text: str) -> tuple[tuple[str, str], ...]:
    """The top-level `name := value` fields of a `%%%` block (values as written)."""
    pieces: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(text):
        c = text[i]
        if c == '"':
            m = STRING_RE.match(text, i)
            i = m.end() if m else len(text)
            continue
        if c in "{[(":
            depth += 1
        elif c in "}])":
            depth = max(0, depth - 1)
        elif depth == 0 and c in ",\n":
            pieces.append(text[start:i])
            start = i + 1
        i += 1
    pieces.append(text[start:])
    fields: list[list[str]] = []
    for piece in pieces:
        m = _FIELD_RE.match(piece)
        if m:
            fields.append([m.group(1), piece[m.end() :]])
        elif fields and piece.strip():
            fields[-1][1] += "\n" + piece
    return tuple((name, value.strip()) for name, value in fields)


@dataclass(frozen=True, slots=True)
class _Blocks:
    """Where blocks are read: the least column, and the fence size a nested directive
    must stay under."""

    min_indent: int = 0
    max_colons: int | None = None


@dataclass(frozen=True, slots=True)
class _Inlines:
    newlines: bool = True  # False in a header or a title: they end at the line's end
    emph: int | None = None  # how many `_` opened the emphasis we are in
    bold: int | None = None  # how many `*` opened the bold text we are in
    in_link: bool = False


class Parser:
    """Reads the Verso markup of `text[start:end]`; lines are those of the whole text."""

    def __init__(self, text: str, path: str, diagnostics: list[Diagnostic]) -> None:
        self.s = text
        self.path = path
        self.end = len(text)
        self.diagnostics = diagnostics
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    # ------------------------------------------------------------ positions

    def line(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos)

    def col(self, pos: int) -> int:
        return pos - self.starts[self.line(pos) - 1]

    def eol(self, pos: int) -> int:
        i = self.s.find("\n", pos, self.end)
        return self.end if i < 0 else i

    def next_line(self, pos: int) -> int:
        return min(self.eol(pos) + 1, self.end)

    def spaces(self, pos: int) -> int:
        s, end = self.s, self.end
        while pos < end and s[pos] == " ":
            pos += 1
        return pos

    def blank_rest(self, pos: int) -> bool:
        """Only spaces from `pos` to the end of its line."""
        return self.spaces(pos) >= self.eol(pos)

    def skip_blank_lines(self, pos: int) -> int:
        while True:
            q = self.spaces(pos)
            if q >= self.end:
                return self.end
            if self.s[q] != "\n":
                return pos
            pos = q + 1

    def is_opener(self, pos: int) -> bool:
        return _OPENER_RE.match(self.s, pos, self.end) is not None

    def report(self, pos: int, message: str, severity: Severity = Severity.ERROR) -> None:
        self.diagnostics.append(Diagnostic(self.path, self.line(pos), severity, message))

    # ------------------------------------------------------------ blocks

    def document(self, start: int, end: int) -> tuple[Block, ...]:
        """The blocks of `text[start:end]`; a line no block can start is reported and
        skipped."""
        self.end = end
        out: list[Block] = []
        pos = start
        while True:
            blocks, pos = self.blocks(pos, _Blocks())
            out.extend(blocks)
            pos = self.skip_blank_lines(pos)
            if pos >= end:
                self.end = len(self.s)
                return tuple(out)
            q = self.spaces(pos)
            if self.s.startswith(":::", q):
                self.report(q, "this `:::` closes no directive")
            else:
                self.report(q, "this line starts no block Verso knows")
            pos = self.next_line(q)

    def blocks(self, pos: int, ctx: _Blocks) -> tuple[list[Block], int]:
        out: list[Block] = []
        pos = self.skip_blank_lines(pos)
        while pos < self.end:
            found = self.block(pos, ctx)
            if found is None:
                break
            block, pos = found
            out.append(block)
            pos = self.skip_blank_lines(pos)
        return out, pos

    def block(self, pos: int, ctx: _Blocks) -> tuple[Block, int] | None:
        s = self.s
        p = self.spaces(pos)
        if p >= self.end:
            return None
        c = self.col(p)
        at_line_start = self.col(pos) == 0  # `#`, `[name]:` and `%%%` want a line's start
        if c < ctx.min_indent:
            return None
        ch = s[p]
        if ch == "{":
            command = self.block_command(p)
            if command is not None:
                return command
        if ch in "*-+" and (p + 1 == self.end or s[p + 1] in " \n"):
            return self.bullet_list(p, ctx)
        if ch.isdigit() and _NUMBERING_RE.match(s, p, self.end):
            return self.ordered_list(p, ctx)
        if ch == ":":
            if s.startswith(": ", p) and c == ctx.min_indent:
                return self.description_list(p, ctx)
            if s.startswith(":::", p):
                return self.directive(p, ctx)
        if ch == "#" and at_line_start and p == pos:
            header = self.header(p)
            if header is not None:
                return header
        if s.startswith("```", p):
            return self.code_block(p)
        if ch == ">":
            inner, q = self.blocks(p + 1, replace(ctx, min_indent=c + 1))
            return Blockquote(tuple(inner), self.line(p)), q
        if ch == "[" and at_line_start:
            definition = self.link_definition(p)
            if definition is not None:
                return definition
        if s.startswith("%%%", p) and at_line_start:
            return self.metadata(p)
        if self.is_opener(p):
            return None
        content, q = self.paragraph_inlines(p, _Inlines())
        return Paragraph(content, self.line(p)), q

    def block_command(self, p: int) -> tuple[Block, int] | None:
        parsed = self.name_and_args(self.spaces(p + 1))
        if parsed is None:
            return None
        name, args, q = parsed
        q = self.spaces(q)
        if q >= self.end or self.s[q] != "}" or not self.blank_rest(q + 1):
            return None
        return BlockCommand(name, args, self.line(p)), self.eol(q)

    def _list_items(
        self, p: int, ctx: _Blocks, marker: re.Pattern[str]
    ) -> tuple[list[ListItem], int]:
        """Items whose marker (matched by `marker`) stands at the column of the first."""
        c = self.col(p)
        items: list[ListItem] = []
        q = p
        while True:
            m = marker.match(self.s, q, self.end)
            assert m is not None
            inner, r = self.blocks(m.end(), replace(ctx, min_indent=c + 1))
            if not inner:
                self.report(q, "an empty list item", Severity.WARNING)
            items.append(ListItem(tuple(inner), self.line(q)))
            nxt = self.spaces(self.skip_blank_lines(r))
            if nxt >= self.end or self.col(nxt) != c or not marker.match(self.s, nxt, self.end):
                return items, r
            q = nxt

    def bullet_list(self, p: int, ctx: _Blocks) -> tuple[Block, int]:
        bullet = self.s[p]
        items, q = self._list_items(p, ctx, re.compile(re.escape(bullet) + r"(?= |\n|$)"))
        return BulletList(tuple(items), bullet, self.line(p)), q

    def ordered_list(self, p: int, ctx: _Blocks) -> tuple[Block, int]:
        m = _NUMBERING_RE.match(self.s, p, self.end)
        assert m is not None
        marker = re.compile(r"[0-9]+" + re.escape(m.group(2)) + r"(?= |\n|$)")
        items, q = self._list_items(p, ctx, marker)
        return OrderedList(tuple(items), int(m.group(1)), self.line(p)), q

    def description_list(self, p: int, ctx: _Blocks) -> tuple[Block, int]:
        c = self.col(p)
        items: list[DescriptionItem] = []
        q = p
        while True:
            term, r = self.paragraph_inlines(q + 2, _Inlines())
            inner, r = self.blocks(r, replace(ctx, min_indent=c + 1))
            items.append(DescriptionItem(term, tuple(inner), self.line(q)))
            nxt = self.spaces(self.skip_blank_lines(r))
            if nxt >= self.end or self.col(nxt) != c or not self.s.startswith(": ", nxt):
                return DescriptionList(tuple(items), self.line(p)), r
            q = nxt

    def header(self, p: int) -> tuple[Block, int] | None:
        m = _HEADER_RE.match(self.s, p, self.end)
        if m is None:
            return None
        content, q = self.paragraph_inlines(m.end(), _Inlines(newlines=False))
        source = self.s[m.end() : q].strip()
        return Header(len(m.group(1)), content, self.line(p), source), q

    def code_block(self, p: int) -> tuple[Block, int]:
        s = self.s
        c = self.col(p)
        width = self._run(p, "`")
        q = self.spaces(p + width)
        name: str | None = None
        args = Args()
        if q < self.end and s[q] != "\n":
            parsed = self.name_and_args(q)
            if parsed is None:
                self.report(q, "a code block's info string starts with a name (```lean)")
            else:
                name, args, q = parsed
            if not self.blank_rest(q):
                self.report(q, "unexpected text after the code block's name and arguments")
        lines: list[str] = []
        pos = self.next_line(q) if self.eol(q) < self.end else self.end
        fence = "`" * width
        while pos < self.end:
            e = self.eol(pos)
            t = self.spaces(pos)
            if s.startswith(fence, t) and self._run(t, "`") == width and self.blank_rest(t + width):
                if t - pos != c:
                    self.report(t, f"the closing {fence} is not at the column of its opening "
                                   f"(line {self.line(p)})", Severity.WARNING)
                code = "".join(line + "\n" for line in lines)
                return CodeBlock(name, args, code, self.line(p), self.line(t)), e
            if t < e and t - pos < c:
                self.report(pos, "a line of a code block less indented than its fence",
                            Severity.WARNING)
            lines.append(s[pos + min(c, t - pos) : e])
            pos = min(e + 1, self.end)
        self.report(p, f"this code block is not closed with {fence}")
        code = "".join(line + "\n" for line in lines)
        return CodeBlock(name, args, code, self.line(p), self.line(max(p, self.end - 1))), self.end

    def directive(self, p: int, ctx: _Blocks) -> tuple[Block, int] | None:
        s = self.s
        c = self.col(p)
        width = self._run(p, ":")
        if ctx.max_colons is not None and width >= ctx.max_colons:
            return None  # the closing fence of an enclosing directive (or one too long)
        q = self.spaces(p + width)
        parsed = self.name_and_args(q)
        name, args = "", Args()
        if parsed is None and self.blank_rest(q):
            return None  # a bare fence: it closes something, or nothing (reported above)
        if parsed is None:
            self.report(q, "a directive starts with its name (`:::name`)")
        else:
            name, args, q = parsed
            if not self.blank_rest(q):
                self.report(q, f"unexpected text after the arguments of directive `{name}`")
        body = self.next_line(q)
        inner, r = self.blocks(body, _Blocks(c, width))
        r = self.skip_blank_lines(r)
        t = self.spaces(r)
        fence = ":" * width
        if (
            r < self.end
            and self.col(r) == 0
            and s.startswith(fence, t)
            and self._run(t, ":") == width
            and self.blank_rest(t + width)
        ):
            if self.col(t) != c:
                self.report(t, f"the closing {fence} is at column {self.col(t)}, its directive "
                               f"`{name}` (line {self.line(p)}) at column {c}", Severity.WARNING)
            return Directive(name, args, tuple(inner), self.line(p), self.line(t)), self.eol(t)
        what = f"`{name}`" if name else ""
        self.report(p, f"the directive {what} is not closed with {fence}".replace("  ", " "))
        return Directive(name, args, tuple(inner), self.line(p), self.line(max(p, r - 1))), r

    def link_definition(self, p: int) -> tuple[Block, int] | None:
        s = self.s
        m = _FOOTNOTE_DEF_RE.match(s, p, self.end)
        if m:
            content, q = self.paragraph_inlines(self.spaces(m.end()), _Inlines())
            return FootnoteDefinition(m.group(1), content, self.line(p)), q
        m = _LINK_DEF_RE.match(s, p, self.end)
        if m:
            return LinkDefinition(m.group(1), m.group(2), self.line(p)), m.end()
        return None

    def metadata(self, p: int) -> tuple[Block, int]:
        s = self.s
        if not self.blank_rest(p + 3):
            self.report(p, "text after %%% (the metadata starts on the next line)",
                        Severity.WARNING)
        start = pos = self.next_line(p)
        while pos < self.end:
            t = self.spaces(pos)
            if s.startswith("%%%", t) and self.blank_rest(t + 3):
                text = s[start:pos]
                return (Metadata(text, metadata_fields(text), self.line(p), self.line(t)),
                        self.eol(t))
            pos = self.next_line(pos) if self.eol(pos) < self.end else self.end
        self.report(p, "this %%% metadata block is not closed with %%%")
        text = s[start : self.end]
        return Metadata(text, metadata_fields(text), self.line(p), self.line(self.end)), self.end

    def _run(self, pos: int, char: str) -> int:
        q = pos
        while q < self.end and self.s[q] == char:
            q += 1
        return q - pos

    # ------------------------------------------------------------ arguments

    def name_and_args(self, pos: int) -> tuple[str, Args, int] | None:
        """`name arg arg ...` on one line; the position after the last argument."""
        m = IDENT_RE.match(self.s, pos, self.end)
        if m is None:
            return None
        q = m.end()
        items: list[Arg] = []
        while True:
            r = self.spaces(q)
            found = self.arg(r)
            if found is None:
                return m.group(), Args(tuple(items)), r
            arg, q = found
            items.append(arg)

    def arg(self, pos: int) -> tuple[Arg, int] | None:
        s = self.s
        if pos >= self.end:
            return None
        c = s[pos]
        if c in "+-":
            m = IDENT_RE.match(s, pos + 1, self.end)
            if m is None:
                return None
            return Arg(m.group(), ArgKind.FLAG, c == "+"), m.end()
        if c == "(":
            m = IDENT_RE.match(s, self.spaces(pos + 1), self.end)
            if m is None:
                return None
            q = self.spaces(m.end())
            if not s.startswith(":=", q):
                return None
            found = self.value(self.spaces(q + 2))
            if found is None:
                return None
            kind, value, q = found
            q = self.spaces(q)
            if q >= self.end or s[q] != ")":
                return None
            return Arg(m.group(), kind, value), q + 1
        m = IDENT_RE.match(s, pos, self.end)
        if m is not None and not s[pos].isdigit():
            q = self.spaces(m.end())
            if s.startswith(":=", q):
                found = self.value(self.spaces(q + 2))
                if found is not None:
                    kind, value, q = found
                    return Arg(m.group(), kind, value), q
            return Arg(None, ArgKind.IDENT, m.group()), m.end()
        found = self.value(pos)
        if found is None:
            return None
        kind, value, q = found
        return Arg(None, kind, value), q

    def value(self, pos: int) -> tuple[ArgKind, str | int, int] | None:
        s = self.s
        m = _NUMBER_RE.match(s, pos, self.end)
        if m is not None:
            return ArgKind.NUMBER, int(m.group(), 0), m.end()
        m = IDENT_RE.match(s, pos, self.end)
        if m is not None:
            return ArgKind.IDENT, m.group(), m.end()
        m = STRING_RE.match(s, pos, self.end)
        if m is not None:
            return ArgKind.STRING, unescape_lean_string(m.group()[1:-1]), m.end()
        return None

    # ------------------------------------------------------------ inlines

    def paragraph_inlines(self, pos: int, ctx: _Inlines) -> tuple[tuple[Inline, ...], int]:
        """Inlines to the end of the paragraph (or line); a stray mark is kept as text."""
        out: list[Inline] = []
        while True:
            items, pos = self.inlines(pos, ctx)
            out.extend(items)
            if pos >= self.end or self.s[pos] == "\n":
                return tuple(out), pos
            char = self.s[pos]
            self.report(pos, f"`{char}` opens or closes nothing here (write \\{char} for the "
                             "character itself)", Severity.WARNING)
            out.append(Text(char, self.line(pos)))
            pos += 1

    def inlines(self, pos: int, ctx: _Inlines) -> tuple[list[Inline], int]:
        """Inlines up to a character they cannot take (a closing mark, a paragraph's end)."""
        s = self.s
        out: list[Inline] = []
        while pos < self.end:
            m = _TEXT_RE.match(s, pos, self.end)
            if m is not None:
                text = m.group()
                if "\\" in text:
                    text = _ESCAPE_RE.sub(r"\1", text)
                out.append(Text(text, self.line(pos)))
                pos = m.end()
                continue
            c = s[pos]
            if c == "\n":
                if not ctx.newlines or not self.continues(pos):
                    break
                out.append(LineBreak(self.line(pos)))
                pos += 1
                continue
            found = self.delimited(pos, ctx)
            if found is None:
                break
            items, pos = found
            out.extend(items)
        return out, pos

    def continues(self, pos: int) -> bool:
        """Whether the paragraph goes on after the newline at `pos`."""
        q = self.spaces(pos + 1)
        return q < self.end and self.s[q] != "\n" and not self.is_opener(q)

    def delimited(self, pos: int, ctx: _Inlines) -> tuple[list[Inline], int] | None:
        s = self.s
        c = s[pos]
        if c == "_":
            return self.emphasis(pos, ctx, "_")
        if c == "*":
            return self.emphasis(pos, ctx, "*")
        if c == "`":
            code, q = self.code(pos)
            return [Code(code, self.line(pos))], q
        if c == "$":
            display = s.startswith("$$`", pos)
            code, q = self.code(pos + (2 if display else 1))
            return [Math(code, display, self.line(pos))], q
        if c == "{":
            return self.role(pos, ctx)
        if c == "!":
            return self.image(pos)
        if c == "[":
            if s.startswith("[^", pos):
                return self.footnote(pos)
            if not ctx.in_link:
                return self.link(pos, ctx)
        return None

    def emphasis(self, pos: int, ctx: _Inlines, char: str) -> tuple[list[Inline], int] | None:
        depth = ctx.emph if char == "_" else ctx.bold
        run = self._run(pos, char)
        if depth is not None and (depth <= 1 or run > depth - 1):
            return None  # a closing mark of the enclosing one
        after = pos + run
        if after >= self.end or self.s[after] in " \n":
            return None
        inner_ctx = replace(ctx, emph=run) if char == "_" else replace(ctx, bold=run)
        inner, q = self.inlines(after, inner_ctx)
        marks = char * run
        if self.s.startswith(marks, q) and not self.s[q - 1].isspace():
            kind = Emph if char == "_" else Bold
            return [kind(tuple(inner), self.line(pos))], q + run
        self.report(pos, f"`{marks}` is not closed (write \\{char} for the character itself)",
                    Severity.WARNING)
        return [Text(marks, self.line(pos)), *inner], q

    def code(self, pos: int) -> tuple[str, int]:
        """Inline code (or math, after its `$`): the contents and the position after it."""
        s = self.s
        width = self._run(pos, "`")
        start = i = pos + width
        while True:
            j = s.find("`", i, self.end)
            if j < 0:
                break
            run = self._run(j, "`")
            if run == width:
                text = s[start:j]
                if len(text) > 2 and text[0] == " " and text[-1] == " " and text.strip(" "):
                    text = text[1:-1]
                return text, j + run
            if run > width:
                break
            i = j + run
        self.report(pos, f"this {'`' * width} is not closed")
        e = self.eol(start)
        return s[start:e], e

    def role(self, pos: int, ctx: _Inlines) -> tuple[list[Inline], int]:
        s = self.s
        line = self.line(pos)
        parsed = self.name_and_args(self.spaces(pos + 1))
        if parsed is not None:
            name, args, q = parsed
            q = self.spaces(q)
        if parsed is None or q >= self.end or s[q] != "}":
            self.report(pos, "`{` starts no role `{name args}` (write \\{ for the character)",
                        Severity.WARNING)
            return [Text("{", line)], pos + 1
        q += 1
        if q < self.end and s[q] == "[":
            inner, r = self.inlines(q + 1, ctx)
            if r < self.end and s[r] == "]":
                return [Role(name, args, tuple(inner), line)], r + 1
            self.report(pos, f"the text of role `{name}` is not closed with ]")
            return [Role(name, args, tuple(inner), line)], r
        found = self.delimited(q, ctx) if q < self.end else None
        if found is None:
            self.report(pos, f"role `{name}` wants its text right after it, in [...]")
            return [Role(name, args, (), line)], q
        items, r = found
        return [Role(name, args, tuple(items), line)], r

    def target(self, pos: int) -> tuple[str, bool, int] | None:
        """`(url)` or `[ref]` right at `pos`."""
        s = self.s
        if pos >= self.end or s[pos] not in "([":
            return None
        is_ref = s[pos] == "["
        m = (_REF_RE if is_ref else _URL_RE).match(s, pos + 1, self.end)
        if m is None:
            return None
        return m.group(1), is_ref, m.end()

    def link(self, pos: int, ctx: _Inlines) -> tuple[list[Inline], int]:
        s = self.s
        line = self.line(pos)
        inner, q = self.inlines(pos + 1, replace(ctx, in_link=True))
        if q < self.end and s[q] == "]":
            target = self.target(q + 1)
            if target is not None:
                url, is_ref, r = target
                return [Link(tuple(inner), url, is_ref, line)], r
            self.report(pos, "a link wants its target right after ]: (url) or [name]")
            return [Text("[", line), *inner, Text("]", self.line(q))], q + 1
        self.report(pos, "this [ is not closed (write \\[ for the character)", Severity.WARNING)
        return [Text("[", line), *inner], q

    def image(self, pos: int) -> tuple[list[Inline], int] | None:
        s = self.s
        if not s.startswith("![", pos):
            return None
        line = self.line(pos)
        m = _ALT_RE.match(s, pos + 2, self.end)
        target = self.target(m.end()) if m else None
        if m is None or target is None:
            self.report(pos, "an image is written ![alt text](url)")
            return [Text("![", line)], pos + 2
        url, is_ref, r = target
        return [Image(_ESCAPE_RE.sub(r"\1", m.group(1)), url, is_ref, line)], r

    def footnote(self, pos: int) -> tuple[list[Inline], int]:
        m = _FOOTNOTE_RE.match(self.s, pos, self.end)
        if m is None:
            self.report(pos, "a footnote reference is written [^name]")
            return [Text("[^", self.line(pos))], pos + 2
        return [Footnote(m.group(1), self.line(pos))], m.end()


def parse_inlines(text: str, line: int, path: str) -> tuple[tuple[Inline, ...], list[Diagnostic]]:
    """Inline markup on one line (a document's title), every item at `line`."""
    diagnostics: list[Diagnostic] = []
    parser = Parser(text.replace("\n", " "), path, diagnostics)
    content, _ = parser.paragraph_inlines(0, _Inlines(newlines=False))
    offset = line - 1
    moved = tuple(_at_line(item, offset) for item in content)
    return moved, [replace(d, line=d.line + offset) for d in diagnostics]


def _at_line(item: Inline, offset: int) -> Inline:
    if isinstance(item, (Emph, Bold, Link, Role)):
        return replace(item, content=tuple(_at_line(i, offset) for i in item.content),
                       line=item.line + offset)
    return replace(item, line=item.line + offset)
