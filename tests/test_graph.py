from __future__ import annotations

from blueprint.graph import build_graph, cycle_diagnostics, transitive_reduction
from blueprint.model import EdgeKind, Severity
from tests.helpers import make_node


def test_edges_go_from_dependency_to_user_with_their_kind() -> None:
    graph = build_graph(
        [make_node("a"), make_node("b", uses=["a"]), make_node("c", proof_uses=["b"])]
    )
    assert graph.edges["a", "b"]["kind"] is EdgeKind.STATEMENT
    assert graph.edges["b", "c"]["kind"] is EdgeKind.PROOF


def test_pair_used_in_statement_and_proof_is_one_statement_edge() -> None:
    graph = build_graph([make_node("a"), make_node("b", uses=["a"], proof_uses=["a"])])
    assert list(graph.edges(data="kind")) == [("a", "b", EdgeKind.STATEMENT)]


def test_unknown_and_self_uses_make_no_edge() -> None:
    graph = build_graph([make_node("a", uses=["a", "missing"])])
    assert graph.number_of_edges() == 0


def test_transitive_reduction_drops_implied_edges_and_keeps_kinds() -> None:
    graph = build_graph(
        [make_node("a"), make_node("b", uses=["a"]), make_node("c", proof_uses=["a", "b"])]
    )
    reduced = transitive_reduction(graph)
    assert sorted(reduced.edges) == [("a", "b"), ("b", "c")]
    assert reduced.edges["b", "c"]["kind"] is EdgeKind.PROOF


def test_cycles_are_reported_and_reduction_still_works() -> None:
    nodes = [
        make_node("a", uses=["c"]),
        make_node("b", uses=["a"]),
        make_node("c", uses=["b"]),
        make_node("d", uses=["a", "c"]),
    ]
    graph = build_graph(nodes)
    diagnostics = cycle_diagnostics(graph, nodes)
    assert len(diagnostics) == 1
    assert diagnostics[0].severity is Severity.ERROR
    assert "a -> b -> c -> a" in diagnostics[0].message
    reduced = transitive_reduction(graph)
    assert {("a", "b"), ("b", "c"), ("c", "a")} <= set(reduced.edges)
    assert len([e for e in reduced.edges if e[1] == "d"]) == 1


def test_reduction_agrees_with_networkx_on_random_dags() -> None:
    import networkx as nx

    for seed in range(5):
        random_graph = nx.gnp_random_graph(80, 0.08, seed=seed, directed=True)
        dag = nx.DiGraph((f"n{u}", f"n{v}", {"kind": EdgeKind.PROOF})
                         for u, v in random_graph.edges if u < v)
        expected = nx.transitive_reduction(dag)
        assert set(transitive_reduction(dag).edges) == set(expected.edges)
