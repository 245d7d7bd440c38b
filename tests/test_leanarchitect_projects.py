"""The LeanArchitect reader on three whole projects, at the commits of issue #14.

Each test skips when its checkout is not in $BLUEPRINT_PROJECTS (default /work/projects):
PrimeNumberTheoremAnd@e94b9fb5, infinitary-logic@e66864d, LeanArchitect-example@1c394d3.
The counts were taken by hand (grep, reading) and in docs/leanarchitect.md.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from blueprint.analysis import Analysis
from blueprint.analysis.export import export_data
from blueprint.build import analyze
from blueprint.config import BlueprintFormat
from blueprint.model import Node, Severity
from blueprint.readers.leanarchitect.index import (
    InputKind,
    LeanInput,
    ModuleIndex,
    coverage,
    index_modules,
)
from blueprint.readers.leanarchitect.records import LeanArchitectFile
from tests.test_leanarchitect_source import read_tree

PROJECTS = Path(os.environ.get("BLUEPRINT_PROJECTS", "/work/projects"))
_INPUT_RE = re.compile(r"\\(inputleannode|inputleanmodule)\{([^}]*)\}")
_COMMENT_RE = re.compile(r"(?<!\\)%.*")


def project(name: str) -> Path:
    root = PROJECTS / name
    if not root.is_dir():
        pytest.skip(f"{root} is not checked out")
    return root


def inputs_of(root: Path, tex: str) -> list[LeanInput]:
    """The `\\inputlean...` of one LaTeX file, outside comments."""
    found = []
    for number, line in enumerate((root / tex).read_text(encoding="utf-8").splitlines(), 1):
        for m in _INPUT_RE.finditer(_COMMENT_RE.sub("", line)):
            found.append(LeanInput(InputKind(m.group(1)), m.group(2), tex, number))
    return found


def library(root: Path, top: str) -> list[LeanArchitectFile]:
    return [f for f in read_tree(root) if f.module.startswith(top + ".")]


def explicit_edges(index: ModuleIndex) -> set[tuple[str, str, str]]:
    edges = set()
    for node in index.nodes.values():
        edges |= {(u, node.label, "statement") for u in node.statement.uses}
        if node.proof is not None:
            edges |= {(u, node.label, "proof") for u in node.proof.uses}
    return edges


def test_prime_number_theorem_and() -> None:
    root = project("PrimeNumberTheoremAnd")
    files = library(root, "PrimeNumberTheoremAnd")
    decls = [d for f in files for d in f.declarations]
    assert len(decls) == 996
    assert sum(1 for f in files if f.declarations) == 54
    raw = sum(
        len(re.findall(r"@\[blueprint", (root / f.file).read_text(encoding="utf-8"))) for f in files
    )
    assert raw == 996 + 3  # three are commented out
    assert sum(len(f.comments) for f in files) == 233
    options = Counter(
        name
        for d in decls
        for name, given in (
            ("statement", d.attribute.statement is not None),
            ("title", d.attribute.title is not None),
            ("latexEnv", d.attribute.latex_env is not None),
            ("proof", d.attribute.proof is not None),
            ("discussion", d.attribute.discussion is not None),
            ("proofUses", bool(d.attribute.proof_uses)),
            ("uses", bool(d.attribute.uses)),
        )
        if given
    )
    assert options == {
        "statement": 966,
        "title": 914,
        "latexEnv": 677,
        "proof": 630,
        "discussion": 293,
        "proofUses": 30,
        "uses": 9,
    }
    index = index_modules(files)
    assert len(index.nodes) == 953  # 26 labels are shared by several declarations
    assert index.nodes["li-def"].lean_names == ("li", "Li")
    # every `uses` name resolves; the only findings are two `\nu` read as a newline
    assert [(d.file, d.line, d.severity) for d in index.diagnostics] == [
        ("PrimeNumberTheoremAnd/IEANTN/Chebyshev.lean", 163, Severity.WARNING),
        ("PrimeNumberTheoremAnd/IEANTN/Chebyshev.lean", 204, Severity.WARNING),
    ]
    edges = explicit_edges(index)
    assert len(edges) == 73
    prose_only = {u for u, _, _ in edges if u not in index.nodes}
    assert prose_only == {"SumBoundII", "GapSize"}  # \label{} inside blueprint_comment prose
    inputs = inputs_of(root, "blueprint/src/blueprint.tex")
    assert Counter(i.kind for i in inputs) == {InputKind.MODULE: 48}
    found = coverage(index, inputs)
    assert [(i.name, i.line, hint) for i, hint in found.unknown] == [
        ("PrimeNumberTheoremAnd.IEANTN.CostaPereira", 178, None)
    ]
    assert len(found.modules_never_input) == 14
    assert "PrimeNumberTheoremAnd.Unused.ZetaBoundsUnused" in found.modules_never_input
    assert len(found.never_input) == 32


def test_infinitary_logic() -> None:
    root = project("infinitary-logic")
    files = library(root, "InfinitaryLogic")
    index = index_modules(files)
    assert len(index.nodes) == 80 and index.diagnostics == ()
    assert sum(1 for f in files if f.declarations) == 45
    assert all(n.title is not None for n in index.nodes.values())  # all doc comment titles
    assert len(explicit_edges(index)) == 107
    assert all(u in index.nodes for u, _, _ in explicit_edges(index))
    inputs = inputs_of(root, "blueprint/src/content.tex")
    assert Counter(i.kind for i in inputs) == {InputKind.NODE: 79}
    found = coverage(index, inputs)
    assert found.unknown == ()
    assert [(n.label, n.first.file, n.first.line) for n in found.never_input] == [
        ("thm:morley-hanf-tail", "InfinitaryLogic/Conditional/MorleyHanfTransfer.lean", 542)
    ]


def test_lean_architect_example() -> None:
    """hanwenzhu/LeanArchitect-example: its README's pictures show these nodes and edges."""
    root = project("LeanArchitect-example")
    index = index_modules(library(root, "Example"))
    assert index.module_contents("Example.MyNat") == (
        "MyNat",
        "def:nat-add",
        "MyNat.zero_add",
        "MyNat.succ_add",
        "MyNat.add_comm",
        "MyNat.mul",
        "MyNat.mul_comm",
        "thm:flt",
    )
    nodes = index.nodes
    assert [nodes[n].statement.env for n in ("MyNat", "def:nat-add", "MyNat.zero_add")] == [
        "definition",
        "definition",
        "theorem",
    ]
    comm = nodes["MyNat.add_comm"].proof
    assert comm is not None and comm.text == (
        "The base case follows from \\cref{MyNat.zero_add}.\n\n"
        "The inductive case follows from \\cref{MyNat.succ_add}."
    )
    flt = nodes["thm:flt"]
    assert (flt.title, flt.not_ready, flt.discussion) == ("Taylor-Wiles", True, 1)
    assert flt.proof is not None and flt.proof.text == "See \\cite{Wiles1995, Taylor-Wiles1995}."
    # the edges written in the source; the picture's others are inferred by elaboration
    assert explicit_edges(index) == {
        ("def:nat-add", "MyNat.mul", "statement"),  # (uses := [add])
        ("MyNat.succ_add", "MyNat.add_comm", "proof"),  # sorry_using [succ_add]
        ("MyNat.mul", "thm:flt", "statement"),  # (uses := [mul])
        ("MyNat.mul_comm", "thm:flt", "proof"),  # (proofUses := [mul_comm])
    }
    found = coverage(index, inputs_of(root, "blueprint/src/content.tex"))
    assert (found.unknown, found.never_input, found.modules_never_input) == ((), (), ())


