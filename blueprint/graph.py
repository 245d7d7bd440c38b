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


def transitive_reduction(graph: nx.DiGraph) -> nx.DiGraph:
    """Drop the edges implied by longer paths, keeping attributes.

    Cycles are tolerated: edges inside a strongly connected component are kept,
    the reduction is done between components, and one edge stands for each pair.
    """
    if nx.is_directed_acyclic_graph(graph):
        reduced = nx.transitive_reduction(graph)
        reduced.add_nodes_from(graph.nodes(data=True))
        reduced.add_edges_from((u, v, graph.edges[u, v]) for u, v in reduced.edges)
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
