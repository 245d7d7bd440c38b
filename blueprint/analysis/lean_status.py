"""Status straight from the Lean sources, and the checks that catch stale blueprints.

Pure: takes the blueprint's nodes, the graph and a scanned `LeanProject`; returns
per-node formalization facts, a report per node and diagnostics.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from blueprint.analysis.graph import DependencyGraph
from blueprint.analysis.status import Formalization, formalization_from_annotations
from blueprint.lean.model import Declaration
from blueprint.lean.project import LeanProject, Resolution
from blueprint.model import DeclarationStatus, Diagnostic, Node, Severity
from blueprint.vocabulary import vocabulary


@dataclass(frozen=True)
class DeclarationReport:
    name: str
    status: DeclarationStatus
    found: bool
    file: str | None
    line: int | None
    end_line: int | None
    has_sorry: bool | None
    message: str

    @property
    def maybe_in_dependency(self) -> bool:
        """Declared nowhere in the project, under a name a dependency may declare."""
        return self.status is DeclarationStatus.MISSING and "may be in a dependency" in self.message


@dataclass(frozen=True)
class LeanReport:
    declarations: tuple[DeclarationReport, ...]
    sorry_free_down: bool | None  # no sorry in anything its project declarations reach


@dataclass
class LeanStatus:
    formalization: dict[str, Formalization]
    reports: dict[str, LeanReport]
    diagnostics: list[Diagnostic]


@dataclass
class LeanStatusMemo:
    """What a watch session keeps of `lean_status` between builds: the result of each node
    written in Lean (`from_lean`), while the node (the same object: a rebuild hands back
    those an edit did not change), the project (the same object: see `ScanCache.last`)
    and the sorry overrides are the same. Another node's checks read the graph too."""

    project: LeanProject | None = None
    overrides: dict[str, bool] = field(default_factory=dict)
    nodes: dict[str, _NodeStatus] = field(default_factory=dict)


#: a node's result: the node, its report, its formalization and the diagnostics said of it
_NodeStatus = tuple[Node, LeanReport, Formalization, list[Diagnostic]]


def lean_status(
    nodes: Sequence[Node],
    graph: DependencyGraph,
    project: LeanProject,
    sorry_overrides: Mapping[str, bool] | None = None,
    memo: LeanStatusMemo | None = None,
) -> LeanStatus:
    """Formalization of every node read from Lean, with the stale-annotation checks."""
    overrides = dict(sorry_overrides or {})
    sorry_free = _SorryFreeDown(project, overrides)
    suggest = _Suggestions(project)
    owner = _declaration_owners(nodes)
    formal: dict[str, Formalization] = {}
    reports: dict[str, LeanReport] = {}
    diagnostics: list[Diagnostic] = []
    same = memo is not None and memo.project is project and memo.overrides == overrides
    kept = memo.nodes if memo is not None and same else {}
    made: dict[str, _NodeStatus] = {}
    for node in nodes:
        found = kept.get(node.id)
        if found is not None and found[0] is node:
            made[node.id] = found
            reports[node.id], formal[node.id] = found[1], found[2]
            diagnostics += found[3]
            continue
        resolutions = [project.resolve(name) for name in node.lean]
        declarations = tuple(_report(r, overrides) for r in resolutions)
        formalized = DeclarationStatus.FORMALIZED
        project_decls = [r.declaration for r in resolutions if r.status is formalized]
        down = all(sorry_free(d) for d in project_decls if d is not None) if project_decls else None
        reports[node.id] = LeanReport(declarations, down)
        formal[node.id] = formalization_of(node, declarations)
        if node.from_lean:  # its \leanok and uses are the Lean code's: nothing to check
            said = _checks(node, declarations, formal[node.id], suggest, claims=False)
            made[node.id] = (node, reports[node.id], formal[node.id], said)
            diagnostics += said
            continue
        diagnostics += _checks(node, declarations, formal[node.id], suggest)
        diagnostics += _missing_edges(node, project_decls, project, owner, graph)
    if memo is not None:
        memo.project, memo.overrides, memo.nodes = project, overrides, made
    return LeanStatus(formal, reports, diagnostics)


def lean_formalization(
    nodes: Sequence[Node],
    project: LeanProject,
    sorry_overrides: Mapping[str, bool] | None = None,
) -> dict[str, Formalization]:
    """Only the formalization facts of `lean_status`, without its reports and checks."""
    declarations = lean_declarations(nodes, project, sorry_overrides)
    return {node.id: formalization_of(node, declarations[node.id]) for node in nodes}


def lean_declarations(
    nodes: Sequence[Node],
    project: LeanProject,
    sorry_overrides: Mapping[str, bool] | None = None,
) -> dict[str, tuple[DeclarationReport, ...]]:
    """What each `\\lean` name of each node resolves to, without the checks of `lean_status`
    (no suggestions, no sorry down the dependencies): what the history keeps of every commit."""
    overrides = dict(sorry_overrides or {})
    return {
        node.id: tuple(_report(project.resolve(name), overrides) for name in node.lean)
        for node in nodes
    }


