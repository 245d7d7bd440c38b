"""The LaTeX reader on the seven real blueprints of tests/corpus, against the graphs
leanblueprint drew for them (reference-nonreduced.json). Every difference is listed below
with its reason; anything else that differs fails."""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from blueprint.model import Blueprint, Node, Severity
from blueprint.readers.latex import read_blueprint
from tests.conftest import REPO, corpus_projects
from tests.helpers import CORPUS

PROJECTS = [
    "pfr",
    "FLT",
    "sphere-eversion",
    "flt-regular",
    "con-nf",
    "PrimeNumberTheoremAnd",
    "LeanCamCombi",
]
PLASTEX_ID = re.compile(r"a\d{10}")  # an unlabelled environment: not a stable id

Edge = tuple[str, str]
HAAR = "MeasureTheory.addEquivAddHaarChar_eq_ringHaarChar_det"
HAAR_BOTH = f"{HAAR}, {HAAR}_of_existsListTransvecEtc"


@dataclass(frozen=True)
class Known:
    """The differences from leanblueprint in one project, each with its reason."""

    renamed: dict[str, tuple[str, str]] = field(default_factory=dict)  # ref id -> (ours, why)
    extra_edges: dict[Edge, str] = field(default_factory=dict)  # ours, not in the reference
    proof_status: dict[str, str] = field(default_factory=dict)  # node -> why proved differs
    diagnostics: tuple[int, int] = (0, 0)  # our (errors, warnings): see the comments
    # with dep_by, leanblueprint draws one graph per unit and drops edges between units
    cross_unit_edges: bool = False


TWO_LABELS = "two \\label: leanblueprint names the node by the last, we by the first (alias)"
SECOND_USES = "a second \\uses in the statement: leanblueprint keeps only the last one"

KNOWN = {
    "pfr": Known(
        renamed={
            "rhoMinus_nonneg": ("rhominus-nonneg", TWO_LABELS),
            "rho_of_uniform": ("rho-init", TWO_LABELS),
        },
        extra_edges={("eta-def-multi", "tau-def-multi"): SECOND_USES},
    ),
    "FLT": Known(
        renamed={
            HAAR_BOTH: (HAAR, "\\label{A,\\n B}: leanblueprint makes one id 'A, B'; ours is A"),
        },
        extra_edges={
            (HAAR, target): "\\uses{A} now names the node labelled 'A, B' (an unknown label before)"
            for target in (
                "MeasureTheory.algebra_ringHaarChar_eq_ringHaarChar_det",
                "IsSimpleRing.ringHaarChar_eq_addEquivAddHaarChar_mulRight",
                "MeasureTheory.addHaarScalarFactor_tensor_adeles_eq_one",
            )
        },
        # warnings: the \label{A, B}; 9 \uses and 1 \proves of labels that do not exist
        diagnostics=(0, 11),
        cross_unit_edges=True,
    ),
    "sphere-eversion": Known(
        extra_edges={
            ("def:one_jet_space", "lem:one_jet_extension_prop"): (
                "\\uses inside an enumerate of the statement: leanblueprint gives it to the item"
            ),
            ("def:index_type", "lem:inductive_construction"): SECOND_USES,
        },
        diagnostics=(0, 1),  # \uses{def:holonomic_loc}: no such label
    ),
    "flt-regular": Known(
        diagnostics=(0, 3),  # three \uses of labels that do not exist
    ),
    "con-nf": Known(cross_unit_edges=True),
    "PrimeNumberTheoremAnd": Known(
        extra_edges={
            (used, "thm:criterion"): "leanblueprint detached the proof at Lcm.tex:301"
            for used in ("lem:criterion-reduced", "lem:criterion-sufficient")
        },
        proof_status={"thm:criterion": "leanblueprint detached its proof (Lcm.tex:301)"},
        # errors: two proofs never closed (Wiener.tex:266, ZetaBounds.tex:631), an
        # unbalanced { (Lcm.tex:260); warning: \uses{leam:sigmaM-lower-final}, a typo
        diagnostics=(3, 1),
    ),
    "LeanCamCombi": Known(),
}


def test_the_corpus_travels_with_the_repository() -> None:
    """A clone has every project the corpus tests read, each with its source and licence."""
    assert CORPUS.is_relative_to(REPO)
    assert sorted(p.name for p in corpus_projects()) == sorted(PROJECTS)
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert "Apache License" in (CORPUS / "LICENSE-Apache-2.0").read_text(encoding="utf-8")
    for project in PROJECTS:
        source = json.loads((CORPUS / project / "SOURCE.json").read_text(encoding="utf-8"))
        assert source["license"] == "Apache-2.0", project
        assert re.fullmatch(r"[0-9a-f]{40}", source["commit"]) and source["commit"] in readme
    files = [str(p.relative_to(REPO)) for p in CORPUS.rglob("*") if p.is_file()]
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"],
        input="\n".join(files),
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ignored.returncode == 1, ignored.stdout + ignored.stderr  # 1: none is ignored


def blueprint_folder(project: str) -> Path:
    folder = CORPUS / project / "blueprint" / "src"
    return folder if folder.is_dir() else CORPUS / project / "blueprint"


@cache
def read_project(project: str) -> Blueprint:
    folder = blueprint_folder(project)

    def load(path: str) -> str:
        file = folder / path
        if not file.is_file():
            raise FileNotFoundError(path)
        return file.read_text(encoding="utf-8")

    return read_blueprint("web.tex", load)


@cache
def reference(project: str) -> dict[str, Any]:
    reference_file = CORPUS / project / "reference-nonreduced.json"
    data: dict[str, Any] = json.loads(reference_file.read_text())
    return data


