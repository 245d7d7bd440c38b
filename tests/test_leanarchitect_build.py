"""A LeanArchitect blueprint built from the Lean sources, on the in-repo project
tests/data/leanarchitect/project (every feature, values read by hand from its files)."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blueprint.analysis import Analysis
from blueprint.analysis.export import export_data
from blueprint.build import analyze, build
from blueprint.config import BlueprintFormat
from blueprint.lean.lakefile import LakeConfig
from blueprint.lean.project import assemble_project
from blueprint.lean.scanner import scan_lean
from blueprint.model import Node, Severity, StatusSource
from blueprint.readers.latex import read_blueprint
from blueprint.readers.leanarchitect.facts import NodeFacts
from blueprint.readers.leanarchitect.inputs import LeanArchitectInputs
from blueprint.readers.leanarchitect.project import lean_blueprint
from blueprint.readers.leanarchitect.source import read_lean_file
from tests.conftest import run_cli
from tests.helpers import cold_site, panels_html, watching
from tests.test_leanarchitect_output import LeanModule, lake_output
from tests.test_leanarchitect_output import LeanNode as OutputNode

PROJECT = Path(__file__).parent / "data" / "leanarchitect" / "project"
#: the nodes the document inputs, in its order (`\\inputleanmodule{Arch.Basic}` first)
NODES = [
    "lem:prose",  # a LaTeX lemma in the module's prose
    "def:double",
    "lem:double-pos",
    "lem:leans-on-sorry",
    "lem:step",
    "thm:main",
    "_private.Arch.Basic.0.Arch.secret",
    "inst:box",
    "def:combo",
    "thm:shared",
    "thm:mul-one",
    "mathlib:add-comm",
    "def:quad",
    "thm:quad-pos",
    "thm:not-ready",
    "bad:option",
    "thm:extra",
    "thm:wip",
]


def copy_project(folder: Path) -> Path:
    project = folder / "arch"
    shutil.copytree(PROJECT, project)
    return project


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    return analyze(copy_project(tmp_path_factory.mktemp("arch")))


def nodes(analysis: Analysis) -> dict[str, Node]:
    return {node.id: node for node in analysis.nodes}


def where(analysis: Analysis, severity: Severity | None = None) -> list[tuple[str, int, str]]:
    return [
        (d.file, d.line, d.message)
        for d in analysis.diagnostics
        if severity is None or d.severity is severity
    ]


def test_auto_reads_the_nodes_the_document_inputs_from_the_lean_sources(
    analysis: Analysis,
) -> None:
    config = analysis.config
    assert config.format is BlueprintFormat.LEANARCHITECT and config.format_found
    assert [node.id for node in analysis.nodes] == NODES  # lem:never, lem:unused not input
    found = nodes(analysis)
    assert [found[i].number for i in ("lem:prose", "def:double", "def:quad")] == [
        "1.1",
        "1.2",
        "2.1",
    ]
    assert found["thm:extra"].chapter == "Elsewhere"
    assert all(node.from_lean for node in analysis.nodes if node.id != "lem:prose")
    assert not found["lem:prose"].from_lean


def test_a_build_reads_the_attributes_of_the_text_the_scan_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the attributes are read while the project is scanned, from the text the scan read:
    # not read from the disk again after it, and with the same blueprint as that gives
    import blueprint.lean.project as lean_project
    import blueprint.readers.leanarchitect.project as la_project

    read_again: list[str] = []
    read_bytes = la_project._bytes

    def counted(root: Path, rel: str, read: Any) -> bytes | None:
        read_again.append(rel)
        return read_bytes(root, rel, read)

    monkeypatch.setattr(la_project, "_bytes", counted)
    alongside = export_data(analyze(copy_project(tmp_path / "alongside")))
    assert read_again == []
    monkeypatch.setattr(lean_project, "_read_alongside", lambda *args: None)
    after = export_data(analyze(copy_project(tmp_path / "after")))
    assert sorted(read_again) == sorted(str(p.relative_to(PROJECT).as_posix())
                                        for p in PROJECT.rglob("*.lean")
                                        if ".lake" not in p.parts)
    assert json.dumps(alongside, sort_keys=True).replace("/alongside/", "/after/") == \
        json.dumps(after, sort_keys=True)


def test_each_node_has_its_texts_title_lean_names_and_place_in_the_lean_file(
    analysis: Analysis,
) -> None:
    found = nodes(analysis)
    double = found["def:double"]
    assert (double.env, double.title, double.file, double.line) == (
        "definition",
        "Doubling",
        "Arch/Basic.lean",
        24,
    )
    assert double.statement.text == "The double of $n$ is $n + n$."
    assert double.proof is None and double.lean == ["Arch.double"]
    positive = found["lem:double-pos"]
    assert positive.statement.text == (  # as written: the doc comment's two lines
        "The double of a positive number is positive.\n    It takes two lines."
    )
    assert positive.proof is not None and positive.proof.text == "Unfold \\cref{def:double}."
    assert positive.discussion == "12"
    step = found["lem:step"]
    assert step.title == "A step"  # a doc comment title
    shared = found["thm:shared"]
    assert shared.lean == ["Arch.shared_one", "Arch.shared_two"]
    assert shared.title == "Shared"  # the first given, from the second declaration
    assert shared.proof is not None and shared.proof.text == "Both halves at once."
    assert found["thm:mul-one"].lean == ["Arch.mul_one'", "Arch.add_zero'"]
    assert found["inst:box"].lean == ["Arch.instInhabitedBox"]  # the name the scanner makes
    assert (found["inst:box"].line, found["inst:box"].is_definition) == (67, True)
    secret = found["_private.Arch.Basic.0.Arch.secret"]
    assert secret.lean == ["_private.Arch.Basic.0.Arch.secret"]
    not_ready = found["thm:not-ready"]
    assert (not_ready.env, not_ready.statement.notready) == ("proposition", True)
    combo = found["def:combo"]
    assert combo.env == "definition" and combo.proof is None  # hasProof := false
    assert found["bad:option"].statement.text == ""  # its statement was malformed
    assert found["mathlib:add-comm"].lean == ["Nat.add_comm"]


def test_statuses_follow_leanarchitect_rules(analysis: Analysis) -> None:
    found = nodes(analysis)

    def marks(label: str) -> tuple[bool, bool | None]:
        node = found[label]
        return node.statement.leanok, node.proof.leanok if node.proof else None

    assert marks("def:double") == (True, None)
    assert marks("lem:double-pos") == (True, True)
    assert marks("lem:leans-on-sorry") == (True, False)  # an untagged helper's sorry
    assert marks("lem:step") == (True, False)  # sorry_using
    assert marks("thm:main") == (True, True)  # a tagged node's sorry is its own node's
    assert marks("thm:wip") == (False, False)  # in a library nothing builds
    assert marks("thm:extra") == (True, True)  # its library's blueprint is input
    assert found["mathlib:add-comm"].statement.mathlibok
    statuses = analysis.statuses
    assert statuses["thm:main"].fill.value == "proved"  # not fully: lem:step is not done
    assert statuses["lem:double-pos"].fill.value == "fully_proved"
    assert statuses["mathlib:add-comm"].border.value == "mathlib"
    assert statuses["thm:wip"].border.value == "can_state"


def test_edges_are_the_written_uses_and_those_leanarchitect_infers(analysis: Analysis) -> None:
    edges = {
        (e["source"], e["target"]): (e["kind"], e["origin"])
        for e in export_data(analysis)["edges"]  # type: ignore[union-attr]
    }
    assert edges == {
        ("def:double", "lem:prose"): ("statement", "explicit"),  # \uses in the prose
        ("def:double", "lem:double-pos"): ("statement", "inferred"),
        ("def:double", "lem:step"): ("statement", "inferred"),
        ("lem:double-pos", "lem:step"): ("proof", "explicit"),  # sorry_using
        ("lem:prose", "thm:main"): ("statement", "explicit"),  # a label, -double excluded
        ("lem:leans-on-sorry", "thm:main"): ("proof", "explicit"),
        ("lem:step", "thm:main"): ("proof", "inferred"),
        ("def:double", "def:combo"): ("statement", "explicit"),  # blueprint_using
        ("def:double", "def:quad"): ("statement", "inferred"),  # through two helpers
        ("def:quad", "thm:quad-pos"): ("statement", "inferred"),
        ("def:double", "thm:quad-pos"): ("proof", "inferred"),
        ("lem:double-pos", "thm:quad-pos"): ("proof", "inferred"),
        ("def:double", "thm:extra"): ("statement", "inferred"),
        ("lem:step", "thm:extra"): ("statement", "explicit"),  # \uses in the statement's text
        ("lem:double-pos", "thm:extra"): ("proof", "inferred"),
    }


def test_the_reader_says_what_the_document_misses_at_its_file_and_line(
    analysis: Analysis,
) -> None:
    warnings = where(analysis, Severity.WARNING)
    assert (
        "Arch/Unused.lean",
        8,
        "module Arch.Unused: the document never inputs its 1 blueprint node"
        " (\\inputleanmodule{Arch.Unused})",
    ) in warnings
    assert (
        "Arch/Main.lean",
        34,
        "lem:never: the document never inputs this node (\\inputleannode{lem:never})",
    ) in warnings
    missing = [w for w in warnings if w[0] == "blueprint/src/content.tex"]
    assert missing == [
        (
            "blueprint/src/content.tex",
            18,
            "\\inputleanmodule{Arch.Old.Main}: no such Lean module in the project: TeX shows"
            " nothing here (did you mean Arch.Main?)",
        )
    ]
    assert any(
        file == "Arch/Wip.lean" and line == 8 and "never compiled" in message
        for file, line, message in warnings
    )
    assert ("Arch/Main.lean", 30, "unknown blueprint option `proofuses` (did you mean"
            " `proofUses`?)") in warnings
    errors = where(analysis, Severity.ERROR)
    assert [(file, line) for file, line, _ in errors] == [("Arch/Main.lean", 36)]


def test_unknown_options_are_kept_and_shown_escaped_in_the_panel(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    lean = project / "Arch" / "Main.lean"
    lean.write_text(lean.read_text().replace('"kept as it is"', '"<b>kept</b>"'))
    analysis = build(project, tmp_path / "site")
    assert nodes(analysis)["thm:quad-pos"].extra == (
        ("message", '"<b>kept</b>"'),
        ("priorityItem", "true"),
    )
    graph = panels_html((tmp_path / "site" / "graph.html").read_text())
    assert "&#34;&lt;b&gt;kept&lt;/b&gt;&#34;" in graph and "<b>kept</b>" not in graph
    assert "priorityItem" in graph
    assert 'href="https://github.com/example/arch/issues/12"' in graph  # discussion := 12


def test_the_export_carries_the_options_of_a_fork_only_where_written(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    done = run_cli("export", str(project), cwd=tmp_path)
    exported = {node["id"]: node for node in json.loads(done.stdout)["nodes"]}
    assert exported["thm:quad-pos"]["extra"] == [
        {"name": "message", "value": '"kept as it is"'},
        {"name": "priorityItem", "value": "true"},
    ]
    # a misspelt option is kept as written too (and warned of: the test above)
    assert exported["thm:not-ready"]["extra"] == [{"name": "proofuses", "value": "[quad]"}]
    assert [n for n, node in exported.items() if "extra" in node] == [
        "thm:quad-pos", "thm:not-ready"]
    assert not any("planning" in node for node in exported.values())  # no such options


def test_blueprint_check_lists_the_findings_with_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    result = run_cli("check", str(project), "--format", "json", cwd=tmp_path)
    assert result.returncode == 1  # the malformed option is an error
    found = {(d["file"], d["line"], d["severity"]) for d in json.loads(result.stdout)}
    assert {
        ("Arch/Unused.lean", 8, "warning"),
        ("Arch/Main.lean", 34, "warning"),
        ("blueprint/src/content.tex", 18, "warning"),
        ("Arch/Main.lean", 36, "error"),
    } <= found


def test_a_node_listed_by_two_modules_the_document_inputs_is_shown_once(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path)
    (project / "blueprint" / "src" / "content.tex").write_text(
        "\\chapter{All}\n\\inputleanmodule{Arch.Basic}\n\\inputleanmodule{Arch.Main}\n"
    )
    analysis = analyze(project)
    ids = [node.id for node in analysis.nodes]
    assert ids.count("thm:shared") == 1 and "lem:never" in ids
    assert not [d for d in analysis.diagnostics if "duplicate label" in d.message]
    notes = [d for d in analysis.diagnostics if "input 2 times" in d.message]
    assert [(d.file, d.line, d.severity) for d in notes] == [
        ("Arch/Basic.lean", 77, Severity.INFO)
    ]


def test_format_latex_reads_no_lean_source(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "blueprint.toml").write_text('[blueprint]\nformat = "latex"\n')
    analysis = analyze(project, StatusSource.ANNOTATIONS)
    assert analysis.nodes == []
    errors = [e for e in where(analysis, Severity.ERROR) if e[0] == "blueprint/src/web.tex"]
    assert [line for _, line, _ in errors] == [15, 16]  # the inputs of LeanArchitect's output
    assert all("run `lake build :blueprint`" in message for _, _, message in errors)


def test_a_lean_log_gives_the_exact_sorry(tmp_path: Path) -> None:
    """Text cannot see a sorry that a tactic makes; `lake build`'s log says it."""
    project = copy_project(tmp_path)
    log = tmp_path / "build.log"
    log.write_text(
        "✔ [3/5] Built Arch.Basic\n"
        "warning: ./Arch/Basic.lean:33:8: declaration uses 'sorry'\n"
        "✔ [4/5] Built Arch.Main\n"
    )
    before = nodes(analyze(project))["lem:double-pos"]
    after = nodes(analyze(project, lean_log=log))["lem:double-pos"]
    assert before.proof is not None and before.proof.leanok
    assert after.proof is not None and not after.proof.leanok


