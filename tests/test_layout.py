from __future__ import annotations

import itertools
import json
from dataclasses import asdict
from pathlib import Path

import pytest

from blueprint.site import layout as layout_module
from blueprint.site.layout import (
    EdgePath,
    Layout,
    LayoutEdge,
    LayoutNode,
    NodeBox,
    ScreenFit,
    compute_layout,
    dot_arguments,
    fit_to_screen,
    layout_graph,
    request_for,
)

NODES = [
    LayoutNode("def:group", "def:group", "box"),
    LayoutNode('lemma "quoted" <b>&', 'lemma "quoted" <b>&', "ellipse"),
    LayoutNode("thm\\n", "thm\\n", "ellipse"),
]
EDGES = [
    LayoutEdge("def:group", 'lemma "quoted" <b>&', True),
    LayoutEdge('lemma "quoted" <b>&', "thm\\n", False),
    LayoutEdge("def:group", "thm\\n", False),
]


def test_layout_places_every_node_inside_the_drawing_top_to_bottom(tmp_path: Path) -> None:
    layout, cached = layout_graph(NODES, EDGES, tmp_path)
    assert not cached
    boxes = {box.id: box for box in layout.nodes}
    assert set(boxes) == {n.id for n in NODES}
    for box in boxes.values():
        assert box.x - box.width / 2 >= 0 and box.x + box.width / 2 <= layout.width + 0.5
        assert box.y - box.height / 2 >= 0 and box.y + box.height / 2 <= layout.height + 0.5
    # Dependencies are above their users (rank direction top to bottom).
    assert boxes["def:group"].y < boxes['lemma "quoted" <b>&'].y < boxes["thm\\n"].y
    assert [(e.source, e.target, e.dashed) for e in layout.edges] == [
        (e.source, e.target, e.dashed) for e in EDGES
    ]
    assert all(e.path.startswith("M") and e.arrow for e in layout.edges)


def test_second_layout_of_the_same_structure_comes_from_the_cache(tmp_path: Path) -> None:
    first, _ = layout_graph(NODES, EDGES, tmp_path)
    second, cached = layout_graph(NODES, EDGES, tmp_path)
    assert cached and second == first
    _, cached_after_change = layout_graph(NODES, EDGES[:2], tmp_path)
    assert not cached_after_change


def test_damaged_cache_entry_is_laid_out_again(tmp_path: Path) -> None:
    layout_graph(NODES, EDGES, tmp_path)
    for entry in (tmp_path / "layout").iterdir():
        entry.write_text("{not json")
    layout, cached = layout_graph(NODES, EDGES, tmp_path)
    assert not cached and len(layout.nodes) == 3


def test_layout_is_deterministic(tmp_path: Path) -> None:
    a, _ = layout_graph(NODES, EDGES, None)
    b, _ = layout_graph(NODES, EDGES, None)
    assert a.to_json() == b.to_json()


def test_the_cache_holds_the_layout_as_to_json_writes_it(tmp_path: Path) -> None:
    """The parent caches the JSON the dot worker sent as it is: it must be what `to_json`
    makes of the layout (every field, as `dataclasses.asdict` would give them)."""
    layout, _ = layout_graph(NODES, EDGES, tmp_path)
    [entry] = (tmp_path / "layout").iterdir()
    text = entry.read_text(encoding="utf-8")
    assert text == layout.to_json() == json.dumps(asdict(layout), sort_keys=True)
    assert Layout.from_json(text) == layout


def test_an_edge_is_bounded_by_its_points_and_its_arrowhead() -> None:
    path, arrow = "M1.5,2.0 C-3.0,4.5 6.0,-1.0 2.0,3.0", "2.0,7.5 1.0,3.0 3.0,3.0"
    curve = EdgePath("a", "b", False, path, arrow)
    assert curve.bounds() == (-3.0, -1.0, 6.0, 7.5)
    straight = EdgePath("a", "b", True, "M10.0,-2.5 L4.0,8.0", "")  # the layered layout's
    assert straight.bounds() == (4.0, -2.5, 10.0, 8.0)


@pytest.mark.parametrize(("size", "fast", "straight"), [
    (100, False, False), (700, True, False), (900, True, True), (3000, True, True),
])
def test_large_graphs_get_faster_settings(size: int, fast: bool, straight: bool) -> None:
    args, _ = dot_arguments(size)
    assert bool(args) is fast
    assert ("-Gsplines=line" in args) is straight  # a whole blueprint's overview


