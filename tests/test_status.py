"""leanblueprint's status rules, case by case (see ../shared/notes/leanblueprint.md)."""

from __future__ import annotations

from dataclasses import replace

from blueprint.analysis.graph import build_graph
from blueprint.analysis.status import NodeStatus, compute_statuses, formalization_from_annotations
from blueprint.model import Border, Fill, Node
from tests.helpers import make_node


def statuses(*nodes: Node) -> dict[str, NodeStatus]:
    graph = build_graph(nodes)
    formal = {node.id: formalization_from_annotations(node) for node in nodes}
    return compute_statuses(nodes, graph, formal)


def test_node_without_dependencies_is_ready_to_state_but_not_to_prove_without_proof() -> None:
    result = statuses(make_node("a", proof=False))["a"]
    assert (result.border, result.fill) == (Border.CAN_STATE, Fill.NONE)


def test_node_with_proof_and_no_dependencies_is_ready_to_prove() -> None:
    result = statuses(make_node("a"))["a"]
    assert (result.border, result.fill) == (Border.CAN_STATE, Fill.CAN_PROVE)


def test_statement_dependency_not_formalized_blocks_stating_and_proving() -> None:
    result = statuses(make_node("d", env="definition"), make_node("a", uses=["d"]))
    assert (result["a"].border, result["a"].fill) == (Border.NONE, Fill.NONE)
    assert (result["d"].border, result["d"].fill) == (Border.CAN_STATE, Fill.CAN_PROVE)


def test_formalized_definition_is_defined() -> None:
    result = statuses(make_node("d", env="definition", leanok=True, proof=False))["d"]
    assert (result.border, result.fill) == (Border.STATED, Fill.DEFINED)


def test_sorried_lemma_still_unblocks_its_users() -> None:
    # "ready" looks at statements only: a stated but unproved lemma unblocks the proof.
    result = statuses(make_node("l", leanok=True), make_node("t", proof_uses=["l"]))
    assert result["l"].fill is Fill.CAN_PROVE
    assert (result["t"].border, result["t"].fill) == (Border.CAN_STATE, Fill.CAN_PROVE)


def test_proof_dependency_does_not_block_the_statement() -> None:
    result = statuses(make_node("l"), make_node("t", proof_uses=["l"]))["t"]
    assert (result.border, result.fill) == (Border.CAN_STATE, Fill.NONE)


def test_fully_proved_needs_every_ancestor_proved_or_a_definition() -> None:
    result = statuses(
        make_node("d", env="definition", leanok=True, proof=False),
        make_node("l", uses=["d"], leanok=True, proof_leanok=True),
        make_node("t", proof_uses=["l"], leanok=True, proof_leanok=True),
    )
    assert result["t"].fill is Fill.FULLY_PROVED
    assert result["l"].fill is Fill.FULLY_PROVED
    assert result["d"].fill is Fill.DEFINED  # definitions never show fully_proved


def test_proved_but_an_ancestor_is_not() -> None:
    result = statuses(
        make_node("l", leanok=True),
        make_node("t", proof_uses=["l"], leanok=True, proof_leanok=True),
    )
    assert result["t"].fill is Fill.PROVED
    assert not result["t"].fully_proved


def test_theorem_without_proof_environment_is_never_proved() -> None:
    result = statuses(
        make_node("l", leanok=True, proof=False),
        make_node("t", proof_uses=["l"], leanok=True, proof_leanok=True),
    )
    assert result["l"].fill is Fill.NONE
    assert result["t"].fill is Fill.PROVED


def test_an_empty_proof_is_not_ready_to_prove() -> None:
    # leanblueprint tests its proof element for truth: an empty proof is no proof
    # (brownian-motion's `\\begin{proof}\\n\\n\\end{proof}` placeholders)
    def with_empty_proof(node: Node) -> Node:
        assert node.proof is not None
        return replace(node, proof=replace(node.proof, empty=True))

    result = statuses(
        make_node("d", env="definition", leanok=True, proof=False),
        with_empty_proof(make_node("a", uses=["d"])),
        with_empty_proof(make_node("s", leanok=True)),
    )
    assert (result["a"].border, result["a"].fill) == (Border.CAN_STATE, Fill.NONE)
    assert (result["s"].border, result["s"].fill) == (Border.STATED, Fill.NONE)
    assert not result["a"].can_prove and not result["s"].can_prove


def test_mathlibok_counts_as_leanok_and_shows_mathlib_border() -> None:
    result = statuses(
        make_node("m", mathlibok=True, proof=False), make_node("t", uses=["m"], leanok=True)
    )
    assert result["m"].border is Border.MATHLIB
    assert result["t"].border is Border.STATED
    assert result["t"].fill is Fill.CAN_PROVE


def test_notready_border_only_when_not_stated_and_it_blocks_stating() -> None:
    result = statuses(make_node("n", notready=True), make_node("s", notready=True, leanok=True))
    assert result["n"].border is Border.NOT_READY
    assert not result["n"].can_state
    assert result["s"].border is Border.STATED


def test_can_prove_needs_can_state_or_stated_for_the_fill() -> None:
    # can_prove is true (no dependencies) but the node is not ready to state: no fill.
    result = statuses(make_node("n", notready=True))["n"]
    assert result.can_prove
    assert result.fill is Fill.NONE


def test_unformalized_definition_ready_to_state_gets_the_can_prove_fill() -> None:
    result = statuses(make_node("d", env="definition", proof=False))["d"]
    assert result.fill is Fill.CAN_PROVE


def test_cycle_does_not_break_status_computation() -> None:
    result = statuses(
        make_node("a", uses=["b"], leanok=True, proof_leanok=True),
        make_node("b", uses=["a"], leanok=True, proof_leanok=True),
    )
    assert result["a"].fully_proved and result["b"].fully_proved
