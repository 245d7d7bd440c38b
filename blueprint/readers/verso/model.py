"""A Verso Blueprint in the one model (`blueprint.model`), as every reader returns it (pure).

- A node's label is its id, its directive its kind (`lemma_` is a lemma); statements and
  proofs keep their Verso markup (`Syntax.VERSO`: the site converts it), their `uses`
  (option and inline) the statement's and the proof's uses. Verso nodes have no title.
- `owner`, `priority`, `effort`, `tags`, `pr_url` and `issue_url` are the node's `Planning`;
  its group (`parent`, by its header), `autoDeps` and options Verso does not know are its
  `extra`.
- The main document's title is the book's; a heading at level 1 (a chapter `{include}`d at 0,
  a `#` in the main document) is a chapter, 2 a section, deeper ones subsections. Chapters,
  sections and nodes are numbered as the LaTeX blueprints are (`2`, `2.1`; `2.3` for the
  third node of chapter 2).
- Prose keeps its blocks' markup, each block once (`tex` witnesses and `internal` code are
  Verso's own, never shown); a proof whose statement is missing is a proof of no node.
- `tex_prelude` macros are the blueprint's macros, for MathJax.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from blueprint.markup.verso import plain_text
from blueprint.model import (
    Blueprint,
    Diagnostic,
    DocumentItem,
    EdgeKind,
    Environment,
    Heading,
    LeanSources,
    Level,
    Macro,
    NodePlace,
    Options,
    Part,
    Planning,
    Prose,
    Syntax,
)
from blueprint.model import Node as ModelNode
from blueprint.readers.verso import nodes as verso
from blueprint.readers.verso.attribute import NodeKind

#: what each kind is called in print
KIND_NAMES = MappingProxyType({
    "definition": "Definition",
    "theorem": "Theorem",
    "lemma": "Lemma",
    "proposition": "Proposition",
    "corollary": "Corollary",
})
_LEVELS = (Level.CHAPTER, Level.SECTION, Level.SUBSECTION, Level.SUBSUBSECTION)
#: KaTeX's own shorthands (Verso's pages typeset with KaTeX) that MathJax lacks
KATEX_MACROS = MappingProxyType({
    "R": Macro(0, "\\mathbb{R}"),
    "N": Macro(0, "\\mathbb{N}"),
    "Z": Macro(0, "\\mathbb{Z}"),
    "C": Macro(0, "\\mathbb{C}"),
    "Complex": Macro(0, "\\mathbb{C}"),
    "Reals": Macro(0, "\\mathbb{R}"),
    "reals": Macro(0, "\\mathbb{R}"),
    "natnums": Macro(0, "\\mathbb{N}"),
})
_PRELUDE_RE = re.compile(r'^tex_prelude\s+(?:r(#*)"(.*?)"\1|"((?:[^"\\]|\\.)*)")', re.M | re.S)


def to_blueprint(
    read: verso.VersoBlueprint,
    texts: Mapping[str, str],
    lean_sources: LeanSources | None = None,
    preludes: Iterable[str] = (),
    diagnostics: Sequence[Diagnostic] = (),
) -> Blueprint:
    """The model of a Verso Blueprint read from `texts` (by path); `preludes` are the
    texts of the `.lean` files that may hold a `tex_prelude`."""
    builder = _Builder(read, _Lines(texts))
    for item in read.document:
        builder.item(item)
    nodes = [builder.node(node) for node in read.nodes]
    files = list(read.files)
    return Blueprint(
        nodes=nodes,
        options=Options(
            thms=list(KIND_NAMES), title=builder.title or None
        ),
        document=builder.document,
        diagnostics=[*diagnostics, *read.diagnostics],
        files=files,
        sources=MappingProxyType({path: texts[path] for path in files if path in texts}),
        macros=MappingProxyType({**KATEX_MACROS, **tex_macros(preludes)}),
        kind_names=KIND_NAMES,
        syntax=Syntax.VERSO,
        lean_sources=lean_sources,
    )


def tex_macros(texts: Iterable[str]) -> dict[str, Macro]:
    """The macros of the `tex_prelude r#"..."#` commands in these Lean files' texts."""
    from blueprint.readers.latex.macros import read_macros

    macros: dict[str, Macro] = {}
    for text in texts:
        if "tex_prelude" not in text:
            continue
        for m in _PRELUDE_RE.finditer(text):
            tex = m.group(2) if m.group(2) is not None else m.group(3).replace('\\"', '"')
            macros.update(read_macros(tex))
    return macros


@dataclass
class _Lines:
    """The files' lines, split once."""

    texts: Mapping[str, str]
    split: dict[str, list[str]] = field(default_factory=dict)

    def between(self, path: str, first: int, last: int) -> str:
        """Lines `first` to `last` (from 1, both included), dedented, blank ends dropped."""
        lines = self.split.get(path)
        if lines is None:
            lines = self.split[path] = self.texts.get(path, "").split("\n")
        chosen = lines[max(first, 1) - 1 : max(last, 0)]
        return textwrap.dedent("\n".join(chosen)).strip("\n")


@dataclass
class _Place:
    chapter: str | None
    section: str | None
    number: str


