"""Each node as the pages show it (`NodeInfo`): its texts converted, its stage and status in
words, its Lean declarations with their source lines, its links.

Reads Lean sources, for the snippets of declarations, never outside the project."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from urllib.parse import quote

from blueprint.analysis import Analysis
from blueprint.analysis.status import Stage, stage
from blueprint.files import MAX_LEAN_BYTES, KnownFiles
from blueprint.model import DeclarationStatus, Node, Planning
from blueprint.site.convert import Converter
from blueprint.site.items import Block, Inline, plain_text
from blueprint.site.words import BORDER_WORDS, DECLARATION_WORDS, FILL_WORDS, STAGE_WORDS
from blueprint.workinfo import WorkInfo

MATHLIB_DOCS = "https://leanprover-community.github.io/mathlib4_docs"
MAX_SNIPPET_LINES = 40


@functools.lru_cache(maxsize=65536)
def node_hash(node_id: str) -> str:
    """`#id` for URLs: decodable by decodeURIComponent, safe in any attribute."""
    return "#" + quote(node_id, safe="")


@functools.lru_cache(maxsize=65536)
def _quoted(text: str, safe: str = "/") -> str:
    """`quote`, remembered: each build quotes the same names and paths again (a watch
    session's rebuilds, 2,200 of them for PrimeNumberTheoremAnd)."""
    return quote(text, safe=safe)


def safe_url(url: str | None) -> str:
    """The URL if it is http(s), else ""; for links taken from the user's configuration."""
    if url and url.strip().lower().startswith(("https://", "http://")):
        return url.strip().rstrip("/")
    return ""


@dataclass(frozen=True)
class DeclarationView:
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
    stage: Stage
    stage_words: str
    border: str
    fill: str
    status_words: str
    statement: tuple[Block, ...]
    proof: tuple[Block, ...] | None
    search_text: str
    declarations: tuple[DeclarationView, ...]
    discussion: str  # URL or ""
    discussion_label: str
    uses: tuple[str, ...]
    used_by: tuple[str, ...]
    page: str = ""  # the chapter page that shows it, with its hash
    work: WorkInfo | None = None  # who works on it (`--github`)
    planning: Planning | None = None  # owner, priority, effort, tags, links (Verso's options)
    extra: tuple[tuple[str, str], ...] = ()  # what else the source says of it, as written


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


@dataclass
class NodeInfoMaker:
    """Makes each node's `NodeInfo`, with what every node's is made of."""

    analysis: Analysis
    convert: Converter
    kind_names: Mapping[str, str]  # `lemma` -> `Lemma`
    chapter_titles: list[str]
    github: str  # the project's GitHub address, or ""
    dochome: str  # the project's doc-gen4 address, or ""
    sources: SourceLines | None = None  # a watch session's: files read again when changed
    snippets: Snippets = field(init=False)

    def __post_init__(self) -> None:
        self.snippets = Snippets(self.analysis.config.root, self.sources or SourceLines())

    def info(self, node: Node, index: int) -> NodeInfo:
        """The facts of `node`, the `index`-th in document order."""
        analysis, convert, github = self.analysis, self.convert, self.github
        status = analysis.statuses[node.id]
        node_stage = stage(status)
        statement = convert.blocks(node.statement.shown, node.statement.syntax)
        proof = None
        if node.proof is not None:
            proof = convert.blocks(node.proof.shown, node.proof.syntax)
        title = convert.inlines(node.title, node.statement.syntax) if node.title else ()
        title_text = plain_text(title)
        env_title = self.kind_names.get(node.env, node.env.capitalize())
        heading = " ".join(filter(None, [env_title, node.number or ""]))
        if title_text:
            heading += f" ({title_text})"
        chapter = node.chapter or "Front matter"
        discussion = node.discussion or ""
        words = convert.plain(node.statement.shown, node.statement.syntax)
        search = " ".join([node.id, title_text, *node.lean, words[:400]]).lower()
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
            chapter=self.chapter_titles.index(chapter),
            chapter_title=chapter,
            stage=node_stage,
            stage_words=STAGE_WORDS[node_stage],
            border=status.border.value,
            fill=status.fill.value,
            status_words=f"{BORDER_WORDS[status.border]}; {FILL_WORDS[status.fill]}",
            statement=statement,
            proof=proof,
            search_text=search,
            declarations=self._declarations(node),
            discussion=f"{github}/issues/{_quoted(discussion)}" if discussion and github else "",
            discussion_label=f"#{discussion}" if discussion else "",
            uses=tuple(sorted(analysis.graph.predecessors(node.id))),
            used_by=tuple(sorted(analysis.graph.successors(node.id))),
            planning=_safe_planning(node.planning),
            extra=node.extra,
        )

    def _declarations(self, node: Node) -> tuple[DeclarationView, ...]:
        """The node's Lean declarations as its panel shows them: where, docs, source, code."""
        github, dochome, snippets = self.github, self.dochome, self.snippets
        report = self.analysis.lean_reports.get(node.id)
        found = []
        sources = self.analysis.blueprint.lean_sources
        if report is None and sources is not None and sources.missing:
            words = "not checked: its Lean sources are not in the checkout"
            return tuple(DeclarationView(name, words, False, "", "", "", "") for name in node.lean)
        if report is None:
            for name in node.lean:
                docs = f"{dochome or MATHLIB_DOCS}/find/#doc/{_quoted(name, '.')}"
                found.append(DeclarationView(name, "", False, docs, "", "", ""))
            return tuple(found)
        for decl in report.declarations:
            in_project = decl.file is not None and decl.status in (
                DeclarationStatus.FORMALIZED,
                DeclarationStatus.NOT_COMPILED,
            )
            home = dochome if in_project else MATHLIB_DOCS
            docs = f"{home}/find/#doc/{_quoted(decl.name, '.')}" if home else ""
            source = code = where = ""
            if decl.file is not None and decl.line is not None:
                last = decl.end_line or decl.line
                where = f"{decl.file}:{decl.line}"
                code = snippets.lines(decl.file, decl.line, last)
                if github:
                    source = f"{github}/blob/HEAD/{_quoted(decl.file)}#L{decl.line}-L{last}"
            words = DECLARATION_WORDS[decl.status]
            if decl.status is DeclarationStatus.MISSING:
                words = decl.message
            sorry = bool(decl.has_sorry)
            found.append(DeclarationView(decl.name, words, sorry, docs, source, where, code))
        return tuple(found)


