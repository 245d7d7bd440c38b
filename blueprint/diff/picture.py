"""A small picture of a change: the nodes it touched and their immediate neighbours, laid out
by the site's layout code (dot, cached) and coloured as after the change, as an SVG file of
its own (the template `diff_graph.svg`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from blueprint.analysis.graph import DependencyGraph, transitive_reduction
from blueprint.diff.compare import BlueprintDiff
from blueprint.history.state import ProjectState
from blueprint.model import Border, EdgeKind, Fill
from blueprint.site.layout import Layout, LayoutEdge, LayoutNode, NodeBox, layout_graph

#: at most this many changed nodes are drawn, and this many nodes in all
MOST_CHANGED = 40
MOST_NODES = 90
SVG_TEMPLATE = "diff_graph.svg"
#: the comment that opens the content of the pictures `blueprint diff --svg` writes: how a
#: file it wrote is known, to be replaced (an XML comment cannot hold `--`)
SVG_MARK = "<!-- Made by blueprint diff (its svg option) -->"
LEGEND_HEIGHT = 22.0


@dataclass(frozen=True)
class PictureNode:
    box: NodeBox
    definition: bool
    changed: bool
    border: Border
    fill: Fill


@dataclass(frozen=True)
class Picture:
    layout: Layout
    nodes: tuple[PictureNode, ...]
    changed: int  # changed nodes drawn
    left_out: int  # changed nodes not drawn (beyond MOST_CHANGED)
    description: str


def picture_nodes(diff: BlueprintDiff) -> tuple[list[str], list[str]]:
    """(changed nodes drawn, neighbours drawn), each in document order."""
    after = diff.after
    changed_all = diff.changed_nodes()
    changed = changed_all[:MOST_CHANGED]
    chosen = set(changed)
    near: set[str] = set()
    for edge in after.edges:
        if edge.target in chosen:
            near.add(edge.source)
        if edge.source in chosen:
            near.add(edge.target)
    near -= chosen
    neighbours = [n.id for n in after.nodes if n.id in near][: max(0, MOST_NODES - len(changed))]
    return changed, neighbours


def make_picture(diff: BlueprintDiff, cache_dir: Path | None = None) -> Picture | None:
    """The picture of `diff`, None when no node of the after side changed."""
    changed, neighbours = picture_nodes(diff)
    if not changed:
        return None
    after = diff.after
    drawn = set(changed) | set(neighbours)
    order = [n.id for n in after.nodes if n.id in drawn]
    graph = _graph(after, order)
    reduced = transitive_reduction(graph)
    position = {node_id: index for index, node_id in enumerate(order)}
    layout, _ = layout_graph(
        [LayoutNode(i, i, "box" if after.by_id[i].is_definition else "ellipse") for i in order],
        [LayoutEdge(u, v, kind is EdgeKind.STATEMENT) for u, v, kind in
         sorted(reduced.edges(), key=lambda e: (position[e[0]], position[e[1]]))],
        cache_dir,
    )
    boxes = {box.id: box for box in layout.nodes}
    is_changed = set(changed)
    nodes = tuple(
        PictureNode(boxes[i], after.by_id[i].is_definition, i in is_changed,
                    after.by_id[i].border, after.by_id[i].fill)
        for i in order
    )
    left_out = len(diff.changed_nodes()) - len(changed)
    more = f" ({left_out} more not drawn)" if left_out else ""
    description = (f"{len(changed)} changed nodes{more}, in bold, and {len(neighbours)} "
                   "neighbours, coloured as after the change")
    return Picture(layout, nodes, len(changed), left_out, description)


def _graph(state: ProjectState, order: list[str]) -> DependencyGraph:
    graph = DependencyGraph(order)
    for edge in state.edges:
        if edge.source in graph and edge.target in graph:
            graph.add_edge(edge.source, edge.target, edge.kind)
    return graph


def render_picture(picture: Picture, colors: dict[str, str] | None = None) -> str:
    """The picture as a standalone SVG file, in leanblueprint's colours."""
    from blueprint.site.assets import TEMPLATE_DIR
    from blueprint.site.render import DEFAULT_COLORS

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["n"] = _number
    svg = env.get_template(SVG_TEMPLATE).render(
        picture=picture, colors={**DEFAULT_COLORS, **(colors or {})}, legend=LEGEND_HEIGHT)
    start = svg.index(">", svg.index("<svg")) + 1  # after the <svg ...> tag
    return f"{svg[:start]}\n{SVG_MARK}{svg[start:]}"


def _number(value: float) -> str:
    """One decimal, no trailing zero: the same bytes on every run."""
    return f"{value:.1f}".removesuffix(".0")
