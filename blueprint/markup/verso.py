"""The tree of a Verso document: what its markup says, each piece with its line.

Verso's concrete syntax (leanprover/verso, `src/verso/Verso/Parser.lean`) has inlines (text,
`_emphasis_`, `*bold*`, `` `code` ``, `` $`math` ``, `` $$`display math` ``, links, images,
footnotes, roles `{name args}[...]`) and blocks (paragraphs, `#` headers, lists, description
lists, block quotes, code blocks with an info string, directives `:::name args ... :::`, block
commands `{name args}` alone on a line, `%%%` metadata). Nothing here knows about blueprints:
`nodes` reads the blueprint out of this tree. Lines count from 1 in the file the text is from.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from blueprint.model import Diagnostic


class ArgKind(StrEnum):
    STRING = "string"  # "text" (a Lean string literal, unescaped)
    IDENT = "ident"  # a Lean identifier
    NUMBER = "number"
    FLAG = "flag"  # +name (value True) or -name (value False)


@dataclass(frozen=True, slots=True)
class Arg:
    """One argument of a role, directive, code block or block command."""

    name: str | None  # None for a positional argument
    kind: ArgKind
    value: str | int | bool

    @property
    def text(self) -> str:
        """The value as written for a string or identifier, in decimal for a number."""
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        return str(self.value)


@dataclass(frozen=True, slots=True)
class Args:
    items: tuple[Arg, ...] = ()

    @property
    def positional(self) -> tuple[Arg, ...]:
        return tuple(a for a in self.items if a.name is None)

    @property
    def named(self) -> tuple[Arg, ...]:
        """Named arguments and flags, in the order written."""
        return tuple(a for a in self.items if a.name is not None)

    def get(self, name: str) -> Arg | None:
        """The first argument of that name (a flag included)."""
        return next((a for a in self.items if a.name == name), None)

    def first(self) -> Arg | None:
        """The first positional argument (a node's label, a code block's label)."""
        return next((a for a in self.items if a.name is None), None)


# ---------------------------------------------------------------- inlines


@dataclass(frozen=True, slots=True)
class Text:
    text: str  # escapes resolved
    line: int


@dataclass(frozen=True, slots=True)
class Emph:
    content: tuple[Inline, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Bold:
    content: tuple[Inline, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    line: int


@dataclass(frozen=True, slots=True)
class Math:
    tex: str
    display: bool
    line: int


@dataclass(frozen=True, slots=True)
class Link:
    content: tuple[Inline, ...]
    target: str  # a URL, or the name of a `[name]: url` definition when `is_ref`
    is_ref: bool
    line: int


@dataclass(frozen=True, slots=True)
class Image:
    alt: str
    target: str
    is_ref: bool
    line: int


@dataclass(frozen=True, slots=True)
class Footnote:
    name: str
    line: int


@dataclass(frozen=True, slots=True)
class Role:
    """`{name args}[content]`, or `{name args}` followed by one delimited inline."""

    name: str
    args: Args
    content: tuple[Inline, ...]
    line: int


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A newline inside a paragraph (rendered as a space)."""

    line: int


