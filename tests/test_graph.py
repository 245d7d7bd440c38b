from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import pytest

from blueprint.analysis.graph import (
    DependencyGraph,
    build_graph,
    condense,
    cycle_diagnostics,
    induced,
    transitive_reduction,
)
from blueprint.model import EdgeKind, Node, Severity
from tests.helpers import as_networkx, make_node


def test_edges_go_from_dependency_to_user_with_their_kind() -> None:
    graph = build_graph(
        [make_node("a"), make_node("b", uses=["a"]), make_node("c", proof_uses=["b"])]
    )
    assert graph.kind("a", "b") is EdgeKind.STATEMENT
    assert graph.kind("b", "c") is EdgeKind.PROOF


def test_pair_used_in_statement_and_proof_is_one_statement_edge() -> None:
    graph = build_graph([make_node("a"), make_node("b", uses=["a"], proof_uses=["a"])])
    assert list(graph.edges()) == [("a", "b", EdgeKind.STATEMENT)]


def test_unknown_and_self_uses_make_no_edge() -> None:
    graph = build_graph([make_node("a", uses=["a", "missing"])])
    assert graph.number_of_edges() == 0


def test_transitive_reduction_drops_implied_edges_and_keeps_kinds() -> None:
    graph = build_graph(
        [make_node("a"), make_node("b", uses=["a"]), make_node("c", proof_uses=["a", "b"])]
    )
    reduced = transitive_reduction(graph)
    assert sorted(reduced.edges()) == [("a", "b", EdgeKind.STATEMENT), ("b", "c", EdgeKind.PROOF)]


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
    reduced = {(u, v) for u, v, _ in transitive_reduction(graph).edges()}
    assert {("a", "b"), ("b", "c"), ("c", "a")} <= reduced
    assert [(u, v) for u, v in reduced if v == "d"] == [("a", "d")]  # the first edge stands


def random_graph(size: int, p: float, seed: int, acyclic: bool = False) -> DependencyGraph:
    """A random graph, nodes named in an order unlike their numbers (order must not matter)."""
    reference = nx.gnp_random_graph(size, p, seed=seed, directed=True)
    names = [f"n{i}" for i in range(size)]
    random.Random(seed).shuffle(names)
    graph = DependencyGraph(names)
    for u, v in reference.edges:
        if not acyclic or u < v:
            graph.add_edge(
                names[u], names[v], EdgeKind.PROOF if (u + v) % 3 else EdgeKind.STATEMENT
            )
    return graph


SEEDS = range(6)


@pytest.mark.parametrize("seed", SEEDS)
def test_components_and_their_order_agree_with_networkx(seed: int) -> None:
    graph = random_graph(90, 0.025, seed)
    reference = as_networkx(graph)
    condensation = condense(graph)
    assert {frozenset(c) for c in condensation.components} == {
        frozenset(c) for c in nx.strongly_connected_components(reference)
    }
    assert any(len(c) > 1 for c in condensation.components)  # the case worth testing
    position = {node_id: index for index, node_id in enumerate(graph)}
    for members in condensation.components:  # members in graph order
        assert list(members) == sorted(members, key=position.__getitem__)
    component_of = condensation.component_of
    for u, v, _ in graph.edges():  # every edge goes forward (or stays in its component)
        assert component_of[u] <= component_of[v]
        if component_of[u] != component_of[v]:
            assert component_of[u] in condensation.parents[component_of[v]]
            assert component_of[v] in condensation.children[component_of[u]]


@pytest.mark.parametrize("seed", SEEDS)
def test_reach_and_paths_agree_with_networkx(seed: int) -> None:
    graph = random_graph(120, 0.02 + seed / 200, seed)
    reference = as_networkx(graph)
    reach = graph.reach()
    for node in graph:
        assert reach.descendants(node) == reach.mask(nx.descendants(reference, node)), node
    pairs = random.Random(seed).sample([(u, v) for u in graph for v in graph], 300)
    for u, v in pairs:
        assert graph.has_path(u, v) == nx.has_path(reference, u, v)


