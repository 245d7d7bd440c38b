"""The small tree of typed items the templates render (`templates/_tex.html`): what every
text of the blueprint becomes, whatever the syntax it is written in.

Inlines (text, math, styles, links, breaks) make up blocks (paragraphs, displayed math,
lists, quotes, verbatim). Math stays TeX, with its delimiters, for MathJax in the browser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """Plain text."""

    text: str
    kind: str = "text"


@dataclass(frozen=True)
class Math:
    """TeX for MathJax, inline or displayed."""

    tex: str  # the TeX inside the delimiters (or a whole \begin{align}...\end{align})
    display: bool = False
    environment: bool = False  # tex is a complete math environment
    kind: str = "math"


@dataclass(frozen=True)
class Styled:
    """Emphasis, bold, code and the like, around other inlines."""

    style: str  # one of STYLES
    children: tuple[Inline, ...]
    kind: str = "styled"


@dataclass(frozen=True)
class Link:
    """A link: to a node, an anchor of the document or an outside address."""

    href: str
    children: tuple[Inline, ...]
    node: str | None = None  # the blueprint node it points to, for the graph page
    kind: str = "link"


@dataclass(frozen=True)
class Image:
    """An image from an outside address (http, https)."""

    src: str
    alt: str
    kind: str = "image"


@dataclass(frozen=True)
class Break:
    """A forced line break."""

    kind: str = "break"


Inline = Text | Math | Styled | Link | Image | Break


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inlines."""

    children: tuple[Inline, ...]
    kind: str = "paragraph"


@dataclass(frozen=True)
class DisplayMath:
    """Displayed math as a block of its own."""

    math: Math
    kind: str = "display"


@dataclass(frozen=True)
class ItemList:
    """An itemize, enumerate or description list."""

    style: str  # "itemize" | "enumerate" | "description"
    items: tuple[Item, ...]
    kind: str = "list"


@dataclass(frozen=True)
class Item:
    """One item of a list: its label (descriptions) and its blocks."""

    label: tuple[Inline, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Quote:
    """A quote or quotation."""

    blocks: tuple[Block, ...]
    kind: str = "quote"


@dataclass(frozen=True)
class Verbatim:
    """Text shown as written (verbatim, lstlisting)."""

    text: str
    kind: str = "verbatim"


Block = Paragraph | DisplayMath | ItemList | Quote | Verbatim

STYLES = ("em", "strong", "code", "smallcaps", "underline", "footnote")


def plain_text(items: Sequence[Block | Inline | Item]) -> str:
    """The words of converted items, math as its TeX: for search and for tooltips."""
    out: list[str] = []
    _plain(items, out)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _plain(items: Sequence[object], out: list[str]) -> None:
    for item in items:
        if isinstance(item, Text):
            out.append(item.text)
        elif isinstance(item, Math):  # inline math keeps the text's own spacing: "$m$-torsion"
            out.append(f" {item.tex} " if item.display else item.tex)
        elif isinstance(item, Image):
            out.append(item.alt)
        elif isinstance(item, Styled | Link | Paragraph):
            _plain(item.children, out)
            out.append(" " if isinstance(item, Paragraph) else "")
        elif isinstance(item, DisplayMath):
            _plain([item.math], out)
        elif isinstance(item, ItemList):
            _plain(item.items, out)
        elif isinstance(item, Item):
            _plain(item.label, out)
            out.append(" ")
            _plain(item.blocks, out)
        elif isinstance(item, Quote):
            _plain(item.blocks, out)
        elif isinstance(item, Verbatim):
            out.append(f" {item.text} ")
