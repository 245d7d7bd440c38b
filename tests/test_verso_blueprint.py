"""The blueprint in Verso documents (blueprint/readers/verso/nodes.py, attribute.py,
project.py) on tests/data/verso/sample: a project written to hold every form Verso Blueprint
has, and broken input."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from blueprint.lean.scanner import scan_lean
from blueprint.markup.verso import Paragraph
from blueprint.model import EdgeKind, Severity
from blueprint.readers.verso.attribute import (
    AttributeFormat,
    Dependency,
    NodeKind,
    attribute_format,
    read_blueprint_attributes,
)
from blueprint.readers.verso.nodes import (
    Heading,
    NodeOrigin,
    NodePlace,
    ProofPlace,
    Prose,
    UseIntent,
    UseOrigin,
    VersoBlueprint,
    VersoNode,
)
from blueprint.readers.verso.project import (
    LeanSources,
    VersoProject,
    find_verso_project,
    read_verso_project,
)
from tests.verso_texts import project_texts

DATA = Path(__file__).parent / "data" / "verso"
BASICS = "Sample/Chapters/Basics.lean"
BROKEN = "Sample/Chapters/Broken.lean"


@cache
def sample() -> tuple[VersoProject, VersoBlueprint]:
    texts, paths = project_texts(DATA / "sample")
    project = find_verso_project(texts, paths)
    assert project is not None
    return project, read_verso_project(project, texts)


def nodes() -> dict[str, VersoNode]:
    return {n.label: n for n in sample()[1].nodes}


def test_the_package_its_main_document_and_an_absent_submodule() -> None:
    project, _ = sample()
    assert (project.folder, project.lakefile) == ("", "lakefile.lean")
    assert (project.main_module, project.main_file) == ("Sample.Blueprint", "Sample/Blueprint.lean")
    assert project.lean_sources == (
        LeanSources("Sample", "", present=True, submodule=False),
        LeanSources("Formal", "formal", present=False, submodule=True),
    )
    (note,) = project.diagnostics
    assert (note.file, note.line, note.severity) == ("lakefile.lean", 5, Severity.WARNING)
    assert "git submodule that is not checked out" in note.message


def test_a_nested_package_that_requires_its_parent() -> None:
    texts, paths = project_texts(DATA / "flt")
    project = find_verso_project(texts, paths)
    assert project is not None
    assert project.folder == "blueprint-verso"
    assert project.lakefile == "blueprint-verso/lakefile.toml"
    assert project.main_module == "FLTBlueprint.Blueprint"
    assert project.main_file == "blueprint-verso/FLTBlueprint/Blueprint.lean"
    assert [(s.package, s.folder, s.present) for s in project.lean_sources] == [
        ("FLTBlueprint", "blueprint-verso", True), ("FLT", "", True)]


def test_projects_without_a_verso_blueprint() -> None:
    plain_verso = {"lakefile.toml": '[[require]]\nname = "verso"\ngit = "x"\n'}
    commented = {"lakefile.lean": "-- require VersoBlueprint from git \"x\"\npackage P\n"}
    lean_only = {"A.lean": "import VersoBlueprint\n"}
    assert find_verso_project(plain_verso) is None
    assert find_verso_project(commented) is None
    assert find_verso_project(lean_only) is None


def test_the_main_document_without_a_generator_is_the_top_of_the_includes() -> None:
    texts = {
        "lakefile.lean": 'require VersoBlueprint from git "x"\npackage P\nlean_lib P\n',
        "P/Top.lean": '#doc (Manual) "Top" =>\n{include 0 P.Mid}\n{include 0 P.Leaf}\n',
        "P/Mid.lean": '#doc (Manual) "Mid" =>\n{include 0 P.Leaf}\n',
        "P/Leaf.lean": '#doc (Manual) "Leaf" =>\n:::theorem "t"\nT.\n:::\n',
    }
    project = find_verso_project(texts)
    assert project is not None and project.main_module == "P.Top"
    blueprint = read_verso_project(project, texts)
    headings = [(i.level, i.name) for i in blueprint.document if isinstance(i, Heading)]
    # `{include N X}` puts X at level N + 1 wherever it is written: P.Leaf is a chapter twice
    assert headings == [(0, None), (1, "P.Mid"), (1, "P.Leaf"), (1, "P.Leaf")]
    duplicate = [d for d in blueprint.diagnostics if "already defined" in d.message]
    assert [(d.file, d.line) for d in duplicate] == [("P/Leaf.lean", 2)]


def test_statement_options_as_verso_blueprint_normalizes_them() -> None:
    node = nodes()["nat_add"]
    assert (node.kind, node.origin, node.file, node.line) == (
        NodeKind.DEFINITION, NodeOrigin.DIRECTIVE, BASICS, 48)
    assert node.lean == ("Nat.add", "Nat.succ")
    assert (node.parent, node.owner) == ("arith", "ada")
    assert (node.priority, node.effort) == ("high", "small")  # from "HIGH" and "S"
    assert node.tags == ("starter", "arithmetic")  # lower-cased, each once
    assert node.pr_url == "https://github.com/o/r/pull/1"
    assert node.issue_url == "https://github.com/o/r/issues/2"
    # the %%% block first in the body is the node's source metadata, not its text
    assert node.source is not None and node.source.line == 49
    assert node.source.field("source") == '{ document := "notes", spans := #[{ page := "1" }] }'
    assert node.statement is not None and node.statement.line == 48
    (text,) = node.statement.blocks
    assert isinstance(text, Paragraph) and text.line == 52
    assert node.chapter == "Basics" and node.proof is None and node.uses == ()
    zero = nodes()["zero_add"]
    assert (zero.kind, zero.effort, zero.priority) == (NodeKind.LEMMA, "large", "low")
    assert nodes()["assoc"].kind is NodeKind.PROPOSITION
    assert nodes()["double"].kind is NodeKind.COROLLARY


def test_uses_in_statements_and_proofs() -> None:
    node = nodes()["add_comm"]
    assert node.proof is not None and node.proof.line == 74
    assert [(u.label, u.kind, u.inline, u.line) for u in node.uses] == [
        ("nat_add", EdgeKind.STATEMENT, False, 70),  # (uses := ...)
        ("nat_add", EdgeKind.STATEMENT, True, 71),  # {uses}[...] in the statement
        ("zero_add", EdgeKind.PROOF, False, 74),  # (uses := ...) on the proof
        ("succ_add", EdgeKind.PROOF, True, 75),  # {uses}[...] in the proof; {bpref} adds none
    ]
    assert [(u.intent, u.origin) for u in node.uses[:2]] == [
        (UseIntent.AUXILIARY, UseOrigin.MANUAL), (UseIntent.TECHNICAL, UseOrigin.MANUAL)]
    assert node.auto_deps is False
    assert nodes()["assoc"].auto_deps is None
    assert sample()[1].edges() == [
        ("nat_add", "add_comm", EdgeKind.STATEMENT),
        ("zero_add", "add_comm", EdgeKind.PROOF),
        ("succ_add", "add_comm", EdgeKind.PROOF),
        ("assoc", "double", EdgeKind.STATEMENT),
        ("add_comm", "double", EdgeKind.STATEMENT),
        ("double", "thm:main", EdgeKind.STATEMENT),
        ("nat_add", "add_assoc_compiled", EdgeKind.STATEMENT),
        ("succ_add", "add_assoc_compiled", EdgeKind.PROOF),
    ]


def test_lean_code_and_tex_witnesses_attach_by_label() -> None:
    (code,) = nodes()["add_comm"].lean_code
    assert (code.label, code.lean_label, code.line) == ("add_comm", "add_comm", 78)
    assert code.code.startswith("theorem add_comm'")
    (main_code,) = nodes()["thm:main"].lean_code  # its file sets trimTeXLabelPrefix
    assert (main_code.label, main_code.lean_label) == ("thm:main", "main")
    tex = nodes()["nat_add"].tex
    assert [(t.slot, t.line) for t in tex] == [("default", 55), ("proof", 61)]
    assert "\\leanok" in tex[0].text  # kept as text: it says nothing about status
    prose_code = [i.block.line for i in sample()[1].document
                  if isinstance(i, Prose) and i.file == BASICS and hasattr(i.block, "code")]
    assert prose_code == [78, 102]  # the lean block and the plain one; no tex block is shown


def test_groups_authors_and_source_documents() -> None:
    blueprint = sample()[1]
    assert [(g.label, g.header) for g in blueprint.groups] == [
        ("arith", "Arithmetic on the natural numbers.")]
    # Authors.lean is imported, never included: its authors still count, as in Verso
    assert [(a.label, a.name, a.url, a.file) for a in blueprint.authors] == [
        ("ada", "Ada Lovelace", "https://example.org/ada", "Sample/Authors.lean"),
        ("brahma", "Brahmagupta", None, "Sample/Authors.lean"),
    ]
    (source,) = blueprint.source_documents
    assert source.label == "notes" and source.metadata is not None
    assert source.metadata.field("title") == '"Course notes"'


def test_the_document_in_reading_order() -> None:
    blueprint = sample()[1]
    outline = []
    for item in blueprint.document:
        if isinstance(item, Heading):
            outline.append(("#" * item.level, item.name or item.file))
        elif isinstance(item, (NodePlace, ProofPlace)):
            outline.append((type(item).__name__, item.label))
    assert outline == [
        ("", "Sample/Blueprint.lean"),
        ("#", "Sample/Blueprint.lean"),  # "# Overview"
        ("#", "Sample.Chapters.Basics"),
        ("###", BASICS),  # "## Lists" in a chapter
        ("NodePlace", "nat_add"), ("NodePlace", "add_comm"), ("ProofPlace", "add_comm"),
        ("NodePlace", "zero_add"), ("NodePlace", "succ_add"), ("NodePlace", "assoc"),
        ("NodePlace", "double"),
        ("#", "sampleExtras"), ("NodePlace", "thm:main"),
        ("#", "Sample.Formal.Addition"),  # {includeBlueprintModule}
        ("NodePlace", "add_assoc_compiled"), ("NodePlace", "assoc"),
        ("NodePlace", "double_def"),
        ("#", "Sample.Chapters.Broken"), ("NodePlace", "bad_options"),
        ("ProofPlace", "ghost"), ("NodePlace", "unclosed"),
    ]
    title = blueprint.document[0]
    assert isinstance(title, Heading) and title.metadata is not None
    assert title.metadata.field("shortTitle") == '"Sample"'
    assert blueprint.files == ("Sample/Blueprint.lean", BASICS, "Sample/Chapters/Extras.lean",
                               BROKEN)
    assert "unincluded" not in nodes()  # a chapter no document includes


def test_verso_blueprint_attributes() -> None:
    blueprint = sample()[1]
    compiled = nodes()["add_assoc_compiled"]
    assert (compiled.origin, compiled.kind) == (NodeOrigin.ATTRIBUTE, NodeKind.THEOREM)
    assert compiled.lean == ("Sample.Formal.add_assoc_compiled",)
    assert compiled.docstring == "Addition is associative, as a Lean-owned node."
    assert compiled.statement is None and compiled.file == "Sample/Formal/Addition.lean"
    # the attribute on assoc_lean adds its declaration to the directive node of that label
    assert nodes()["assoc"].lean == ("Nat.add_assoc", "Sample.Formal.assoc_lean")
    double = nodes()["double_def"]  # attribute [blueprint "double_def"] double
    assert (double.kind, double.lean) == (NodeKind.DEFINITION, ("Sample.Formal.double",))
    assert "architect_node" not in nodes() and "commented_out" not in nodes()
    assert blueprint.unplaced_attributes == ()
    assert [(d.line, d.message) for d in blueprint.diagnostics
            if d.file == "Sample/Formal/Addition.lean"] == [
        (9, "add_assoc_compiled uses Nat.add, a declaration without @[blueprint]")]


def test_broken_input_is_reported_where_it_is() -> None:
    found = {(d.line, d.severity, d.message) for d in sample()[1].diagnostics if d.file == BROKEN}
    expected = {
        (7, Severity.WARNING, "`]` opens or closes nothing here (write \\] for the character "
                              "itself)"),
        (7, Severity.ERROR, "role `cite` wants its text right after it, in [...]"),
        (7, Severity.WARNING, "`_` is not closed (write \\_ for the character itself)"),
        (9, Severity.ERROR, 'priority "urgent" is none of high, medium, low: ignored'),
        (9, Severity.ERROR, f"label add_comm is already defined at {BASICS}:70"),
        (13, Severity.WARNING, "`theorem` has no option `colour`"),
        (13, Severity.ERROR, 'pr_url "not a url" is not an http(s) URL: ignored'),
        (13, Severity.ERROR, 'effort "huge" is none of small, medium, large: ignored'),
        (14, Severity.WARNING, "bad_options uses no_such_label, which is no node"),
        (14, Severity.WARNING, "bad_options uses zero_ad, which is no node (did you mean "
                               "zero_add?)"),
        (16, Severity.ERROR, "`:::lemma_` inside `:::theorem`: Verso refuses nested nodes; "
                             "ignored"),
        (21, Severity.ERROR, "a proof of ghost, which has no statement"),
        (25, Severity.ERROR, '```lean wants the label of its node: ```lean "label"'),
        (29, Severity.ERROR, "the directive `definition` is not closed with :::"),
    }
    assert found == expected
    assert nodes()["add_comm"].file == BASICS  # the first of two is kept
    assert nodes()["bad_options"].extra_options == (("colour", "red"),)
    assert "inner" not in nodes()


def test_attribute_format_is_told_by_the_imports() -> None:
    assert attribute_format(["Mathlib", "VersoBlueprint"]) is AttributeFormat.VERSO
    assert attribute_format(["VersoBlueprint.Commands.Graph"]) is AttributeFormat.VERSO
    assert attribute_format(["Architect"]) is AttributeFormat.LEANARCHITECT
    assert attribute_format(["Mathlib.Tactic"]) is None


def read_attributes(text: str) -> tuple[list[object], list[tuple[int, str]]]:
    found, problems = read_blueprint_attributes(
        text, "A.lean", "A", scan_lean(text, "A", "A.lean").declarations
    )
    return [(a.label, a.declaration, a.kind, a.uses, a.proof_uses, a.auto_deps, a.line)
            for a in found], [(d.line, d.message) for d in problems]


def test_attribute_grammar() -> None:
    text = (
        "import VersoBlueprint\n"
        "namespace N\n"
        "/-- doc `@[blueprint \"not_this\"]` -/\n"
        "@[to_additive,\n"
        "  blueprint \"a\" (uses := [\"l1\", -\"l2\", x, -N.y]) (proofUses := [])\n"
        "    (autoDeps := false)]\n"
        "theorem t : True := trivial\n"
        "def s := \"@[blueprint \\\"in a string\\\"]\"\n"
        "@[blueprint] def no_label := 1\n"
        "@[blueprint \"b\" (color := red)] def odd := 1\n"
        "end N\n"
    )
    found, problems = read_attributes(text)
    assert found[0] == (
        "a", "N.t", NodeKind.THEOREM,
        (Dependency("l1", True, False), Dependency("l2", True, True),
         Dependency("x", False, False), Dependency("N.y", False, True)),
        (), False, 5)
    assert [f[0] for f in found] == ["a", "b"]  # "b" kept, its unknown option reported
    assert problems == [
        (9, '@[blueprint] wants its label: @[blueprint "label"]'),
        (10, "@[blueprint] option not understood: (color := red)"),
    ]