def _report(resolution: Resolution, overrides: Mapping[str, bool]) -> DeclarationReport:
    decl = resolution.declaration
    has_sorry: bool | None = None
    if decl is not None and resolution.status is DeclarationStatus.FORMALIZED:
        has_sorry = overrides.get(decl.name, decl.has_sorry)
    elif resolution.status is DeclarationStatus.DEPENDENCY:
        has_sorry = False
    return DeclarationReport(
        name=resolution.name,
        status=resolution.status,
        found=resolution.found,
        file=decl.file if decl else None,
        line=decl.line if decl else None,
        end_line=decl.end_line if decl else None,
        has_sorry=has_sorry,
        message=resolution.message,
    )


def formalization_of(node: Node, declarations: Sequence[DeclarationReport]) -> Formalization:
    """A statement is formalized when every `\\lean` name is found; its proof when none has sorry.

    Nodes without `\\lean` names keep their annotations; `\\mathlibok` is trusted; a name
    that may be in an unindexed dependency counts only as far as the annotations say.
    """
    annotated = formalization_from_annotations(node)
    if not declarations or node.from_lean:
        # a node written in Lean: its \leanok was computed from the Lean code already
        return annotated
    if node.statement.mathlibok:
        return Formalization(stated=True, proved=True, mathlib=True)
    stated = proved = True
    for decl in declarations:
        if decl.status in (DeclarationStatus.FORMALIZED, DeclarationStatus.DEPENDENCY):
            proved = proved and decl.has_sorry is False
        elif decl.status is DeclarationStatus.MACRO or decl.maybe_in_dependency:
            stated = stated and annotated.stated
            proved = proved and annotated.proved
        else:  # not compiled, only proof_wanted, or declared nowhere
            stated = proved = False
    return Formalization(stated=stated, proved=stated and proved)


def _checks(
    node: Node,
    declarations: Sequence[DeclarationReport],
    formal: Formalization,
    suggest: _Suggestions,
    claims: bool = True,
) -> list[Diagnostic]:
    """Names declared nowhere; with `claims` (annotations written by hand), also names not
    compiled and the `\\leanok`s that the Lean code does not back, or could back."""
    found: list[Diagnostic] = []
    statement, proof = node.statement, node.proof

    def say(line: int, severity: Severity, message: str, file: str | None = None) -> None:
        found.append(Diagnostic(file or statement.file, line, severity, f"{node.id}: {message}"))

    vouched = statement.leanok or statement.mathlibok
    words = vocabulary(node)
    for decl in declarations:
        if not claims and (statement.mathlibok or decl.status is not DeclarationStatus.MISSING):
            continue  # a dependency's name, or one the Lean code itself vouches for
        if decl.status is DeclarationStatus.MISSING:
            hint = suggest(decl.name)
            tail = f"; did you mean {', '.join(f'`{h}`' for h in hint)}?" if hint else ""
            # Worth a warning when the blueprint claims it exists (\leanok) or when it looks
            # like a typo of an existing name; a planned name, or one the annotations vouch
            # for that may be in an unindexed dependency, is only a note.
            claimed = vouched and not decl.maybe_in_dependency
            # Where no hand-written mark vouches for a name (a Verso Blueprint's `lean`
            # names declarations Verso's build looks up), a missing one is always worth a
            # warning.
            claimed = claimed or (words.leanok is None and not decl.maybe_in_dependency)
            severity = Severity.WARNING if claimed or hint else Severity.INFO
            say(statement.line, severity, f"`{decl.name}` is {decl.message}{tail}")
        elif decl.status in (DeclarationStatus.NOT_COMPILED, DeclarationStatus.PROOF_WANTED) and (
            vouched
        ):
            say(statement.line, Severity.WARNING,
                f"{words.leanok}, but `{decl.name}` is {decl.message}")
        elif decl.status is DeclarationStatus.NOT_COMPILED:
            say(statement.line, Severity.WARNING, f"`{decl.name}` is {decl.message}")
    if node.statement.mathlibok or not claims:
        return found
    sorried = [d for d in declarations if d.has_sorry]
    if proof is not None and proof.leanok and sorried:
        where = ", ".join(f"`{d.name}` ({d.file}:{d.line})" for d in sorried)
        say(
            proof.line,
            Severity.WARNING,
            f"proof marked {words.leanok} but {where} uses sorry",
            proof.file,
        )
    if words.leanok is None:
        return found  # no mark to advise on
    if formal.stated and not statement.leanok:
        say(statement.line, Severity.INFO,
            f"the Lean statement exists: {words.leanok} may be added")
    if formal.proved and proof is not None and not proof.leanok:
        say(
            proof.line,
            Severity.INFO,
            f"the Lean proof is complete: {words.leanok} may be added to the proof",
            proof.file,
        )
    return found


def _declaration_owners(nodes: Sequence[Node]) -> dict[str, str]:
    owners: dict[str, str] = {}
    for node in nodes:
        for name in node.lean:
            owners.setdefault(name.removeprefix("_root_."), node.id)
    return owners