# --- the whole projects built from their sources -------------------------------------------


def built(root: Path, cache: Path) -> tuple[Analysis, dict[str, Node], dict[tuple[str, str], str]]:
    """The project analysed as `blueprint build` does (its cache elsewhere), its nodes by id
    and its edges as "kind origin"."""
    analysis = analyze(root, cache_dir=cache)
    edges = {
        (e["source"], e["target"]): f"{e['kind']} {e['origin']}"
        for e in export_data(analysis)["edges"]  # type: ignore[union-attr]
    }
    return analysis, {node.id: node for node in analysis.nodes}, edges


def marks(node: Node) -> tuple[bool, bool | None]:
    return node.statement.leanok, node.proof.leanok if node.proof is not None else None


def uses(edges: dict[tuple[str, str], str], target: str) -> dict[str, str]:
    return {u: kind for (u, v), kind in edges.items() if v == target}


def test_prime_number_theorem_and_builds_from_its_sources(tmp_path: Path) -> None:
    root = project("PrimeNumberTheoremAnd")
    analysis, nodes, edges = built(root, tmp_path)
    assert analysis.config.format is BlueprintFormat.LEANARCHITECT
    # 953 labels, 32 never input, 4 whose latexEnv is a remark (no graph node), and 23
    # LaTeX nodes of the modules' prose
    assert len(nodes) == 940 and sum(n.from_lean for n in nodes.values()) == 917
    assert Counter(edges.values()) == {
        "statement explicit": 15,
        "proof explicit": 90,
        "statement inferred": 662,
        "proof inferred": 1127,
    }
    warnings = [d for d in analysis.diagnostics if d.severity is Severity.WARNING]
    assert sum("the document never inputs" in d.message for d in warnings) == 14
    assert [(d.file, d.line) for d in warnings if "no such Lean module" in d.message] == [
        ("blueprint/src/blueprint.tex", 178)
    ]
    assert not [d for d in analysis.diagnostics if d.severity is Severity.ERROR]
    # a dozen nodes, read by hand in the sources
    li = nodes["li-def"]  # Defs.lean:73 (li) and :84 (Li): one label, two declarations
    assert (li.file, li.line, li.lean, li.title) == (
        "PrimeNumberTheoremAnd/Defs.lean", 79, ["li", "Li"], "li and Li"
    )
    assert li.is_definition and marks(li) == (True, None)
    mono = nodes["admissible-bound-monotone"]
    assert (mono.env, mono.discussion, mono.lean) == ("lemma", "900", ["admissible_bound.mono"])
    assert mono.proof is not None and mono.proof.text.split() == (
        ["Differentiate", "the", "bound", "and", "check", "the", "sign."]
    )
    decay = nodes["prelim-decay-2"]  # `:= by sorry`
    assert marks(decay) == (True, False) and decay.discussion == "562"
    cheby = nodes["cheby-T-upper"]  # `T.le` in namespace Chebyshev; its type names T
    assert (cheby.lean, cheby.discussion, marks(cheby)) == (["Chebyshev.T.le"], "831", (True, True))
    assert uses(edges, "cheby-T-upper") == {"cheby-def-T": "statement inferred"}
    fks = nodes["fks-corollary-2-9"]  # a def with `bound := by sorry` in its value
    assert (fks.line, marks(fks)) == (165, (False, None))
    mertens = nodes["Meissel-Mertens-constant"]  # one label in two modules, shown once
    assert mertens.lean == ["Mertens.M", "meisselMertensConstant"]
    sum_bound = nodes["SumBoundII"]  # a LaTeX lemma in StrongPNT.lean's prose
    assert not sum_bound.from_lean and sum_bound.file == "PrimeNumberTheoremAnd/StrongPNT.lean"
    assert uses(edges, "SumBoundII") == {
        "LogDerivZetaFinalBound": "proof explicit",
        "ZeroInequality": "proof explicit",
        "DeltaRange": "proof explicit",
    }
    first = nodes["first-fourier"]
    assert first.statement.text.startswith("If $\\psi: \\R \\to \\C$ is integrable and $x > 0$")
    assert analysis.statuses["first-fourier"].fill.value == "fully_proved"
    psi = nodes["ChebyshevPsi"]
    assert (psi.file, psi.line, psi.title) == ("PrimeNumberTheoremAnd/MediumPNT.lean", 49,
                                               "ChebyshevPsi")
    goldbach = nodes["even-goldbach"]
    assert goldbach.title == "Even Goldbach conjecture up to a given height"
    medium = uses(edges, "MediumPNT")  # its proof calls the smoothing lemmas by name
    assert medium["Smooth1Properties_above"] == "proof inferred" and len(medium) == 31


