"""What can be worked on: ready tasks ranked by what they unlock, blockers, main results, progress.

Pure: takes the nodes, the graph and the statuses; returns plain data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from blueprint.analysis.graph import DependencyGraph, condense, induced
from blueprint.analysis.status import NodeStatus
from blueprint.model import Border, Fill, Node


class TaskKind(StrEnum):
    STATE = "state"  # formalize the statement (or the definition)
    PROVE = "prove"  # formalize the proof


@dataclass(frozen=True)
class Task:
    """Something that can be done now, with what doing it is worth."""

    node_id: str
    kind: TaskKind
    unlocks: int  # nodes that become ready to state or prove once this is done
    main_results: int  # main results that depend on this node
    dependents: int  # every node that depends on this one, directly or not
    size: str  # "S" | "M" | "L": a hint from the length of the blueprint's proof


@dataclass(frozen=True)
class Blocker:
    """A node marked not ready, and how many nodes wait for it."""

    node_id: str
    held_up: int  # nodes that depend on it


@dataclass(frozen=True)
class MainResult:
    """A main result and the longest chain of unfinished nodes in front of it."""

    node_id: str
    done: bool
    chain: tuple[str, ...]  # the longest chain of unfinished nodes in front of it, ending at it


@dataclass(frozen=True)
class Progress:
    """Counts of one chapter (or of all of them). Each count is part of the one before:
    fully_proved <= proved <= stated <= nodes, node by node."""

    label: str  # "All" or a chapter title
    nodes: int
    stated: int  # statements formalized (or in Mathlib)
    proved: int  # of those, nothing left to formalize (`NodeStatus.done`)
    fully_proved: int  # of those, nothing left in anything they depend on either


def percent(count: int, total: int) -> int:
    """`count` of `total` in whole percent, rounded to the nearest, except that only all of it
    is 100 and only none of it is 0. The one rounding of every percentage shown."""
    if total <= 0 or count <= 0:
        return 0
    if count >= total:
        return 100
    nearest = (200 * count + total) // (2 * total)
    return min(99, max(1, nearest))


def ready_tasks(
    nodes: Sequence[Node],
    graph: DependencyGraph,
    statuses: Mapping[str, NodeStatus],
    main_results: Sequence[str] = (),
) -> list[Task]:
    """Every task that can be started now, most useful first."""
    mains = set(main_results or default_main_results(nodes, graph))
    stated = {node_id for node_id, status in statuses.items() if status.stated}
    by_id = {node.id: node for node in nodes}
    reach = graph.reach()
    main_mask = reach.mask(mains)
    tasks = []
    for node in nodes:
        status = statuses[node.id]
        kind = _task_kind(node, status)
        if kind is None:
            continue
        descendants = reach.descendants(node.id)
        unlocks = (
            len(newly_ready(node.id, by_id, graph, statuses, stated))
            if kind is TaskKind.STATE else 0
        )
        tasks.append(
            Task(
                node_id=node.id,
                kind=kind,
                unlocks=unlocks,
                main_results=(main_mask & (descendants | reach.bit(node.id))).bit_count(),
                dependents=descendants.bit_count(),
                size=_size(node),
            )
        )
    order = {node.id: index for index, node in enumerate(nodes)}
    tasks.sort(key=lambda t: (-t.unlocks, -t.main_results, -t.dependents, order[t.node_id]))
    return tasks


def _task_kind(node: Node, status: NodeStatus) -> TaskKind | None:
    if not status.stated and status.border is Border.CAN_STATE:
        return TaskKind.STATE
    if status.stated and not node.is_definition and status.fill is Fill.CAN_PROVE:
        return TaskKind.PROVE
    return None


def newly_ready(
    node_id: str,
    by_id: Mapping[str, Node],
    graph: DependencyGraph,
    statuses: Mapping[str, NodeStatus],
    stated: set[str],
) -> list[str]:
    """The direct users that become ready to state or to prove once `node_id` is stated."""
    after = stated | {node_id}
    return [
        user for user in graph.successors(node_id)
        if _ready(by_id[user], statuses[user], graph, after)
        and not _ready(by_id[user], statuses[user], graph, stated)
    ]


def _ready(node: Node, status: NodeStatus, graph: DependencyGraph, stated: set[str]) -> bool:
    """Whether the node would be a task if exactly the nodes in `stated` were stated."""
    statement_deps = [d for d in node.statement.uses if d in graph]
    proof_deps = [d for d in node.proof.uses if d in graph] if node.proof else []
    is_stated = node.id in stated
    can_state = all(d in stated for d in statement_deps) and not node.statement.notready
    can_prove = node.has_proof and all(d in stated for d in statement_deps + proof_deps)
    if not is_stated:
        return can_state
    return can_prove and not status.proved and not node.is_definition


def _size(node: Node) -> str:
    text = (node.proof.text if node.proof else "") + node.statement.text
    length = len(text.split())
    return "S" if length < 60 else "M" if length < 250 else "L"


def default_main_results(nodes: Sequence[Node], graph: DependencyGraph) -> list[str]:
    """Nodes nothing depends on, that are not definitions."""
    return [n.id for n in nodes if graph.out_degree(n.id) == 0 and not n.is_definition]


def blockers(
    nodes: Sequence[Node], graph: DependencyGraph, statuses: Mapping[str, NodeStatus]
) -> list[Blocker]:
    """Nodes marked not ready, by how much they hold up."""
    reach = graph.reach()
    found = [
        Blocker(node.id, reach.descendants(node.id).bit_count())
        for node in nodes
        if statuses[node.id].border is Border.NOT_READY
    ]
    return sorted(found, key=lambda b: -b.held_up)


def main_results(
    nodes: Sequence[Node],
    graph: DependencyGraph,
    statuses: Mapping[str, NodeStatus],
    chosen: Sequence[str] = (),
) -> list[MainResult]:
    """Each main result with the longest chain of unfinished nodes in front of it."""
    unfinished = {node.id for node in nodes if not statuses[node.id].done}
    condensation = condense(induced(graph, unfinished))
    members = [sorted(component) for component in condensation.components]
    best: list[tuple[int, int | None]] = []  # per component: (chain length, previous)
    for component in range(len(members)):
        length, previous = 0, None
        for parent in condensation.parents[component]:
            if best[parent][0] > length:
                length, previous = best[parent][0], parent
        best.append((length + len(members[component]), previous))
    mapping = condensation.component_of
    results = []
    for node_id in chosen or default_main_results(nodes, graph):
        if node_id not in statuses:
            continue
        chain: list[str] = []
        step: int | None = mapping.get(node_id)
        while step is not None:
            chain[:0] = members[step]
            step = best[step][1]
        results.append(MainResult(node_id, node_id not in unfinished, tuple(chain)))
    return results


def progress(nodes: Sequence[Node], statuses: Mapping[str, NodeStatus]) -> list[Progress]:
    """Totals, then one row per chapter in document order."""
    groups: dict[str, list[Node]] = {"All": list(nodes)}
    for node in nodes:
        groups.setdefault(node.chapter or "Front matter", []).append(node)
    rows = []
    for label, members in groups.items():
        rows.append(
            Progress(
                label=label,
                nodes=len(members),
                stated=sum(statuses[n.id].stated for n in members),
                proved=sum(statuses[n.id].done for n in members),
                fully_proved=sum(statuses[n.id].done_down for n in members),
            )
        )
    return rows
