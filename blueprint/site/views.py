"""The graphs the site draws: the whole blueprint, and one per chapter (or section) with
`dep_by`; each laid out by dot in worker processes, or taken from the layout cache.

Kept apart from the pages (`render`): a build starts the layouts as soon as the graph is
known, and dot works while the templates load and the pages are made.
"""

from __future__ import annotations

from dataclasses import dataclass

from blueprint.analysis import Analysis
from blueprint.analysis.graph import DependencyGraph, induced, transitive_reduction
from blueprint.model import EdgeKind, Node
from blueprint.site.layout import Layout, LayoutEdge, LayoutJob, LayoutNode, PendingLayouts


@dataclass(frozen=True)
class GraphView:
    """One drawn graph: the whole blueprint, or one chapter with its outside neighbours."""

    slug: str
    title: str
    node_ids: tuple[str, ...]
    outside: frozenset[str]  # nodes drawn for context, from other chapters
    layout: Layout
    cached: bool


def lay_out(analysis: Analysis) -> list[GraphView]:
    """The graph views of the site, laid out together (or taken from the layout cache)."""
    return start_layouts(analysis).views()


class PendingViews:
    """Graph views whose layouts are under way (see `start_layouts`)."""

    def __init__(
        self,
        plans: list[tuple[str, str, DependencyGraph, frozenset[str]]],
        jobs: list[LayoutJob],
        pending: PendingLayouts,
    ) -> None:
        self.plans, self.jobs, self.pending = plans, jobs, pending

    def views(self) -> list[GraphView]:
        layouts = self.pending.results()
        return [
            GraphView(slug, title, tuple(n.id for n in job.nodes), outside, layout, cached)
            for (slug, title, _, outside), job, (layout, cached) in zip(
                self.plans, self.jobs, layouts, strict=True
            )
        ]


def start_layouts(analysis: Analysis) -> PendingViews:
    """Start laying out the graph views; dot runs in its own processes meanwhile."""
    plans = [("graph", "Dependency graph", analysis.graph, frozenset[str]())]
    dep_by = analysis.blueprint.options.dep_by
    if dep_by:
        for index, (unit, members) in enumerate(_units(analysis.nodes, dep_by), start=1):
            neighbours: set[str] = set()
            for node_id in members:
                neighbours.update(analysis.graph.predecessors(node_id))
                neighbours.update(analysis.graph.successors(node_id))
            outside = frozenset(neighbours - set(members))
            subgraph = induced(analysis.graph, [*members, *outside])
            plans.append((f"graph-{index}", unit, subgraph, outside))
    jobs = [_job(analysis, graph) for _, _, graph, _ in plans]
    return PendingViews(plans, jobs, PendingLayouts(jobs, analysis.config.cache_dir))


def _units(nodes: list[Node], dep_by: str) -> list[tuple[str, list[str]]]:
    units: dict[str, list[str]] = {}
    for node in nodes:
        unit = (node.section if dep_by == "section" else node.chapter) or "Front matter"
        units.setdefault(unit, []).append(node.id)
    return list(units.items())


def _job(analysis: Analysis, graph: DependencyGraph) -> LayoutJob:
    """The graph as dot will draw it: document order, reduced unless `nonreducedgraph`."""
    order = [node.id for node in analysis.nodes if node.id in graph]
    drawn = graph if analysis.blueprint.options.nonreduced else transitive_reduction(graph)
    nodes = [
        LayoutNode(node_id, node_id, "box" if analysis.by_id[node_id].is_definition else "ellipse")
        for node_id in order
    ]
    position = {node_id: index for index, node_id in enumerate(order)}
    edges = [
        LayoutEdge(u, v, kind is EdgeKind.STATEMENT)
        for u, v, kind in sorted(drawn.edges(), key=lambda e: (position[e[0]], position[e[1]]))
    ]
    return LayoutJob(nodes, edges)