def test_infinitary_logic_builds_from_its_sources(tmp_path: Path) -> None:
    analysis, nodes, edges = built(project("infinitary-logic"), tmp_path)
    assert len(nodes) == 79 and all(n.from_lean for n in nodes.values())
    assert Counter(edges.values()) == {
        "statement explicit": 79,
        "proof explicit": 18,
        "statement inferred": 32,
        "proof inferred": 22,
    }
    assert sum(n.proof is not None and n.proof.leanok for n in nodes.values()) == 59
    warnings = [d for d in analysis.diagnostics if d.severity is Severity.WARNING]
    assert [(d.file, d.line) for d in warnings] == [
        ("InfinitaryLogic/Conditional/MorleyHanfTransfer.lean", 542)  # never input
    ]
    bf = nodes["def:BFEquiv"]
    assert (bf.file, bf.line, bf.title) == (
        "InfinitaryLogic/Scott/BackAndForth.lean", 123, "Back-and-forth equivalence"
    )
    stab = nodes["def:stabilization-ordinal"]  # its value names StabilizesAt, untagged
    assert stab.title == "Stabilization ordinal"  # a doc comment title
    assert uses(edges, "def:stabilization-ordinal") == {"def:BFEquiv": "statement inferred"}
    conditional = uses(edges, "thm:scott-characterizes-of")
    assert conditional == {
        "def:BFEquiv": "statement inferred",  # through CountableRefinementHypothesis
        "def:scott-sentence": "statement explicit",  # in its type, and in proofUses
        "thm:scottFormula-iff": "proof explicit",
        "def:stabilization-ordinal": "proof explicit",
    }
    assert uses(edges, "thm:CRH") == {
        "def:BFEquiv": "statement inferred",
        "thm:self-stabilization": "proof explicit",
    }
    assert uses(edges, "thm:scott-characterizes") == {
        "def:scott-sentence": "statement inferred",
        "thm:scott-characterizes-of": "proof explicit",
        "thm:CRH": "proof explicit",
    }
    silver = nodes["thm:silver-burgess-proved"]  # InfinitaryLogicConditional, input library
    assert marks(silver) == (True, True)
    assert analysis.statuses["thm:karp-theorem"].fill.value == "fully_proved"
    assert uses(edges, "thm:omitting-types") == {
        "thm:model-existence": "proof explicit",
        "def:omits-type": "statement explicit",
    }
    assert nodes["thm:model-existence"].file == (
        "InfinitaryLogic/Methods/Henkin/ModelExistence.lean"
    )
    assert "thm:morley-hanf-tail" not in nodes


