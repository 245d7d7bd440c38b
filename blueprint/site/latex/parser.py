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
from collections.abc import Mapping, Sequence
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
    return _group_blocks(parser.sequence())


def to_inlines(tex: str, context: Context | None = None) -> tuple[Inline, ...]:
    """A title or a short phrase: one line of inline items."""
    blocks = to_blocks(tex, context)
    if len(blocks) == 1 and isinstance(blocks[0], Paragraph):
        return blocks[0].children  # merged already
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


# What the parser makes. Text is a str until it becomes an item (`_only_inlines`, `_merge`):
# most of it is merged into paragraphs, and a str is cheaper to make than a `Text`.
Piece = str | Inline | Block | _ParBreak | _Declaration
#: the types of inline pieces (the `Image`s of other syntaxes aside) and of blocks
_INLINE_PIECES = (str, Text, Math, Styled, Link, Break)
_BLOCKS = (Paragraph, DisplayMath, ItemList, Quote, Verbatim)

# What `sequence` stops at: a special character, or a run of spaces (`str.isspace`'s, as `\s`
# reads) whole, but not a single space between words, which stays inside the text.
_SPECIAL = re.compile(r"[\\{}$%~`'\-&\[\]]|[^\S ]\s*| \s+| \Z")
_PUNCTUATION = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("`", "‘"), ("'", "’"))
_WORD = re.compile(r"[a-zA-Z@]+\*?")
# the spaces after a control word that TeX eats: spaces, tabs and newlines, not a blank line
_SKIPPED_SPACE = re.compile(r"(?:[ \t]|\n(?![ \t]*\n))*")
_COMMENT_END = re.compile(r"[^\n]*\n?[ \t]*")
_PARAMETER = re.compile(r"#([1-9])")  # of a macro, in its body


