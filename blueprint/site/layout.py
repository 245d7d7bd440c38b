"""Graph layout with Graphviz dot (pygraphviz), run in a subprocess that can be timed out.

The result is pure geometry (node boxes and edge paths), cached on disk by a hash of
the graph's structure: a rebuild that changes no node and no edge does no layout, and a
status change only recolours.

Run as `python -m blueprint.site.layout`: reads a layout request (JSON) on stdin, writes the
geometry (JSON) on stdout.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from blueprint.model import BlueprintError

LAYOUT_VERSION = "7"  # bump when the geometry format, the settings, the labels or the fit change
FONT_SIZE = 12.0
POINTS_PER_INCH = 72.0
#: an edge's path (`M`, `C`, `L`, "x,y" points: see `_path`) with only its numbers left
_SPACED = str.maketrans("MCL,", "    ")


@dataclass(frozen=True)
class LayoutNode:
    """A node as dot sees it: its name, its label and its shape."""

    id: str
    label: str
    shape: str  # "box" | "ellipse"
    width: float = 0.0  # points; 0: as wide and high as the label needs
    height: float = 0.0


@dataclass(frozen=True)
class LayoutEdge:
    """An edge to lay out; dashed when the use is in the statement."""

    source: str
    target: str
    dashed: bool


@dataclass(frozen=True)
class NodeBox:
    """Where a node was placed: its centre and size, in points, y downwards."""

    id: str
    x: float  # centre, SVG coordinates (y down), points
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class EdgePath:
    """An edge as drawn: an SVG path and its arrowhead."""

    source: str
    target: str
    dashed: bool
    path: str  # SVG path data of the spline
    arrow: str  # SVG points of the arrowhead polygon ("" when none)

    def bounds(self) -> tuple[float, float, float, float]:
        """Left, top, right, bottom of a box that holds the edge (its points and control
        points: a Bézier curve lies inside their hull)."""
        numbers = [float(v) for v in (self.path + " " + self.arrow).translate(_SPACED).split()]
        xs, ys = numbers[0::2], numbers[1::2]
        return (min(xs), min(ys), max(xs), max(ys))


@dataclass(frozen=True)
class Layout:
    """A laid-out graph, and the dot settings that produced it."""

    width: float
    height: float
    nodes: tuple[NodeBox, ...]
    edges: tuple[EdgePath, ...]
    settings: str  # which dot settings were used, in words

    def to_json(self) -> str:
        """What `dataclasses.asdict` would give, made directly (a tenth of the calls)."""
        return json.dumps(
            {
                **vars(self),
                "nodes": [vars(node) for node in self.nodes],
                "edges": [vars(edge) for edge in self.edges],
            },
            sort_keys=True,
        )

    @staticmethod
    def from_json(text: str) -> Layout:
        data = json.loads(text)
        return Layout(
            width=data["width"],
            height=data["height"],
            nodes=tuple(NodeBox(**n) for n in data["nodes"]),
            edges=tuple(EdgePath(**e) for e in data["edges"]),
            settings=data["settings"],
        )


#: above this many nodes dot is not tried at all: it would take many minutes
DOT_LIMIT = 6000
#: seconds dot may take before the fast layered layout is used instead. A whole build must
#: stay under a minute: dot takes 36-57 s on 5,000 nodes here (2 cores) and the other
#: stages 4 s, so a slow run of dot gives way to the layered layout at 45 s.
DEFAULT_TIMEOUT = 45.0


#: in a graph of more nodes than this (one dot lays out in a worker of its own, with faster
#: settings), the nodes without an edge are set in rows beside dot's drawing of the others
UNLINKED_IN_ROWS_ABOVE = 400


def dot_arguments(node_count: int) -> tuple[list[str], str]:
    """dot settings chosen by size: exact for small graphs, faster knobs for large ones.

    Figures behind the thresholds are in ../shared/notes/environment.md: dot grows about
    N^2.5; the network-simplex limits halve it, the rest gives ~3x at thousands of nodes.
    Above 800 nodes a graph is a whole blueprint's overview (the graph page opens on the
    chapters' one at that size), and straight edges with fewer crossing passes make it in
    less than half the time: PrimeNumberTheoremAnd's 940 nodes 0.46 s instead of 1.0-1.1 s,
    the longest step of its cold build.
    """
    if node_count <= 400:
        return [], "dot, default settings"
    fast = ["-Gnslimit=1", "-Gnslimit1=1"]
    if node_count <= 800:
        return fast, "dot, nslimit=1"
    return (
        [*fast, "-Gmclimit=0.1", "-Gremincross=false", "-Gsplines=line"],
        "dot, fast settings for a large graph",
    )


def request_for(
    nodes: Sequence[LayoutNode], edges: Sequence[LayoutEdge]
) -> dict[str, object]:
    args, settings = dot_arguments(len(nodes))
    return {
        "version": LAYOUT_VERSION,
        "args": args,
        "settings": settings,
        "unlinked_in_rows": len(nodes) > UNLINKED_IN_ROWS_ABOVE,
        "nodes": [[n.id, n.label, n.shape, n.width, n.height] for n in nodes],
        "edges": [[e.source, e.target, e.dashed] for e in edges],
    }


@dataclass(frozen=True)
class LayoutJob:
    """One graph to lay out."""

    nodes: Sequence[LayoutNode]
    edges: Sequence[LayoutEdge]


def layout_graph(
    nodes: Sequence[LayoutNode],
    edges: Sequence[LayoutEdge],
    cache_dir: Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> tuple[Layout, bool]:
    """Lay one graph out; see `layout_graphs`."""
    return layout_graphs([LayoutJob(nodes, edges)], cache_dir, timeout)[0]


def layout_graphs(
    jobs: Sequence[LayoutJob],
    cache_dir: Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[tuple[Layout, bool]]:
    """Lay graphs out, each from the cache when its structure was laid out before.

    The others go to dot in worker subprocesses (large graphs alone, small ones together,
    as many at once as there are cores) that are stopped after `timeout` seconds; a graph
    dot could not finish in time gets the fast layered layout instead, and that result is
    cached too, so the next build does not wait again. Returns (layout, from the cache).
    """
    return PendingLayouts(jobs, cache_dir, timeout).results()


class PendingLayouts:
    """Layouts under way: dot works in its processes while the caller does other work."""

    def __init__(
        self,
        jobs: Sequence[LayoutJob],
        cache_dir: Path | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        from blueprint.site.layered import layered_layout

        self.jobs, self.timeout = jobs, timeout
        payloads = [json.dumps(request_for(j.nodes, j.edges), sort_keys=True) for j in jobs]
        self.files = [_cache_file(cache_dir, payload) for payload in payloads]
        self.done: list[tuple[Layout, bool] | None] = [_read_cached(f) for f in self.files]
        for_dot = []
        for index, result in enumerate(self.done):
            size = len(jobs[index].nodes)
            if result is not None:
                continue
            if size > DOT_LIMIT:
                reason = f"layered layout ({size} nodes are too many for dot)"
                self._finish(index, layered_layout(jobs[index].nodes, jobs[index].edges, reason))
            else:
                for_dot.append(index)
        self.running = [
            (batch, _start_worker([payloads[i] for i in batch]))
            for batch in _batches(for_dot, jobs)
        ]
        self.started = time.monotonic()

    def results(self) -> list[tuple[Layout, bool]]:
        """Wait for dot (what is left of the timeout) and return every layout, in order."""
        return [self.result(index) for index in range(len(self.jobs))]

    def result(self, index: int) -> tuple[Layout, bool]:
        """The layout of job `index`, waiting only for the worker that makes it."""
        found = self.done[index]
        if found is None:
            batch, process = next(run for run in self.running if index in run[0])
            self.running.remove((batch, process))
            self._collect(batch, process)
            found = self.done[index]
            assert found is not None
        return found

    def _collect(self, batch: list[int], process: subprocess.Popen[str]) -> None:
        from blueprint.site.layered import layered_layout

        left = max(0.0, self.timeout - (time.monotonic() - self.started))
        try:
            output, errors = process.communicate(timeout=left)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            reason = f"layered layout (dot took over {self.timeout:.0f} s)"
            for index in batch:
                job = self.jobs[index]
                self._finish(index, layered_layout(job.nodes, job.edges, reason))
            return
        if process.returncode != 0:
            detail = errors.strip().splitlines()[-1:] or ["no message"]
            raise BlueprintError(f"graph layout failed: {detail[0]}")
        for index, text in zip(batch, json.loads(output), strict=True):
            self._finish(index, Layout.from_json(text), text)

    def finishes_last(self) -> list[int]:
        """The jobs in the order their layouts are likely ready: from the cache, then those
        of small graphs, then each large graph (its worker is the last to finish)."""
        alone = {batch[0] for batch, _ in self.running if _alone(self.jobs, batch)}
        return sorted(range(len(self.jobs)), key=lambda i: (i in alone, i))

    def _finish(self, index: int, layout: Layout, text: str | None = None) -> None:
        """Keep a layout dot or the layered layout made, and cache it (`text`: its JSON,
        when the worker wrote it already)."""
        self.done[index] = (layout, False)
        _write_cached(self.files[index], text if text is not None else layout.to_json())


def _cache_file(cache_dir: Path | None, payload: str) -> Path | None:
    if cache_dir is None:
        return None
    return cache_dir / "layout" / f"{hashlib.sha256(payload.encode()).hexdigest()}.json"


def _read_cached(path: Path | None) -> tuple[Layout, bool] | None:
    if path is None or not path.is_file():
        return None
    try:
        return Layout.from_json(path.read_text(encoding="utf-8")), True
    except (ValueError, KeyError, TypeError):
        return None  # a damaged cache entry is laid out again


def _write_cached(path: Path | None, text: str) -> None:
    """Cache a layout's JSON (`Layout.to_json`)."""
    if path is None:
        return
    temporary = path.with_suffix(f".tmp{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass  # a cache that cannot be written (a read-only project) only costs time


#: a graph of more nodes than this is laid out by a worker of its own
ALONE_ABOVE = 400


def _alone(jobs: Sequence[LayoutJob], batch: Sequence[int]) -> bool:
    """Whether `batch` is a large graph's, laid out alone (see `_batches`)."""
    return len(batch) == 1 and len(jobs[batch[0]].nodes) > ALONE_ABOVE


def _batches(indices: Sequence[int], jobs: Sequence[LayoutJob]) -> list[list[int]]:
    """Large graphs alone (each may time out on its own), small ones shared between the
    workers left: a large graph takes a core to itself, and is what the build waits for
    (PrimeNumberTheoremAnd's whole graph, 940 nodes, 0.5-0.8 s of dot, while its 11
    chapter graphs take 0.5-0.7 s together), so a worker more for the small ones would
    only slow it down."""
    workers = max(1, min(os.cpu_count() or 1, 4))
    large = [[i] for i in indices if len(jobs[i].nodes) > ALONE_ABOVE]
    small = [i for i in indices if len(jobs[i].nodes) <= ALONE_ABOVE]
    slots = max(1, workers - len(large))
    shared: list[list[int]] = [[] for _ in range(min(slots, len(small)))]
    for position, index in enumerate(sorted(small, key=lambda i: -len(jobs[i].nodes))):
        shared[position % len(shared)].append(index)
    return large + shared


class _Prewarmed:
    """A worker started ahead of need, so that loading Python and Graphviz (about 0.2 s)
    overlaps the reading of the blueprint. It exits by itself if it is never used."""

    process: subprocess.Popen[str] | None = None


def prewarm() -> None:
    """Start a layout worker now; the next layout that needs dot will use it."""
    if _Prewarmed.process is None:
        _Prewarmed.process = _spawn()


def _spawn() -> subprocess.Popen[str]:
    """A worker that runs this very code: the folder this package was imported from comes
    first on its path, and the working folder not at all (`-P`). With `python -m` alone the
    working folder would come first, and a `blueprint` package there (a checkout of another
    version of this tool) would lay the graphs out instead."""
    here = str(Path(__file__).resolve().parents[2])
    path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p)
    return subprocess.Popen(
        [sys.executable, "-P", "-m", "blueprint.site.layout"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": path},
    )


def _start_worker(payloads: Sequence[str]) -> subprocess.Popen[str]:
    """A worker given its requests. They are written by a thread of their own: requests
    larger than the pipe's buffer (64 KB: a graph of 450 nodes, or a worker's share of the
    small ones) would otherwise keep the build waiting until the new worker has loaded
    Python and Graphviz and reads them."""
    process, _Prewarmed.process = _Prewarmed.process, None
    if process is None or process.poll() is not None:
        process = _spawn()
    stdin, process.stdin = process.stdin, None  # communicate() must not write to it
    assert stdin is not None
    request = "[" + ",".join(payloads) + "]"
    threading.Thread(target=_send, args=(stdin, request), daemon=True).start()
    return process


def _send(stdin: IO[str], request: str) -> None:
    """Write a worker's requests and close its input; a worker that died meanwhile (its
    exit status says why) or was stopped at the timeout has nothing to read them."""
    try:
        stdin.write(request)
        stdin.close()
    except (BrokenPipeError, OSError, ValueError):
        pass


# ---------------------------------------------------------------- worker side


def compute_layout(request: dict[str, Any]) -> Layout:
    """Run dot on the request in this process (called in the worker subprocess).

    With `unlinked_in_rows`, the nodes no edge touches are left out of dot's drawing and
    set in rows beside it (`_beside`): to dot each is a component to pack with the others,
    and packing PrimeNumberTheoremAnd's whole graph (98 such nodes, 106 components) took
    11% of dot's instructions there; dot only sizes their labels, in a graph of their own."""
    nodes, edges = request["nodes"], request["edges"]
    shape = fit_to_screen(nodes, edges)
    internal = {node[0]: f"n{index}" for index, node in enumerate(nodes)}
    linked = {end for edge in edges for end in edge[:2]}
    apart = [n for n in nodes if n[0] not in linked] if request.get("unlinked_in_rows") else []
    drawn = [n for n in nodes if n[0] in linked] if apart else nodes
    graph = _dot_graph(drawn, internal)
    if shape.components - len(apart) > 1:  # side by side they make a strip: packed, a block
        graph.graph_attr.update(pack="true", packmode="graph")
    for index, (source, target, _dashed) in enumerate(edges):
        minlen = shape.minlen.get(index)
        extra = {"minlen": str(minlen)} if minlen else {}
        graph.add_edge(internal[source], internal[target], key=str(index), **extra)
    width = height = 0.0
    if drawn:
        graph.layout(prog="dot", args=" ".join(request["args"]))
        _, _, width, height = (float(v) for v in graph.graph_attr["bb"].split(","))
    boxes = {node[0]: _box(graph, node[0], internal[node[0]], height) for node in drawn}
    paths = []
    for index, (source, target, dashed) in enumerate(edges):
        edge = graph.get_edge(internal[source], internal[target], key=str(index))
        path, arrow = _edge_geometry(edge.attr["pos"], height)
        paths.append(EdgePath(source, target, bool(dashed), path, arrow))
    if apart:
        sizes = _dot_graph(apart, internal)  # dot sizes their labels: no edges, no packing
        sizes.layout(prog="dot")
        alone = [_box(sizes, node[0], internal[node[0]], 0.0) for node in apart]
        placed, width, height = _beside(width, height, alone)
        boxes.update((box.id, box) for box in placed)
    return Layout(
        width=round(width, 2),
        height=round(height, 2),
        nodes=tuple(boxes[node[0]] for node in nodes),
        edges=tuple(paths),
        settings=request["settings"],
    )


def _dot_graph(nodes: Sequence[Sequence[Any]], internal: dict[str, str]) -> Any:
    """A pygraphviz graph of these nodes (named as in `internal`), in our style."""
    import pygraphviz

    graph = pygraphviz.AGraph(directed=True, strict=False)
    graph.graph_attr.update(rankdir="TB", nodesep="0.3", ranksep="0.6")
    graph.node_attr.update(fontname="Helvetica", fontsize=str(FONT_SIZE), margin="0.08,0.04")
    for node_id, label, shape_name, width, height in nodes:
        name = internal[node_id]
        graph.add_node(name, label=_escape_label(label), shape=shape_name)
        if width:
            graph.get_node(name).attr.update(
                fixedsize="true",
                width=str(width / POINTS_PER_INCH),
                height=str(height / POINTS_PER_INCH),
            )
    return graph


def _box(graph: Any, node_id: str, name: str, height: float) -> NodeBox:
    """Where dot put a node, y turned downwards in a drawing `height` high."""
    node = graph.get_node(name)
    x, y = (float(v) for v in node.attr["pos"].split(","))
    return NodeBox(
        id=node_id,
        x=round(x, 2),
        y=round(height - y, 2),
        width=round(float(node.attr["width"]) * POINTS_PER_INCH, 2),
        height=round(float(node.attr["height"]) * POINTS_PER_INCH, 2),
    )


def _beside(
    width: float, height: float, alone: Sequence[NodeBox]
) -> tuple[list[NodeBox], float, float]:
    """Set nodes (only their sizes count) in rows, in order, below a drawing `width` by
    `height` (rows as wide as it) or right of it (rows as narrow as its height allows),
    whichever comes nearer TARGET_ASPECT; without a drawing, in the rows that come nearest.
    Returns the nodes placed and the new width and height."""
    widest = max(box.width for box in alone)
    one_row = sum(box.width + _NODE_SPACING for box in alone)
    row_widths = [widest]
    while row_widths[-1] < one_row:
        row_widths.append(row_widths[-1] * 1.2)
    options = []  # (row width, left and top of the rows, total width and height)
    for row_width in row_widths:
        rows_width, rows_height = _rows(alone, row_width)[1:]
        if not height:
            options.append((row_width, 0.0, 0.0, rows_width, rows_height))
        elif rows_height <= height:
            right = width + _RANK_GAP
            options.append((row_width, right, 0.0, right + rows_width, height))
            break
    if height:
        row_width = max(width, widest)
        rows_width, rows_height = _rows(alone, row_width)[1:]
        below = height + _RANK_GAP
        options.append((row_width, 0.0, below, max(width, rows_width), below + rows_height))
    row_width, left, top, total_width, total_height = min(
        options, key=lambda o: abs(math.log(o[3] / o[4] / TARGET_ASPECT))
    )
    placed = [
        NodeBox(box.id, round(left + x + box.width / 2, 2), round(top + y + box.height / 2, 2),
                box.width, box.height)
        for box, (x, y) in zip(alone, _rows(alone, row_width)[0], strict=True)
    ]
    return placed, total_width, total_height


def _rows(
    boxes: Sequence[NodeBox], row_width: float
) -> tuple[list[tuple[float, float]], float, float]:
    """The top left corner of each box set in rows no wider than `row_width` (unless one
    box is), spaced like dot's nodes; and the width and height of them all."""
    corners = []
    x = y = row_height = block_width = 0.0
    for box in boxes:
        if x and x + box.width > row_width:
            x, y, row_height = 0.0, y + row_height + _NODE_SPACING, 0.0
        corners.append((x, y))
        block_width = max(block_width, x + box.width)
        x += box.width + _NODE_SPACING
        row_height = max(row_height, box.height)
    return corners, block_width, y + row_height


#: a graph wider than this (width / height) is reshaped to come near TARGET_ASPECT, the
#: shape of a desktop window; a phone shows a part of it at a time, and the minimap where
WIDE_ASPECT = 1.3
TARGET_ASPECT = 1.0
_CHAR_WIDTH = FONT_SIZE * 0.58  # Helvetica, on average
_MARGINS = 2 * 0.08 * POINTS_PER_INCH  # a label's margins, left and right
_NODE_SPACING = 0.3 * POINTS_PER_INCH  # nodesep
_RANK_GAP = 0.6 * POINTS_PER_INCH  # ranksep
_RANK_HEIGHT = 36.0 + _RANK_GAP  # a node's height and ranksep


@dataclass(frozen=True)
class ScreenFit:
    """How a graph is laid out to fit a screen: its weakly connected components (packed
    into a block when more than one) and a minimum length for some edges (by index), which
    spreads a too-wide rank over several, as Graphviz's `unflatten` staggers leaves."""

    components: int
    minlen: dict[int, int]


def fit_to_screen(
    nodes: Sequence[Sequence[object]], edges: Sequence[Sequence[object]]
) -> ScreenFit:
    """Plan the layout of a graph (the request's nodes and edges) from its shape.

    Ranks are estimated as dot makes them (longest path from the sources, a source just above
    its first user), and each rank's width from its labels. A component whose estimate is
    wider than WIDE_ASPECT gets a row width at which it would come near TARGET_ASPECT; every
    rank wider than that is dealt out over as many ranks as it needs, the nodes with most
    edges first: a node goes down by its turn (its edges from its parents get longer), a
    source up (its edges to its users). Linear in nodes and edges (but a sort per rank);
    deterministic."""
    ids = [str(node[0]) for node in nodes]
    width = {
        str(node[0]): (_number(node[3]) or len(str(node[1])) * _CHAR_WIDTH + _MARGINS)
        + _NODE_SPACING
        for node in nodes
    }
    ins: dict[str, list[int]] = {n: [] for n in ids}
    outs: dict[str, list[int]] = {n: [] for n in ids}
    ends = [(str(edge[0]), str(edge[1])) for edge in edges]
    for index, (source, target) in enumerate(ends):
        if source != target:
            outs[source].append(index)
            ins[target].append(index)
    component = _components(ids, ends, ins, outs)
    rank = _ranks(ids, ends, ins, outs)
    rows: dict[tuple[int, int], list[str]] = {}
    for node_id in ids:
        rows.setdefault((component[node_id], rank[node_id]), []).append(node_id)
    minlen: dict[int, int] = {}
    for number in range(max(component.values(), default=-1) + 1):
        widths = {r: sum(width[n] for n in row) for (c, r), row in rows.items() if c == number}
        row_width = _row_width(list(widths.values()))
        if row_width is None:
            continue
        for r, total in widths.items():
            turns = -(-total // row_width)
            if turns < 2:
                continue
            # the nodes with the most edges stay in the first row, those with the fewest go
            # furthest: a node dealt t rows away lengthens each of its edges by t ranks, and
            # dot's time grows with the ranks its edges cross (PrimeNumberTheoremAnd's 940
            # nodes: 2.1-2.6 s dealt in document order, 1.1-1.2 s so)
            moved = sorted(rows[(number, r)], key=lambda n: -len(ins[n] or outs[n]))
            share = total / turns
            before = 0.0
            for node_id in moved:
                turn = min(int(turns) - 1, int(before / share))
                before += width[node_id]
                if not turn:
                    continue
                for index in ins[node_id] or outs[node_id]:
                    minlen[index] = max(minlen.get(index, 1), 1 + turn)
    return ScreenFit(max(component.values(), default=-1) + 1, minlen)


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _row_width(widths: list[float]) -> float | None:
    """The row width at which ranks of these widths, each dealt out over as many rows as it
    needs, come nearest TARGET_ASPECT; None when the graph is not too wide already."""
    if not widths or max(widths) / (len(widths) * _RANK_HEIGHT) <= WIDE_ASPECT:
        return None
    best, best_error = None, float("inf")
    row = max(widths)
    while row > 200.0:
        rows = sum(-(-w // row) for w in widths)
        error = abs(math.log(row / (rows * _RANK_HEIGHT) / TARGET_ASPECT))
        if error < best_error:
            best, best_error = row, error
        row *= 0.9
    return best


def _components(
    ids: list[str],
    ends: list[tuple[str, str]],
    ins: dict[str, list[int]],
    outs: dict[str, list[int]],
) -> dict[str, int]:
    component: dict[str, int] = {}
    for start in ids:
        if start in component:
            continue
        number = len(set(component.values()))
        component[start] = number
        stack = [start]
        while stack:
            node_id = stack.pop()
            for index in ins[node_id] + outs[node_id]:
                for other in ends[index]:
                    if other not in component:
                        component[other] = number
                        stack.append(other)
    return component


def _ranks(
    ids: list[str],
    ends: list[tuple[str, str]],
    ins: dict[str, list[int]],
    outs: dict[str, list[int]],
) -> dict[str, int]:
    """Longest path from the sources (what is left in a cycle follows in document order),
    then each source just above the highest of its users."""
    waiting = {n: len(ins[n]) for n in ids}
    order = [n for n in ids if not waiting[n]]
    placed = set(order)
    done = 0
    while len(order) < len(ids):
        while done < len(order):
            for index in outs[order[done]]:
                target = ends[index][1]
                waiting[target] -= 1
                if not waiting[target] and target not in placed:
                    placed.add(target)
                    order.append(target)
            done += 1
        if len(order) < len(ids):  # a cycle: take its first node in document order
            first = next(n for n in ids if n not in placed)
            placed.add(first)
            order.append(first)
    rank: dict[str, int] = {}
    for node_id in order:
        rank[node_id] = max(
            (rank[ends[i][0]] + 1 for i in ins[node_id] if ends[i][0] in rank), default=0
        )
    for node_id in ids:
        if not ins[node_id] and outs[node_id]:
            rank[node_id] = min(rank[ends[i][1]] for i in outs[node_id]) - 1
    return rank


def _escape_label(label: str) -> str:
    """A label Graphviz sizes as the literal text it is.

    Graphviz reads backslash escapes (\\n, \\N, ...) and HTML entities in labels, and
    pygraphviz turns a label that starts with `<` and ends with `>` into an HTML-like label,
    whose `<img src="...">` makes dot open any file named (a FIFO would stall the layout):
    backslashes are doubled, `&` and `<` written as entities, so no label is HTML-like."""
    return label.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;")


def _edge_geometry(pos: str, height: float) -> tuple[str, str]:
    """Turn a Graphviz edge `pos` ("e,x,y p0 p1 p2 p3 ...") into SVG path and arrowhead."""
    end: tuple[float, float] | None = None
    points: list[tuple[float, float]] = []
    for token in pos.split():
        if token.startswith("e,"):
            x, y = token[2:].split(",")
            end = (float(x), height - float(y))
        elif token.startswith("s,"):
            continue
        else:
            x, y = token.split(",")
            points.append((float(x), height - float(y)))
    if not points:
        return "", ""
    parts = [f"M{_pt(points[0])}"]
    rest = points[1:]
    for i in range(0, len(rest) - len(rest) % 3, 3):
        parts.append(f"C{_pt(rest[i])} {_pt(rest[i + 1])} {_pt(rest[i + 2])}")
    arrow = _arrowhead(points[-1], end) if end is not None else ""
    return " ".join(parts), arrow


def _arrowhead(start: tuple[float, float], tip: tuple[float, float]) -> str:
    dx, dy = tip[0] - start[0], tip[1] - start[1]
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / length, dy / length
    half = 3.5
    left = (start[0] - uy * half, start[1] + ux * half)
    right = (start[0] + uy * half, start[1] - ux * half)
    return f"{_pt(tip)} {_pt(left)} {_pt(right)}"


def _pt(point: tuple[float, float]) -> str:
    return f"{point[0]:.1f},{point[1]:.1f}"


def main() -> None:
    """Worker: a JSON list of requests on stdin, a JSON list of layouts on stdout."""
    import pygraphviz  # noqa: F401  (loaded before waiting: a prewarmed worker is ready)

    text = sys.stdin.read()
    if not text:
        return  # prewarmed, then not needed
    requests = json.loads(text)
    sys.stdout.write(json.dumps([compute_layout(r).to_json() for r in requests]))


if __name__ == "__main__":
    main()
