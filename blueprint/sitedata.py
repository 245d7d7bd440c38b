"""What the site's pages show, computed from an analysis: per-node facts in words, the
chapter pages, the task board and the progress figures. Plain data for the templates.

Reads Lean sources, for the snippets of declarations, but not the blueprint again: its
prose comes from the texts the LaTeX reader read (`Blueprint.sources`). Writes nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import quote

from blueprint.build import Analysis
from blueprint.document import Chunk, folder_texts, texts_loader, theorem_titles, walk
from blueprint.model import Border, Fill, Node
from blueprint.status import NodeStatus
from blueprint.tasks import Progress, blockers, main_results, percent, progress, ready_tasks
from blueprint.texhtml import (
    Block,
    Context,
    Inline,
    Macro,
    Target,
    plain_text,
    read_macros,
    to_blocks,
    to_inlines,
)
from blueprint.workinfo import WorkInfo, work_info

MATHLIB_DOCS = "https://leanprover-community.github.io/mathlib4_docs"
MAX_SNIPPET_LINES = 40

# What a node is at, in one word each, most finished first: the site's filters, badges and
# progress bars use these.
STAGES: tuple[tuple[str, str], ...] = (
    ("mathlib", "in Mathlib"),
    ("done", "fully formalized, with everything it uses"),
    ("proved", "formalized, but something it uses is not"),
    ("can_prove", "statement formalized; the proof is ready to be formalized"),
    ("stated", "statement formalized; the proof waits for what it uses"),
    ("can_state", "ready: the statement can be formalized"),
    ("blocked", "waiting: something its statement uses is not formalized yet"),
    ("not_ready", "not ready: the blueprint needs work"),
)
STAGE_WORDS = dict(STAGES)
STAGE_SHORT = {
    "mathlib": "Mathlib",
    "done": "Done",
    "proved": "Proved",
    "can_prove": "Ready to prove",
    "stated": "Stated",
    "can_state": "Ready to state",
    "blocked": "Waiting",
    "not_ready": "Not ready",
}
BORDER_WORDS = {
    Border.MATHLIB: "in Mathlib",
    Border.STATED: "statement formalized in Lean",
    Border.CAN_STATE: "statement ready to be formalized",
    Border.NOT_READY: "statement not ready: the blueprint needs work",
    Border.NONE: "statement not yet ready to be formalized",
}
FILL_WORDS = {
    Fill.FULLY_PROVED: "proof formalized, and every proof it depends on",
    Fill.PROVED: "proof formalized",
    Fill.DEFINED: "definition formalized",
    Fill.CAN_PROVE: "proof ready to be formalized",
    Fill.NONE: "proof not yet ready to be formalized",
}
DECLARATION_WORDS = {
    "formalized": "in the Lean sources",
    "not_compiled": "in a file that is never compiled",
    "proof_wanted": "only a proof_wanted",
    "dependency": "in a dependency",
    "macro": "made by a macro",
    "missing": "not found",
}


def stage(status: NodeStatus) -> str:
    if status.border is Border.MATHLIB:
        return "mathlib"
    if status.done_down:
        return "done"
    if status.done:
        return "proved"
    if status.stated:
        return "can_prove" if status.fill is Fill.CAN_PROVE else "stated"
    if status.border is Border.CAN_STATE:
        return "can_state"
    if status.border is Border.NOT_READY:
        return "not_ready"
    return "blocked"


@functools.lru_cache(maxsize=65536)
def node_hash(node_id: str) -> str:
    """`#id` for URLs: decodable by decodeURIComponent, safe in any attribute."""
    return "#" + quote(node_id, safe="")


def safe_url(url: str | None) -> str:
    """The URL if it is http(s), else ""; for links taken from the user's configuration."""
    if url and url.strip().lower().startswith(("https://", "http://")):
        return url.strip().rstrip("/")
    return ""


# ---------------------------------------------------------------- nodes


@dataclass(frozen=True)
class Declaration:
    """A Lean declaration of a node, as its panel shows it."""

    name: str
    words: str  # where it is, in words
    sorry: bool
    docs: str  # URL or ""
    source: str  # URL on GitHub or ""
    where: str  # "File.lean:12" or ""
    code: str  # the declaration's source, or ""


