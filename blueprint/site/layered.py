"""A fast layered layout in pure Python, for graphs too big for dot in the time allowed.

Linear passes only: ranks by longest path, a few barycenter sweeps to reduce crossings,
straight edges. Less tidy than dot, but it never stalls: about a second for 10,000 nodes.
"""

from __future__ import annotations

from collections.abc import Sequence

from blueprint.analysis.graph import DependencyGraph, condense
from blueprint.model import EdgeKind
from blueprint.site.layout import EdgePath, Layout, LayoutEdge, LayoutNode, NodeBox

CHAR_WIDTH = 7.2  # points per character at the label font size (Helvetica 12)
NODE_HEIGHT = 36.0
GAP_X = 18.0
GAP_Y = 60.0
SWEEPS = 4


def layered_layout(
    nodes: Sequence[LayoutNode], edges: Sequence[LayoutEdge], settings: str
) -> Layout:
    graph = DependencyGraph(n.id for n in nodes)
    for edge in edges:
        if edge.source != edge.target:
            graph.add_edge(edge.source, edge.target, EdgeKind.PROOF)  # only the shape matters
    rank = _ranks(graph)
    layers: list[list[str]] = [[] for _ in range(max(rank.values(), default=-1) + 1)]
    for node in nodes:  # document order is the first guess
        layers[rank[node.id]].append(node.id)
    _reduce_crossings(graph, layers)

    width_of = {n.id: n.width or max(54.0, len(n.label) * CHAR_WIDTH + 16.0) for n in nodes}
    widths = [sum(width_of[n] for n in layer) + GAP_X * max(0, len(layer) - 1) for layer in layers]
    total_width = max(widths, default=0.0)
    boxes: dict[str, NodeBox] = {}
    for index, layer in enumerate(layers):
        x = (total_width - widths[index]) / 2
        y = index * (NODE_HEIGHT + GAP_Y) + NODE_HEIGHT / 2
        for node_id in layer:
            width = width_of[node_id]
            boxes[node_id] = NodeBox(
                node_id, round(x + width / 2, 2), round(y, 2), round(width, 2), NODE_HEIGHT
            )
            x += width + GAP_X
    paths = tuple(_straight_edge(boxes[e.source], boxes[e.target], e) for e in edges)
    height = len(layers) * (NODE_HEIGHT + GAP_Y) - GAP_Y if layers else 0.0
    return Layout(
        width=round(total_width, 2),
        height=round(height, 2),
        nodes=tuple(boxes[n.id] for n in nodes),
        edges=paths,
        settings=settings,
    )


def _ranks(graph: DependencyGraph) -> dict[str, int]:
    """Longest path from the sources, cycles collapsed into one rank."""
    condensation = condense(graph)
    level: list[int] = []
    for parents in condensation.parents:
        level.append(max((level[p] + 1 for p in parents), default=0))
    return {node: level[condensation.component_of[node]] for node in graph}


def _reduce_crossings(graph: DependencyGraph, layers: list[list[str]]) -> None:
    """Barycenter heuristic, sweeping down then up."""
    for sweep in range(SWEEPS):
        downward = sweep % 2 == 0
        order = range(1, len(layers)) if downward else range(len(layers) - 2, -1, -1)
        for index in order:
            neighbour_layer = layers[index - 1] if downward else layers[index + 1]
            position = {node: i for i, node in enumerate(neighbour_layer)}
            keyed = [
                (_barycenter(graph, node, position, downward, i), i, node)
                for i, node in enumerate(layers[index])
            ]
            layers[index] = [node for _, _, node in sorted(keyed)]


def _barycenter(
    graph: DependencyGraph, node: str, position: dict[str, int], downward: bool, current: int
) -> float:
    links = graph.predecessors(node) if downward else graph.successors(node)
    places = [position[n] for n in links if n in position]
    return sum(places) / len(places) if places else float(current)


def _straight_edge(source: NodeBox, target: NodeBox, edge: LayoutEdge) -> EdgePath:
    x1, y1 = source.x, source.y + source.height / 2
    x2, y2 = target.x, target.y - target.height / 2
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / length, dy / length
    bx, by = x2 - ux * 10, y2 - uy * 10  # the arrowhead's base
    left = (bx - uy * 3.5, by + ux * 3.5)
    right = (bx + uy * 3.5, by - ux * 3.5)
    return EdgePath(
        source.id,
        target.id,
        edge.dashed,
        f"M{x1:.1f},{y1:.1f} L{bx:.1f},{by:.1f}",
        f"{x2:.1f},{y2:.1f} {left[0]:.1f},{left[1]:.1f} {right[0]:.1f},{right[1]:.1f}",
    )
