"""What the Lean code says of each LeanArchitect node: the edges LeanArchitect infers, its
`\\leanok` and `\\mathlibok`. Pure: records and a scanned `LeanProject` in, facts out.

LeanArchitect (`CollectUsed.lean`, `Output.lean`) collects the constants a declaration's
type uses (its statement) and those its value uses (its proof), following every constant
that has no `@[blueprint]` until it reaches tagged ones; the labels of these are the
inferred uses, the proof's less the statement's. A part is `\\leanok` when no `sorry` is
reached on the way (a tagged constant stops the walk: its own `sorry` is its own node's).
A node without a proof part gets both sets, and both `sorry`s, on its statement.

Text stands in for the elaborated terms: the names a declaration's text refers to
(`Declaration.statement_references`, `references`), resolved to the project's
declarations as Lean would resolve them. What elaboration adds (instances, coercions,
`simp` lemmas, notation) is not seen, nor a `sorry` a tactic or macro makes; a `lake build`
log (`LeanProject.sorry_overrides`) gives the exact `sorry` of each declaration.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from blueprint.readers.leanarchitect.index import LeanNode, ModuleIndex
from blueprint.readers.leanarchitect.records import LeanArchitectFile, TaggedDeclaration
from blueprint.tarjan import strong_components

if TYPE_CHECKING:
    from blueprint.lean.model import Declaration
    from blueprint.lean.project import LeanProject

#: the modules whose names LeanArchitect marks `\\mathlibok`
MATHLIB_ROOTS = frozenset({"Init", "Lean", "Std", "Batteries", "Mathlib"})


@dataclass(frozen=True, slots=True)
class PartFacts:
    """A statement or a proof as the Lean code has it."""

    inferred: tuple[str, ...]  # the labels LeanArchitect would infer, sorted
    leanok: bool


@dataclass(frozen=True, slots=True)
class NodeFacts:
    compiled: bool  # every declaration is in a module the build compiles
    statement: PartFacts
    proof: PartFacts | None
    mathlibok: bool


def place_declarations(
    files: Iterable[LeanArchitectFile], project: LeanProject
) -> tuple[list[LeanArchitectFile], dict[int, Declaration]]:
    """The records with the name of each anonymous instance filled in (the name the
    scanner makes up, as Lean does), and the scanner's declaration of each tagged one (by
    `id` of the record), matched by file and line of the declared name."""
    at: dict[tuple[str, int], list[Declaration]] = {}
    for decls in project.index.values():
        for decl in decls:
            at.setdefault((decl.file, decl.line), []).append(decl)
    placed: list[LeanArchitectFile] = []
    found: dict[int, Declaration] = {}
    for file in files:
        contents = []
        for item in file.contents:
            if isinstance(item, TaggedDeclaration):
                scanned = _match(item, at, project)
                if item.name is None and scanned is not None:
                    item = replace(item, name=scanned.name)
                if scanned is not None:
                    found[id(item)] = scanned
            contents.append(item)
        placed.append(replace(file, contents=tuple(contents)))
    return placed, found


def _match(
    tagged: TaggedDeclaration,
    at: Mapping[tuple[str, int], list[Declaration]],
    project: LeanProject,
) -> Declaration | None:
    if tagged.kind == "attribute":  # `attribute [blueprint] x`: x as Lean resolves it
        return next((d for c in tagged.candidates if (d := project.lookup(c))), None)
    here = at.get((tagged.file, tagged.line), [])
    if tagged.name is not None:
        named = [d for d in here if d.name == tagged.name]
        if named:
            return named[0]
        looked = project.lookup(tagged.name)  # `to_additive`'s copy, declared elsewhere
        if looked is not None:
            return looked
    if tagged.name is None:  # an anonymous instance, at the line of its keyword
        return next((d for d in here if d.kind == "instance" and d.generated), None)
    return next((d for d in here if not d.generated), None)


class _Walk:
    """The tagged labels and the `sorry` that each untagged declaration leads to, through
    the untagged ones it refers to (strongly connected ones share their result)."""

    def __init__(self, project: LeanProject, labels: Mapping[str, str]) -> None:
        self.project = project
        self.labels = labels  # tagged declaration name -> its label
        self.done: dict[str, tuple[frozenset[str], bool]] = {}
        self.refs: dict[str, list[str]] = {}
        self.found: dict[str, Declaration | None] = {}

    def lookup(self, name: str) -> Declaration | None:
        if name not in self.found:
            self.found[name] = self.project.lookup(name)
        return self.found[name]

    def targets(self, name: str) -> list[str]:
        found = self.refs.get(name)
        if found is None:
            decl = self.lookup(name)
            found = [] if decl is None else sorted(self.project.resolve_references(decl))
            self.refs[name] = found
        return found

    def reach(self, names: Iterable[str], root: str) -> tuple[set[str], bool]:
        """The labels `names` lead to, and whether a `sorry` is on the way."""
        labels: set[str] = set()
        sorry = False
        for name in names:
            if name == root:
                continue
            label = self.labels.get(name)
            if label is not None:
                labels.add(label)
                continue
            reached, used = self.closure(name)
            labels |= reached
            sorry = sorry or used
        return labels, sorry

    def closure(self, start: str) -> tuple[frozenset[str], bool]:
        """What an untagged declaration leads to: its strongly connected ones first."""
        if start not in self.done:
            for members in strong_components([start], self._untagged):
                self._finish_component(members)
        return self.done[start]

    def _untagged(self, name: str) -> list[str]:
        """The untagged declarations `name` refers to whose closure is still to find."""
        return [t for t in self.targets(name) if t not in self.labels and t not in self.done]

    def _finish_component(self, members: list[str]) -> None:
        inside = set(members)
        labels: set[str] = set()
        sorry = False
        for name in members:
            decl = self.lookup(name)
            sorry = sorry or (decl is not None and self.project.has_sorry(decl))
            for nxt in self.targets(name):
                if nxt in inside:
                    continue
                label = self.labels.get(nxt)
                if label is not None:
                    labels.add(label)
                elif nxt in self.done:
                    reached, used = self.done[nxt]
                    labels |= reached
                    sorry = sorry or used
        result = (frozenset(labels), sorry)
        for name in members:
            self.done[name] = result


def node_facts(
    index: ModuleIndex,
    project: LeanProject,
    scanned: Mapping[int, Declaration],
    compiled: Set[str] | None = None,
) -> dict[str, NodeFacts]:
    """The facts of every node of `index`; `scanned` is the scanner's declaration of each
    tagged record, by `id` (see `place_declarations`); `compiled`, the modules a build
    compiles (by default the project's)."""
    built = project.compiled if compiled is None else compiled
    labels = {
        decl.name: node.label
        for node in index.nodes.values()
        for tagged in node.declarations
        if (decl := scanned.get(id(tagged))) is not None
    }
    walk = _Walk(project, labels)
    return {
        label: _facts(
            node, [scanned.get(id(t)) for t in node.declarations], project, walk, built
        )
        for label, node in index.nodes.items()
    }


def _facts(
    node: LeanNode,
    decls: Sequence[Declaration | None],
    project: LeanProject,
    walk: _Walk,
    compiled: Set[str],
) -> NodeFacts:
    statement: set[str] = set()
    proof: set[str] = set()
    statement_ok = proof_ok = True
    built = True
    for tagged, decl in zip(node.declarations, decls, strict=True):
        if decl is None:  # a name from a dependency: compiled, and no sorry
            continue
        if not decl.formalized or decl.module not in compiled:
            statement_ok = proof_ok = built = False
            continue
        targets = project.reference_targets(decl)
        stated = {targets[r] for r in decl.statement_references if r in targets}
        in_type, type_sorry = walk.reach(stated, decl.name)
        in_value, value_sorry = walk.reach(set(targets.values()) - stated, decl.name)
        type_sorry = type_sorry or (decl.statement_sorry and project.has_sorry(decl))
        value_sorry = value_sorry or project.has_sorry(decl)
        statement |= in_type
        if tagged.has_proof:
            proof |= in_value - in_type
            statement_ok = statement_ok and not type_sorry
            proof_ok = proof_ok and not value_sorry
        else:
            statement |= in_value
            statement_ok = statement_ok and not (type_sorry or value_sorry)
    own = {node.label}
    return NodeFacts(
        compiled=built,
        statement=PartFacts(tuple(sorted(statement - own)), statement_ok),
        proof=(
            PartFacts(tuple(sorted(proof - own)), proof_ok) if node.proof is not None else None
        ),
        mathlibok=all(d is None for d in decls) and all(
            _from_mathlib(t.name, project) for t in node.declarations
        ),
    )


def _from_mathlib(name: str | None, project: LeanProject) -> bool:
    """Whether a name the project does not declare is one LeanArchitect marks `\\mathlibok`:
    from Lean's own libraries, Batteries or Mathlib. A name no indexed dependency declares
    counts (Lean's own libraries are never indexed), and so does every name without the
    dependencies' sources (`.lake/packages`): the attribute names a declaration Lean found,
    so it comes from some dependency."""
    if name is None:
        return False
    module = project.deps.module_of(name) if project.deps is not None else None
    return module is None or module.partition(".")[0] in MATHLIB_ROOTS
