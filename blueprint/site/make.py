"""The site made in one place: graph layouts started, page data made while dot works, the
views collected, the pages rendered. `build`, `watch` and the tests all call `make_site`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from blueprint.analysis import Analysis
from blueprint.model import SiteOptions
from blueprint.site.views import GraphView, layout_input, start_layouts
from blueprint.timings import Timings

if TYPE_CHECKING:
    from blueprint.history.model import History
    from blueprint.site.convert import TextMemo
    from blueprint.site.nodes import SourceLines
    from blueprint.site.render import ScriptPieces


def _text_memo() -> TextMemo:
    from blueprint.site.convert import TextMemo

    return TextMemo()


def _script_pieces() -> ScriptPieces:
    from blueprint.site.render import ScriptPieces

    return ScriptPieces()


def _source_lines() -> SourceLines:
    from blueprint.site.nodes import SourceLines

    return SourceLines()


@dataclass
class SiteMemo:
    """What a watch session keeps between builds of the site: the text conversions and
    rendered pieces (`TextMemo`), and the graph views drawn for the blueprint last read."""

    text: TextMemo = field(default_factory=_text_memo)
    #: the views last drawn, and what they were made from (`views.layout_input`)
    views: tuple[tuple[object, ...], list[GraphView]] | None = None
    #: the pieces of the graph pages: drawings, panels, data (`render.Drawings`)
    drawings: dict[str, tuple[object, str | bytes]] = field(default_factory=dict)
    #: the JSON of each node's entries in the graph pages' script data
    scripts: ScriptPieces = field(default_factory=_script_pieces)
    #: the Lean files the panels quote
    sources: SourceLines = field(default_factory=_source_lines)

    def views_of(self, made_of: tuple[object, ...]) -> list[GraphView] | None:
        """The views last drawn, if they were made from the same nodes, edges and options
        (`views.layout_input`): an edit that changed no use leaves the drawing as it was
        (statuses only recolour it)."""
        if self.views is None or self.views[0] != made_of:
            return None
        return [replace(view, cached=True) for view in self.views[1]]


@dataclass(frozen=True)
class Site:
    """The files of a site (relative path -> bytes) and the graph views drawn in it."""

    files: dict[str, bytes]
    views: list[GraphView]

    @property
    def laid_out(self) -> bool:
        """Whether dot laid a graph out (false when every layout came from a cache)."""
        return not all(view.cached for view in self.views)


def make_site(
    analysis: Analysis,
    options: SiteOptions | None = None,
    timings: Timings | None = None,
    history: Callable[[], History | None] | None = None,
    memo: SiteMemo | None = None,
) -> Site:
    """Every file of the site of `analysis`. `history` gives the history to add a
    progress-over-time page for; `memo` keeps work between the builds of a watch session."""
    timings = timings or Timings()
    made_of = layout_input(analysis) if memo else ()
    reused = memo.views_of(made_of) if memo else None
    with timings.stage("layout"):
        pending = start_layouts(analysis) if reused is None else None
    with timings.stage("render"):  # while dot works in its own processes
        from blueprint.site.pagedata import site_data
        from blueprint.site.render import SitePages

        data = site_data(analysis, memo.text if memo else None, memo.sources if memo else None)
    found = None
    if history is not None:
        with timings.stage("history"):
            found = history()
    with timings.stage("render"):  # every page but the graph's, still while dot works
        outlines = pending.outlines() if pending else [view.outline() for view in reused or []]
        pages = SitePages(
            analysis, outlines, options, memo.text if memo else None, history=found, data=data,
            drawings=memo.drawings if memo else None, pieces=memo.scripts if memo else None,
        )
        files = pages.pages()
        pages.prepare_graph_pages()
    # each graph page once its layout is done, the largest graph (the last done) last
    done: dict[int, GraphView] = dict(enumerate(reused or []))
    for position in pending.order() if pending is not None else range(len(done)):
        if pending is not None:
            with timings.stage("layout"):
                done[position] = pending.view(position)
        with timings.stage("render"):
            files.update(pages.graph_page(done[position]))
    views = [done[position] for position in range(len(done))]
    if memo is not None and pending is not None:
        memo.views = (made_of, views)
    return Site(files, views)
