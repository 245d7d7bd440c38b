"""The LaTeX reader on small snippets: one behaviour per test, with a dict-backed loader."""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from textwrap import dedent

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blueprint.model import Blueprint, Diagnostic, Node, Severity
from blueprint.readers.latex import read_blueprint


def read(files: Mapping[str, str | bytes], root: str = "web.tex") -> Blueprint:
    def load(path: str) -> str:
        if path not in files:
            raise FileNotFoundError(path)
        content = files[path]
        if isinstance(content, bytes):
            return content.decode("utf-8")
        return content

    return read_blueprint(root, load)


def doc(body: str, preamble: str = "", cls: str = "report") -> dict[str, str | bytes]:
    """A one-file blueprint; the body starts on line 4 when the preamble is one line."""
    return {
        "web.tex": f"\\documentclass{{{cls}}}\n{preamble}\n\\begin{{document}}\n"
        f"{dedent(body).strip()}\n\\end{{document}}\n"
    }


def nodes(blueprint: Blueprint) -> dict[str, Node]:
    return {node.id: node for node in blueprint.nodes}


def diags(blueprint: Blueprint, severity: Severity | None = None) -> list[Diagnostic]:
    return [d for d in blueprint.diagnostics if severity is None or d.severity is severity]


def messages(blueprint: Blueprint, severity: Severity | None = None) -> list[str]:
    return [d.message for d in diags(blueprint, severity)]


def one(blueprint: Blueprint, pattern: str) -> Diagnostic:
    found = [d for d in blueprint.diagnostics if re.search(pattern, d.message)]
    assert len(found) == 1, blueprint.diagnostics
    return found[0]


LEMMA_A = "\\begin{lemma}\\label{a}A.\\end{lemma}"


# -- \input and \include -------------------------------------------------------------


def test_input_with_and_without_extension_into_subfolders() -> None:
    files = doc("\\input{chapter/one}\n\\input{chapter/two.tex}\n\\include{three}")
    files["chapter/one.tex"] = "\\begin{lemma}\\label{one}x\\end{lemma}"
    files["chapter/two.tex"] = "\\begin{lemma}\\label{two}x\\end{lemma}"
    files["three.tex"] = "\\begin{lemma}\\label{three}x\\end{lemma}"
    blueprint = read(files)
    assert list(nodes(blueprint)) == ["one", "two", "three"]
    assert nodes(blueprint)["two"].file == "chapter/two.tex"
    assert blueprint.files == ["web.tex", "chapter/one.tex", "chapter/two.tex", "three.tex"]
    assert not blueprint.diagnostics


def test_input_without_braces_and_with_quotes() -> None:
    files = doc('\\input chapter\n\\input{"other"}')
    files["chapter.tex"] = LEMMA_A
    files["other.tex"] = "\\begin{lemma}\\label{b}B.\\end{lemma}"
    assert list(nodes(read(files))) == ["a", "b"]


def test_input_falls_back_to_the_including_files_folder() -> None:
    files = doc("\\input{chapter/main}")
    files["chapter/main.tex"] = "\\input{part}"
    files["chapter/part.tex"] = LEMMA_A
    blueprint = read(files)
    assert list(nodes(blueprint)) == ["a"]
    assert nodes(blueprint)["a"].file == "chapter/part.tex"


def test_input_prefers_the_blueprint_folder() -> None:
    files = doc("\\input{chapter/main}")
    files["chapter/main.tex"] = "\\input{part}"
    files["part.tex"] = LEMMA_A
    files["chapter/part.tex"] = "\\begin{lemma}\\label{wrong}x\\end{lemma}"
    assert list(nodes(read(files))) == ["a"]


def test_missing_input_names_the_including_file_and_line() -> None:
    files = doc("text\n\\input{chapter/main}")
    files["chapter/main.tex"] = "one\ntwo\n  \\input{missing}\n" + LEMMA_A
    blueprint = read(files)
    found = one(blueprint, "missing")
    assert (found.file, found.line, found.severity) == ("chapter/main.tex", 3, Severity.ERROR)
    assert "missing.tex" in found.message
    assert list(nodes(blueprint)) == ["a"]  # reading goes on


def test_input_cycle_is_reported_once_and_reading_ends() -> None:
    files = doc("\\input{a}")
    files["a.tex"] = "\\input{b}\n" + LEMMA_A
    files["b.tex"] = "x\n\\input{a}"
    blueprint = read(files)
    found = one(blueprint, "cycle")
    assert (found.file, found.line) == ("b.tex", 2)
    assert "a.tex -> b.tex -> a.tex" in found.message
    assert list(nodes(blueprint)) == ["a"]


def test_a_file_inputting_itself_is_a_cycle() -> None:
    blueprint = read({"web.tex": "\\input{web}\n" + LEMMA_A})
    assert one(blueprint, "cycle").line == 1
    assert list(nodes(blueprint)) == ["a"]


@pytest.mark.parametrize("name", ["../secret", "chapter/../../secret", "/etc/passwd", "C:/x"])
def test_inputs_outside_the_blueprint_folder_are_refused(name: str) -> None:
    asked: list[str] = []

    def load(path: str) -> str:
        asked.append(path)
        if path == "web.tex":
            return f"\\input{{{name}}}"
        return LEMMA_A

    blueprint = read_blueprint("web.tex", load)
    assert asked == ["web.tex"]
    found = one(blueprint, "not read")
    assert (found.file, found.line, found.severity) == ("web.tex", 1, Severity.ERROR)


def test_sty_and_cls_inputs_are_not_followed() -> None:
    asked: list[str] = []

    def load(path: str) -> str:
        asked.append(path)
        if path == "web.tex":
            return "\\input{macros.sty}\\input{x.cls}"
        raise FileNotFoundError(path)

    blueprint = read_blueprint("web.tex", load)
    assert asked == ["web.tex"]
    assert not blueprint.diagnostics


def test_preamble_inputs_declare_theorems() -> None:
    files = {
        "web.tex": "\\documentclass{report}\n\\input{preamble/common}\n\\begin{document}\n"
        "\\chapter{C}\\begin{lemma}\\label{a}A\\end{lemma}\\end{document}",
        "preamble/common.tex": "\\newtheorem{theorem}{Theorem}[chapter]\n"
        "\\newtheorem{lemma}[theorem]{Lemma}",
    }
    assert nodes(read(files))["a"].number == "1.1"


def test_begin_document_may_be_in_an_input_file() -> None:
    files = {
        "web.tex": "\\documentclass{report}\n\\input{blueprint.tex}\n\\end{document}\n"
        "\\begin{lemma}\\label{after}x\\end{lemma}",
        "blueprint.tex": "\\newtheorem{lemma}{Lemma}\n\\begin{document}\n" + LEMMA_A,
    }
    blueprint = read(files)
    assert list(nodes(blueprint)) == ["a"]  # nothing after \end{document} is read
    assert not blueprint.diagnostics


