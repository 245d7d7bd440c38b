"""From an analysis to the files of the static site: layout views, then jinja2 templates."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jinja2
import networkx as nx

from blueprint import __version__
from blueprint.build import Analysis
from blueprint.graph import transitive_reduction
from blueprint.layout import Layout, LayoutEdge, LayoutJob, LayoutNode, layout_graphs
from blueprint.model import Border, EdgeKind, Fill, Node

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
MATHLIB_DOCS = "https://leanprover-community.github.io/mathlib4_docs"

DEFAULT_COLORS = {
    "mathlib": "darkgreen",
    "stated": "green",
    "can_state": "blue",
    "not_ready": "#FFAA33",
    "proved": "#9CEC8B",
    "can_prove": "#A3D6FF",
    "defined": "#B0ECA3",
    "fully_proved": "#1CAC78",
}

BORDER_WORDS = {
    Border.MATHLIB: "in Mathlib",
    Border.STATED: "statement formalized in Lean",
    Border.CAN_STATE: "statement ready to be formalized",
    Border.NOT_READY: "statement not ready: the blueprint needs work",
    Border.NONE: "statement not yet ready to be formalized",
}

FILL_WORDS = {
    Fill.FULLY_PROVED: "proof and all its ancestors formalized",
    Fill.PROVED: "proof formalized",
    Fill.DEFINED: "definition formalized",
    Fill.CAN_PROVE: "proof ready to be formalized",
    Fill.NONE: "proof not yet ready to be formalized",
}


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
    plans = [("graph", "Dependency graph", analysis.graph, frozenset[str]())]
    dep_by = analysis.blueprint.options.dep_by
    if dep_by:
        for index, (unit, members) in enumerate(_units(analysis.nodes, dep_by), start=1):
            neighbours = set()
            for node_id in members:
                neighbours.update(analysis.graph.predecessors(node_id))
                neighbours.update(analysis.graph.successors(node_id))
            outside = frozenset(neighbours - set(members))
            subgraph = analysis.graph.subgraph([*members, *outside])
            plans.append((f"graph-{index}", unit, subgraph, outside))
    jobs = [_job(analysis, graph) for _, _, graph, _ in plans]
    layouts = layout_graphs(jobs, analysis.config.cache_dir)
    return [
        GraphView(slug, title, tuple(n.id for n in job.nodes), outside, layout, cached)
        for (slug, title, _, outside), job, (layout, cached) in zip(
            plans, jobs, layouts, strict=True
        )
    ]


def _units(nodes: list[Node], dep_by: str) -> list[tuple[str, list[str]]]:
    units: dict[str, list[str]] = {}
    for node in nodes:
        unit = (node.section if dep_by == "section" else node.chapter) or "Front matter"
        units.setdefault(unit, []).append(node.id)
    return list(units.items())


def _job(analysis: Analysis, graph: nx.DiGraph) -> LayoutJob:
    """The graph as dot will draw it: document order, reduced unless `nonreducedgraph`."""
    order = [node.id for node in analysis.nodes if node.id in graph]
    drawn = graph if analysis.blueprint.options.nonreduced else transitive_reduction(graph)
    nodes = [
        LayoutNode(node_id, node_id, "box" if analysis.by_id[node_id].is_definition else "ellipse")
        for node_id in order
    ]
    position = {node_id: index for index, node_id in enumerate(order)}
    edges = [
        LayoutEdge(u, v, drawn.edges[u, v]["kind"] is EdgeKind.STATEMENT)
        for u, v in sorted(drawn.edges, key=lambda e: (position[e[0]], position[e[1]]))
    ]
    return LayoutJob(nodes, edges)


# ---------------------------------------------------------------- pages


def render_site(analysis: Analysis, views: list[GraphView]) -> dict[str, bytes]:
    """Every file of the site: relative path -> bytes. Deterministic."""
    env = _environment()
    colors = {**DEFAULT_COLORS, **analysis.blueprint.options.colors}
    context = {
        "title": _title(analysis),
        "version": __version__,
        "views": views,
        "colors": colors,
        "legend": _legend(analysis, colors),
        "counts": _counts(analysis),
        "diagnostics": analysis.diagnostics,
        "status_source": analysis.status_source,
        "node_count": len(analysis.nodes),
        "edge_count": analysis.graph.number_of_edges(),
    }
    nodes_json = _json_for_script(_node_records(analysis, colors))
    files: dict[str, bytes] = {}
    files["index.html"] = env.get_template("index.html").render(**context, page="index").encode()
    for view in views:
        html = env.get_template("graph.html").render(
            **context,
            page=view.slug,
            view=view,
            boxes={box.id: box for box in view.layout.nodes},
            statuses=analysis.statuses,
            by_id=analysis.by_id,
            nodes_json=nodes_json,
        )
        files[f"{view.slug}.html"] = html.encode()
    static = TEMPLATE_DIR / "static"
    for path in sorted(static.rglob("*")):
        if path.is_file() and path.name != "livereload.js":
            files[f"static/{path.relative_to(static).as_posix()}"] = path.read_bytes()
    return files


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["n"] = _number
    return env


def _number(value: float) -> str:
    """Coordinates with at most two decimals, the same bytes on every run."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _title(analysis: Analysis) -> str:
    return analysis.config.title or analysis.blueprint.options.title or analysis.config.root.name


