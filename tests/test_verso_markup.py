"""Verso's markup to the tree (blueprint/readers/verso/parser.py, leanfile.py): each rule of
Verso's parser that a blueprint depends on, lines, and broken input as diagnostics."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from hypothesis import given, settings
from hypothesis import strategies as st

from blueprint.markup.verso import (
    ArgKind,
    Block,
    BlockCommand,
    Blockquote,
    Bold,
    BulletList,
    Code,
    CodeBlock,
    DescriptionList,
    Directive,
    Document,
    Emph,
    Footnote,
    FootnoteDefinition,
    Header,
    Image,
    Inline,
    LineBreak,
    Link,
    LinkDefinition,
    Math,
    Metadata,
    OrderedList,
    Paragraph,
    Role,
    Text,
    VersoFile,
    plain_text,
)
from blueprint.model import Severity
from blueprint.readers.verso.leanfile import parse_verso_file

HEAD = '#doc (Manual) "T" =>\n'  # the markup below starts on line 2


def parse(markup: str) -> VersoFile:
    return parse_verso_file(HEAD + markup, "C.lean")


def blocks(markup: str) -> tuple[Block, ...]:
    file = parse(markup)
    assert not file.diagnostics, file.diagnostics
    return file.documents[0].blocks


def para(markup: str) -> Paragraph:
    (block,) = blocks(markup)
    assert isinstance(block, Paragraph)
    return block


def test_the_lean_header_and_the_document() -> None:
    text = (
        "module\n"
        "public import VersoBlueprint\n"
        "meta import VersoBlueprint  -- a comment\n"
        "import A.B C\n"
        "/- import Not.This\n#doc (Manual) \"nor this\" =>\n-/\n"
        "set_option verso.blueprint.trimTeXLabelPrefix true\n"
        "set_option verso.blueprint.externalCode.sourceLinkTemplate\n"
        '  "https://x/{module}"\n'
        "set_option maxHeartbeats 400000 in\n"
        "theorem t : True := trivial\n"
        '#doc (Manual) "The _title_ \\"quoted\\"" =>\n'
        "Body.\n"
    )
    file = parse_verso_file(text, "F.lean")
    assert [(i.module, i.line) for i in file.imports] == [
        ("VersoBlueprint", 2), ("VersoBlueprint", 3), ("A.B", 4), ("C", 4)]
    assert file.setting("verso.blueprint.trimTeXLabelPrefix") == "true"
    assert file.setting("verso.blueprint.externalCode.sourceLinkTemplate") == "https://x/{module}"
    assert file.setting("maxHeartbeats") is None  # `in`: one command only
    (doc,) = file.documents
    assert (doc.genre, doc.name, doc.line, doc.end_line) == ("Manual", None, 13, 14)
    assert doc.title_text == 'The title "quoted"'
    assert isinstance(doc.title[1], Emph) and doc.title[1].line == 13
    assert isinstance(doc.blocks[0], Paragraph) and doc.blocks[0].line == 14


def test_docs_blocks_end_at_seven_colons_and_lean_goes_on() -> None:
    text = (
        '#docs (Manual) first "First" :=\n'
        ":::::::\n"
        "One.\n"
        ":::::::\n"
        "def x := 1\n"
        "set_option after true\n"
        '#docs (Manual) second "Second" :=\n'
        ":::::::\n"
        ":::group \"g\"\nG.\n:::\n"
        ":::::::\n"
        '#doc (Manual) "Last" =>\n'
        "{include 1 first}\n"
    )
    file = parse_verso_file(text, "D.lean")
    assert not file.diagnostics
    first, second, last = file.documents
    assert (first.name, first.title_text, first.line, first.end_line) == ("first", "First", 1, 4)
    assert isinstance(first.blocks[0], Paragraph) and first.blocks[0].line == 3
    assert file.setting("after") == "true"
    assert second.name == "second" and isinstance(second.blocks[0], Directive)
    assert last.name is None and isinstance(last.blocks[0], BlockCommand)


def test_a_paragraph_runs_on_until_a_blank_line_or_a_block_opener() -> None:
    first, second, _, header, quote = blocks(
        "one\ntwo\n# not a header\n{include 0 Not.A.Command}[x]\n\nthree\n* a list\n\n"
        "# Header\n> quote\n"
    )
    assert isinstance(first, Paragraph)
    assert [type(i) for i in first.content] == [Text, LineBreak, Text, LineBreak, Text,
                                                LineBreak, Role]
    assert [i.line for i in first.content] == [2, 2, 3, 3, 4, 4, 5]
    assert plain_text(first.content) == "one two # not a header x"
    assert isinstance(second, Paragraph) and plain_text(second.content) == "three"
    # the list after "three" and the header are blocks of their own
    file = parse("three\n* a list\n")
    assert isinstance(file.documents[0].blocks[1], BulletList)
    assert isinstance(header, Header) and header.level == 1 and header.line == 10
    assert isinstance(quote, Blockquote) and isinstance(quote.blocks[0], Paragraph)


def test_headers_count_their_marks_and_want_column_zero() -> None:
    h1, h3, indented = blocks("# One\n\n### Three *bold*\n\n  # indented\n")
    assert isinstance(h1, Header) and (h1.level, plain_text(h1.content)) == (1, "One")
    assert isinstance(h3, Header) and h3.level == 3 and isinstance(h3.content[1], Bold)
    assert isinstance(indented, Paragraph)  # a header starts a line


def test_emphasis_bold_code_and_math() -> None:
    p = para("_e_ *b* **bb** _a *n* b_ `c` ``x ` y`` `` `t` `` $`x^2` $$`\\sum_i\n i`")
    kinds = [type(i).__name__ for i in p.content if not isinstance(i, Text)]
    assert kinds == ["Emph", "Bold", "Bold", "Emph", "Code", "Code", "Code", "Math", "Math"]
    inlines = [i for i in p.content if not isinstance(i, Text)]
    assert isinstance(inlines[3], Emph) and isinstance(inlines[3].content[1], Bold)
    assert [c.code for c in inlines[4:7] if isinstance(c, Code)] == ["c", "x ` y", "`t`"]
    inline, display = inlines[7], inlines[8]
    assert isinstance(inline, Math) and (inline.tex, inline.display) == ("x^2", False)
    assert isinstance(display, Math) and display.display and display.tex == "\\sum_i\n i"


def test_escapes_and_dollars_that_open_nothing() -> None:
    p = para("a \\_b\\_ \\* \\[x\\] \\{ costs $5 and a!")
    assert p.content == (Text("a _b_ * [x] { costs $5 and a!", 2),)


def test_links_images_footnotes_and_their_definitions() -> None:
    p, ref, note = blocks(
        "[a *b*](https://e.org/x_(y\\)) [r][name] ![alt text](i.png) see[^n]\n\n"
        "[name]: https://e.org\n[^n]: The _note_.\n"
    )
    assert isinstance(p, Paragraph)
    link, ref_link, image, footnote = (i for i in p.content if not isinstance(i, Text))
    assert isinstance(link, Link) and not link.is_ref and isinstance(link.content[1], Bold)
    assert link.target == "https://e.org/x_(y\\)"
    assert isinstance(ref_link, Link) and ref_link.is_ref and ref_link.target == "name"
    assert isinstance(image, Image) and (image.alt, image.target) == ("alt text", "i.png")
    assert isinstance(footnote, Footnote) and footnote.name == "n"
    assert isinstance(ref, LinkDefinition) and (ref.name, ref.url, ref.line) == (
        "name", "https://e.org", 4)
    assert isinstance(note, FootnoteDefinition) and isinstance(note.content[1], Emph)


def test_roles_with_arguments_and_content() -> None:
    p = para('{uses "lbl" (intent := "technical") origin := manual}[the _text_] '
             "{lean}`Nat.add` {blueprint_node \"x\" +compact -fold (siteBase := 3)}[]")
    uses, lean, node = (i for i in p.content if isinstance(i, Role))
    assert uses.name == "uses" and uses.args.first() is not None
    assert [(a.name, a.kind, a.value) for a in uses.args.items] == [
        (None, ArgKind.STRING, "lbl"), ("intent", ArgKind.STRING, "technical"),
        ("origin", ArgKind.IDENT, "manual")]
    assert plain_text(uses.content) == "the text" and isinstance(uses.content[1], Emph)
    assert lean.content == (Code("Nat.add", 2),)
    assert [(a.name, a.value) for a in node.args.named] == [
        ("compact", True), ("fold", False), ("siteBase", 3)]
    assert node.content == ()


def test_lists_description_lists_and_their_nesting() -> None:
    bullets, numbers, parens, desc = blocks(
        "* one\n* two\n  - nested\n  - again\n\n3. three\n4. four\n\n1) a\n\n"
        ": Term\n\n  Its text.\n"
    )
    assert isinstance(bullets, BulletList) and bullets.bullet == "*"
    assert [i.line for i in bullets.items] == [2, 3]
    inner = bullets.items[1].blocks[1]
    assert isinstance(inner, BulletList) and inner.bullet == "-" and len(inner.items) == 2
    assert isinstance(numbers, OrderedList) and numbers.start == 3 and len(numbers.items) == 2
    assert isinstance(parens, OrderedList) and parens.start == 1
    assert isinstance(desc, DescriptionList)
    assert plain_text(desc.items[0].term) == "Term"
    assert isinstance(desc.items[0].blocks[0], Paragraph)


def test_code_blocks_keep_their_name_arguments_and_text() -> None:
    lean, tex, plain, long = blocks(
        '```lean "label" (autoDeps := false)\ntheorem t : True := by\n  trivial\n```\n\n'
        '  ```tex "x" (slot := proof)\n  \\begin{proof}\n  \\end{proof}\n  ```\n\n'
        "```\nno name\n```\n\n"
        "`````\n```\n:::\n`````\n"
    )
    assert isinstance(lean, CodeBlock) and lean.name == "lean"
    assert [(a.name, a.value) for a in lean.args.items] == [(None, "label"), ("autoDeps", "false")]
    assert lean.code == "theorem t : True := by\n  trivial\n"
    assert (lean.line, lean.end_line) == (2, 5)
    assert isinstance(tex, CodeBlock) and tex.code == "\\begin{proof}\n\\end{proof}\n"
    slot = tex.args.get("slot")
    assert slot is not None and (slot.kind, slot.value) == (ArgKind.IDENT, "proof")
    assert isinstance(plain, CodeBlock) and plain.name is None
    assert isinstance(long, CodeBlock) and long.code == "```\n:::\n"


def test_directives_nest_with_fewer_colons() -> None:
    (outer,) = blocks(
        '::::theorem "t" (lean := "A, B") (priority := high) +flag\n'
        "Text.\n\n"
        ":::remark\nInner.\n:::\n"
        "More.\n"
        "::::\n"
    )
    assert isinstance(outer, Directive) and outer.name == "theorem"
    assert (outer.line, outer.end_line) == (2, 9)
    assert [(a.name, a.kind, a.value) for a in outer.args.items] == [
        (None, ArgKind.STRING, "t"), ("lean", ArgKind.STRING, "A, B"),
        ("priority", ArgKind.IDENT, "high"), ("flag", ArgKind.FLAG, True)]
    first, inner, last = outer.blocks
    assert isinstance(inner, Directive) and inner.name == "remark"
    assert (inner.line, inner.end_line) == (5, 7)
    assert isinstance(first, Paragraph) and isinstance(last, Paragraph) and last.line == 8


def test_block_commands_stand_alone_on_their_line() -> None:
    include, graph, para_ = blocks("{include 0 A.B}\n{ blueprint_graph (direction := LR) }\n"
                                   "{include 0 A}[not alone]\n")
    assert isinstance(include, BlockCommand) and include.name == "include"
    assert [(a.kind, a.value) for a in include.args.items] == [
        (ArgKind.NUMBER, 0), (ArgKind.IDENT, "A.B")]
    assert isinstance(graph, BlockCommand) and graph.args.get("direction") is not None
    assert isinstance(para_, Paragraph) and isinstance(para_.content[0], Role)


def test_metadata_blocks_and_their_fields() -> None:
    (meta, text) = blocks(
        "%%%\n"
        "title := \"A, b\"\n"
        "source := {\n  document := \"d\"\n  spans := #[{ page := \"1, 2\" }]\n}\n"
        "kind := .pdf, tag := \"t\"\n"
        "%%%\n\nAfter.\n"
    )
    assert isinstance(meta, Metadata) and (meta.line, meta.end_line) == (2, 9)
    assert meta.field("title") == '"A, b"'
    assert meta.field("source") == '{\n  document := "d"\n  spans := #[{ page := "1, 2" }]\n}'
    assert (meta.field("kind"), meta.field("tag")) == (".pdf", '"t"')
    assert isinstance(text, Paragraph) and text.line == 11


def test_broken_markup_is_reported_with_its_line_and_kept_as_text() -> None:
    file = parse(
        "fine\n"
        "a stray ] and } here\n"
        "an _open emphasis and `open code\n"
        "{role} alone, {no closing\n"
        "[link without target]\n"
        ":::\n"
        ":::directive\nnever closed\n"
    )
    found = sorted((d.line, d.severity, d.message.split(" ")[0]) for d in file.diagnostics)
    assert found == [
        (3, Severity.WARNING, "`]`"), (3, Severity.WARNING, "`}`"),
        (4, Severity.ERROR, "this"), (4, Severity.WARNING, "`_`"),
        (5, Severity.ERROR, "role"), (5, Severity.WARNING, "`{`"),
        (6, Severity.ERROR, "a"),
        (7, Severity.ERROR, "this"),  # this `:::` closes no directive
        (8, Severity.ERROR, "the"),  # the directive `directive` is not closed
    ]
    blocks_ = file.documents[0].blocks
    assert "a stray ] and } here" in plain_text(blocks_[0].content)  # type: ignore[union-attr]
    directive = blocks_[-1]
    assert isinstance(directive, Directive) and directive.name == "directive"
    assert isinstance(directive.blocks[0], Paragraph)


def test_a_file_without_documents_and_a_malformed_doc_header() -> None:
    assert parse_verso_file("theorem x : True := trivial\n", "L.lean").documents == ()
    file = parse_verso_file('#doc "no genre" =>\ntext\n', "M.lean")
    assert file.documents == ()
    assert [(d.line, d.severity) for d in file.diagnostics] == [(1, Severity.ERROR)]
    unclosed = parse_verso_file('#docs (Manual) d "D" :=\n:::::::\ntext\n', "U.lean")
    assert isinstance(unclosed.documents[0], Document)
    assert [d.line for d in unclosed.diagnostics] == [1]


MARKUP = st.text(
    alphabet=st.sampled_from(list("ab _*`$[](){}!#:%>-+1.\\\"\n ")), max_size=200
)


@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_any_text_parses_without_raising_and_lines_stay_in_the_file(markup: str) -> None:
    text = HEAD + markup
    file = parse_verso_file(text, "F.lean")
    last = text.count("\n") + 1
    assert all(1 <= d.line <= last for d in file.diagnostics)
    assert len(file.documents) == 1
    stack: list[object] = list(file.documents[0].blocks)
    while stack:
        item = stack.pop()
        line = getattr(item, "line", None)
        assert line is None or 1 <= line <= last, item
        for name in ("blocks", "content", "items", "term"):
            stack.extend(getattr(item, name, ()) or ())


def test_the_sample_project_holds_every_kind_of_block_and_inline() -> None:
    """tests/data/verso/sample is the in-repository data of the grammar: keep it whole."""
    seen: set[type] = set()
    for path in (Path(__file__).parent / "data" / "verso" / "sample").rglob("*.lean"):
        file = parse_verso_file(path.read_text(encoding="utf-8"), path.name)
        stack: list[object] = [b for d in file.documents for b in (*d.blocks, *d.title)]
        while stack:
            item = stack.pop()
            seen.add(type(item))
            for name in ("blocks", "content", "items", "term"):
                stack.extend(getattr(item, name, ()) or ())
    assert set(get_args(Block)) | set(get_args(Inline)) <= seen