def test_unreadable_files_are_diagnostics() -> None:
    def load(path: str) -> str:
        if path == "web.tex":
            return "\\input{bad}\n\\input{worse}\n" + LEMMA_A
        if path == "bad.tex":
            return b"\xff\xfe".decode("utf-8")
        raise ValueError("not a text file")

    blueprint = read_blueprint("web.tex", load)
    assert [(d.file, d.line) for d in diags(blueprint, Severity.ERROR)] == [
        ("bad.tex", 1),
        ("web.tex", 2),
    ]
    assert "not valid UTF-8 (byte 0xff" in blueprint.diagnostics[0].message
    reason = "\\input{worse}: cannot read worse.tex: not a text file"
    assert blueprint.diagnostics[1].message == reason
    assert list(nodes(blueprint)) == ["a"]


def test_each_file_is_loaded_once_and_the_texts_read_are_handed_on() -> None:
    files = doc("\\input{part}\n\\input{part}\n\\input{bad}\n\\input{bad}\n" + LEMMA_A)
    files["part.tex"] = "Prose.\r\n"
    files["bad.tex"] = b"caf\xe9"
    asked: list[str] = []

    def load(path: str) -> str:
        asked.append(path)
        content = files[path]
        return content.decode("utf-8") if isinstance(content, bytes) else content

    blueprint = read_blueprint("web.tex", load)
    assert asked == ["web.tex", "part.tex", "bad.tex"]  # once each, though input twice
    assert list(blueprint.sources) == blueprint.files == asked
    assert blueprint.sources["web.tex"] == files["web.tex"]
    assert blueprint.sources["part.tex"] == "Prose.\r\n"  # as loaded, not prepared
    assert blueprint.sources["bad.tex"] == "caf\ufffd"  # as the reader read it
    assert [d.file for d in diags(blueprint, Severity.ERROR)] == ["bad.tex", "bad.tex"]
    with pytest.raises(TypeError):
        blueprint.sources["part.tex"] = "changed"  # type: ignore[index]


def test_undecodable_bytes_are_replaced_and_reported_at_their_line() -> None:
    text = "\\chapter{C}\r\n\\begin{lemma}\\label{x}\r\nCaf\u00e9.\\end{lemma}\n"
    latin1 = text.encode("latin-1")
    blueprint = read({"web.tex": "\\input{latin}\n" + LEMMA_A, "latin.tex": latin1})
    assert list(nodes(blueprint)) == ["x", "a"]  # nothing of the file is lost
    assert nodes(blueprint)["x"].statement.text == "Caf\ufffd."
    error = one(blueprint, "not valid UTF-8")
    assert (error.file, error.line, error.severity) == ("latin.tex", 3, Severity.ERROR)


def test_a_missing_root_is_a_diagnostic_not_an_exception() -> None:
    blueprint = read({}, root="web.tex")
    assert blueprint.nodes == []
    assert [(d.file, d.severity) for d in blueprint.diagnostics] == [("web.tex", Severity.ERROR)]


# -- package options and packages ----------------------------------------------------


def test_default_options() -> None:
    options = read(doc("")).options
    assert options.thms == ["definition", "lemma", "proposition", "theorem", "corollary"]
    assert (options.dep_by, options.nonreduced, options.graph_title) == (None, False, None)


def test_package_options() -> None:
    preamble = (
        "\\usepackage[showmore, dep_graph, project=../../, thms=dfn+ lem ,dep_by=chapter,"
        "nonreducedgraph, title={My graph}, coverage]{blueprint}"
    )
    options = read(doc("", preamble)).options
    assert options.thms == ["dfn", "lem"]
    assert (options.dep_by, options.nonreduced, options.graph_title) == (
        "chapter",
        True,
        "My graph",
    )


def test_a_bad_dep_by_is_reported_and_ignored() -> None:
    blueprint = read(doc("", "\\usepackage[dep_by=book]{blueprint}"))
    assert blueprint.options.dep_by is None
    assert one(blueprint, "dep_by=book").severity is Severity.WARNING


def test_only_the_first_usepackage_blueprint_counts() -> None:
    preamble = "\\usepackage[project=..]{blueprint}\n\\usepackage[thms=lemma, dep_graph]{blueprint}"
    files = doc("\\begin{theorem}\\label{t}x\\end{theorem}", preamble)
    blueprint = read(files)
    assert list(nodes(blueprint)) == ["t"]  # thms=lemma was ignored, as by plasTeX
    found = one(blueprint, "already loaded")
    assert (found.line, found.severity) == (3, Severity.WARNING)


def test_thms_decides_which_environments_are_nodes() -> None:
    preamble = (
        "\\usepackage[thms=dfn+lem]{blueprint}\\newtheorem{dfn}{Definition}"
        "\\newtheorem{lem}{Lemma}\\newtheorem{lemma}{Lemma}"
    )
    body = """
        \\begin{dfn}\\label{d}D\\end{dfn}
        \\begin{lem}\\label{l}\\uses{d}L\\end{lem}
        \\begin{lemma}\\label{not-a-node}X\\end{lemma}
    """
    blueprint = read(doc(body, preamble))
    assert list(nodes(blueprint)) == ["d", "l"]
    assert not nodes(blueprint)["d"].is_definition  # leanblueprint checks the literal name


def test_local_packages_are_read_for_theorems_and_colours_only() -> None:
    files = doc(
        "\\chapter{C}\\begin{lemma}\\label{a}x\\end{lemma}",
        "\\usepackage{amsmath, mythms}\\usepackage[x]{blueprint}",
    )
    files["mythms.sty"] = (
        "\\RequirePackage{more}\n\\newtheorem{lemma}{Lemma}[chapter]\n"
        "\\graphcolor{stated}{red}{Red}\n\\begin{lemma}\\label{in-sty}x\\end{lemma}\n"
        "\\label{x}} \\uses{nothing} \\begin{oops}"
    )
    files["more.sty"] = "\\declaretheorem[name=Fact]{fact}"
    files["blueprint.sty"] = "\\newcommand{\\uses}[1]{}\\newcommand{\\leanok}{}"
    blueprint = read(files)
    assert list(nodes(blueprint)) == ["a"]
    assert nodes(blueprint)["a"].number == "1.1"
    assert blueprint.options.colors == {"stated": "red"}
    assert not blueprint.diagnostics  # problems inside packages are not ours to report
    assert blueprint.files == ["web.tex", "mythms.sty", "more.sty", "blueprint.sty"]


def test_tex_declarations_win_over_package_ones() -> None:
    files = doc(
        "\\chapter{C}\\begin{theorem}\\label{t}x\\end{theorem}",
        "\\usepackage{util}\\newtheorem{theorem}{Theorem}[chapter]",
    )
    files["util.sty"] = "\\newtheorem*{theorem}{Theorem}"
    assert nodes(read(files))["t"].number == "1.1"


def test_a_second_newtheorem_in_tex_is_reported() -> None:
    blueprint = read(doc("", "\\newtheorem{lemma}{Lemma}\\newtheorem{lemma}{Other}"))
    assert one(blueprint, "already declared").severity is Severity.WARNING


# -- comments, verbatim, conditionals ------------------------------------------------


def test_comments_hide_macros_but_escaped_percent_does_not() -> None:
    body = """
        % \\begin{lemma}\\label{commented}x\\end{lemma}
        50\\% \\begin{lemma}\\label{a}A\\end{lemma}
        \\\\% \\begin{lemma}\\label{after-linebreak}x\\end{lemma}
    """
    assert list(nodes(read(doc(body)))) == ["a"]


