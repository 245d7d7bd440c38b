"""What one revision says of each node: the record that `blueprint diff` compares.

`project_state` (pure) keeps, per node, its statuses, what its `\\lean` names resolve to and
the `\\uses` labels that name nothing; the edges, the dependency cycles, the ready tasks with
what each unlocks, and the progress rows. The history keeps one per commit (`cache`), so that
a diff of two commits it walked reads both from the disk; the counts of the progress chart
(`Snapshot`) are a part of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

from blueprint.analysis.graph import DependencyGraph, condense
from blueprint.analysis.status import NodeStatus
from blueprint.analysis.tasks import Progress, TaskKind, newly_ready, progress, ready_tasks
from blueprint.config import BlueprintFormat
from blueprint.model import Border, EdgeKind, Fill, Node, StatusSource

if TYPE_CHECKING:
    from blueprint.analysis.lean_status import DeclarationReport

#: `LeanName.status` of a name declared nowhere we looked
MISSING = "missing"


class State(StrEnum):
    OK = "ok"
    ABSENT = "absent"  # no blueprint in this commit (not yet, or not where we look)
    BROKEN = "broken"  # the files do not parse: a gap in the chart
    #: read, but the statuses could not be checked (the Lean sources are a submodule not in
    #: the commit): a gap in the chart, not a fall to nothing; the record is OK (`unchecked`)
    UNCHECKED = "unchecked"


@dataclass(frozen=True)
class LeanName:
    """A `\\lean` name of a node and what it resolved to (`DeclarationReport.status`)."""

    name: str
    status: str  # formalized | not_compiled | proof_wanted | dependency | macro | missing
    has_sorry: bool | None  # None: no declaration of the project to look into
    maybe_in_dependency: bool = False  # missing from the project; a dependency may declare it


@dataclass(frozen=True)
class NodeState:
    id: str
    env: str
    is_definition: bool
    title: str | None  # as written (TeX)
    chapter: str | None  # as written (TeX)
    file: str
    line: int
    border: Border
    fill: Fill
    stated: bool
    proved: bool  # the proof is formalized
    done: bool  # `NodeStatus.done`: what the progress counts as proved
    done_down: bool  # `NodeStatus.done_down`: what it counts as fully proved
    lean: tuple[LeanName, ...] = ()
    unknown_uses: tuple[str, ...] = ()  # labels its uses name that name no node
    digest: str = ""  # of the statement's text: the same node under another label
    checked: bool = True  # False: its Lean names could not be looked at (`NodeStatus`)

    @property
    def finished(self) -> bool:
        """What the history calls finished: a definition once stated, else once proved."""
        return self.stated if self.is_definition else self.proved


@dataclass(frozen=True)
class Edge:
    source: str  # the dependency
    target: str  # its user
    kind: EdgeKind


@dataclass(frozen=True)
class TaskState:
    """A task that can be done now (`tasks.Task`), with the nodes it makes ready."""

    node_id: str
    kind: TaskKind
    unlocks: tuple[str, ...]  # users that become ready once it is done (stating tasks)
    dependents: int  # nodes that depend on it, directly or not
    main_results: int  # main results that depend on it


@dataclass(frozen=True)
class ProjectState:
    """The project at one revision; when `state` is not OK, `message` says why and the rest
    is empty."""

    state: State
    message: str = ""
    source: str = ""  # where the statuses come from: "lean" or "annotations"
    nodes: tuple[NodeState, ...] = ()  # in document order
    edges: tuple[Edge, ...] = ()
    tasks: tuple[TaskState, ...] = ()  # most useful first
    cycles: tuple[tuple[str, ...], ...] = ()  # each in document order
    rows: tuple[Progress, ...] = ()  # "All", then one per chapter (`tasks.progress`)
    #: the blueprint's format (`vocabulary.blueprint_format`): how its messages name things
    format: BlueprintFormat = BlueprintFormat.LATEX
    #: why the statuses of its nodes that name Lean code could not be checked ("": they were)
    unchecked: str = ""

    @cached_property
    def by_id(self) -> dict[str, NodeState]:
        return {node.id: node for node in self.nodes}

    def total(self) -> Progress | None:
        return self.rows[0] if self.rows else None


def project_state(
    nodes: Sequence[Node],
    graph: DependencyGraph,
    statuses: Mapping[str, NodeStatus],
    source: StatusSource,
    declarations: Mapping[str, Sequence[DeclarationReport]] | None = None,
    main_results: Sequence[str] = (),
    format: BlueprintFormat = BlueprintFormat.LATEX,
    unchecked: str = "",
) -> ProjectState:
    """The record of a project whose statuses are known (its blueprint in `format`). Pure."""
    declarations = declarations or {}
    by_id = {node.id: node for node in nodes}
    stated = {node_id for node_id, status in statuses.items() if status.stated}
    tasks = tuple(
        TaskState(
            task.node_id,
            task.kind,
            tuple(newly_ready(task.node_id, by_id, graph, statuses, stated))
            if task.kind is TaskKind.STATE else (),
            task.dependents,
            task.main_results,
        )
        for task in ready_tasks(nodes, graph, statuses, main_results)
    )
    return ProjectState(
        State.OK,
        source=source.value,
        nodes=tuple(_node_state(node, statuses[node.id], declarations.get(node.id, ()))
                    for node in nodes),
        edges=tuple(Edge(source, target, kind) for source, target, kind in graph.edges()),
        tasks=tasks,
        cycles=tuple(c for c in condense(graph).components if len(c) > 1),
        rows=tuple(progress(nodes, statuses)),
        format=format,
        unchecked=unchecked,
    )


def _node_state(node: Node, status: NodeStatus,
                declarations: Sequence[DeclarationReport]) -> NodeState:
    unknown = [*node.statement.unknown_uses, *(node.proof.unknown_uses if node.proof else ())]
    return NodeState(
        id=node.id,
        env=node.env,
        is_definition=node.is_definition,
        title=node.title,
        chapter=node.chapter,
        file=node.file,
        line=node.line,
        border=status.border,
        fill=status.fill,
        stated=status.stated,
        proved=status.proved,
        done=status.done,
        done_down=status.done_down,
        lean=tuple(LeanName(d.name, d.status, d.has_sorry, d.maybe_in_dependency)
                   for d in declarations),
        unknown_uses=tuple(dict.fromkeys(unknown)),
        digest=statement_digest(node),
        checked=status.checked,
    )


def statement_digest(node: Node) -> str:
    """A short digest of the statement's words (spaces aside) and the kind of node."""
    words = " ".join(node.statement.text.split())
    return hashlib.sha1(f"{node.env}\0{words}".encode("utf-8", "surrogatepass")).hexdigest()[:12]