def test_lean_architect_example_builds_from_its_sources(tmp_path: Path) -> None:
    analysis, nodes, edges = built(project("LeanArchitect-example"), tmp_path)
    assert list(nodes) == [
        "MyNat", "def:nat-add", "MyNat.zero_add", "MyNat.succ_add", "MyNat.add_comm",
        "MyNat.mul", "MyNat.mul_comm", "thm:flt",
    ]
    assert [marks(n) for n in nodes.values()] == [
        (True, None), (True, None),
        (True, True),  # no sorry
        (True, False),  # sorry
        (True, False),  # sorry_using
        (False, None),  # `def mul ... := sorry`
        (True, False),
        (False, False),  # `theorem flt : (sorry : Prop) := sorry`
    ]
    assert uses(edges, "thm:flt") == {
        "MyNat.mul": "statement explicit", "MyNat.mul_comm": "proof explicit"
    }
    assert uses(edges, "MyNat.add_comm") == {
        "MyNat": "statement inferred",
        "def:nat-add": "statement inferred",
        "MyNat.succ_add": "proof explicit",
    }
    flt = nodes["thm:flt"]
    assert (flt.title, flt.discussion, flt.statement.notready) == ("Taylor-Wiles", "1", True)
    assert analysis.statuses["thm:flt"].border.value == "not_ready"
    assert analysis.statuses["MyNat.zero_add"].fill.value == "fully_proved"
