"""The Verso reader on the four Verso Blueprints of issue #15: FLT@071d16bb (blueprint-verso/)
and yuma-mizuno/markoff-modp@ac1099f from tests/data/verso (their licences allow the copy);
ejgallego/verso-noperthedron@58e5b7e3 and ejgallego/verso-sphere-packing@c7eee394 from
checkouts in the projects folder (tests/verso_texts.py says where), skipped without them.

Counts are of nodes, of explicit edges (a used label that is a node, once per user and kind),
of those that are proof edges, and of proofs; a regex count over the included chapter files
gives the same four figures. Each project also has a dozen nodes checked by hand against its
source."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from blueprint.model import EdgeKind, Severity
from blueprint.readers.verso.attribute import NodeKind
from blueprint.readers.verso.nodes import VersoBlueprint
from blueprint.readers.verso.project import find_verso_project, read_verso_project
from tests.verso_texts import project_texts, projects_folder

DATA = Path(__file__).parent / "data" / "verso"
D, T, L, P, C = (NodeKind.DEFINITION, NodeKind.THEOREM, NodeKind.LEMMA, NodeKind.PROPOSITION,
                 NodeKind.COROLLARY)


@cache
def read(root: Path) -> VersoBlueprint:
    if not root.is_dir():
        pytest.skip(f"no checkout at {root}")
    texts, paths = project_texts(root)
    project = find_verso_project(texts, paths)
    assert project is not None
    return read_verso_project(project, texts)


def checkout(name: str) -> Path:
    folder = projects_folder()
    if folder is None:
        pytest.skip("no projects folder (set BLUEPRINT_PROJECTS)")
    return folder / name


@dataclass(frozen=True)
class Seen:
    """A node as read by hand in the source: where, its kind and Lean names, what its
    statement and its proof use, whether it has a proof."""

    label: str
    kind: NodeKind
    at: str  # file name:line of the directive
    lean: tuple[str, ...]
    statement_uses: frozenset[str] = frozenset()
    proof_uses: frozenset[str] = frozenset()
    proof: bool = False


def seen(label: str, kind: NodeKind, at: str, lean: str = "", uses: str = "",
         proof_uses: str | None = None) -> Seen:
    def labels(text: str) -> frozenset[str]:
        return frozenset(x.strip() for x in text.split(",") if x.strip())

    names = tuple(x.strip() for x in lean.split(",") if x.strip())
    return Seen(label, kind, at, names, labels(uses), labels(proof_uses or ""),
                proof_uses is not None)


def check(blueprint: VersoBlueprint, expected: list[Seen]) -> None:
    nodes = {n.label: n for n in blueprint.nodes}
    for want in expected:
        node = nodes[want.label]
        got = Seen(
            node.label, node.kind, f"{node.file.rsplit('/', 1)[-1]}:{node.line}", node.lean,
            frozenset(u.label for u in node.statement_uses),
            frozenset(u.label for u in node.proof_uses), node.proof is not None,
        )
        assert got == want


def counts(blueprint: VersoBlueprint) -> tuple[int, int, int, int]:
    edges = blueprint.edges()
    proofs = sum(1 for n in blueprint.nodes if n.proof is not None)
    return len(blueprint.nodes), len(edges), sum(1 for e in edges if e[2] is EdgeKind.PROOF), proofs


def errors(blueprint: VersoBlueprint) -> list[str]:
    return [str(d) for d in blueprint.diagnostics if d.severity is Severity.ERROR]


def test_flt() -> None:
    blueprint = read(DATA / "flt")
    assert counts(blueprint) == (18, 25, 11, 8)
    assert errors(blueprint) == []
    # the one reference FLT's blueprint leaves dangling at 071d16bb
    assert [(d.file.rsplit("/", 1)[-1], d.line, d.message) for d in blueprint.diagnostics] == [
        ("Level03FreyPackages.lean", 107,
         "B2_proof uses B3_proof, which is no node (did you mean B2_proof?)")]
    b2 = "Statement_B2_FLT_for_p_geq_5_prime"
    b3_b2 = "B_3_no_Frey_Package_implies_B_2_FLT_for_p_geq_5"
    check(blueprint, [
        seen("natural_numbers", D, "Level01Statement.lean:26", "Nat"),
        seen("small_numbers", D, "Level01Statement.lean:39", "One.one", "natural_numbers"),
        seen("addition", D, "Level01Statement.lean:59", "Nat.add", "natural_numbers"),
        seen("multiplication", D, "Level01Statement.lean:73", "Nat.mul",
             "natural_numbers, addition"),
        seen("exponentiation", D, "Level01Statement.lean:80", "Nat.pow",
             "small_numbers, multiplication"),
        seen("leq", D, "Level01Statement.lean:89", "Nat.le", "addition"),
        seen("Statement_B1_FLT", D, "Level01Statement.lean:99", "FLT.Bosses.B1",
             "leq, small_numbers, addition, exponentiation"),
        seen("flt_three", T, "Level02ReductionToPrimeCase.lean:55", "fermatLastTheoremThree",
             proof_uses=""),
        seen("FLT_mono", L, "Level02ReductionToPrimeCase.lean:107",
             "FermatLastTheoremFor.mono", proof_uses=""),
        seen("B2_implies_B1", T, "Level02ReductionToPrimeCase.lean:136",
             "FermatLastTheorem.of_p_ge_5",
             proof_uses=f"{b2}, three_dvd_or_four_dvd_or_prime_dvd, FLT_mono, flt_three, "
                        "flt_four"),
        seen("flt_proof", T, "Level02ReductionToPrimeCase.lean:161", "flt", "Statement_B1_FLT",
             proof_uses=f"{b2}, {b3_b2}, B2_implies_B1, B2_proof"),
        seen("frey_package", D, "Level03FreyPackages.lean:35", "FreyPackage"),
        seen(b3_b2, L, "Level03FreyPackages.lean:60", "FreyPackage.fermatLastTheoremFor_p_ge_5",
             "Statement_B3_no_Frey_Package", proof_uses="frey_package"),
        seen("B2_proof", T, "Level03FreyPackages.lean:101", "FLT.Bosses.B2_proof",
             proof_uses=f"{b3_b2}, B3_proof"),
    ])
    node = {n.label: n for n in blueprint.nodes}["Statement_B1_FLT"]
    assert (node.owner, node.parent, node.chapter) == (
        "flt_author", "definitions", "Stating Fermat's Last Theorem")
    assert [a.name for a in blueprint.authors] == ["FLT Project"]


def test_markoff_modp() -> None:
    blueprint = read(DATA / "markoff-modp")
    assert counts(blueprint) == (76, 123, 0, 5)
    assert blueprint.diagnostics == ()
    # chapters: 6 `#docs` of ProofRoute.lean included by name, CorvajaZannier's `#doc` with
    # its own six `#docs` at level 2, HasseWeilSummary, ExplicitStrongApproximation
    chapters = "BGS/Blueprint/Chapters/"
    assert blueprint.files == ("BGS/Blueprint.lean", *(chapters + name for name in (
        "ProofRoute.lean", "CorvajaZannier.lean", "HasseWeilSummary.lean",
        "ExplicitStrongApproximation.lean")))
    check(blueprint, [
        seen("markoff_surface", D, "ProofRoute.lean:75",
             "BGS.Markoff, BGS.Markoff.MarkoffSurface, BGS.Markoff.PuncturedMarkoffSurface"),
        seen("opening_cyclotomic_bound", T, "ProofRoute.lean:192",
             "BGS.Markoff.prime_le_twenty_pow_gammaOrbit_ncard_cube, "
             "BGS.Markoff.prime_le_twenty_pow_puncturedGammaOrbit_ncard_cube",
             "conic_rotation_orbits"),
        seen("split_endgame_count", T, "ProofRoute.lean:254",
             "BGS.Markoff.exists_weightedSplitTraceWeilBoundAssumption_of_generalHasseWeil, "
             "BGS.Markoff.splitTraceCurveSolutions_count_error_le_of_weilBoundAssumption_and_"
             "positiveExponents, BGS.Markoff.exists_splitPrimitiveTracePair_of_explicitInequality,"
             " BGS.Markoff.exists_threshold_splitFiberPoint_with_primitive_secondTrace",
             "conic_rotation_orbits, affine_hasse_weil, divisor_bound"),
        seen("closed_hasse_weil", T, "HasseWeilSummary.lean:118",
             "BGS.HasseWeil.finiteExtensionClosedPlaceHasseWeil"),
    ])
    nodes = {n.label: n for n in blueprint.nodes}
    by_hand = {  # label: (file:line, kind, number of Lean names, statement uses, has a proof)
        "rotation_dynamics": ("ProofRoute.lean:166", D, 7, {"markoff_action"}, False),
        "conic_rotation_orbits": ("ProofRoute.lean:176", L, 7, {"rotation_dynamics"}, False),
        "giant_orbit": ("ProofRoute.lean:310", T, 4,
                        {"middle_game_escape", "large_order_to_cage", "cage_connected"}, False),
        "strong_approximation_large_primes": (
            "ProofRoute.lean:375", T, 3,
            {"strong_approximation_goal", "punctured_transitivity_large_primes"}, False),
        "corvaja_zannier_proposition_two": (
            "CorvajaZannier.lean:500", P, 4,
            {"corvaja_zannier_plane_curve_proposition_two_orientations"}, False),
        "affine_hasse_weil": ("HasseWeilSummary.lean:158", T, 3, {"closed_hasse_weil"}, False),
        "weighted_joint_neighbor_divisor_moment": (
            "ExplicitStrongApproximation.lean:107", L, 8, set(), False),
        "explicit_numeric_certificates": (
            "ExplicitStrongApproximation.lean:285", L, 12, {"explicit_elementary_divisor_bound"},
            True),
    }
    for label, (at, kind, lean, uses, proof) in by_hand.items():
        node = nodes[label]
        assert (f"{node.file.rsplit('/', 1)[-1]}:{node.line}", node.kind, len(node.lean),
                {u.label for u in node.statement_uses}, node.proof is not None) == (
            at, kind, lean, uses, proof), label
    node = nodes["opening_cyclotomic_bound"]
    assert (node.parent, node.priority, node.tags) == (
        "opening", "high", ("proved-in-lean", "cyclotomic-norm"))
    assert node.chapter == "The opening"
    assert nodes["corvaja_zannier_proposition_two"].effort == "large"
    assert nodes["corvaja_zannier_proposition_two"].chapter == (
        "The Corvaja--Zannier torsion-intersection bound")
    assert nodes["markoff_surface"].source is None
    assert [s.label for s in blueprint.source_documents] == [
        "bgs-published-selected-route", "eddy-fuchs-litman-martin-tripeny"]


def test_verso_noperthedron() -> None:
    blueprint = read(checkout("verso-noperthedron"))
    assert counts(blueprint) == (68, 84, 70, 59)
    assert errors(blueprint) == []
    (submodule,) = [d for d in blueprint.diagnostics if "submodule" in d.message]
    assert (submodule.file, submodule.line) == ("lakefile.lean", 4)
    # ten ```lean "code:..." blocks whose labels name no node (Verso keeps them as code)
    assert len(blueprint.unattached_code) == 10
    check(blueprint, [
        seen("c1_c2_c3_norms", L, "Noperthedron.lean:133",
             "c1_norm_one, c2_norm_bound, c3_norm_bound", proof_uses=""),
        seen("lemma:half_nopert_verts_norm_le_one", L, "Noperthedron.lean:414",
             "exactVertex_norm_le_one", proof_uses=""),
        seen("lem:RaRa", L, "Bounding.lean:82",
             "Bounding.norm_rotR_sub_rotR_lt, Bounding.norm_RxL_sub_RxL_eq, "
             "Bounding.norm_RyL_sub_RyL_eq, Bounding.norm_RzL_sub_RzL_eq", proof_uses=""),
        seen("thm:rupert_iff_rupert_set", T, "Prelims.lean:51", "rupert_iff_rupert_set",
             proof_uses=""),
        seen("lem:leq1", L, "GlobalTheorem.lean:106", proof_uses=""),
        seen("lem:langles", L, "LocalTheorem.lean:96", "Local.langles", proof_uses=""),
        seen("lem:inCirc", L, "LocalTheorem.lean:280", "Local.inCirc",
             proof_uses="lem:sqrt2, lem:sqrt5"),
        seen("dfn:sin_cos_approx", D, "Rational.lean:47",
             "RationalApprox.sinℚ, RationalApprox.cosℚ"),
        seen("corr:deltakappa", C, "Rational.lean:525",
             proof_uses="corr:kappa1kappa, lem:RaRalpha"),
        seen("thm:row_valid_imp_not_rupert_ix", T, "Computational.lean:112",
             "Solution.Row.valid_imp_not_rupert_ix, Solution.valid_split_imp_no_rupert, "
             "Solution.valid_single_param_split_imp_no_rupert, "
             "Solution.valid_full_split_imp_no_rupert, Solution.valid_param_split_imp_no_rupert",
             "def:noperthedron", proof_uses="thm:solution_global, thm:solution_local"),
        seen("thm:nopert_not_rupert_set", T, "Main.lean:179", "nopert_not_rupert_set",
             "def:noperthedron", proof_uses="thm:no_nopert_matrix_pose"),
        seen("def:noperthedron", D, "Noperthedron.lean:392", "exactVertex, exactPolyhedron",
             "def:pointsymmetrize, def:C15"),
    ])
    assert "thm:polyhedron_radius_def" not in {n.label for n in blueprint.nodes}  # not included


def test_verso_sphere_packing() -> None:
    blueprint = read(checkout("verso-sphere-packing"))
    assert counts(blueprint) == (139, 306, 81, 93)
    assert errors(blueprint) == []
    # `SpherePacking` is a remark in the LaTeX blueprint: only a ```tex witness here
    only_tex = [d for d in blueprint.diagnostics if "only a ```tex witness" in d.message]
    assert len(only_tex) == 5
    check(blueprint, [
        seen("SpherePacking.balls", D, "SpherePackings.lean:83", "SpherePacking.balls"),
        seen("thm:periodic-packing-optimal", T, "SpherePackings.lean:388",
             "periodic_constant_eq_constant",
             "SpherePacking.density, def:Periodic-sphere-packing-constant", proof_uses=""),
        seen("E8-is-basis", L, "E8.lean:168", "span_E8Matrix_eq_top", "E8-Matrix",
             proof_uses=""),
        seen("lemma:inv-power-summable", L, "FourierAnalysis.lean:153", proof_uses=""),
        seen("lemma:Gamma-2-generators", L, "ModularForms.lean:137", "Γ2_generate",
             "def:Gamma-generators"),
        seen("lemma:E2-transform-S", L, "ModularForms.lean:388", "E₂_transform", "def:E2",
             proof_uses=""),
        seen("cor:dim-mf", C, "ModularForms.lean:733", "", "def:Mk, thm:lvl1_dims",
             proof_uses=""),
        seen("cor:theta-pos", C, "ModularForms.lean:1182", "H₂_imag_axis_pos, H₄_imag_axis_pos",
             "lemma:jacobi-identity, lemma:theta-transform-S-T",
             proof_uses="lemma:jacobi-identity"),
        seen("lemma:phi0-transform", L, "MagicFunctions.lean:86", "",
             "def:phi4-phi2-phi0, lemma:Ek-is-modular-form, lemma:E2-transform-S, "
             "lemma:disc-cuspform", proof_uses=""),
        seen("prop:a-double-zeros", L, "MagicFunctions.lean:666", "",
             "cor:phi0-near-0-infty, def:a-definition, cor:disc-nonvanishing",
             proof_uses="cor:phi0-near-0-infty"),
        seen("prop:b-fourier", L, "MagicFunctions.lean:1125", "MagicFunction.b.Fourier.eig_b",
             "def:b-definition, lemma:Gaussian-Fourier, def:psiI-psiT-psiS, prop:b-schwartz",
             proof_uses="prop:a-fourier"),
        seen("lemma:FG-de", L, "ModularInequalities.lean:244", "MLDE_F, MLDE_G",
             "thm:ramanujan-formula, thm:serre-der-prod-rule, prop:theta-der, "
             "lemma:lv1-lv2-identities",
             proof_uses="thm:ramanujan-formula, thm:serre-der-prod-rule, prop:theta-der, "
                        "lemma:lv1-lv2-identities"),
    ])
    tex = {n.label: [w.slot for w in n.tex] for n in blueprint.nodes}
    assert tex["SpherePacking.balls"] == ["default"]
    assert tex["thm:periodic-packing-optimal"] == ["default", "proof"]
