"""All modules' LeanArchitect records together: nodes by label, modules by name, and what a
LaTeX document's `\\inputleannode`/`\\inputleanmodule` reach. Pure.

Nodes follow LeanArchitect's `Output.lean` (the version PrimeNumberTheoremAnd pins, v4.32):
the declarations that share a label are one node, whose `\\lean` lists them all; its
environment, statement and proof are the first declaration's, a text left empty there is
the first non-empty one of the others (a proof's, else the doc comments of the first
declaration's tactic proof), the title the first given, `\\notready` if any says so, the
discussion the first given, the uses the union. A module's contents are its nodes (each
label once) and `blueprint_comment`s, in source order.

Only the edges written in the source are here (`uses`, `proofUses`, `sorry_using`,
`blueprint_using`, each name resolved to a tagged declaration's label); the ones
LeanArchitect infers from the constants a declaration uses need the Lean scan.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from types import MappingProxyType

from blueprint.model import Diagnostic, Severity
from blueprint.readers.leanarchitect.attribute import did_you_mean
from blueprint.readers.leanarchitect.records import (
    ExtraOption,
    LeanArchitectFile,
    ModuleComment,
    TaggedDeclaration,
    UseRef,
    name_candidates,
)


@dataclass(frozen=True, slots=True)
class NodePart:
    """The statement or the proof of a node."""

    env: str  # `theorem`, `definition`, `lemma`, ... or `proof`
    text: str
    uses: tuple[str, ...]  # labels, in the order written, each once
    excludes: tuple[str, ...] = ()  # labels written `-x`: never an edge, also not inferred


@dataclass(frozen=True, slots=True)
class LeanNode:
    """One blueprint node: every tagged declaration with one label."""

    label: str
    declarations: tuple[TaggedDeclaration, ...]
    statement: NodePart
    proof: NodePart | None
    title: str | None
    not_ready: bool
    discussion: int | None
    extra: tuple[ExtraOption, ...] = ()

    @property
    def lean_names(self) -> tuple[str, ...]:
        """What LeanArchitect writes in `\\lean{...}`."""
        return tuple(d.lean_name for d in self.declarations if d.lean_name is not None)

    @property
    def first(self) -> TaggedDeclaration:
        return self.declarations[0]


@dataclass(frozen=True, slots=True)
class ModuleIndex:
    """Every module of the library and every node, as `\\input...` resolves them."""

    modules: Mapping[str, LeanArchitectFile]
    nodes: Mapping[str, LeanNode]
    diagnostics: tuple[Diagnostic, ...] = ()

    def module_contents(self, module: str) -> tuple[str | ModuleComment, ...] | None:
        """What `\\inputleanmodule{module}` inputs: node labels (each once) and comments, in
        order; None when there is no such module."""
        found = self.modules.get(module)
        if found is None:
            return None
        seen: set[str] = set()
        out: list[str | ModuleComment] = []
        for item in found.contents:
            if isinstance(item, ModuleComment):
                out.append(item)
            elif item.label is not None and item.label not in seen:
                seen.add(item.label)
                out.append(item.label)
        return tuple(out)

    def suggest_module(self, name: str) -> str | None:
        """A module whose last component is close to `name`'s (a typo, or a move)."""
        last = name.rpartition(".")[2]
        by_last: dict[str, str] = {}
        for module in self.modules:
            by_last.setdefault(module.rpartition(".")[2], module)
        if last in by_last:
            return by_last[last]
        close = did_you_mean(last, list(by_last))
        return by_last[close] if close is not None else None

    def suggest_label(self, label: str) -> str | None:
        return did_you_mean(label, list(self.nodes))


