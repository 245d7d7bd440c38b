"""From an analysis to the files of the static site: layout views, then jinja2 templates.

Pages: the overview (index.html), the dependency graph (graph.html, and one per chapter
with `dep_by`), the blueprint as a document (contents.html, chapter-N.html,
references.html), the task board (tasks.html) and the progress page (progress.html).
Every string from the user's files goes through jinja's autoescaping or, for the data the
scripts read, through `_json_for_script`; element ids are never made from labels.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import jinja2
import markupsafe

from blueprint import __version__
from blueprint.analysis import Analysis
from blueprint.analysis.status import Stage
from blueprint.model import ColorKey, Macro, SiteOptions, Syntax
from blueprint.site.assets import TEMPLATE_DIR
from blueprint.site.board import progress_bars, task_board
from blueprint.site.convert import Converter, TextMemo
from blueprint.site.items import Inline, plain_text
from blueprint.site.latex.parser import Context, NoLinks
from blueprint.site.layout import Layout, NodeBox
from blueprint.site.nodes import NodeInfo, fragment_key, node_hash
from blueprint.site.pagedata import SiteData, site_data
from blueprint.site.views import GraphView, ViewOutline
from blueprint.site.words import SIZE_WORDS, STAGE_SHORT, stages_of
from blueprint.vocabulary import vocabulary

if TYPE_CHECKING:
    from blueprint.history.model import History

MATHJAX_VERSION = "3.2.2"
MATHJAX_CDN = f"https://cdn.jsdelivr.net/npm/mathjax@{MATHJAX_VERSION}/es5/tex-svg.js"
MATHJAX_LOCAL = "static/mathjax/tex-svg.js"

DEFAULT_COLORS = {
    ColorKey.MATHLIB: "darkgreen",
    ColorKey.STATED: "green",
    ColorKey.CAN_STATE: "blue",
    ColorKey.NOT_READY: "#FFAA33",
    ColorKey.PROVED: "#9CEC8B",
    ColorKey.CAN_PROVE: "#A3D6FF",
    ColorKey.DEFINED: "#B0ECA3",
    ColorKey.FULLY_PROVED: "#1CAC78",
}

#: the outline of a node whose Lean sources are not in the checkout (no \graphcolor sets it)
NOT_CHECKED_COLOR = "#6b7280"

#: the default colours in words, as the legend names them
DEFAULT_COLOR_WORDS: dict[str, str] = {
    ColorKey.MATHLIB: "dark green",
    ColorKey.STATED: "green",
    ColorKey.CAN_STATE: "blue",
    ColorKey.NOT_READY: "orange",
    ColorKey.PROVED: "light green",
    ColorKey.CAN_PROVE: "light blue",
    ColorKey.DEFINED: "pale green",
    ColorKey.FULLY_PROVED: "dark green",
}


def _color_words(analysis: Analysis) -> dict[str, str]:
    """Each status colour in words, for the one legend: the blueprint's own description
    (`\\graphcolor{key}{colour}{description}`) where it changed or described a colour."""
    options = analysis.blueprint.options
    words: dict[str, str] = dict(DEFAULT_COLOR_WORDS)
    for key, colour in options.colors.items():
        if colour.lower() != DEFAULT_COLORS.get(key, "").lower():
            words[key] = colour  # a colour with no description is named by its value
    for key, description in options.color_descriptions.items():
        if description.strip():
            words[key] = description.strip().lower()
    return words


# ---------------------------------------------------------------- pages


class SitePages:
    """The pages of a site, rendered in two steps: `pages`, every page but the graph pages,
    which needs no layout (a build renders them while dot works), then `graph_page` for
    each graph view once its layout is done. Deterministic: relative path -> bytes.

    `memo` keeps text conversions between builds of the same blueprint (watch mode), and
    `drawings` the pieces of the graph pages, `pieces` the JSON of their items; `history`,
    when given, adds the progress-over-time page; `data`, the pages' content when it was
    prepared already."""

    def __init__(
        self,
        analysis: Analysis,
        views: list[ViewOutline],
        options: SiteOptions | None = None,
        memo: TextMemo | None = None,
        history: History | None = None,
        data: SiteData | None = None,
        drawings: Drawings | None = None,
        pieces: ScriptPieces | None = None,
    ) -> None:
        self.analysis, self.views, self.history = analysis, views, history
        self.options = options or SiteOptions()
        self.drawings = drawings
        self.pieces = pieces
        if pieces is not None:
            pieces.start_build()
        # each panel's JSON once a build, though most nodes are in two views or more
        self.panel_pieces = pieces if pieces is not None else ScriptPieces()
        self._panels_json: dict[str, str] = {}
        self.env = env = _environment()
        self.data = data = data or site_data(analysis, memo)
        effective = {**DEFAULT_COLORS, **analysis.blueprint.options.colors}
        self.colors = colors = {**{key.value: value for key, value in effective.items()},
                                "not_checked": NOT_CHECKED_COLOR}
        board = task_board(analysis)
        bars = progress_bars(analysis, data.nodes)
        self.titles = titles = Titles(data.macros, analysis.blueprint.syntax)
        math_src = MATHJAX_LOCAL if self.options.offline_math else MATHJAX_CDN
        self.context: dict[str, object] = {
            "title": _title(analysis, titles),
            "version": __version__,
            "views": views,
            "colors": colors,
            "data": data,
            "nodes": data.nodes,
            "chapters": data.chapters,
            "stages": stages_of(info.stage for info in data.nodes.values()),
            "not_checked": any(
                info.stage is Stage.NOT_CHECKED for info in data.nodes.values()
            ),
            "stage_short": STAGE_SHORT,
            "size_words": SIZE_WORDS,
            "board": board,
            "bars": bars,
            "total": bars[0],
            "chapter_title": titles.html,
            "chapter_text": titles.text,
            "diagnostics": analysis.diagnostics,
            "status_source": analysis.status_source,
            "node_count": len(analysis.nodes),
            "edge_count": analysis.graph.number_of_edges(),
            "has_history": history is not None,
            "math_json": _json_for_script(_math_config(math_src, data.macros)),
            "color_words": _color_words(analysis),
            "words": vocabulary(analysis.blueprint),  # the format's own way to write things
            "claims": analysis.claims,
            "claims_note": _claims_note(analysis),
            "planning": _has_planning(analysis, data),
        }
        self.panels, cards = _node_fragments(env, data, titles, analysis, memo)
        self.context["cards"] = cards
        self.units = _units(views, data)
        self.drawn = _drawn_nodes(data, titles, colors)
        self._graph_part: dict[str, object] | None = None

    def _page(self, template: str, name: str, **extra: object) -> bytes:
        slug = name.removesuffix(".html")
        html = self.env.get_template(template).render(**self.context, page=slug, **extra)
        return html.encode("utf-8", errors="replace")  # a stray surrogate must not crash

    def pages(self) -> dict[str, bytes]:
        """Every file of the site but the graph pages."""
        data, files = self.data, {}
        files["index.html"] = self._page("index.html", "index.html")
        files["contents.html"] = self._page("contents.html", "contents.html")
        for chapter in data.chapters:
            name = f"{chapter.slug}.html"
            files[name] = self._page("chapter.html", name, chapter=chapter, items=chapter.items)
        if data.references:
            files["references.html"] = self._page("references.html", "references.html")
        files["tasks.html"] = self._page("tasks.html", "tasks.html")
        files["progress.html"] = self._page("progress.html", "progress.html")
        if self.history is not None:
            files.update(_history_pages(
                self.env, self.context, self.analysis, data, self.history, self.titles
            ))
        static = TEMPLATE_DIR / "static"
        skipped = {"livereload.js", *(() if self.context["planning"] else PLANNING_ASSETS)}
        for path in sorted(static.rglob("*")):
            if path.is_file() and path.name not in skipped:
                files[f"static/{path.relative_to(static).as_posix()}"] = path.read_bytes()
        if self.options.offline_math:
            from blueprint.site.mathassets import mathjax_files

            files.update(mathjax_files(self.analysis.config.cache_dir, MATHJAX_VERSION))
        return files

    def graph_page(self, view: GraphView) -> dict[str, bytes]:
        """The page of one graph view; in watch mode, the page of the last build when it is
        made of the same things (those its templates read of the site's context: see
        `_graph_context`), as most views are after an edit of a node's text."""
        boxes = {box.id: box for box in view.layout.nodes}
        drawings, titles = self.drawings, self.titles
        name = f"{view.slug}.html"
        extra = dict(
            view=view,
            svg=graph_drawing(
                self.env, view, self.drawn, self.colors, titles.text(view.title), drawings
            ),
            units=self.units,
            panels_json=self.panels_json(view),
            nodes_json=_graph_json(
                self.analysis, self.data, view, titles, boxes, drawings, self.pieces
            ),
        )
        context = self._graph_context()
        # what its functions (`chapter_text`) read: the macros and syntax of the titles
        made_of = (
            name, tuple(extra.items()), self.data.macros, self.analysis.blueprint.syntax,
            tuple((key, value) for key, value in context.items() if not callable(value)),
        )

        def render(_: object) -> bytes:
            html = self.env.get_template("graph.html").render(**context, page=view.slug, **extra)
            return html.encode("utf-8", errors="replace")

        return {name: _kept(drawings, f"page:{name}", made_of, render)}

    def panels_json(self, view: ViewOutline | GraphView) -> str:
        """The side panels of a view's nodes, as its page's script reads them: made once a
        build, from the view's nodes alone (a build makes them while dot works)."""
        found = self._panels_json.get(view.slug)
        if found is None:
            found = _graph_panels(view, self.panels, self.drawings, self.panel_pieces)
            self._panels_json[view.slug] = found
        return found

    def prepare_graph_pages(self) -> None:
        """What the graph pages need of their views before their layouts are done."""
        for view in self.views:
            self.panels_json(view)

    def _graph_context(self) -> dict[str, object]:
        """The site's context as the graph pages' templates read it (`data` only for its
        chapter titles); in watch mode only the variables they read (found in their
        source, parsed once a session: 0.03 s), so that a page whose part is the same is
        the same page."""
        if self._graph_part is None:
            part = {**self.context, "data": _ChapterTitles(tuple(self.data.chapter_titles))}
            if self.drawings is not None:
                names = _template_variables(self.env, "graph.html")
                part = {key: value for key, value in part.items() if key in names}
            self._graph_part = part
        return self._graph_part


