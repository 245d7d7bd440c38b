from __future__ import annotations

from pathlib import Path

import pytest

from blueprint.layout import LayoutEdge, LayoutNode, dot_arguments, layout_graph

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


@pytest.mark.parametrize(("size", "fast"), [(100, False), (1000, True), (3000, True)])
def test_large_graphs_get_faster_settings(size: int, fast: bool) -> None:
    args, _ = dot_arguments(size)
    assert bool(args) is fast