# --- against LeanArchitect's own output ------------------------------------------------

PROSE = (
    "\n\\section{Doubling}\nProse of the module, before its first node, with environments of"
    " its own:\n\\begin{lemma}\\label{lem:prose}\\uses{def:double}\nA lemma written in the"
    " prose.\n\\end{lemma}\n"
)


def output_modules() -> dict[str, list[LeanModule]]:
    """What `lake build Arch:blueprint ArchExtra:blueprint` writes for the project, by
    library, as LeanArchitect's Output.lean writes it: written here by hand from the
    sources (uses are the written ones and those LeanArchitect infers; see INFERRED)."""
    basic = LeanModule(
        "Arch.Basic",
        [
            PROSE,
            OutputNode("def:double", ["Arch.double"], "definition", "Doubling",
                       text="The double of $n$ is $n + n$.", leanok=True),
            OutputNode("lem:double-pos", ["Arch.double_pos"], uses=["def:double"], leanok=True,
                       discussion=12,
                       text="The double of a positive number is positive.\n    It takes two"
                       " lines.", proof="Unfold \\cref{def:double}.", proof_leanok=True),
            OutputNode("lem:leans-on-sorry", ["Arch.leans_on_sorry"], leanok=True,
                       text="True, but through an unfinished helper.",
                       proof="Its helper is not done."),
            OutputNode("lem:step", ["Arch.step"], title="A step", uses=["def:double"],
                       leanok=True, text="A step that is not done.",
                       proof="From \\cref{lem:double-pos}, twice.",
                       proof_uses=["lem:double-pos"]),
            OutputNode("thm:main", ["Arch.main_thm"], title="Main", uses=["lem:prose"],
                       leanok=True, text="The main theorem: $0 < 4n$.",
                       proof="Apply \\cref{lem:step}.",
                       proof_uses=["lem:leans-on-sorry", "lem:step"], proof_leanok=True),
            OutputNode("_private.Arch.Basic.0.Arch.secret", ["_private.Arch.Basic.0.Arch.secret"],
                       leanok=True, text="A private lemma, its Lean name as its label.",
                       proof="", proof_leanok=True),
            OutputNode("inst:box", ["Arch.instInhabitedBox"], "definition", leanok=True,
                       text="Boxes have a default."),
            OutputNode("def:combo", ["Arch.combo"], "definition", uses=["def:double"],
                       leanok=True, text="A combination."),
            OutputNode("thm:shared", ["Arch.shared_one", "Arch.shared_two"], title="Shared",
                       leanok=True, text="The first half of a shared node.",
                       proof="Both halves at once.", proof_leanok=True),
            OutputNode("thm:mul-one", ["Arch.mul_one'", "Arch.add_zero'"], leanok=True,
                       text="Multiplying by one, and adding zero.", proof="",
                       proof_leanok=True),
            OutputNode("mathlib:add-comm", ["Nat.add_comm"], "definition", leanok=True,
                       text="Addition commutes (Mathlib).", mathlibok=True),
            "\nProse after the last node of the module.\n",
        ],
    )
    main = LeanModule(
        "Arch.Main",
        [
            OutputNode("def:quad", ["Arch.quad"], "definition", uses=["def:double"],
                       leanok=True, text="Four times $n$."),
            OutputNode("thm:quad-pos", ["Arch.quad_pos"], uses=["def:quad"], leanok=True,
                       text="Four times a positive number is positive.",
                       proof="By \\cref{lem:double-pos}, twice.",
                       proof_uses=["def:double", "lem:double-pos"], proof_leanok=True),
            OutputNode("thm:shared", ["Arch.shared_one", "Arch.shared_two"], title="Shared",
                       leanok=True, text="The first half of a shared node.",
                       proof="Both halves at once.", proof_leanok=True),
            OutputNode("thm:not-ready", ["Arch.not_ready"], "proposition", leanok=True,
                       text="Not ready: the blueprint needs work.", proof="",
                       proof_leanok=True, notready=True),
            OutputNode("lem:never", ["Arch.never"], leanok=True,
                       text="A node the document never inputs.", proof="", proof_leanok=True),
            OutputNode("bad:option", ["Arch.bad_option"], leanok=True, text="", proof="",
                       proof_leanok=True),
        ],
    )
    unused = LeanModule(
        "Arch.Unused",
        [OutputNode("lem:unused", ["Arch.unused"], leanok=True,
                    text="Nobody inputs this module.", proof="", proof_leanok=True)],
    )
    extra = LeanModule(
        "Arch.Extra",
        [OutputNode("thm:extra", ["Arch.extra"], uses=["def:double"], leanok=True,
                    text="Compiled with its own library; \\uses{lem:step} in the text.",
                    proof="",
                    proof_uses=["lem:double-pos"], proof_leanok=True)],
    )
    return {"Arch": [basic, main, unused], "ArchExtra": [extra]}