def test_a_line_ending_in_percent_joins_the_next_line() -> None:
    body = """
        \\begin{lemma}\\label{a}\\lean{Foo.bar,%
          Foo.baz, Foo%
          .qux}%
        \\uses{%
          b}
        x\\end{lemma}
        \\begin{lemma}\\label{b}B\\end{lemma}
    """
    node = nodes(read(doc(body)))["a"]
    assert node.lean == ["Foo.bar", "Foo.baz", "Foo.qux"]
    assert node.statement.uses == ["b"]


def test_comment_and_verbatim_environments_are_not_read() -> None:
    body = """
        \\begin{comment}
        \\begin{lemma}\\label{in-comment}x\\end{lemma}
        \\end{comment}
        \\begin{verbatim}
        \\begin{lemma}\\label{in-verbatim}x\\end{lemma} % not a comment
        \\end{verbatim}
        \\begin{lstlisting}[language=Lean]
        \\begin{lemma}\\label{in-listing}x\\end{lemma}
        \\end{lstlisting}
        \\begin{minted}{lean}
        \\begin{lemma}\\label{in-minted}x\\end{lemma}
        \\end{minted}
        \\verb|\\begin{lemma}| \\verb*+\\end{lemma}+
        \\begin{lemma}\\label{a}A\\end{lemma}
    """
    blueprint = read(doc(body))
    assert list(nodes(blueprint)) == ["a"]
    assert not blueprint.diagnostics


def test_verbatim_inside_a_statement_is_kept_in_its_text() -> None:
    body = "\\begin{lemma}\\label{a}See \\verb|\\uses{x}| here.\\end{lemma}"
    node = nodes(read(doc(body)))["a"]
    assert node.statement.text == "See \\verb|\\uses{x}| here."
    assert node.statement.uses == []


def test_iffalse_blocks_are_skipped_with_nesting_and_else() -> None:
    body = """
        \\iffalse
          \\begin{lemma}\\label{hidden}x\\end{lemma}
          \\ifx\\a\\b \\begin{lemma}\\label{nested}x\\end{lemma}\\fi
          $a \\iff b$ % \\fi in a comment does not count
        \\fi
        \\begin{lemma}\\label{a}A\\end{lemma}
        \\iffalse \\begin{lemma}\\label{skipped}x\\end{lemma} \\else
        \\begin{lemma}\\label{b}B\\end{lemma}
        \\fi
    """
    blueprint = read(doc(body))
    assert list(nodes(blueprint)) == ["a", "b"]
    assert not blueprint.diagnostics


def test_line_numbers_count_removed_comments_and_blocks() -> None:
    text = dedent(
        """\
        \\begin{document}
        % a comment
        \\iffalse
        two lines
        \\fi
        \\begin{comment}
        \\end{comment}
        \\lean{%
          x}
        \\begin{lemma}\\label{a}\\uses{%
          nowhere}x
        \\end{lemma}
        \\end{document}
        """
    )
    blueprint = read({"web.tex": text})
    assert nodes(blueprint)["a"].line == 10
    assert (one(blueprint, "outside any").line, one(blueprint, "nowhere").line) == (8, 11)


def test_nested_braces_and_optional_arguments_with_brackets() -> None:
    body = """
        \\begin{lemma}[Title {with ] bracket} and $\\{x\\}$]
          \\label{a}\\lean{A.b}
          Body {with {nested} braces}.
        \\end{lemma}
    """
    node = nodes(read(doc(body)))["a"]
    assert node.title == "Title {with ] bracket} and $\\{x\\}$"
    assert node.statement.text == "Body {with {nested} braces}."


def test_arguments_may_span_lines_and_hold_unicode() -> None:
    body = """
        \\begin{theorem}[Théorème ∀]
          \\label{thm:∃_loops}
          \\uses{
            déf,
            lem:β
          }
          Soit $γ ∈ 𝕊^1$.
        \\end{theorem}
        \\begin{definition}\\label{déf}x\\end{definition}
        \\begin{lemma}\\label{lem:β}x\\end{lemma}
    """
    node = nodes(read(doc(body)))["thm:∃_loops"]
    assert node.statement.uses == ["déf", "lem:β"]
    assert (node.title, node.statement.text) == ("Théorème ∀", "Soit $γ ∈ 𝕊^1$.")


def test_crlf_and_byte_order_mark() -> None:
    text = "\ufeff\\begin{document}\r\n% c\r\n\\begin{lemma}\\label{a}\r\nA\\end{lemma}\r\n"
    node = nodes(read({"web.tex": text}))["a"]
    assert (node.line, node.statement.text) == (3, "A")


def test_macro_definitions_are_not_read_as_blueprint_macros() -> None:
    preamble = (
        "\\newcommand{\\uses}[1]{}\\renewcommand*\\leanok{}\\def\\lean#1{}\\let\\notready\\relax"
        "\\newenvironment{mylemma}[1][x]{\\begin{lemma}\\label{#1}}{\\end{lemma}}"
        "\\NewDocumentCommand{\\proves}{m}{}"
    )
    blueprint = read(doc(LEMMA_A, preamble))
    assert list(nodes(blueprint)) == ["a"]
    assert not blueprint.diagnostics


# -- theorem-like environments and numbering -----------------------------------------


def test_newtheorem_forms_and_numbers_in_a_report() -> None:
    preamble = dedent(
        """\
        \\newtheorem{theorem}{Theorem}[chapter]
        \\newtheorem{lemma}[theorem]{Lemma}
        \\newtheorem{remark}[theorem]{Remark}
        \\newtheorem*{corollary}{Corollary}
        \\newtheorem{proposition}{Proposition}
        \\newtheorem{definition}{Definition}[section]"""
    )
    body = """
        \\chapter{One}
        \\begin{theorem}\\label{t1}x\\end{theorem}
        \\begin{remark}x\\end{remark}
        \\begin{lemma}\\label{l1}x\\end{lemma}
        \\begin{corollary}\\label{c1}x\\end{corollary}
        \\begin{proposition}\\label{p1}x\\end{proposition}
        \\section{S}
        \\begin{definition}\\label{d1}x\\end{definition}
        \\chapter{Two}
        \\begin{lemma}\\label{l2}x\\end{lemma}
        \\begin{proposition}\\label{p2}x\\end{proposition}
    """
    numbers = {key: node.number for key, node in nodes(read(doc(body, preamble))).items()}
    assert numbers == {
        "t1": "1.1", "l1": "1.3", "c1": None, "p1": "1", "d1": "1.1.1", "l2": "2.1", "p2": "2",
    }  # fmt: skip


def test_numbers_in_an_article_with_a_shared_subsection_counter() -> None:
    preamble = "\\newtheorem{theorem}[subsection]{Theorem}\\newtheorem{lemma}[subsection]{Lemma}"
    body = """
        \\section{A}
        \\begin{lemma}\\label{a}x\\end{lemma}
        \\subsection{Sub}
        \\begin{theorem}\\label{b}x\\end{theorem}
        \\section{B}
        \\begin{lemma}\\label{c}x\\end{lemma}
    """
    blueprint = read(doc(body, preamble, cls="amsart"))
    assert [node.number for node in blueprint.nodes] == ["1.1", "1.3", "2.1"]
    assert [h.number for h in blueprint.headings] == ["1", "1.2", "2"]