class _Builder:
    def __init__(self, read: verso.VersoBlueprint, lines: _Lines) -> None:
        self.read = read
        self.lines = lines
        self.by_label = {node.label: node for node in read.nodes}
        self.groups = {group.label: group for group in read.groups}
        self.document: list[DocumentItem] = []
        self.title = ""
        self.chapter: str | None = None
        self.section: str | None = None
        self.counters = [0] * len(_LEVELS)  # chapter, section, ... numbers
        self.in_chapter = 0  # nodes of the current chapter
        self.places: dict[str, _Place] = {}
        self.proofs_placed: set[str] = set()

    def item(self, item: verso.DocumentItem) -> None:
        if isinstance(item, verso.Heading):
            self.heading(item)
        elif isinstance(item, verso.Prose):
            text = self.lines.between(item.file, item.block.line, item.end_line)
            if text.strip():
                self.document.append(Prose(text, item.file, item.block.line, Syntax.VERSO))
        elif isinstance(item, verso.NodePlace):
            if item.label in self.by_label and item.label not in self.places:
                self.in_chapter += 1
                chapter = str(self.counters[0]) if self.counters[0] else ""
                number = f"{chapter}.{self.in_chapter}" if chapter else str(self.in_chapter)
                self.places[item.label] = _Place(self.chapter, self.section, number)
                self.document.append(NodePlace(item.label, False, item.file, item.line))
        else:
            self.proof(item)

    def heading(self, item: verso.Heading) -> None:
        source = item.source or plain_text(item.title)
        if item.level <= 0:
            self.title = self.title or source
            return
        depth = min(item.level, len(_LEVELS)) - 1
        self.counters[depth] += 1
        self.counters[depth + 1 :] = [0] * (len(_LEVELS) - depth - 1)
        number = ".".join(str(n) for n in self.counters[: depth + 1])
        if depth == 0:
            self.chapter, self.section, self.in_chapter = source, None, 0
        elif depth == 1:
            self.section = source
        self.document.append(
            Heading(_LEVELS[depth], source, None, number, item.file, item.line,
                    syntax=Syntax.VERSO)
        )

    def proof(self, item: verso.ProofPlace) -> None:
        node = self.by_label.get(item.label)
        if node is not None and node.proof is not None and item.label not in self.proofs_placed \
                and node.proof.file == item.file and node.proof.line == item.line:
            self.proofs_placed.add(item.label)
            self.document.append(NodePlace(item.label, True, item.file, item.line))
            return
        text = self.lines.between(item.file, item.line + 1, item.end_line - 1)
        self.document.append(Environment("proof", None, text, item.file, item.line,
                                         Syntax.VERSO))

    def node(self, node: verso.VersoNode) -> ModelNode:
        place = self.places.get(node.label) or _Place(node.chapter, None, "")
        statement = Part(
            text=self.body(node.statement, node.source.end_line if node.source else None)
            if node.statement is not None else (node.docstring or ""),
            file=node.file,
            line=node.line,
            lean=list(node.lean),
            uses=_labels(node.uses, EdgeKind.STATEMENT),
            syntax=Syntax.VERSO,
            unknown_uses=self.unknown(node.uses, EdgeKind.STATEMENT),
        )
        proof = None
        if node.origin is verso.NodeOrigin.ATTRIBUTE and node.kind is not NodeKind.DEFINITION:
            # a Lean theorem's proof is its Lean code: no text, what it uses is its proofUses
            proof = Part(text="", file=node.file, line=node.line,
                         uses=_labels(node.uses, EdgeKind.PROOF), syntax=Syntax.VERSO,
                         unknown_uses=self.unknown(node.uses, EdgeKind.PROOF))
        elif node.proof is not None:
            text = self.body(node.proof)
            proof = Part(text=text, file=node.proof.file, line=node.proof.line,
                         uses=_labels(node.uses, EdgeKind.PROOF), empty=not text.strip(),
                         syntax=Syntax.VERSO,
                         unknown_uses=self.unknown(node.uses, EdgeKind.PROOF))
        return ModelNode(
            id=node.label,
            env=str(node.kind),
            is_definition=node.kind is NodeKind.DEFINITION,
            title=None,
            statement=statement,
            proof=proof,
            chapter=place.chapter,
            section=place.section,
            number=place.number or None,
            planning=_planning(node),
            extra=self.extra(node),
        )

    def unknown(self, uses: Iterable[verso.Use], kind: EdgeKind) -> list[str]:
        """The labels of `uses` that name no node (reported by the reader; no edge)."""
        return [label for label in _labels(uses, kind) if label not in self.by_label]

    def body(self, body: verso.Body, after: int | None = None) -> str:
        """The text of a statement or proof: between its fences (after its metadata)."""
        first = (after if after is not None else body.line) + 1
        return self.lines.between(body.file, first, body.end_line - 1)

    def extra(self, node: verso.VersoNode) -> tuple[tuple[str, str], ...]:
        found: list[tuple[str, str]] = []
        if node.parent is not None:
            group = self.groups.get(node.parent)
            found.append(("group", group.header if group else node.parent))
        if node.auto_deps is not None:
            found.append(("autoDeps", "true" if node.auto_deps else "false"))
        found.extend(node.extra_options)
        return tuple(found)


def _labels(uses: Iterable[verso.Use], kind: EdgeKind) -> list[str]:
    return list(dict.fromkeys(use.label for use in uses if use.kind is kind))


def _planning(node: verso.VersoNode) -> Planning | None:
    planning = Planning(node.owner, node.priority, node.effort, node.tags, node.pr_url,
                        node.issue_url)
    return None if planning == Planning() else planning

