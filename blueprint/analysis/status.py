"""Status rules: leanblueprint's exactly, fed by whatever says what is formalized.

Pure: takes nodes, the graph and per-node formalization facts; returns statuses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from blueprint.analysis.graph import DependencyGraph, condense
from blueprint.model import Border, Fill, Node


@dataclass(frozen=True)
class Formalization:
    """What is formalized of one node, wherever that knowledge comes from."""

    stated: bool  # the statement is formalized (leanblueprint: \leanok or \mathlibok)
    proved: bool  # the proof is formalized (false when there is no proof environment)
    mathlib: bool = False  # the statement is in Mathlib (\mathlibok)
    #: False when the Lean names could not be looked at (their sources are not in the
    #: checkout): nothing is known, `stated` and `proved` are false
    checked: bool = True


#: what is known of a node whose Lean sources are not in the checkout
NOT_CHECKED = Formalization(stated=False, proved=False, checked=False)


@dataclass(frozen=True)
class NodeStatus:
    """A node's colours and the facts they come from."""

    border: Border
    fill: Fill
    stated: bool
    can_state: bool
    can_prove: bool
    proved: bool
    fully_proved: bool  # leanblueprint's: it and its ancestors proved, any definition counting
    done: bool  # the statement formalized, and the proof unless a definition or in Mathlib
    done_down: bool  # done, and so is every node it depends on, directly or not
    checked: bool = True  # False: its Lean names could not be looked at (no colours)


class Stage(StrEnum):
    """Where a node is at, in one word, most finished first: what the site's filters, badges
    and progress bars show (see `stage`)."""

    MATHLIB = "mathlib"
    DONE = "done"
    PROVED = "proved"
    CAN_PROVE = "can_prove"
    STATED = "stated"
    CAN_STATE = "can_state"
    BLOCKED = "blocked"
    NOT_READY = "not_ready"
    NOT_CHECKED = "not_checked"  # its Lean sources are not in the checkout


def stage(status: NodeStatus) -> Stage:
    """The stage of a node of this status."""
    if not status.checked:
        return Stage.NOT_CHECKED
    if status.border is Border.MATHLIB:
        return Stage.MATHLIB
    if status.done_down:
        return Stage.DONE
    if status.done:
        return Stage.PROVED
    if status.stated:
        return Stage.CAN_PROVE if status.fill is Fill.CAN_PROVE else Stage.STATED
    if status.border is Border.CAN_STATE:
        return Stage.CAN_STATE
    if status.border is Border.NOT_READY:
        return Stage.NOT_READY
    return Stage.BLOCKED


def formalization_from_annotations(node: Node) -> Formalization:
    """leanblueprint's reading: `\\leanok`/`\\mathlibok` on the statement and on the proof."""
    statement = node.statement
    proof = node.proof
    return Formalization(
        stated=statement.leanok or statement.mathlibok,
        proved=proof is not None and (proof.leanok or proof.mathlibok),
        mathlib=statement.mathlibok,
    )


def not_checked(nodes: Sequence[Node]) -> dict[str, Formalization]:
    """What is known of the nodes when the Lean sources are not in the checkout: nothing of
    those that name Lean code (not checked); the others keep their annotations."""
    return {
        node.id: NOT_CHECKED if node.lean else formalization_from_annotations(node)
        for node in nodes
    }


def compute_statuses(
    nodes: Sequence[Node], graph: DependencyGraph, formal: Mapping[str, Formalization]
) -> dict[str, NodeStatus]:
    """Border and fill of every node, by leanblueprint's rules."""
    known = set(graph)
    fully = _fully_proved(nodes, graph, formal)
    done = {node.id: is_done(node, formal[node.id]) for node in nodes}
    done_down = _down(nodes, graph, done)
    statuses = {}
    for node in nodes:
        facts = formal[node.id]
        statement_deps = [dep for dep in node.statement.uses if dep in known]
        proof_deps = [] if node.proof is None else [d for d in node.proof.uses if d in known]
        can_state = (
            all(formal[dep].stated for dep in statement_deps) and not node.statement.notready
        )
        can_prove = node.has_proof and all(
            formal[dep].stated for dep in statement_deps + proof_deps
        )
        statuses[node.id] = NodeStatus(
            border=_border(node, facts, can_state) if facts.checked else Border.NONE,
            fill=_fill(node, facts, can_state, can_prove, fully[node.id])
            if facts.checked else Fill.NONE,
            stated=facts.stated,
            can_state=can_state,
            can_prove=can_prove,
            proved=facts.proved,
            fully_proved=fully[node.id],
            done=done[node.id],
            done_down=done_down[node.id],
            checked=facts.checked,
        )
    return statuses


def is_done(node: Node, facts: Formalization) -> bool:
    """Nothing left to formalize in the node itself: its statement, and its proof unless it
    is a definition or in Mathlib (a proof without its statement is not done)."""
    return facts.stated and (facts.proved or facts.mathlib or node.is_definition)


def _border(node: Node, facts: Formalization, can_state: bool) -> Border:
    if facts.mathlib:
        return Border.MATHLIB
    if facts.stated:
        return Border.STATED
    if can_state:
        return Border.CAN_STATE
    if node.statement.notready:
        return Border.NOT_READY
    return Border.NONE


def _fill(
    node: Node, facts: Formalization, can_state: bool, can_prove: bool, fully_proved: bool
) -> Fill:
    fill = Fill.NONE
    if facts.proved:
        fill = Fill.PROVED
    elif can_prove and (can_state or facts.stated):
        fill = Fill.CAN_PROVE
    if node.is_definition:
        if facts.stated:
            fill = Fill.DEFINED
        elif can_state:
            fill = Fill.CAN_PROVE
    elif fully_proved:
        fill = Fill.FULLY_PROVED
    return fill


def _fully_proved(
    nodes: Sequence[Node], graph: DependencyGraph, formal: Mapping[str, Formalization]
) -> dict[str, bool]:
    """leanblueprint's rule: a node is fully proved when it and all its ancestors are proved or
    are definitions (formalized or not)."""
    return _down(nodes, graph, {n.id: formal[n.id].proved or n.is_definition for n in nodes})


def _down(
    nodes: Sequence[Node], graph: DependencyGraph, own: Mapping[str, bool]
) -> dict[str, bool]:
    """Whether a node and all its ancestors have `own` true.

    Computed once per strongly connected component in topological order: linear time.
    """
    condensation = condense(graph)
    found: list[bool] = []
    for number, members in enumerate(condensation.components):
        found.append(all(own[m] for m in members)
                     and all(found[p] for p in condensation.parents[number]))
    return {node.id: found[condensation.component_of[node.id]] for node in nodes}