def _merge(label: str, decls: list[TaggedDeclaration], uses: Mapping[int, _Uses]) -> LeanNode:
    first = decls[0]
    attrs = [d.attribute for d in decls]
    statement_text = first.attribute.statement or next(
        (a.statement for a in attrs if a.statement), ""
    )
    statement = NodePart(
        first.latex_env,
        statement_text,
        _union(uses[id(d)].statement for d in decls),
        _union(uses[id(d)].statement_excludes for d in decls),
    )
    proof = None
    if first.has_proof:
        with_proof = [d for d in decls if d.has_proof]
        text = first.attribute.proof or next(
            (d.attribute.proof for d in with_proof if d.attribute.proof), first.proof_text
        )
        proof = NodePart(
            "proof",
            text,
            _union(uses[id(d)].proof for d in with_proof),
            _union(uses[id(d)].proof_excludes for d in with_proof),
        )
    return LeanNode(
        label=label,
        declarations=tuple(decls),
        statement=statement,
        proof=proof,
        title=next((a.title for a in attrs if a.title is not None), None),
        not_ready=any(a.not_ready for a in attrs),
        discussion=next((a.discussion for a in attrs if a.discussion is not None), None),
        extra=tuple(e for a in attrs for e in a.extra),
    )


def _union(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(label for group in groups for label in group))


@dataclass(frozen=True, slots=True)
class _Uses:
    statement: tuple[str, ...]
    statement_excludes: tuple[str, ...]
    proof: tuple[str, ...]
    proof_excludes: tuple[str, ...]