@dataclass
class NodeInfo:
    """Everything the pages show of one node."""

    id: str
    index: int  # position in document order
    env: str
    env_title: str  # "Lemma"
    number: str
    title: tuple[Inline, ...]
    title_text: str
    heading: str  # "Lemma 1.3 (Title)" in plain text
    kind: str  # "definition" | "theorem"
    chapter: int  # index into SiteData.chapter_titles (-1: none)
    chapter_title: str
    stage: str
    stage_words: str
    border: str
    fill: str
    status_words: str
    statement: tuple[Block, ...]
    proof: tuple[Block, ...] | None
    search_text: str
    declarations: tuple[Declaration, ...]
    discussion: str  # URL or ""
    discussion_label: str
    uses: tuple[str, ...]
    used_by: tuple[str, ...]
    page: str = ""  # the chapter page that shows it, with its hash
    work: WorkInfo | None = None  # who works on it (`--github`)


# ---------------------------------------------------------------- document pages


@dataclass(frozen=True)
class Heading:
    """A chapter or section heading of the document."""

    level: str
    number: str
    title: tuple[Inline, ...]
    anchor: str


@dataclass(frozen=True)
class PageItem:
    """One item of a document page: text, a heading or a node's card."""

    kind: str  # heading | prose | statement | proof | environment
    blocks: tuple[Block, ...] = ()
    heading: Heading | None = None
    node: str | None = None
    label: str = ""  # environments: "Remark"; proofs: "Proof" or "Proof of Lemma 1.3"
    title: tuple[Inline, ...] = ()
    chunk: Chunk | None = None  # "pending": prose or an environment, converted at the end


@dataclass
class ChapterPage:
    """One page of the document: a chapter, with its items."""

    slug: str
    number: str
    title: tuple[Inline, ...]
    title_text: str
    items: list[PageItem] = field(default_factory=list)
    node_ids: list[str] = field(default_factory=list)


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


class _Links:
    """Where `\\ref` and `\\cite` go: node labels, heading labels, bibliography keys."""

    def __init__(self) -> None:
        self.refs: dict[str, Target] = {}
        self.cites: dict[str, Target] = {}

    def ref(self, label: str) -> Target | None:
        return self.refs.get(label)

    def cite(self, key: str) -> Target | None:
        return self.cites.get(key)


class TextMemo:
    """Text conversions kept between builds of the same blueprint (watch mode).

    Converting a text depends only on the text and on the blueprint (labels, numbers,
    macros), not on statuses: while the reader hands back the same `Blueprint` object
    (no .tex file changed), every conversion of the previous build can be reused.
    """

    def __init__(self) -> None:
        self._blueprint: object | None = None
        self._blocks: dict[str, tuple[Block, ...]] = {}
        self._inlines: dict[str, tuple[Inline, ...]] = {}
        self._document: _Document | None = None
        self._fragments: dict[tuple[object, ...], tuple[object, ...]] = {}

    def _for(self, blueprint: object) -> None:
        if blueprint is not self._blueprint:
            self._blueprint, self._blocks, self._inlines = blueprint, {}, {}
            self._document = None
            self._fragments = {}

    def converter(self, blueprint: object, context: Context) -> _Converter:
        self._for(blueprint)
        return _Converter(context, self._blocks, self._inlines)

    def document(self, blueprint: object, read: Callable[[], _Document]) -> _Document:
        self._for(blueprint)
        if self._document is None:
            self._document = read()
        return self._document

    def fragments(self, blueprint: object) -> dict[tuple[object, ...], tuple[object, ...]]:
        """Rendered pieces of the previous build, keyed by `fragment_key`, for the renderer
        to reuse and replace."""
        self._for(blueprint)
        return self._fragments

    def keep_fragments(
        self, blueprint: object, used: dict[tuple[object, ...], tuple[object, ...]]
    ) -> None:
        """Keep only the pieces this build used, so that a long session does not pile up."""
        self._for(blueprint)
        self._fragments = used