def test_a_new_section_restarts_a_counter_numbered_within_subsection() -> None:
    # carleson: resets cascade (section resets subsection, which resets theorem), as in
    # LaTeX since 2018 and in plasTeX; the lemma after the section is 2.0.1, not 2.0.2
    preamble = "\\newtheorem{theorem}{Theorem}[subsection]\\newtheorem{lemma}[theorem]{Lemma}"
    body = """
        \\section{A}
        \\subsection{Sub}
        \\begin{theorem}\\label{a}x\\end{theorem}
        \\section{B}
        \\begin{lemma}\\label{b}x\\end{lemma}
        \\subsection{Sub}
        \\begin{lemma}\\label{c}x\\end{lemma}
    """
    blueprint = read(doc(body, preamble, cls="amsart"))
    assert [node.number for node in blueprint.nodes] == ["1.1.1", "2.0.1", "2.1.1"]


def test_numberwithin_numbers_a_counter_within_chapters() -> None:
    # equational_theories: \newtheorem{theorem}{Theorem} then \numberwithin{theorem}{chapter},
    # which leanblueprint (plasTeX's amsmath) and the PDF print 1.1, 1.2, 2.1, not 1, 2, 3
    preamble = (
        "\\newtheorem{theorem}{Theorem}\\newtheorem{lemma}[theorem]{Lemma}"
        "\\numberwithin{theorem}{chapter}"
    )
    body = """
        \\chapter{A}
        \\begin{theorem}\\label{a}x\\end{theorem}
        \\begin{lemma}\\label{b}x\\end{lemma}
        \\chapter{B}
        \\begin{lemma}\\label{c}x\\end{lemma}
    """
    blueprint = read(doc(body, preamble))
    assert [node.number for node in blueprint.nodes] == ["1.1", "1.2", "2.1"]
    assert not blueprint.diagnostics


@pytest.mark.parametrize(
    ("command", "numbers"),
    [
        ("\\counterwithin{theorem}{section}", ["1.1", "1.2", "2.1"]),  # LaTeX's, as the PDF
        ("\\counterwithin*{theorem}{section}", ["1", "2", "1"]),  # reset, not printed
        ("\\numberwithin[\\roman]{theorem}{section}", ["1.1", "1.2", "2.1"]),  # format: not
        ("\\counterwithout{theorem}{section}", ["1", "2", "3"]),
        ("\\counterwithout*{theorem}{section}", ["1.1", "1.2", "2.3"]),  # printed, not reset
    ],
)
def test_counterwithin_and_counterwithout(command: str, numbers: list[str]) -> None:
    within = "[section]" if "without" in command else ""
    preamble = f"\\newtheorem{{theorem}}{{Theorem}}{within}{command}"
    body = """
        \\section{A}
        \\begin{theorem}\\label{a}x\\end{theorem}
        \\begin{theorem}\\label{b}x\\end{theorem}
        \\section{B}
        \\begin{theorem}\\label{c}x\\end{theorem}
    """
    blueprint = read(doc(body, preamble, cls="article"))
    assert [node.number for node in blueprint.nodes] == numbers


def test_declaretheorem_options() -> None:
    preamble = (
        "\\declaretheorem[numberwithin=chapter]{theorem}"
        "\\declaretheorem[sibling=theorem, name=Lemma]{lemma}"
        "\\declaretheorem[numberlike=theorem]{proposition}"
        "\\declaretheorem[numbered=no]{corollary}"
        "\\declaretheorem{definition}[style=definition]"
    )
    body = """
        \\chapter{C}
        \\begin{theorem}\\label{t}x\\end{theorem}
        \\begin{lemma}\\label{l}x\\end{lemma}
        \\begin{proposition}\\label{p}x\\end{proposition}
        \\begin{corollary}\\label{c}x\\end{corollary}
        \\begin{definition}\\label{d}x\\end{definition}
    """
    numbers = [node.number for node in read(doc(body, preamble)).nodes]
    assert numbers == ["1.1", "1.2", "1.3", None, "1"]


def test_appendix_letters_chapters_and_unnumbered_headings() -> None:
    preamble = "\\newtheorem{lemma}{Lemma}[chapter]"
    body = """
        \\chapter*{Preface}
        \\chapter{One}\\label{c:one}
        \\section[Short]{Long \\emph{title}}
        \\subsection{Sub}
        \\subsubsection{Subsub}
        \\appendix
        \\chapter{Extra}
        \\begin{lemma}\\label{a}x\\end{lemma}
        \\part{Part}
    """
    blueprint = read(doc(body, preamble))
    assert [(h.level, h.number, h.title, h.label) for h in blueprint.headings] == [
        ("chapter", None, "Preface", None),
        ("chapter", "1", "One", "c:one"),
        ("section", "1.1", "Long \\emph{title}", None),
        ("subsection", "1.1.1", "Sub", None),
        ("subsubsection", None, "Subsub", None),
        ("chapter", "A", "Extra", None),
        ("part", "I", "Part", None),
    ]
    assert nodes(blueprint)["a"].number == "A.1"
    assert [(h.file, h.line) for h in blueprint.headings][1] == ("web.tex", 5)


def test_environments_not_in_thms_are_not_nodes() -> None:
    preamble = "\\newtheorem{prop}{Proposition}\\newtheorem{lemma-no-bp}{Lemma}"
    body = """
        \\begin{prop}\\label{p}x\\end{prop}
        \\begin{lemma-no-bp}\\label{n}x\\end{lemma-no-bp}
        \\begin{lemma}\\label{a}A\\end{lemma}
    """
    assert list(nodes(read(doc(body, preamble)))) == ["a"]


def test_starred_variants_are_separate_environments() -> None:
    preamble = "\\newtheorem{theorem}{Theorem}\\newtheorem*{theorem*}{Theorem}"
    body = "\\begin{theorem*}\\label{s}x\\end{theorem*}\\begin{theorem}\\label{t}x\\end{theorem}"
    assert list(nodes(read(doc(body, preamble)))) == ["t"]


def test_is_definition_is_the_literal_environment_name() -> None:
    body = "\\begin{definition}\\label{d}x\\end{definition}\\begin{lemma}\\label{l}x\\end{lemma}"
    blueprint = read(doc(body))
    assert [node.is_definition for node in blueprint.nodes] == [True, False]
    assert [node.env for node in blueprint.nodes] == ["definition", "lemma"]


# -- blueprint macros ----------------------------------------------------------------


def test_statement_macros() -> None:
    body = """
        \\begin{theorem}[Main]
          \\label{main}
          \\lean{A.b, A.c}\\lean{ A.d ,, A.b}
          \\uses{x, y}\\uses{, x ,z}
          \\leanok \\notready \\mathlibok
          \\discussion{#42}
          \\alsoIn{sec:a, sec:b}
          The statement.
        \\end{theorem}
        \\section{S}\\label{sec:a}
        \\begin{lemma}\\label{x}x\\end{lemma}
        \\begin{lemma}\\label{y}y\\end{lemma}
        \\begin{lemma}\\label{z}z\\end{lemma}
    """
    blueprint = read(doc(body))
    node = nodes(blueprint)["main"]
    assert node.lean == ["A.b", "A.c", "A.d"]
    assert node.statement.uses == ["x", "y", "z"]
    assert (node.statement.leanok, node.statement.notready, node.statement.mathlibok) == (
        True,
        True,
        True,
    )
    assert (node.discussion, node.also_in, node.title) == ("42", ["sec:a", "sec:b"], "Main")
    assert node.statement.text == "The statement."
    assert (node.labelled, node.aliases) == (True, [])
    assert one(blueprint, "sec:b").severity is Severity.WARNING  # not a heading label


