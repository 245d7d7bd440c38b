"""What changed between two revisions of a project. Pure: two records in, typed data out.

A node whose label changed while its statement did not (the same words, the same kind) is
the same node under a new label: it is `relabelled`, not removed and added, and its status
and edges are compared with its old self's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from blueprint.analysis.tasks import Progress
from blueprint.history.state import MISSING, Edge, NodeState, ProjectState, State, TaskState
from blueprint.model import BlueprintError


class RegressionKind(StrEnum):
    STATEMENT = "statement"  # a statement that was formalized is no longer
    PROOF = "proof"  # a proof that was formalized is no longer
    SORRY = "sorry"  # `sorry` brought back into a node's declarations
    LEAN_NAME = "lean_name"  # a `\lean` name that resolved now resolves to nothing
    LABEL = "label"  # a `\uses` label that now names nothing
    NODE_REMOVED = "node_removed"
    EDGE_REMOVED = "edge_removed"  # between two nodes that are still there
    CYCLE = "cycle"  # a new dependency cycle


@dataclass(frozen=True)
class Regression:
    kind: RegressionKind
    node_id: str  # the node concerned; a cycle's first member; a removed edge's user
    #: the Lean names (SORRY, LEAN_NAME), the labels (LABEL), the members (CYCLE) or the
    #: dependency (EDGE_REMOVED) concerned
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class NamesGone:
    """`\\lean` names the project declared and no longer does, which a dependency may declare
    (a lemma moved upstream, to Mathlib): said, but no regression while the node keeps its
    status (the blueprint's `\\leanok` vouches for them, as for any name outside the project)."""

    node_id: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Relabel:
    before: str
    after: str


@dataclass(frozen=True)
class ChapterChange:
    label: str  # the chapter's title as written
    before: Progress | None  # None: no such chapter before
    after: Progress | None


@dataclass(frozen=True)
class BlueprintDiff:
    """What a change did. Node ids are the after side's, except those of removed nodes and
    of removed edges' ends, which are the before side's."""

    before: ProjectState
    after: ProjectState
    stated: tuple[str, ...]  # statements newly formalized (new nodes included)
    proved: tuple[str, ...]  # proofs newly formalized: `done`, definitions aside
    fully_proved: tuple[str, ...]  # newly done with everything they depend on
    ready: tuple[TaskState, ...]  # tasks that can be started now and could not before
    regressions: tuple[Regression, ...]
    names_gone: tuple[NamesGone, ...]
    added_nodes: tuple[str, ...]
    removed_nodes: tuple[str, ...]
    relabelled: tuple[Relabel, ...]
    added_edges: tuple[Edge, ...]
    removed_edges: tuple[Edge, ...]  # every one, those of removed nodes too
    chapters: tuple[ChapterChange, ...]  # the chapters whose counts changed

    @property
    def progress(self) -> tuple[Progress, Progress]:
        empty = Progress("All", 0, 0, 0, 0)
        return self.before.total() or empty, self.after.total() or empty

    @property
    def changed(self) -> bool:
        """Whether anything is reported at all."""
        return any((self.stated, self.proved, self.fully_proved, self.ready, self.regressions,
                    self.names_gone, self.added_nodes, self.removed_nodes, self.relabelled,
                    self.added_edges, self.removed_edges, self.chapters))

    def changed_nodes(self) -> list[str]:
        """The after side's nodes this change touched, in document order: what the picture
        shows (with their neighbours)."""
        touched = {*self.stated, *self.proved, *self.fully_proved, *self.added_nodes}
        touched.update(task.node_id for task in self.ready)
        touched.update(r.after for r in self.relabelled)
        touched.update(e.target for e in self.added_edges)
        touched.update(r.node_id for r in self.regressions)
        touched.update(gone.node_id for gone in self.names_gone)
        touched.update(name for r in self.regressions if r.kind is RegressionKind.CYCLE
                       for name in r.names)
        return [node.id for node in self.after.nodes if node.id in touched]


def compare(before: ProjectState, after: ProjectState) -> BlueprintDiff:
    """What changed from `before` to `after`. A side without a blueprint (`State.ABSENT`)
    counts as an empty blueprint; a side that does not parse cannot be compared."""
    for side in (before, after):
        if side.state is State.BROKEN:
            raise BlueprintError(f"cannot compare a revision that does not parse: {side.message}")
    relabels = _relabels(before, after)
    old_id = {r.after: r.before for r in relabels}
    new_id = {r.before: r.after for r in relabels}

    def earlier(node: NodeState) -> NodeState | None:
        return before.by_id.get(old_id.get(node.id, node.id))

    stated, proved, fully = [], [], []
    regressions: list[Regression] = []
    names_gone: list[NamesGone] = []
    for node in after.nodes:
        old = earlier(node)
        if not node.checked or (old is not None and not old.checked):
            # its status is not known on one side (its Lean sources were not in the commit):
            # no progress, no regression; what it names and uses still count
            regressions += _node_regressions(None, node, known=old)
            continue
        if node.stated and not (old and old.stated):
            stated.append(node.id)
        if node.done and not node.is_definition and not (old and old.done):
            proved.append(node.id)
        if node.done_down and not (old and old.done_down):
            fully.append(node.id)
        regressions += _node_regressions(old, node)
        gone = _names_gone(old, node, outside=True)
        if gone:
            names_gone.append(NamesGone(node.id, gone))
    added = [n.id for n in after.nodes if earlier(n) is None]
    removed = [n.id for n in before.nodes
               if n.id not in after.by_id and n.id not in new_id]
    regressions += [Regression(RegressionKind.NODE_REMOVED, node_id) for node_id in removed]

    def moved(edge: Edge) -> tuple[str, str]:
        return new_id.get(edge.source, edge.source), new_id.get(edge.target, edge.target)

    now = {(e.source, e.target) for e in after.edges}
    then = {moved(e) for e in before.edges}
    added_edges = [e for e in after.edges if (e.source, e.target) not in then]
    removed_edges = [e for e in before.edges if moved(e) not in now]
    regressions += [
        Regression(RegressionKind.EDGE_REMOVED, moved(e)[1], (moved(e)[0],))
        for e in removed_edges
        if all(end in after.by_id for end in moved(e))
    ]
    known_cycles = {frozenset(new_id.get(m, m) for m in cycle) for cycle in before.cycles}
    regressions += [
        Regression(RegressionKind.CYCLE, cycle[0], cycle)
        for cycle in after.cycles
        if frozenset(cycle) not in known_cycles
    ]
    tasks_before = {(t.node_id, t.kind) for t in before.tasks}
    ready = [t for t in after.tasks if (old_id.get(t.node_id, t.node_id), t.kind)
             not in tasks_before]
    return BlueprintDiff(
        before=before,
        after=after,
        stated=tuple(stated),
        proved=tuple(proved),
        fully_proved=tuple(fully),
        ready=tuple(ready),
        regressions=tuple(regressions),
        names_gone=tuple(names_gone),
        added_nodes=tuple(added),
        removed_nodes=tuple(removed),
        relabelled=tuple(relabels),
        added_edges=tuple(added_edges),
        removed_edges=tuple(removed_edges),
        chapters=tuple(_chapters(before.rows[1:], after.rows[1:])),
    )


def _node_regressions(old: NodeState | None, node: NodeState,
                      known: NodeState | None = None) -> list[Regression]:
    """What got worse in one node (a new node, or one whose status is not known on one side
    (`known`: its other side): only the labels it names that name nothing)."""
    found = []
    before = old or known
    known_labels = set(before.unknown_uses) if before else set()
    labels = tuple(label for label in node.unknown_uses if label not in known_labels)
    if old is not None:
        if old.stated and not node.stated:
            found.append(Regression(RegressionKind.STATEMENT, node.id))
        elif old.done and not node.done and not node.is_definition:
            found.append(Regression(RegressionKind.PROOF, node.id))
        names_before = {name.name: name for name in old.lean}
        sorry = [name.name for name in node.lean if name.has_sorry is True
                 and name.name in names_before and names_before[name.name].has_sorry is False]
        missing = _names_gone(old, node, outside=False)
        if sorry:
            found.append(Regression(RegressionKind.SORRY, node.id, tuple(sorry)))
        if missing:
            found.append(Regression(RegressionKind.LEAN_NAME, node.id, tuple(missing)))
    if labels:
        found.append(Regression(RegressionKind.LABEL, node.id, labels))
    return found


def _names_gone(old: NodeState | None, node: NodeState, outside: bool) -> tuple[str, ...]:
    """The node's `\\lean` names that resolved before and resolve to nothing now: those a
    dependency may declare (`outside`), or the others."""
    if old is None:
        return ()
    before = {name.name: name.status for name in old.lean}
    return tuple(
        name.name for name in node.lean
        if before.get(name.name, MISSING) != MISSING and name.status == MISSING
        and name.maybe_in_dependency is outside
    )


def _relabels(before: ProjectState, after: ProjectState) -> list[Relabel]:
    """Removed and added nodes paired by their statement: only where the pairing is certain
    (one removed node and one added node with that statement)."""
    gone = _by_digest(n for n in before.nodes if n.id not in after.by_id)
    new = _by_digest(n for n in after.nodes if n.id not in before.by_id)
    pairs = {gone[d][0]: new[d][0] for d in gone
             if d in new and len(gone[d]) == 1 and len(new[d]) == 1}
    return [Relabel(old, pairs[old]) for old in (n.id for n in before.nodes) if old in pairs]


def _by_digest(nodes: Iterable[NodeState]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for node in nodes:
        if node.digest:
            found.setdefault(node.digest, []).append(node.id)
    return found


def _chapters(before: tuple[Progress, ...], after: tuple[Progress, ...]) -> list[ChapterChange]:
    then = {row.label: row for row in before}
    now = {row.label: row for row in after}
    changes = [ChapterChange(row.label, then.get(row.label), row) for row in after
               if then.get(row.label) != row]
    changes += [ChapterChange(row.label, row, None) for row in before if row.label not in now]
    return changes