Inline = Text | Emph | Bold | Code | Math | Link | Image | Footnote | Role | LineBreak


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Paragraph:
    content: tuple[Inline, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Header:
    """`# Title`: `level` is the number of `#` written (1 for `#`)."""

    level: int
    content: tuple[Inline, ...]
    line: int
    source: str = ""  # the title as written, in Verso markup


@dataclass(frozen=True, slots=True)
class ListItem:
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[ListItem, ...]
    bullet: str  # "*", "-" or "+"
    line: int


@dataclass(frozen=True, slots=True)
class OrderedList:
    items: tuple[ListItem, ...]
    start: int
    line: int


@dataclass(frozen=True, slots=True)
class DescriptionItem:
    term: tuple[Inline, ...]
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True, slots=True)
class DescriptionList:
    items: tuple[DescriptionItem, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Blockquote:
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A fenced code block; `name` is the first word of the info string (```` ```lean ````)."""

    name: str | None
    args: Args
    code: str  # the lines between the fences, indentation of the fence removed
    line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class Directive:
    """`:::name args` ... `:::` (three colons or more; a nested one has fewer)."""

    name: str
    args: Args
    blocks: tuple[Block, ...]
    line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class BlockCommand:
    """`{name args}` alone on its line, e.g. `{include 0 Chapter.Module}`."""

    name: str
    args: Args
    line: int


@dataclass(frozen=True, slots=True)
class Metadata:
    """`%%%` ... `%%%`: Lean structure fields; `fields` are the top-level `name := value`."""

    text: str
    fields: tuple[tuple[str, str], ...]
    line: int
    end_line: int

    def field(self, name: str) -> str | None:
        return next((v for k, v in self.fields if k == name), None)


@dataclass(frozen=True, slots=True)
class LinkDefinition:
    """`[name]: url`, the target of `[text][name]`."""

    name: str
    url: str
    line: int


@dataclass(frozen=True, slots=True)
class FootnoteDefinition:
    name: str
    content: tuple[Inline, ...]
    line: int


Block = (
    Paragraph | Header | BulletList | OrderedList | DescriptionList | Blockquote | CodeBlock
    | Directive | BlockCommand | Metadata | LinkDefinition | FootnoteDefinition
)


# ---------------------------------------------------------------- files


@dataclass(frozen=True, slots=True)
class Document:
    """One `#doc (Genre) "Title" =>` (to the end of the file) or
    `#docs (Genre) name "Title" :=` (between two `:::::::` lines)."""

    title: tuple[Inline, ...]
    genre: str
    name: str | None  # the name given to a `#docs`
    blocks: tuple[Block, ...]
    line: int
    end_line: int  # its last line (a `#docs`: the closing `:::::::`)
    title_source: str = ""  # the title as written, in Verso markup (escapes resolved)

    @property
    def title_text(self) -> str:
        return plain_text(self.title)


@dataclass(frozen=True, slots=True)
class Import:
    module: str
    line: int


@dataclass(frozen=True, slots=True)
class Setting:
    """`set_option name value` outside the documents (the value as written)."""

    name: str
    value: str
    line: int


@dataclass(frozen=True, slots=True)
class VersoFile:
    """What one `.lean` file holds: its Lean header and its Verso documents."""

    path: str
    imports: tuple[Import, ...]
    settings: tuple[Setting, ...]
    documents: tuple[Document, ...]
    diagnostics: tuple[Diagnostic, ...]

    def setting(self, name: str) -> str | None:
        """The value of the last `set_option name` of the file."""
        found = [s.value for s in self.settings if s.name == name]
        return found[-1] if found else None


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The text a reader sees, without markup (math and code as written)."""
    out: list[str] = []
    for item in inlines:
        if isinstance(item, Text):
            out.append(item.text)
        elif isinstance(item, (Emph, Bold, Link, Role)):
            out.append(plain_text(item.content))
        elif isinstance(item, Code):
            out.append(item.code)
        elif isinstance(item, Math):
            out.append(item.tex)
        elif isinstance(item, Image):
            out.append(item.alt)
        elif isinstance(item, LineBreak):
            out.append(" ")
    return "".join(out)


# ---------------------------------------------------------------- what Verso Blueprint knows

#: roles that point to a node: `{uses "label"}[text]` (an edge too), `{bpref "label"}[text]`
NODE_ROLES = frozenset({"uses", "bpref"})
#: roles whose text is code (`{lean}`Nat.succ``, `{name}`foo``)
CODE_ROLES = frozenset({"lean", "name", "leanTerm", "keyword", "tactic", "option", "module",
                        "syntax", "kw"})
#: citations: `{citet "key"}[]`
CITE_ROLES = frozenset({"citet", "citep", "cite", "citehere"})
#: roles shown as their text
TEXT_ROLES = frozenset({"ref", "tech", "deftech", "index", "margin", "kbd", "sectionRef",
                        "leanRef"})
KNOWN_ROLES = NODE_ROLES | CODE_ROLES | CITE_ROLES | TEXT_ROLES
#: code blocks Verso does not show as code: the TeX a node was ported from, hidden Lean
HIDDEN_CODE = frozenset({"tex", "internal"})
#: directives that show nothing where they are written (data for Verso's own pages)
HIDDEN_DIRECTIVES = frozenset({"group", "author", "source_document"})
#: directives that make nodes, and those shown as their text
NODE_DIRECTIVES = frozenset({"definition", "theorem", "lemma_", "proposition", "corollary",
                             "proof"})
KNOWN_DIRECTIVES = NODE_DIRECTIVES | HIDDEN_DIRECTIVES | frozenset(
    {"paragraph", "example", "note", "remark", "table", "margin"}
)
#: block commands: places (`{include 0 Chapter}`) and what Verso draws on its own pages
KNOWN_COMMANDS = frozenset({"include", "includeBlueprintModule", "blueprint_node",
                            "blueprint_graph", "blueprint_summary", "blueprint_bibliography",
                            "blueprint_index", "tableOfContents"})