#: NodeInfo fields holding converted text: the same TeX gives back the same tuple while the
#: blueprint is unchanged (the memo hands it back), so they enter a key by identity.
_CONVERTED = frozenset({"title", "statement", "proof"})
_INFO_FIELDS = tuple(f.name for f in fields(NodeInfo))


def fragment_key(info: NodeInfo) -> tuple[object, ...]:
    """Everything a node's rendered pieces (panel, card) are made of; safe as a key only in
    `TextMemo.fragments`, which is dropped with the conversions whenever the blueprint
    changes (so no converted tuple dies and lends its id to another while a key holds it)."""
    return tuple(
        id(getattr(info, name)) if name in _CONVERTED else getattr(info, name)
        for name in _INFO_FIELDS
    )


@dataclass(frozen=True)
class _Document:
    """The blueprint's files, as the reader read them, for the pages: macros, theorem
    titles, chunks."""

    macros: dict[str, Macro]
    titles: dict[str, str]
    chunks: list[Chunk]


class _Converter:
    def __init__(
        self,
        context: Context,
        blocks: dict[str, tuple[Block, ...]] | None = None,
        inlines: dict[str, tuple[Inline, ...]] | None = None,
    ) -> None:
        self.context = context
        self._blocks = {} if blocks is None else blocks
        self._inlines = {} if inlines is None else inlines

    def blocks(self, tex: str) -> tuple[Block, ...]:
        if tex not in self._blocks:
            self._blocks[tex] = to_blocks(tex, self.context)
        return self._blocks[tex]

    def inlines(self, tex: str) -> tuple[Inline, ...]:
        if tex not in self._inlines:
            self._inlines[tex] = to_inlines(tex, self.context)
        return self._inlines[tex]


def site_data(analysis: Analysis, memo: TextMemo | None = None) -> SiteData:
    """Everything the pages show that is not the drawing of the graph."""
    config, blueprint = analysis.config, analysis.blueprint
    document = (
        memo.document(blueprint, lambda: _read_document(analysis))
        if memo
        else _read_document(analysis)
    )
    macros, titles, chunks = document.macros, document.titles, document.chunks
    links = _Links()
    context = Context(links, macros)
    chapters, front, node_page = _pages(chunks, analysis, context, titles)
    references = _references(chunks, links, context)
    chapter_titles = _chapter_titles(analysis.nodes)
    github = safe_url(config.github or blueprint.options.github)
    dochome = safe_url(config.dochome or blueprint.options.dochome)
    bodies = {c.node: c.tex for c in chunks if c.kind == "statement" and c.node}
    proofs = {c.node: c.tex for c in chunks if c.kind == "proof" and c.node}
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
    convert = memo.converter(blueprint, context) if memo else _Converter(context)
    nodes: dict[str, NodeInfo] = {}
    snippets = _Snippets(config.root)
    for index, node in enumerate(analysis.nodes):
        nodes[node.id] = _node_info(
            analysis,
            node,
            index,
            convert,
            titles,
            chapter_titles,
            bodies.get(node.id),
            proofs.get(node.id),
            github,
            dochome,
            snippets,
        )
        nodes[node.id].page = node_page.get(node.id, "")
    claims = analysis.claims
    if claims is not None:
        for node in analysis.nodes:
            info = nodes[node.id]
            info.work = work_info(
                claims.work[node.id], node.id, info.heading, info.stage, claims.web, node.lean
            )
    _convert_pages(chapters, front, convert)
    return SiteData(
        nodes=nodes,
        order=[node.id for node in analysis.nodes],
        chapter_titles=chapter_titles,
        front=front,
        chapters=chapters,
        references=references,
        macros=macros,
        github=github,
        home=safe_url(blueprint.options.home),
    )


def _read_document(analysis: Analysis) -> _Document:
    """From the texts the reader read: no file is read again, so the pages and the graph
    are made of the same text even when a file is saved in between."""
    config, blueprint = analysis.config, analysis.blueprint
    folder = config.blueprint_dir.relative_to(config.root).as_posix()
    texts = folder_texts(blueprint.sources, folder)
    macros: dict[str, Macro] = {}
    for text in texts.values():
        macros.update(read_macros(text))
    titles = theorem_titles(texts.values())
    other_envs = set(titles) - set(blueprint.options.thms)
    load = texts_loader(texts)
    chunks = walk(config.main_file, load, blueprint.nodes, folder, other_envs)
    return _Document(macros, titles, chunks)


