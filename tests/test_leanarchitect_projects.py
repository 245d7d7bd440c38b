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

from blueprint.model import Severity
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
