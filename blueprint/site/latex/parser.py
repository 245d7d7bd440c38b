"""Text-mode LaTeX to the small tree of typed items (`site.items`) the templates render.

Pure: a string in, frozen dataclasses out. No HTML is built here: `templates/_tex.html`
turns the items into markup, with jinja's autoescaping, so text from the user's files can
never become markup. Math stays TeX (with its delimiters) for MathJax in the browser.

What is understood: paragraphs, `\\emph`-like styles, `\\ref`/`\\cref`/`\\eqref`/`\\cite` (through
a `Links` resolver), `\\url`/`\\href` (http, https and mailto only), lists, quotes, verbatim,
accents, dashes and quotes, `~`, and the user's own text macros (`\\newcommand`, expanded a
bounded number of times). Anything else drops its control word and keeps its arguments' text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from blueprint.model import Macro
from blueprint.site.items import (
    Block,
    Break,
    DisplayMath,
    Inline,
    Item,
    ItemList,
    Link,
    Math,
    Paragraph,
    Quote,
    Styled,
    Text,
    Verbatim,
    plain_text,
)
from blueprint.site.latex.commands import (
    ACCENTS,
    CITE_COMMANDS,
    DROPPED,
    LIST_ENVS,
    MATH_ENVS,
    QUOTE_ENVS,
    REF_COMMANDS,
    SAFE_URL,
    SKIPPED_ENVS,
    STYLE_COMMANDS,
    STYLE_DECLARATIONS,
    SYMBOLS,
    TRANSPARENT,
    VERBATIM_ENVS,
    WORDS,
)
from blueprint.site.latex.scan import (
    find_end,
    find_unescaped,
    matching_brace,
    matching_bracket,
    split_items,
    strip_options,
)

# ---------------------------------------------------------------- the context


@dataclass(frozen=True)
class Target:
    """Where a `\\ref` or `\\cite` goes, and how it reads."""

    href: str
    number: str  # what \ref prints: "1.3", or a citation's "2"
    name: str = ""  # what \cref prints before the number: "Lemma"
    node: str | None = None


class Links(Protocol):
    def ref(self, label: str) -> Target | None: ...

    def cite(self, key: str) -> Target | None: ...


class NoLinks:
    def ref(self, label: str) -> Target | None:
        return None

    def cite(self, key: str) -> Target | None:
        return None


@dataclass
class Context:
    """What a conversion needs besides the text: where references go, the macros."""

    links: Links = field(default_factory=NoLinks)
    macros: Mapping[str, Macro] = field(default_factory=dict)


# ---------------------------------------------------------------- entry points

MAX_DEPTH = 60  # nesting of groups and environments; deeper text is kept flat
MAX_EXPANSIONS = 2000  # user macro expansions in one conversion


def to_blocks(tex: str, context: Context | None = None) -> tuple[Block, ...]:
    """A body of text (paragraphs, lists, display math) as blocks."""
    parser = _Parser(tex, context or Context())
    return _group_blocks(parser.sequence(_END_OF_TEXT))


def to_inlines(tex: str, context: Context | None = None) -> tuple[Inline, ...]:
    """A title or a short phrase: one line of inline items."""
    blocks = to_blocks(tex, context)
    items: list[Inline] = []
    for block in blocks:
        if items:
            items.append(Text(" "))
        items.extend(_flatten(block))
    return _merge(items)


def tex_text(tex: str) -> str:
    """A TeX phrase (a chapter title) as plain words, math as its TeX: for the terminal."""
    return plain_text(to_inlines(tex))


def _flatten(block: Block) -> list[Inline]:
    if isinstance(block, Paragraph):
        return list(block.children)
    if isinstance(block, DisplayMath):
        return [block.math]
    if isinstance(block, Verbatim):
        return [Styled("code", (Text(block.text),))]
    if isinstance(block, Quote):
        return [i for b in block.blocks for i in _flatten(b)]
    return [i for item in block.items for b in item.blocks for i in _flatten(b)]


# ---------------------------------------------------------------- the parser


class _ParBreak:
    pass


_PAR = _ParBreak()


@dataclass(frozen=True)
class _Declaration:
    """`\\em`, `\\bfseries`...: styles the rest of its group."""

    style: str


Piece = Inline | Block | _ParBreak | _Declaration
Stop = Callable[[str, int], int | None]  # at `pos`: None to go on, else where the stop ends


def _END_OF_TEXT(text: str, pos: int) -> int | None:
    return None


# A single space between words stays inside the text; runs, newlines and tabs are handled.
_SPECIAL = re.compile(r"[\\{}$%~\n`'\-&\[\]]|\s{2,}|[^\S ]| \Z")
_WORD = re.compile(r"[a-zA-Z@]+\*?")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_SPACE_RUN = re.compile(r"\s*")
class _Parser:
    def __init__(self, text: str, context: Context) -> None:
        self.text = text
        self.pos = 0
        self.context = context
        self.depth = 0
        self.expansions = 0

    # -- driving ---------------------------------------------------------------------

    def sequence(self, stop: Stop) -> list[Piece]:
        """Pieces up to `stop` (consumed) or the end of the text."""
        out: list[Piece] = []
        text = self.text
        while self.pos < len(text):
            end = stop(text, self.pos)
            if end is not None:
                self.pos = end
                return out
            match = _SPECIAL.search(text, self.pos)
            if match is None:
                out.append(Text(text[self.pos :]))
                self.pos = len(text)
                break
            if match.start() > self.pos:
                # stops only ever start at special characters, so plain text is safe to take
                out.append(Text(text[self.pos : match.start()]))
                self.pos = match.start()
                continue
            self._special(out)
        return out

    def _special(self, out: list[Piece]) -> None:
        text, pos = self.text, self.pos
        char = text[pos]
        if char == "\\":
            self._command(out)
        elif char == "{":
            self.pos += 1
            out.extend(self._nested(_closing_brace))
        elif char == "}" or char == "&":
            self.pos += 1
            if char == "&":
                out.append(Text("&"))
        elif char == "$":
            self._dollar(out)
        elif char == "%":
            newline = text.find("\n", pos)
            self.pos = len(text) if newline < 0 else newline + 1
            while self.pos < len(text) and text[self.pos] in " \t":
                self.pos += 1
        elif char == "~":
            self.pos += 1
            out.append(Text("\u00a0"))
        elif char.isspace():
            blank = _BLANK_LINE.match(text, pos)
            end = self._space_end()
            if blank is not None or text.count("\n", pos, end) >= 2:
                self.pos = end
                out.append(_PAR)
            else:
                self.pos = end
                out.append(Text(" "))
        else:
            self._punctuation(out)

    def _space_end(self) -> int:
        """Where the run of spaces at `pos` ends (`str.isspace`'s spaces, as `\\s` reads)."""
        found = _SPACE_RUN.match(self.text, self.pos)
        return self.pos if found is None else found.end()

    def _punctuation(self, out: list[Piece]) -> None:
        text, pos = self.text, self.pos
        for source, result in (
            ("---", "—"),
            ("--", "–"),
            ("``", "“"),
            ("''", "”"),
            ("`", "‘"),
            ("'", "’"),
        ):
            if text.startswith(source, pos):
                self.pos += len(source)
                out.append(Text(result))
                return
        self.pos += 1
        out.append(Text(text[pos]))

    def _nested(self, stop: Stop) -> list[Piece]:
        if self.depth >= MAX_DEPTH:
            # too deep: the rest of the group as plain text
            end = matching_brace(self.text, self.pos)
            piece = self.text[self.pos : end]
            self.pos = min(end + 1, len(self.text))
            return [Text(piece)]
        self.depth += 1
        try:
            return self._with_declarations(self.sequence(stop))
        finally:
            self.depth -= 1

    @staticmethod
    def _with_declarations(pieces: list[Piece]) -> list[Piece]:
        """`{\\em text}`: a style declaration styles the rest of its group."""
        for index, piece in enumerate(pieces):
            if isinstance(piece, _Declaration):
                rest = _with_inline(_Parser._with_declarations(pieces[index + 1 :]))
                styled = Styled(piece.style, _only_inlines(rest))
                blocks = [p for p in rest if not _is_inline(p)]
                return [*pieces[:index], styled, *blocks]
        return pieces

    # -- arguments -------------------------------------------------------------------

    def _skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\n":
            if self.text.startswith("\n", self.pos) and _BLANK_LINE.match(self.text, self.pos):
                return
            self.pos += 1

    def _raw_group(self) -> str | None:
        """The raw text of the next `{...}` (or single token), consumed."""
        self._skip_space()
        text, pos = self.text, self.pos
        if pos >= len(text):
            return None
        if text[pos] == "{":
            end = matching_brace(text, pos + 1)
            self.pos = min(end + 1, len(text))
            return text[pos + 1 : end]
        if text[pos] == "\\":
            word = _WORD.match(text, pos + 1)
            self.pos = word.end() if word else min(pos + 2, len(text))
            return text[pos : self.pos]
        if text[pos] in "}":
            return None
        self.pos = pos + 1
        return text[pos]

    def _raw_optional(self) -> str | None:
        save = self.pos
        self._skip_space()
        if self.pos < len(self.text) and self.text[self.pos] == "[":
            end = matching_bracket(self.text, self.pos + 1)
            if end is not None:
                value = self.text[self.pos + 1 : end]
                self.pos = end + 1
                return value
        self.pos = save
        return None

    def _group_inlines(self) -> tuple[Inline, ...]:
        """The next argument, converted."""
        self._skip_space()
        if self.pos < len(self.text) and self.text[self.pos] == "{":
            self.pos += 1
            pieces = self._nested(_closing_brace)
        else:
            raw = self._raw_group()
            pieces = self._sub(raw) if raw is not None else []
        return _only_inlines(pieces)

    def _sub(self, tex: str) -> list[Piece]:
        """Convert a piece of text on its own, with this parser's limits."""
        if self.depth >= MAX_DEPTH:
            return [Text(tex)]
        parser = _Parser(tex, self.context)
        parser.depth = self.depth + 1
        parser.expansions = self.expansions
        pieces = parser.sequence(_END_OF_TEXT)
        self.expansions = parser.expansions
        return pieces

    # -- commands --------------------------------------------------------------------

    def _command(self, out: list[Piece]) -> None:
        text, pos = self.text, self.pos
        if pos + 1 >= len(text):
            self.pos += 1
            return
        word = _WORD.match(text, pos + 1)
        if word is None:
            self._symbol(out, text[pos + 1])
            return
        name = word.group()
        self.pos = word.end()
        self._skip_space()  # TeX eats the spaces after a control word
        if name.endswith("*") and name not in DROPPED and name[:-1] not in MATH_ENVS:
            name = name[:-1]
        self._word(out, name)

    def _symbol(self, out: list[Piece], char: str) -> None:
        self.pos += 2
        if char == "(":
            self._math_until("\\)", out, display=False)
        elif char == "[":
            self._math_until("\\]", out, display=True)
        elif char == "\\":
            self._raw_optional()
            out.append(Break())
        elif char in ACCENTS:
            self._accent(out, ACCENTS[char])
        elif char in SYMBOLS:
            if SYMBOLS[char]:
                out.append(Text(SYMBOLS[char]))
        else:
            out.append(Text(char))

    def _word(self, out: list[Piece], name: str) -> None:
        if name in ("begin", "end"):
            self._environment(out, name)
        elif name in STYLE_COMMANDS:
            out.append(Styled(STYLE_COMMANDS[name], self._group_inlines()))
        elif name in STYLE_DECLARATIONS:
            out.append(_Declaration(STYLE_DECLARATIONS[name]))
        elif name in TRANSPARENT:
            if name in ("textcolor", "colorbox"):
                self._raw_group()
            out.extend(self._group_inlines())
        elif name == "texorpdfstring":  # hyperref's pair: the TeX here, the text in bookmarks
            out.extend(self._group_inlines())
            self._raw_group()
        elif name in REF_COMMANDS:
            out.extend(self._ref(name))
        elif name in CITE_COMMANDS:
            out.extend(self._cite(name))
        elif name == "url":
            raw = self._raw_group() or ""
            out.append(_link(raw.strip(), (Styled("code", (Text(raw),)),)))
        elif name == "href":
            raw = self._raw_group() or ""
            out.append(_link(raw.strip(), self._group_inlines()))
        elif name == "ensuremath":
            out.append(Math(self._raw_group() or ""))
        elif name in ("newline", "linebreak"):
            out.append(Break())
        elif name == "par":
            out.append(_PAR)
        elif name in ("paragraph", "subparagraph"):
            title = self._group_inlines()
            out.extend([_PAR, Styled("strong", title), Text(" ")])
        elif name in WORDS:
            out.append(Text(WORDS[name]))
            self._eat_empty_group()
        elif name in ACCENTS:
            self._accent(out, ACCENTS[name])
        elif name in DROPPED:
            self._raw_optional()
            for _ in range(DROPPED[name]):
                self._raw_group()
        elif name in ("item", "bibitem"):
            out.append(Text(" "))  # outside a list: a space
            self._raw_optional()
        elif name in self.context.macros:
            self._expand(out, name, self.context.macros[name])
        # any other control word is dropped; its arguments are read as plain groups

    def _eat_empty_group(self) -> None:
        if self.text.startswith("{}", self.pos):
            self.pos += 2

    def _accent(self, out: list[Piece], mark: str) -> None:
        raw = self._raw_group() or ""
        base = raw.strip()
        if base in ("\\i", "\\j"):
            base = base[1]
        if not base:
            out.append(Text(unicodedata.normalize("NFC", " " + mark)))
            return
        out.append(Text(unicodedata.normalize("NFC", base[0] + mark) + base[1:]))

    def _expand(self, out: list[Piece], name: str, macro: Macro) -> None:
        if self.expansions >= MAX_EXPANSIONS:
            return
        self.expansions += 1
        args: list[str] = []
        if macro.default is not None and macro.args > 0:
            optional_arg = self._raw_optional()
            args.append(macro.default if optional_arg is None else optional_arg)
        while len(args) < macro.args:
            args.append(self._raw_group() or "")
        body = re.sub(
            r"#([1-9])",
            lambda m: args[int(m.group(1)) - 1] if int(m.group(1)) <= len(args) else "",
            macro.body,
        )
        out.extend(self._sub(body))

    def _ref(self, name: str) -> list[Piece]:
        self._raw_optional()
        raw = self._raw_group() or ""
        labels = [label.strip() for label in raw.split(",") if label.strip()]
        pieces: list[Piece] = []
        for index, label in enumerate(labels):
            if index:
                pieces.append(Text(", " if index < len(labels) - 1 else " and "))
            pieces.append(self._one_ref(name, label))
        return pieces

    def _one_ref(self, name: str, label: str) -> Inline:
        target = self.context.links.ref(label)
        if target is None:
            # not a node or a heading: an equation, perhaps; MathJax resolves those
            return Math(f"\\eqref{{{label}}}" if name == "eqref" else f"\\ref{{{label}}}")
        if name == "eqref":
            words = f"({target.number})"
        elif name.lower() in ("cref", "autoref", "vref", "labelcref", "cpageref") and target.name:
            words = f"{target.name} {target.number}".strip()
        elif name == "nameref":
            words = target.name or target.number
        else:
            words = target.number or target.name
        return Link(target.href, (Text(words or label),), target.node)

    def _cite(self, name: str) -> list[Piece]:
        first = self._raw_optional()
        second = self._raw_optional()
        note = second if second is not None else first
        raw = self._raw_group() or ""
        if name == "nocite":
            return []
        keys = [key.strip() for key in raw.split(",") if key.strip()]
        pieces: list[Piece] = [Text("[")]
        for index, key in enumerate(keys):
            if index:
                pieces.append(Text(", "))
            target = self.context.links.cite(key)
            if target is None:
                pieces.append(Text(key))
            else:
                pieces.append(Link(target.href, (Text(target.number),)))
        if note:
            pieces.append(Text(", "))
            pieces.extend(self._sub(note))
        pieces.append(Text("]"))
        return pieces

    # -- math ------------------------------------------------------------------------

    def _dollar(self, out: list[Piece]) -> None:
        if self.text.startswith("$$", self.pos):
            self.pos += 2
            self._math_until("$$", out, display=True)
        else:
            self.pos += 1
            self._math_until("$", out, display=False)

    def _math_until(self, closer: str, out: list[Piece], display: bool) -> None:
        end = find_unescaped(self.text, closer, self.pos)
        body = self.text[self.pos : end]
        self.pos = min(end + len(closer), len(self.text))
        math = Math(body.strip() if display else body, display)
        out.append(DisplayMath(math) if display else math)

    # -- environments ----------------------------------------------------------------

    def _environment(self, out: list[Piece], which: str) -> None:
        start = self.pos - len(which) - 1
        name = (self._raw_group() or "").strip()
        if which == "end":
            return  # a stray \end: its environment was never opened here
        body_start = self.pos
        end, after = find_end(self.text, name, body_start)
        body = self.text[body_start:end]
        self.pos = after
        if name in MATH_ENVS:
            if name.startswith("displaymath"):
                out.append(DisplayMath(Math(body.strip(), True)))
            else:
                out.append(DisplayMath(Math(self.text[start:after].strip(), True, True)))
        elif name == "math":
            out.append(Math(body))
        elif name in VERBATIM_ENVS:
            out.append(Verbatim(strip_options(name, body).strip("\n")))
        elif name in SKIPPED_ENVS:
            return
        elif name in LIST_ENVS:
            out.append(self._list(name, body))
        else:
            blocks = _group_blocks(self._sub(body))
            if name in QUOTE_ENVS:
                out.append(Quote(blocks))
            else:
                out.extend([_PAR, *blocks, _PAR])

    def _list(self, name: str, body: str) -> ItemList:
        style = {"compactitem": "itemize", "compactenum": "enumerate"}.get(name, name)
        items = []
        for label, content in split_items(body):
            label_items = _only_inlines(self._sub(label))
            items.append(Item(label_items, _group_blocks(self._sub(content))))
        return ItemList(style, tuple(items))


def _is_inline(piece: object) -> bool:
    return isinstance(piece, Text | Math | Styled | Link | Break)


def _only_inlines(pieces: Sequence[Piece]) -> tuple[Inline, ...]:
    return tuple(p for p in pieces if isinstance(p, Text | Math | Styled | Link | Break))


def _with_inline(pieces: list[Piece]) -> list[Piece]:
    return [p for p in pieces if not isinstance(p, _Declaration)]


def _link(url: str, children: tuple[Inline, ...]) -> Inline:
    if SAFE_URL.match(url):
        return Link(url, children)
    return Styled("code", children) if not children else Styled("underline", children)


def _closing_brace(text: str, pos: int) -> int | None:
    return pos + 1 if text[pos] == "}" else None


def _group_blocks(pieces: list[Piece]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    line: list[Inline] = []

    def flush() -> None:
        merged = _merge(line)
        if merged and any(not (isinstance(i, Text) and not i.text.strip()) for i in merged):
            blocks.append(Paragraph(merged))
        line.clear()

    for piece in pieces:
        if isinstance(piece, Text | Math | Styled | Link | Break):
            line.append(piece)
        elif isinstance(piece, Paragraph | DisplayMath | ItemList | Quote | Verbatim):
            flush()
            blocks.append(piece)
        elif isinstance(piece, _ParBreak):
            flush()
    flush()
    return tuple(blocks)


def _merge(items: Sequence[Inline]) -> tuple[Inline, ...]:
    """Adjacent texts joined, runs of spaces squeezed, the ends trimmed."""
    merged: list[Inline] = []
    run: list[str] = []  # the texts since the last other inline, joined once

    def close_run() -> None:
        if run:
            merged.append(Text(_SPACES.sub(" ", "".join(run))))
            run.clear()

    for item in items:
        if isinstance(item, Text):
            run.append(item.text)
        else:
            close_run()
            merged.append(item)
    close_run()
    if merged and isinstance(merged[0], Text):
        merged[0] = Text(merged[0].text.lstrip(" "))
    if merged and isinstance(merged[-1], Text):
        merged[-1] = Text(merged[-1].text.rstrip(" "))
    return tuple(item for item in merged if not (isinstance(item, Text) and not item.text))


_SPACES = re.compile(r"[ \t\n]+")
