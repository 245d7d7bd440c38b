"""LeanArchitect blueprints read from Lean source text (blueprint/readers/leanarchitect).

The sample (tests/data/leanarchitect/sample) holds every form of the grammar; the real
files (PrimeNumberTheoremAnd, infinitary-logic) are checked against values read by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from blueprint.model import Severity
from blueprint.readers.latex import read_blueprint
from blueprint.readers.leanarchitect.index import (
    InputKind,
    LeanInput,
    ModuleIndex,
    coverage,
    index_modules,
)
from blueprint.readers.leanarchitect.lexer import string_value
from blueprint.readers.leanarchitect.records import (
    AttributeForm,
    LeanArchitectFile,
    ModuleComment,
    TaggedDeclaration,
    UseRef,
    name_candidates,
)
from blueprint.readers.leanarchitect.source import read_lean_file
from tests.test_leanarchitect_output import LeanModule, lake_output
from tests.test_leanarchitect_output import LeanNode as OutputNode

DATA = Path(__file__).parent / "data" / "leanarchitect"


def read_tree(root: Path) -> list[LeanArchitectFile]:
    """Every .lean file under `root`, its module named after its path."""
    files = []
    for path in sorted(root.rglob("*.lean")):
        rel = path.relative_to(root).as_posix()
        if not rel.startswith(".lake/"):
            text = path.read_text(encoding="utf-8")
            files.append(read_lean_file(text, rel.removesuffix(".lean").replace("/", "."), rel))
    return files


def read_text(text: str, module: str = "M") -> LeanArchitectFile:
    return read_lean_file(text, module, module.replace(".", "/") + ".lean")


def by_label(files: list[LeanArchitectFile]) -> dict[str, TaggedDeclaration]:
    found: dict[str, TaggedDeclaration] = {}
    for f in files:
        for d in f.declarations:
            assert d.label is not None
            found.setdefault(d.label, d)
    return found


@pytest.fixture(scope="module")
def sample() -> list[LeanArchitectFile]:
    return read_tree(DATA / "sample")


@pytest.fixture(scope="module")
def sample_index(sample: list[LeanArchitectFile]) -> ModuleIndex:
    return index_modules(sample)


# --- the grammar, on the sample --------------------------------------------------------


def test_every_form_of_the_attribute_is_read(sample: list[LeanArchitectFile]) -> None:
    basic = next(f for f in sample if f.module == "Sample.Basic")
    names = [(d.name, d.label, d.kind) for d in basic.declarations]
    assert names == [
        ("N", "N", "inductive"),
        ("N.add", "def:add", "def"),
        ("N.zero_add", "N.zero_add", "theorem"),  # among other attributes
        ("N.succ_add", "lem:succ", "theorem"),  # `protected`, `blueprint?`
        ("N.main", "thm:main", "def"),  # after `open Classical in`, in a section
        ("N.shared_one", "thm:shared", "theorem"),
        ("N.shared_two", "thm:shared", "theorem"),
        ("rootDef", "def:root", "def"),  # `_root_.`, `latexLabel`
        ("N.secret", "_private.Sample.Basic.0.N.secret", "theorem"),
        ("N.prod_le_one", "thm:mul", "theorem"),  # `to_additive (attr := blueprint ...)`
        ("N.sum_nonpos", "thm:mul", "theorem"),  # ... and its additive copy
        ("Nat", "mathlib:nat", "attribute"),  # `attribute [blueprint ...] Nat`
        ("escapes", "thm:escapes", "theorem"),
        ("forks", "thm:forks", "theorem"),
    ]
    d = {decl.label: decl for decl in basic.declarations}
    add = d["def:add"].attribute
    assert add.title == 'Addition with "quotes" and \\alpha'
    assert add.statement == "Addition, with a /- nested -/ comment and -- dashes."
    assert (add.line, add.end_line, d["def:add"].line) == (21, 25, 26)
    assert not d["def:add"].has_proof and d["def:add"].latex_env == "definition"
    assert d["N.zero_add"].has_proof and d["N.zero_add"].latex_env == "theorem"
    assert d["N.zero_add"].proof_text == "By induction on $a$."
    succ = d["lem:succ"]
    assert succ.attribute.trace
    assert succ.attribute.uses == (
        UseRef("add", False, False, 36),
        UseRef("def:extra", True, False, 36),
        UseRef("zero_add", False, True, 36),
    )
    assert succ.attribute.proof_uses == (
        UseRef("N.zero_add", False, False, 36),
        UseRef("def:gone", True, True, 36),
    )
    assert [u.target for u in succ.tactic_uses] == ["zero_add", "add"]
    assert succ.proof_text == "The step uses the induction hypothesis."
    main = d["thm:main"]
    assert main.attribute.title == "Main theorem"  # a doc comment as the title
    assert (main.attribute.not_ready, main.attribute.discussion) == (True, 42)
    assert (main.has_proof, main.latex_env) == (False, "proposition")
    assert main.opens == ("Classical",)
    secret = d["_private.Sample.Basic.0.N.secret"]
    assert secret.private and secret.name == "N.secret"
    assert d["mathlib:nat"].attribute.form is AttributeForm.COMMAND
    assert d["thm:escapes"].attribute.title == "$\nu$ and\ta tab"  # Lean's escapes
    assert d["N"].proof_docs == ()  # a constructor's doc comment is no proof text
    prose = basic.comments
    assert [(c.line, c.end_line) for c in prose] == [(8, 11)]
    assert prose[0].text == (
        '\n\\section{Basics}\nProse with -- dashes, "quotes" and a /- nested -/ comment.\n'
    )


def test_comments_strings_and_module_docs_hold_no_attribute(
    sample: list[LeanArchitectFile],
) -> None:
    labels = set(by_label(sample))
    assert not labels & {"commented", "block", "in-a-string", "not-a-node"}


def test_unknown_options_are_kept_and_a_misspelt_one_gets_a_did_you_mean(
    sample: list[LeanArchitectFile],
) -> None:
    forks = by_label(sample)["thm:forks"].attribute
    assert [(e.name, e.value) for e in forks.extra] == [
        ("message", '"kept"'),
        ("proofuses", "[N.add]"),
        ("priorityItem", "true"),
    ]
    assert forks.proof_uses == ()
    basic = next(f for f in sample if f.module == "Sample.Basic")
    warnings = [(d.line, d.severity, d.message) for d in basic.diagnostics]
    assert (
        86,
        Severity.WARNING,
        "unknown blueprint option `proofuses` (did you mean `proofUses`?)",
    ) in warnings
    assert not any("message" in m or "priorityItem" in m for _, _, m in warnings)


def test_a_latex_macro_read_as_a_lean_escape_is_a_warning(
    sample: list[LeanArchitectFile],
) -> None:
    basic = next(f for f in sample if f.module == "Sample.Basic")
    found = [d for d in basic.diagnostics if "control character" in d.message]
    assert [(d.line, d.severity) for d in found] == [(83, Severity.WARNING)]
    assert "`\\n`" in found[0].message


def test_malformed_attributes_are_reported_at_their_line_and_the_rest_is_read(
    sample: list[LeanArchitectFile],
) -> None:
    bad = next(f for f in sample if f.module == "Sample.Malformed")
    found = [(d.line, d.severity, d.message) for d in bad.diagnostics]
    assert found == [
        (5, Severity.ERROR, "`title` expects a string or a doc comment, found `3`"),
        (
            8,
            Severity.ERROR,
            '`statement` expects a doc comment `/-- ... -/`, found `"a string, not a doc comment"`',
        ),
        (11, Severity.ERROR, '`discussion` expects an issue number, found `"twelve"`'),
        (
            11,
            Severity.ERROR,
            '`uses` expects a list `[name, "label", -excluded]`, found `[oops oops]`',
        ),
        (
            14,
            Severity.ERROR,
            'malformed blueprint attribute: the label must come first, found `"late label"`',
        ),
        (
            17,
            Severity.ERROR,
            "invalid escape sequence \\q in a Lean string (write `\\\\` for a backslash)",
        ),
        (20, Severity.ERROR, "blueprint attribute on an `example`, which declares no name"),
        (25, Severity.ERROR, "`sorry_using` expects a list `[name, ...]`"),
    ]
    decls = {d.name: d for d in bad.declarations}
    # what parsed is kept: the statement after a bad title, the label of the last one
    assert decls["bad_title"].attribute.statement == "Title is not a string."
    assert decls["still_read"].label == "ok"
    assert "no-decl" not in {d.label for d in bad.declarations}


def test_an_unterminated_comment_is_reported_and_nothing_after_it_is_read() -> None:
    f = read_text('@[blueprint "a"] theorem a : True := trivial\n/- open\n@[blueprint "b"]\n')
    assert [d.label for d in f.declarations] == ["a"]
    assert [(d.line, d.severity) for d in f.diagnostics] == [(2, Severity.ERROR)]
    assert "unterminated comment" in f.diagnostics[0].message


def test_a_file_without_the_word_blueprint_is_not_read() -> None:
    assert read_text("theorem a : True := trivial\n") == LeanArchitectFile("M", "M.lean")


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        ('"plain"', "plain"),
        ('"$\\\\alpha$"', "$\\alpha$"),
        ('"\\"q\\" \\\'"', '"q" \''),
        ('"a\\nb\\tc\\rd"', "a\nb\tc\rd"),
        ('"\\x41\\u03bd"', "Aν"),
        ('"gap \\\n     here"', "gap here"),
        ('r"raw \\n"', "raw \\n"),
        ('r#"has "quotes""#', 'has "quotes"'),
    ],
)
def test_lean_string_literals_decode_as_lean_reads_them(literal: str, value: str) -> None:
    assert string_value(literal) == value


def test_an_escape_lean_rejects_is_an_error() -> None:
    with pytest.raises(ValueError, match="invalid escape"):
        string_value('"$\\sigma$"')


def test_names_follow_namespaces_sections_and_end() -> None:
    f = read_text(
        "namespace A.B\n"
        '@[blueprint "x"] theorem x : True := trivial\n'
        "end B\n"
        "section S\n"
        '@[blueprint "y"] theorem C.y : True := trivial\n'
        "end S\n"
        "namespace D\n"
        "mutual\n"
        '  @[blueprint "z"] theorem z : True := trivial\n'
        "end\n"
        '@[blueprint "w"] theorem _root_.w : True := trivial\n'
        "end D\n"
        "end A\n"
        'noncomputable section\n@[blueprint "v"] instance (priority := 100) inst : True := ⟨⟩\n'
    )
    assert [(d.label, d.name) for d in f.declarations] == [
        ("x", "A.B.x"),
        ("y", "A.C.y"),
        ("z", "A.D.z"),
        ("w", "w"),
        ("v", "inst"),
    ]
    assert f.diagnostics == ()


def test_name_candidates_follow_lean_resolution_order() -> None:
    assert name_candidates("f", "A.B", ("O",)) == ("A.B.f", "A.f", "f", "O.f")
    assert name_candidates("_root_.f", "A", ("O",)) == ("f",)


# --- nodes, edges and inputs (the index) -------------------------------------------------


def test_declarations_with_one_label_are_one_node(sample_index: ModuleIndex) -> None:
    shared = sample_index.nodes["thm:shared"]
    assert shared.lean_names == ("N.shared_one", "N.shared_two")
    assert shared.statement.text == "First half."  # the first declaration's
    assert shared.title == "Shared"  # the first title given
    assert shared.discussion == 7
    assert shared.statement.uses == ("thm:main", "def:add")  # the union
    assert shared.proof is not None and shared.proof.text == "Both halves."
    mul = sample_index.nodes["thm:mul"]
    assert mul.lean_names == ("N.prod_le_one", "N.sum_nonpos")


def test_explicit_uses_resolve_to_labels_with_exclusions_kept(
    sample_index: ModuleIndex,
) -> None:
    succ = sample_index.nodes["lem:succ"]
    assert succ.statement.uses == ("def:add", "def:extra")
    assert succ.statement.excludes == ("N.zero_add",)
    assert succ.proof is not None
    assert succ.proof.uses == ("N.zero_add", "def:add")  # proofUses, then sorry_using
    assert succ.proof.excludes == ("def:gone",)
    main = sample_index.nodes["thm:main"]
    # no proof part: the value's `blueprint_using` counts for the statement
    assert main.proof is None and main.statement.uses == ("def:add",)
    assert main.not_ready and main.statement.env == "proposition"
    assert sample_index.nodes["mathlib:nat"].lean_names == ("Nat",)


def test_uses_that_name_no_tagged_declaration_are_reported() -> None:
    f = read_text(
        "namespace P\n"
        '@[blueprint "a"] def helper_a : Nat := 0\n'
        "def untagged : Nat := 0\n"
        '@[blueprint "b" (uses := [helper_b, untagged]) (proofUses := [helper_a])]\n'
        "def b : Nat := 0\n"
        "end P\n"
    )
    quiet = index_modules([f])
    assert [(d.line, d.severity, d.message) for d in quiet.diagnostics] == [
        (
            4,
            Severity.WARNING,
            "`uses` names `helper_b`, which is no tagged declaration (did you mean `P.helper_a`?)",
        ),
        (4, Severity.WARNING, "`uses` names `untagged`, which is no tagged declaration"),
        (
            4,
            Severity.WARNING,
            "`proofUses` on `P.b`, which has no proof part, is ignored by "
            "LeanArchitect (add `(hasProof := true)`)",
        ),
    ]
    told = index_modules([f], declared={"P.helper_a", "P.untagged", "P.b"})
    assert (4, Severity.INFO) in [(d.line, d.severity) for d in told.diagnostics]
    assert "`P.untagged`, which has no blueprint attribute" in told.diagnostics[1].message
    assert told.nodes["b"].statement.uses == () and told.nodes["b"].proof is None


def test_attribute_command_names_resolve_with_the_project_declarations() -> None:
    f = read_text("namespace Q\ndef r : Nat := 0\nattribute [blueprint] r\nend Q\n")
    assert [d.candidates for d in f.declarations] == [("Q.r", "r")]
    assert list(index_modules([f], declared={"Q.r"}).nodes) == ["Q.r"]
    assert list(index_modules([f]).nodes) == ["r"]  # not known: as written


def test_module_contents_in_source_order_each_label_once(sample_index: ModuleIndex) -> None:
    contents = sample_index.module_contents("Sample.Basic")
    assert contents is not None
    assert isinstance(contents[0], ModuleComment)
    assert contents[1:] == (
        "N",
        "def:add",
        "N.zero_add",
        "lem:succ",
        "thm:main",
        "thm:shared",
        "def:root",
        "_private.Sample.Basic.0.N.secret",
        "thm:mul",
        "mathlib:nat",
        "thm:escapes",
        "thm:forks",
    )
    assert sample_index.module_contents("Sample") == ()  # a module without blueprint content
    assert sample_index.module_contents("Nope") is None


def test_coverage_lists_unknown_inputs_and_what_is_never_input(
    sample_index: ModuleIndex,
) -> None:
    inputs = [
        LeanInput(InputKind.MODULE, "Sample.Basic", "content.tex", 3),
        LeanInput(InputKind.NODE, "ok", "content.tex", 4),
        LeanInput(InputKind.MODULE, "Sample.Basix", "content.tex", 5),
        LeanInput(InputKind.NODE, "thm:shard", "content.tex", 6),
    ]
    found = coverage(sample_index, inputs)
    assert [(i.line, hint) for i, hint in found.unknown] == [
        (5, "Sample.Basic"),
        (6, "thm:shared"),
    ]
    assert [n.label for n in found.never_input] == [
        "bad_title",
        "bad_statement",
        "bad_values",
        "late_label",
        "bad_escape",
    ]
    assert found.modules_never_input == ()
    nothing = coverage(sample_index, inputs[:1])
    assert nothing.modules_never_input == ("Sample.Malformed",)


# --- real files, checked by hand against their source ------------------------------------


@pytest.fixture(scope="module")
def pnt() -> list[LeanArchitectFile]:
    return read_tree(DATA / "pnt")


@pytest.fixture(scope="module")
def infinitary() -> list[LeanArchitectFile]:
    return read_tree(DATA / "infinitary-logic")


def test_pnt_nodes_read_by_hand(pnt: list[LeanArchitectFile]) -> None:
    nodes = by_label(pnt)
    goldbach = nodes["even-goldbach"]  # Goldbach.lean:14
    assert (goldbach.name, goldbach.kind, goldbach.line) == ("Goldbach.even_conjecture", "def", 20)
    assert goldbach.attribute.title == "Even Goldbach conjecture up to a given height"
    assert goldbach.attribute.statement == (
        "We say that the even Goldbach conjecture is verified up to height $H$ if every even\n"
        "  integer between $4$ and $H$ is the sum of two primes."
    )
    assert goldbach.latex_env == "definition"
    test = nodes["even-goldbach-test"]  # Goldbach.lean:29
    assert (test.latex_env, test.attribute.discussion) == ("proposition", 959)
    assert test.proof_text == "This is a simple unit test, which can be verified by hand."
    nu = nodes["cheby-nu"]  # Chebyshev.lean:161, after `open Finsupp in`
    assert nu.name == "Chebyshev.ν" and nu.opens[-1] == "Finsupp"
    assert nu.attribute.title == "Chebyshev's weight $\n" + "u$"  # `\n` is a newline in Lean
    upper = nodes["cheby-T-upper"]
    assert (upper.name, upper.latex_env, upper.attribute.discussion) == (
        "Chebyshev.T.le",
        "lemma",
        831,
    )
    limit = nodes["limitOfConstant"]  # PerronFormula.lean:293: proof from the tactic block
    assert limit.name == "limitOfConstant" and limit.attribute.proof is None
    assert limit.proof_text.startswith("\\begin{align*}\n  \\lim_{\\sigma'\\to\\infty}a(\\sigma)")
    upper_t = nodes["Perron.tendsto_zero_Upper"]  # no label: the name, in namespace Perron
    assert upper_t.proof_text == ("The numerator is bounded and the denominator tends to infinity.")
    integrable = nodes["isIntegrable"]  # four doc comments in the tactic proof
    assert [p.line for p in integrable.proof_docs] == [644, 649, 652, 656]
    assert integrable.proof_text.startswith(
        "By \\ref{isHolomorphicOn}, $f$ is continuous, so it is integrable on any interval."
        "\n\nAlso, $|f(x)| = \\Theta(x^{-2})$ as $x\\to\\infty$,"
    )
    pulled = nodes["RectangleIntegral_tendsTo_UpperU"]
    assert [u.target for u in pulled.attribute.proof_uses] == [
        "RectangleIntegral",
        "UpperUIntegral",
    ]
    mt = nodes["mt_theorem_1"]  # ZetaSummary.lean
    assert mt.attribute.uses == (UseRef("classical-zero-free-region", True, False, 56),)
    assert mt.proof_text == ""


def test_pnt_commented_out_attributes_and_prose_only_modules(
    pnt: list[LeanArchitectFile],
) -> None:
    files = {f.module: f for f in pnt}
    meromorphic = files["PrimeNumberTheoremAnd.GeneralMeromorphic"]
    text = (DATA / "pnt" / meromorphic.file).read_text(encoding="utf-8")
    assert text.count("-- @[blueprint") == 3
    assert [d.label for d in meromorphic.declarations] == ["MeromorphicOnRectangle"]
    assert len(meromorphic.comments) == 4
    tables = files["PrimeNumberTheoremAnd.IEANTN.FioriKadiriSwidinsky.FioriKadiriSwidinsky_tables"]
    assert tables.declarations == () and len(tables.comments) == 1
    assert sum(len(f.declarations) for f in pnt) == 11 + 23 + 25 + 1 + 3 + 9
    assert [d for f in pnt for d in f.diagnostics if d.severity is Severity.ERROR] == []


def test_infinitary_logic_nodes_read_by_hand(infinitary: list[LeanArchitectFile]) -> None:
    nodes = by_label(infinitary)
    borel = nodes["thm:models-standard-borel"]  # an instance with a proof text: a theorem
    assert (borel.kind, borel.latex_env) == ("instance", "theorem")
    assert borel.name == "FirstOrder.Language.modelsOf_standardBorel"
    assert borel.attribute.title == "Model class is standard Borel"  # a doc comment title
    karp = nodes["thm:karp-completeness"]
    assert karp.attribute.proof_uses == (UseRef("thm:model-existence", True, False, 48),)
    omits = nodes["def:omits-type"]
    assert (omits.latex_env, omits.has_proof) == ("definition", False)
    assert omits.attribute.statement == (
        "A structure $M$ omits a type $p$ (a set of formulas in one free\n"
        "    variable) if no element of $M$ realizes all formulas in $p$ simultaneously."
    )
    sound = nodes["thm:proof-system-soundness"]
    # the next declaration's doc comment, after a match arm at column 0, is not proof text
    assert sound.proof_docs == () and sound.end_line == 146


def test_the_records_give_the_nodes_lean_architect_writes(pnt: list[LeanArchitectFile]) -> None:
    index = index_modules(pnt)
    node = index.nodes["cheby-T-upper"]
    assert node.statement.env == "lemma" and node.proof is not None
    assert node.lean_names == ("Chebyshev.T.le",)
    assert node.proof.text.startswith("Upper bound $\\log n$ by $\\int_")
    contents = index.module_contents("PrimeNumberTheoremAnd.IEANTN.Goldbach")
    assert contents is not None
    labels = [c for c in contents if isinstance(c, str)]
    assert labels[:3] == ["even-goldbach", "even-goldbach-test", "odd-goldbach"]


# --- against LeanArchitect's own output ------------------------------------------------


def lake_files(index: ModuleIndex, library: str) -> dict[str, str]:
    """What `lake build :blueprint` would write for these records (explicit edges only,
    no `\\leanok`), made by tests/test_leanarchitect_output.py's model of `Output.lean`."""
    modules = []
    for name in index.modules:
        contents: list[OutputNode | str] = []
        for item in index.module_contents(name) or ():
            if isinstance(item, ModuleComment):
                contents.append(item.text)
                continue
            node = index.nodes[item]
            proof = node.proof
            contents.append(
                OutputNode(
                    label=node.label,
                    lean=node.lean_names,
                    env=node.statement.env,
                    title=node.title,
                    uses=node.statement.uses,
                    text=node.statement.text,
                    proof=proof.text if proof is not None else None,
                    proof_uses=proof.uses if proof is not None else (),
                )
            )
        modules.append(LeanModule(name, contents))
    return lake_output(modules, library, "./.lake/build")