@pytest.mark.parametrize("seed", SEEDS)
def test_reduction_agrees_with_networkx_on_random_dags(seed: int) -> None:
    dag = random_graph(80, 0.08, seed, acyclic=True)
    expected = nx.transitive_reduction(as_networkx(dag))
    reduced = transitive_reduction(dag)
    assert {(u, v) for u, v, _ in reduced.edges()} == set(expected.edges)
    assert all(kind is dag.kind(u, v) for u, v, kind in reduced.edges())


@pytest.mark.parametrize("seed", SEEDS)
def test_reduction_with_cycles_keeps_paths_between_components(seed: int) -> None:
    graph = random_graph(90, 0.025, seed)
    reduced = transitive_reduction(graph)
    reference, drawn = as_networkx(graph), as_networkx(reduced)
    # the same reachability, with one edge per pair of components and no implied one
    assert nx.transitive_closure(reference).edges == nx.transitive_closure(drawn).edges
    condensed = nx.condensation(reference)
    mapping = condensed.graph["mapping"]
    between = [(mapping[u], mapping[v]) for u, v in drawn.edges if mapping[u] != mapping[v]]
    assert sorted(between) == sorted(nx.transitive_reduction(condensed).edges)


def test_induced_keeps_order_edges_and_kinds() -> None:
    graph = build_graph(
        [make_node("a"), make_node("b", uses=["a"]), make_node("c", proof_uses=["a", "b"])]
    )
    sub = induced(graph, ["c", "a"])
    assert list(sub) == ["a", "c"]
    assert list(sub.edges()) == [("a", "c", EdgeKind.PROOF)]


def test_reach_follows_edges_added_after_it_was_asked() -> None:
    graph = DependencyGraph(["a", "b"])
    assert not graph.has_path("a", "b")
    graph.add_edge("a", "b", EdgeKind.PROOF)
    assert graph.has_path("a", "b")


def test_same_as_needs_the_same_nodes_edges_kinds_and_orders() -> None:
    def graph(*nodes: Node) -> DependencyGraph:
        return build_graph(nodes)

    base = graph(make_node("a"), make_node("b"), make_node("c", uses=["a", "b"]))
    assert base.same_as(graph(make_node("a"), make_node("b"), make_node("c", uses=["a", "b"])))
    # the same edges added in another order: `predecessors` lists them in that order
    assert not base.same_as(
        graph(make_node("a"), make_node("b"), make_node("c", uses=["b", "a"]))
    )
    assert not base.same_as(
        graph(make_node("a"), make_node("b"), make_node("c", uses=["a"], proof_uses=["b"]))
    )
    assert not base.same_as(graph(make_node("b"), make_node("a"), make_node("c", uses=["a", "b"])))
    assert not base.same_as(graph(make_node("a"), make_node("b"), make_node("c", uses=["a"])))


def test_a_watch_session_keeps_the_graph_while_the_edges_are_the_same(sample: Path) -> None:
    """With what it worked out of it (components, reachability)."""
    from blueprint.build import BuildCache, analyze

    cache = BuildCache()
    first = analyze(sample, cache=cache)
    chapter = sample / "blueprint" / "src" / "chapter" / "groups.tex"
    text = chapter.read_text()
    chapter.write_text(text.replace("\\begin{proof}", "\\begin{proof}\nWords. ", 1))
    again = analyze(sample, cache=cache)
    assert again.blueprint is not first.blueprint and again.graph is first.graph
    chapter.write_text(text.replace("\\begin{proof}", "\\begin{proof}\\uses{thm:euclid}", 1))
    changed = analyze(sample, cache=cache)
    assert changed.graph is not first.graph
    assert changed.graph.same_as(build_graph(changed.nodes))
