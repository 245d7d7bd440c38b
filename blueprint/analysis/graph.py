"""The dependency graph: nodes are blueprint nodes, edges go from a dependency to its user.

A small graph of our own rather than networkx's: a build needs only the strongly connected
components, a topological order and reachability, about a hundred lines, while importing
networkx costs 75 ms on every command, more than the rest of a 50-node build's work (issue
#6). The tests check these algorithms against networkx on random graphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from blueprint.model import Diagnostic, EdgeKind, Node, Severity
from blueprint.tarjan import strong_components


class DependencyGraph:
    """A directed graph whose nodes keep the order they were added in (document order)
    and whose edges carry their kind. Built once, then only read."""

    def __init__(self, nodes: Iterable[str] = ()) -> None:
        self._successors: dict[str, dict[str, EdgeKind]] = {}
        self._predecessors: dict[str, dict[str, EdgeKind]] = {}
        self._reach: Reach | None = None
        self._condensation: Condensation | None = None
        for node_id in nodes:
            self.add_node(node_id)

    def add_node(self, node_id: str) -> None:
        if node_id not in self._successors:
            self._successors[node_id] = {}
            self._predecessors[node_id] = {}
            self._condensation = None

    def add_edge(self, source: str, target: str, kind: EdgeKind) -> None:
        """An edge between nodes already added (an edge added twice keeps its first kind)."""
        if target not in self._successors[source]:
            self._successors[source][target] = kind
            self._predecessors[target][source] = kind
            self._reach = None
            self._condensation = None

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._successors

    def __iter__(self) -> Iterator[str]:
        return iter(self._successors)

    def __len__(self) -> int:
        return len(self._successors)

    def successors(self, node_id: str) -> Iterable[str]:
        """The users of `node_id`, in the order their edges were added."""
        return self._successors[node_id].keys()

    def predecessors(self, node_id: str) -> Iterable[str]:
        """What `node_id` uses, in the order its edges were added."""
        return self._predecessors[node_id].keys()

    def has_edge(self, source: str, target: str) -> bool:
        return target in self._successors.get(source, {})

    def kind(self, source: str, target: str) -> EdgeKind:
        return self._successors[source][target]

    def edges(self) -> Iterator[tuple[str, str, EdgeKind]]:
        """Every edge with its kind, by source in node order."""
        for source, targets in self._successors.items():
            for target, kind in targets.items():
                yield source, target, kind

    def number_of_edges(self) -> int:
        return sum(len(targets) for targets in self._successors.values())

    def out_degree(self, node_id: str) -> int:
        return len(self._successors[node_id])

    def same_as(self, other: DependencyGraph) -> bool:
        """Whether `other` has the same nodes and edges, of the same kinds, added in the same
        order (what the order of `successors` and `predecessors` follows)."""

        def listed(edges: dict[str, dict[str, EdgeKind]]) -> list[object]:
            return [(node_id, list(targets.items())) for node_id, targets in edges.items()]

        return listed(self._successors) == listed(other._successors) and listed(
            self._predecessors
        ) == listed(other._predecessors)

    def condensation(self) -> Condensation:
        """`condense(self)`, made once while the graph stays the same."""
        if self._condensation is None:
            self._condensation = _condense(self)
        return self._condensation

    def reach(self) -> Reach:
        """Descendants of every node, computed once (the graph must not change afterwards)."""
        if self._reach is None:
            self._reach = Reach(self)
        return self._reach

    def has_path(self, source: str, target: str) -> bool:
        reach = self.reach()
        return source == target or bool(reach.descendants(source) & reach.bit(target))


def build_graph(nodes: Sequence[Node]) -> DependencyGraph:
    """Every `\\uses` between known nodes becomes an edge marked with its kind.

    A pair used both in the statement and in the proof is one statement edge,
    as leanblueprint draws it (dashed). Unknown labels are reported by the reader.
    """
    graph = DependencyGraph(node.id for node in nodes)
    for node in nodes:
        for dep in node.statement.uses:
            if dep in graph and dep != node.id:
                graph.add_edge(dep, node.id, EdgeKind.STATEMENT)
        if node.proof is not None:
            for dep in node.proof.uses:
                if dep in graph and dep != node.id:
                    graph.add_edge(dep, node.id, EdgeKind.PROOF)
    return graph


def induced(graph: DependencyGraph, nodes: Iterable[str]) -> DependencyGraph:
    """The subgraph on `nodes`, in `graph`'s order, with the edges between them."""
    keep = set(nodes)
    sub = DependencyGraph(node_id for node_id in graph if node_id in keep)
    for source in sub:  # the edges in `graph.edges()` order, those of other nodes unseen
        for target, kind in graph._successors[source].items():
            if target in keep:
                sub.add_edge(source, target, kind)
    return sub


