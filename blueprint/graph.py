"""The dependency graph: nodes are blueprint nodes, edges go from a dependency to its user."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx

from blueprint.model import Diagnostic, EdgeKind, Node, Severity


def build_graph(nodes: Sequence[Node]) -> nx.DiGraph:
    """Every `\\uses` between known nodes becomes an edge marked with its kind.

    A pair used both in the statement and in the proof is one statement edge,
    as leanblueprint draws it (dashed). Unknown labels are reported by the reader.
    """
    graph = nx.DiGraph()
    for node in nodes:
        graph.add_node(node.id)
    for node in nodes:
        for dep in node.statement.uses:
            if dep in graph and dep != node.id:
                graph.add_edge(dep, node.id, kind=EdgeKind.STATEMENT)
        if node.proof is not None:
            for dep in node.proof.uses:
                if dep in graph and dep != node.id and not graph.has_edge(dep, node.id):
                    graph.add_edge(dep, node.id, kind=EdgeKind.PROOF)
    return graph


def cycle_diagnostics(graph: nx.DiGraph, nodes: Iterable[Node]) -> list[Diagnostic]:
    """One error per dependency cycle, placed at the first node of the cycle in the document."""
    by_id = {node.id: node for node in nodes}
    order = {node_id: index for index, node_id in enumerate(by_id)}
    diagnostics = []
    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue
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


def induced(graph: nx.DiGraph, nodes: Iterable[str]) -> nx.DiGraph:
    """The subgraph on `nodes`, as a graph of its own in `graph`'s order.

    Unlike `graph.subgraph(...)`, whose view may iterate the given set (in an order that
    changes from run to run with string hashing): same input, same output."""
    keep = set(nodes)
    sub = nx.DiGraph()
    sub.add_nodes_from((n, data) for n, data in graph.nodes(data=True) if n in keep)
    sub.add_edges_from(
        (u, v, data) for u, v, data in graph.edges(data=True) if u in keep and v in keep
    )
    return sub


def transitive_reduction(graph: nx.DiGraph) -> nx.DiGraph:
    """Drop the edges implied by longer paths, keeping attributes.

    Cycles are tolerated: edges inside a strongly connected component are kept,
    the reduction is done between components, and one edge stands for each pair.
    """
    if nx.is_directed_acyclic_graph(graph):
        # An edge u -> v is implied when v can be reached from another successor of u.
        reach = Reach(graph)
        reduced = nx.DiGraph()
        reduced.add_nodes_from(graph.nodes(data=True))
        for u in graph:
            successors = list(graph.successors(u))
            if len(successors) == 1:
                reduced.add_edge(u, successors[0], **graph.edges[u, successors[0]])
                continue
            below = 0
            for w in successors:
                below |= reach.descendants(w)
            for v in successors:
                if not below & reach.bit(v):
                    reduced.add_edge(u, v, **graph.edges[u, v])
        return reduced
    condensed = nx.condensation(graph)
    component_of = condensed.graph["mapping"]
    kept = nx.transitive_reduction(condensed)
    reduced = nx.DiGraph()
    reduced.add_nodes_from(graph.nodes(data=True))
    drawn: set[tuple[int, int]] = set()  # one edge stands for each pair of components
    for u, v, data in graph.edges(data=True):
        cu, cv = component_of[u], component_of[v]
        if cu == cv or (kept.has_edge(cu, cv) and (cu, cv) not in drawn):
            reduced.add_edge(u, v, **data)
            drawn.add((cu, cv))
    return reduced


class Reach:
    """Descendant sets of every node as bit masks, computed once in linear passes.

    Calling `nx.descendants` for every node would be quadratic; OR-ing integers over the
    condensation in reverse topological order costs about N*E/64 word operations.
    """

    def __init__(self, graph: nx.DiGraph) -> None:
        self._index = {node_id: i for i, node_id in enumerate(graph.nodes)}
        self._reach: dict[int, int] = {}
        if nx.is_directed_acyclic_graph(graph):  # the usual case: each node its own component
            self._component = self._index
            for node in reversed(list(nx.topological_sort(graph))):
                mask = 0
                for child in graph.successors(node):
                    mask |= (1 << self._index[child]) | self._reach[self._index[child]]
                self._reach[self._index[node]] = mask
            return
        condensed = nx.condensation(graph)
        self._component = condensed.graph["mapping"]
        own: dict[int, int] = {}
        for component in condensed:
            members = condensed.nodes[component]["members"]
            own[component] = self.mask(members)
        for component in reversed(list(nx.topological_sort(condensed))):
            mask = own[component] if len(condensed.nodes[component]["members"]) > 1 else 0
            for child in condensed.successors(component):
                mask |= own[child] | self._reach[child]
            self._reach[component] = mask

    @classmethod
    def of(cls, graph: nx.DiGraph) -> Reach:
        """The reach of `graph`, computed once however many callers ask for it.

        The graph must not change afterwards (the pipeline never changes it once built).
        Subgraph views share their parent's attributes: the entry records whose it is."""
        cached = graph.graph.get("_reach")
        if not (isinstance(cached, tuple) and cached[0] is graph):
            cached = graph.graph["_reach"] = (graph, Reach(graph))
        return cached[1]

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
