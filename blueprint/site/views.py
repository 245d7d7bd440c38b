"""The graphs the site draws: the whole blueprint, one per chapter (or section, with `dep_by`)
and the chapters' overview; each laid out by dot in worker processes, or taken from the
layout cache.

A blueprint of `OVERVIEW_MIN_NODES` nodes or more in two units or more gets the chapter
graphs and the overview even without `dep_by`: its whole graph is too big to read at once,
so the graph page can open on the overview (one node per chapter) instead.

Kept apart from the pages (`render`): a build starts the layouts as soon as the graph is
known, and dot works while the templates load and the pages are made.
"""

from __future__ import annotations

from dataclasses import dataclass

from blueprint.analysis import Analysis
from blueprint.analysis.graph import DependencyGraph, induced, transitive_reduction
from blueprint.model import EdgeKind, Node
from blueprint.site.layout import Layout, LayoutEdge, LayoutJob, LayoutNode, PendingLayouts

#: from this many nodes on, a blueprint in several chapters gets its chapters' graphs
OVERVIEW_MIN_NODES = 60
#: the size of a chapter's node in the overview, in points
UNIT_WIDTH, UNIT_HEIGHT = 220.0, 72.0


@dataclass(frozen=True)
class Overview:
    """One node per chapter (or `dep_by` unit), named by its graph view's slug, and an edge
    from a unit to another when a node of the second uses one of the first."""

    layout: Layout
    links: tuple[tuple[str, str, int], ...]  # (source slug, target slug, how many uses)


@dataclass(frozen=True)
class ViewOutline:
    """A graph view as the pages name it, known before its layout: its page, its title and
    its nodes."""

    slug: str
    title: str
    node_ids: tuple[str, ...]
    outside: frozenset[str]  # nodes drawn for context, from other chapters
    has_overview: bool = False  # the whole graph's view, with the chapters' overview


@dataclass(frozen=True)
class GraphView:
    """One drawn graph: the whole blueprint, or one chapter with its outside neighbours."""

    slug: str
    title: str
    node_ids: tuple[str, ...]
    outside: frozenset[str]  # nodes drawn for context, from other chapters
    layout: Layout
    cached: bool
    overview: Overview | None = None  # the whole graph's view only, when there are units

    def outline(self) -> ViewOutline:
        return ViewOutline(
            self.slug, self.title, self.node_ids, self.outside, self.overview is not None
        )


def lay_out(analysis: Analysis) -> list[GraphView]:
    """The graph views of the site, laid out together (or taken from the layout cache)."""
    return start_layouts(analysis).views()


class PendingViews:
    """Graph views whose layouts are under way (see `start_layouts`)."""

    def __init__(
        self,
        plans: list[_Plan],
        jobs: list[LayoutJob],
        pending: PendingLayouts,
        links: tuple[tuple[str, str, int], ...] | None,
    ) -> None:
        self.plans, self.jobs, self.pending, self.links = plans, jobs, pending, links

    def outlines(self) -> list[ViewOutline]:
        """The views, as the pages name them, before their layouts are done."""
        return [
            ViewOutline(slug, title, tuple(n.id for n in job.nodes), outside,
                        position == 0 and self.links is not None)
            for position, ((slug, title, _, outside), job) in enumerate(
                zip(self.plans, self.jobs[: len(self.plans)], strict=True)
            )
        ]

    def order(self) -> list[int]:
        """The views in the order their layouts are likely done (the largest last)."""
        return [i for i in self.pending.finishes_last() if i < len(self.plans)]

    def view(self, position: int) -> GraphView:
        """One view, once its layout is done (waiting for it, and for nothing else)."""
        slug, title, _, outside = self.plans[position]
        layout, cached = self.pending.result(position)
        overview = None
        if position == 0 and self.links is not None:  # the overview's layout is the last
            overview = Overview(self.pending.result(len(self.jobs) - 1)[0], self.links)
        node_ids = tuple(n.id for n in self.jobs[position].nodes)
        return GraphView(slug, title, node_ids, outside, layout, cached, overview)

    def views(self) -> list[GraphView]:
        return [self.view(position) for position in range(len(self.plans))]