def _safe_planning(planning: Planning | None) -> Planning | None:
    """The planning a page may show: links only to http(s) addresses."""
    if planning is None:
        return None
    return replace(planning, pr_url=safe_url(planning.pr_url) or None,
                   issue_url=safe_url(planning.issue_url) or None)


class SourceLines:
    """The lines of the files the panels quote, kept by a watch session: a file is read
    again only when it changed (`KnownFiles`), and split again only then."""

    def __init__(self) -> None:
        self.files = KnownFiles()
        self._lines: dict[Path, tuple[bytes, list[str]]] = {}

    def of(self, path: Path) -> list[str] | None:
        """The file's lines (read as text with universal newlines, bad bytes replaced), None
        when it is no regular file that can be read."""
        try:
            data = self.files.read(path, MAX_LEAN_BYTES)
        except OSError:
            return None
        known = self._lines.get(path)
        if known is None or known[0] is not data:
            text = data.decode("utf-8", errors="replace")
            known = self._lines[path] = (data, text.splitlines())
        return known[1]


class Snippets:
    """Lines of Lean files, read once each, never outside the project."""

    def __init__(self, root: Path, sources: SourceLines) -> None:
        self.root = root.resolve()
        self.sources = sources
        self.files: dict[str, list[str] | None] = {}

    def lines(self, file: str, first: int, last: int) -> str:
        if file not in self.files:
            path = (self.root / file).resolve()
            inside = path.is_relative_to(self.root)
            self.files[file] = self.sources.of(path) if inside else None
        lines = self.files[file]
        if lines is None or first < 1:
            return ""
        last = min(max(last, first), first + MAX_SNIPPET_LINES - 1, len(lines))
        snippet = lines[first - 1 : last]
        return "\n".join(snippet).rstrip()