def _missing_edges(
    node: Node,
    declarations: Sequence[Declaration | None],
    project: LeanProject,
    owner: Mapping[str, str],
    graph: DependencyGraph,
) -> list[Diagnostic]:
    """A Lean proof that uses another node's declaration the blueprint does not say it needs."""
    used: set[str] = set()
    for decl in declarations:
        if decl is not None:
            used.update(owner[r] for r in project.resolve_references(decl) if r in owner)
    used.discard(node.id)
    # Only a dependency the graph does not already imply is missing.
    missing = sorted(
        other
        for other in used
        if node.id not in graph or other not in graph or not graph.has_path(other, node.id)
    )
    part = node.proof or node.statement
    words = vocabulary(node)
    return [
        Diagnostic(
            part.file,
            part.line,
            Severity.WARNING,
            f"{node.id}: its Lean code uses {other} but the blueprint does not say so: "
            + words.use_of(other),
        )
        for other in missing
    ]


class _SorryFreeDown:
    """Whether a declaration and everything it reaches in the project are free of sorry."""

    def __init__(self, project: LeanProject, overrides: Mapping[str, bool]) -> None:
        self.project = project
        self.overrides = overrides
        self.memo: dict[str, bool] = {}

    def __call__(self, root: Declaration) -> bool:
        if root.name in self.memo:
            return self.memo[root.name]
        # Iterative depth-first search; a cycle counts as sorry-free until proven otherwise.
        stack = [(root, iter(sorted(self.project.resolve_references(root))))]
        self.memo[root.name] = not self._sorry(root)
        while stack:
            decl, children = stack[-1]
            child_name = next(children, None)
            if child_name is None:
                stack.pop()
                if stack and not self.memo[decl.name]:
                    self.memo[stack[-1][0].name] = False
                continue
            if child_name in self.memo:
                if not self.memo[child_name]:
                    self.memo[decl.name] = False
                continue
            child = self.project.lookup(child_name)
            if child is None:
                continue
            self.memo[child_name] = not self._sorry(child)
            stack.append((child, iter(sorted(self.project.resolve_references(child)))))
        return self.memo[root.name]

    def _sorry(self, decl: Declaration) -> bool:
        return self.overrides.get(decl.name, decl.has_sorry)


def _moved(name: str, candidate: str) -> bool:
    """Whether `candidate` looks like `name` moved to another namespace.

    Common names (`congr`, `mono`, `ext_iff`, ...) exist in many namespaces: for them the
    namespaces must be related (one inside the other, or the same last component)."""
    namespace, _, last = name.rpartition(".")
    other = candidate.rpartition(".")[0]
    related = (
        namespace.startswith(other)
        or other.startswith(namespace)
        or namespace.endswith(other)
        or other.endswith(namespace)
        or namespace.rpartition(".")[2] == other.rpartition(".")[2]
    )
    specific = "_" in last and len(last) >= 10
    return related or specific


@functools.lru_cache(maxsize=4096)
def _close_names(name: str, candidates: tuple[str, ...], limit: int) -> list[str]:
    """Memoized across builds: in watch mode the same names are looked up again and again."""
    return difflib.get_close_matches(name, candidates, n=limit, cutoff=0.9)


class _Suggestions:
    """Closest existing names for a `\\lean` name that is declared nowhere."""

    def __init__(self, project: LeanProject) -> None:
        self.project = project
        self._by_last: dict[str, list[str]] | None = None
        self._by_namespace: dict[str, list[str]] | None = None
        self._lower: dict[str, list[str]] | None = None

    def __call__(self, name: str, limit: int = 3) -> list[str]:
        by_last = self._index()
        namespace, _, last = name.rpartition(".")
        found = [n for n in by_last.get(last, []) if n.endswith("." + name)]  # missing prefix
        found += self._by_lower().get(name.lower(), [])  # other case
        found += [n for n in by_last.get(last, []) if _moved(name, n)]
        # a renamed declaration: a close name in the same namespace
        siblings = tuple(n.rpartition(".")[2] for n in self._in_namespace(namespace))
        for close in _close_names(last, siblings, limit):
            found.append(f"{namespace}.{close}" if namespace else close)
        unique = list(dict.fromkeys(n for n in found if n != name))
        return unique[:limit]

    @functools.cached_property
    def names(self) -> list[str]:
        """Every name of the project, sorted (worked out for the first name not found)."""
        return sorted(self.project.index)

    def _by_lower(self) -> dict[str, list[str]]:
        if self._lower is None:
            self._lower = {}
            for n in self.names:
                self._lower.setdefault(n.lower(), []).append(n)
        return self._lower

    def _in_namespace(self, namespace: str) -> list[str]:
        if self._by_namespace is None:
            self._by_namespace = {}
            for n in self.names:
                self._by_namespace.setdefault(n.rpartition(".")[0], []).append(n)
        return self._by_namespace.get(namespace, [])

    def _index(self) -> dict[str, list[str]]:
        if self._by_last is None:
            self._by_last = {}
            for n in self.names:
                self._by_last.setdefault(n.rsplit(".", 1)[-1], []).append(n)
        return self._by_last
