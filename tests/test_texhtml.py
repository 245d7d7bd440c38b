"""The LaTeX-text converter: what it understands, and that its output is always safe markup."""

from __future__ import annotations

from collections.abc import Collection
from html.parser import HTMLParser
from itertools import pairwise

import jinja2
from hypothesis import given, settings
from hypothesis import strategies as st

from blueprint.readers.latex.macros import read_macros
from blueprint.site.assets import TEMPLATE_DIR
from blueprint.site.items import (
    Break,
    DisplayMath,
    ItemList,
    Link,
    Math,
    Paragraph,
    Styled,
    Text,
    Verbatim,
    plain_text,
)
from blueprint.site.latex.parser import Context, Target, to_blocks, to_inlines


class Links:
    def ref(self, label: str) -> Target | None:
        if label == "lem:a":
            return Target("chapter-1.html#lem%3Aa", "1.3", "Lemma", "lem:a")
        if label == "chap:one":
            return Target("chapter-1.html", "1", "Chapter")
        return None

    def cite(self, key: str) -> Target | None:
        return Target("references.html#ref-2", "2") if key == "HW" else None


CONTEXT = Context(
    Links(), read_macros(r"\newcommand{\Lean}{\textsf{Lean}}\newcommand{\N}{\mathbb N}")
)
MACROS = _environment = (
    jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True)
    .get_template("_tex.html")
    .module
)


def html(tex: str) -> str:
    return str(MACROS.blocks(to_blocks(tex, CONTEXT)))  # type: ignore[attr-defined]


def test_paragraphs_styles_and_typography() -> None:
    blocks = to_blocks(
        "A \\emph{b} \\textbf{c {\\em d}} -- e --- ``f'' g~h.\n\nNext \\Lean{} 4.", CONTEXT
    )
    assert len(blocks) == 2 and all(isinstance(b, Paragraph) for b in blocks)
    first = blocks[0]
    assert isinstance(first, Paragraph)
    assert Styled("em", (Text("b"),)) in first.children
    assert plain_text(blocks) == "A b c d – e — “f” g h. Next Lean 4."


def test_math_is_kept_as_tex_in_every_form() -> None:
    blocks = to_blocks(
        r"Let $x < y$ and \(z\). \[ a = b \] $$c$$" + "\n"
        r"\begin{align} a &= b \label{eq:1} \end{align}",
        CONTEXT,
    )
    paragraph = blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert Math("x < y") in paragraph.children and Math("z") in paragraph.children
    displays = [b for b in blocks if isinstance(b, DisplayMath)]
    assert [d.math.tex for d in displays[:2]] == ["a = b", "c"]
    assert displays[2].math.environment and "\\label{eq:1}" in displays[2].math.tex
    markup = html(r"$x<y$")
    assert r'<span class="math">\(x&lt;y\)</span>' in markup


def test_references_and_citations_become_links_in_words() -> None:
    paragraph = to_blocks(
        r"By \cref{lem:a}, \ref{lem:a}, \eqref{lem:a}, \cref{chap:one}, "
        r"\cite[p.~3]{HW, zz}, \eqref{eq:1}.",
        CONTEXT,
    )[0]
    assert isinstance(paragraph, Paragraph)
    links = [c for c in paragraph.children if isinstance(c, Link)]
    assert [plain_text([link]) for link in links] == ["Lemma 1.3", "1.3", "(1.3)", "Chapter 1", "2"]
    assert links[0].node == "lem:a" and links[0].href == "chapter-1.html#lem%3Aa"
    assert "[2, zz, p. 3]" in plain_text([paragraph])
    assert Math(r"\eqref{eq:1}") in paragraph.children  # an equation: MathJax resolves it
    assert 'data-node="lem:a"' in html(r"\cref{lem:a}")


def test_lists_verbatim_accents_and_unknown_macros() -> None:
    blocks = to_blocks(
        "\\begin{enumerate}\\item one \\item[b)] two\\end{enumerate}"
        '\\begin{verbatim}<x>\\end{verbatim} Erd\\H{o}s, G\\"odel, \\unknown{kept}.',
        CONTEXT,
    )
    assert isinstance(blocks[0], ItemList) and len(blocks[0].items) == 2
    assert plain_text([blocks[0].items[1]]) == "b) two"
    assert blocks[1] == Verbatim("<x>")
    assert plain_text(blocks[2:]) == "Erdős, Gödel, kept."


def test_blueprint_macros_labels_and_comments_are_dropped() -> None:
    text = r"\label{x}\lean{A.b}\leanok\uses{y} Shown % hidden" + "\nalso shown."
    assert plain_text(to_blocks(text)) == "Shown also shown."


def test_only_http_and_mailto_links_are_links() -> None:
    markup = html(
        r"\href{javascript:alert(1)}{x} \url{https://a.org/?q=1&r=2} \href{mailto:a@b.c}{m}"
    )
    assert "javascript:" not in markup.split("<code>")[0] and 'href="javascript' not in markup
    assert '<a href="https://a.org/?q=1&amp;r=2">' in markup
    assert '<a href="mailto:a@b.c">m</a>' in markup


def test_titles_are_inline() -> None:
    assert to_inlines(r"Erd\H{o}s and $p$-groups") == (
        Text("Erdős and "),
        Math("p"),
        Text("-groups"),
    )