def test_proof_macros_are_kept_apart_from_the_statement() -> None:
    body = """
        \\begin{lemma}\\label{a}\\uses{b}A\\end{lemma}
        \\begin{proof}\\leanok\\uses{c, b}\\lean{A.aux}\\notready The proof.\\end{proof}
        \\begin{lemma}\\label{b}B\\end{lemma}
        \\begin{lemma}\\label{c}C\\end{lemma}
    """
    node = nodes(read(doc(body)))["a"]
    assert (node.statement.uses, node.statement.leanok) == (["b"], False)
    assert node.proof is not None
    assert (node.proof.uses, node.proof.leanok, node.proof.notready) == (["c", "b"], True, True)
    assert (node.proof.lean, node.lean, node.proof.text) == (["A.aux"], [], "The proof.")


def test_settings_colours_and_links() -> None:
    preamble = dedent(
        """\
        \\graphcolor{stated}{#00FF00}{ Bright green }
        \\bpcolor{mathlib}{darkgreen}{Dark}
        \\graphcolor{sparkly}{pink}{Pink}
        \\home{https://example.org/}
        \\github{https://github.com/o/r/}
        \\dochome{https://o.github.io/r/docs}
        \\title{The \\emph{big}\\\\ project\\thanks{Thanks}}"""
    )
    blueprint = read(doc("", preamble))
    options = blueprint.options
    assert options.colors == {"stated": "#00FF00", "mathlib": "darkgreen"}
    assert options.color_descriptions == {"stated": "Bright green", "mathlib": "Dark"}
    assert (options.home, options.github) == ("https://example.org/", "https://github.com/o/r")
    assert options.dochome == "https://o.github.io/r/docs"
    assert options.title == "The \\emph{big} project"
    found = one(blueprint, "sparkly")
    assert (found.line, found.severity) == (4, Severity.WARNING)


def test_a_second_label_is_an_alias() -> None:
    body = """
        \\begin{lemma}\\label{first}\\label{second}x\\end{lemma}
        \\begin{lemma}\\label{user}\\uses{second}x\\end{lemma}
    """
    blueprint = read(doc(body))
    assert nodes(blueprint)["first"].aliases == ["second"]
    assert nodes(blueprint)["user"].statement.uses == ["first"]
    assert not blueprint.diagnostics


def test_labels_inside_equations_and_enumerations_are_not_the_node_id() -> None:
    body = """
        \\begin{lemma}
          \\begin{equation}\\label{eq:one} x = 1 \\end{equation}
          \\begin{enumerate}\\item\\label{item:one} y \\end{enumerate}
          \\label{a}
        \\end{lemma}
        \\begin{lemma}\\label{b}\\uses{eq:one, a}x\\end{lemma}
    """
    blueprint = read(doc(body))
    assert list(nodes(blueprint)) == ["a", "b"]
    assert nodes(blueprint)["b"].statement.uses == ["a"]
    assert one(blueprint, "eq:one").severity is Severity.INFO  # names an equation: no edge


def test_macros_inside_lists_annotate_the_enclosing_statement() -> None:
    body = """
        \\begin{lemma}\\label{a}
          \\begin{itemize}\\item \\uses{b}\\lean{A.one} one \\end{itemize}
        \\end{lemma}
        \\begin{definition}\\label{b}x\\end{definition}
    """
    node = nodes(read(doc(body)))["a"]
    assert (node.statement.uses, node.lean) == (["b"], ["A.one"])


def test_macros_outside_any_statement_are_reported() -> None:
    blueprint = read(doc("\\leanok\n\\uses{a}\n" + LEMMA_A))
    assert [(d.line, d.severity) for d in blueprint.diagnostics] == [
        (4, Severity.WARNING),
        (5, Severity.WARNING),
    ]
    assert nodes(blueprint)["a"].statement.uses == []


def test_statement_text_drops_blueprint_macros_and_the_lines_they_leave_empty() -> None:
    body = """
        \\begin{lemma}[T]\\label{a}
          \\lean{X}
          \\leanok
          First line \\uses{b} with \\ref{b}.

          \\notready
          Second paragraph.
        \\end{lemma}
        \\begin{lemma}\\label{b}x\\end{lemma}
    """
    text = nodes(read(doc(body)))["a"].statement.text
    assert text == "First line  with \\ref{b}.\n\nSecond paragraph."


def test_chapter_and_section_of_nodes() -> None:
    body = """
        \\begin{lemma}\\label{before}x\\end{lemma}
        \\chapter{One}
        \\begin{lemma}\\label{a}x\\end{lemma}
        \\section{Sec}
        \\subsection{Sub}
        \\begin{lemma}\\label{b}x\\end{lemma}
        \\chapter{Two}
        \\begin{lemma}\\label{c}x\\end{lemma}
    """
    found = {k: (n.chapter, n.section) for k, n in nodes(read(doc(body))).items()}
    assert found == {
        "before": (None, None),
        "a": ("One", None),
        "b": ("One", "Sec"),
        "c": ("Two", None),
    }


def test_without_chapters_a_node_is_in_its_section() -> None:
    # Sphere-Packing-Lean (article): the document pages are its sections, and the progress
    # table, the task board and the graph's filter group nodes by them, not all in "Front matter"
    body = "\\begin{lemma}\\label{before}x\\end{lemma}\\section{Sec}\\subsection{Sub}" + LEMMA_A
    found = {k: (n.chapter, n.section) for k, n in nodes(read(doc(body, cls="article"))).items()}
    assert found == {"before": (None, None), "a": ("Sec", "Sec")}


def test_dep_by_section_makes_chapter_the_section_title() -> None:
    body = "\\chapter{One}\\section{Sec}" + LEMMA_A
    blueprint = read(doc(body, "\\usepackage[dep_by=section]{blueprint}"))
    assert (blueprint.nodes[0].chapter, blueprint.nodes[0].section) == ("Sec", "Sec")


# -- proofs --------------------------------------------------------------------------


def test_a_proof_belongs_to_the_node_before_it_even_after_prose() -> None:
    body = """
        \\begin{lemma}\\label{a}A\\end{lemma}
        Some words between the statement and its proof,
        \\[ even = math \\]
        \\begin{proof}\\leanok\\end{proof}
    """
    node = nodes(read(doc(body)))["a"]
    assert node.proof is not None and node.proof.leanok


def test_a_proof_after_a_non_node_environment_is_not_given_to_an_earlier_node() -> None:
    preamble = "\\newtheorem{remark}{Remark}"
    body = """
        \\begin{lemma}\\label{a}A\\end{lemma}
        \\begin{proof}P\\end{proof}
        \\begin{remark}R\\end{remark}
        \\begin{proof}\\uses{a}\\leanok Proof of the remark.\\end{proof}
    """
    blueprint = read(doc(body, preamble))
    node = nodes(blueprint)["a"]
    assert node.proof is not None and node.proof.text == "P"
    found = one(blueprint, "not a graph node")
    assert (found.line, found.severity) == (7, Severity.INFO)