def test_layered_layout_puts_dependencies_above_and_never_overlaps() -> None:
    from blueprint.site.layered import layered_layout

    nodes = [LayoutNode(f"n{i}", f"label {i}", "ellipse") for i in range(60)]
    edges = [
        LayoutEdge(f"n{i}", f"n{j}", (i + j) % 2 == 0)
        for i in range(60)
        for j in (i + 1, i + 7)
        if j < 60
    ]
    edges.append(LayoutEdge("n59", "n58", False))  # a cycle does not break it
    layout = layered_layout(nodes, edges, "layered")
    boxes = {box.id: box for box in layout.nodes}
    assert len(boxes) == 60
    for edge in edges[:-1]:
        if {edge.source, edge.target} != {"n58", "n59"}:
            assert boxes[edge.source].y < boxes[edge.target].y
    rows: dict[float, list] = {}
    for box in layout.nodes:
        rows.setdefault(box.y, []).append(box)
    for row in rows.values():
        row.sort(key=lambda b: b.x)
        for left, right in itertools.pairwise(row):
            assert left.x + left.width / 2 <= right.x - right.width / 2
    assert len(layout.edges) == len(edges) and all(e.arrow for e in layout.edges)


def test_dot_that_takes_too_long_is_replaced_by_the_layered_layout(tmp_path: Path) -> None:
    layout, cached = layout_graph(NODES, EDGES, tmp_path, timeout=0.001)
    assert layout.settings.startswith("layered layout (dot took over")
    again, cached = layout_graph(NODES, EDGES, tmp_path, timeout=0.001)
    assert cached and again == layout  # the next build does not wait for dot again


def test_many_small_graphs_share_a_few_dot_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import blueprint.site.layout as layout

    spawned = []
    original = layout._spawn

    def counting_spawn():  # type: ignore[no-untyped-def]
        spawned.append(1)
        return original()

    monkeypatch.setattr(layout, "_spawn", counting_spawn)
    jobs = [layout.LayoutJob(NODES[: 1 + i % 3], EDGES[: i % 3]) for i in range(12)]
    results = layout.layout_graphs(jobs, None)
    assert len(results) == 12 and not any(cached for _, cached in results)
    assert len(spawned) <= min(os.cpu_count() or 1, 4)


def _star(leaves: int, both: int) -> tuple[list[LayoutNode], list[LayoutEdge]]:
    """`leaves` statements that use one definition; the last `both` of them use a second."""
    nodes = [LayoutNode("def:a", "def:a", "box"), LayoutNode("def:b", "def:b", "box")]
    edges = []
    for i in range(leaves):
        nodes.append(LayoutNode(f"lem:{i}", f"lem:{i}", "ellipse"))
        edges.append(LayoutEdge("def:a", f"lem:{i}", False))
        if i >= leaves - both:
            edges.append(LayoutEdge("def:b", f"lem:{i}", False))
    return nodes, edges


def _request(nodes: list[LayoutNode], edges: list[LayoutEdge]) -> tuple[list[list[object]], ...]:
    return ([[n.id, n.label, n.shape, n.width, n.height] for n in nodes],
            [[e.source, e.target, e.dashed] for e in edges])


def test_a_too_wide_rank_is_dealt_out_over_several_to_fit_a_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nodes, edges = _star(80, 0)
    fit = fit_to_screen(*_request(nodes, edges))
    assert fit.minlen and all(v >= 2 for v in fit.minlen.values())
    fitted = compute_layout(request_for(nodes, edges))
    monkeypatch.setattr(layout_module, "fit_to_screen", lambda n, e: ScreenFit(2, {}))
    one_rank = compute_layout(request_for(nodes, edges))
    # 80 labels in one rank: some 20 times wider than high; dealt out over rows, a fifth
    # of that (the edges to the lower rows take room in the rows they cross)
    assert one_rank.width / one_rank.height > 15
    assert fitted.width / fitted.height < one_rank.width / one_rank.height / 4
    assert len({box.y for box in fitted.nodes if box.id.startswith("lem:")}) >= 4


def test_the_nodes_with_most_edges_stay_in_the_first_row_of_a_dealt_out_rank() -> None:
    # each row a node goes down lengthens all its edges: the ones with two stay on top
    nodes, edges = _star(80, 6)
    fit = fit_to_screen(*_request(nodes, edges))
    moved = {edges[i].target for i in fit.minlen}
    two_edges = {f"lem:{i}" for i in range(74, 80)}
    assert moved and not moved & two_edges
    assert fit == fit_to_screen(*_request(nodes, edges))  # deterministic
    layout, _ = layout_graph(nodes, edges, None)
    boxes = {box.id: box for box in layout.nodes}
    first_row = min(boxes[f"lem:{i}"].y for i in range(80))
    assert all(boxes[name].y == first_row for name in two_edges)