@dataclass(frozen=True)
class Condensation:
    """The graph's strongly connected components, as a graph without cycles.

    `components` are in topological order (every component after those it uses), each
    one's members in graph order; a graph without cycles has one component per node."""

    components: tuple[tuple[str, ...], ...]
    component_of: dict[str, int]
    parents: tuple[tuple[int, ...], ...]  # the components each one uses, in graph order
    children: tuple[tuple[int, ...], ...]  # the components using each one, in graph order


def condense(graph: DependencyGraph) -> Condensation:
    """Tarjan's algorithm, without recursion: linear in nodes and edges; once per graph
    (the analysis, the statuses and the views all ask for it)."""
    return graph.condensation()


def _condense(graph: DependencyGraph) -> Condensation:
    position = {node_id: index for index, node_id in enumerate(graph)}
    found = strong_components(graph, graph.successors)  # sinks first
    components = tuple(tuple(sorted(c, key=position.__getitem__)) for c in reversed(found))
    component_of = {m: number for number, members in enumerate(components) for m in members}

    def linked(number: int, neighbours: Iterable[str]) -> tuple[int, ...]:
        others = {component_of[n] for n in neighbours} - {number}
        return tuple(sorted(others, key=lambda c: position[components[c][0]]))

    parents = tuple(
        linked(number, (p for m in members for p in graph.predecessors(m)))
        for number, members in enumerate(components)
    )
    children = tuple(
        linked(number, (s for m in members for s in graph.successors(m)))
        for number, members in enumerate(components)
    )
    return Condensation(components, component_of, parents, children)


def cycle_diagnostics(graph: DependencyGraph, nodes: Iterable[Node]) -> list[Diagnostic]:
    """One error per dependency cycle, placed at the first node of the cycle in the document."""
    by_id = {node.id: node for node in nodes}
    order = {node_id: index for index, node_id in enumerate(by_id)}
    cycles = [c for c in condense(graph).components if len(c) > 1]
    diagnostics = []
    for component in sorted(cycles, key=lambda c: min(order[m] for m in c)):
        members = sorted(component, key=order.__getitem__)
        first = by_id[members[0]]
        diagnostics.append(
            Diagnostic(
                first.file,
                first.line,
                Severity.ERROR,
                "dependency cycle: " + " -> ".join([*members, members[0]]),
            )
        )
    return diagnostics


def transitive_reduction(graph: DependencyGraph) -> DependencyGraph:
    """Drop the edges implied by longer paths, keeping kinds.

    Cycles are tolerated: edges inside a strongly connected component are kept, the
    reduction is done between components, and one edge (the first) stands for each pair.
    A component's edge to a child is implied when the child can be reached from another
    child: bit masks of reachable components, OR-ed in reverse topological order.
    """
    condensation = condense(graph)
    below: list[int] = [0] * len(condensation.components)
    kept: set[tuple[int, int]] = set()
    for number in reversed(range(len(condensation.components))):
        children = condensation.children[number]
        implied = 0
        for child in children:
            implied |= below[child]
            below[number] |= (1 << child) | below[child]
        kept.update((number, c) for c in children if not implied >> c & 1)
    reduced = DependencyGraph(graph)
    component_of = condensation.component_of
    for source, target, kind in graph.edges():
        pair = (component_of[source], component_of[target])
        if pair[0] == pair[1] or pair in kept:
            reduced.add_edge(source, target, kind)
            kept.discard(pair)  # one edge stands for each pair of components
    return reduced


class Reach:
    """Descendant sets of every node as bit masks, computed once in linear passes.

    Asking for each node's descendants in turn would be quadratic; OR-ing integers over the
    condensation in reverse topological order costs about N*E/64 word operations.
    """

    def __init__(self, graph: DependencyGraph) -> None:
        self._index = {node_id: i for i, node_id in enumerate(graph)}
        condensation = condense(graph)
        self._component = condensation.component_of
        own = [self.mask(members) for members in condensation.components]
        self._reach = [0] * len(own)
        for number in reversed(range(len(own))):
            # a cycle's members reach one another (each node's own bit is masked out below)
            mask = own[number] if len(condensation.components[number]) > 1 else 0
            for child in condensation.children[number]:
                mask |= own[child] | self._reach[child]
            self._reach[number] = mask

    def bit(self, node_id: str) -> int:
        return 1 << self._index[node_id]

    def mask(self, node_ids: Iterable[str]) -> int:
        mask = 0
        for node_id in node_ids:
            if node_id in self._index:
                mask |= 1 << self._index[node_id]
        return mask

    def descendants(self, node_id: str) -> int:
        """Every node reachable from `node_id`, itself excluded, as a bit mask."""
        return self._reach[self._component[node_id]] & ~self.bit(node_id)