#: the uses of the output that LeanArchitect infers from the Lean code (nobody wrote them)
INFERRED = {
    ("def:double", "lem:double-pos"),
    ("def:double", "lem:step"),
    ("lem:step", "thm:main"),
    ("def:double", "def:quad"),
    ("def:quad", "thm:quad-pos"),
    ("def:double", "thm:quad-pos"),
    ("lem:double-pos", "thm:quad-pos"),
    ("def:double", "thm:extra"),
    ("lem:double-pos", "thm:extra"),
}


def write_output(project: Path) -> None:
    output = project / ".lake" / "build" / "blueprint"
    for library, modules in output_modules().items():
        for path, text in lake_output(modules, library, "./.lake/build").items():
            (output / path).parent.mkdir(parents=True, exist_ok=True)
            (output / path).write_text(text)


def read_as(project: Path, chosen: str) -> Analysis:
    (project / "blueprint.toml").write_text(f'[blueprint]\nformat = "{chosen}"\n')
    return analyze(project, StatusSource.ANNOTATIONS)


def edges(analysis: Analysis) -> dict[tuple[str, str], str]:
    return {(u, v): kind.value for u, v, kind in analysis.graph.edges()}


def test_the_sources_give_the_blueprint_leanarchitect_writes(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    content = project / "blueprint" / "src" / "content.tex"
    # thm:wip is in a library nobody builds: LeanArchitect's output has no such node
    content.write_text(content.read_text().replace("\\inputleannode{thm:wip}\n", ""))
    sources = read_as(project, "leanarchitect")
    write_output(project)
    output = read_as(project, "latex")
    errors = [d.message for d in output.diagnostics if d.severity is Severity.ERROR]
    assert errors == [
        "\\inputleanmodule{Arch.Old.Main}: unknown Lean module (did you mean Arch.Main?)"
    ]
    assert [n.id for n in sources.nodes] == [n.id for n in output.nodes] == NODES[:-1]
    for mine, theirs in zip(sources.nodes, output.nodes, strict=True):
        assert (mine.env, mine.title, mine.lean) == (theirs.env, theirs.title, theirs.lean)
        assert mine.statement.text == theirs.statement.text, mine.id
        assert (mine.proof is None) == (theirs.proof is None), mine.id
        if mine.proof is not None and theirs.proof is not None:
            assert mine.proof.text == theirs.proof.text, mine.id
        assert mine.discussion == theirs.discussion and mine.number == theirs.number
        assert (mine.statement.leanok, mine.statement.mathlibok) == (
            theirs.statement.leanok, theirs.statement.mathlibok
        ), mine.id
    assert [(type(i).__name__, getattr(i, "node", None)) for i in sources.blueprint.document] == [
        (type(i).__name__, getattr(i, "node", None)) for i in output.blueprint.document
    ]
    assert edges(sources) == edges(output)  # what text can tell, LeanArchitect infers alike
    explicit = {
        (e["source"], e["target"])
        for e in export_data(sources)["edges"]  # type: ignore[union-attr]
        if e["origin"] == "explicit"
    }
    assert explicit == set(edges(output)) - INFERRED
    assert all(node.from_lean for node in output.nodes if node.id != "lem:prose")


def test_leanarchitect_output_older_than_the_sources_is_said(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    write_output(project)
    lean = project / "Arch" / "Main.lean"
    os.utime(lean, (lean.stat().st_atime, time.time() + 60))  # edited after the build
    auto = analyze(project, StatusSource.ANNOTATIONS)
    stale = [d for d in auto.diagnostics if "older than the Lean sources" in d.message]
    assert [(d.file, d.line, d.severity) for d in stale] == [
        (".lake/build/blueprint/library/Arch.tex", 1, Severity.WARNING)
    ]
    assert "Arch/Main.lean changed" in stale[0].message
    assert "library/Arch.tex" in " ".join(auto.blueprint.files)  # read from the output
    chosen = read_as(project, "leanarchitect")  # the sources, the output left alone
    assert not [f for f in chosen.blueprint.files if ".lake/" in f]
    assert not [d for d in chosen.diagnostics if "older than" in d.message]
    assert "thm:wip" in [n.id for n in chosen.nodes]


# --- watch ------------------------------------------------------------------------------


def test_watch_reloads_when_a_statement_doc_comment_or_a_proof_changes(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    main = project / "Arch" / "Main.lean"  # no error: a build with one is not served
    main.write_text(main.read_text().replace('"a string, not a doc comment"', "/-- ok -/"))
    lean = project / "Arch" / "Basic.lean"
    with watching(project) as session:
        assert "Four times a positive number" in session.get("/chapter-2.html")
        assert "fill-can_prove" in session.node_classes("lem:leans-on-sorry")
        lean.write_text(
            lean.read_text().replace("The double of $n$ is $n + n$.", "Twice the number, edited.")
        )
        edited = session.wait_rebuilds(2)
        assert edited.ok and not edited.laid_out  # the graph is the same
        assert "Twice the number, edited." in session.get("/chapter-1.html")
        assert "Twice the number, edited." in session.get("/graph.html")  # the node's panel
        # an untagged helper's sorry is gone: the proof that uses it is done
        lean.write_text(
            lean.read_text().replace("theorem unfinished : True := sorry", "theorem unfinished"
                                     " : True := trivial")
        )
        session.wait_rebuilds(3)
        assert "fill-fully_proved" in session.node_classes("lem:leans-on-sorry")


def test_a_watch_rebuild_after_a_doc_comment_edit_is_the_cold_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each rebuild of a watch session (what it keeps between builds: `BuildCache`,
    `SiteMemo`) makes byte for byte the site a cold build makes of the edited files. A plain
    edit of a statement's or a proof's doc comment reads the LaTeX document no more (only
    the node edited, alone: `readers.latex.again`); one over two lines (the nodes after it
    in the file move), one of a macro, one back, and one of a title read it whole."""
    from blueprint.build import BuildCache
    from blueprint.readers.latex.reader import Reader
    from blueprint.site.make import SiteMemo, make_site

    project = copy_project(tmp_path)
    lean = project / "Arch" / "Basic.lean"
    original = lean.read_text()

    cache, memo = BuildCache(), SiteMemo()
    make_site(analyze(project, cache=cache), memo=memo)
    read = Reader.read
    documents: list[str] = []

    def counted(reader: Reader, root: str) -> Any:
        documents.append(root)
        return read(reader, root)

    statement, proof = "The double of $n$ is $n + n$.", "From \\cref{lem:double-pos}, twice."
    edits = [  # (the text, whether the document is read again)
        (original.replace(statement, "The double of $n$ & <more>, edited."), False),
        (original.replace(statement, "The double,\n  over two lines."), True),
        (original, True),
        (original.replace(proof, "From \\cref{lem:double-pos}, two times."), False),
        (original.replace(proof, "Twice, from the lemma."), True),
        (original.replace('(title := "Doubling")', '(title := "Doubling up")'), True),
    ]
    for text, again in edits:
        assert text != lean.read_text()
        lean.write_text(text)
        documents.clear()
        monkeypatch.setattr(Reader, "read", counted)
        analysis = analyze(project, cache=cache)
        rebuilt = make_site(analysis, memo=memo)
        monkeypatch.undo()
        assert ("blueprint/src/web.tex" in documents or "web.tex" in documents) == again
        assert not rebuilt.laid_out
        assert rebuilt.files == cold_site(project, tmp_path)
        assert analysis.blueprint == analyze(project, cache_dir=tmp_path / "cold").blueprint
    assert any(b"Doubling up" in page for page in rebuilt.files.values())


# --- the facts of the Lean code, pure -----------------------------------------------------


def facts_of(text: str) -> dict[str, NodeFacts]:
    """The facts of the nodes of one module `M` (a project of one file, compiled)."""
    project = assemble_project(
        Path("."), LakeConfig(), [], [(scan_lean(text, "M", "M.lean"), [])]
    )
    records = read_lean_file(text, "M", "M.lean")
    return dict(lean_blueprint([records], {"M.lean": text}, project).facts)


def test_helpers_are_followed_to_tagged_declarations_through_cycles() -> None:
    facts = facts_of(
        "@[blueprint \"a\"] def a : Nat := 0\n"
        "mutual\n"
        "def even : Nat → Bool\n  | 0 => true\n  | n + 1 => odd n\n"
        "def odd : Nat → Bool\n  | 0 => false\n  | n + 1 => even n + a\n"
        "end\n"
        "def helper (n : Nat) : Bool := odd n\n"
        "@[blueprint \"b\"] theorem b : helper 0 = true := by\n  sorry\n"
        "@[blueprint \"c\"] theorem c : True := by\n  have := b\n  trivial\n"
    )
    assert facts["b"].statement.inferred == ("a",)  # b's type -> helper -> odd -> even -> a
    assert facts["b"].proof is not None and not facts["b"].proof.leanok
    c = facts["c"]
    assert c.proof is not None and c.proof.inferred == ("b",) and c.proof.leanok
    assert c.statement.inferred == () and c.statement.leanok


def test_a_definition_has_its_body_on_its_statement_and_a_sorry_in_a_type_counts() -> None:
    facts = facts_of(
        "@[blueprint \"t\"] theorem t : True := trivial\n"
        "@[blueprint \"d\"] def d : Nat := by\n  have := t\n  exact sorry\n"
        "@[blueprint \"s\"] theorem s : (sorry : Prop) := by\n  exact t\n"
    )
    d = facts["d"]
    assert (d.statement.inferred, d.statement.leanok, d.proof) == (("t",), False, None)
    s = facts["s"]
    assert not s.statement.leanok and s.proof is not None and s.proof.inferred == ("t",)


# --- no text makes it crash -------------------------------------------------------------

_TEXT = st.lists(
    st.sampled_from([*"ab \n\r\t{}[]()\\$%\"'-/`#:=@", "/--", "-/", "\\begin{lemma}", "\\end{x}"]),
    max_size=12,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(label=_TEXT, title=_TEXT, statement=_TEXT, proof=_TEXT, prose=_TEXT)
def test_any_text_in_the_attributes_reads_to_a_blueprint(
    label: str, title: str, statement: str, proof: str, prose: str
) -> None:
    """Whatever the attributes and the prose hold (braces, environments never closed,
    comment marks, line ends), the document is read and every problem is at a line of the
    Lean file."""
    text = (
        f"blueprint_comment /--{prose}-/\n"
        f'@[blueprint "{label}" (title := "{title}") (statement := /--{statement}-/)\n'
        f"  (proof := /--{proof}-/)]\ntheorem t : True := trivial\n"
        "@[blueprint] def d : Nat := 0\n"
    )
    project = assemble_project(Path("."), LakeConfig(), [], [(scan_lean(text, "M", "M.lean"), [])])
    records = read_lean_file(text, "M", "M.lean")
    lean = lean_blueprint([records], {"M.lean": text}, project)
    inputs = LeanArchitectInputs(load=lambda _: lean, prefix="", read_output=False)
    main = "\\begin{document}\n\\inputleanmodule{M}\n\\inputleannode{d}\n\\end{document}\n"
    blueprint = inputs.finish(read_blueprint("web.tex", {"web.tex": main}.__getitem__, 0, inputs))
    lines = text.count("\n") + 1
    outside = [d for d in blueprint.diagnostics if d.file == "M.lean" and not 1 <= d.line <= lines]
    assert outside == []