def test_the_layout_worker_runs_this_code_whatever_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a folder holding another `blueprint` package (a checkout of another version): `python
    # -m` would import it first, and its layout worker would lay the graphs out
    fake = tmp_path / "blueprint" / "site"
    fake.mkdir(parents=True)
    (tmp_path / "blueprint" / "__init__.py").write_text("")
    (fake / "__init__.py").write_text("")
    (fake / "layout.py").write_text("import sys\nsys.exit('the other checkout')\n")
    monkeypatch.chdir(tmp_path)
    layout, _ = layout_graph(NODES, EDGES, None)
    assert {box.id for box in layout.nodes} == {n.id for n in NODES}


def _overlap(a: NodeBox, b: NodeBox) -> bool:
    return (abs(a.x - b.x) < (a.width + b.width) / 2
            and abs(a.y - b.y) < (a.height + b.height) / 2)


def _in_rows(nodes: list[LayoutNode], edges: list[LayoutEdge]) -> dict[str, object]:
    return {**request_for(nodes, edges), "unlinked_in_rows": True}


def _chains(count: int, length: int) -> tuple[list[LayoutNode], list[LayoutEdge]]:
    nodes = [LayoutNode(f"c{c}-{i}", f"chain {c} step {i}", "ellipse")
             for c in range(count) for i in range(length)]
    edges = [LayoutEdge(f"c{c}-{i}", f"c{c}-{i + 1}", False)
             for c in range(count) for i in range(length - 1)]
    return nodes, edges


@pytest.mark.parametrize(("chains", "length", "alone"), [
    (3, 4, 40),  # a wide drawing: rows below it
    (1, 30, 25),  # a tall one: rows right of it
    (0, 0, 30),  # nothing but unlinked nodes
])
def test_unlinked_nodes_are_set_in_rows_beside_the_drawing(
    chains: int, length: int, alone: int
) -> None:
    linked, edges = _chains(chains, length)
    unlinked = [LayoutNode(f"u{i}", f"unlinked {'x' * (i % 7)} {i}", ("box", "ellipse")[i % 2])
                for i in range(alone)]
    unlinked.append(LayoutNode("sized", "sized", "box", 90.0, 50.0))
    nodes = unlinked[:5] + linked + unlinked[5:]  # document order, mixed
    layout = compute_layout(_in_rows(nodes, edges))
    assert [box.id for box in layout.nodes] == [n.id for n in nodes]
    for box in layout.nodes:  # (dot rounds: half a point either way)
        assert box.x - box.width / 2 >= -0.5 and box.x + box.width / 2 <= layout.width + 0.5
        assert box.y - box.height / 2 >= -0.5 and box.y + box.height / 2 <= layout.height + 0.5
    for a, b in itertools.combinations(layout.nodes, 2):
        assert not _overlap(a, b), (a, b)
    for edge in layout.edges:  # the drawing's edges stay inside it too
        left, top, right, bottom = edge.bounds()
        assert left >= -0.5 and top >= -0.5
        assert right <= layout.width + 0.5 and bottom <= layout.height + 0.5
    boxes = {box.id: box for box in layout.nodes}
    assert (boxes["sized"].width, boxes["sized"].height) == (90.0, 50.0)
    # sizes are dot's: as in a layout that leaves them to dot
    plain = {box.id: box for box in compute_layout(request_for(nodes, edges)).nodes}
    assert all((boxes[n.id].width, boxes[n.id].height) == (plain[n.id].width, plain[n.id].height)
               for n in nodes)
    if not edges:  # unlinked nodes only: rows that make a screen's shape
        assert 0.6 < layout.width / layout.height < 1.6
    assert compute_layout(_in_rows(nodes, edges)).to_json() == layout.to_json()


def test_unlinked_nodes_go_below_a_wide_drawing_and_right_of_a_tall_one() -> None:
    def placement(chains: int, length: int) -> tuple[bool, bool]:
        linked, edges = _chains(chains, length)
        unlinked = [LayoutNode(f"u{i}", f"u{i}", "box") for i in range(12)]
        layout = compute_layout(_in_rows(linked + unlinked, edges))
        boxes = {box.id: box for box in layout.nodes}
        drawing = [boxes[n.id] for n in linked]
        below = all(boxes[n.id].y > max(b.y + b.height for b in drawing) for n in unlinked)
        right = all(boxes[n.id].x > max(b.x + b.width for b in drawing) for n in unlinked)
        return below, right

    assert placement(12, 2) == (True, False)
    assert placement(1, 25) == (False, True)


def test_only_large_graphs_set_unlinked_nodes_apart() -> None:
    # a small graph keeps dot's default settings, and its layout as it was
    assert not request_for(*_star(398, 0))["unlinked_in_rows"]
    assert request_for(*_star(399, 0))["unlinked_in_rows"]