def _counts(analysis: Analysis) -> dict[str, list[tuple[str, str, int]]]:
    borders = Counter(status.border for status in analysis.statuses.values())
    fills = Counter(status.fill for status in analysis.statuses.values())
    return {
        "border": [(b.value, BORDER_WORDS[b], borders[b]) for b in Border if borders[b]],
        "fill": [(f.value, FILL_WORDS[f], fills[f]) for f in Fill if fills[f]],
    }


def _legend(analysis: Analysis, colors: dict[str, str]) -> list[dict[str, str]]:
    """Legend entries in plain words; each shows a sample shape, so colour is not alone."""
    described = analysis.blueprint.options.color_descriptions
    entries = [
        ("box", "", "", "a definition"),
        ("ellipse", "", "", "a theorem, lemma, proposition or corollary"),
        ("ellipse", colors["stated"], "", "green border: statement formalized in Lean"),
        ("ellipse", colors["can_state"], "", "blue border: statement ready to be formalized"),
        ("ellipse", colors["not_ready"], "", "orange border: not ready, the blueprint needs work"),
        ("ellipse", colors["mathlib"], "", "dark green border: already in Mathlib"),
        ("ellipse", "", colors["can_prove"], "blue background: proof ready to be formalized"),
        ("ellipse", "", colors["proved"], "green background: proof formalized"),
        ("box", "", colors["defined"], "green background (box): definition formalized"),
        (
            "ellipse",
            "",
            colors["fully_proved"],
            "dark green background: proof and all its ancestors formalized",
        ),
        ("ellipse", "", "", "no colour: not yet ready to be formalized"),
    ]
    legend = [
        {"shape": shape, "stroke": stroke, "fill": fill, "text": text}
        for shape, stroke, fill, text in entries
    ]
    for key, description in sorted(described.items()):
        legend.append(
            {
                "shape": "ellipse",
                "stroke": "",
                "fill": colors.get(key, ""),
                "text": f"{key}: {description}",
            }
        )
    return legend


def _node_records(analysis: Analysis, colors: dict[str, str]) -> dict[str, dict]:
    options = analysis.blueprint.options
    dochome = (options.dochome or MATHLIB_DOCS).rstrip("/")
    github = (analysis.config.github or options.github or "").rstrip("/")
    records = {}
    for node in analysis.nodes:
        status = analysis.statuses[node.id]
        discussion = node.discussion
        records[node.id] = {
            "id": node.id,
            "env": node.env,
            "title": node.title or "",
            "number": node.number or "",
            "chapter": node.chapter or "",
            "statement": node.statement.text,
            "proof": node.proof.text if node.proof else None,
            "lean": [{"name": n, "url": f"{dochome}/find/#doc/{n}"} for n in node.lean],
            "discussion": f"{github}/issues/{discussion}" if discussion and github else None,
            "border": status.border.value,
            "fill": status.fill.value,
            "border_words": BORDER_WORDS[status.border],
            "fill_words": FILL_WORDS[status.fill],
            "uses": sorted(analysis.graph.predecessors(node.id)),
            "used_by": sorted(analysis.graph.successors(node.id)),
            "file": node.file,
            "line": node.line,
        }
    return records


def _json_for_script(data: object) -> str:
    """JSON safe to embed in a <script type="application/json"> element."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