class _Parser:
    def __init__(self, text: str, context: Context) -> None:
        self.text = text
        self.pos = 0
        self.context = context
        self.depth = 0
        self.expansions = 0

    # -- driving ---------------------------------------------------------------------

    def sequence(self, group: bool = False) -> list[Piece]:
        """Pieces up to the end of the text or, in a `group`, up to its closing `}`
        (consumed)."""
        out: list[Piece] = []
        text = self.text
        while True:
            match = _SPECIAL.search(text, self.pos)
            if match is None:
                if self.pos < len(text):
                    out.append(text[self.pos :])
                    self.pos = len(text)
                return out
            start = match.start()
            if start > self.pos:
                out.append(text[self.pos : start])
                self.pos = start
            if group and text[start] == "}":
                self.pos = start + 1
                return out
            self._special(out, match.end())

    def _special(self, out: list[Piece], end: int) -> None:
        """The special character, or the run of spaces, from `pos` to `end`."""
        text, pos = self.text, self.pos
        char = text[pos]
        if char.isspace():
            self.pos = end
            out.append(_PAR if text.count("\n", pos, end) >= 2 else " ")
        elif char == "\\":
            self._command(out)
        elif char == "$":
            self._dollar(out)
        elif char == "{":
            self.pos += 1
            out.extend(self._nested())
        elif char == "}":
            self.pos += 1
        elif char == "&":
            self.pos += 1
            out.append("&")
        elif char == "%":  # a comment: the rest of the line, and the next one's indent
            self.pos = _COMMENT_END.match(text, pos).end()  # type: ignore[union-attr]
        elif char == "~":
            self.pos += 1
            out.append("\u00a0")
        else:
            self._punctuation(out)

    def _punctuation(self, out: list[Piece]) -> None:
        text, pos = self.text, self.pos
        for source, result in _PUNCTUATION:
            if text.startswith(source, pos):
                self.pos += len(source)
                out.append(result)
                return
        self.pos += 1
        out.append(text[pos])

    def _nested(self) -> list[Piece]:
        """The pieces of the group whose body starts at `pos`, up to its `}` (consumed)."""
        if self.depth >= MAX_DEPTH:
            # too deep: the rest of the group as plain text
            end = matching_brace(self.text, self.pos)
            piece = self.text[self.pos : end]
            self.pos = min(end + 1, len(self.text))
            return [piece]
        self.depth += 1
        try:
            return self._with_declarations(self.sequence(group=True))
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
        """Past the spaces at `pos`, not past a blank line."""
        if self.text.startswith((" ", "\t", "\n"), self.pos):  # (mostly not: no regex then)
            self.pos = _SKIPPED_SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]

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
            pieces = self._nested()
        else:
            raw = self._raw_group()
            pieces = self._sub(raw) if raw is not None else []
        return _only_inlines(pieces)

    def _sub(self, tex: str) -> list[Piece]:
        """Convert a piece of text on its own, with this parser's limits."""
        if self.depth >= MAX_DEPTH:
            return [tex]
        parser = _Parser(tex, self.context)
        parser.depth = self.depth + 1
        parser.expansions = self.expansions
        pieces = parser.sequence()
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
                out.append(SYMBOLS[char])
        else:
            out.append(char)

    def _word(self, out: list[Piece], name: str) -> None:
        # (the tables of `commands` share no name: the order of the tests is the speed's)
        if name in DROPPED:  # the commonest in statements: \leanok, \label, \lean, \uses
            self._raw_optional()
            for _ in range(DROPPED[name]):
                self._raw_group()
        elif name in ("begin", "end"):
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
            out.extend([_PAR, Styled("strong", title), " "])
        elif name in WORDS:
            out.append(WORDS[name])
            self._eat_empty_group()
        elif name in ACCENTS:
            self._accent(out, ACCENTS[name])
        elif name in ("item", "bibitem"):
            out.append(" ")  # outside a list: a space
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
            out.append(unicodedata.normalize("NFC", " " + mark))
            return
        out.append(unicodedata.normalize("NFC", base[0] + mark) + base[1:])

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
        body = _PARAMETER.sub(
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
                pieces.append(", " if index < len(labels) - 1 else " and ")
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
        pieces: list[Piece] = ["["]
        for index, key in enumerate(keys):
            if index:
                pieces.append(", ")
            target = self.context.links.cite(key)
            if target is None:
                pieces.append(key)
            else:
                pieces.append(Link(target.href, (Text(target.number),)))
        if note:
            pieces.append(", ")
            pieces.extend(self._sub(note))
        pieces.append("]")
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
    return isinstance(piece, _INLINE_PIECES)


def _only_inlines(pieces: Sequence[Piece]) -> tuple[Inline, ...]:
    """The inline pieces as items."""
    return tuple(
        [Text(p) if isinstance(p, str) else p for p in pieces if isinstance(p, _INLINE_PIECES)]
    )


def _with_inline(pieces: list[Piece]) -> list[Piece]:
    return [p for p in pieces if not isinstance(p, _Declaration)]


def _link(url: str, children: tuple[Inline, ...]) -> Inline:
    if SAFE_URL.match(url):
        return Link(url, children)
    return Styled("code", children) if not children else Styled("underline", children)


def _group_blocks(pieces: list[Piece]) -> tuple[Block, ...]:
    """Runs of inlines as paragraphs, between the blocks and the paragraph breaks."""
    blocks: list[Block] = []
    line: list[str | Inline] = []
    for piece in pieces:
        if isinstance(piece, _INLINE_PIECES):
            line.append(piece)
        elif piece is _PAR or isinstance(piece, _BLOCKS):
            _add_paragraph(blocks, line)
            line = []
            if piece is not _PAR:
                blocks.append(piece)  # type: ignore[arg-type]
    _add_paragraph(blocks, line)
    return tuple(blocks)


def _add_paragraph(blocks: list[Block], line: list[str | Inline]) -> None:
    """A line of inlines as a paragraph of `blocks`, unless it shows nothing."""
    merged = _merge(line)
    if any(not isinstance(item, Text) or item.text.strip() for item in merged):
        blocks.append(Paragraph(merged))


def _merge(items: Sequence[str | Inline]) -> tuple[Inline, ...]:
    """Adjacent texts (str or `Text`) joined, runs of spaces squeezed, the ends trimmed."""
    merged: list[Inline] = []
    run: list[str] = []  # the texts since the last other inline
    for item in items:
        if isinstance(item, str):
            run.append(item)
        elif isinstance(item, Text):
            run.append(item.text)
        else:
            if run:
                text = "".join(run) if merged else "".join(run).lstrip(" \t\n")
                if text:
                    merged.append(Text(_squeezed(text)))
                run = []
            merged.append(item)
    if run:
        text = "".join(run).rstrip(" \t\n")
        if not merged:
            text = text.lstrip(" \t\n")
        if text:
            merged.append(Text(_squeezed(text)))
    return tuple(merged)


_SPACES = re.compile(r"[ \t\n]{2,}|[\t\n]")  # to squeeze to one space (a space stays)


def _squeezed(text: str) -> str:
    """Runs of spaces, tabs and newlines as one space. (Most texts have none, and these
    tests cost a fifth of the regex's.)"""
    if "  " in text or "\n" in text or "\t" in text:
        return _SPACES.sub(" ", text)
    return text
