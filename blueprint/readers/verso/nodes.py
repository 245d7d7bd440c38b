"""The blueprint in Verso documents: nodes, proofs, edges, and the reading order (pure).

Read as Verso Blueprint reads them (leanprover/verso-blueprint `Informal/Block.lean`,
`Informal/Block/Config.lean`, `Informal/Uses.lean`, `Informal/Code.lean`, `Environment.lean`):

- `:::definition`, `:::theorem`, `:::lemma_`, `:::proposition`, `:::corollary` "label" make a
  node, with the options `lean` (comma-separated names), `uses` (comma-separated labels),
  `parent` (a group), `owner` (an author), `priority` (high, medium, low), `effort` (small,
  medium, large; s, m, l), `tags` (comma-separated, lower-cased), `pr_url`, `issue_url`,
  `autoDeps`, `uses_origin` (manual, automatic), `uses_intent` (regular, auxiliary,
  technical). A `%%%` block first in the body is the node's source metadata.
- `:::proof "label"` is the proof of the statement with that label; its `uses` are proof uses.
- `{uses "label"}[text]` adds an edge: a statement edge in a statement, a proof edge in a
  proof. `{bpref "label"}[text]` only links.
- `:::group "label"` (its text is the header), `:::author "id" (name := ...) (url := ...)
  (image_url := ...)`, `:::source_document "label"` with its `%%%` metadata.
- ```` ```lean "label" ```` is Lean code of the node with that label (Verso elaborates it);
  ```` ```tex "label" (slot := s) ```` keeps the TeX the node was ported from: hidden, and its
  `\\leanok` says nothing about status. Unlabelled `tex` and ```` ```internal ```` blocks are
  not shown either.
- `{include N Name}` places another document (a module's `#doc`, or a `#docs` by name) at
  header level N; `{includeBlueprintModule N Module (title := "...")}` places the
  `@[blueprint]` nodes of a Lean module, `{blueprint_node "label"}` one node.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TypeVar

from blueprint.markup.verso import (
    KNOWN_COMMANDS,
    KNOWN_DIRECTIVES,
    KNOWN_ROLES,
    Arg,
    ArgKind,
    Args,
    Block,
    BlockCommand,
    Blockquote,
    Bold,
    BulletList,
    CodeBlock,
    DescriptionList,
    Directive,
    Document,
    Emph,
    Header,
    Inline,
    Link,
    Metadata,
    OrderedList,
    Paragraph,
    Role,
    Text,
    VersoFile,
    plain_text,
)
from blueprint.model import Diagnostic, EdgeKind, Severity
from blueprint.readers.verso.attribute import BlueprintAttribute, NodeKind
from blueprint.suggest import Suggestions

STATEMENT_DIRECTIVES = {
    "definition": NodeKind.DEFINITION,
    "theorem": NodeKind.THEOREM,
    "lemma_": NodeKind.LEMMA,
    "proposition": NodeKind.PROPOSITION,
    "corollary": NodeKind.COROLLARY,
}
NODE_OPTIONS = (
    "lean", "uses", "parent", "owner", "priority", "effort", "tags", "pr_url", "issue_url",
    "autoDeps", "uses_origin", "uses_intent",
)
# options Verso refuses on a proof (it keeps only `uses` and its metadata there)
_STATEMENT_ONLY = ("lean", "parent", "owner", "priority", "effort", "tags", "pr_url",
                   "issue_url")
_PRIORITIES = {"high": "high", "medium": "medium", "low": "low"}
_EFFORTS = {"small": "small", "s": "small", "medium": "medium", "m": "medium",
            "large": "large", "l": "large"}
TRIM_OPTION = "verso.blueprint.trimTeXLabelPrefix"
_E = TypeVar("_E", bound=StrEnum)


class UseOrigin(StrEnum):
    MANUAL = "manual"
    AUTOMATIC = "automatic"


class UseIntent(StrEnum):
    REGULAR = "regular"
    AUXILIARY = "auxiliary"
    TECHNICAL = "technical"


class NodeOrigin(StrEnum):
    DIRECTIVE = "directive"  # a `:::theorem` ... in a document
    ATTRIBUTE = "attribute"  # `@[blueprint "label"]` on a Lean declaration


@dataclass(frozen=True, slots=True)
class Use:
    """A dependency a node declares: `{uses "label"}[...]` (inline) or `(uses := "...")`."""

    label: str
    kind: EdgeKind
    inline: bool
    origin: UseOrigin
    intent: UseIntent
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Body:
    """A statement's or a proof's text, in Verso markup."""

    blocks: tuple[Block, ...]
    file: str
    line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class LeanCode:
    """```` ```lean "label" ````: Lean code Verso elaborates in the document."""

    label: str
    lean_label: str  # the label without a TeX prefix (`thm:x` -> `x`) under trimTeXLabelPrefix
    code: str
    auto_deps: bool | None
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class TexWitness:
    """```` ```tex "label" ````: the TeX a node was ported from (never shown, no status)."""

    label: str
    slot: str
    text: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class VersoNode:
    label: str
    kind: NodeKind
    origin: NodeOrigin
    statement: Body | None  # None: an attribute node without doc comment
    proof: Body | None
    lean: tuple[str, ...]
    uses: tuple[Use, ...]
    file: str
    line: int
    chapter: str | None = None  # title of the enclosing chapter (an included document)
    parent: str | None = None
    owner: str | None = None
    priority: str | None = None
    effort: str | None = None
    tags: tuple[str, ...] = ()
    pr_url: str | None = None
    issue_url: str | None = None
    auto_deps: bool | None = None
    source: Metadata | None = None
    lean_code: tuple[LeanCode, ...] = ()
    tex: tuple[TexWitness, ...] = ()
    docstring: str | None = None  # an attribute node's doc comment (its statement)
    extra_options: tuple[tuple[str, str], ...] = ()  # options Verso Blueprint does not know

    @property
    def statement_uses(self) -> tuple[Use, ...]:
        return tuple(u for u in self.uses if u.kind is EdgeKind.STATEMENT)

    @property
    def proof_uses(self) -> tuple[Use, ...]:
        return tuple(u for u in self.uses if u.kind is EdgeKind.PROOF)


@dataclass(frozen=True, slots=True)
class Group:
    label: str
    header: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Author:
    label: str
    name: str
    url: str | None
    image_url: str | None
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class SourceDocument:
    label: str
    metadata: Metadata | None
    file: str
    line: int


# ------------------------------------------------------------ the document in reading order


@dataclass(frozen=True, slots=True)
class Heading:
    """A document's start (its title; `name` is what included it) or a `#` header.

    `level` counts `#`: 0 for the main document's title, 1 for a chapter placed with
    `{include 0 ...}` and for a `#` in the main document, and so on."""

    level: int
    title: tuple[Inline, ...]
    file: str
    line: int
    name: str | None = None
    metadata: Metadata | None = None  # the `%%%` block right under the title
    source: str = ""  # the title as written, in Verso markup


@dataclass(frozen=True, slots=True)
class Prose:
    """A block of text between the nodes (a code block, an unknown directive, a command)."""

    block: Block
    file: str
    end_line: int  # the last line of its text (blank lines after it included)


@dataclass(frozen=True, slots=True)
class NodePlace:
    label: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class ProofPlace:
    label: str
    file: str
    line: int
    end_line: int = 0  # its closing fence


DocumentItem = Heading | Prose | NodePlace | ProofPlace


@dataclass(frozen=True, slots=True)
class VersoBlueprint:
    title: tuple[Inline, ...]
    nodes: tuple[VersoNode, ...]  # in reading order
    document: tuple[DocumentItem, ...]
    groups: tuple[Group, ...]
    authors: tuple[Author, ...]
    source_documents: tuple[SourceDocument, ...]
    unattached_code: tuple[LeanCode, ...]  # labelled Lean code of no node
    unattached_tex: tuple[TexWitness, ...]  # labelled TeX of no node (a port's start)
    unplaced_attributes: tuple[BlueprintAttribute, ...]  # @[blueprint] the document never places
    diagnostics: tuple[Diagnostic, ...]
    files: tuple[str, ...]  # the files of the documents read, in reading order

    def edges(self) -> list[tuple[str, str, EdgeKind]]:
        """(used, user, kind) for each declared use of a node by another, once."""
        labels = {n.label for n in self.nodes}
        seen: set[tuple[str, str, EdgeKind]] = set()
        out: list[tuple[str, str, EdgeKind]] = []
        for node in self.nodes:
            for use in node.uses:
                edge = (use.label, node.label, use.kind)
                if use.label in labels and use.label != node.label and edge not in seen:
                    seen.add(edge)
                    out.append(edge)
        return out


# ------------------------------------------------------------ reading


#: a place to include: the document, the file it is in
Included = tuple[Document, VersoFile]


def read_blueprint(
    main: Included,
    resolve: Callable[[str, VersoFile], Included | None],
    attributes: Sequence[BlueprintAttribute] = (),
    imported: Sequence[VersoFile] = (),
) -> VersoBlueprint:
    """The blueprint of the main document and of everything it includes, in reading order.

    `resolve(name, including_file)` finds what `{include N name}` names; `attributes` are
    the project's `@[blueprint]` (placed by `{includeBlueprintModule}`/`{blueprint_node}`,
    or adding their declaration to the directive node of the same label). Groups and
    authors are Lean environment data in Verso: those of the `imported` files count even
    when no document includes them (an `Authors` module, say)."""
    reader = _Reader(resolve, attributes)
    for other in imported:
        for doc in other.documents:
            for block in _directives_in(doc.blocks):
                if block.name == "group":
                    reader.group(block, other.path)
                elif block.name == "author":
                    reader.author(block, other.path)
    document, file = main
    reader.document(document, file, 0, None)
    return reader.finish(document.title)


@dataclass
class _Draft:
    node: VersoNode
    uses: list[Use] = field(default_factory=list)


@dataclass
class _ProofDraft:
    label: str
    body: Body
    uses: list[Use]
    file: str
    line: int


class _Reader:
    def __init__(
        self,
        resolve: Callable[[str, VersoFile], Included | None],
        attributes: Sequence[BlueprintAttribute],
    ) -> None:
        self.resolve = resolve
        self.attributes = list(attributes)
        self.items: list[DocumentItem] = []
        self.drafts: dict[str, _Draft] = {}
        self.proofs: list[_ProofDraft] = []
        self.code: list[LeanCode] = []
        self.tex: list[TexWitness] = []
        self.groups: dict[str, Group] = {}
        self.authors: dict[str, Author] = {}
        self.sources: list[SourceDocument] = []
        self.placed_attributes: set[str] = set()  # labels of attribute nodes placed
        self.diagnostics: list[Diagnostic] = []
        self.files: list[str] = []
        self.including: list[str] = []  # the include names being read (to stop cycles)
        self.chapter: str | None = None
        self.hints = Suggestions()

    def report(self, file: str, line: int, message: str,
               severity: Severity = Severity.WARNING) -> None:
        self.diagnostics.append(Diagnostic(file, line, severity, message))

    # ------------------------------------------------------------ walking

    def document(self, doc: Document, file: VersoFile, level: int, name: str | None) -> None:
        if file.path not in self.files:
            self.files.append(file.path)
            self.diagnostics.extend(file.diagnostics)
        blocks = doc.blocks
        metadata = None
        if blocks and isinstance(blocks[0], Metadata):
            metadata, blocks = blocks[0], blocks[1:]
        self.items.append(Heading(level, doc.title, file.path, doc.line, name, metadata,
                                  doc.title_source))
        if level == 1:
            self.chapter = doc.title_text
        last = doc.end_line - (1 if doc.name is not None else 0)  # a #docs ends at :::::::
        self.unknown_markup(blocks, file.path)
        for index, block in enumerate(blocks):
            end = blocks[index + 1].line - 1 if index + 1 < len(blocks) else last
            self.block(block, file, level, end)

    def block(self, block: Block, file: VersoFile, level: int, end: int = 0) -> None:
        """Read one block; `end` is the last line before the next block of its document."""
        path = file.path
        end = max(end, getattr(block, "end_line", block.line))
        if isinstance(block, Metadata) and self.items and isinstance(self.items[-1], Heading) \
                and self.items[-1].metadata is None and self.items[-1].file == path:
            self.items[-1] = replace(self.items[-1], metadata=block)
        elif isinstance(block, Header):
            self.items.append(Heading(level + block.level, block.content, path, block.line,
                                      source=block.source))
            if level + block.level == 1:
                self.chapter = plain_text(block.content)
        elif isinstance(block, BlockCommand) and block.name in (
            "include", "includeBlueprintModule", "blueprint_node"
        ):
            self.command(block, file, level)
        elif isinstance(block, Directive) and block.name in STATEMENT_DIRECTIVES:
            self.statement(block, file)
        elif isinstance(block, Directive) and block.name == "proof":
            self.proof(block, file)
        elif isinstance(block, Directive) and block.name == "group":
            self.group(block, path)
        elif isinstance(block, Directive) and block.name == "author":
            self.author(block, path)
        elif isinstance(block, Directive) and block.name == "source_document":
            label = self.label(block.args, path, block.line, "source_document")
            if label is not None:
                meta = next((b for b in block.blocks if isinstance(b, Metadata)), None)
                self.sources.append(SourceDocument(label, meta, path, block.line))
        elif isinstance(block, CodeBlock) and block.name in ("lean", "tex", "internal"):
            self.code_block(block, file)
        else:
            self.items.append(Prose(block, path, end))
            for role in _roles_in([block]):
                if role.name == "uses":
                    self.report(path, role.line, "{uses} outside a statement or proof adds no "
                                                 "edge (Verso rejects it); {bpref} links only")
            for inner in _nested_directives([block]):
                if inner.name in STATEMENT_DIRECTIVES or inner.name == "proof":
                    self.report(path, inner.line, f"`:::{inner.name}` inside another block: "
                                                  "read, but placed after that block")
                    self.block(inner, file, level)

    def unknown_markup(self, blocks: Iterable[Block], path: str) -> None:
        """Warn of the roles, directives and block commands Verso Blueprint does not know:
        the pages show their text."""
        for block in _all_blocks(blocks):
            if isinstance(block, Directive) and block.name not in KNOWN_DIRECTIVES:
                hint = self.hints.hint(block.name, KNOWN_DIRECTIVES)
                self.report(path, block.line, f"unknown directive `:::{block.name}`{hint}: "
                                              "its text is shown")
            elif isinstance(block, BlockCommand) and block.name not in KNOWN_COMMANDS:
                hint = self.hints.hint(block.name, KNOWN_COMMANDS)
                self.report(path, block.line, f"unknown block command `{{{block.name}}}`"
                                              f"{hint}: shown as text")
            for role in _all_roles(_inlines_of(block)):
                if role.name not in KNOWN_ROLES:
                    hint = self.hints.hint(role.name, KNOWN_ROLES)
                    self.report(path, role.line, f"unknown role `{{{role.name}}}`{hint}: "
                                                 "its text is shown")

    def command(self, block: BlockCommand, file: VersoFile, level: int) -> None:
        path = file.path
        positional = block.args.positional
        at = level + 1
        if positional and positional[0].kind is ArgKind.NUMBER:
            at = int(positional[0].value) + 1
            positional = positional[1:]
        if block.name == "blueprint_node":
            label = self.label(block.args, path, block.line, "blueprint_node")
            if label is not None:
                self.placed_attributes.add(label)
                self.items.append(NodePlace(label, path, block.line))
            return
        if not positional or positional[0].kind is not ArgKind.IDENT:
            self.report(path, block.line, f"{{{block.name}}} wants a name: "
                                          f"{{{block.name} 0 Module}}", Severity.ERROR)
            return
        name = str(positional[0].value)
        if block.name == "includeBlueprintModule":
            title = block.args.get("title")
            shown = title.text if title is not None else name
            self.items.append(Heading(at, (Text(shown, block.line),), path, block.line, name,
                                      source=shown))
            labels = [a.label for a in self.attributes if a.module == name]
            if not labels:
                self.report(path, block.line, f"no @[blueprint] declaration in module {name}")
            for label in dict.fromkeys(labels):
                self.placed_attributes.add(label)
                self.items.append(NodePlace(label, path, block.line))
            return
        if name in self.including:
            self.report(path, block.line, f"{{include {name}}} includes itself", Severity.ERROR)
            return
        found = self.resolve(name, file)
        if found is None:
            self.report(path, block.line, f"{{include}}: no document named {name} (a module "
                                          "with a #doc, or a #docs of that name)", Severity.ERROR)
            return
        self.including.append(name)
        chapter = self.chapter
        self.document(found[0], found[1], at, name)
        self.chapter = chapter
        self.including.pop()

    def label(self, args: Args, path: str, line: int, what: str) -> str | None:
        first = args.first()
        if first is None or first.kind not in (ArgKind.STRING, ArgKind.IDENT):
            self.report(path, line, f'`{what}` wants its label first: {what} "label"',
                        Severity.ERROR)
            return None
        return first.text

    def options(
        self, args: Args, path: str, line: int, what: str
    ) -> tuple[dict[str, Arg], list[tuple[str, str]]]:
        """Known options by name (the first of each), and the unknown ones."""
        known: dict[str, Arg] = {}
        extra: list[tuple[str, str]] = []
        for arg in args.named:
            assert arg.name is not None
            if arg.name not in NODE_OPTIONS:
                hint = self.hints.hint(arg.name, NODE_OPTIONS)
                self.report(path, line, f"`{what}` has no option `{arg.name}`{hint}")
                extra.append((arg.name, arg.text))
            elif arg.name in known:
                self.report(path, line, f"option `{arg.name}` given twice: the first is kept")
            else:
                known[arg.name] = arg
        for arg in args.positional[1:]:
            self.report(path, line, f"`{what}` takes one label; `{arg.text}` is ignored")
        return known, extra

    def statement(self, block: Directive, file: VersoFile) -> None:
        path = file.path
        label = self.label(block.args, path, block.line, block.name)
        if label is None:
            return
        options, extra = self.options(block.args, path, block.line, block.name)
        body_blocks = block.blocks
        source = None
        if body_blocks and isinstance(body_blocks[0], Metadata):
            source, body_blocks = body_blocks[0], body_blocks[1:]
        for late in body_blocks:
            if isinstance(late, Metadata):
                self.report(path, late.line, "a %%% block after the text of a node: Verso "
                                             "wants it first", Severity.ERROR)
        uses = self.option_uses(options, EdgeKind.STATEMENT, path, block.line)
        uses += self.inline_uses(body_blocks, EdgeKind.STATEMENT, path)
        self.nested(body_blocks, path, block.name)
        node = VersoNode(
            label=label,
            kind=STATEMENT_DIRECTIVES[block.name],
            origin=NodeOrigin.DIRECTIVE,
            statement=Body(body_blocks, path, block.line, block.end_line),
            proof=None,
            lean=tuple(_split(self.text_option(options, "lean", path, block.line))),
            uses=(),
            file=path,
            line=block.line,
            chapter=self.chapter,
            parent=self.text_option(options, "parent", path, block.line),
            owner=self.text_option(options, "owner", path, block.line),
            priority=self.choice(options, "priority", _PRIORITIES, path, block.line),
            effort=self.choice(options, "effort", _EFFORTS, path, block.line),
            tags=tuple(dict.fromkeys(
                t.lower() for t in _split(self.text_option(options, "tags", path, block.line))
            )),
            pr_url=self.url(options, "pr_url", path, block.line),
            issue_url=self.url(options, "issue_url", path, block.line),
            auto_deps=self.flag(options, "autoDeps", path, block.line),
            source=source,
            extra_options=tuple(extra),
        )
        if label in self.drafts:
            first = self.drafts[label].node
            self.report(path, block.line, f"label {label} is already defined at "
                                          f"{first.file}:{first.line}", Severity.ERROR)
            self.items.append(Prose(block, path, block.end_line))
            return
        self.drafts[label] = _Draft(node, uses)
        self.items.append(NodePlace(label, path, block.line))

    def proof(self, block: Directive, file: VersoFile) -> None:
        path = file.path
        label = self.label(block.args, path, block.line, "proof")
        if label is None:
            return
        options, _ = self.options(block.args, path, block.line, "proof")
        for name in _STATEMENT_ONLY:
            if name in options:
                self.report(path, block.line, f"a proof takes no `{name}` (it belongs to the "
                                              "statement): ignored", Severity.ERROR)
        uses = self.option_uses(options, EdgeKind.PROOF, path, block.line)
        uses += self.inline_uses(block.blocks, EdgeKind.PROOF, path)
        self.nested(block.blocks, path, "proof")
        body = Body(block.blocks, path, block.line, block.end_line)
        self.proofs.append(_ProofDraft(label, body, uses, path, block.line))
        self.items.append(ProofPlace(label, path, block.line, block.end_line))

    def group(self, block: Directive, path: str) -> None:
        label = self.label(block.args, path, block.line, "group")
        if label is None:
            return
        header = " ".join(_block_text(block.blocks).split()) or label
        if label in self.groups and self.groups[label].header != header:
            self.report(path, block.line, f"group {label} has another header at "
                                          f"{self.groups[label].file}:{self.groups[label].line}",
                        Severity.ERROR)
        self.groups.setdefault(label, Group(label, header, path, block.line))

    def author(self, block: Directive, path: str) -> None:
        label = self.label(block.args, path, block.line, "author")
        if label is None:
            return
        args = block.args
        name = args.get("name")
        shown = (name.text if name else "").strip() or " ".join(
            _block_text(block.blocks).split()) or label
        url, image = args.get("url"), args.get("image_url")
        author = Author(label, shown, url.text.strip() if url else None,
                        image.text.strip() if image else None, path, block.line)
        if label in self.authors and self.authors[label] != author:
            self.report(path, block.line, f"author {label} is declared again, otherwise",
                        Severity.ERROR)
        self.authors.setdefault(label, author)

    def code_block(self, block: CodeBlock, file: VersoFile) -> None:
        path = file.path
        if block.name == "internal":
            return  # Lean Verso runs and does not show
        first = block.args.first()
        label = first.text if first is not None and first.kind is ArgKind.STRING else None
        if block.name == "tex":
            if label is not None:
                slot = block.args.get("slot")
                self.tex.append(TexWitness(label, slot.text if slot else "default", block.code,
                                           path, block.line))
            return
        if label is None:
            self.report(path, block.line, '```lean wants the label of its node: ```lean "label"',
                        Severity.ERROR)
            self.items.append(Prose(block, path, block.end_line))
            return
        trim = (file.setting(TRIM_OPTION) or "").strip() == "true"
        auto = block.args.get("autoDeps")
        self.code.append(LeanCode(label, _trim_tex_prefix(label) if trim else label, block.code,
                                  _bool(auto), path, block.line))
        self.items.append(Prose(block, path, block.end_line))

    # ------------------------------------------------------------ options and uses

    def text_option(self, options: dict[str, Arg], name: str, path: str,
                    line: int) -> str | None:
        arg = options.get(name)
        if arg is None:
            return None
        if arg.kind is not ArgKind.STRING:
            self.report(path, line, f'option `{name}` takes a string: ({name} := "...")')
        return arg.text

    def choice(self, options: dict[str, Arg], name: str, allowed: Mapping[str, str],
               path: str, line: int) -> str | None:
        raw = self.text_option(options, name, path, line)
        if raw is None:
            return None
        value = allowed.get(raw.strip().lower())
        if value is None:
            choices = ", ".join(dict.fromkeys(allowed.values()))
            self.report(path, line, f'{name} "{raw}" is none of {choices}: ignored',
                        Severity.ERROR)
        return value

    def url(self, options: dict[str, Arg], name: str, path: str, line: int) -> str | None:
        raw = (self.text_option(options, name, path, line) or "").strip()
        if raw and not raw.startswith(("http://", "https://")):
            self.report(path, line, f'{name} "{raw}" is not an http(s) URL: ignored',
                        Severity.ERROR)
            return None
        return raw or None

    def flag(self, options: dict[str, Arg], name: str, path: str, line: int) -> bool | None:
        arg = options.get(name)
        value = _bool(arg)
        if arg is not None and value is None:
            self.report(path, line, f"option `{name}` takes true or false", Severity.ERROR)
        return value

    def metadata(self, options: dict[str, Arg], path: str,
                 line: int) -> tuple[UseOrigin, UseIntent]:
        origin, intent = UseOrigin.MANUAL, UseIntent.REGULAR
        raw = self.text_option(options, "uses_origin", path, line)
        if raw is not None:
            origin = self.enum(UseOrigin, raw, "uses_origin", path, line) or origin
        raw = self.text_option(options, "uses_intent", path, line)
        if raw is not None:
            intent = self.enum(UseIntent, raw, "uses_intent", path, line) or intent
        return origin, intent

    def enum(self, kind: type[_E], raw: str, name: str, path: str, line: int) -> _E | None:
        try:
            return kind(raw.strip())
        except ValueError:
            allowed = ", ".join(kind)
            self.report(path, line, f'{name} "{raw}" is none of {allowed}', Severity.ERROR)
            return None

    def option_uses(self, options: dict[str, Arg], kind: EdgeKind, path: str,
                    line: int) -> list[Use]:
        origin, intent = self.metadata(options, path, line)
        labels = _split(self.text_option(options, "uses", path, line))
        return [Use(label, kind, False, origin, intent, path, line) for label in labels]

    def inline_uses(self, blocks: Iterable[Block], kind: EdgeKind, path: str) -> list[Use]:
        out: list[Use] = []
        for role in _roles_in(blocks):
            if role.name != "uses":
                continue
            label = self.label(role.args, path, role.line, "uses")
            if label is None:
                continue
            origin = intent = None
            if (arg := role.args.get("origin")) is not None:
                origin = self.enum(UseOrigin, arg.text, "origin", path, role.line)
            if (arg := role.args.get("intent")) is not None:
                intent = self.enum(UseIntent, arg.text, "intent", path, role.line)
            out.append(Use(label, kind, True, origin or UseOrigin.MANUAL,
                           intent or UseIntent.REGULAR, path, role.line))
        return out

    def nested(self, blocks: Iterable[Block], path: str, what: str) -> None:
        for inner in _directives_in(blocks):
            if inner.name in STATEMENT_DIRECTIVES or inner.name == "proof":
                self.report(path, inner.line, f"`:::{inner.name}` inside `:::{what}`: Verso "
                                              "refuses nested nodes; ignored", Severity.ERROR)

    # ------------------------------------------------------------ the end

    def finish(self, title: tuple[Inline, ...]) -> VersoBlueprint:
        drafts = self.drafts
        attached = self.attach_attributes()
        proofs: dict[str, Body] = {}
        for proof in self.proofs:
            draft = drafts.get(proof.label)
            if draft is None:
                hint = self.hints.hint(proof.label, drafts)
                self.report(proof.file, proof.line, f"a proof of {proof.label}, which has no "
                                                    f"statement{hint}", Severity.ERROR)
            elif proof.label in proofs:
                first = proofs[proof.label]
                self.report(proof.file, proof.line, f"{proof.label} already has a proof at "
                                                    f"{first.file}:{first.line}", Severity.ERROR)
            else:
                proofs[proof.label] = proof.body
                draft.uses.extend(proof.uses)
        code: dict[str, list[LeanCode]] = {}
        unattached_code: list[LeanCode] = []
        for block in self.code:
            if block.label in drafts:
                code.setdefault(block.label, []).append(block)
            else:
                unattached_code.append(block)
                hint = self.hints.hint(block.label, drafts)
                self.report(block.file, block.line, f"```lean \"{block.label}\": no node has "
                                                    f"this label{hint}")
        tex: dict[str, list[TexWitness]] = {}
        for witness in self.tex:
            slots = tex.setdefault(witness.label, [])
            if any(w.slot == witness.slot for w in slots):
                self.report(witness.file, witness.line, f"a second ```tex for {witness.label} "
                                                        f"in slot {witness.slot}", Severity.ERROR)
            else:
                slots.append(witness)
        nodes: list[VersoNode] = []
        tagged = _labels_by_declaration(self.attributes)
        for label, draft in drafts.items():
            node = draft.node
            lean, uses = node.lean, list(draft.uses)
            for attr in attached.get(label, []):
                lean += (attr.declaration,) if attr.declaration not in lean else ()
                uses += self.attribute_uses(attr, tagged)
            nodes.append(replace(node, proof=proofs.get(label), lean=lean, uses=tuple(uses),
                               lean_code=tuple(code.get(label, ())),
                               tex=tuple(tex.get(label, ()))))
        self.check(nodes)
        unplaced = tuple(a for a in self.attributes
                         if a.label not in drafts and a.label not in self.placed_attributes)
        return VersoBlueprint(
            title=title,
            nodes=tuple(nodes),
            document=tuple(self.items),
            groups=tuple(self.groups.values()),
            authors=tuple(self.authors.values()),
            source_documents=tuple(self.sources),
            unattached_code=tuple(unattached_code),
            unattached_tex=tuple(w for label, ws in tex.items() if label not in drafts
                                 for w in ws),
            unplaced_attributes=unplaced,
            diagnostics=tuple(self.diagnostics),
            files=tuple(self.files),
        )

    def attach_attributes(self) -> dict[str, list[BlueprintAttribute]]:
        """Attributes whose label is a directive's, by label; the others placed in the
        document become nodes of their own."""
        attached: dict[str, list[BlueprintAttribute]] = {}
        own: dict[str, list[BlueprintAttribute]] = {}
        for attr in self.attributes:
            if attr.label in self.drafts:
                attached.setdefault(attr.label, []).append(attr)
            elif attr.label in self.placed_attributes:
                own.setdefault(attr.label, []).append(attr)
        for label, attrs in own.items():
            first = attrs[0]
            doc = next((a.docstring for a in attrs if a.docstring), None)
            node = VersoNode(label, first.kind, NodeOrigin.ATTRIBUTE, None, None,
                             tuple(dict.fromkeys(a.declaration for a in attrs)), (),
                             first.file, first.line, docstring=doc,
                             auto_deps=first.auto_deps)
            tagged = _labels_by_declaration(self.attributes)
            self.drafts[label] = _Draft(node, [u for a in attrs
                                               for u in self.attribute_uses(a, tagged)])
        return attached

    def attribute_uses(self, attr: BlueprintAttribute,
                       tagged: Mapping[str, list[str]]) -> list[Use]:
        """What an attribute's `uses`/`proofUses` name: labels, and declarations that carry
        a `@[blueprint]` (written in full, or relative to the attribute's namespace)."""
        out: list[Use] = []
        namespace = attr.declaration.rpartition(".")[0]
        for deps, kind in ((attr.uses, EdgeKind.STATEMENT), (attr.proof_uses, EdgeKind.PROOF)):
            for dep in deps:
                if dep.excluded:
                    continue
                labels = [dep.target] if dep.is_label else (
                    tagged.get(dep.target) or tagged.get(f"{namespace}.{dep.target}") or [])
                if not labels:
                    self.report(attr.file, attr.line, f"{attr.label} uses {dep.target}, a "
                                                      "declaration without @[blueprint]")
                out.extend(Use(label, kind, False, UseOrigin.MANUAL, UseIntent.REGULAR,
                               attr.file, attr.line) for label in labels)
        return out

    def check(self, nodes: list[VersoNode]) -> None:
        labels = [n.label for n in nodes]
        known = set(labels)
        for node in nodes:
            for use in node.uses:
                if use.label in known:
                    continue
                if any(w.label == use.label for w in self.tex):
                    self.report(use.file, use.line, f"{node.label} uses {use.label}, which is "
                                                    "only a ```tex witness, no node")
                else:
                    hint = self.hints.hint(use.label, labels)
                    self.report(use.file, use.line, f"{node.label} uses {use.label}, which is "
                                                    f"no node{hint}")
            if node.owner is not None and node.owner not in self.authors:
                self.report(node.file, node.line, f"owner {node.owner} of {node.label} is no "
                                                  ":::author")
            if node.parent is not None and node.parent not in self.groups:
                self.report(node.file, node.line, f"parent {node.parent} of {node.label} is "
                                                  "no :::group")
        for place in self.items:
            if isinstance(place, NodePlace) and place.label not in known:
                self.report(place.file, place.line, f"{place.label}: no node has this label",
                            Severity.ERROR)


def _labels_by_declaration(attributes: Iterable[BlueprintAttribute]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for attr in attributes:
        out.setdefault(attr.declaration, []).append(attr.label)
    return out


def _split(raw: str | None) -> list[str]:
    """Verso Blueprint's comma-separated lists: trimmed, empty pieces dropped."""
    return [p.strip() for p in (raw or "").split(",") if p.strip()]


def _bool(arg: Arg | None) -> bool | None:
    if arg is None:
        return None
    if isinstance(arg.value, bool):
        return arg.value
    return {"true": True, "false": False}.get(arg.text.strip())


def _trim_tex_prefix(label: str) -> str:
    """`thm:foo` -> `foo` (Verso Blueprint's `trimTeXLabelPrefix`)."""
    prefix, sep, rest = label.partition(":")
    return rest if sep and prefix and rest else label


def _children(block: Block) -> Iterable[Block]:
    if isinstance(block, (Directive, Blockquote)):
        yield from block.blocks
    elif isinstance(block, (BulletList, OrderedList)):
        for item in block.items:
            yield from item.blocks
    elif isinstance(block, DescriptionList):
        for entry in block.items:
            yield from entry.blocks


def _inlines_of(block: Block) -> Iterable[Inline]:
    if isinstance(block, (Paragraph, Header)):
        yield from block.content
    elif isinstance(block, DescriptionList):
        for entry in block.items:
            yield from entry.term


def _roles_in(blocks: Iterable[Block]) -> Iterable[Role]:
    """Every role in these blocks, nested ones included, in order."""
    for block in blocks:
        stack = list(reversed(list(_inlines_of(block))))
        while stack:
            item = stack.pop()
            if isinstance(item, Role):
                yield item
            if isinstance(item, (Role, Emph, Bold, Link)):
                stack.extend(reversed(item.content))
        if not isinstance(block, Directive) or (
            block.name not in STATEMENT_DIRECTIVES and block.name != "proof"
        ):
            yield from _roles_in(_children(block))


def _all_blocks(blocks: Iterable[Block]) -> Iterable[Block]:
    """These blocks and every block inside them, in order."""
    for block in blocks:
        yield block
        yield from _all_blocks(_children(block))


def _all_roles(inlines: Iterable[Inline]) -> Iterable[Role]:
    """Every role among these inlines and inside them, in order."""
    for item in inlines:
        if isinstance(item, Role):
            yield item
        if isinstance(item, (Role, Emph, Bold, Link)):
            yield from _all_roles(item.content)


def _directives_in(blocks: Iterable[Block]) -> Iterable[Directive]:
    """Every directive in these blocks, nested ones included."""
    for block in blocks:
        if isinstance(block, Directive):
            yield block
        yield from _directives_in(_children(block))


def _nested_directives(blocks: Iterable[Block]) -> Iterable[Directive]:
    """Directives inside these blocks (not inside a node's directive)."""
    for block in blocks:
        for child in _children(block):
            if isinstance(child, Directive):
                yield child
                if child.name in STATEMENT_DIRECTIVES or child.name == "proof":
                    continue
            yield from _nested_directives([child])


def _block_text(blocks: Iterable[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, (Paragraph, Header)):
            parts.append(plain_text(block.content))
        parts.append(_block_text(_children(block)))
    return " ".join(p for p in parts if p)
