from __future__ import annotations

from dataclasses import replace

from blueprint.analysis.graph import build_graph
from blueprint.analysis.status import compute_statuses, formalization_from_annotations
from blueprint.analysis.tasks import TaskKind, blockers, main_results, progress, ready_tasks
from blueprint.model import Node
from tests.helpers import make_node


def analyse(nodes: list[Node]):  # type: ignore[no-untyped-def]
    graph = build_graph(nodes)
    formal = {node.id: formalization_from_annotations(node) for node in nodes}
    return graph, compute_statuses(nodes, graph, formal)


NODES = [
    # a definition everyone needs, not formalized yet: stating it unlocks three nodes
    make_node("group", env="definition", proof=False),
    make_node("lone", leanok=False),  # ready to state, unlocks nothing
    make_node("l1", uses=["group"]),
    make_node("l2", uses=["group"]),
    make_node("l3", uses=["group"], proof_uses=["l1"]),
    make_node("stated", leanok=True),  # stated, proof ready: a prove task
    make_node("main", uses=["l3"], proof_uses=["l2", "stated"]),
    make_node("vague", notready=True, uses=["group"]),
    make_node("after-vague", uses=["vague"]),
]


def test_tasks_are_the_ready_nodes_ranked_by_what_they_unlock() -> None:
    graph, statuses = analyse(NODES)
    tasks = ready_tasks(NODES, graph, statuses)
    assert [(t.node_id, t.kind) for t in tasks][:1] == [("group", TaskKind.STATE)]
    by_id = {t.node_id: t for t in tasks}
    assert by_id["group"].unlocks == 3  # l1, l2, l3 (vague is not ready by itself)
    assert by_id["lone"].unlocks == 0
    assert by_id["stated"].kind is TaskKind.PROVE
    assert by_id["stated"].main_results == 1
    assert "l1" not in by_id and "vague" not in by_id
    assert [t.node_id for t in tasks] == ["group", "stated", "lone"]


def test_a_stated_node_with_an_empty_proof_is_no_prove_task() -> None:
    stated = make_node("stated", leanok=True)
    assert stated.proof is not None
    nodes = [replace(stated, proof=replace(stated.proof, empty=True))]
    graph, statuses = analyse(nodes)
    assert ready_tasks(nodes, graph, statuses) == []


def test_blockers_are_not_ready_nodes_by_what_they_hold_up() -> None:
    graph, statuses = analyse(NODES)
    assert [(b.node_id, b.held_up) for b in blockers(NODES, graph, statuses)] == [("vague", 1)]


def test_main_result_chain_is_the_longest_unfinished_path() -> None:
    graph, statuses = analyse(NODES)
    results = {r.node_id: r for r in main_results(NODES, graph, statuses)}
    assert set(results) == {"main", "after-vague", "lone"}
    assert results["main"].chain == ("group", "l1", "l3", "main")
    assert not results["main"].done


def test_progress_counts_totals_and_chapters() -> None:
    nodes = [make_node("a", leanok=True, proof_leanok=True), make_node("b", leanok=True)]
    nodes[0].chapter = "One"
    nodes[1].chapter = "Two"
    _graph, statuses = analyse(nodes)
    rows = {row.label: row for row in progress(nodes, statuses)}
    assert (rows["All"].nodes, rows["All"].stated, rows["All"].proved) == (2, 2, 1)
    assert rows["One"].fully_proved == 1 and rows["Two"].fully_proved == 0


def test_percent_shows_100_only_for_all_and_0_only_for_none() -> None:
    from blueprint.analysis.tasks import percent

    assert percent(217, 218) == 99  # pfr with one sorry: not "100%"
    assert percent(1, 1000) == 1  # something done is not "0%"
    assert percent(218, 218) == 100 and percent(0, 218) == 0
    assert percent(0, 0) == 0
    assert percent(1, 3) == 33 and percent(1, 2) == 50 and percent(2, 3) == 67
    assert all(0 < percent(k, n) < 100 for n in range(2, 400) for k in range(1, n))


def test_progress_columns_nest_and_an_unformalized_definition_is_not_done() -> None:
    # leanblueprint counts every definition as proved when it colours a node fully proved: a
    # theorem whose only ancestor is a definition never formalized is drawn so, but it is not
    # fully formalized, nor is that definition.
    nodes = [
        make_node("def", env="definition", proof=False),
        make_node("thm", uses=["def"], leanok=True, proof_leanok=True),
        make_node("own", leanok=True, proof_leanok=True),
        make_node("proof-only", proof_leanok=True),  # a proof \leanok, its statement not
    ]
    _graph, statuses = analyse(nodes)
    assert statuses["thm"].fully_proved  # leanblueprint's colour, kept
    assert not statuses["thm"].done_down and statuses["thm"].done
    assert not statuses["def"].done and not statuses["def"].done_down
    assert statuses["own"].done_down
    assert not statuses["proof-only"].done
    total = progress(nodes, statuses)[0]
    assert (total.stated, total.proved, total.fully_proved) == (2, 2, 1)