@pytest.mark.parametrize("tree", ["sample", "pnt", "infinitary-logic"])
def test_the_records_carry_what_lean_architect_writes_for_each_node(tree: str) -> None:
    index = index_modules(read_tree(DATA / tree))
    files = {
        f"../../.lake/build/blueprint/{path}": text
        for path, text in lake_files(index, "Lib").items()
    }
    inputs = "\n".join(
        f"\\chapter{{{m}}}\n\\inputleanmodule{{{m}}}"
        for m, f in index.modules.items()
        if f.contents
    )
    files["web.tex"] = (
        "\\documentclass{report}\n"
        "\\usepackage[thms=definition+lemma+theorem+proposition+sublemma]{blueprint}\n"
        "\\input{../../.lake/build/blueprint/library/Lib}\n"
        f"\\begin{{document}}\n{inputs}\n\\end{{document}}\n"
    )

    def load(path: str) -> str:
        if path not in files:
            raise FileNotFoundError(path)
        return files[path]

    blueprint = read_blueprint("web.tex", load, climb=2)
    read = {node.id: node for node in blueprint.nodes}
    # every node, in the modules' order; prose may hold LaTeX nodes of its own
    assert [i for i in read if i in index.nodes] == list(index.nodes)
    prose = "".join(c.text for f in index.modules.values() for c in f.comments)
    assert all(f"\\label{{{i}}}" in prose for i in read if i not in index.nodes)
    for label, node in index.nodes.items():
        got = read[label]
        assert got.statement.lean == list(node.lean_names)
        assert got.env == node.statement.env
        assert got.title == (" ".join(node.title.split()) if node.title is not None else None)
        assert got.statement.text.strip() == node.statement.text
        # `\uses` keeps the labels that are nodes (the others are reported)
        assert got.statement.uses == [u for u in node.statement.uses if u in read]
        if node.proof is None:
            assert got.proof is None
        else:
            assert got.proof is not None
            assert got.proof.text.strip() == node.proof.text
            assert got.proof.uses == [u for u in node.proof.uses if u in read]