def test_a_proof_after_a_heading_is_not_attached() -> None:
    body = """
        \\begin{lemma}\\label{a}A\\end{lemma}
        \\section{Proofs}
        \\begin{proof}\\uses{a}\\leanok\\end{proof}
    """
    blueprint = read(doc(body))
    assert nodes(blueprint)["a"].proof is None
    found = one(blueprint, "not attached")
    assert (found.line, found.severity) == (6, Severity.WARNING)


def test_proves_attaches_a_proof_anywhere() -> None:
    body = """
        \\begin{proof}\\proves{later}\\uses{a}Early.\\end{proof}
        \\begin{lemma}\\label{a}A\\end{lemma}
        \\begin{lemma}\\label{b}B\\end{lemma}
        \\section{Proofs}
        \\begin{proof}\\leanok\\proves{a}Late.\\end{proof}
        \\begin{lemma}\\label{later}L\\end{lemma}
    """
    found = nodes(read(doc(body)))
    assert [(k, n.proof.text if n.proof else None) for k, n in found.items()] == [
        ("a", "Late."),
        ("b", None),
        ("later", "Early."),
    ]
    assert found["later"].proof is not None and found["later"].proof.uses == ["a"]


def test_proves_with_an_unknown_label_falls_back_to_the_statement_before() -> None:
    body = LEMMA_A + "\n\\begin{proof}\n\\proves{nope}x\\end{proof}"
    blueprint = read(doc(body))
    assert nodes(blueprint)["a"].proof is not None
    found = one(blueprint, "nope")
    assert (found.line, found.severity) == (6, Severity.WARNING)


def test_a_second_proof_is_reported_and_the_first_kept() -> None:
    body = LEMMA_A + "\n\\begin{proof}One\\end{proof}\n\\begin{proof}\\uses{a}Two\\end{proof}"
    blueprint = read(doc(body))
    proof = nodes(blueprint)["a"].proof
    assert proof is not None and proof.text == "One"
    found = one(blueprint, "second proof")
    assert (found.line, found.severity) == (6, Severity.WARNING)
    assert "web.tex:5" in found.message



def test_a_label_in_a_proof_names_the_node_it_proves() -> None:
    # equational_theories: \begin{proof}\label{finite_imp_3994_3588}; leanblueprint gives
    # the label to the proposition, so \uses{...} of it is an edge; an equation's stays its own
    body = """
        \\begin{lemma}\\label{a}A.\\end{lemma}
        \\begin{proof}\\label{a-proof}\\begin{equation}\\label{eq}1\\end{equation}\\end{proof}
        \\begin{lemma}B.\\end{lemma}
        \\begin{proof}\\label{b-proof}\\end{proof}
        \\begin{lemma}\\label{c}\\uses{a-proof, b-proof, eq, eq2}C.\\end{lemma}
        \\begin{proof}\\begin{align*}\\label{eq2}1\\end{align*}\\end{proof}
    """
    blueprint = read(doc(body))
    found = nodes(blueprint)
    assert list(found) == ["a", "b-proof", "c"]  # the label of its proof names lemma B
    assert (found["a"].aliases, found["c"].aliases) == (["a-proof"], [])
    assert found["c"].statement.uses == ["a", "b-proof"]
    assert messages(blueprint) == [  # carleson labels its unnumbered displays
        "\\uses{eq} in c: names a equation label; no edge",
        "\\uses{eq2} in c: names a align* label; no edge",
    ]

@pytest.mark.parametrize(
    ("proof", "empty"),
    [
        ("\\begin{proof}\n\n\\end{proof}", True),  # brownian-motion's placeholders
        ("\\begin{proof}\n%   \\uses{a}\n%   See 8.2.1.\n\\end{proof}", True),
        ("\\begin{proof}[Proof of A] \\par \\end{proof}", True),
        ("\\begin{proof}\\leanok\\end{proof}", False),
        ("\\begin{proof}\n\\uses{a}\n\\end{proof}", False),
        ("\\begin{proof}~\\end{proof}", False),
        ("\\begin{proof}{}\\end{proof}", False),
        ("\\begin{proof}\\noindent\\end{proof}", False),
    ],
)
def test_a_proof_with_nothing_in_it_is_empty(proof: str, empty: bool) -> None:
    """leanblueprint's plasTeX element of a proof holding only spaces, comments and \\par
    is empty, which leanblueprint reads as no proof: nothing in it is ready to prove."""
    node = nodes(read(doc(f"\\begin{{lemma}}\\label{{b}}B\\end{{lemma}}\n{proof}")))["b"]
    assert node.proof is not None and (node.proof.empty, node.has_proof) == (empty, not empty)


def test_proves_in_a_statement_is_reported() -> None:
    blueprint = read(doc("\\begin{lemma}\\label{a}\\proves{a}x\\end{lemma}"))
    assert one(blueprint, "outside a proof").severity is Severity.WARNING


# -- unlabelled nodes ----------------------------------------------------------------


def test_unlabelled_nodes_get_stable_ids() -> None:
    body = "\\begin{lemma}Same.\\end{lemma}\n\\begin{lemma}Same.\\end{lemma}"
    first = read(doc(body))
    ids = [node.id for node in first.nodes]
    assert re.fullmatch(r"lemma-[0-9a-f]{8}", ids[0])
    assert ids[1] == f"{ids[0]}-2"
    assert [node.labelled for node in first.nodes] == [False, False]
    assert [d.severity for d in first.diagnostics] == [Severity.INFO, Severity.INFO]
    changed = read(doc("\\chapter{New}\\begin{theorem}\\label{t}x\\end{theorem}" + body))
    assert [node.id for node in changed.nodes][1:] == ids



def test_a_line_break_before_a_bracket_in_align_makes_no_phantom_node() -> None:
    # brownian-motion's def:stochasticInterval (cadlag.tex): `\\` at the end of a line of
    # `align*` and `[\![\sigma, ...` on the next. amsmath's `\\` looks for its optional
    # `[<skip>]` without skipping the line break; plasTeX skips it, reads `[\![\sigma, \tau[`
    # as the skip, loses the environment's end and draws an empty, unlabelled "Definition"
    # (leanblueprint's a0000000655). There is one definition here, and nothing else.
    body = """
        \\begin{definition}[Stochastic intervals]\\label{def:si}
        We define
        \\begin{align*}
          [\\![\\sigma, \\tau]\\!] &= A \\:, \\\\
          [\\![\\sigma, \\tau[\\![ &= B \\:, \\\\
          ]\\!]\\sigma, \\tau]\\!] &= C \\:.
        \\end{align*}
        We call those stochastic intervals.
        \\end{definition}
        \\begin{lemma}\\label{lem:next}\\uses{def:si}Next.\\end{lemma}
    """
    blueprint = read(doc(body, "\\newtheorem{definition}{Definition}"))
    assert list(nodes(blueprint)) == ["def:si", "lem:next"]
    assert "stochastic intervals" in nodes(blueprint)["def:si"].statement.text
    assert not diags(blueprint, Severity.ERROR)

# -- malformed input -----------------------------------------------------------------