def test_texorpdfstring_shows_its_tex_side() -> None:
    """hyperref's `\\texorpdfstring{TeX}{text}`, common in titles: the TeX, once."""
    tex = r"The \texorpdfstring{$m$}{m}-torsion \texorpdfstring {\emph{case}} {case}"
    assert to_inlines(tex) == (
        Text("The "),
        Math("m"),
        Text("-torsion "),
        Styled("em", (Text("case"),)),
    )


def test_user_macros_expand_a_bounded_number_of_times() -> None:
    loop = Context(macros=read_macros(r"\newcommand{\a}{x\a}"))
    text = plain_text(to_blocks(r"\a", loop))
    assert text.startswith("xxx") and len(text) < 5000


def test_deep_nesting_does_not_crash() -> None:
    deep = "{" * 5000 + "x" + "}" * 5000
    assert "x" in plain_text(to_blocks(deep))


ALLOWED = {
    "p",
    "em",
    "strong",
    "code",
    "span",
    "u",
    "small",
    "a",
    "br",
    "div",
    "pre",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)
        self.attributes.update(name for name, _ in attrs)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("\\{}$%&~[]<>\"' \n-`^_#abcemphitrfuwlx")), max_size=120)
)
def test_any_text_gives_only_the_templates_markup(text: str) -> None:
    parser = _Tags()
    parser.feed(html(text))
    assert parser.seen <= ALLOWED
    assert parser.attributes <= {"class", "href", "data-node"}


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_converts(text: str) -> None:
    to_blocks(text, CONTEXT)
    to_inlines(text, CONTEXT)


def test_spaces_and_newlines_read_as_tex_reads_them() -> None:
    def texts(tex: str) -> list[str]:
        return [plain_text((block,)) for block in to_blocks(tex)]

    assert texts("a\n  b") == texts("a\t\tb") == texts("a\u2003\u2003b") == ["a b"]
    assert texts("a \n \n b") == ["a", "b"]  # a blank line, spaces on it: a new paragraph
    assert texts("x % a comment\n   y") == ["x y"]
    # a control word eats the spaces after it, newlines too, but not a blank line
    assert texts("\\S \n x") == ["§x"]
    assert texts("\\S\n\nx") == ["§", "x"]


INLINE_ITEMS = (Text, Math, Styled, Link, Break)


def _inlines_of(blocks: tuple[object, ...]) -> list[tuple[object, ...]]:
    """Every run of inlines in `blocks`: paragraphs' and styles' children, list labels."""
    runs: list[tuple[object, ...]] = []

    def walk(node: object) -> None:
        for name in ("children", "label"):
            run = getattr(node, name, None)
            if isinstance(run, tuple):
                runs.append(run)
        for name in ("children", "blocks", "items", "label"):
            for child in getattr(node, name, ()) or ():
                walk(child)

    for block in blocks:
        walk(block)
    return runs


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("\\{}$%&~[]' \n\t-`abemphitxS")), max_size=120)
    | st.sampled_from(["\\emph{a~b} c", "\\begin{itemize}\\item[\\emph{x}] y\\end{itemize}"])
)
def test_texts_become_items_merged(text: str) -> None:
    # text is a str inside the parser: what comes out is items only; a paragraph's texts
    # are merged (never two side by side, never empty, no spaces at its ends)
    blocks = to_blocks(text, CONTEXT)
    for run in _inlines_of(blocks):
        assert all(isinstance(item, INLINE_ITEMS) for item in run)
    for block in blocks:
        if isinstance(block, Paragraph):
            kids = block.children
            assert all(not (isinstance(a, Text) and isinstance(b, Text))
                       for a, b in pairwise(kids))
            assert all(item.text for item in kids if isinstance(item, Text))
            assert not (isinstance(kids[0], Text) and kids[0].text.startswith(" "))
            assert not (isinstance(kids[-1], Text) and kids[-1].text.endswith(" "))
    inlines = to_inlines(text, CONTEXT)
    assert all(isinstance(item, INLINE_ITEMS) for item in inlines)


def test_groups_and_options_end_where_tex_ends_them() -> None:
    from blueprint.site.latex.scan import matching_brace, matching_bracket

    assert matching_brace("a\\}b{c}d}e", 0) == 8  # an escaped brace, a nested group
    assert matching_brace("a{b", 0) == matching_brace("ab\\", 0) == 3  # unclosed: the end
    assert matching_bracket("a{]}[b]\\]c]d", 0) == 10  # in braces, nested, escaped: skipped
    assert matching_bracket("a\n\nb]", 0) is None  # not past a blank line
    assert matching_bracket("a{b", 0) is None


def test_the_tables_of_commands_share_no_name() -> None:
    # the parser tests a control word against them in the order it finds fastest
    from blueprint.site.latex import commands

    tables: list[Collection[str]] = [
        commands.DROPPED, commands.STYLE_COMMANDS, commands.STYLE_DECLARATIONS,
        commands.TRANSPARENT, commands.REF_COMMANDS, commands.CITE_COMMANDS,
        commands.WORDS, commands.ACCENTS,
    ]
    names = [name for table in tables for name in table]
    assert len(names) == len(set(names))