def _chapter_titles(nodes: Sequence[Node]) -> list[str]:
    return list(dict.fromkeys(node.chapter or "Front matter" for node in nodes))


def _node_info(
    analysis: Analysis,
    node: Node,
    index: int,
    convert: _Converter,
    titles: Mapping[str, str],
    chapter_titles: list[str],
    body: str | None,
    proof_body: str | None,
    github: str,
    dochome: str,
    snippets: _Snippets,
) -> NodeInfo:
    status = analysis.statuses[node.id]
    node_stage = stage(status)
    statement = convert.blocks(body if body is not None else node.statement.text)
    proof = None
    if node.proof is not None:
        proof = convert.blocks(proof_body if proof_body is not None else node.proof.text)
    title = convert.inlines(node.title) if node.title else ()
    title_text = plain_text(title)
    env_title = titles.get(node.env, node.env.capitalize())
    heading = " ".join(filter(None, [env_title, node.number or ""]))
    if title_text:
        heading += f" ({title_text})"
    chapter = node.chapter or "Front matter"
    discussion = node.discussion or ""
    declarations = _declarations(analysis, node, github, dochome, snippets)
    search = " ".join([node.id, title_text, *node.lean, plain_text(statement)[:400]]).lower()
    return NodeInfo(
        id=node.id,
        index=index,
        env=node.env,
        env_title=env_title,
        number=node.number or "",
        title=title,
        title_text=title_text,
        heading=heading,
        kind="definition" if node.is_definition else "theorem",
        chapter=chapter_titles.index(chapter),
        chapter_title=chapter,
        stage=node_stage,
        stage_words=STAGE_WORDS[node_stage],
        border=status.border.value,
        fill=status.fill.value,
        status_words=f"{BORDER_WORDS[status.border]}; {FILL_WORDS[status.fill]}",
        statement=statement,
        proof=proof,
        search_text=search,
        declarations=declarations,
        discussion=f"{github}/issues/{quote(discussion)}" if discussion and github else "",
        discussion_label=f"#{discussion}" if discussion else "",
        uses=tuple(sorted(analysis.graph.predecessors(node.id))),
        used_by=tuple(sorted(analysis.graph.successors(node.id))),
    )


