"""The LaTeX that `lake build :blueprint` would write, made from the records: a node's
artifact and a module's body (LeanArchitect's `Output.lean`). Pure.

Each text comes with the line of the Lean file that each of its lines stands for: the
environment and its macros at the declared name, a text at its doc comment, so that the
LaTeX reader places the node, and every problem it finds, in the Lean file. The uses are
left out: the reader of the sources adds them to the nodes once the document is read
(`inputs.LeanArchitectInputs.finish`), the inferred ones only where they name a node.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from blueprint.readers.leanarchitect.records import ModuleComment, TaggedDeclaration

if TYPE_CHECKING:
    from blueprint.readers.leanarchitect.facts import NodeFacts
    from blueprint.readers.leanarchitect.index import LeanNode


@dataclass(frozen=True, slots=True)
class MappedText:
    """LaTeX made from a Lean file, and the line of that file each of its lines comes from."""

    text: str
    lines: tuple[int, ...]


@dataclass
class _Writer:
    pieces: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def add(self, text: str, line: int, follows: bool = False) -> None:
        """Lines of LaTeX: from `line` on when they are the Lean file's (`follows`), else all
        at `line`."""
        for number, segment in enumerate(text.replace("\r\n", "\n").split("\n")):
            # the LaTeX reader reads a lone CR as a line end, as TeX does; Lean does not
            for piece in segment.split("\r"):
                self.pieces.append(piece)
                self.lines.append(line + number if follows else line)

    def text(self) -> MappedText:
        return MappedText("\n".join(self.pieces) + "\n", tuple(self.lines))


def node_latex(node: LeanNode, facts: NodeFacts) -> MappedText:
    """`\\begin{env}[title] \\label \\lean \\notready \\discussion \\mathlibok \\leanok text
    \\end{env}`, then the proof likewise (`NodeWithPos.toLatex`)."""
    first = node.first
    at = first.line
    out = _Writer()
    title = f"[{node.title}]" if node.title is not None else ""
    out.add(f"\\begin{{{node.statement.env}}}{title}", at)
    out.add(f"\\label{{{node.label}}}", at)
    if node.lean_names:
        out.add(f"\\lean{{{','.join(node.lean_names)}}}", at)
    if node.not_ready:
        out.add("\\notready", at)
    if node.discussion is not None:
        out.add(f"\\discussion{{{node.discussion}}}", at)
    if facts.mathlibok:
        out.add("\\mathlibok", at)
    if facts.statement.leanok:
        out.add("\\leanok", at)
    if node.statement.text:
        line = _text_line(node, node.statement.text, proof=False)
        out.add(node.statement.text, line or at, follows=bool(line))
    out.add(f"\\end{{{node.statement.env}}}", at)
    if node.proof is not None and facts.proof is not None:
        out.add("\\begin{proof}", at)
        if facts.proof.leanok:
            out.add("\\leanok", at)
        _proof_text(out, node, at)
        out.add("\\end{proof}", at)
    return out.text()


def _text_line(node: LeanNode, text: str, proof: bool) -> int:
    """The line where `text` begins in the node's file, if an option of it holds it."""
    for decl in node.declarations:
        attr = decl.attribute
        if decl.file == node.first.file and (attr.proof if proof else attr.statement) == text:
            return attr.proof_line if proof else attr.statement_line
    return 0


def _proof_text(out: _Writer, node: LeanNode, at: int) -> None:
    assert node.proof is not None
    text = node.proof.text
    if not text:
        return
    line = _text_line(node, text, proof=True)
    if line:
        out.add(text, line, follows=True)
        return
    docs = _tactic_docs(node, text)
    if docs is None:
        out.add(text, at)
        return
    for number, doc in enumerate(docs.proof_docs):
        if number:
            out.add("", out.lines[-1])
        out.add(doc.text, doc.line, follows=True)


def _tactic_docs(node: LeanNode, text: str) -> TaggedDeclaration | None:
    """The declaration of the node's file whose tactic proof's doc comments are `text`."""
    return next(
        (d for d in node.declarations if d.file == node.first.file and d.proof_text == text),
        None,
    )


def module_latex(contents: tuple[str | ModuleComment, ...], nodes: dict[str, LeanNode],
                 file: str) -> MappedText:
    """`\\inputleannode{label}` for each node, each once, and the module's prose, in the
    order of the file, a blank line apart (`moduleToLatexOutputAux`)."""
    out = _Writer()
    for number, item in enumerate(contents):
        if number:
            out.add("", out.lines[-1])
        if isinstance(item, ModuleComment):
            out.add(item.text, item.text_line or item.line, follows=True)
            continue
        here = [d for d in nodes[item].declarations if d.file == file]
        at = (here or list(nodes[item].declarations))[0]
        out.add(f"\\inputleannode{{{item}}}", at.line if here else 1)
    if not contents:
        out.add("", 1)
    return out.text()
