"""Texts of the blueprint converted to the site's items, each from its syntax, each once; and
what a watch session keeps of the conversions and rendered pieces between builds."""

from __future__ import annotations

from collections.abc import Callable

from blueprint.model import Syntax
from blueprint.site.items import Block, Inline, plain_text
from blueprint.site.latex.parser import Context, to_blocks, to_inlines


def _verso_blocks(text: str, context: Context) -> tuple[Block, ...]:
    from blueprint.site import verso  # imported by Verso blueprints alone: 0.08 s to load

    return verso.to_blocks(text, context)


def _verso_inlines(text: str, context: Context) -> tuple[Inline, ...]:
    from blueprint.site import verso

    return verso.to_inlines(text, context)


#: the converter of each syntax
_TO_BLOCKS: dict[Syntax, Callable[[str, Context], tuple[Block, ...]]] = {
    Syntax.LATEX: to_blocks,
    Syntax.VERSO: _verso_blocks,
}
_TO_INLINES: dict[Syntax, Callable[[str, Context], tuple[Inline, ...]]] = {
    Syntax.LATEX: to_inlines,
    Syntax.VERSO: _verso_inlines,
}


class Converter:
    """Texts converted to items, each from its syntax, each text once."""

    def __init__(
        self,
        context: Context,
        blocks: dict[tuple[Syntax, str], tuple[Block, ...]] | None = None,
        inlines: dict[tuple[Syntax, str], tuple[Inline, ...]] | None = None,
        plain: dict[tuple[Syntax, str], str] | None = None,
        earlier: tuple[dict[tuple[Syntax, str], tuple[Block, ...]],
                       dict[tuple[Syntax, str], tuple[Inline, ...]],
                       dict[tuple[Syntax, str], str]] | None = None,
    ) -> None:
        self.context = context
        self._blocks = {} if blocks is None else blocks
        self._inlines = {} if inlines is None else inlines
        self._plain = {} if plain is None else plain
        # conversions of the last build, taken into this one's dicts as they are used
        self._earlier_blocks, self._earlier_inlines, self._earlier_plain = earlier or ({}, {}, {})

    def blocks(self, text: str, syntax: Syntax = Syntax.LATEX) -> tuple[Block, ...]:
        """A body of text (paragraphs, lists, displays)."""
        key = (syntax, text)
        found = self._blocks.get(key)
        if found is None:
            found = self._earlier_blocks.get(key)
            if found is None:
                found = _TO_BLOCKS[syntax](text, self.context)
            self._blocks[key] = found
        return found

    def plain(self, text: str, syntax: Syntax = Syntax.LATEX) -> str:
        """The words of a body of text (`items.plain_text` of its blocks)."""
        key = (syntax, text)
        found = self._plain.get(key)
        if found is None:
            found = self._earlier_plain.get(key)
            if found is None:
                found = plain_text(self.blocks(text, syntax))
            self._plain[key] = found
        return found

    def inlines(self, text: str, syntax: Syntax = Syntax.LATEX) -> tuple[Inline, ...]:
        """A title or a phrase: one line of inline items."""
        key = (syntax, text)
        found = self._inlines.get(key)
        if found is None:
            found = self._earlier_inlines.get(key)
            if found is None:
                found = _TO_INLINES[syntax](text, self.context)
            self._inlines[key] = found
        return found


class TextMemo:
    """Text conversions kept between builds (watch mode).

    Converting a text depends only on the text and on its context: where each label leads
    (node numbers and pages), the bibliography, the macros; not on statuses. While the
    context is the one of the previous build (an edit changed a statement, a status, not a
    label or a number), every conversion of that build can be reused, and so can the
    rendered pieces made of them. It keeps those the last build used, no older ones.
    """

    def __init__(self) -> None:
        self._context: object = None
        self._blocks: dict[tuple[Syntax, str], tuple[Block, ...]] = {}
        self._inlines: dict[tuple[Syntax, str], tuple[Inline, ...]] = {}
        self._plain: dict[tuple[Syntax, str], str] = {}
        self._fragments: dict[tuple[object, ...], tuple[object, ...]] = {}

    def converter(self, context: Context, state: object) -> Converter:
        """A converter for `context`, whose `state` (its links and macros, compared with
        `==`) says whether the previous build's conversions still hold."""
        if state != self._context:
            self._context, self._blocks, self._inlines = state, {}, {}
            self._plain, self._fragments = {}, {}
        earlier = (self._blocks, self._inlines, self._plain)
        # only the conversions this build uses are kept for the next: the old versions of
        # an edited text are dropped, so that a long session does not pile them up
        self._blocks, self._inlines, self._plain = {}, {}, {}
        return Converter(context, self._blocks, self._inlines, self._plain, earlier)

    def fragments(self) -> dict[tuple[object, ...], tuple[object, ...]]:
        """Rendered pieces of the previous build, keyed by `fragment_key`, for the renderer
        to reuse and replace (made of conversions this memo keeps alive, so that the ids
        in the keys stay theirs)."""
        return self._fragments

    def keep_fragments(self, used: dict[tuple[object, ...], tuple[object, ...]]) -> None:
        """Keep only the pieces this build used, so that a long session does not pile up."""
        self._fragments = used
