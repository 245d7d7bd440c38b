"""The blueprint as a document: chapter pages made from the document the reader returned
(`Blueprint.document`), with where each node is shown, and the list of references."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from blueprint.analysis import Analysis
from blueprint.model import (
    Bibliography,
    DocumentItem,
    Environment,
    Heading,
    NodePlace,
    Prose,
    Syntax,
)
from blueprint.site.convert import Converter
from blueprint.site.items import Block, Inline, plain_text
from blueprint.site.latex.parser import Context, Target, to_inlines
from blueprint.site.nodes import node_hash


@dataclass(frozen=True)
class PageHeading:
    """A chapter or section heading of a page."""

    level: str
    number: str
    title: tuple[Inline, ...]
    anchor: str


class PageItemKind(StrEnum):
    """What an item of a document page is (templates/chapter.html draws each)."""

    HEADING = "heading"
    PROSE = "prose"
    STATEMENT = "statement"  # a node's card
    PROOF = "proof"  # a node's proof
    ENVIRONMENT = "environment"  # a remark, an example, a proof of no node


@dataclass(frozen=True)
class PageItem:
    """One item of a document page: text, a heading or a node's card."""

    kind: PageItemKind
    blocks: tuple[Block, ...] = ()
    heading: PageHeading | None = None
    node: str | None = None
    label: str = ""  # environments: "Remark"; proofs: "Proof" or "Proof of Lemma 1.3"
    title: tuple[Inline, ...] = ()
    #: what is still to convert (prose, an environment, a heading's title), until it is
    source: Prose | Environment | Heading | None = None


@dataclass
class ChapterPage:
    """One page of the document: a chapter, with its items."""

    slug: str
    number: str
    title: tuple[Inline, ...]
    title_text: str
    items: list[PageItem] = field(default_factory=list)
    node_ids: list[str] = field(default_factory=list)
    syntax: Syntax = Syntax.LATEX  # of `title_text`


class Links:
    """Where `\\ref` and `\\cite` go: node labels, heading labels, bibliography keys."""

    def __init__(self) -> None:
        self.refs: dict[str, Target] = {}
        self.cites: dict[str, Target] = {}

    def ref(self, label: str) -> Target | None:
        return self.refs.get(label)

    def cite(self, key: str) -> Target | None:
        return self.cites.get(key)


def chapter_pages(
    document: Sequence[DocumentItem],
    analysis: Analysis,
    context: Context,
    titles: Mapping[str, str],
) -> tuple[list[ChapterPage], list[PageItem], dict[str, str]]:
    """Chapter pages (still unconverted) and where each node is shown."""
    levels = {item.level for item in document if isinstance(item, Heading)}
    top = next((level for level in ("chapter", "section") if level in levels), None)
    by_id = analysis.by_id
    links = context.links
    assert isinstance(links, Links)
    chapters: list[ChapterPage] = []
    front: list[PageItem] = []
    node_page: dict[str, str] = {}
    last_statement: str | None = None
    for item in document:
        target = chapters[-1].items if chapters else front
        if isinstance(item, Heading):
            number = item.number if item.number and not item.starred else ""
            if item.level == top:
                slug = f"chapter-{len(chapters) + 1}"
                chapters.append(ChapterPage(slug, number, (), item.title, syntax=item.syntax))
                target = chapters[-1].items
                anchor = ""
            else:
                anchor = f"h{len(target) + 1}"
            page = chapters[-1].slug if chapters else "contents"
            if item.label:
                name = {"chapter": "Chapter", "part": "Part"}.get(item.level, "Section")
                href = f"{page}.html" + (f"#{anchor}" if anchor else "")
                links.refs[item.label] = Target(href, number, name)
            heading = PageHeading(item.level, number, (), anchor)
            target.append(PageItem(PageItemKind.HEADING, heading=heading, source=item))
            last_statement = None
        elif isinstance(item, NodePlace) and not item.proof and item.node in by_id:
            page = chapters[-1].slug if chapters else "contents"
            node_page[item.node] = f"{page}.html{node_hash(item.node)}"
            target.append(PageItem(PageItemKind.STATEMENT, node=item.node))
            if chapters:
                chapters[-1].node_ids.append(item.node)
            last_statement = item.node
        elif isinstance(item, NodePlace) and item.node in by_id:
            node = by_id[item.node]
            label = "Proof"
            if item.node != last_statement:
                name = titles.get(node.env, node.env.capitalize())
                label = f"Proof of {name} {node.number or node.id}"
            target.append(PageItem(PageItemKind.PROOF, node=item.node, label=label))
        elif isinstance(item, Environment):
            name = "Proof" if item.env == "proof" else titles.get(item.env, item.env)
            target.append(PageItem(PageItemKind.ENVIRONMENT, label=name, source=item))
            last_statement = None
        elif isinstance(item, Prose):
            target.append(PageItem(PageItemKind.PROSE, source=item))
    _place_missing(analysis, chapters, front, node_page)
    return chapters, front, node_page


def _place_missing(
    analysis: Analysis,
    chapters: list[ChapterPage],
    front: list[PageItem],
    node_page: dict[str, str],
) -> None:
    """Nodes the walk did not find (made by macros, say) go at the end of their chapter."""
    by_title = {page.title_text: page for page in chapters}
    for node in analysis.nodes:
        if node.id in node_page:
            continue
        page = by_title.get(node.chapter or "")
        items = page.items if page else front
        items.append(PageItem(PageItemKind.STATEMENT, node=node.id))
        if node.proof is not None:
            items.append(PageItem(PageItemKind.PROOF, node=node.id, label="Proof"))
        slug = page.slug if page else "contents"
        if page:
            page.node_ids.append(node.id)
        node_page[node.id] = f"{slug}.html{node_hash(node.id)}"


def convert_pages(
    chapters: list[ChapterPage], front: list[PageItem], convert: Converter
) -> None:
    for items in [front, *[page.items for page in chapters]]:
        for index, item in enumerate(items):
            source = item.source
            if isinstance(source, Environment):
                blocks = convert.blocks(source.text, source.syntax)
                title = convert.inlines(source.title, source.syntax) if source.title else ()
                kind, label = PageItemKind.ENVIRONMENT, item.label
                items[index] = PageItem(kind, blocks, label=label, title=title)
            elif isinstance(source, Prose):
                blocks = convert.blocks(source.text, source.syntax)
                items[index] = PageItem(PageItemKind.PROSE, blocks)
            elif isinstance(source, Heading) and item.heading is not None:
                heading = item.heading
                title = convert.inlines(source.title, source.syntax)
                items[index] = PageItem(
                    PageItemKind.HEADING,
                    heading=PageHeading(heading.level, heading.number, title, heading.anchor),
                )
    for page in chapters:
        page.title = convert.inlines(page.title_text, page.syntax)
        page.title_text = plain_text(page.title)


def references(
    document: Sequence[DocumentItem], links: Links, context: Context
) -> list[tuple[str, str, tuple[Inline, ...]]]:
    entries = [
        entry for item in document if isinstance(item, Bibliography) for entry in item.entries
    ]
    found = []
    for number, (key, _) in enumerate(entries, start=1):
        anchor = f"ref-{number}"
        links.cites.setdefault(key, Target(f"references.html#{anchor}", str(number)))
    for number, (_, text) in enumerate(entries, start=1):
        found.append((f"ref-{number}", str(number), to_inlines(text, context)))
    return found