def test_unbalanced_braces_are_reported_and_reading_goes_on() -> None:
    body = """
        stray } here
        \\textbf{never closed
        \\begin{lemma}\\label{a}A\\end{lemma}
    """
    blueprint = read(doc(body))
    assert list(nodes(blueprint)) == ["a"]
    assert [(d.line, d.severity) for d in blueprint.diagnostics] == [
        (4, Severity.ERROR),
        (5, Severity.ERROR),
    ]


def test_an_unclosed_label_argument_is_reported() -> None:
    blueprint = read(doc("\\begin{lemma}\\label{a x\\end{lemma}\n" + LEMMA_A.replace("{a}", "{b}")))
    assert one(blueprint, "\\\\label without").line == 4
    assert "b" in nodes(blueprint)


def test_an_environment_never_closed_ends_with_its_file() -> None:
    files = doc("\\input{one}\n\\input{two}")
    files["one.tex"] = "\\begin{lemma}\\label{a}\nA\n\\begin{proof}\\leanok P"
    files["two.tex"] = "\\begin{lemma}\\label{b}B\\end{lemma}"
    blueprint = read(files)
    assert list(nodes(blueprint)) == ["a", "b"]
    assert nodes(blueprint)["a"].proof is not None
    assert [(d.file, d.line, d.severity) for d in blueprint.diagnostics] == [
        ("one.tex", 3, Severity.ERROR),
        ("one.tex", 1, Severity.ERROR),
    ]


def test_a_heading_closes_an_open_statement() -> None:
    body = "\\begin{proof}\n\\section{S}\n" + LEMMA_A
    blueprint = read(doc(body))
    assert list(nodes(blueprint)) == ["a"]
    assert nodes(blueprint)["a"].section == "S"
    found = one(blueprint, "never closed")
    assert (found.line, found.severity) == (4, Severity.ERROR)


def test_end_without_begin_and_mismatched_end() -> None:
    body = """
        \\end{itemize}
        \\begin{lemma}\\label{a}\\begin{itemize}\\item x
        \\end{lemma}
        \\begin{lemma}\\label{b}B\\end{lemma}
    """
    blueprint = read(doc(body))
    assert list(nodes(blueprint)) == ["a", "b"]
    assert [(d.line, d.message.split(" ")[0]) for d in blueprint.diagnostics] == [
        (4, "\\end{itemize}"),
        (5, "\\begin{itemize}"),
    ]


def test_unknown_uses_are_warnings_at_the_label_with_a_suggestion() -> None:
    body = """
        \\begin{lemma}\\label{lem:alpha}A\\end{lemma}
        \\begin{lemma}\\label{b}
          \\uses{lem:alpah,
            nowhere}
        \\end{lemma}
    """
    blueprint = read(doc(body))
    assert nodes(blueprint)["b"].statement.uses == []
    assert [(d.line, d.severity) for d in blueprint.diagnostics] == [
        (6, Severity.WARNING),
        (7, Severity.WARNING),
    ]
    assert "did you mean lem:alpha?" in blueprint.diagnostics[0].message


def test_duplicate_labels_keep_the_first() -> None:
    body = """
        \\begin{lemma}\\label{a}First\\end{lemma}
        \\begin{theorem}\\label{a}Second\\end{theorem}
        \\begin{lemma}\\label{c}\\uses{a}x\\end{lemma}
    """
    blueprint = read(doc(body))
    found = nodes(blueprint)
    assert found["a"].env == "lemma"
    assert found["c"].statement.uses == ["a"]
    second = next(node for node in blueprint.nodes if node.env == "theorem")
    assert not second.labelled and second.id.startswith("theorem-")
    error = one(blueprint, "duplicate label a")
    assert (error.line, error.severity) == (5, Severity.ERROR)
    assert "web.tex:4" in error.message


def test_uses_of_a_non_node_label_are_info() -> None:
    preamble = "\\newtheorem{remark}{Remark}"
    body = "\\section{S}\\label{sec}\\begin{remark}\\label{r}x\\end{remark}"
    body += "\\begin{lemma}\\label{a}\\uses{sec, r}x\\end{lemma}"
    blueprint = read(doc(body, preamble))
    assert nodes(blueprint)["a"].statement.uses == []
    assert [d.severity for d in blueprint.diagnostics] == [Severity.INFO, Severity.INFO]


# -- what leanblueprint gets wrong (corpus README) -----------------------------------


def test_leanblueprint_bug_unknown_uses_is_reported_not_dropped_silently() -> None:
    blueprint = read(doc("\\begin{lemma}\\label{a}\\uses{missing}x\\end{lemma}"))
    found = one(blueprint, "missing")
    assert (found.file, found.line, found.severity) == ("web.tex", 4, Severity.WARNING)


def test_leanblueprint_bug_comma_in_label_splits_into_id_and_alias() -> None:
    body = """
        \\begin{lemma}
          \\label{A.first,
            A.second}
        \\end{lemma}
        \\begin{lemma}\\label{user}\\uses{A.first, A.second}x\\end{lemma}
    """
    blueprint = read(doc(body))
    node = nodes(blueprint)["A.first"]  # leanblueprint: one id "A.first, A.second"
    assert node.aliases == ["A.second"]
    assert nodes(blueprint)["user"].statement.uses == ["A.first"]
    found = one(blueprint, "several labels")
    assert (found.line, found.severity) == (5, Severity.WARNING)


def test_leanblueprint_bug_text_between_statement_and_proof_keeps_the_proof() -> None:
    body = """
        \\begin{lemma}\\label{a}A\\end{lemma}
        We now prove it.
        \\begin{proof}\\uses{b}\\leanok\\end{proof}
        \\begin{lemma}\\label{b}B\\end{lemma}
    """
    node = nodes(read(doc(body)))["a"]
    assert node.proof is not None and node.proof.uses == ["b"]


def test_leanblueprint_bug_a_second_lean_adds_to_the_first() -> None:
    body = "\\begin{lemma}\\label{a}\\lean{A.one}\\lean{A.two}\\uses{b}\\uses{c}x\\end{lemma}"
    body += "\\begin{lemma}\\label{b}x\\end{lemma}\\begin{lemma}\\label{c}x\\end{lemma}"
    node = nodes(read(doc(body)))["a"]
    assert (node.lean, node.statement.uses) == (["A.one", "A.two"], ["b", "c"])


def test_leanblueprint_behaviour_only_thms_environments_become_nodes() -> None:
    preamble = "\\newtheorem{cor}{Corollary}\\newtheorem{definition-no-bp}{Definition}"
    body = "\\begin{cor}\\label{c}\\lean{X}x\\end{cor}"
    body += "\\begin{definition-no-bp}\\label{d}x\\end{definition-no-bp}" + LEMMA_A
    blueprint = read(doc(body, preamble))
    assert list(nodes(blueprint)) == ["a"]
    assert one(blueprint, "cor is not a graph node").severity is Severity.INFO


# -- size, depth and determinism -----------------------------------------------------


def synthetic_blueprint(count: int) -> dict[str, str | bytes]:
    """`count` lemmas of about 25 lines each, with proofs and uses."""
    parts = []
    for index in range(count):
        uses = ", ".join(f"l{j}" for j in range(max(0, index - 3), index))
        parts.append(
            f"\\begin{{lemma}}[Lemma {index}]\n  \\label{{l{index}}}\n  \\lean{{L.l{index}}}\n"
            f"  \\uses{{{uses}}}\n  \\leanok\n"
            + "  Some statement $x_{i} = \\sum_{j} y_{j}$ % comment\n" * 8
            + "\\end{lemma}\n\\begin{proof}\n  \\uses{l0}\n"
            + "  Proof text with \\emph{emphasis} and \\cite{ref}.\n" * 8
            + "\\end{proof}\n"
        )
    return doc("\\chapter{C}\n" + "".join(parts))