class _Snippets:
    """Lines of Lean files, read once each, never outside the project."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.files: dict[str, list[str] | None] = {}

    def lines(self, file: str, first: int, last: int) -> str:
        if file not in self.files:
            path = (self.root / file).resolve()
            try:
                ok = path.is_relative_to(self.root) and path.is_file()
                text = path.read_text(encoding="utf-8", errors="replace") if ok else None
            except OSError:
                text = None
            self.files[file] = text.splitlines() if text is not None else None
        lines = self.files[file]
        if lines is None or first < 1:
            return ""
        last = min(max(last, first), first + MAX_SNIPPET_LINES - 1, len(lines))
        snippet = lines[first - 1 : last]
        return "\n".join(snippet).rstrip()


def _declarations(
    analysis: Analysis, node: Node, github: str, dochome: str, snippets: _Snippets
) -> tuple[Declaration, ...]:
    report = analysis.lean_reports.get(node.id)
    found = []
    if report is None:
        for name in node.lean:
            docs = f"{dochome or MATHLIB_DOCS}/find/#doc/{quote(name, safe='.')}"
            found.append(Declaration(name, "", False, docs, "", "", ""))
        return tuple(found)
    for decl in report.declarations:
        in_project = decl.file is not None and decl.status in ("formalized", "not_compiled")
        home = dochome if in_project else MATHLIB_DOCS
        docs = f"{home}/find/#doc/{quote(decl.name, safe='.')}" if home else ""
        source = code = where = ""
        if decl.file is not None and decl.line is not None:
            last = decl.end_line or decl.line
            where = f"{decl.file}:{decl.line}"
            code = snippets.lines(decl.file, decl.line, last)
            if github:
                source = f"{github}/blob/HEAD/{quote(decl.file)}#L{decl.line}-L{last}"
        words = DECLARATION_WORDS.get(decl.status, decl.status)
        if decl.status == "missing":
            words = decl.message
        found.append(Declaration(decl.name, words, bool(decl.has_sorry), docs, source, where, code))
    return tuple(found)


# ---------------------------------------------------------------- chapter pages


def _pages(
    chunks: Sequence[Chunk],
    analysis: Analysis,
    context: Context,
    titles: Mapping[str, str],
) -> tuple[list[ChapterPage], list[PageItem], dict[str, str]]:
    """Chapter pages (still unconverted) and where each node is shown."""
    levels = {c.level for c in chunks if c.kind == "heading"}
    top = next((level for level in ("chapter", "section") if level in levels), None)
    headings = {(h.file, h.line, h.level): h for h in analysis.blueprint.headings}
    by_id = analysis.by_id
    links = context.links
    assert isinstance(links, _Links)
    chapters: list[ChapterPage] = []
    front: list[PageItem] = []
    node_page: dict[str, str] = {}
    last_statement: str | None = None
    for chunk in chunks:
        target = chapters[-1].items if chapters else front
        if chunk.kind == "heading":
            known = headings.get((chunk.file, chunk.line, chunk.level))
            number = known.number if known and known.number and not chunk.starred else ""
            if chunk.level == top:
                slug = f"chapter-{len(chapters) + 1}"
                chapters.append(ChapterPage(slug, number, (), chunk.tex))
                target = chapters[-1].items
                anchor = ""
            else:
                anchor = f"h{len(target) + 1}"
            page = chapters[-1].slug if chapters else "contents"
            if known and known.label:
                name = {"chapter": "Chapter", "part": "Part"}.get(chunk.level, "Section")
                href = f"{page}.html" + (f"#{anchor}" if anchor else "")
                links.refs[known.label] = Target(href, number, name)
            target.append(
                PageItem(
                    "heading", heading=Heading(chunk.level, number, (), anchor), label=chunk.tex
                )
            )
            last_statement = None
        elif chunk.kind == "statement" and chunk.node in by_id:
            page = chapters[-1].slug if chapters else "contents"
            node_page[chunk.node] = f"{page}.html{node_hash(chunk.node)}"
            target.append(PageItem("statement", node=chunk.node))
            if chapters:
                chapters[-1].node_ids.append(chunk.node)
            last_statement = chunk.node
        elif chunk.kind == "proof" and chunk.node in by_id:
            node = by_id[chunk.node]
            label = "Proof"
            if chunk.node != last_statement:
                name = titles.get(node.env, node.env.capitalize())
                label = f"Proof of {name} {node.number or node.id}"
            target.append(PageItem("proof", node=chunk.node, label=label))
        elif chunk.kind == "environment":
            name = "Proof" if chunk.env == "proof" else titles.get(chunk.env, chunk.env)
            target.append(PageItem("pending", label=name, chunk=chunk))
            last_statement = None
        elif chunk.kind == "prose":
            target.append(PageItem("pending", chunk=chunk))
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
        items.append(PageItem("statement", node=node.id))
        if node.proof is not None:
            items.append(PageItem("proof", node=node.id, label="Proof"))
        slug = page.slug if page else "contents"
        if page:
            page.node_ids.append(node.id)
        node_page[node.id] = f"{slug}.html{node_hash(node.id)}"


def _convert_pages(chapters: list[ChapterPage], front: list[PageItem], convert: _Converter) -> None:
    for items in [front, *[page.items for page in chapters]]:
        for index, item in enumerate(items):
            chunk = item.chunk
            if item.kind == "pending" and chunk is not None:
                blocks = convert.blocks(chunk.tex)
                if chunk.kind == "environment":
                    title = convert.inlines(chunk.title) if chunk.title else ()
                    items[index] = PageItem("environment", blocks, label=item.label, title=title)
                else:
                    items[index] = PageItem("prose", blocks)
            elif item.kind == "heading" and item.heading is not None:
                heading = item.heading
                title = convert.inlines(item.label)
                items[index] = PageItem(
                    "heading", heading=Heading(heading.level, heading.number, title, heading.anchor)
                )
            if item.kind == "pending" and chunk is None:
                items[index] = PageItem("prose")
    for page in chapters:
        page.title = convert.inlines(page.title_text)
        page.title_text = plain_text(page.title)


def _references(
    chunks: Sequence[Chunk], links: _Links, context: Context
) -> list[tuple[str, str, tuple[Inline, ...]]]:
    entries = [entry for chunk in chunks if chunk.kind == "bibliography" for entry in chunk.entries]
    found = []
    for number, (key, _) in enumerate(entries, start=1):
        anchor = f"ref-{number}"
        links.cites.setdefault(key, Target(f"references.html#{anchor}", str(number)))
    for number, (_, text) in enumerate(entries, start=1):
        found.append((f"ref-{number}", str(number), to_inlines(text, context)))
    return found


# ---------------------------------------------------------------- tasks and progress


@dataclass(frozen=True)
class TaskRow:
    """One row of the task board."""

    rank: int
    node: str
    kind: str  # "state" | "prove"
    action: str  # in words
    unlocks: int
    main_results: int
    dependents: int
    size: str


@dataclass(frozen=True)
class Board:
    """The task board: tasks, blockers and main results."""

    tasks: tuple[TaskRow, ...]  # with `--github`, the tasks free to take
    blockers: tuple[tuple[str, int], ...]
    mains: tuple[tuple[str, bool, tuple[str, ...]], ...]
    taken: tuple[TaskRow, ...] = ()  # with `--github`: the tasks someone works on
    stale: tuple[str, ...] = ()  # nodes claimed for over 14 days with no pull request


SIZE_WORDS = {"S": "small", "M": "medium", "L": "large"}


def task_board(analysis: Analysis) -> Board:
    nodes, graph, statuses = analysis.nodes, analysis.graph, analysis.statuses
    chosen = [m for m in analysis.config.main_results if m in analysis.by_id]
    tasks = ready_tasks(nodes, graph, statuses, chosen)
    rows = tuple(
        TaskRow(
            rank,
            task.node_id,
            task.kind.value,
            "formalize the statement" if task.kind.value == "state" else "formalize the proof",
            task.unlocks,
            task.main_results,
            task.dependents,
            task.size,
        )
        for rank, task in enumerate(tasks, start=1)
    )
    held = tuple((b.node_id, b.held_up) for b in blockers(nodes, graph, statuses))
    mains = tuple(
        (m.node_id, m.done, m.chain) for m in main_results(nodes, graph, statuses, chosen)
    )
    claims = analysis.claims
    if claims is None:
        return Board(rows, held, mains)
    free = tuple(row for row in rows if claims.work[row.node].state.value == "free")
    taken = tuple(row for row in rows if claims.work[row.node].state.value != "free")
    stale = tuple(node.id for node in nodes if claims.work[node.id].stale)
    return Board(free, held, mains, taken, stale)


@dataclass(frozen=True)
class Bar:
    """One progress bar: counts and the coloured segments drawn for them."""

    label: str
    nodes: int
    stated: int
    proved: int
    fully_proved: int
    segments: tuple[tuple[str, int, str], ...]  # (stage, count, width in percent)

    def percent(self, count: int) -> int:
        return percent(count, self.nodes)


def progress_bars(analysis: Analysis, nodes: Mapping[str, NodeInfo]) -> list[Bar]:
    """Totals, then one bar per chapter: counts and the share of each stage."""
    rows: list[Progress] = progress(analysis.nodes, analysis.statuses)
    groups: dict[str, list[str]] = {"All": [n.id for n in analysis.nodes]}
    for node in analysis.nodes:
        groups.setdefault(node.chapter or "Front matter", []).append(node.id)
    bars = []
    for row in rows:
        members = groups.get(row.label, [])
        counts = {key: 0 for key, _ in STAGES}
        for node_id in members:
            counts[nodes[node_id].stage] += 1
        total = max(len(members), 1)
        segments = tuple(
            (key, counts[key], f"{100 * counts[key] / total:.2f}")
            for key, _ in STAGES
            if counts[key]
        )
        bars.append(Bar(row.label, row.nodes, row.stated, row.proved, row.fully_proved, segments))
    return bars