def layout_input(analysis: Analysis) -> tuple[object, ...]:
    """Everything the graph views are made from (`start_layouts` reads nothing else): the
    nodes in order with their shapes and units, the edges in order, the options. Two
    analyses with the same input have the same views (a watch session's edit of a text)."""
    options = analysis.blueprint.options
    nodes = tuple((n.id, n.is_definition, n.chapter, n.section) for n in analysis.nodes)
    return (nodes, tuple(analysis.graph.edges()), options.dep_by, options.nonreduced)


def start_layouts(analysis: Analysis) -> PendingViews:
    """Start laying out the graph views; dot runs in its own processes meanwhile."""
    plans, jobs, links = plan_views(analysis)
    pending = PendingLayouts(jobs, analysis.config.cache_dir)
    return PendingViews(plans, jobs, pending, links)


_Plan = tuple[str, str, DependencyGraph, frozenset[str]]  # slug, title, graph, outside


def plan_views(
    analysis: Analysis,
) -> tuple[list[_Plan], list[LayoutJob], tuple[tuple[str, str, int], ...] | None]:
    """The graph views (slug, title, graph, outside nodes), the graphs dot lays out (the
    views', then the chapters' overview, when there is one) and the overview's links."""
    plans: list[_Plan] = [("graph", "Dependency graph", analysis.graph, frozenset[str]())]
    dep_by = analysis.blueprint.options.dep_by
    units = _units(analysis.nodes, dep_by or "chapter")
    if not dep_by and (len(analysis.nodes) < OVERVIEW_MIN_NODES or len(units) < 2):
        units = []
    slug_of: dict[str, str] = {}
    for index, (unit, members) in enumerate(units, start=1):
        slug = f"graph-{index}"
        neighbours: set[str] = set()
        for node_id in members:
            slug_of[node_id] = slug
            neighbours.update(analysis.graph.predecessors(node_id))
            neighbours.update(analysis.graph.successors(node_id))
        outside = frozenset(neighbours - set(members))
        subgraph = induced(analysis.graph, [*members, *outside])
        plans.append((slug, unit, subgraph, outside))
    jobs = [_job(analysis, graph) for _, _, graph, _ in plans]
    links = None
    if len(units) >= 2:
        links = _unit_links(analysis.graph, slug_of)
        jobs.append(_overview_job([slug for slug, *_ in plans[1:]], links))
    return plans, jobs, links


def _unit_links(
    graph: DependencyGraph, slug_of: dict[str, str]
) -> tuple[tuple[str, str, int], ...]:
    """How many uses go from each unit to each other one, in the units' order."""
    counts: dict[tuple[str, str], int] = {}
    for source, target, _ in graph.edges():
        pair = (slug_of[source], slug_of[target])
        if pair[0] != pair[1]:
            counts[pair] = counts.get(pair, 0) + 1
    order = {slug: index for index, slug in enumerate(dict.fromkeys(slug_of.values()))}
    return tuple(
        (s, t, n)
        for (s, t), n in sorted(counts.items(), key=lambda i: (order[i[0][0]], order[i[0][1]]))
    )


def _overview_job(slugs: list[str], links: tuple[tuple[str, str, int], ...]) -> LayoutJob:
    """The units as boxes of one size, joined as the reduced graph of their uses: an edge
    implied by a longer path would only hide the order of the chapters."""
    graph = DependencyGraph(slugs)
    for source, target, _ in links:
        graph.add_edge(source, target, EdgeKind.PROOF)
    reduced = transitive_reduction(graph)
    nodes = [LayoutNode(slug, "", "box", UNIT_WIDTH, UNIT_HEIGHT) for slug in slugs]
    edges = [LayoutEdge(s, t, False) for s, t, _ in links if reduced.has_edge(s, t)]
    return LayoutJob(nodes, edges)


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