@dataclass(frozen=True)
class _ChapterTitles:
    """All the graph pages read of the site's data (any other read fails: the templates
    are strict), so that an edit of a node's text does not make every graph page anew."""

    chapter_titles: tuple[str, ...]


def _template_variables(env: jinja2.Environment, name: str) -> frozenset[str]:
    """The variables a template and the templates it extends, includes and imports read
    from its context (as their files are now)."""
    assert env.loader is not None
    found: set[str] = set()
    done: set[str] = set()
    todo = [name]
    while todo:
        template = todo.pop()
        if template not in done:
            done.add(template)
            variables, referenced = _read_by(env, env.loader.get_source(env, template)[0])
            found |= variables
            todo += referenced
    return frozenset(found)


@functools.lru_cache(maxsize=64)
def _read_by(env: jinja2.Environment, source: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The variables a template's source reads, and the templates it names."""
    from jinja2 import meta

    tree = env.parse(source)
    referenced = tuple(t for t in meta.find_referenced_templates(tree) if t is not None)
    return frozenset(meta.find_undeclared_variables(tree)), referenced


@functools.cache
def _environment() -> jinja2.Environment:
    """One environment per process: templates compile once, and again only when their
    file changes (jinja2 checks modification times)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["n"] = _number
    tex = env.get_template("_tex.html").module
    env.globals["node_hash"] = node_hash  # a function, not a macro: called for every link
    env.globals["tex_blocks"] = _MarkupMemo(tex.blocks)  # type: ignore[attr-defined]
    env.globals["tex_inlines"] = _MarkupMemo(tex.inlines)  # type: ignore[attr-defined]
    return env


class _MarkupMemo:
    """A macro of `_tex.html` whose output is kept for each converted text it was given.

    Converted texts are immutable tuples; the same tuple (the same object: conversions are
    reused between builds, see `convert.TextMemo`) always renders the same, so a statement
    shown in a panel and in its chapter, or in two builds, is rendered once."""

    LIMIT = 50_000

    def __init__(self, macro: Callable[[object], markupsafe.Markup]) -> None:
        self.macro = macro
        self.rendered: dict[int, tuple[object, markupsafe.Markup]] = {}

    def __call__(self, items: object) -> markupsafe.Markup:
        found = self.rendered.get(id(items))
        if found is not None and found[0] is items:
            return found[1]
        if len(self.rendered) >= self.LIMIT:
            self.rendered.clear()
        html = markupsafe.Markup(self.macro(items))
        self.rendered[id(items)] = (items, html)
        return html


class Titles:
    """Chapter (and `dep_by` section) titles in TeX where no chapter page converted them (the
    task board, the side panels, the graph pages' filters and names, the progress figures,
    the history), converted as the chapter pages convert their headings, with the
    blueprint's macros: `html` for the pages (templates: `chapter_title`), `text` where no
    markup can go (an <option>, a <title>, an attribute, SVG text, the graph's JSON;
    templates: `chapter_text`). Only a `\\ref` or a `\\cite` in a title would differ: here it
    is not a link."""

    def __init__(
        self, macros: Mapping[str, Macro] | None = None, syntax: Syntax = Syntax.LATEX
    ) -> None:
        self._context = Context(NoLinks(), macros or {})
        self._convert = Converter(self._context)
        self._syntax = syntax
        self._done: dict[str, tuple[Inline, ...]] = {}

    def inlines(self, tex: str) -> tuple[Inline, ...]:
        found = self._done.get(tex)
        if found is None:
            found = self._done[tex] = self._convert.inlines(tex, self._syntax)
        return found

    def html(self, tex: str) -> markupsafe.Markup:
        inlines = _environment().globals["tex_inlines"]
        assert isinstance(inlines, _MarkupMemo)
        return inlines(self.inlines(tex))

    def text(self, tex: str) -> str:
        return plain_text(self.inlines(tex))


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept per user, like Python's own __pycache__: compiling them all
    costs about 0.1 s, a tenth of a small build. Keyed by template source, so never stale."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "blueprint" / f"templates-{__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: compile every time
    return jinja2.FileSystemBytecodeCache(str(folder))


def _number(value: float) -> str:
    """Coordinates with at most two decimals, the same bytes on every run."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _title(analysis: Analysis, titles: Titles) -> str:
    """The project's name as every page shows it, in plain text (a <title> holds no markup):
    blueprint.toml's title as written, else the document's \\title converted from TeX."""
    if analysis.config.title:
        return analysis.config.title
    tex = analysis.blueprint.options.title
    return titles.text(tex) if tex else analysis.config.root.name


def _history_pages(
    env: jinja2.Environment,
    context: dict[str, object],
    analysis: Analysis,
    data: SiteData,
    history: History,
    titles: Titles,
) -> dict[str, bytes]:
    """`history.html`, and `history.svg` when there is a chart."""
    from blueprint.site.history import history_view, render_history_page

    links = {node.id: "graph.html" + node_hash(node.id) for node in analysis.nodes}
    view = history_view(env, history, links, data.github, titles.inlines)
    files = {"history.html": render_history_page(env, context, view)}
    if view.available:
        files["history.svg"] = str(view.chart).encode()
    return files


def _node_fragments(
    env: jinja2.Environment,
    data: SiteData,
    titles: Titles,
    analysis: Analysis,
    memo: TextMemo | None,
) -> tuple[dict[str, markupsafe.Markup], dict[str, markupsafe.Markup]]:
    """Each node's side panel (shared by the graph pages) and card (its chapter page),
    rendered once. In watch mode `memo` keeps them between builds, so a status change
    renders again only the nodes whose data changed."""
    module = env.get_template("_node.html").module
    refs = NodeRefs(module.node_ref, data.nodes)  # type: ignore[attr-defined]
    known = memo.fragments() if memo else {}
    used: dict[tuple[object, ...], tuple[object, ...]] = {}
    panels, cards = {}, {}
    for node_id, info in data.nodes.items():
        found = key = None
        if memo:
            # the card links each node it uses to the page that shows it; the panel lists
            # the nodes it uses and the nodes that use it by their headings
            near = (*info.uses, *info.used_by)
            key = (
                *fragment_key(info),
                tuple(data.nodes[d].page for d in info.uses),
                tuple((data.nodes[d].heading, id(data.nodes[d].title)) for d in near),
            )
            found = used.get(key) or known.get(key)
        if found is None:
            found = (
                module.panel(info, titles.html, refs),  # type: ignore[attr-defined]
                module.card(info, data.nodes),  # type: ignore[attr-defined]
            )
        if key is not None:
            used[key] = found
        panel, card = found
        assert isinstance(panel, markupsafe.Markup) and isinstance(card, markupsafe.Markup)
        panels[node_id], cards[node_id] = panel, card
    if memo:
        memo.keep_fragments(used)
    return panels, cards


class NodeRefs(dict[str, markupsafe.Markup]):
    """Each node's reference as the side panels list it (`node_ref` of `_node.html`), by
    its id, rendered when first asked for: a node is in the lists of all its neighbours."""

    def __init__(
        self, macro: Callable[[NodeInfo], markupsafe.Markup], nodes: Mapping[str, NodeInfo]
    ) -> None:
        super().__init__()
        self.macro, self.nodes = macro, nodes

    def __missing__(self, node_id: str) -> markupsafe.Markup:
        html = self[node_id] = self.macro(self.nodes[node_id])
        return html


@dataclass(frozen=True, slots=True)
class DrawnNode:
    """What the drawing of a graph shows of a node, whatever view draws it where: all that
    `graph_svg.html` reads of it but its box, in the words and colours the drawing writes.
    Made once a build (a node is drawn in two views or more), and so that a drawing whose
    nodes all look the same as before is the drawing made before."""

    box: bool  # drawn as a box (a definition), else as an ellipse
    outer: bool  # drawn with a second outline (in Mathlib)
    fill: str  # a colour, or the hatch of "ready to prove"
    stroke: str  # a colour
    heading: str
    classes: str  # its CSS classes in the view of its own chapter
    outside_classes: str  # in the view of another chapter
    title: str  # "label: stage in words; work in words"
    outside_title: str  # the same, and where it is from
    badge: str  # who works on it, in a letter or two ("" for none)
    stale: bool  # the badge's work is stale


#: the outline of a node in each of these borders; any other is #222
_STROKE_KEYS = ("mathlib", "stated", "can_state", "not_ready")


def _drawn_nodes(
    data: SiteData, titles: Titles, colors: Mapping[str, str]
) -> dict[str, DrawnNode]:
    stroke_of = {key: colors[key] for key in _STROKE_KEYS}
    drawn = {}
    for node_id, info in data.nodes.items():
        not_checked, work = info.stage == "not_checked", info.work
        badge = work.badge if work else ""
        title = f"{node_id}: {info.stage_words}" + (f"; {work.words}" if work and badge else "")
        outline = "not_checked" if not_checked else info.border
        classes = f"stage-{info.stage} border-{outline} fill-{info.fill}"
        work_class = f" work-{work.state}" if work else ""
        fill = colors.get(info.fill, "#ffffff") if info.fill != "none" else "#ffffff"
        drawn[node_id] = DrawnNode(
            box=info.kind == "definition",
            outer=info.border == "mathlib",
            fill="url(#hatch)" if info.fill == "can_prove" else fill,
            stroke=colors["not_checked"] if not_checked else stroke_of.get(info.border, "#222"),
            heading=info.heading,
            classes=classes + work_class,
            outside_classes=f"{classes} outside{work_class}",
            title=title,
            outside_title=f"{title} (from {titles.text(info.chapter_title)})",
            badge=badge,
            stale=bool(work and work.stale),
        )
    return drawn


#: the pieces of the graph pages of a watch session's last build, by name: (what each was
#: made from, the piece). A rebuild reuses those made from the same things: the drawings
#: (an edited statement changes no node's look), most panels, the scripts' data of the
#: views that do not show what changed. They are most of a graph page's bytes (the whole
#: graph of 940 nodes: 5 MB).
Drawings = dict[str, tuple[object, str | bytes]]

_Piece = TypeVar("_Piece", bound=str | bytes)
_Made = TypeVar("_Made")
_Item = TypeVar("_Item")


def _kept(
    pieces: Drawings | None, name: str, made_of: _Made, make: Callable[[_Made], _Piece]
) -> _Piece:
    """`make(made_of)`, or the piece of that name last made of something equal."""
    found = pieces.get(name) if pieces is not None else None
    if found is not None and found[0] == made_of:
        return found[1]  # type: ignore[return-value]  # what `make` made of it
    piece = make(made_of)
    if pieces is not None:
        pieces[name] = (made_of, piece)
    return piece


def _graph_panels(
    view: ViewOutline | GraphView,
    panels: Mapping[str, markupsafe.Markup],
    drawings: Drawings | None,
    pieces: ScriptPieces | None = None,
) -> str:
    """The side panels of a view's nodes, in drawing order, as JSON for the page's script
    (see `_fragments_for_script`)."""
    return _kept(
        drawings, f"panels:{view.slug}", tuple(panels[node_id] for node_id in view.node_ids),
        lambda fragments: _fragments_for_script(fragments, pieces),
    )


class ScriptPieces:
    """The JSON of each item of the graph pages' script data (a node's side panel, a node's
    entry), kept by value between the builds of a watch session: a rebuild encodes again
    only the items an edit changed, and joins the rest (the whole graph's are a few MB).
    What a build did not use is forgotten at the next one."""

    def __init__(self) -> None:
        self._kept: dict[object, str] = {}
        self._used: dict[object, str] = {}

    def start_build(self) -> None:
        if self._used:
            self._kept, self._used = self._used, {}

    def json(self, key: Hashable, make: Callable[[_Item], str], item: _Item) -> str:
        """The JSON of `item`, which `key` stands for (`make(item)` when it is new)."""
        found = self._used.get(key)
        if found is None:
            found = self._kept.get(key)
            if found is None:
                found = make(item)
            self._used[key] = found
        return found


def graph_drawing(
    env: jinja2.Environment,
    view: GraphView,
    drawn: Mapping[str, DrawnNode],
    colors: Mapping[str, str],
    title: str,
    drawings: Drawings | None = None,
) -> markupsafe.Markup:
    """The SVG drawing of a graph view (`graph_svg.html`), from `drawings` when it was
    drawn from the same things before."""
    made_of = (
        view.layout, view.node_ids, view.outside, title, tuple(sorted(colors.items())),
        tuple(drawn[node_id] for node_id in view.node_ids),
    )

    def draw(_: object) -> markupsafe.Markup:
        return markupsafe.Markup(
            env.get_template("graph_svg.html").render(
                view=view,
                boxes={box.id: box for box in view.layout.nodes},
                nodes=drawn,
                colors=colors,
                view_title=title,
            )
        )

    return _kept(drawings, f"svg:{view.slug}", made_of, draw)


@dataclass(frozen=True)
class UnitSummary:
    """A chapter (or `dep_by` unit) as the overview shows it: its graph page and how far
    its own nodes (not its neighbours from other units) are."""

    slug: str
    title: str  # TeX
    total: int
    done: int  # proof (or definition) formalized, or in Mathlib
    ready: int  # ready to state or to prove
    waiting: int
    stages: tuple[tuple[str, int], ...]  # (stage, count), most finished first, no zeros


#: the stylesheet and script of what only some blueprints have (nodes not checked, tasks
#: planned): in their sites alone, so that the others stay as they were
PLANNING_ASSETS = ("planning.css", "planning.js")


def _has_planning(analysis: Analysis, data: SiteData) -> bool:
    """Whether a node is planned (owner, effort, tags...) or says more of itself, or is not
    checked: what static/planning.css and planning.js are for."""
    return any(
        info.planning is not None or info.extra or info.stage is Stage.NOT_CHECKED
        for info in data.nodes.values()
    )


DONE_STAGES = frozenset({"mathlib", "done", "proved"})
READY_STAGES = frozenset({"can_prove", "can_state"})


def _units(views: list[ViewOutline], data: SiteData) -> dict[str, UnitSummary]:
    """The overview's units by slug (none when there is no overview)."""
    if not views or not views[0].has_overview:
        return {}
    units = {}
    for view in views[1:]:
        stages = [data.nodes[n].stage for n in view.node_ids if n not in view.outside]
        done = sum(s in DONE_STAGES for s in stages)
        ready = sum(s in READY_STAGES for s in stages)
        counts = tuple((key, stages.count(key)) for key, _ in stages_of(stages) if key in stages)
        units[view.slug] = UnitSummary(
            view.slug, view.title, len(stages), done, ready, len(stages) - done - ready, counts
        )
    return units


def _graph_json(
    analysis: Analysis,
    data: SiteData,
    view: GraphView,
    titles: Titles,
    boxes: Mapping[str, NodeBox],
    drawings: Drawings | None = None,
    pieces: ScriptPieces | None = None,
) -> str:
    """`_json_for_script(_graph_data(...))`, each node's entry taken from `pieces` when
    it is the same as before, the edges' from `drawings` while the layout is the same:
    the same bytes (the JSON of a list, or of a dict with sorted keys, is its items' JSON
    joined; the escaping is character by character)."""
    if pieces is None:
        return _json_for_script(_graph_data(analysis, data, view, titles, boxes))
    head = _graph_data(analysis, data, view, titles, boxes, parts=False)
    index = {node_id: position for position, node_id in enumerate(view.node_ids)}

    def encode(node_id: str) -> str:
        return _json_for_script(_node_data(analysis, data, view, boxes, index, node_id))

    entries = []
    for node_id in view.node_ids:
        info, box = data.nodes[node_id], boxes[node_id]
        key = (
            "node", node_id, info.title_text, info.heading, info.kind, info.chapter,
            info.stage, tuple(d.name for d in info.declarations), info.search_text,
            tuple(sorted(index[u] for u in analysis.graph.predecessors(node_id) if u in index)),
            node_id in view.outside,
            # by repr: 0.0 == -0.0 and 1 == 1.0, which JSON writes apart
            tuple(map(repr, (box.x, box.y, box.width, box.height))),
            (info.work.state, info.work.free) if info.work else None,
        )
        entries.append(pieces.json(key, encode, node_id))
    return "".join([
        '{"chapters":', _json_for_script(head["chapters"]),
        ',"edges":', _kept(drawings, f"edges:{view.slug}", view.layout,
                           lambda layout: _json_for_script(_edge_boxes(layout))),
        ',"nodes":[', ",".join(entries),
        '],"page":', _json_for_script(head["page"]),
        ',"stages":', _json_for_script(head["stages"]), "}",
    ])


def _graph_data(
    analysis: Analysis,
    data: SiteData,
    view: GraphView,
    titles: Titles,
    boxes: Mapping[str, NodeBox],
    parts: bool = True,
) -> dict[str, object]:
    """What the graph scripts (static/graph-*.js) need, once per page: nodes in drawing
    order, where they are drawn (x, y of the centre, width, height) and their dependencies
    (every edge, not only the drawn ones) as indices into that order; the box of each
    drawn edge. Names are plain text (chapter titles converted from TeX): the scripts show
    text only as text."""
    index = {node_id: position for position, node_id in enumerate(view.node_ids)}
    nodes = [
        _node_data(analysis, data, view, boxes, index, node_id)
        for node_id in (view.node_ids if parts else ())
    ]
    return {
        "page": view.slug,
        "nodes": nodes,
        # where each edge is drawn (left, top, right, bottom), in the drawing's order
        "edges": _edge_boxes(view.layout) if parts else [],
        "chapters": [titles.text(chapter) for chapter in data.chapter_titles],
        "stages": [
            [key, STAGE_SHORT[key], words]
            for key, words in stages_of(info.stage for info in data.nodes.values())
        ],
    }


def _edge_boxes(layout: Layout) -> list[list[float]]:
    """Where each edge is drawn (left, top, right, bottom), in the drawing's order."""
    return [[round(v, 1) for v in edge.bounds()] for edge in layout.edges]


def _node_data(
    analysis: Analysis,
    data: SiteData,
    view: GraphView,
    boxes: Mapping[str, NodeBox],
    index: Mapping[str, int],
    node_id: str,
) -> dict[str, object]:
    """A node's entry in a graph page's script data (see `_graph_data`)."""
    info: NodeInfo = data.nodes[node_id]
    return {
        "id": node_id,
        "title": info.title_text,
        "heading": info.heading,
        "kind": info.kind,
        "chapter": info.chapter,
        "stage": info.stage,
        "lean": [d.name for d in info.declarations],
        "text": info.search_text,
        "uses": sorted(
            index[u] for u in analysis.graph.predecessors(node_id) if u in index
        ),
        "outside": node_id in view.outside,
        "box": [
            boxes[node_id].x,
            boxes[node_id].y,
            boxes[node_id].width,
            boxes[node_id].height,
        ],
        **({"work": info.work.state, "free": info.work.free} if info.work else {}),
    }


def _claims_note(analysis: Analysis) -> str:
    claims = analysis.claims
    if claims is None:
        return ""
    from blueprint.workinfo import claims_note

    return claims_note(claims.repo, claims.as_of, claims.warning)


def _math_config(src: str, macros: Mapping[str, Macro]) -> dict[str, object]:
    """MathJax's source and the blueprint's macros, in MathJax's format."""
    converted: dict[str, object] = {}
    for name, macro in sorted(macros.items()):
        if macro.args == 0:
            converted[name] = macro.body
        elif macro.default is not None:
            converted[name] = [macro.body, macro.args, macro.default]
        else:
            converted[name] = [macro.body, macro.args]
    return {"src": src, "macros": converted}


def _json_for_script(data: object) -> str:
    """JSON safe to embed in a <script type="application/json"> element."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _fragments_for_script(
    fragments: tuple[markupsafe.Markup, ...], pieces: ScriptPieces | None = None
) -> str:
    """HTML the templates rendered (and escaped), as a JSON list of strings to embed in a
    <script type="application/json"> element. Inside a script element the HTML parser
    decodes no entity and reacts only to "</" (an end tag) and "<!" (a comment, in which
    "<script" would nest): those are written "<\\/" and "\\u003c!", the same strings to
    JSON. The other "<" of the markup stay as they are (escaping every one, as
    `_json_for_script` does, made a big graph page a third larger); text from the user's
    files has no "<" left in it, its escaping is the templates'. With `pieces`, each
    fragment's JSON is taken from it when it was encoded before (the same bytes: no "</"
    or "<!" spans two of them, each ends and begins with a quote)."""
    if pieces is None:
        return _fragments_json(list(fragments))
    encoded = (
        pieces.json(("panel", fragment), _fragment_json, fragment) for fragment in fragments
    )
    return "[" + ",".join(encoded) + "]"


def _fragment_json(fragment: markupsafe.Markup) -> str:
    return _fragments_json([fragment])[1:-1]


def _fragments_json(fragments: list[markupsafe.Markup]) -> str:
    text = json.dumps(fragments, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!", "\\u003c!")
