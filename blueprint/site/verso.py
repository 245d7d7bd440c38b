"""Verso markup to the small tree of typed items (`site.items`) the templates render.

Pure: a string in, frozen dataclasses out, like `site.latex.parser`. The text is parsed by
the same parser as the reader's (`markup.verso_parser`), then: paragraphs, `#` headers
(bold lines), lists, description lists, quotes, code blocks (verbatim); emphasis, bold,
code, links (http, https and mailto; `[text][name]` through the text's `[name]: url`),
images, footnotes, inline and display math (TeX for MathJax, a display on a line of its
own), and `{uses "label"}[...]`/`{bpref "label"}[...]` as links to the node. What Verso shows
in its own way (`tex` witnesses, `internal` code, metadata, the graph or the summary it
draws) is left out; any other directive or role shows its text (the reader warns of the
unknown ones at their file and line).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from blueprint.markup import verso as v
from blueprint.markup.verso_parser import Parser, parse_inlines
from blueprint.site.items import (
    Block,
    DisplayMath,
    Image,
    Inline,
    Item,
    ItemList,
    Link,
    Math,
    Paragraph,
    Quote,
    Styled,
    Text,
    Verbatim,
)
from blueprint.site.latex.commands import SAFE_URL
from blueprint.site.latex.parser import Context


def to_blocks(text: str, context: Context | None = None) -> tuple[Block, ...]:
    """A body of Verso markup (a statement, a proof, prose) as blocks."""
    parser = Parser(text, "", [])
    tree = parser.document(0, len(text))
    return _Converter(context or Context(), tree).blocks(tree)


def to_inlines(text: str, context: Context | None = None) -> tuple[Inline, ...]:
    """A title: one line of Verso inline markup."""
    content, _ = parse_inlines(text, 1, "")
    return _Converter(context or Context(), ()).inlines(content)


class _Converter:
    def __init__(self, context: Context, tree: Sequence[v.Block]) -> None:
        self.context = context
        self.urls = {b.name: b.url.strip() for b in _all_blocks(tree)
                     if isinstance(b, v.LinkDefinition)}
        self.notes = {b.name: b.content for b in _all_blocks(tree)
                      if isinstance(b, v.FootnoteDefinition)}

    # ------------------------------------------------------------ blocks

    def blocks(self, blocks: Iterable[v.Block]) -> tuple[Block, ...]:
        out: list[Block] = []
        for block in blocks:
            out.extend(self.block(block))
        return tuple(out)

    def block(self, block: v.Block) -> list[Block]:
        if isinstance(block, v.Paragraph):
            return self.paragraph(block.content)
        if isinstance(block, v.Header):
            return [Paragraph((Styled("strong", self.inlines(block.content)),))]
        if isinstance(block, (v.BulletList, v.OrderedList)):
            style = "itemize" if isinstance(block, v.BulletList) else "enumerate"
            items = tuple(Item((), self.blocks(item.blocks)) for item in block.items)
            return [ItemList(style, items)]
        if isinstance(block, v.DescriptionList):
            entries = tuple(Item(self.inlines(entry.term), self.blocks(entry.blocks))
                            for entry in block.items)
            return [ItemList("description", entries)]
        if isinstance(block, v.Blockquote):
            return [Quote(self.blocks(block.blocks))]
        if isinstance(block, v.CodeBlock):
            if block.name in v.HIDDEN_CODE:
                return []
            return [Verbatim(block.code.rstrip("\n"))]
        if isinstance(block, v.Directive):
            if block.name in v.HIDDEN_DIRECTIVES:
                return []
            inner = [b for b in block.blocks if not isinstance(b, v.Metadata)]
            return list(self.blocks(inner))
        if isinstance(block, v.BlockCommand):
            if block.name in v.KNOWN_COMMANDS:
                return []
            return [Paragraph((Text(f"{{{block.name}}}"),))]
        return []  # metadata, link and footnote definitions

    def paragraph(self, content: Sequence[v.Inline]) -> list[Block]:
        """A paragraph; a display on a line of its own is a block of its own."""
        out: list[Block] = []
        line: list[v.Inline] = []

        def flush() -> None:
            items = self.inlines(line)
            if any(not (isinstance(i, Text) and not i.text.strip()) for i in items):
                out.append(Paragraph(items))
            line.clear()

        for item in content:
            if isinstance(item, v.Math) and item.display:
                flush()
                out.append(DisplayMath(_math(item)))
            else:
                line.append(item)
        flush()
        return out

    # ------------------------------------------------------------ inlines

    def inlines(self, content: Iterable[v.Inline]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for item in content:
            out.extend(self.inline(item))
        return _merge(out)

    def inline(self, item: v.Inline) -> list[Inline]:
        if isinstance(item, v.Text):
            return [Text(item.text)]
        if isinstance(item, v.LineBreak):
            return [Text(" ")]
        if isinstance(item, v.Emph):
            return [Styled("em", self.inlines(item.content))]
        if isinstance(item, v.Bold):
            return [Styled("strong", self.inlines(item.content))]
        if isinstance(item, v.Code):
            return [Styled("code", (Text(item.code),))]
        if isinstance(item, v.Math):
            return [_math(item)]
        if isinstance(item, v.Link):
            url = self.urls.get(item.target, "") if item.is_ref else item.target.strip()
            children = self.inlines(item.content)
            if SAFE_URL.match(url):
                return [Link(url, children)]
            return list(children)
        if isinstance(item, v.Image):
            url = self.urls.get(item.target, "") if item.is_ref else item.target.strip()
            return [Image(url, item.alt)] if SAFE_URL.match(url) else [Text(item.alt)]
        if isinstance(item, v.Footnote):
            note = self.notes.get(item.name)
            return [Styled("footnote", self.inlines(note))] if note else []
        return self.role(item)

    def role(self, role: v.Role) -> list[Inline]:
        children = self.inlines(role.content)
        if role.name in v.NODE_ROLES:
            first = role.args.first()
            label = first.text if first is not None else ""
            target = self.context.links.ref(label)
            if target is None:
                return list(children) or [Text(label)]
            words = children or (Text(f"{target.name} {target.number}".strip() or label),)
            return [Link(target.href, words, target.node)]
        if role.name in v.CODE_ROLES:
            return [Styled("code", children)]
        if role.name in v.CITE_ROLES:
            keys = [a.text for a in role.args.positional]
            return [Text("[" + ", ".join(keys) + "]"), *children]
        return list(children)


def _math(item: v.Math) -> Math:
    tex = item.tex.strip()
    environment = item.display and tex.startswith("\\begin{") and tex.endswith("}")
    return Math(tex, item.display, environment)


def _merge(items: list[Inline]) -> tuple[Inline, ...]:
    """Neighbouring texts as one."""
    out: list[Inline] = []
    for item in items:
        if isinstance(item, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + item.text)
        else:
            out.append(item)
    return tuple(out)


def _all_blocks(blocks: Iterable[v.Block]) -> Iterable[v.Block]:
    for block in blocks:
        yield block
        if isinstance(block, (v.Directive, v.Blockquote)):
            yield from _all_blocks(block.blocks)
        elif isinstance(block, (v.BulletList, v.OrderedList)):
            for item in block.items:
                yield from _all_blocks(item.blocks)
        elif isinstance(block, v.DescriptionList):
            for entry in block.items:
                yield from _all_blocks(entry.blocks)
