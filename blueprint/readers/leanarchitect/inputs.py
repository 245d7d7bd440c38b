"""A LeanArchitect blueprint read from the Lean sources, as the LaTeX document inputs it.

`LeanBlueprint` holds the records of every module put together with the scanned project
(nodes, their facts from the Lean code; see `project.read_sources`). `LeanArchitectInputs`
is what the LaTeX reader asks for `\\inputleannode{label}` and `\\inputleanmodule{Module}`:
the LaTeX LeanArchitect would write, placed in the Lean files. Once the document is read,
`finish` gives the nodes what LaTeX does not carry (their uses, explicit and inferred, their
unknown options) and says what the document never inputs. Pure: the files were read by the
caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from blueprint.model import Blueprint, Diagnostic, Node, Part, Severity
from blueprint.readers.latex.source import Source, prepare
from blueprint.readers.leanarchitect.latex import MappedText, module_latex, node_latex

if TYPE_CHECKING:
    from blueprint.lean.project import LeanProject
    from blueprint.readers.latex.again import LatexMemo
    from blueprint.readers.leanarchitect.facts import NodeFacts
    from blueprint.readers.leanarchitect.index import LeanNode, ModuleIndex
    from blueprint.readers.leanarchitect.records import LeanArchitectFile

#: where `lake build :blueprint` writes, as a path of the project
LAKE_OUTPUT = ".lake/build/blueprint/"
#: the file of a library's blueprint in LeanArchitect's output
_LIBRARY_RE = re.compile(r"library/([^/{}]+?)(?:\.tex)?\}?$")


@dataclass
class LeanArchitectMemo:
    """What a watch session keeps between reads of a LeanArchitect blueprint, so that an
    edit reads again only what it changed: each Lean file's records (by path, with the text
    read), the facts of the nodes while the project and the nodes' declarations stay the
    same, the LaTeX made for each node and module, prepared, and the last read of the
    document (see `readers.latex.again`)."""

    #: by path: the bytes last read, their text and the records read from it
    records: dict[str, tuple[bytes, str, LeanArchitectFile]] = field(default_factory=dict)
    facts: tuple[LeanProject, object, Mapping[str, NodeFacts]] | None = None
    sources: dict[tuple[str, MappedText], Source] = field(default_factory=dict)
    #: the last read of the LaTeX document, and what it was read from
    latex: LatexMemo | None = None
    #: each Lean node as `LeanArchitectInputs.finish` completed it, and what from (see
    #: `_Finished`), while every label names the same nodes
    finished: dict[str, _Finished] = field(default_factory=dict)
    finished_by: object = None
    #: what `readers.relocate` made of each node and item (by identity: see there)
    relocated: dict[tuple[str, int], tuple[object, object]] = field(default_factory=dict)
    _used: dict[tuple[str, MappedText], Source] = field(default_factory=dict)
    #: by label: the LaTeX made for a node, and what from (its source and facts)
    latex_made: dict[str, tuple[LeanNode, NodeFacts, MappedText]] = field(default_factory=dict)
    _latex_used: dict[str, tuple[LeanNode, NodeFacts, MappedText]] = field(default_factory=dict)

    def node_latex(self, node: LeanNode, facts: NodeFacts) -> MappedText:
        """`latex.node_latex`, made again only when the node or its facts changed."""
        found = self._latex_used.get(node.label) or self.latex_made.get(node.label)
        if found is None or found[1] is not facts or found[0] != node:
            found = (node, facts, node_latex(node, facts))
        self._latex_used[node.label] = found
        return found[2]

    def source(self, path: str, mapped: MappedText) -> Source:
        """The prepared LaTeX (a copy: the reader notes in it what it takes out)."""
        key = (path, mapped)
        found = self._used.get(key)
        if found is None:
            found = self.sources.get(key)
        if found is None:
            found = prepare(path, mapped.text, list(mapped.lines))
        self._used[key] = found
        return replace(found, removals=[])

    def forget_unused(self) -> None:
        """Keep only the sources and LaTeX this read used (a long session does not pile
        up)."""
        self.sources, self._used = self._used, {}
        self.latex_made, self._latex_used = self._latex_used, {}


@dataclass(frozen=True)
class _Finished:
    """A node as the LaTeX reader read it, from `source` with `facts`: the node completed,
    and the diagnostics said of it."""

    read: Node
    source: LeanNode
    facts: NodeFacts
    node: Node
    diagnostics: tuple[Diagnostic, ...]

    def of(self, read: Node, source: LeanNode, facts: NodeFacts) -> bool:
        """Whether it was made of these (the same node read and facts: a rebuild hands
        back those an edit did not change)."""
        return self.read is read and self.facts is facts and self.source == source


@dataclass(frozen=True)
class LeanBlueprint:
    """Every node and module of a project's LeanArchitect blueprint, with the facts of the
    Lean code, and the text of each Lean file that has some."""

    index: ModuleIndex
    facts: Mapping[str, NodeFacts]
    texts: Mapping[str, str]  # project-relative path -> text

    @property
    def empty(self) -> bool:
        return not any(f.contents for f in self.index.modules.values())


@dataclass
class LeanArchitectInputs:
    """The LaTeX reader's `LeanInputs` for a LeanArchitect blueprint read from the sources.

    `load` reads the sources on first use (a LaTeX document that inputs nothing from Lean
    never loads them), knowing the libraries the document input so far; `prefix` leads from
    the blueprint folder to the project's root, as the reader's paths go; with
    `read_output`, LeanArchitect's output is read where the document inputs it and the
    sources only where it is missing."""

    load: Callable[[LeanArchitectInputs], LeanBlueprint]
    prefix: str
    read_output: bool = True
    memo: LeanArchitectMemo | None = None
    #: the libraries whose LeanArchitect output the document inputs (`library/Name`)
    libraries: set[str] = field(default_factory=set)
    #: the inputs of LeanArchitect's output that is not there: (macro, file, line)
    missed: list[tuple[str, str, int]] = field(default_factory=list)
    #: the labels the document input, and the path of the LaTeX given for each
    produced: dict[str, str] = field(default_factory=dict)
    modules: set[str] = field(default_factory=set)  # the modules the document input
    repeats: dict[str, int] = field(default_factory=dict)  # inputs of a node after its first
    _blueprint: LeanBlueprint | None = None

    def again(self) -> LeanArchitectInputs:
        """These inputs as before the reader asked anything (the sources read stay read:
        they were read knowing the same libraries as a read again will know, when read)."""
        return replace(self, libraries=set(), missed=[], produced={}, modules=set(), repeats={})

    @property
    def blueprint(self) -> LeanBlueprint:
        if self._blueprint is None:
            self._blueprint = self.load(self)
        return self._blueprint

    @property
    def loaded(self) -> bool:
        return self._blueprint is not None

    def output(self, path: str) -> bool:
        self._note_library(path)
        return self.read_output

    def missing(self, macro: str, file: str, line: int) -> None:
        self.missed.append((macro, file, line))
        self._note_library(macro)

    def _note_library(self, path: str) -> None:
        """`library/Name`: the document inputs library Name's blueprint, which `lake build
        Name:blueprint` builds (its modules count as compiled)."""
        found = _LIBRARY_RE.search(path)
        if found is not None:
            self.libraries.add(found.group(1))

    def body(self, kind: str, name: str) -> tuple[Source, str] | None:
        index = self.blueprint.index
        if kind == "leannode":
            node = index.nodes.get(name)
            if node is None:
                return None
            file = node.first.file
            self.repeats[name] = self.repeats.get(name, -1) + 1
            if self.repeats[name]:  # shown once, where the document first inputs it
                return self._source(file, MappedText("", (node.first.line,))), ""
            facts = self.blueprint.facts[name]
            mapped = self.memo.node_latex(node, facts) if self.memo else node_latex(node, facts)
            self.produced[name] = self.prefix + file
        else:
            contents = index.module_contents(name)
            if contents is None:
                return None
            file = index.modules[name].file
            mapped = module_latex(contents, dict(index.nodes), file)
            self.modules.add(name)
        return self._source(file, mapped), self.blueprint.texts.get(file, "")

    def _source(self, file: str, mapped: MappedText) -> Source:
        if self.memo is not None:
            return self.memo.source(self.prefix + file, mapped)
        return prepare(self.prefix + file, mapped.text, list(mapped.lines))

    def unknown(self, kind: str, name: str) -> str:
        index = self.blueprint.index
        if kind == "leannode":
            hint = index.suggest_label(name)
            what = "no `@[blueprint]` declaration of the Lean sources has this label"
        else:
            hint = index.suggest_module(name)
            what = "no such Lean module in the project: TeX shows nothing here"
        return what + (f" (did you mean {hint}?)" if hint else "")

    # --- once the document is read --------------------------------------------------

    def finish(self, blueprint: Blueprint, required: bool = False) -> Blueprint:
        """The blueprint read, its Lean nodes given their uses, options and origin; what
        the document never inputs is reported. `required`: the project requires
        LeanArchitect, so its sources are read even when the document inputs nothing."""
        if self.memo is not None:
            self.memo.forget_unused()
        if any(in_output(f) for f in blueprint.files):
            return blueprint  # LeanArchitect's output was read (see `from_output`)
        if not (self.loaded or required or self.missed):
            return blueprint
        if self.blueprint.empty:
            missed = [_no_output(macro, file, line) for macro, file, line in self.missed]
            return replace(blueprint, diagnostics=[*blueprint.diagnostics, *missed])
        lean = self.blueprint
        ids = {alias: n.id for n in blueprint.nodes for alias in (n.id, *n.aliases)}
        nodes = []
        diagnostics: list[Diagnostic] = []
        # what a node's completion reads besides the node, its source and facts
        finished: dict[str, _Finished] = {}
        made_with = (ids, lean.index.nodes.keys())
        kept = self.memo.finished if self.memo and self.memo.finished_by == made_with else {}
        for node in blueprint.nodes:
            source = lean.index.nodes.get(node.id)
            if source is not None and self.produced.get(node.id) == node.statement.file:
                facts = lean.facts[node.id]
                done = kept.get(node.id)
                if done is None or not done.of(node, source, facts):
                    said: list[Diagnostic] = []
                    made = self._lean_node(node, source, facts, ids, said)
                    done = _Finished(node, source, facts, made, tuple(said))
                finished[node.id] = done
                node = done.node
                diagnostics += done.diagnostics
            nodes.append(node)
        if self.memo is not None:
            self.memo.finished, self.memo.finished_by = finished, (ids, set(made_with[1]))
        diagnostics += [
            Diagnostic(file, line, Severity.INFO, f"{macro}: not written (no `lake build"
                       " :blueprint` yet): the nodes are read from the Lean sources")
            for macro, file, line in self.missed
        ]
        diagnostics += [self._moved(d) for d in lean.index.diagnostics]
        diagnostics += self._never_input()
        for label, more in self.repeats.items():
            if more:
                repeated = lean.index.nodes[label]
                files = ", ".join(dict.fromkeys(d.file for d in repeated.declarations))
                diagnostics.append(Diagnostic(
                    self.prefix + repeated.first.file, repeated.first.line, Severity.INFO,
                    f"{label}: input {more + 1} times (its declarations are in {files}, and"
                    " each module lists it): shown once, where the document first inputs it",
                ))
        return replace(blueprint, nodes=nodes, diagnostics=[*blueprint.diagnostics, *diagnostics])

    def _lean_node(
        self,
        node: Node,
        source: LeanNode,
        facts: NodeFacts,
        ids: Mapping[str, str],
        diagnostics: list[Diagnostic],
    ) -> Node:
        def part(written: Part, uses: tuple[str, ...], excluded: tuple[str, ...],
                 inferred: tuple[str, ...]) -> Part:
            explicit = [ids[u] for u in uses if u not in excluded and u in ids]
            unknown = [u for u in uses if u not in ids and u not in self.blueprint.index.nodes]
            for label in unknown:
                diagnostics.append(Diagnostic(
                    node.file, node.line, Severity.WARNING,
                    f"{node.id}: uses `{label}`, which is no node of the document",
                ))
            added = [ids[u] for u in inferred if u not in excluded and u in ids]
            own = {node.id}
            # a `\\uses` in the text itself is written too (the LaTeX reader read it)
            explicit = list(dict.fromkeys(u for u in [*written.uses, *explicit] if u not in own))
            more = [u for u in dict.fromkeys(added) if u not in own and u not in explicit]
            return replace(written, uses=[*explicit, *more], inferred_uses=tuple(more),
                           unknown_uses=list(dict.fromkeys([*written.unknown_uses, *unknown])))

        statement = source.statement
        proof = node.proof
        if proof is not None and source.proof is not None and facts.proof is not None:
            proof = part(proof, source.proof.uses, source.proof.excludes, facts.proof.inferred)
        if not facts.compiled:
            diagnostics.append(Diagnostic(
                node.file, node.line, Severity.WARNING,
                f"{node.id}: declared in a module that no library the project builds imports"
                " (nor one whose blueprint the document inputs): its Lean code is never"
                " compiled, so it counts as not formalized",
            ))
        return replace(
            node,
            statement=part(
                node.statement, statement.uses, statement.excludes, facts.statement.inferred
            ),
            proof=proof,
            extra=tuple((option.name, option.value) for option in source.extra),
            from_lean=True,
        )

    def _moved(self, diagnostic: Diagnostic) -> Diagnostic:
        """A diagnostic of a Lean file, its path as the reader's go."""
        return replace(diagnostic, file=self.prefix + diagnostic.file)

    def _never_input(self) -> list[Diagnostic]:
        """Tagged declarations the document never inputs: a whole module at once."""
        index = self.blueprint.index
        found: list[Diagnostic] = []
        reported: set[str] = set()
        for name, module in index.modules.items():
            contents = index.module_contents(name) or ()
            labels = [c for c in contents if isinstance(c, str)]
            left = [label for label in labels if label not in self.produced]
            if not contents or name in self.modules:
                continue
            if len(left) == len(labels):
                first = module.contents[0]
                what = (
                    f"its {len(labels)} blueprint node{'s' if len(labels) != 1 else ''}"
                    if labels
                    else "its blueprint prose"
                )
                found.append(Diagnostic(
                    self.prefix + module.file, first.line, Severity.WARNING,
                    f"module {name}: the document never inputs {what}"
                    f" (\\inputleanmodule{{{name}}})",
                ))
                reported.update(left)
                continue
            for label in left:
                if label in reported:
                    continue
                reported.add(label)
                node = index.nodes[label]
                found.append(Diagnostic(
                    self.prefix + node.first.file, node.first.line, Severity.WARNING,
                    f"{label}: the document never inputs this node (\\inputleannode{{{label}}})",
                ))
        return found


def _no_output(macro: str, file: str, line: int) -> Diagnostic:
    return Diagnostic(
        file,
        line,
        Severity.ERROR,
        f"{macro}: no such file, and no `@[blueprint]` in the Lean sources: it is"
        " LeanArchitect's output, run `lake build :blueprint` in the project first to write"
        " it (its nodes are read from there)",
    )


def in_output(path: str) -> bool:
    """Whether a path is in LeanArchitect's output (`.lake/build/blueprint/`)."""
    return f"/{LAKE_OUTPUT}" in f"/{path}"


def from_output(node: Node) -> Node:
    """A node of LeanArchitect's output marked so, when it is an artifact (not the prose of
    a module): its `\\leanok` and uses come from a Lean build."""
    artifact = in_output(node.file) and ".artifacts/" in node.file
    return replace(node, from_lean=True) if artifact else node