class _Resolver:
    """Lean names written in `uses`, `proofUses` and `sorry_using`, resolved to labels."""

    def __init__(
        self, by_name: Mapping[str, TaggedDeclaration], declared: Collection[str] | None
    ) -> None:
        self.by_name = by_name
        self.declared = declared
        self.diagnostics: list[Diagnostic] = []
        self._by_last: dict[str, str] | None = None

    def constant(self, decl: TaggedDeclaration, written: str) -> str | None:
        """The declaration `written` names (Lean's order of namespaces), if known."""
        for candidate in name_candidates(written, decl.namespace, decl.opens):
            if candidate in self.by_name or (
                self.declared is not None and candidate in self.declared
            ):
                return candidate
        return None

    def labels(
        self, decl: TaggedDeclaration, refs: Iterable[UseRef], what: str
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The labels `refs` name, and the ones they exclude."""
        uses: list[str] = []
        excludes: list[str] = []
        for ref in refs:
            if ref.is_label:
                (excludes if ref.exclude else uses).append(ref.target)
                continue
            name = self.constant(decl, ref.target)
            tagged = self.by_name.get(name) if name is not None else None
            if tagged is not None and tagged.label is not None:
                if ref.exclude:
                    excludes.append(tagged.label)
                elif tagged.label != decl.label:
                    uses.append(tagged.label)
                continue
            if name is None:
                hint = self.suggest(ref.target)
                self.report(
                    decl,
                    ref,
                    f"`{what}` names `{ref.target}`, which is no tagged declaration"
                    + (f" (did you mean `{hint}`?)" if hint else "")
                    + ("" if self.declared is None else " nor a declaration of the project"),
                    Severity.WARNING,
                )
            elif not ref.exclude:
                self.report(
                    decl,
                    ref,
                    f"`{what}` names `{name}`, which has no blueprint attribute:"
                    " LeanArchitect draws no edge for it",
                    Severity.INFO,
                )
        return tuple(dict.fromkeys(uses)), tuple(dict.fromkeys(excludes))

    def suggest(self, written: str) -> str | None:
        """A tagged name whose last component is close to that of `written`."""
        if self._by_last is None:
            self._by_last = {}
            for name in self.by_name:
                self._by_last.setdefault(name.rpartition(".")[2], name)
        close = did_you_mean(written.rpartition(".")[2], list(self._by_last))
        return self._by_last[close] if close is not None else None

    def report(
        self, decl: TaggedDeclaration, ref: UseRef, message: str, severity: Severity
    ) -> None:
        self.diagnostics.append(Diagnostic(decl.file, ref.line, severity, message))

    def uses(self, decl: TaggedDeclaration) -> _Uses:
        attr = decl.attribute
        statement, statement_excludes = self.labels(decl, attr.uses, "uses")
        tactic, _ = self.labels(decl, decl.tactic_uses, "sorry_using")
        if decl.has_proof:
            proof, proof_excludes = self.labels(decl, attr.proof_uses, "proofUses")
            return _Uses(statement, statement_excludes, proof + tactic, proof_excludes)
        if attr.proof_uses:
            self.diagnostics.append(
                Diagnostic(
                    decl.file,
                    attr.proof_uses[0].line,
                    Severity.WARNING,
                    f"`proofUses` on `{decl.name}`, which has no proof part, is ignored by"
                    " LeanArchitect (add `(hasProof := true)`)",
                )
            )
        # no proof part: the constants of the value (`sorry_using`) count for the statement
        return _Uses(statement + tactic, statement_excludes, (), ())


def index_modules(
    files: Iterable[LeanArchitectFile], declared: Collection[str] | None = None
) -> ModuleIndex:
    """The index of a library's modules (`files`, one per module, in the order to read
    them). `declared`, when given, holds every declaration name of the project: a `uses`
    entry then resolves as Lean resolves it, and `attribute [blueprint] x` tags the `x`
    Lean would find; without it only tagged names are known."""
    modules = {f.module: f for f in files}
    tagged = [d for f in modules.values() for d in f.declarations]
    by_name: dict[str, TaggedDeclaration] = {}
    for decl in tagged:
        if decl.kind != "attribute" and decl.name is not None:
            by_name.setdefault(decl.name, decl)
    resolver = _Resolver(by_name, declared)
    resolved: list[TaggedDeclaration] = []
    for decl in tagged:
        if decl.kind == "attribute" and decl.candidates:
            name = next(
                (c for c in decl.candidates if c in by_name or (declared and c in declared)),
                decl.name,
            )
            if name != decl.name:
                decl = replace(decl, name=name)
            if name is not None:
                by_name.setdefault(name, decl)
        resolved.append(decl)
    groups: dict[str, list[TaggedDeclaration]] = {}
    for decl in resolved:
        if decl.label is not None:
            groups.setdefault(decl.label, []).append(decl)
    uses = {id(d): resolver.uses(d) for d in resolved}
    nodes = {label: _merge(label, decls, uses) for label, decls in groups.items()}
    diagnostics = tuple(d for f in modules.values() for d in f.diagnostics)
    return ModuleIndex(
        MappingProxyType(modules),
        MappingProxyType(nodes),
        diagnostics + tuple(resolver.diagnostics),
    )


class InputKind(StrEnum):
    NODE = "inputleannode"
    MODULE = "inputleanmodule"


@dataclass(frozen=True, slots=True)
class LeanInput:
    """One `\\inputleannode{name}` or `\\inputleanmodule{name}` of the LaTeX document."""

    kind: InputKind
    name: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Coverage:
    """How the document's inputs meet the Lean side."""

    #: inputs that name no node or module, with the closest existing name
    unknown: tuple[tuple[LeanInput, str | None], ...]
    #: nodes the document never inputs, in index order
    never_input: tuple[LeanNode, ...]
    #: modules with blueprint content (nodes or prose) that the document never inputs:
    #: no `\\inputleanmodule` and none of their nodes by `\\inputleannode`
    modules_never_input: tuple[str, ...]


def coverage(index: ModuleIndex, inputs: Iterable[LeanInput]) -> Coverage:
    """Which inputs reach nothing, and which nodes and modules no input reaches."""
    unknown: list[tuple[LeanInput, str | None]] = []
    reached: set[str] = set()
    modules: set[str] = set()
    for item in inputs:
        if item.kind is InputKind.NODE:
            if item.name in index.nodes:
                reached.add(item.name)
            else:
                unknown.append((item, index.suggest_label(item.name)))
            continue
        contents = index.module_contents(item.name)
        if contents is None:
            unknown.append((item, index.suggest_module(item.name)))
        else:
            modules.add(item.name)
            reached.update(c for c in contents if isinstance(c, str))
    never = tuple(n for label, n in index.nodes.items() if label not in reached)
    modules_never = tuple(
        name
        for name, f in index.modules.items()
        if f.contents
        and name not in modules
        and not any(d.label in reached for d in f.declarations)
    )
    return Coverage(tuple(unknown), never, modules_never)