def our_edges(blueprint: Blueprint) -> dict[Edge, str]:
    """Statement uses are dashed, proof uses solid; a pair in both is dashed."""
    edges: dict[Edge, str] = {}
    for node in blueprint.nodes:
        for used in node.proof.uses if node.proof else []:
            edges[(used, node.id)] = "solid"
        for used in node.statement.uses:
            edges[(used, node.id)] = "dashed"
    return edges


def reference_edges(project: str) -> dict[Edge, str]:
    """The reference's edges, its node ids renamed to ours where they differ."""
    rename = {old: new for old, (new, _) in KNOWN[project].renamed.items()}
    return {
        (rename.get(source, source), rename.get(target, target)): style
        for source, target, style in reference(project)["edges"]
    }


def matching_nodes(project: str) -> list[tuple[dict[str, Any], Node]]:
    ours = {node.id: node for node in read_project(project).nodes}
    rename = KNOWN[project].renamed
    return [
        (data, ours[rename[ref_id][0] if ref_id in rename else ref_id])
        for ref_id, data in reference(project)["nodes"].items()
        if not PLASTEX_ID.fullmatch(ref_id)
    ]


@pytest.mark.parametrize("project", PROJECTS)
def test_every_labelled_node_has_the_same_environment_and_lean_names(project: str) -> None:
    ref = reference(project)
    ours = {node.id: node for node in read_project(project).nodes}
    rename = KNOWN[project].renamed
    for ref_id, data in ref["nodes"].items():
        if PLASTEX_ID.fullmatch(ref_id):
            continue
        our_id = rename[ref_id][0] if ref_id in rename else ref_id
        assert our_id in ours, ref_id
        assert ours[our_id].env == data["kind"], ref_id
        assert ours[our_id].lean == data["lean"], ref_id


@pytest.mark.parametrize("project", PROJECTS)
def test_same_nodes_in_number_and_kind(project: str) -> None:
    ref = reference(project)
    blueprint = read_project(project)
    assert Counter(node.env for node in blueprint.nodes) == Counter(ref["kind_counts"])
    unlabelled = [ref_id for ref_id in ref["nodes"] if PLASTEX_ID.fullmatch(ref_id)]
    assert sum(not node.labelled for node in blueprint.nodes) == len(unlabelled)


@pytest.mark.parametrize("project", PROJECTS)
def test_edges_cover_the_reference_and_every_extra_edge_is_explained(project: str) -> None:
    known = KNOWN[project]
    ours, theirs = our_edges(read_project(project)), reference_edges(project)
    matched = [edge for edge, style in theirs.items() if ours.get(edge) == style]
    assert len(matched) >= 0.99 * len(theirs)
    assert [edge for edge in theirs if edge not in matched] == []  # in fact all of them
    extra = {edge for edge in ours if edge not in theirs}
    if known.cross_unit_edges:
        extra = {edge for edge in extra if not crosses_units(project, edge)}
    assert extra == set(known.extra_edges)


def crosses_units(project: str, edge: Edge) -> bool:
    """Whether the reference drew the edge's ends in different dep_by graphs."""
    graphs = {ref_id: set(data["graphs"]) for ref_id, data in reference(project)["nodes"].items()}
    rename = {new: old for old, (new, _) in KNOWN[project].renamed.items()}
    source, target = (graphs.get(rename.get(end, end), set()) for end in edge)
    return bool(source) and bool(target) and not source & target


@pytest.mark.parametrize("project", PROJECTS)
def test_statement_flags_agree_with_the_reference_borders(project: str) -> None:
    """mathlib, stated and not_ready borders follow from the statement's own macros."""
    for data, node in matching_nodes(project):
        statement = node.statement
        expected = (
            "mathlib"
            if statement.mathlibok
            else "stated"
            if statement.leanok
            else "not_ready"
            if statement.notready
            else None
        )
        if expected is None:
            assert data["border_status"] in ("can_state", "none"), node.id
        else:
            assert data["border_status"] == expected, node.id


@pytest.mark.parametrize("project", PROJECTS)
def test_proofs_agree_with_the_reference_fills(project: str) -> None:
    """A theorem's fill is proved (or fully proved) exactly when its proof has \\leanok."""
    known = KNOWN[project]
    for data, node in matching_nodes(project):
        if node.is_definition:
            continue
        proved = node.proof is not None and (node.proof.leanok or node.proof.mathlibok)
        reference_proved = data["fill_status"] in ("proved", "fully_proved")
        assert (proved != reference_proved) == (node.id in known.proof_status), node.id


@pytest.mark.parametrize("project", PROJECTS)
def test_diagnostics_are_the_expected_ones(project: str) -> None:
    blueprint = read_project(project)
    counts = Counter(d.severity for d in blueprint.diagnostics)
    assert (counts[Severity.ERROR], counts[Severity.WARNING]) == KNOWN[project].diagnostics


def test_options_and_settings_of_the_corpus() -> None:
    flt = read_project("FLT").options
    assert (flt.dep_by, len(flt.colors), flt.title) == (
        "chapter",
        7,
        "Towards a Lean proof of Fermat's Last Theorem",
    )
    assert flt.github == "https://github.com/ImperialCollegeLondon/FLT"
    assert read_project("con-nf").options.dep_by == "chapter"
    assert read_project("pfr").options.dochome == "https://teorth.github.io/pfr/docs"
    assert read_project("flt-regular").options.home == (
        "https://leanprover-community.github.io/flt-regular/"
    )
