"""What the site's pages show that is not the drawing of the graph (`SiteData`), computed
from an analysis: each node's facts (`nodes`), the chapter pages (`pages`), the references.
Plain data for the templates; the task board and progress bars are in `board`.

Reads Lean sources, for the snippets of declarations, but not the blueprint again: the
chapter pages are made from the document the reader returned (`Blueprint.document`), each
text converted from its syntax (`convert`). Writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from blueprint.analysis import Analysis
from blueprint.model import Macro, Node
from blueprint.site.convert import Converter, TextMemo
from blueprint.site.items import Inline
from blueprint.site.latex.parser import Context, Target
from blueprint.site.nodes import NodeInfo, NodeInfoMaker, SourceLines, node_hash, safe_url
from blueprint.site.pages import (
    ChapterPage,
    Links,
    PageItem,
    chapter_pages,
    convert_pages,
    references,
)
from blueprint.workinfo import work_info


@dataclass
class SiteData:
    """Everything the pages show that is not the drawing of the graph."""

    nodes: dict[str, NodeInfo]
    order: list[str]
    chapter_titles: list[str]
    front: list[PageItem]
    chapters: list[ChapterPage]
    references: list[tuple[str, str, tuple[Inline, ...]]]  # (anchor, number, text)
    macros: dict[str, Macro]
    github: str
    home: str


def site_data(
    analysis: Analysis, memo: TextMemo | None = None, sources: SourceLines | None = None
) -> SiteData:
    """Everything the pages show that is not the drawing of the graph; `memo` and `sources`
    keep conversions and the Lean files quoted between the builds of a watch session."""
    config, blueprint = analysis.config, analysis.blueprint
    macros, titles = dict(blueprint.macros), blueprint.kind_names
    links = Links()
    context = Context(links, macros)
    chapters, front, node_page = chapter_pages(blueprint.document, analysis, context, titles)
    cited = references(blueprint.document, links, context)
    chapter_titles = _chapter_titles(analysis.nodes)
    github = safe_url(config.github or blueprint.options.github)
    dochome = safe_url(config.dochome or blueprint.options.dochome)
    for node in analysis.nodes:
        page = node_page.get(node.id, "")
        links.refs.update(
            {
                label: Target(
                    page or "graph.html" + node_hash(node.id),
                    node.number or "",
                    titles.get(node.env, node.env.capitalize()),
                    node.id,
                )
                for label in (node.id, *node.aliases)
            }
        )
    # From here on the links are complete: conversions depend on the blueprint only.
    state = (dict(links.refs), dict(links.cites), dict(macros))
    convert = memo.converter(context, state) if memo else Converter(context)
    maker = NodeInfoMaker(analysis, convert, titles, chapter_titles, github, dochome, sources)
    nodes: dict[str, NodeInfo] = {}
    for index, node in enumerate(analysis.nodes):
        nodes[node.id] = maker.info(node, index)
        nodes[node.id].page = node_page.get(node.id, "")
    claims = analysis.claims
    if claims is not None:
        for node in analysis.nodes:
            info = nodes[node.id]
            info.work = work_info(
                claims.work[node.id], node.id, info.heading, info.stage, claims.web, node.lean
            )
    convert_pages(chapters, front, convert)
    return SiteData(
        nodes=nodes,
        order=[node.id for node in analysis.nodes],
        chapter_titles=chapter_titles,
        front=front,
        chapters=chapters,
        references=cited,
        macros=macros,
        github=github,
        home=safe_url(blueprint.options.home),
    )


def _chapter_titles(nodes: Sequence[Node]) -> list[str]:
    return list(dict.fromkeys(node.chapter or "Front matter" for node in nodes))