def test_a_real_sized_blueprint_reads_quickly() -> None:
    files = synthetic_blueprint(200)
    assert str(files["web.tex"]).count("\n") > 5000
    start = time.perf_counter()
    blueprint = read(files)
    elapsed = time.perf_counter() - start
    assert len(blueprint.nodes) == 200 and not diags(blueprint, Severity.WARNING)
    assert elapsed < 0.5  # typically about 20 ms


def test_deep_nesting_does_not_recurse() -> None:
    depth = 10_000
    braces = "{" * depth + "x" + "}" * depth
    envs = "\\begin{itemize}" * depth + "\\end{itemize}" * depth
    body = f"\\begin{{lemma}}\\label{{a}}{braces}{envs}\\lean{{{braces}}}\\end{{lemma}}"
    start = time.perf_counter()
    blueprint = read(doc(body))
    assert time.perf_counter() - start < 2
    assert list(nodes(blueprint)) == ["a"]
    assert nodes(blueprint)["a"].lean == ["{" * depth + "x" + "}" * depth]


def test_pathological_input_stays_linear() -> None:
    chunk = "\\label{" * 2_000 + "\\begin{lemma}" * 2_000 + "[" * 2_000 + "%\n" * 500
    files = doc(chunk * 20)  # about 1 MB of unclosed arguments and environments
    start = time.perf_counter()
    blueprint = read(files)
    assert time.perf_counter() - start < 10  # typically 3 s
    assert len(blueprint.diagnostics) == 201  # then summarised
    assert blueprint.diagnostics[-1].severity is Severity.ERROR


def test_reading_is_deterministic() -> None:
    files = synthetic_blueprint(20)
    files["web.tex"] = str(files["web.tex"]).replace("\\label{l5}", "")
    assert read(files) == read(files)


PIECES = [
    "\\begin{lemma}", "\\end{lemma}", "\\begin{proof}", "\\end{proof}", "\\label{a}",
    "\\label{b,c}", "\\uses{a}", "\\proves{b}", "\\lean{x}", "\\leanok", "{", "}", "[", "]", "%",
    "\n", " ", "x", "\\section{s}", "\\input{web}", "\\iffalse", "\\fi", "\\verb|",
    "\\begin{verbatim}", "\\end{document}", "\\\\", "é", "\\begin{itemize}", "\\end{itemize}",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_any_input_reads_without_raising_and_diagnostics_point_at_real_lines(text: str) -> None:
    blueprint = read({"web.tex": text})
    line_count = text.count("\n") + 1
    for diagnostic in blueprint.diagnostics:
        assert diagnostic.file == "web.tex"
        assert 1 <= diagnostic.line <= line_count
    for node in blueprint.nodes:
        assert 1 <= node.line <= line_count


FILE_NAMES = ["web.tex", "a.tex", "sub/b.tex", "c.sty"]
LINKS = ["\\input{a}", "\\input{sub/b}", "\\include{b}", "\\input{web}", "\\input{../a}",
         "\\input{nope}", "\\usepackage{c}", "\\input a ", "\\input{/abs}", "\r", "\r\n"]
FILE_TEXT = st.lists(st.sampled_from([*PIECES, *LINKS]), max_size=40).map("".join)
UNDECODABLE = FILE_TEXT.map(lambda text: text.encode() + b"\xff")


@settings(max_examples=200, deadline=None)
@given(
    st.fixed_dictionaries(
        {"web.tex": FILE_TEXT},
        optional={name: FILE_TEXT | UNDECODABLE for name in FILE_NAMES[1:]},
    )
)
def test_diagnostics_of_several_files_point_at_real_lines_of_files_read(
    files: dict[str, str | bytes],
) -> None:
    blueprint = read(files)
    lines = {
        name: (text.decode("utf-8", "replace") if isinstance(text, bytes) else text)
        .replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
        for name, text in files.items()
    }  # fmt: skip
    assert set(blueprint.files) <= set(files)
    places = [(d.file, d.line) for d in blueprint.diagnostics]
    places += [(n.file, n.line) for n in blueprint.nodes]
    places += [(n.proof.file, n.proof.line) for n in blueprint.nodes if n.proof]
    places += [(h.file, h.line) for h in blueprint.headings]
    for file, line in places:
        assert file in blueprint.files, (file, blueprint.files)
        assert 1 <= line <= lines[file], (file, line)


def test_inputs_may_climb_to_the_project_root_but_not_beyond() -> None:
    asked: list[str] = []

    def load(path: str) -> str:
        asked.append(path)
        if path == "web.tex":
            return "\\input{../print/refs.bbl}\n\\input{../../../etc/passwd}\n" + LEMMA_A
        if path == "../print/refs.bbl":
            return "% a bibliography\n"
        raise FileNotFoundError(path)

    blueprint = read_blueprint("web.tex", load, climb=2)
    assert "../print/refs.bbl" in asked
    assert not any("passwd" in path for path in asked)
    assert one(blueprint, "outside the project").line == 2


def test_a_missing_bibtex_output_is_only_information() -> None:
    blueprint = read({"web.tex": "\\input{refs.bbl}\n" + LEMMA_A})
    found = one(blueprint, "bibliography made by bibtex")
    assert (found.severity, found.line) == (Severity.INFO, 1)  # --strict does not fail on it


def test_a_missing_leanarchitect_output_says_how_to_make_it() -> None:
    # infinity-cosmos inputs the nodes LeanArchitect writes from the Lean sources
    text = "\\input{../../.lake/build/blueprint/library/InfinityCosmos}\n" + LEMMA_A

    def load(path: str) -> str:
        if path != "web.tex":
            raise FileNotFoundError(path)
        return text

    blueprint = read_blueprint("web.tex", load, climb=2)
    found = one(blueprint, "no such file")
    assert found.severity is Severity.ERROR and "LeanArchitect" in found.message
    assert "run `lake build :blueprint`" in found.message  # building it helps now


def test_inline_verbatim_closes_on_its_own_line_only() -> None:
    body = (
        "\\begin{lemma}\\label{a} \\verb|\\label{x}| \\verb+open \\uses{b}\n"
        "+ \\lstinline[o]{\\uses y} \\verb!\\label{z}!\\end{lemma}\n"
        "\\begin{lemma}\\label{b}B\\end{lemma}"
    )
    blueprint = read(doc(body))
    assert list(nodes(blueprint)) == ["a", "b"]  # no x nor z, no \\uses y: verbatim
    assert nodes(blueprint)["a"].statement.uses == ["b"]  # the open \verb+ ends with its line
    assert [(d.line, d.message) for d in diags(blueprint)] == [(4, "\\verb not closed")]


def test_a_loader_may_return_any_string_even_lone_surrogates() -> None:
    blueprint = read({"web.tex": "\\begin{theorem}\udc55\\end{theorem}\\begin{lemma}x\udcff"})
    assert len(blueprint.nodes) == 2  # unlabelled: ids from a hash of their text