# ---------------------------------------------------------------- on disk


def state_to_json(state: ProjectState) -> dict[str, object]:
    """Compact: one array per node, edge and task."""
    return {
        "state": state.state.value,
        "message": state.message,
        "source": state.source,
        "nodes": [
            [n.id, n.env, n.is_definition, n.title, n.chapter, n.file, n.line, n.border.value,
             n.fill.value, n.stated, n.proved, n.done, n.done_down,
             [[d.name, d.status, d.has_sorry, d.maybe_in_dependency] for d in n.lean],
             list(n.unknown_uses), n.digest, n.checked]
            for n in state.nodes
        ],
        "edges": [[e.source, e.target, e.kind.value] for e in state.edges],
        "tasks": [[t.node_id, t.kind.value, list(t.unlocks), t.dependents, t.main_results]
                  for t in state.tasks],
        "cycles": [list(c) for c in state.cycles],
        "rows": [[r.label, r.nodes, r.stated, r.proved, r.fully_proved] for r in state.rows],
        "format": state.format.value,
        "unchecked": state.unchecked,
    }


def state_from_json(data: dict) -> ProjectState:
    """The record `state_to_json` wrote; raises KeyError, TypeError or ValueError on
    anything else."""
    return ProjectState(
        State(data["state"]),
        str(data["message"]),
        str(data["source"]),
        nodes=tuple(
            NodeState(str(i), str(env), bool(d), _text(title), _text(chapter), str(file),
                      int(line), Border(border), Fill(fill), bool(s), bool(p), bool(done),
                      bool(down), tuple(LeanName(str(a), str(b), _flag(c), bool(e))
                                        for a, b, c, e in lean),
                      tuple(str(u) for u in unknown), str(digest), bool(checked))
            for (i, env, d, title, chapter, file, line, border, fill, s, p, done, down, lean,
                 unknown, digest, checked) in data["nodes"]
        ),
        edges=tuple(Edge(str(s), str(t), EdgeKind(k)) for s, t, k in data["edges"]),
        tasks=tuple(TaskState(str(i), TaskKind(k), tuple(str(u) for u in unlocks), int(d),
                              int(m)) for i, k, unlocks, d, m in data["tasks"]),
        cycles=tuple(tuple(str(m) for m in c) for c in data["cycles"]),
        rows=tuple(Progress(str(r[0]), *(int(x) for x in r[1:5])) for r in data["rows"]),
        format=BlueprintFormat(data["format"]),
        unchecked=str(data["unchecked"]),
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _flag(value: object) -> bool | None:
    return None if value is None else bool(value)
